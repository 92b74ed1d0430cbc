/**
 * ③ / ④ stock uploads under NextEngine's own 商品コード (seed 001 with ⑥): NextEngine applies a file all
 * or nothing and matches codes exactly, so each line goes out under the code NextEngine has, a code it
 * lacks is left out and shown as skipped, and a file it refuses is counted on the run and resent once
 * by the merchant. Real worker, D1 and Queues; the fake NextEngine over loopback, one company per test.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { key, newMerchant, newSku, type TestMerchant } from "./helpers";
import { connected, ctl, neOrder, neStock, runJob, settings, type Json } from "./nextengine-link";

const UPLOAD = "nextengine.upload-stock";

const receipt = (m: TestMerchant, skuId: string, quantity: number, locationId = m.warehouseId) =>
  m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId, locationId, quantity, reason: "receipt" });

const uploads = async (m: TestMerchant, connectionId: string) => (await m.api("GET", `/api/nextengine/${connectionId}/uploads`)).body.items as Json[];

/** What NextEngine applied for one code (the fake records every applied line). */
const applied = async (companyId: string, goodsId: string) =>
  ((await ctl("uploads", { companyId })).applications as Json[]).filter((a) => a.goodsId === goodsId).map((a) => a.delta);

const resolve = (m: TestMerchant, connectionId: string, uploadId: string, decision: string) =>
  m.api("POST", `/api/nextengine/${connectionId}/uploads/${uploadId}/resolve`, { decision });

/** Runs the upload job until it settles (a queued run woken by 出荷確定 may hold the link's one open upload meanwhile). */
const settledRun = (m: TestMerchant, connectionId: string) => vi.waitFor(() => runJob(m, UPLOAD, connectionId), { timeout: 20_000, interval: 300 });

/** A product with one SKU whose code is given (to put two codes that differ only in case in one merchant). */
async function skuCoded(m: TestMerchant, code: string) {
  const r = await m.api("POST", "/api/products", { code: `G-${key()}`, name: `商品 ${code}`, taxClass: "standard", skus: [{ code, price: 1000 }] });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.skus[0].id as string;
}

