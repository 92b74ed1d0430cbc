/**
 * The POS benchmark page (test/bench/pos/run.mjs bundles it with esbuild and serves it on the hub's
 * own origin). It drives the real POS data layer (pwa/pos/data: Dexie on Chromium's IndexedDB, the
 * hub's device API over HTTP) and exposes one function per measurement on `window.posBench`. Every
 * timing is taken here with performance.now() (Chromium coarsens it to 0.1 ms); the driver turns
 * the lists into percentiles. The `fetch` handed to the data layer only observes: it passes every
 * request to the browser's fetch as is and notes the time to the response headers.
 */
import Dexie from "dexie";
import { skuFromTuple } from "../../../pwa/pos/data/catalog";
import type { CartLine, SaleDraft, Sku } from "../../../pwa/pos/data/contract";
import { PosDb } from "../../../pwa/pos/data/db";
import { createPosData, type PosDataHandle } from "../../../pwa/pos/data/index";
import { priceReceipt } from "../../../shared/receipt";

interface Observed {
  method: string;
  path: string;
  status: number;
  /** request start → response headers, ms */
  ms: number;
  /** request start, performance.now() */
  at: number;
}

const observed: Observed[] = [];
const pushAnswers = { accepted: 0, duplicate: 0, rejected: 0, unanswered: 0 };
let failedRequests = 0;

const observingFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, location.href);
  const method = init?.method ?? "GET";
  const at = performance.now();
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    failedRequests++;
    throw error;
  }
  observed.push({ method, path: url.pathname, status: response.status, ms: performance.now() - at, at });
  if (method === "POST" && url.pathname === "/api/pos/documents" && response.ok) {
    // a copy of the answer, read beside the data layer's own read
    void response
      .clone()
      .json()
      .then((raw) => {
        const answer = raw as { results?: { status: keyof typeof pushAnswers }[] };
        for (const r of answer.results ?? []) pushAnswers[r.status] = (pushAnswers[r.status] ?? 0) + 1;
      })
      .catch(() => pushAnswers.unanswered++);
  }
  return response;
};

function requestsSince(mark: number, path: string, method = "GET") {
  const list = observed.filter((o) => o.at >= mark && o.path === path && o.method === method);
  return { count: list.length, ms: list.reduce((t, o) => t + o.ms, 0), max: list.reduce((m, o) => Math.max(m, o.ms), 0), statuses: [...new Set(list.map((o) => o.status))].join("/") };
}

/** mulberry32 */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let data: PosDataHandle | null = null;
let dbName = "";
const pos = () => {
  if (!data) throw new Error("no PosData yet: call firstLoad first");
  return data;
};
const open = (name: string) => createPosData({ dbName: name, fetch: observingFetch, serviceWorker: false, autoSync: true });

