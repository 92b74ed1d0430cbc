/**
 * The POS data layer: `createPosData()` opens the device's IndexedDB, loads the catalog into
 * memory and returns the `PosData` the screens use (contract.ts). It owns the hub's device API,
 * the outbox pusher, catalog sync, PINs and app updates; see db.ts, catalog.ts, outbox.ts.
 */
import Dexie from "dexie";
import { Catalog, type CatalogTuple, type StockTuple } from "./catalog";
import type { HistoryQuery, Inbound, LocalDocument, PinCheck, PosData, Sku, StoreInfo, SyncStatus } from "./contract";
import { PosDb, type CatalogStateRow, type InboundRow, type PairingRow, type StoredDocument } from "./db";
import {
  buildExchange,
  buildReceiving,
  buildReturn,
  buildSale,
  buildStocktake,
  stockEffects,
  type BuildContext,
  type DocumentBody,
  type DocumentHead,
} from "./documents";
import { Hub, HubError, isDeviceRejected, NetworkError } from "./hub";
import { Outbox, toLocalDocument } from "./outbox";
import { checkPin, PIN_FORMAT, storePin } from "./pins";
import { AppUpdates } from "./updates";

export type { PosData } from "./contract";
export { DraftError } from "./documents";
export { HubError, NetworkError } from "./hub";

export interface CreatePosDataOptions {
  /** the hub's origin; "" (same origin) by default */
  baseUrl?: string;
  /** tests: a fetch that behaves like the hub */
  fetch?: typeof fetch;
  /** tests: another IndexedDB database name */
  dbName?: string;
  /** push, sync and retry by themselves (on start, `online`, after commits, on an interval); default true */
  autoSync?: boolean;
  /** register the POS service worker (workbox-window); default: where the browser has service workers */
  serviceWorker?: boolean;
  /** tests: the clock */
  now?: () => number;
}

/** PosData, plus what tests and the app's teardown need. */
export interface PosDataHandle extends PosData {
  /** stop timers and listeners, close the database */
  close(): void;
}

export const CATALOG_PAGE_LIMIT = 5000;
const TICK_MS = 30_000;
/** every Nth tick (5 min): bootstrap, catalog deltas, storage estimate */
const SYNC_EVERY_TICKS = 10;
const CHANNEL = "renkei-pos";

interface CatalogPageAnswer {
  mode: "snapshot" | "delta";
  items: CatalogTuple[];
  stock: StockTuple[];
  nextAfter: string | null;
  cursor: number;
  more: boolean;
  total: number | null;
}
interface PairedAnswer {
  deviceId: string;
  locationId: string;
  merchantId: string;
  token: string;
}

const emptyCatalogState = (): CatalogStateRow => ({ key: "catalog", cursor: null, snapshot: null, pages: 0, total: null });

export async function createPosData(options: CreatePosDataOptions = {}): Promise<PosDataHandle> {
  const data = new LocalPosData(options);
  await data.open();
  return data;
}

class LocalPosData implements PosDataHandle {
  private readonly db: PosDb;
  private readonly hub: Hub;
  private readonly outbox: Outbox;
  private catalog = new Catalog();
  private readonly updates: AppUpdates;
  private readonly autoSync: boolean;
  private readonly useServiceWorker: boolean;
  private readonly now: () => number;

  private pairing: PairingRow | null = null;
  private bootstrap: StoreInfo | null = null;
  private catalogState: CatalogStateRow = emptyCatalogState();
  /** a complete snapshot is in memory (it stays in use while a new one is read) */
  private catalogReady = false;
  private lastSyncAt: string | null = null;
  /** Σ stock effect per SKU of documents whose effect the synced stock does not show yet */
  private pendingStock = new Map<string, number>();
  private reached = true;
  private persisted = false;
  private storageWarning = false;
  private catalogRun: Promise<void> | null = null;
  private readonly progressListeners = new Set<(loaded: number, total: number | null) => void>();
  private readonly listeners = new Set<() => void>();
  private snapshot: SyncStatus;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticks = 0;
  private channel: BroadcastChannel | null = null;
  private closed = false;
  private readonly cleanup: (() => void)[] = [];