describe("④ under NextEngine's 商品コード", () => {
  it("⑥ on, NextEngine spells the code in lower case: the receipt arrives exactly once under NextEngine's code, Renkei's kept beside it", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const lower = code.toLowerCase();
    expect(lower).not.toBe(code);
    const link = await connected(m, { goods: [{ goods_id: lower, stock_quantity: 50 }] });
    await settings(m, link.connectionId, { addStockOnReceipt: true, caseInsensitiveCodes: true, syncedLocationIds: [m.warehouseId] });
    await receipt(m, skuId, 4);
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 1, lines: 1, skippedLines: 0, refused: 0 });
    expect(await neStock(link.companyId, lower)).toBe(54);
    expect(await applied(link.companyId, lower)).toEqual([4]);
    expect(await uploads(m, link.connectionId)).toMatchObject([{ status: "applied", lines: [{ goodsId: lower, delta: 4, code }], skipped: [] }]);
    // the next run has nothing more to send, and nothing is counted twice
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 0 });
    expect(await applied(link.companyId, lower)).toEqual([4]);
  });

  it("⑥ off, the same lower-case code is not NextEngine's: the line is skipped with the reason, nothing is sent, and the run counts it", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const link = await connected(m, { goods: [{ goods_id: code.toLowerCase(), stock_quantity: 50 }] });
    await settings(m, link.connectionId, { addStockOnReceipt: true, caseInsensitiveCodes: false, syncedLocationIds: [m.warehouseId] });
    await receipt(m, skuId, 4);
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 0, skippedLines: 1 });
    const [upload] = await uploads(m, link.connectionId);
    expect(upload).toMatchObject({ status: "skipped", lines: [], skipped: [{ code, delta: 4, reason: expect.stringContaining("商品マスタ") }], queId: null });
    const calls = ((await ctl("calls", { companyId: link.companyId })).calls as Json[]).map((c) => c.path);
    expect(calls).not.toContain("/api_v1_master_goods/upload");
    expect(await neStock(link.companyId, code.toLowerCase())).toBe(50);
  });

  it("one code NextEngine lacks in an upload of two: the other line arrives, the unknown one is shown skipped; registered later, 再送 sends each skipped line once", async () => {
    const m = await newMerchant();
    const known = await newSku(m);
    const unknown = await newSku(m);
    const link = await connected(m, { goods: [{ goods_id: known.code, stock_quantity: 10 }] });
    await settings(m, link.connectionId, { addStockOnReceipt: true, syncedLocationIds: [m.warehouseId] });
    await receipt(m, known.skuId, 4);
    await receipt(m, unknown.skuId, 3);
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 1, lines: 1, skippedLines: 1, refused: 0 });
    expect(await neStock(link.companyId, known.code)).toBe(14);
    const [first] = await uploads(m, link.connectionId);
    expect(first).toMatchObject({
      status: "applied",
      lines: [{ goodsId: known.code, delta: 4 }],
      skipped: [{ code: unknown.code, delta: 3, reason: expect.stringContaining("商品マスタにこの商品コードがありません") }],
    });
    // its skipped line cannot be resent while NextEngine still lacks the code: named, nothing written
    const early = await resolve(m, link.connectionId, first!.id, "resend");
    expect(early.status).toBe(400);
    expect(early.body.issues).toEqual([{ path: ["skipped", 0], message: expect.stringContaining(unknown.code) }]);
    expect(await uploads(m, link.connectionId)).toHaveLength(1);

    // the next file has only the unknown code: nothing is sent, the upload says why
    await receipt(m, unknown.skuId, 2);
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 0, skippedLines: 1 });
    const [skipped] = await uploads(m, link.connectionId);
    expect(skipped).toMatchObject({ status: "skipped", lines: [], skipped: [{ code: unknown.code, delta: 2 }] });
    // the merchant registers the goods in NextEngine, then 再送: it goes out once, under its code
    await ctl("seed", { companyId: link.companyId, goods: [{ goods_id: unknown.code, stock_quantity: 7 }] });
    const [resent, again] = await Promise.all([resolve(m, link.connectionId, skipped!.id, "resend"), resolve(m, link.connectionId, skipped!.id, "resend")]);
    // a double click: one resend wins, the other finds it moved (refused by the row's state or its guard)
    const statuses = [resent.status, again.status].sort();
    expect(statuses[0], JSON.stringify([resent.body, again.body])).toBe(200);
    expect([400, 409]).toContain(statuses[1]);
    await vi.waitFor(async () => expect((await uploads(m, link.connectionId))[0]).toMatchObject({ id: skipped!.id, status: "applied", lines: [{ goodsId: unknown.code, delta: 2 }], skipped: [] }), {
      timeout: 20_000,
      interval: 250,
    });
    expect(await applied(link.companyId, unknown.code)).toEqual([2]);
    expect(await neStock(link.companyId, unknown.code)).toBe(9);

    // the first upload's skipped +3 goes out as an upload of its own, once; its applied line is not sent again
    const [again1, again2] = await Promise.all([resolve(m, link.connectionId, first!.id, "resend"), resolve(m, link.connectionId, first!.id, "resend")]);
    const twice = [again1.status, again2.status].sort();
    expect(twice[0], JSON.stringify([again1.body, again2.body])).toBe(200);
    expect([400, 409]).toContain(twice[1]);
    await vi.waitFor(async () => expect(await applied(link.companyId, unknown.code)).toEqual([2, 3]), { timeout: 20_000, interval: 250 });
    const list = await uploads(m, link.connectionId);
    expect(list).toHaveLength(3);
    expect(list.find((u) => u.id === first!.id)).toMatchObject({ status: "applied", lines: [{ goodsId: known.code, delta: 4 }], skipped: [], error: expect.stringContaining("再送しました") });
    await vi.waitFor(async () => expect((await uploads(m, link.connectionId))[0]).toMatchObject({ status: "applied", lines: [{ goodsId: unknown.code, delta: 3 }], skipped: [] }), { timeout: 20_000, interval: 250 });
    expect(await applied(link.companyId, known.code)).toEqual([4]);
    expect(await neStock(link.companyId, unknown.code)).toBe(12);
    expect((await resolve(m, link.connectionId, first!.id, "resend")).status).toBe(400);
  }, 40_000);

  it("ambiguous folds are skipped with the reason, never guessed (two NextEngine codes differing only in case, one NextEngine code fitting two SKUs); so is a code NextEngine's rule forbids", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const exact = await newSku(m);
    const twinLower = `tw-${key()}`.toLowerCase();
    const twinA = await skuCoded(m, twinLower.toUpperCase());
    const twinB = await skuCoded(m, `Tw${twinLower.slice(2)}`);
    // a comma would split the search's -in list and the CSV's columns: never searched, never sent
    const comma = `X,${key()}`;
    const commaSku = await skuCoded(m, comma);
    const link = await connected(m, {
      goods: [
        { goods_id: code.toLowerCase(), stock_quantity: 10 },
        { goods_id: code.toUpperCase(), stock_quantity: 10 },
        // exact wins over a fold: NextEngine has both spellings of this one, Renkei's among them
        { goods_id: exact.code, stock_quantity: 10 },
        { goods_id: exact.code.toLowerCase(), stock_quantity: 10 },
        { goods_id: twinLower, stock_quantity: 10 },
      ],
    });
    await settings(m, link.connectionId, { addStockOnReceipt: true, caseInsensitiveCodes: true, syncedLocationIds: [m.warehouseId] });
    for (const id of [skuId, exact.skuId, twinA, twinB, commaSku]) expect((await receipt(m, id, 2)).status).toBeLessThan(300);
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 1, lines: 1, skippedLines: 4 });
    const [upload] = await uploads(m, link.connectionId);
    expect(upload!.lines).toEqual([{ goodsId: exact.code, delta: 2, code: exact.code, skuId: exact.skuId }]);
    const reasons = Object.fromEntries((upload!.skipped as Json[]).map((s) => [s.code, s.reason]));
    expect(reasons[code]).toContain("複数あります");
    expect(reasons[code]).toContain(code.toUpperCase());
    expect(reasons[twinLower.toUpperCase()]).toContain("複数の商品に当たります");
    expect(reasons[`Tw${twinLower.slice(2)}`]).toContain("複数の商品に当たります");
    expect(reasons[comma]).toContain("使えない");
    expect(await applied(link.companyId, exact.code)).toEqual([2]);
    for (const goodsId of [code.toLowerCase(), code.toUpperCase(), exact.code.toLowerCase(), twinLower]) expect(await applied(link.companyId, goodsId)).toEqual([]);
  });
});

