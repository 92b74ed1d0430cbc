import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { Catalog, normalize, PAGE_SIZE, type CatalogTuple } from "../../../pwa/pos/data/catalog";
import { PosDb } from "../../../pwa/pos/data/db";
import { createPosData, type PosDataHandle } from "../../../pwa/pos/data/index";
import { BASE, dbName, FakeHub, PAIRING_CODE, sku } from "./fake-hub";

const open: PosDataHandle[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

async function device(hub: FakeHub, name = dbName()) {
  const data = await createPosData({ baseUrl: BASE, fetch: hub.fetch, dbName: name, autoSync: false, serviceWorker: false });
  open.push(data);
  return data;
}

/** a device paired earlier whose catalog was never loaded */
async function pairedWithoutCatalog(hub: FakeHub) {
  const name = dbName();
  const db = new PosDb(name);
  await db.open();
  await db.device.bulkPut([
    { key: "pairing", token: hub.token, deviceId: "dev_1", locationId: "loc_1", merchantId: "mer_1", pairedAt: "2026-01-01T00:00:00Z", revoked: false },
    { key: "bootstrap", value: hub.bootstrap, fetchedAt: "2026-01-01T00:00:00Z" },
  ]);
  db.close();
  return device(hub, name);
}

function catalogOf(n: number): CatalogTuple[] {
  return Array.from({ length: n }, (_, i) => sku(i + 1, { name: i % 2 ? `サッポロ アイス ${i + 1}` : `キリン 麦茶 ${i + 1}` }));
}

describe("catalog sync", () => {
  it("reads the snapshot in pages of 5,000 with progress, stores pages (not rows) and finds SKUs by ID, barcode and code", async () => {
    const skus = catalogOf(12_000);
    const hub = new FakeHub({ skus, stock: { sku_000001: 3, sku_012000: 7 } });
    const name = dbName();
    const data = await device(hub, name);
    await data.pair(PAIRING_CODE);
    expect(data.status().catalog).toEqual({ loaded: 12_000, total: 12_000, ready: true });
    expect(hub.requests.filter((r) => r.path.startsWith("/api/pos/catalog?since=0")).map((r) => r.path)).toEqual([
      "/api/pos/catalog?since=0&limit=5000",
      "/api/pos/catalog?since=0&after=sku_005000&limit=5000",
      "/api/pos/catalog?since=0&after=sku_010000&limit=5000",
    ]);
    const db = new PosDb(name);
    expect(await db.catalogPages.count()).toBe(3);
    expect((await db.catalogPages.get(2))!.items).toHaveLength(2000);
    expect(await db.entry("catalog")).toMatchObject({ cursor: 12_000, snapshot: null, pages: 3, total: 12_000 });
    db.close();

    expect(data.getSku("sku_000042")).toMatchObject({ code: "C0000042", listed: true, unit: null });
    expect(data.findByBarcode("4900000000042")!.id).toBe("sku_000042");
    expect(data.findByCode("c0000042")!.id).toBe("sku_000042");
    // a keyboard in full-width mode
    expect(data.findByBarcode("４９００００００００04２")!.id).toBe("sku_000042");
    expect(data.stockOf("sku_012000")).toEqual({ onHand: 7, available: 7 });
    expect(data.stockOf("sku_000002")).toBeUndefined();
  });

  it("passes (loaded, total) to the caller of the first load", async () => {
    const hub = new FakeHub({ skus: catalogOf(11_000) });
    const data = await pairedWithoutCatalog(hub);
    expect(data.status().catalog).toEqual({ loaded: 0, total: null, ready: false });
    const progress: [number, number | null][] = [];
    await data.syncCatalog((loaded, total) => progress.push([loaded, total]));
    expect(progress).toEqual([
      [5000, 11_000],
      [10_000, 11_000],
      [11_000, 11_000],
    ]);
    expect(data.status().catalog).toEqual({ loaded: 11_000, total: 11_000, ready: true });
  });

  it("resumes an interrupted snapshot at the page it stopped, and gets what changed meanwhile as a delta", async () => {
    const hub = new FakeHub({ skus: catalogOf(12_000) });
    const name = dbName();
    let catalogCalls = 0;
    // the first catalog page arrives, then the network goes
    const flaky = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes("/api/pos/catalog") && ++catalogCalls >= 2) throw new TypeError("offline");
      return hub.fetch(input, init);
    };
    const d1 = await createPosData({ baseUrl: BASE, fetch: flaky as typeof fetch, dbName: name, autoSync: false, serviceWorker: false });
    open.push(d1);
    await d1.pair(PAIRING_CODE); // paired all the same
    expect(await d1.isPaired()).toBe(true);
    expect(d1.status().catalog).toMatchObject({ loaded: 5000, ready: false });
    const db = new PosDb(name);
    expect(await db.entry("catalog")).toMatchObject({ cursor: null, snapshot: { after: "sku_005000", cursor: 12_000 }, pages: 1 });
    db.close();
    hub.change(sku(3, { name: "変更された商品", price: 777 }));
    d1.close();
    open.splice(open.indexOf(d1), 1);

    const d2 = await device(hub, name);
    expect(d2.status().catalog).toMatchObject({ loaded: 5000, ready: false });
    expect(d2.findByCode("C0000042")).toBeDefined(); // what is loaded already works
    const before = hub.requests.length;
    await d2.syncCatalog();
    expect(hub.requests.slice(before).map((r) => r.path)).toEqual([
      "/api/pos/catalog?since=0&after=sku_005000&limit=5000",
      "/api/pos/catalog?since=0&after=sku_010000&limit=5000",
      "/api/pos/catalog?since=12000&limit=5000",
    ]);
    expect(d2.status().catalog).toMatchObject({ loaded: 12_000, ready: true });
    expect(d2.getSku("sku_000003")).toMatchObject({ name: "変更された商品", price: 777 });
  });

  it("reads the snapshot again while the hub's change log is empty (cursor 0 cannot ask for deltas)", async () => {
    const hub = new FakeHub();
    const data = await device(hub);
    await data.pair(PAIRING_CODE);
    expect(data.status().catalog).toMatchObject({ loaded: 0, ready: true });
    hub.change(sku(1));
    await data.syncCatalog();
    expect(data.getSku("sku_000001")).toBeDefined();
    hub.change(sku(2));
    await data.syncCatalog();
    expect(hub.requests.at(-1)!.path).toBe("/api/pos/catalog?since=1&limit=5000");
    expect(data.getSku("sku_000002")).toBeDefined();
  });

  it("applies deltas by cursor: changed SKUs replaced in their page, new ones appended, stock updated, and all of it survives a restart", async () => {
    const hub = new FakeHub({ skus: catalogOf(6000), stock: { sku_000010: 5 } });
    const name = dbName();
    const data = await device(hub, name);
    await data.pair(PAIRING_CODE);

    hub.change(sku(10, { name: "新しい名前", barcode: "4999999999999", price: 2500 }));
    hub.setStock("sku_000010", 9);
    hub.change(sku(6001, { name: "新商品 ラーメン" }));
    await data.syncCatalog();

    const check = (d: PosDataHandle) => {
      expect(d.getSku("sku_000010")).toMatchObject({ name: "新しい名前", price: 2500, barcode: "4999999999999" });
      expect(d.findByBarcode("4999999999999")!.id).toBe("sku_000010");
      expect(d.findByBarcode("4900000000010")).toBeUndefined();
      expect(d.stockOf("sku_000010")).toEqual({ onHand: 9, available: 9 });
      expect(d.findByCode("C0006001")!.name).toBe("新商品 ラーメン");
      expect(d.search("ラーメン").map((s) => s.id)).toEqual(["sku_006001"]);
      expect(d.search("新しい").map((s) => s.id)).toEqual(["sku_000010"]);
      expect(d.status().catalog).toMatchObject({ loaded: 6001, ready: true });
    };
    check(data);
    expect(hub.requests.at(-1)!.path).toBe("/api/pos/catalog?since=6000&limit=5000");

    const db = new PosDb(name);
    expect(await db.entry("catalog")).toMatchObject({ cursor: 6003 });
    // the SKU stayed in its page (0), the new one went to the last page (1, not full)
    expect((await db.catalogPages.get(0))!.items.find((t) => t[0] === "sku_000010")![3]).toBe("新しい名前");
    expect((await db.catalogPages.get(1))!.items.map((t) => t[0]).slice(-1)).toEqual(["sku_006001"]);
    expect(await db.catalogPages.count()).toBe(2);
    db.close();

    data.close();
    open.splice(open.indexOf(data), 1);
    check(await device(hub, name));
  });

  it("keeps a sent sale's stock effect until the deltas show the hub's new stock, then counts it once", async () => {
    const hub = new FakeHub({ skus: [sku(1, { price: 1000, taxRate: 10 })], stock: { sku_000001: 10 } });
    const data = await device(hub);
    await data.pair(PAIRING_CODE);
    await data.commitSale({
      staffId: "usr_clerk",
      lines: [{ skuId: "sku_000001", quantity: 4, unitValue: null, unitPrice: 1000, discount: 0, taxRate: 10 }],
      subtotalDiscount: 0,
      tenders: [{ method: "cash", kind: "cash", amount: 4000 }],
    });
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 6, available: 6 });
    await data.pushNow();
    // sent, but the device has not read the hub's new stock yet: still 6, not 10
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 6, available: 6 });
    await data.syncCatalog();
    // the hub's stock (6) now holds the sale: not subtracted again
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 6, available: 6 });
    hub.setStock("sku_000001", 20);
    await data.syncCatalog();
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 20, available: 20 });
  });
});