  constructor(options: CreatePosDataOptions) {
    this.autoSync = options.autoSync ?? true;
    this.useServiceWorker = options.serviceWorker ?? (typeof navigator !== "undefined" && "serviceWorker" in navigator);
    this.now = options.now ?? Date.now;
    this.db = new PosDb(options.dbName);
    const fetchFn = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    this.hub = new Hub({
      baseUrl: (options.baseUrl ?? "").replace(/\/+$/, ""),
      fetch: fetchFn as typeof fetch,
      token: () => this.pairing?.token ?? null,
      reached: (reached) => {
        if (reached !== this.reached) {
          this.reached = reached;
          this.changed();
        }
      },
    });
    this.outbox = new Outbox(this.db, this.hub, {
      pairing: () => this.pairing,
      revoked: () => void this.markRevoked().catch(() => undefined),
      changed: () => this.changed(),
      sent: () => {
        this.lastSyncAt = new Date(this.now()).toISOString();
        void this.saveLastSync().catch(() => undefined);
        this.broadcast();
      },
      settled: () => {
        // the hub has moved the stock: fetch the deltas so the local effects can be dropped
        if (this.autoSync && this.catalogState.cursor) void this.syncCatalog().catch(() => undefined);
      },
      rejected: (docs) => {
        for (const doc of docs) this.addEffects(doc, -1);
        this.broadcast();
      },
      now: this.now,
      autoRetry: this.autoSync,
    });
    this.updates = new AppUpdates(() => this.changed());
    this.snapshot = this.buildStatus();
  }

  // ---------------------------------------------------------------- start / stop

  async open(): Promise<void> {
    await this.db.open();
    const [pairing, bootstrap, sync] = await Promise.all([this.db.entry("pairing"), this.db.entry("bootstrap"), this.db.entry("sync")]);
    this.pairing = pairing ?? null;
    this.bootstrap = bootstrap?.value ?? null;
    this.lastSyncAt = sync?.lastSyncAt ?? null;
    await this.loadCatalog();
    await Promise.all([this.outbox.refreshCounts(), this.loadPendingStock()]);
    this.changed();
    void this.checkStorage();
    void this.requestPersistence();
    setTimeout(() => {
      if (!this.closed) this.catalog.warm();
    }, 0);
    if (this.autoSync) this.startBackground();
    if (this.useServiceWorker) void this.updates.start().catch((error) => console.warn("POS service worker not started", error));
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.outbox.stop();
    this.updates.stop();
    for (const undo of this.cleanup) undo();
    this.channel?.close();
    this.db.close();
  }

  private startBackground(): void {
    if (typeof window !== "undefined" && typeof window.addEventListener === "function") {
      const online = () => {
        this.reached = true;
        this.changed();
        this.outbox.online();
        void this.refresh();
      };
      const offline = () => this.changed();
      window.addEventListener("online", online);
      window.addEventListener("offline", offline);
      this.cleanup.push(() => window.removeEventListener("online", online), () => window.removeEventListener("offline", offline));
    }
    if (typeof BroadcastChannel !== "undefined") {
      // another tab committed or pushed: the shared database changed under this tab's counts
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = () => void this.reloadOutboxView().catch(() => undefined);
    }
    this.timer = setInterval(() => this.tick(), TICK_MS);
    void this.refresh();
    void this.outbox.push();
  }

  private tick(): void {
    this.ticks++;
    if (this.outbox.waiting > 0) void this.outbox.push();
    if (this.ticks % SYNC_EVERY_TICKS === 0) {
      void this.refresh();
      void this.checkStorage();
    }
  }

  /** bootstrap and catalog deltas, in the background; failures only show in status() */
  private async refresh(): Promise<void> {
    if (!this.pairing || this.pairing.revoked) return;
    try {
      await this.refreshBootstrap();
    } catch {
      // offline: the cached bootstrap stays
    }
    try {
      await this.syncCatalog();
    } catch {
      // retried on the next tick or `online`
    }
  }