describe("an upload NextEngine refuses as a whole", () => {
  it("is counted on the run that met it and shown failed with NextEngine's words; 再送 after the fix sends it once, a second click is refused", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const link = await connected(m, { goods: [{ goods_id: code, stock_quantity: 20 }] });
    await settings(m, link.connectionId, { addStockOnReceipt: true, syncedLocationIds: [m.warehouseId] });
    await receipt(m, skuId, 5);
    await ctl("fail", { companyId: link.companyId, kind: "queue", message: "2行目: 在庫の更新に失敗しました" });
    // run through the queue as a schedule runs it: the run's record (read by the link's page) counts the refusal
    const run = await m.api("POST", "/api/sync/run", { job: UPLOAD, connectionId: link.connectionId });
    expect(run.status, JSON.stringify(run.body)).toBeLessThan(300);
    await vi.waitFor(async () => expect((await m.api("GET", `/api/sync/runs/${run.body.runId}`)).body).toMatchObject({ status: "succeeded", counts: { sent: 1, refused: 1 } }), {
      timeout: 20_000,
      interval: 250,
    });
    const [failed] = await uploads(m, link.connectionId);
    expect(failed).toMatchObject({ status: "failed", queId: expect.any(String), queMessage: "2行目: 在庫の更新に失敗しました", lines: [{ goodsId: code, delta: 5 }] });
    expect(await neStock(link.companyId, code)).toBe(20);
    // later movements still go up: the refused file holds nothing back
    await receipt(m, skuId, 1);
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 1, refused: 0 });
    expect(await neStock(link.companyId, code)).toBe(21);
    // a decision that does not fit a refused upload is named
    const discard = await resolve(m, link.connectionId, failed!.id, "discard");
    expect(discard.status).toBe(400);
    expect(discard.body.issues[0].path).toEqual(["uploadId"]);
    const resent = await resolve(m, link.connectionId, failed!.id, "resend");
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    await vi.waitFor(async () => expect((await uploads(m, link.connectionId)).find((u) => u.id === failed!.id)).toMatchObject({ status: "applied", queMessage: expect.any(String) }), {
      timeout: 20_000,
      interval: 250,
    });
    expect(await neStock(link.companyId, code)).toBe(26);
    expect(await applied(link.companyId, code)).toEqual([1, 5]);
    const again = await resolve(m, link.connectionId, failed!.id, "resend");
    expect(again.status).toBe(400);
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 0 });
    expect(await applied(link.companyId, code)).toEqual([1, 5]);
  }, 40_000);

  it("an upload refused before the fix (sent under Renkei's code, which NextEngine spells in lower case) goes out under NextEngine's code when resent with ⑥ on", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const lower = code.toLowerCase();
    const link = await connected(m, { goods: [{ goods_id: lower, stock_quantity: 30 }] });
    await settings(m, link.connectionId, { addStockOnReceipt: true, caseInsensitiveCodes: true, syncedLocationIds: [m.warehouseId] });
    // the row the defect left: Renkei's code as goodsId, refused whole by NextEngine
    const id = `neu_${key()}`;
    const at = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO nextengine_stock_uploads (id, merchant_id, connection_id, from_movement, to_movement, lines, stock_before, que_high_water, status, que_id, que_message, attempts, error, created_at, updated_at)
       VALUES (?1, ?2, ?3, 0, 0, ?4, '{}', 0, 'failed', '1', ?5, 1, ?5, ?6, ?6)`,
    )
      .bind(id, m.merchantId, link.connectionId, JSON.stringify([{ goodsId: code, delta: 4 }]), `2行目: 商品コード ${code} は商品マスタに存在しません`, at)
      .run();
    expect((await resolve(m, link.connectionId, id, "resend")).status).toBe(200);
    await vi.waitFor(async () => expect((await uploads(m, link.connectionId)).find((u) => u.id === id)).toMatchObject({ status: "applied", lines: [{ goodsId: lower, delta: 4, code, skuId }] }), {
      timeout: 20_000,
      interval: 250,
    });
    expect(await applied(link.companyId, lower)).toEqual([4]);
    expect(await neStock(link.companyId, lower)).toBe(34);
  }, 40_000);
});

describe("an upload held for review and closed unsent", () => {
  it("is 'discarded', apart from NextEngine's refusals: it can no longer be resent, and nothing reaches NextEngine", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const link = await connected(m, { goods: [{ goods_id: code, stock_quantity: 40 }] });
    await settings(m, link.connectionId, { addStockOnReceipt: true, syncedLocationIds: [m.warehouseId] });
    await receipt(m, skuId, 6);
    // not taken (503), and meanwhile NextEngine's stock moves by itself: reconciliation cannot tell
    await ctl("fail", { companyId: link.companyId, kind: "http", path: "/api_v1_master_goods/upload", status: 503 });
    await expect(runJob(m, UPLOAD, link.connectionId)).rejects.toThrow();
    await ctl("seed", { companyId: link.companyId, goods: [{ goods_id: code, stock_quantity: 35 }] });
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ review: 1 });
    const [held] = await uploads(m, link.connectionId);
    expect(held).toMatchObject({ status: "review" });
    expect((await resolve(m, link.connectionId, held!.id, "discard")).status).toBe(200);
    expect((await uploads(m, link.connectionId))[0]).toMatchObject({ id: held!.id, status: "discarded", error: expect.stringContaining("送信しないで閉じました") });
    const resend = await resolve(m, link.connectionId, held!.id, "resend");
    expect(resend.status).toBe(400);
    expect(resend.body.issues[0]).toMatchObject({ path: ["uploadId"], message: expect.stringContaining("再送できるのは") });
    expect(await runJob(m, UPLOAD, link.connectionId)).toMatchObject({ sent: 0 });
    expect(await applied(link.companyId, code)).toEqual([]);
    expect(await neStock(link.companyId, code)).toBe(35);
  });
});

describe("③ 出荷確定でネクストエンジンの在庫をマイナスする", () => {
  async function manualShipment(m: TestMerchant, skuId: string, quantity: number) {
    const order = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, locationId: m.warehouseId, lines: [{ skuId, quantity }] });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const shipment = await m.api("POST", `/api/orders/${order.body.id}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: order.body.lines[0].id, quantity }] });
    expect((await m.api("POST", `/api/shipments/${shipment.body.id}/confirm`, { idempotencyKey: key() })).status).toBe(200);
  }

  it("off: a shipment at a linked location sends nothing, while ④'s receipts still go up", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m, { stock: 10 });
    const link = await connected(m, { goods: [{ goods_id: code, stock_quantity: 50 }] });
    await settings(m, link.connectionId, { markShipped: true, subtractStockOnShipment: false, addStockOnReceipt: true, syncedLocationIds: [m.warehouseId] });
    await manualShipment(m, skuId, 3);
    await receipt(m, skuId, 5);
    await settledRun(m, link.connectionId);
    await vi.waitFor(async () => expect((await uploads(m, link.connectionId)).every((u) => u.status === "applied")).toBe(true), { timeout: 20_000, interval: 250 });
    expect(await applied(link.companyId, code)).toEqual([5]);
    expect(await neStock(link.companyId, code)).toBe(55);
  }, 40_000);

  it("on: an order imported from NextEngine uploads nothing (NextEngine takes its stock at /shipped), a shipment of an order from elsewhere does", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m, { stock: 20 });
    const link = await connected(m, {
      goods: [{ goods_id: code, stock_quantity: 50 }],
      orders: [{ rows: [{ receive_order_row_goods_id: code, receive_order_row_quantity: 2, receive_order_row_unit_price: 800 }] }],
    });
    // the imported order ships from the linked warehouse, so only its origin keeps it out of the upload
    await settings(m, link.connectionId, { markShipped: true, subtractStockOnShipment: true, syncedLocationIds: [m.warehouseId], shippingLocationId: m.warehouseId });
    expect(await runJob(m, "nextengine.import-orders", link.connectionId)).toMatchObject({ created: 1 });
    const imported = (await env.DB.prepare("SELECT id, location_id FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m.merchantId, link.orderIds[0]).first<{ id: string; location_id: string }>())!;
    expect(imported.location_id).toBe(m.warehouseId);
    const shipped = await m.api("POST", `/api/nextengine/${link.connectionId}/shipments`, { idempotencyKey: key(), items: [{ orderId: imported.id, carrier: "", trackingNumber: "" }] });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    await vi.waitFor(async () => expect((await neOrder(link.companyId, link.orderIds[0]!)).base.receive_order_order_status_id).toBe("50"), { timeout: 20_000, interval: 250 });
    await manualShipment(m, skuId, 3);
    await settledRun(m, link.connectionId);
    await vi.waitFor(async () => expect(await neStock(link.companyId, code)).toBe(45), { timeout: 20_000, interval: 250 });
    await vi.waitFor(async () => expect((await uploads(m, link.connectionId)).every((u) => u.status === "applied")).toBe(true), { timeout: 20_000, interval: 250 });
    // both shipments are in Renkei's ledger at the linked warehouse; only the one from elsewhere went up
    const ships = await env.DB.prepare("SELECT quantity FROM stock_movements WHERE merchant_id = ?1 AND sku_id = ?2 AND reason = 'ship' AND bucket = 'on_hand' AND location_id = ?3 ORDER BY id")
      .bind(m.merchantId, skuId, m.warehouseId)
      .all<{ quantity: number }>();
    expect(ships.results.map((r) => r.quantity)).toEqual([-2, -3]);
    expect(await applied(link.companyId, code)).toEqual([-3]);
    expect((await uploads(m, link.connectionId)).flatMap((u) => u.lines)).toEqual([{ goodsId: code, delta: -3, code, skuId }]);
  }, 60_000);
});
