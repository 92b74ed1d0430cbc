/**
 * 入荷予定の種別 (seed 001, receiving): a delivery registered by hand or from a CSV keeps its kind — 仕入
 * (purchase), 移動 (transfer) or その他 (other_in) — chosen on the form or named per row in the CSV's
 * optional 種別 column (Japanese, Chinese, English or the code); a bad kind is refused by its row and
 * column, and nothing is registered. Real worker and D1; the fake NextEngine for the link.
 */
import { describe, expect, it } from "vitest";
import { key, newMerchant, newSku, type TestMerchant } from "./helpers";
import { connected, type Json } from "./nextengine-link";

async function deliveryLink() {
  const m = await newMerchant();
  const sku = await newSku(m, { stock: 0 });
  const link = await connected(m, { goods: [{ goods_id: sku.code, stock_quantity: 5 }] });
  const codes = new Map(((await m.api("GET", "/api/locations")).body.items as Json[]).map((l) => [l.id, l.code as string]));
  return { m, ...sku, ...link, warehouse: codes.get(m.warehouseId)!, store: codes.get(m.storeId)! };
}

const expected = (m: TestMerchant, connectionId: string, body: Json) => m.api("POST", `/api/nextengine/${connectionId}/expected-receipts`, { idempotencyKey: key(), ...body });
const waiting = async (m: TestMerchant, connectionId: string) => (await m.api("GET", `/api/nextengine/${connectionId}/to-receive`)).body.items as Json[];

describe("入荷予定の種別", () => {
  it("by hand: the kind chosen on the form is the delivery's; without one it is 仕入", async () => {
    const s = await deliveryLink();
    const moved = await expected(s.m, s.connectionId, { kind: "transfer", rows: [{ location: s.warehouse, code: s.code, quantity: "2", reference: "MV-1" }] });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.items).toMatchObject([{ reference: "MV-1", kind: "transfer" }]);
    expect((await expected(s.m, s.connectionId, { rows: [{ location: s.warehouse, code: s.code, quantity: "1", reference: "PO-1" }] })).status).toBe(201);
    const list = await waiting(s.m, s.connectionId);
    expect(Object.fromEntries(list.map((d) => [d.reference, d.kind]))).toEqual({ "MV-1": "transfer", "PO-1": "purchase" });
  });

  it("from a CSV: each row's 種別 (ja / zh / en / code) is its delivery's, a blank one takes the form's; a bad kind and two kinds in one delivery are named by row and column, and nothing is registered", async () => {
    const s = await deliveryLink();
    const bad = await expected(s.m, s.connectionId, {
      kind: "other_in",
      rows: [
        { location: s.warehouse, code: s.code, quantity: "1", reference: "PO-9", kind: "仕入" },
        { location: s.warehouse, code: s.code, quantity: "1", reference: "X-9", kind: "返品" },
        { location: s.store, code: s.code, quantity: "1", reference: "MV-9", kind: "移動" },
        { location: s.store, code: s.code, quantity: "1", reference: "MV-9", kind: "其他" },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.path.join("."))).toEqual(["rows.1.kind", "rows.3.kind"]);
    expect(bad.body.issues[0].message).toContain("種別「返品」");
    expect(bad.body.issues[0].message).toContain("仕入");
    expect(await waiting(s.m, s.connectionId)).toEqual([]);

    const good = await expected(s.m, s.connectionId, {
      kind: "other_in",
      rows: [
        { location: s.warehouse, code: s.code, quantity: "3", reference: "PO-10", kind: "仕入" },
        { location: s.store, code: s.code, quantity: "1", reference: "MV-10", kind: "调拨" },
        { location: s.warehouse, code: s.code, quantity: "2", reference: "TR-10", kind: "Transfer" },
        { location: s.warehouse, code: s.code, quantity: "1", reference: "ETC-10", kind: "" },
        { location: s.store, code: s.code, quantity: "1", reference: "ETC-11", kind: "その他" },
      ],
    });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    const kinds = Object.fromEntries((await waiting(s.m, s.connectionId)).map((d) => [d.reference, d.kind]));
    expect(kinds).toEqual({ "PO-10": "purchase", "MV-10": "transfer", "TR-10": "transfer", "ETC-10": "other_in", "ETC-11": "other_in" });
  });
});
