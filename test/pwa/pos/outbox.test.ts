import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPosData, DraftError, type PosDataHandle } from "../../../pwa/pos/data/index";
import { PosDb } from "../../../pwa/pos/data/db";
import type { SaleDraft } from "../../../pwa/pos/data/contract";
import { BASE, dbName, FakeHub, PAIRING_CODE, sku } from "./fake-hub";

const open: PosDataHandle[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
  vi.unstubAllGlobals();
});

/** navigator.locks as Chromium has it, enough for `request(name, { ifAvailable }, callback)` */
function fakeLockManager() {
  const held = new Set<string>();
  const granted: string[] = [];
  return {
    granted,
    async request(name: string, options: { ifAvailable?: boolean }, callback: (lock: { name: string } | null) => Promise<unknown>) {
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        throw new Error("this fake only does ifAvailable");
      }
      held.add(name);
      granted.push(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

async function device(hub: FakeHub, name = dbName()) {
  const data = await createPosData({ baseUrl: BASE, fetch: hub.fetch, dbName: name, autoSync: false, serviceWorker: false });
  open.push(data);
  return data;
}

async function pairedDevice(hub = new FakeHub({ skus: [sku(1, { price: 1000, taxRate: 10 }), sku(2, { price: 500, taxRate: 8 })], stock: { sku_000001: 10, sku_000002: 5 } })) {
  const name = dbName();
  const data = await device(hub, name);
  await data.pair(PAIRING_CODE);
  return { hub, data, name };
}

const sale = (quantity = 1, skuId = "sku_000001", unitPrice = 1000): SaleDraft => ({
  staffId: "usr_clerk",
  lines: [{ skuId, quantity, unitValue: null, unitPrice, discount: 0, taxRate: 10 }],
  subtotalDiscount: 0,
  tenders: [{ method: "cash", kind: "cash", amount: unitPrice * quantity + 1000 }],
});

describe("committing a sale", () => {
  it("writes the exact document body, priced with shared/receipt, and resolves only once it is stored", async () => {
    const { data, name } = await pairedDevice();
    const doc = await data.commitSale({
      staffId: "usr_clerk",
      lines: [
        { skuId: "sku_000001", quantity: 2, unitValue: null, unitPrice: 1000, discount: 100, taxRate: 10 },
        { skuId: "sku_000002", quantity: 1, unitValue: null, unitPrice: 500, discount: 0, taxRate: 8 },
      ],
      subtotalDiscount: 50,
      tenders: [
        { method: "card", kind: "card", amount: 1000 },
        { method: "cash", kind: "cash", amount: 2000 },
      ],
    });
    expect(doc.state).toBe("waiting");
    expect(doc.number).toBe("S001-02-000001");
    expect(doc.body).toMatchObject({
      id: doc.id,
      kind: "sale",
      number: "S001-02-000001",
      staffId: "usr_clerk",
      taxDisplay: "inclusive",
      subtotalDiscount: 50,
      total: 2350,
      change: 650,
      tenders: [
        { method: "card", kind: "card", amount: 1000 },
        { method: "cash", kind: "cash", amount: 2000 },
      ],
    });
    expect(doc.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // read straight from IndexedDB with a second connection: document and counter are there
    const db = new PosDb(name);
    expect(await db.documents.get(doc.id)).toMatchObject({ state: "waiting", number: doc.number, seq: 1 });
    expect(await db.counters.get("receipt")).toEqual({ name: "receipt", value: 1 });
    db.close();
  });

  it("writes document and counter atomically: when the document cannot be stored, the counter does not move", async () => {
    const { data, name } = await pairedDevice();
    // a document already holding the number the next sale would get makes its insert fail
    const db = new PosDb(name);
    await db.documents.add({
      id: "00000000-0000-4000-8000-000000000000",
      number: "S001-02-000001",
      kind: "sale",
      body: {},
      createdAt: new Date().toISOString(),
      state: "rejected",
      seq: 0,
      merchantId: "mer_other",
      locationId: "loc_other",
      stockPending: 0,
    });
    await expect(data.commitSale(sale())).rejects.toThrow();
    expect(await db.counters.get("receipt")).toBeUndefined();
    expect(await db.documents.count()).toBe(1);
    db.close();
  });

  it("survives closing and reopening the database, and the counter continues per device", async () => {
    const { hub, data, name } = await pairedDevice();
    const first = await data.commitSale(sale());
    const second = await data.commitSale(sale(2));
    data.close();
    open.splice(open.indexOf(data), 1);

    const again = await device(hub, name);
    expect(await again.isPaired()).toBe(true);
    expect((await again.history()).map((d) => d.number)).toEqual([second.number, first.number]);
    expect(await again.getDocument(first.number)).toMatchObject({ id: first.id, state: "waiting" });
    expect(await again.getDocument(first.id)).toMatchObject({ number: first.number });
    expect(again.status()).toMatchObject({ waiting: 2, rejected: 0 });
    const third = await again.commitSale(sale());
    expect([first.number, second.number, third.number]).toEqual(["S001-02-000001", "S001-02-000002", "S001-02-000003"]);
  });

  it("lowers local stock at once; a return does not raise it (the back office receives it later)", async () => {
    const { data } = await pairedDevice();
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 10, available: 10 });
    await data.commitSale(sale(3));
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 7, available: 7 });
    await data.commitReturn({
      staffId: "usr_clerk",
      originalId: null,
      approvedBy: "usr_manager",
      lines: [{ skuId: "sku_000001", quantity: 1, unitValue: null, unitPrice: 1000, discount: 0, taxRate: 10, defective: true }],
      refunds: [{ method: "cash", kind: "cash", amount: 1000 }],
    });
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 7, available: 7 });
  });

  it("refuses bad drafts with a clear error and writes nothing", async () => {
    const { data } = await pairedDevice();
    await expect(data.commitSale({ ...sale(), lines: [] })).rejects.toThrow(/cart is empty/);
    await expect(data.commitSale({ ...sale(), tenders: [{ method: "cash", kind: "cash", amount: 999 }] })).rejects.toThrow(/do not cover the total/);
    await expect(data.commitSale({ ...sale(), tenders: [{ method: "card", kind: "card", amount: 5000 }] })).rejects.toThrow(DraftError);
    await expect(data.commitSale({ ...sale(), lines: [{ ...sale().lines[0]!, quantity: 0 }] })).rejects.toThrow(/quantity/);
    await expect(
      data.commitReturn({ staffId: "usr_clerk", originalId: null, approvedBy: "usr_clerk", lines: sale().lines.map((l) => ({ ...l, defective: false })), refunds: [] }),
    ).rejects.toThrow(/manager's approval/);
    expect(await data.history()).toEqual([]);
    expect(data.status().waiting).toBe(0);
  });

  it("takes a unit product's value only within min / max (seed 004: 85 cm × 3 of a 999 yen / m ribbon)", async () => {
    const ribbon = sku(7, { price: 999, taxRate: 10, unit: [100, "cm", "長さ", 10, 500] });
    const { data, hub } = await pairedDevice(new FakeHub({ skus: [ribbon], stock: { sku_000007: 1000 } }));
    const line = { skuId: "sku_000007", quantity: 3, unitValue: 85, unitPrice: 850, discount: 0, taxRate: 10 };
    const draft: SaleDraft = { staffId: "usr_clerk", lines: [line], subtotalDiscount: 0, tenders: [{ method: "cash", kind: "cash", amount: 3000 }] };
    await expect(data.commitSale({ ...draft, lines: [{ ...line, unitValue: 5 }] })).rejects.toThrow(/10–500 cm/);
    await expect(data.commitSale({ ...draft, lines: [{ ...line, unitValue: null }] })).rejects.toThrow(/unit value/);
    const doc = await data.commitSale(draft);
    expect(doc.body).toMatchObject({ total: 2550, change: 450, lines: [{ unitValue: 85, unitPrice: 850, quantity: 3 }] });
    expect(data.stockOf("sku_000007")).toEqual({ onHand: 745, available: 745 });
    await data.pushNow();
    expect(hub.taken).toHaveLength(1);
    expect(hub.stock.get("sku_000007")).toBe(745);
  });

  it("builds exchanges, stocktake sheets and receipts the hub accepts", async () => {
    const { data, hub } = await pairedDevice();
    hub.inbound.push({ id: "inb_1", kind: "purchase", reference: "PO-1", status: "pending", lines: [{ skuId: "sku_000002", quantity: 4 }], createdAt: "2026-01-01T00:00:00Z" });
    const s = await data.commitSale(sale());
    const exchange = await data.commitExchange({
      staffId: "usr_clerk",
      originalId: s.id,
      approvedBy: null,
      returned: [{ skuId: "sku_000001", quantity: 1, unitValue: null, unitPrice: 1000, discount: 0, taxRate: 10, defective: false }],
      given: [{ skuId: "sku_000002", quantity: 3, unitValue: null, unitPrice: 500, discount: 0, taxRate: 8 }],
      tenders: [{ method: "cash", kind: "cash", amount: 1000 }],
      refunds: [],
    });
    // 500 to pay, 1,000 in cash: 500 back
    expect(exchange.body).toMatchObject({ returnedTotal: 1000, givenTotal: 1500, change: 500 });
    await data.commitStocktakeSheet({ staffId: "usr_clerk", area: " 棚A ", lines: [{ skuId: "sku_000001", counted: 4 }] });
    expect(await data.pendingInbound()).toEqual([{ id: "inb_1", kind: "purchase", reference: "PO-1", lines: [{ skuId: "sku_000002", quantity: 4 }] }]);
    await data.commitReceipt({ staffId: "usr_clerk", inboundId: "inb_1", lines: [{ skuId: "sku_000002", received: 4 }] });
    // received here: no longer pending on this device, even before the hub knows
    expect(await data.pendingInbound()).toEqual([]);
    expect(data.stockOf("sku_000002")).toEqual({ onHand: 6, available: 6 });
    await data.pushNow();
    expect(hub.taken.map((d) => d.kind)).toEqual(["sale", "exchange", "stocktake", "receipt"]);
    expect(data.status()).toMatchObject({ waiting: 0, rejected: 0 });
    expect((await data.history({ kind: "stocktake" }))[0]!.body).toMatchObject({ area: "棚A" });
  });
});

