import "fake-indexeddb/auto";
import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { PosDb, SCHEMA_V1, type StoredDocument } from "../../../pwa/pos/data/db";
import { createPosData, type PosDataHandle } from "../../../pwa/pos/data/index";
import { BASE, dbName, FakeHub, sku } from "./fake-hub";

const open: PosDataHandle[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
});

function v1Document(n: number, state: StoredDocument["state"]): Omit<StoredDocument, "stockPending"> {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    number: `S001-02-${String(n).padStart(6, "0")}`,
    kind: "sale",
    body: {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
      number: `S001-02-${String(n).padStart(6, "0")}`,
      kind: "sale",
      occurredAt: "2026-01-01T00:00:00.000Z",
      staffId: "usr_clerk",
      taxDisplay: "inclusive",
      subtotalDiscount: 0,
      total: 1000,
      tax: 90,
      lines: [{ skuId: "sku_000001", quantity: 1, unitValue: null, unitPrice: 1000, discount: 0, taxRate: 10 }],
      tenders: [{ method: "cash", kind: "cash", amount: 1000 }],
      change: 0,
    },
    createdAt: "2026-01-01T00:00:00.000Z",
    state,
    seq: n,
    merchantId: "mer_1",
    locationId: "loc_1",
    ...(state === "rejected" ? { issues: [{ path: ["total"], message: "合計が一致しません" }] } : {}),
  };
}

describe("schema upgrades", () => {
  it("a v1 database opened by this version keeps its outbox, history and counter, and the outbox still sends", async () => {
    const name = dbName();
    // the device as an earlier app version left it
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    await old.table("documents").bulkAdd([v1Document(1, "sent"), v1Document(2, "rejected"), v1Document(3, "waiting"), v1Document(4, "waiting")]);
    await old.table("counters").put({ name: "receipt", value: 4 });
    const hub = new FakeHub({ skus: [sku(1, { price: 1000, taxRate: 10 })], stock: { sku_000001: 10 } });
    await old.table("device").bulkPut([
      { key: "pairing", token: hub.token, deviceId: "dev_1", locationId: "loc_1", merchantId: "mer_1", pairedAt: "2026-01-01T00:00:00Z", revoked: false },
      { key: "bootstrap", value: hub.bootstrap, fetchedAt: "2026-01-01T00:00:00Z" },
    ]);
    old.close();

    const db = new PosDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    const docs = await db.documents.orderBy("seq").toArray();
    expect(docs.map((d) => [d.number, d.state, d.stockPending])).toEqual([
      ["S001-02-000001", "sent", 0],
      ["S001-02-000002", "rejected", 0],
      ["S001-02-000003", "waiting", 1],
      ["S001-02-000004", "waiting", 1],
    ]);
    expect(docs[1]!.issues).toEqual([{ path: ["total"], message: "合計が一致しません" }]);
    expect(docs[2]!.body).toEqual(v1Document(3, "waiting").body);
    db.close();

    const data = await createPosData({ baseUrl: BASE, fetch: hub.fetch, dbName: name, autoSync: false, serviceWorker: false });
    open.push(data);
    expect(data.status()).toMatchObject({ waiting: 2, rejected: 1 });
    // the effect of the two waiting sales is counted from the backfilled flag
    await data.syncCatalog();
    expect(data.stockOf("sku_000001")).toEqual({ onHand: 8, available: 8 });
    await data.pushNow();
    expect(hub.taken.map((d) => d.number)).toEqual(["S001-02-000003", "S001-02-000004"]);
    const next = await data.commitSale({
      staffId: "usr_clerk",
      lines: [{ skuId: "sku_000001", quantity: 1, unitValue: null, unitPrice: 1000, discount: 0, taxRate: 10 }],
      subtotalDiscount: 0,
      tenders: [{ method: "cash", kind: "cash", amount: 1000 }],
    });
    expect(next.number).toBe("S001-02-000005");
  });
});
