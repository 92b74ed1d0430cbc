/**
 * 冲单 (seed 003 §2.3.2): a posted sale rung up by mistake is reversed in whole from the store back
 * office — goods back into stock once, one 冲单 per sale, refused after a return or exchange — and
 * goes to a 旺店通 link as one 其他入库, whatever the ERP or the network does.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { exportDocuments } from "../../worker/connectors/wangdian/exports";
import { TransientError } from "../../worker/sync/messages";
import { key, level, newMerchant, newSku } from "./helpers";
import { exchanged, ownerId, pairedDevice, returned, sale } from "./store-documents";
import { control, erpGoods, linkedStore } from "./wangdian-link";

const movementsOf = async (sourceId: string) =>
  (await env.DB.prepare("SELECT sku_id, quantity, reason FROM stock_movements WHERE source_id = ?1 ORDER BY id").bind(sourceId).all()).results;

describe("冲单: reversing a sale in whole", () => {
  it("puts the goods back once: a repeat with the same key answers the same 冲单, another key is refused as already reversed", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const a = await newSku(m, { price: 1200, stock: 5, locationId: m.storeId });
    const b = await newSku(m, { price: 300, stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const mistake = sale(staff, [{ skuId: a.skuId, quantity: 2, unitPrice: 1200 }, { skuId: b.skuId, quantity: 1, unitPrice: 300 }]);
    expect((await device.push([mistake])).body.results[0].status).toBe("accepted");
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 3 });

    const request = { idempotencyKey: key(), reason: "打ち間違い" };
    const made = await m.api("POST", `/api/documents/${mistake.id}/reverse`, request);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ kind: "reversal", status: "posted", referenceId: mistake.id, number: `CD-${mistake.number}`, body: { reason: "打ち間違い", saleNumber: mistake.number } });
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 5 });
    expect(await level(m, b.skuId, m.storeId)).toMatchObject({ on_hand: 5 });

    const again = await m.api("POST", `/api/documents/${mistake.id}/reverse`, request);
    expect(again.body.id).toBe(made.body.id);
    const other = await m.api("POST", `/api/documents/${mistake.id}/reverse`, { idempotencyKey: key() });
    expect(other.status).toBe(409);
    expect(other.body.issues[0].message).toContain(made.body.number);
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 5 });
    expect(await movementsOf(made.body.id)).toEqual([
      { sku_id: a.skuId, quantity: 2, reason: "reversal" },
      { sku_id: b.skuId, quantity: 1, reason: "reversal" },
    ]);
    // listed with the store's documents under its own kind
    const listed = (await m.api("GET", `/api/documents?kind=reversal&referenceId=${mistake.id}`)).body.items;
    expect(listed.map((d: { id: string }) => d.id)).toEqual([made.body.id]);
  });

  it("a return or exchange pushed from a POS against a reversed sale is refused with the reason; stock stays", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const a = await newSku(m, { price: 1000, stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const mistake = sale(staff, [{ skuId: a.skuId, quantity: 1, unitPrice: 1000 }]);
    expect((await device.push([mistake])).body.results[0].status).toBe("accepted");
    expect((await m.api("POST", `/api/documents/${mistake.id}/reverse`, { idempotencyKey: key() })).status).toBe(201);
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 5 });

    // a tablet that was offline still takes a return against it
    const back = returned(staff, [{ skuId: a.skuId, quantity: 1, unitPrice: 1000 }], mistake.id);
    const swap = exchanged(staff, [{ skuId: a.skuId, quantity: 1, unitPrice: 1000 }], [{ skuId: a.skuId, quantity: 1, unitPrice: 1000 }], 0);
    const results = (await device.push([back, { ...swap, originalId: mistake.id }])).body.results as { status: string; issues?: { path: string[]; message: string }[] }[];
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(results[0]!.issues).toContainEqual(expect.objectContaining({ path: ["originalId"], message: expect.stringContaining("冲单") }));
    expect(await level(m, a.skuId, m.storeId)).toMatchObject({ on_hand: 5 });
  });

  it("two desks reversing the same sale at the same moment make one 冲单 and put the goods back once", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { price: 500, stock: 4, locationId: m.storeId });
    const device = await pairedDevice(m);
    const mistake = sale(staff, [{ skuId, quantity: 3, unitPrice: 500 }]);
    await device.push([mistake]);
    const request = { idempotencyKey: key() };
    const both = await Promise.all([m.api("POST", `/api/documents/${mistake.id}/reverse`, request), m.api("POST", `/api/documents/${mistake.id}/reverse`, request)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[1]!.body.id).toBe(both[0]!.body.id);
    const rivals = await Promise.all([m.api("POST", `/api/documents/${mistake.id}/reverse`, { idempotencyKey: key() }), m.api("POST", `/api/documents/${mistake.id}/reverse`, { idempotencyKey: key() })]);
    expect(rivals.map((r) => r.status)).toEqual([409, 409]);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 4 });
  });

  it("is refused with the reason for a sale with a return or an exchange, and for what is not a sale; nothing moves", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { price: 1000, stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const withReturn = sale(staff, [{ skuId, quantity: 1, unitPrice: 1000 }]);
    const back = returned(staff, [{ skuId, quantity: 1, unitPrice: 1000 }], withReturn.id);
    const withExchange = sale(staff, [{ skuId, quantity: 1, unitPrice: 1000 }]);
    const swap = { ...exchanged(staff, [{ skuId, quantity: 1, unitPrice: 1000 }], [{ skuId, quantity: 1, unitPrice: 1000 }], 0), originalId: withExchange.id, approvedBy: null, tenders: [], change: 0 };
    const results = (await device.push([withReturn, back, withExchange, swap])).body.results;
    expect(results.map((r: { status: string }) => r.status), JSON.stringify(results)).toEqual(["accepted", "accepted", "accepted", "accepted"]);
    const before = await level(m, skuId, m.storeId);

    for (const saleId of [withReturn.id, withExchange.id]) {
      const refused = await m.api("POST", `/api/documents/${saleId}/reverse`, { idempotencyKey: key() });
      expect(refused.status).toBe(409);
      expect(refused.body.issues[0].message).toContain("返品・交換");
    }
    const notSale = await m.api("POST", `/api/documents/${back.id}/reverse`, { idempotencyKey: key() });
    expect(notSale.status).toBe(400);
    expect(notSale.body.issues[0]).toMatchObject({ path: ["id"], message: expect.stringContaining("販売") });
    expect((await m.api("POST", "/api/documents/nope/reverse", { idempotencyKey: key() })).status).toBe(404);
    expect((await m.api("POST", `/api/documents/${withReturn.id}/reverse`, { idempotencyKey: "short" })).status).toBe(400);
    expect(await level(m, skuId, m.storeId)).toEqual(before);
    expect((await m.api("GET", "/api/documents?kind=reversal")).body.items).toEqual([]);
  });

  it("a return that reached the hub between the check and the write still stops the 冲单 (checked inside the write)", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const { skuId } = await newSku(m, { price: 1000, stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const mistake = sale(staff, [{ skuId, quantity: 1, unitPrice: 1000 }]);
    await device.push([mistake]);
    // the database's own guard, as the race would meet it: a reversal row written after a return
    await device.push([returned(staff, [{ skuId, quantity: 1, unitPrice: 1000 }], mistake.id)]);
    const insert = env.DB.prepare(
      `INSERT INTO store_documents (id, merchant_id, location_id, kind, number, status, reference_id, body, occurred_at, received_at)
       VALUES ('rev_race', ?1, ?2, 'reversal', 'CD-race', 'posted', ?3, '{}', '2026-11-26T00:00:00Z', '2026-11-26T00:00:00Z')`,
    ).bind(m.merchantId, m.storeId, mistake.id);
    await expect(insert.run()).rejects.toThrow(/SALE_HAS_RETURN/);
  });
});

describe("冲单 to 旺店通 (→ 其他入库)", () => {
  it("goes once as 其他入库 with the sale's lines, even when the ERP's answer is lost", async () => {
    const { m, p, storeId, credentials, connection } = await linkedStore();
    const staff = await ownerId(m);
    const a = await newSku(m, { price: 1250, stock: 5, locationId: storeId });
    const b = await newSku(m, { price: 800, stock: 5, locationId: storeId });
    await erpGoods(a.code, b.code);
    const device = await pairedDevice(m, storeId);
    const mistake = sale(staff, [{ skuId: a.skuId, quantity: 2, unitPrice: 1250 }, { skuId: b.skuId, quantity: 1, unitPrice: 800 }]);
    await device.push([mistake]);
    expect(await exportDocuments(m.ctx, await connection(), { flush: true })).toMatchObject({ trades: 1 });

    const reversal = await m.api("POST", `/api/documents/${mistake.id}/reverse`, { idempotencyKey: key() });
    expect(reversal.status).toBe(201);
    const waiting = (await m.api("GET", `/api/wangdian/${(await connection()).id}/exports?state=waiting`)).body;
    expect(waiting.items).toEqual([expect.objectContaining({ documentId: reversal.body.id, kind: "reversal", event: "goods_in" })]);

    // the ERP takes it, then the answer is lost: the resend is answered "already accepted"
    await control("fail", [{ endpoint: "stockin_order_push.php", sid: credentials.sid, status: 503, afterApply: true }]);
    await expect(exportDocuments(m.ctx, await connection())).rejects.toBeInstanceOf(TransientError);
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ stockins: 0, alreadyAccepted: 1, failed: 0 });
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ calls: 0 });

    const stockins = ((await control("writes", { kind: "stockin" })) as any[]).filter((w) => JSON.stringify(w).includes(reversal.body.number));
    expect(stockins).toHaveLength(1);
    const text = JSON.stringify(stockins[0]);
    for (const part of [a.code, b.code, p, "冲单"]) expect(text).toContain(part);
    expect(stockins[0].key).toBe(reversal.body.number);
    expect(stockins[0].detail.lines).toEqual([expect.objectContaining({ spec_no: a.code, num: 2 }), expect.objectContaining({ spec_no: b.code, num: 1 })]);
  });
});