const bench = {
  /** 1. A fresh device: open the empty database, pair, load the whole catalog, look one barcode up. */
  async firstLoad(pairingCode: string, probeBarcode: string, name: string) {
    dbName = name;
    const t0 = performance.now();
    data = await open(dbName);
    const tOpen = performance.now();
    let firstPageAt: number | null = null;
    const unsubscribe = data.subscribe(() => {
      if (firstPageAt === null && pos().status().catalog.loaded > 0) firstPageAt = performance.now();
    });
    await data.pair(pairingCode);
    const tPaired = performance.now();
    const found = data.findByBarcode(probeBarcode);
    const tReady = performance.now();
    unsubscribe();
    const status = data.status();
    return {
      openMs: tOpen - t0,
      readyMs: tReady - tOpen,
      pairCallMs: tPaired - tOpen,
      firstPageMs: firstPageAt === null ? null : firstPageAt - tOpen,
      found: found?.barcode === probeBarcode,
      loaded: status.catalog.loaded,
      total: status.catalog.total,
      ready: status.catalog.ready,
      pair: requestsSince(tOpen, "/api/pos/pair", "POST"),
      bootstrap: requestsSince(tOpen, "/api/pos/bootstrap"),
      catalog: requestsSince(tOpen, "/api/pos/catalog"),
    };
  },

  /**
   * The app starting again on a loaded device: open → catalog in memory → a barcode found; then
   * the first search at once, before the background task that builds the substring index has run,
   * so it builds the index itself.
   */
  async reopen(probeBarcode: string, query: string) {
    pos().close();
    data = null;
    const t0 = performance.now();
    data = await open(dbName);
    const found = data.findByBarcode(probeBarcode);
    const ms = performance.now() - t0;
    const t1 = performance.now();
    const hits = data.search(query).length;
    const firstSearchMs = performance.now() - t1;
    return { ms, found: found?.barcode === probeBarcode, loaded: data.status().catalog.loaded, firstSearchMs, hits };
  },

  /**
   * Beside it, the naive layout: the same SKUs (read back from the POS's own catalog pages) as one
   * IndexedDB row each, in a table with three indexes, one bulkPut (= one rw transaction, strict
   * durability like the POS database) per chunk, awaited in turn.
   */
  async naiveBulkPut(chunk: number) {
    const posDb = new PosDb(dbName);
    await posDb.open();
    const tRead = performance.now();
    const pages = await posDb.catalogPages.toArray();
    posDb.close();
    const records: Sku[] = [];
    for (const page of pages) for (const t of page.items) records.push(skuFromTuple(t));
    const readMs = performance.now() - tRead;
    const name = `${dbName}-naive`;
    const naive = new Dexie(name, { chromeTransactionDurability: "strict", cache: "disabled" });
    naive.version(1).stores({ skus: "id, code, barcode, name" });
    await naive.open();
    const table = naive.table<Sku, string>("skus");
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += chunk) await table.bulkPut(records.slice(i, i + chunk));
    const ms = performance.now() - t0;
    const count = await table.count();
    const probe = records[Math.floor(records.length / 2)]!;
    const tLookup = performance.now();
    const hit = await table.where("barcode").equals(probe.barcode!).first();
    const lookupMs = performance.now() - tLookup;
    naive.close();
    await Dexie.delete(name);
    return { ms, count, readMs, lookupMs, found: hit?.id === probe.id };
  },

  /** 2a. Barcode lookups (a scanner's Enter): one timing each. */
  lookups(barcodes: string[]) {
    const d = pos();
    const times: number[] = [];
    let found = 0;
    for (const barcode of barcodes) {
      const t0 = performance.now();
      const sku = d.findByBarcode(barcode);
      times.push(performance.now() - t0);
      if (sku?.barcode === barcode) found++;
    }
    return { times, found };
  },

  /** 2b. Substring search (limit 50, as the sell screen asks): one timing each. */
  searches(queries: string[]) {
    const d = pos();
    const times: number[] = [];
    const hits: number[] = [];
    for (const query of queries) {
      const t0 = performance.now();
      const result = d.search(query);
      times.push(performance.now() - t0);
      hits.push(result.length);
    }
    return { times, hits };
  },

  /**
   * 3 / 5. Sales, one after another, each awaited: the draft (1–3 lines of SKUs from `pool`, cash
   * rounded up to ¥1,000) is made before the clock starts; the timing is the commitSale call.
   */
  async commitSales(count: number, pool: string[], seed: number) {
    const d = pos();
    const info = await d.storeInfo();
    if (!info) throw new Error("no bootstrap");
    const staffId = info.staff[0]!.id;
    const cash = info.tenders.find((t) => t.kind === "cash")!;
    const random = prng(seed);
    const times: number[] = [];
    const ids: string[] = [];
    let lines = 0;
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const cart: CartLine[] = [];
      const n = 1 + Math.floor(random() * 3);
      for (let l = 0; l < n; l++) {
        const sku = d.getSku(pool[Math.floor(random() * pool.length)]!)!;
        if (cart.some((c) => c.skuId === sku.id)) continue;
        cart.push({ skuId: sku.id, quantity: 1 + Math.floor(random() * 3), unitValue: null, unitPrice: sku.price, discount: 0, taxRate: sku.taxRate });
      }
      const total = priceReceipt(cart, 0, info.store.taxDisplay, info.merchant.currency).total;
      const draft: SaleDraft = { staffId, lines: cart, subtotalDiscount: 0, tenders: [{ method: cash.code, kind: "cash", amount: Math.ceil(total / 1000) * 1000 }] };
      const start = performance.now();
      const doc = await d.commitSale(draft);
      times.push(performance.now() - start);
      ids.push(doc.id);
      lines += cart.length;
    }
    return { times, ids, lines, wallMs: performance.now() - t0, status: d.status() };
  },

  /** Before going online: note the `online` event and every status change until nothing waits. */
  armDelivery() {
    const d = pos();
    const mark = performance.now();
    const state: { onlineAt: number | null; doneAt: number | null; startWaiting: number; maxSending: boolean } = { onlineAt: null, doneAt: null, startWaiting: d.status().waiting, maxSending: false };
    pushAnswers.accepted = pushAnswers.duplicate = pushAnswers.rejected = pushAnswers.unanswered = 0;
    failedRequests = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    window.addEventListener("online", () => (state.onlineAt ??= performance.now()), { once: true });
    const unsubscribe = d.subscribe(() => {
      const s = d.status();
      if (s.sending) state.maxSending = true;
      if (state.onlineAt !== null && s.waiting === 0 && state.doneAt === null) {
        state.doneAt = performance.now();
        unsubscribe();
        resolveDone();
      }
    });
    (window as unknown as { posDelivery: unknown }).posDelivery = { state, done, mark };
    return { waiting: state.startWaiting, online: navigator.onLine };
  },

  async delivered(timeoutMs: number) {
    const { state, done, mark } = (window as unknown as { posDelivery: { state: { onlineAt: number | null; doneAt: number | null; startWaiting: number }; done: Promise<void>; mark: number } }).posDelivery;
    await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs))]);
    const s = pos().status();
    return {
      ms: state.doneAt !== null && state.onlineAt !== null ? state.doneAt - state.onlineAt : null,
      waiting: s.waiting,
      rejected: s.rejected,
      startWaiting: state.startWaiting,
      posts: requestsSince(mark, "/api/pos/documents", "POST"),
      answers: { ...pushAnswers },
      failedRequests,
    };
  },

  /** The device's own view afterwards: documents by state. */
  async localStates() {
    const db = new PosDb(dbName);
    await db.open();
    const docs = await db.documents.toArray();
    db.close();
    const states: Record<string, number> = {};
    for (const doc of docs) states[doc.state] = (states[doc.state] ?? 0) + 1;
    return { total: docs.length, states };
  },

  /** documents still waiting (progress while the driver waits) */
  waiting: () => pos().status().waiting,

  /** Answers of the push, counted so far (read once the run is over). */
  answers() {
    return { ...pushAnswers };
  },

  deviceId: async () => (await pos().storeInfo())?.device.id ?? null,
  close() {
    data?.close();
    data = null;
  },
};

declare global {
  interface Window {
    posBench: typeof bench;
  }
}
window.posBench = bench;
document.title = "POS bench ready";