  // ---------------------------------------------------------------- status

  private buildStatus(): SyncStatus {
    const navigatorOnline = typeof navigator === "undefined" || typeof navigator.onLine !== "boolean" ? true : navigator.onLine;
    return {
      online: navigatorOnline && this.reached,
      waiting: this.outbox.waiting,
      sending: this.outbox.sending,
      rejected: this.outbox.rejected,
      lastSyncAt: this.lastSyncAt,
      catalog: { loaded: this.catalog.size, total: this.catalogState.total, ready: this.catalogReady },
      persisted: this.persisted,
      revoked: this.pairing?.revoked ?? false,
      storageWarning: this.storageWarning,
    };
  }

  private changed(): void {
    this.snapshot = this.buildStatus();
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        console.error(error);
      }
    }
  }

  status(): SyncStatus {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private broadcast(): void {
    try {
      this.channel?.postMessage("outbox");
    } catch {
      // a closed channel: nothing to tell
    }
  }

  private async reloadOutboxView(): Promise<void> {
    if (this.closed) return;
    await Promise.all([this.outbox.refreshCounts(), this.loadPendingStock()]);
    this.changed();
  }

  private async requestPersistence(): Promise<void> {
    const storage = typeof navigator !== "undefined" ? navigator.storage : undefined;
    if (!storage?.persist) return;
    try {
      let persisted = (await storage.persisted?.()) ?? false;
      if (!persisted) persisted = await storage.persist();
      this.persisted = persisted;
      this.changed();
    } catch {
      // not granted
    }
  }

  private async checkStorage(): Promise<void> {
    const storage = typeof navigator !== "undefined" ? navigator.storage : undefined;
    if (!storage?.estimate) return;
    try {
      const { usage = 0, quota = 0 } = await storage.estimate();
      const warning = quota > 0 && usage / quota >= 0.9;
      if (warning !== this.storageWarning) {
        this.storageWarning = warning;
        this.changed();
      }
    } catch {
      // unknown: no warning
    }
  }

  private async saveLastSync(): Promise<void> {
    await this.db.device.put({ key: "sync", lastSyncAt: this.lastSyncAt });
  }

  private async markRevoked(): Promise<void> {
    if (!this.pairing || this.pairing.revoked) return;
    this.pairing = { ...this.pairing, revoked: true };
    this.changed();
    const row = this.pairing;
    await this.db.transaction("rw", this.db.device, async () => {
      const stored = await this.db.entry("pairing");
      // only the token that was refused: a new pairing made meanwhile stays valid
      if (stored && stored.token === row.token) await this.db.device.put({ ...stored, revoked: true });
    });
  }

  /** 401 from any device call: the token is dead; keep everything, stop calling. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof HubError && error.status === 401) await this.markRevoked();
      throw error;
    }
  }

  // ---------------------------------------------------------------- device

  async isPaired(): Promise<boolean> {
    return this.pairing !== null;
  }

  async pair(code: string): Promise<void> {
    const pairingCode = code.replace(/\s+/g, "");
    if (!/^\d{8}$/.test(pairingCode)) throw new Error("ペアリングコードは8桁の数字です (the pairing code is 8 digits)");
    const paired = await this.hub.post<PairedAnswer>("/api/pos/pair", { pairingCode }, { auth: false });
    const previous = this.pairing;
    const sameStore = previous !== null && previous.merchantId === paired.merchantId && previous.locationId === paired.locationId;
    const pairing: PairingRow = {
      key: "pairing",
      token: paired.token,
      deviceId: paired.deviceId,
      locationId: paired.locationId,
      merchantId: paired.merchantId,
      pairedAt: new Date(this.now()).toISOString(),
      revoked: false,
    };
    await this.db.transaction("rw", [this.db.device, this.db.catalogPages, this.db.stock, this.db.pins, this.db.inbound], async () => {
      await this.db.device.put(pairing);
      if (!sameStore) {
        // another store's catalog, stock, clerks and deliveries do not apply here. Documents stay:
        // those of the old store are kept (visible) but never pushed with this store's token.
        await Promise.all([this.db.catalogPages.clear(), this.db.stock.clear(), this.db.pins.clear(), this.db.inbound.clear()]);
        await this.db.device.bulkDelete(["catalog", "bootstrap"]);
      }
    });
    if (!sameStore) {
      this.catalog.clear();
      this.catalogState = emptyCatalogState();
      this.catalogReady = false;
      this.bootstrap = null;
    }
    this.pairing = pairing;
    this.changed();
    await this.refreshBootstrap();
    try {
      await this.syncCatalog();
    } catch (error) {
      // paired all the same: the catalog load resumes on the next sync
      console.warn("catalog not loaded yet", error);
    }
    void this.outbox.push(true);
  }

  async storeInfo(): Promise<StoreInfo | null> {
    return this.bootstrap;
  }

  private async refreshBootstrap(): Promise<void> {
    const value = await this.guard(() => this.hub.get<StoreInfo>("/api/pos/bootstrap"));
    await this.db.transaction("rw", [this.db.device, this.db.pins], async () => {
      await this.db.device.put({ key: "bootstrap", value, fetchedAt: new Date(this.now()).toISOString() });
      // a clerk who left, whose PIN the admin cleared, or whose PIN the admin set anew can no longer
      // sign in offline with the old one
      const current = new Map(value.staff.filter((s) => s.hasPin).map((s) => [s.id, s.pinVersion ?? null]));
      const enrolled = await this.db.pins.toArray();
      await this.db.pins.bulkDelete(
        enrolled.filter((p) => !current.has(p.staffId) || (p.version && current.get(p.staffId) && p.version !== current.get(p.staffId))).map((p) => p.staffId),
      );
    });
    this.bootstrap = value;
    this.changed();
  }

  // ---------------------------------------------------------------- catalog

  private async loadCatalog(): Promise<void> {
    await this.db.transaction("r", [this.db.catalogPages, this.db.stock, this.db.device], async () => {
      const [pages, stock, state] = await Promise.all([this.db.catalogPages.toArray(), this.db.stock.toArray(), this.db.entry("catalog")]);
      this.catalogState = state ?? emptyCatalogState();
      this.catalogReady = this.catalogState.cursor !== null;
      const stockByPage = new Map(stock.map((s) => [s.page, s.items]));
      this.catalog.clear();
      for (const page of pages) this.catalog.addPage(page.page, page.items, stockByPage.get(page.page) ?? []);
    });
  }

  syncCatalog(onProgress?: (loaded: number, total: number | null) => void): Promise<void> {
    if (onProgress) this.progressListeners.add(onProgress);
    if (!this.catalogRun) {
      this.catalogRun = this.runCatalogSync().finally(() => {
        this.catalogRun = null;
        this.progressListeners.clear();
      });
    }
    return this.catalogRun;
  }

  private progress(loaded = this.catalog.size): void {
    const total = this.catalogState.total;
    for (const listener of this.progressListeners) listener(loaded, total);
    this.changed();
  }

  private async runCatalogSync(): Promise<void> {
    if (!this.pairing) throw new Error("この端末はまだペアリングされていません (the device is not paired)");
    if (this.pairing.revoked) throw new Error("この端末は無効化されています (the device was revoked)");
    // documents sent before this moment are in whatever stock the hub answers from now on
    const startedAt = new Date(this.now()).toISOString();
    // Cursor 0 = the hub's change log was empty when the snapshot began: `since=0` asks for a
    // snapshot, so there is no way to ask for "changes after 0" — read the snapshot again.
    if (this.catalogState.cursor === null || this.catalogState.cursor === 0) await this.readSnapshot(startedAt);
    if (this.catalogState.cursor !== 0) await this.readDeltas(startedAt);
    this.lastSyncAt = new Date(this.now()).toISOString();
    await this.saveLastSync();
    this.changed();
    setTimeout(() => {
      if (!this.closed) this.catalog.warm();
    }, 0);
  }

  private fetchCatalog(query: string): Promise<CatalogPageAnswer> {
    return this.guard(() => this.hub.get<CatalogPageAnswer>(`/api/pos/catalog?${query}`, { timeoutMs: 120_000 }));
  }

  /**
   * The snapshot, page by page, resumable: each page is written with the catalog state (next
   * `after`, the cursor of the first page) in one transaction. The next page is already being
   * fetched while one is written.
   */
  private async readSnapshot(startedAt: string): Promise<void> {
    const limit = `&limit=${CATALOG_PAGE_LIMIT}`;
    const resume = this.catalogState.snapshot;
    let page = resume ? this.catalogState.pages : 0;
    // A complete catalog read again stays in use until the new one is complete.
    const target = !resume && this.catalogState.cursor !== null ? new Catalog() : this.catalog;
    let fetching = this.fetchCatalog(`since=0${resume ? `&after=${encodeURIComponent(resume.after)}` : ""}${limit}`);
    let cursor = resume?.cursor ?? null;
    for (;;) {
      const answer = await fetching;
      const next = answer.nextAfter;
      if (next) {
        fetching = this.fetchCatalog(`since=0&after=${encodeURIComponent(next)}${limit}`);
        fetching.catch(() => undefined); // awaited on the next turn; not unhandled meanwhile
      }
      // the first page's cursor is the log position the whole snapshot stands on
      if (cursor === null) cursor = answer.cursor;
      const first = page === 0;
      const state: CatalogStateRow = {
        key: "catalog",
        cursor: next ? null : cursor,
        snapshot: next ? { after: next, cursor } : null,
        pages: page + 1,
        total: answer.total ?? this.catalogState.total,
      };
      const done = !next;
      await this.db.transaction("rw", [this.db.catalogPages, this.db.stock, this.db.device, this.db.documents], async () => {
        if (first) await Promise.all([this.db.catalogPages.clear(), this.db.stock.clear()]);
        await this.db.catalogPages.put({ page, items: answer.items });
        await this.db.stock.put({ page, items: answer.stock });
        await this.db.device.put(state);
        if (done) await this.settleSentDocuments(startedAt);
      });
      if (first) target.clear();
      target.addPage(page, answer.items, answer.stock);
      if (done) {
        this.catalog = target;
        this.catalogReady = true;
      }
      this.catalogState = state;
      page++;
      this.progress(target.size);
      if (done) return;
    }
  }

  /** Deltas after the cursor until the hub has no more; each answer is one transaction. */
  private async readDeltas(startedAt: string): Promise<void> {
    for (;;) {
      const since = this.catalogState.cursor!;
      const answer = await this.fetchCatalog(`since=${since}&limit=${CATALOG_PAGE_LIMIT}`);
      const plan = this.catalog.planDelta(answer.items, answer.stock);
      const state: CatalogStateRow = { ...this.catalogState, cursor: answer.cursor, pages: Math.max(this.catalogState.pages, this.catalog.pageCount, ...plan.catalogPages.map((p) => p.page + 1)) };
      const done = !answer.more;
      await this.db.transaction("rw", [this.db.catalogPages, this.db.stock, this.db.device, this.db.documents], async () => {
        if (plan.catalogPages.length) await this.db.catalogPages.bulkPut(plan.catalogPages);
        if (plan.stockPages.length) await this.db.stock.bulkPut(plan.stockPages);
        await this.db.device.put(state);
        if (done) await this.settleSentDocuments(startedAt);
      });
      plan.apply();
      this.catalogState = state;
      if (plan.catalogPages.length) this.progress();
      if (done || answer.cursor === since) return;
    }
  }

  /**
   * Inside the transaction that writes the newest stock: documents the hub had taken before this
   * sync began are in that stock now, so their local effect stops counting.
   */
  private async settleSentDocuments(startedAt: string): Promise<void> {
    const settled = await this.db.documents
      .where("stockPending")
      .equals(1)
      .filter((d) => d.state !== "waiting" && (d.sentAt === undefined || d.sentAt <= startedAt))
      .toArray();
    if (!settled.length) return;
    for (const doc of settled) doc.stockPending = 0;
    await this.db.documents.bulkPut(settled);
    afterCommit(() => {
      for (const doc of settled) this.addEffects(doc, -1);
    });
  }

  findByBarcode(barcode: string): Sku | undefined {
    return this.catalog.findByBarcode(barcode);
  }
  findByCode(code: string): Sku | undefined {
    return this.catalog.findByCode(code);
  }
  search(query: string, limit?: number): Sku[] {
    return this.catalog.search(query, limit);
  }
  getSku(id: string): Sku | undefined {
    return this.catalog.getSku(id);
  }

  stockOf(skuId: string): { onHand: number; available: number } | undefined {
    const base = this.catalog.stockLevel(skuId);
    const pending = this.pendingStock.get(skuId) ?? 0;
    if (!base) return pending ? { onHand: pending, available: pending } : undefined;
    return { onHand: base.onHand + pending, available: base.available + pending };
  }

  private addEffects(doc: Pick<StoredDocument, "kind" | "body">, sign: 1 | -1): void {
    for (const [skuId, quantity] of stockEffects(doc.kind, doc.body)) {
      const next = (this.pendingStock.get(skuId) ?? 0) + sign * quantity;
      if (next === 0) this.pendingStock.delete(skuId);
      else this.pendingStock.set(skuId, next);
    }
  }

  private async loadPendingStock(): Promise<void> {
    const docs = await this.db.documents.where("stockPending").equals(1).toArray();
    this.pendingStock = new Map();
    for (const doc of docs) this.addEffects(doc, 1);
  }

  // ---------------------------------------------------------------- staff

  async enrolPin(staffId: string, pin: string): Promise<PinCheck> {
    if (!PIN_FORMAT.test(pin)) throw new Error("PINは4〜8桁の数字です (the PIN is 4–8 digits)");
    let checked: { pinVersion?: string };
    try {
      checked = await this.hub.post<{ pinVersion?: string }>("/api/pos/staff/pin", { staffId, pin });
    } catch (error) {
      if (isDeviceRejected(error)) {
        await this.markRevoked();
        throw error;
      }
      if (error instanceof HubError && error.code === "LOCKED") return "locked";
      if (error instanceof HubError && error.status === 401) return "wrong";
      if (error instanceof HubError && error.status === 404) return "not-enrolled";
      if (error instanceof NetworkError) throw new Error("PINの登録にはネットワーク接続が必要です (enrolling a PIN needs the network)");
      throw error;
    }
    await storePin(this.db, staffId, pin, checked.pinVersion ?? null);
    return "ok";
  }

  verifyPin(staffId: string, pin: string): Promise<PinCheck> {
    return checkPin(this.db, staffId, pin, this.now());
  }

  // ---------------------------------------------------------------- documents

  private async commit(kind: LocalDocument["kind"], build: (ctx: BuildContext, head: DocumentHead) => DocumentBody): Promise<LocalDocument> {
    const pairing = this.pairing;
    const store = this.bootstrap;
    if (!pairing || !store) throw new Error("この端末はまだペアリングされていません (the device is not paired)");
    const ctx: BuildContext = { store, sku: (id) => this.catalog.getSku(id) };
    const doc = await this.outbox.commit(kind, (head) => build(ctx, head), {
      storeCode: store.store.code,
      deviceNumber: store.device.number,
      merchantId: pairing.merchantId,
      locationId: pairing.locationId,
    });
    if (doc.stockPending) this.addEffects(doc, 1);
    this.changed();
    this.broadcast();
    if (this.autoSync) void this.outbox.push();
    return toLocalDocument(doc);
  }

  commitSale(draft: Parameters<PosData["commitSale"]>[0]): Promise<LocalDocument> {
    return this.commit("sale", (ctx, head) => buildSale(ctx, head, draft));
  }
  commitReturn(draft: Parameters<PosData["commitReturn"]>[0]): Promise<LocalDocument> {
    return this.commit("return", (ctx, head) => buildReturn(ctx, head, draft));
  }
  commitExchange(draft: Parameters<PosData["commitExchange"]>[0]): Promise<LocalDocument> {
    return this.commit("exchange", (ctx, head) => buildExchange(ctx, head, draft));
  }
  commitStocktakeSheet(sheet: Parameters<PosData["commitStocktakeSheet"]>[0]): Promise<LocalDocument> {
    return this.commit("stocktake", (ctx, head) => buildStocktake(ctx, head, sheet));
  }
  commitReceipt(receipt: Parameters<PosData["commitReceipt"]>[0]): Promise<LocalDocument> {
    return this.commit("receipt", (ctx, head) => buildReceiving(ctx, head, receipt));
  }

  async history(query: HistoryQuery = {}): Promise<LocalDocument[]> {
    const text = query.text?.trim().toLowerCase() ?? "";
    // [state+seq] serves one state without a scan; seq order is creation order, so `since` can stop
    // the walk at the first older document instead of reading the whole device's history.
    const newestFirst = query.state
      ? this.db.documents.where("[state+seq]").between([query.state, Dexie.minKey], [query.state, Dexie.maxKey]).reverse()
      : this.db.documents.orderBy("seq").reverse();
    const since = query.since;
    const docs = await (since ? newestFirst.until((d) => d.createdAt < since) : newestFirst)
      .filter((d) => (!query.kind || d.kind === query.kind) && (!text || d.number.toLowerCase().includes(text) || d.id.toLowerCase().startsWith(text)))
      .limit(query.limit ?? 50)
      .toArray();
    return docs.map(toLocalDocument);
  }

  async getDocument(idOrNumber: string): Promise<LocalDocument | undefined> {
    const key = idOrNumber.trim();
    if (!key) return undefined;
    const doc = (await this.db.documents.get(key.toLowerCase())) ?? (await this.db.documents.get(key)) ?? (await this.db.documents.where("number").equals(key).first());
    return doc ? toLocalDocument(doc) : undefined;
  }

  async pendingInbound(): Promise<Inbound[]> {
    if (this.pairing && !this.pairing.revoked) {
      try {
        const { items } = await this.guard(() => this.hub.get<{ items: InboundRow[] }>("/api/pos/inbound"));
        await this.db.transaction("rw", this.db.inbound, async () => {
          await this.db.inbound.clear();
          await this.db.inbound.bulkPut(items);
        });
      } catch (error) {
        if (!(error instanceof NetworkError || (error instanceof HubError && (error.transient || error.status === 401)))) throw error;
        // offline, the hub down or the device revoked: the cached list
      }
    }
    const [cached, receipts] = await Promise.all([
      this.db.inbound.toArray(),
      // received on this device but maybe not yet known to the hub: not pending any more
      this.db.documents
        .filter((d) => d.kind === "receipt" && d.state !== "rejected")
        .toArray(),
    ]);
    const received = new Set(receipts.map((d) => String((d.body as { inboundId?: unknown }).inboundId)));
    return cached
      .filter((i) => i.status === "pending" && !received.has(i.id))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .map((i) => ({ id: i.id, kind: i.kind, reference: i.reference, lines: i.lines }));
  }

  // ---------------------------------------------------------------- sync and updates

  pushNow(): Promise<void> {
    return this.outbox.push(true);
  }

  updateWaiting(): boolean {
    return this.updates.updateWaiting;
  }

  applyUpdate(): Promise<void> {
    // never in the middle of a push: wait for it to end, then swap
    return this.updates.apply(() => this.outbox.idle());
  }
}

/** Runs `fn` once the current Dexie transaction has committed (or at once outside one). */
function afterCommit(fn: () => void): void {
  const tx = Dexie.currentTransaction;
  if (!tx) return fn();
  tx.on("complete", fn);
}
