/**
 * 再送 of 出荷確定 reports (seed 001 ① / ②) from the link's page: orders NextEngine refused, or that kept
 * changing there until the run gave up (lock-busy), are reported again — one order, or 「まとめて再送」 for
 * the list — each once per key, with each order's result. Real worker, D1 and Queues; the fake NextEngine.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { key, newMerchant, newSku, type TestMerchant } from "./helpers";
import { connected, ctl, neOrder, runJob, settings, type Json } from "./nextengine-link";

/** A started link with `count` imported orders of one product, ① on. */
async function linkWithOrders(m: TestMerchant, count: number) {
  const { code } = await newSku(m, { stock: 20 });
  const row = { receive_order_row_goods_id: code, receive_order_row_quantity: 1, receive_order_row_unit_price: 900 };
  const link = await connected(m, { goods: [{ goods_id: code, stock_quantity: 20 }], orders: Array.from({ length: count }, () => ({ rows: [row] })) });
  await runJob(m, "nextengine.import-orders", link.connectionId);
  await settings(m, link.connectionId, { markShipped: true });
  const ids: string[] = [];
  for (const neId of link.orderIds) {
    ids.push((await env.DB.prepare("SELECT id FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m.merchantId, neId).first<{ id: string }>())!.id);
  }
  return { ...link, renkeiIds: ids };
}

const results = async (m: TestMerchant, connectionId: string, problems = false) =>
  (await m.api("GET", `/api/nextengine/${connectionId}/shipment-results${problems ? "?problems=true" : ""}`)).body.items as Json[];

const outcomes = async (m: TestMerchant, connectionId: string) => Object.fromEntries((await results(m, connectionId)).map((r) => [r.orderId, r.outcome]));

/** 出荷確定 in Renkei, whose report to NextEngine runs on the queue. */
const ship = (m: TestMerchant, connectionId: string, orderId: string) =>
  m.api("POST", `/api/nextengine/${connectionId}/shipments`, { idempotencyKey: key(), items: [{ orderId, carrier: "", trackingNumber: "" }] });

const shippedCalls = async (companyId: string) =>
  ((await ctl("calls", { companyId })).calls as Json[]).filter((c) => c.path === "/api_v1_receiveorder_base/shipped");

describe("再送 of 出荷確定 reports", () => {
  it("a refused order and one that kept changing are replayed — one, then 「まとめて再送」 for the list — each reaches 出荷済み once, and the same request again replays nothing", async () => {
    const m = await newMerchant();
    const link = await linkWithOrders(m, 3);
    const [refusedA, busy, refusedC] = link.renkeiIds as [string, string, string];
    // NextEngine refuses the first /shipped, then the second order changes under every one of the run's 5 tries, then refuses again
    await ctl("fail", { companyId: link.companyId, kind: "error", path: "/api_v1_receiveorder_base/shipped", code: "020100", message: "出荷確定できない受注伝票です" });
    expect((await ship(m, link.connectionId, refusedA)).status).toBe(200);
    await vi.waitFor(async () => expect((await outcomes(m, link.connectionId))[refusedA]).toBe("refused"), { timeout: 15_000, interval: 200 });
    await ctl("fail", { companyId: link.companyId, kind: "error", path: "/api_v1_receiveorder_base/shipped", code: "020003", message: "他で更新されています", count: 5 });
    expect((await ship(m, link.connectionId, busy)).status).toBe(200);
    await vi.waitFor(async () => expect((await outcomes(m, link.connectionId))[busy]).toBe("lock-busy"), { timeout: 15_000, interval: 200 });
    await ctl("fail", { companyId: link.companyId, kind: "error", path: "/api_v1_receiveorder_base/shipped", code: "020100", message: "出荷確定できない受注伝票です" });
    expect((await ship(m, link.connectionId, refusedC)).status).toBe(200);
    await vi.waitFor(async () => expect((await outcomes(m, link.connectionId))[refusedC]).toBe("refused"), { timeout: 15_000, interval: 200 });
    expect((await results(m, link.connectionId, true)).every((r) => r.replay === null)).toBe(true);

    // one order, from its row
    const one = key();
    const replayed = await m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, { idempotencyKey: one, orderIds: [refusedA] });
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(202);
    expect(replayed.body.items).toMatchObject([{ orderId: refusedA, status: expect.stringMatching(/pending|done/) }]);
    await vi.waitFor(
      async () => expect((await results(m, link.connectionId)).find((r) => r.orderId === refusedA)).toMatchObject({ outcome: "shipped", attempts: 2, replay: { status: "done", outcome: "shipped" } }),
      { timeout: 15_000, interval: 200 },
    );
    expect((await neOrder(link.companyId, link.orderIds[0]!)).base.receive_order_order_status_id).toBe("50");
    // the same request again (a double click, a retried POST): the same rows, nothing replayed
    const again = await m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, { idempotencyKey: one, orderIds: [refusedA] });
    expect(again.status).toBe(202);
    expect(again.body.items).toMatchObject([{ orderId: refusedA, status: "done", outcome: "shipped" }]);

    // 「まとめて再送」: what the problems list can replay
    const listed = (await results(m, link.connectionId, true)).filter((r) => ["refused", "lock-busy"].includes(r.outcome)).map((r) => r.orderId);
    expect(listed.sort()).toEqual([busy, refusedC].sort());
    const all = key();
    expect((await m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, { idempotencyKey: all, orderIds: listed })).status).toBe(202);
    await vi.waitFor(async () => expect(await results(m, link.connectionId, true)).toEqual([]), { timeout: 15_000, interval: 200 });
    const byOrder = new Map((await results(m, link.connectionId)).map((r) => [r.orderId, r]));
    for (const id of [busy, refusedC]) expect(byOrder.get(id)).toMatchObject({ outcome: "shipped", replay: { status: "done", outcome: "shipped" } });
    expect((await m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, { idempotencyKey: all, orderIds: listed })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));

    // NextEngine: every order 出荷確定済, each /shipped that succeeded once per order
    for (const neId of link.orderIds) expect((await neOrder(link.companyId, neId)).base.receive_order_order_status_id).toBe("50");
    expect((await shippedCalls(link.companyId)).filter((c) => c.result === "success")).toHaveLength(3);
    const runs = (await m.api("GET", "/api/sync/runs?job=nextengine.replay-shipments")).body.items as Json[];
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
  }, 60_000);

  it("a replay whose job never reached the queue (rows written, send lost) is queued by the same request sent again, once", async () => {
    const m = await newMerchant();
    const link = await linkWithOrders(m, 1);
    const [order] = link.renkeiIds as [string];
    await ctl("fail", { companyId: link.companyId, kind: "error", path: "/api_v1_receiveorder_base/shipped", code: "020100", message: "出荷確定できない受注伝票です" });
    expect((await ship(m, link.connectionId, order)).status).toBe(200);
    await vi.waitFor(async () => expect((await outcomes(m, link.connectionId))[order]).toBe("refused"), { timeout: 15_000, interval: 200 });
    // what a request leaves when the queue send fails after its rows are written: pending rows without a run
    const lost = key();
    await env.DB.prepare(
      "INSERT INTO nextengine_shipment_replays (merchant_id, connection_id, idempotency_key, order_id, status, requested_at) VALUES (?1, ?2, ?3, ?4, 'pending', ?5)",
    )
      .bind(m.merchantId, link.connectionId, lost, order, new Date().toISOString())
      .run();
    // a new request for the order is refused (it waits in that replay); the same request again queues it
    expect((await m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, { idempotencyKey: key(), orderIds: [order] })).status).toBe(400);
    expect((await m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, { idempotencyKey: lost, orderIds: [order] })).status).toBe(202);
    await vi.waitFor(async () => expect((await outcomes(m, link.connectionId))[order]).toBe("shipped"), { timeout: 15_000, interval: 200 });
    expect((await m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, { idempotencyKey: lost, orderIds: [order] })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    expect((await shippedCalls(link.companyId)).filter((c) => c.result === "success")).toHaveLength(1);
    expect((await m.api("GET", `/api/sync/runs?job=nextengine.replay-shipments&connectionId=${link.connectionId}`)).body.items).toHaveLength(1);
  }, 60_000);

  it("refuses, naming each order by its index and writing nothing: one not refused, one unknown, one twice, one already waiting in a replay; ① off; a key reused for other orders", async () => {
    const m = await newMerchant();
    const link = await linkWithOrders(m, 3);
    const [ok, refused, waiting] = link.renkeiIds as [string, string, string];
    expect((await ship(m, link.connectionId, ok)).status).toBe(200);
    await vi.waitFor(async () => expect((await outcomes(m, link.connectionId))[ok]).toBe("shipped"), { timeout: 15_000, interval: 200 });
    await ctl("fail", { companyId: link.companyId, kind: "error", path: "/api_v1_receiveorder_base/shipped", code: "020100", message: "no", count: 2 });
    expect((await ship(m, link.connectionId, refused)).status).toBe(200);
    expect((await ship(m, link.connectionId, waiting)).status).toBe(200);
    await vi.waitFor(async () => expect(await outcomes(m, link.connectionId)).toEqual({ [ok]: "shipped", [refused]: "refused", [waiting]: "refused" }), { timeout: 15_000, interval: 200 });
    // another replay of `waiting` is under way (as if its job had not run yet)
    await env.DB.prepare(
      "INSERT INTO nextengine_shipment_replays (merchant_id, connection_id, idempotency_key, order_id, status, requested_at) VALUES (?1, ?2, 'other-replay', ?3, 'pending', ?4)",
    ).bind(m.merchantId, link.connectionId, waiting, new Date().toISOString()).run();

    const replay = (body: Json) => m.api("POST", `/api/nextengine/${link.connectionId}/shipment-results/replay`, body);
    const bad = await replay({ idempotencyKey: key(), orderIds: [refused, ok, "ord_nope", refused, waiting] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.path)).toEqual([["orderIds", 1], ["orderIds", 2], ["orderIds", 3], ["orderIds", 4]]);
    expect(bad.body.issues.map((i: Json) => i.message).join("\n")).toMatch(/変更が続いた.*\n.*反映結果がありません.*\n.*2回.*\n.*再送中/);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM nextengine_shipment_replays WHERE connection_id = ?1").bind(link.connectionId).first<{ n: number }>();
    expect(rows!.n).toBe(1); // only the one put there by hand
    expect((await replay({ idempotencyKey: key(), orderIds: [] })).status).toBe(400);

    // a key used once answers that replay only
    const used = key();
    expect((await replay({ idempotencyKey: used, orderIds: [refused] })).status).toBe(202);
    const reused = await replay({ idempotencyKey: used, orderIds: [waiting] });
    expect(reused.status).toBe(409);

    // ① off: nothing is reported to NextEngine, so nothing can be replayed
    await settings(m, link.connectionId, { markShipped: false });
    const off = await replay({ idempotencyKey: key(), orderIds: [refused] });
    expect(off.status).toBe(400);
    expect(off.body.issues[0].message).toContain("①");
  }, 60_000);
});