describe("the in-memory catalog", () => {
  const many = Array.from({ length: 100_000 }, (_, i) =>
    sku(i + 1, { name: `${["サッポロ", "キリン", "明治", "森永", "カルビー"][i % 5]} ${["アイスクリーム", "ポテトチップス", "麦茶", "ヨーグルト"][i % 4]} ${i % 997}g` }),
  );

  // Speed is measured by `npm run bench -- pos`, never asserted here (timings in tests are flaky).
  it("answers substring search over 100k names: all words in one SKU, kana-insensitive, exact code first", () => {
    const catalog = new Catalog();
    for (let p = 0; p * PAGE_SIZE < many.length; p++) catalog.addPage(p, many.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE), []);
    catalog.warm();
    expect(catalog.search("麦茶 森永", 10).every((s) => s.name.includes("麦茶") && s.name.includes("森永"))).toBe(true);
    expect(catalog.search("ぽてと", 5)).toHaveLength(5); // hiragana finds katakana
    expect(catalog.search("存在しない")).toEqual([]);
    expect(catalog.search("C0000123")[0]!.id).toBe("sku_000123");
    expect(catalog.search("4900000050000")[0]!.id).toBe("sku_050000");
    expect(catalog.search("c00001", 500).length).toBeGreaterThan(10);
    expect(normalize("ＡＢＣ１２３ ｶﾀｶﾅ")).toBe("abc123 カタカナ");
  });

  it("rewrites only the pages a delta touches, and opens a new page when the last one is full", () => {
    const catalog = new Catalog();
    catalog.addPage(0, many.slice(0, PAGE_SIZE), []);
    catalog.addPage(1, many.slice(PAGE_SIZE, 2 * PAGE_SIZE), []);
    const plan = catalog.planDelta([sku(7, { name: "x" }), sku(200_001)], [["sku_000007", 1, 1]]);
    expect(plan.catalogPages.map((p) => [p.page, p.items.length])).toEqual([
      [0, PAGE_SIZE],
      [2, 1],
    ]);
    // nothing changes in memory until the pages are written
    expect(catalog.getSku("sku_000007")!.name).not.toBe("x");
    expect(catalog.getSku("sku_200001")).toBeUndefined();
    plan.apply();
    expect(catalog.getSku("sku_000007")!.name).toBe("x");
    expect(catalog.stockLevel("sku_000007")).toEqual({ onHand: 1, available: 1 });
    expect(catalog.pageCount).toBe(3);
  });
});