describe("the outbox pusher", () => {
  it("sends documents in the order they were made and marks accepted ones sent", async () => {
    const { data, hub } = await pairedDevice();
    const docs = [];
    for (let i = 1; i <= 5; i++) docs.push(await data.commitSale(sale(i % 3 + 1)));
    expect(data.status().waiting).toBe(5);
    await data.pushNow();
    expect(hub.taken.map((d) => d.number)).toEqual(docs.map((d) => d.number));
    expect(data.status()).toMatchObject({ waiting: 0, sending: false, rejected: 0, online: true });
    expect(data.status().lastSyncAt).not.toBeNull();
    expect((await data.history()).every((d) => d.state === "sent")).toBe(true);
  });

  it("sends in batches of at most 100, oldest first", async () => {
    const { data, hub } = await pairedDevice();
    for (let i = 0; i < 230; i++) await data.commitSale(sale());
    await data.pushNow();
    const batches = hub.requests.filter((r) => r.path === "/api/pos/documents").map((r) => (r.body as { documents: { number: string }[] }).documents);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 30]);
    const numbers = batches.flat().map((d) => d.number);
    expect(numbers).toEqual([...numbers].sort());
    expect(hub.taken).toHaveLength(230);
  });

  it("keeps a rejected document visible with the hub's reasons, never resends it, and goes on with the others", async () => {
    const { data, hub } = await pairedDevice();
    const ok1 = await data.commitSale(sale());
    // the hub no longer knows this SKU: it rejects the document
    const bad = await data.commitSale(sale(1, "sku_000002", 500));
    hub.skus.delete("sku_000002");
    const ok2 = await data.commitSale(sale());
    await data.pushNow();
    expect(hub.taken.map((d) => d.id)).toEqual([ok1.id, ok2.id]);
    const rejected = await data.getDocument(bad.id);
    expect(rejected).toMatchObject({ state: "rejected" });
    expect(rejected!.issues![0]).toMatchObject({ path: ["lines", 0, "skuId"] });
    expect(data.status()).toMatchObject({ waiting: 0, rejected: 1 });
    // its local stock effect no longer counts
    expect(data.stockOf("sku_000002")).toEqual({ onHand: 5, available: 5 });
    await data.pushNow();
    const sends = hub.requests.filter((r) => r.path === "/api/pos/documents").flatMap((r) => (r.body as { documents: { id: string }[] }).documents);
    expect(sends.filter((d) => d.id === bad.id)).toHaveLength(1);
  });

  it("marks a document the hub already has ('duplicate') as sent", async () => {
    const { data, hub, name } = await pairedDevice();
    const doc = await data.commitSale(sale());
    // the hub took it already (say, from a push whose answer never arrived)
    (hub as unknown as { post(d: unknown): unknown }).post(doc.body);
    await data.pushNow();
    expect(hub.taken).toHaveLength(1);
    const db = new PosDb(name);
    expect((await db.documents.get(doc.id))!.state).toBe("sent");
    db.close();
  });

  it("never loses a document when the network fails mid-push: the retry sends it again and the hub answers 'duplicate'", async () => {
    const { data, hub } = await pairedDevice();
    const docs = [await data.commitSale(sale()), await data.commitSale(sale(2))];
    // the hub applies the batch, then the answer is lost on the way back
    hub.fail("lost-answer");
    await data.pushNow();
    expect(hub.taken).toHaveLength(2);
    expect(data.status()).toMatchObject({ waiting: 2, online: false });
    expect((await data.history()).every((d) => d.state === "waiting")).toBe(true);
    // no answer at all, then a 5xx: still nothing lost, nothing marked
    hub.fail("network");
    await data.pushNow();
    hub.fail(500);
    await data.pushNow();
    expect(data.status().waiting).toBe(2);
    await data.pushNow();
    expect(data.status()).toMatchObject({ waiting: 0, online: true });
    expect(hub.taken.map((d) => d.id)).toEqual(docs.map((d) => d.id));
    expect((await data.history()).every((d) => d.state === "sent")).toBe(true);
    // the same documents went four times; the hub took each once
    const sent = hub.requests.filter((r) => r.path === "/api/pos/documents").flatMap((r) => (r.body as { documents: { id: string }[] }).documents.map((d) => d.id));
    expect(sent.filter((id) => id === docs[0]!.id)).toHaveLength(4);
  });

  it("stops on 401 (device revoked) and keeps every document on the device", async () => {
    const { data, hub, name } = await pairedDevice();
    await data.commitSale(sale());
    await data.commitSale(sale());
    hub.revoked = true;
    await data.pushNow();
    expect(data.status()).toMatchObject({ revoked: true, waiting: 2 });
    const calls = hub.count("/api/pos/documents");
    await data.commitSale(sale());
    await data.pushNow();
    expect(hub.count("/api/pos/documents")).toBe(calls);
    expect(data.status().waiting).toBe(3);
    const db = new PosDb(name);
    expect((await db.documents.toArray()).map((d) => d.state)).toEqual(["waiting", "waiting", "waiting"]);
    expect((await db.entry("pairing"))!.revoked).toBe(true);
    db.close();
  });

  it("runs one push at a time: concurrent pushNow calls never send a document twice", async () => {
    const { data, hub } = await pairedDevice();
    for (let i = 0; i < 150; i++) await data.commitSale(sale());
    await Promise.all([data.pushNow(), data.pushNow(), data.pushNow()]);
    const sent = hub.requests.filter((r) => r.path === "/api/pos/documents").flatMap((r) => (r.body as { documents: { id: string }[] }).documents.map((d) => d.id));
    expect(sent).toHaveLength(150);
    expect(new Set(sent).size).toBe(150);
  });

  it("pushes by itself after a commit when autoSync is on", async () => {
    const hub = new FakeHub({ skus: [sku(1, { price: 1000, taxRate: 10 })], stock: { sku_000001: 10 } });
    const data = await createPosData({ baseUrl: BASE, fetch: hub.fetch, dbName: dbName(), serviceWorker: false });
    open.push(data);
    await data.pair(PAIRING_CODE);
    const seen: number[] = [];
    data.subscribe(() => seen.push(data.status().waiting));
    await data.commitSale(sale());
    await expect.poll(() => hub.taken.length).toBe(1);
    await expect.poll(() => data.status().waiting).toBe(0);
    expect(seen).toContain(1);
  });

  it("lets one tab push at a time (Web Locks): two tabs on one outbox send each document once", async () => {
    const locks = fakeLockManager();
    vi.stubGlobal("navigator", { onLine: true, locks });
    const { data: tabA, hub, name } = await pairedDevice();
    const tabB = await device(hub, name);
    for (let i = 0; i < 150; i++) await (i % 2 ? tabA : tabB).commitSale(sale());
    await Promise.all([tabA.pushNow(), tabB.pushNow(), tabA.pushNow(), tabB.pushNow()]);
    const sent = hub.requests.filter((r) => r.path === "/api/pos/documents").flatMap((r) => (r.body as { documents: { id: string }[] }).documents.map((d) => d.id));
    expect(sent).toHaveLength(150);
    expect(new Set(sent).size).toBe(150);
    expect(locks.granted.every((n) => n === "renkei-pos-outbox")).toBe(true);
    expect((await tabB.history({ limit: 200 })).every((d) => d.state === "sent")).toBe(true);
  });

  it("finds local history by receipt number or document ID, newest first", async () => {
    const { data } = await pairedDevice();
    const a = await data.commitSale(sale());
    const b = await data.commitSale(sale(2));
    await data.commitStocktakeSheet({ staffId: "usr_clerk", area: "A", lines: [{ skuId: "sku_000001", counted: 1 }] });
    expect((await data.history()).map((d) => d.kind)).toEqual(["stocktake", "sale", "sale"]);
    expect((await data.history({ kind: "sale" })).map((d) => d.id)).toEqual([b.id, a.id]);
    expect((await data.history({ text: "000002" })).map((d) => d.id)).toEqual([b.id]);
    expect((await data.history({ text: a.id.toUpperCase() })).map((d) => d.id)).toEqual([a.id]);
    expect((await data.history({ limit: 1 })).length).toBe(1);
    expect(await data.getDocument(a.id.toUpperCase())).toMatchObject({ id: a.id });
    expect(await data.getDocument("S001-02-999999")).toBeUndefined();
    // by state (what has not reached the hub) and from an instant on
    expect((await data.history({ state: "waiting" })).map((d) => d.kind)).toEqual(["stocktake", "sale", "sale"]);
    expect(await data.history({ since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect((await data.history({ since: a.createdAt })).map((d) => d.id)).toContain(a.id);
    await data.pushNow();
    expect(await data.history({ state: "waiting" })).toEqual([]);
    expect((await data.history({ state: "sent", kind: "sale" })).map((d) => d.id)).toEqual([b.id, a.id]);
  });
});
