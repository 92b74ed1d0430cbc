/**
 * Orders both ways with Smaregi's order-shipment API (seed 000 受注連携設定), against the fake
 * Smaregi (own contract per test) with real D1 and Queues: Renkei orders sent once with each
 * setting's effect on what is sent, a lost answer and a 429 storm that double nothing, and the
 * `order-shipment:orders` / `pos:products` webhooks taken once and re-read by ID.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { smaregiOrderBody } from "../../worker/connectors/smaregi/order-body";
import { call, key, level, type TestMerchant } from "./helpers";
import { baseSettings, control, fakes, importedLink, runJob, smaregiApi } from "./smaregi-link";

type Line = { skuId?: string; externalCode?: string; name?: string; quantity: number; unitPrice: number };

async function importOrder(m: TestMerchant, lines: Line[], extra: { shippingFee?: number; adjustment?: number; paymentMethodCode?: string } = {}) {
  const externalId = `EC-${crypto.randomUUID().slice(0, 8)}`;
  const imported = await m.api("POST", "/api/orders/import", {
    idempotencyKey: key(),
    orders: [
      {
        channelId: m.channelId,
        externalId,
        orderedAt: "2026-11-26T01:00:00.000Z",
        currency: "JPY",
        ...extra,
        lines: lines.map((l, i) => ({ name: l.name ?? `line ${i}`, externalCode: l.externalCode ?? "", skuId: l.skuId, quantity: l.quantity, unitPrice: l.unitPrice, taxRate: 10 })),
      },
    ],
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const orderId = (await env.DB.prepare("SELECT id FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m.merchantId, externalId).first<{ id: string }>())!.id;
  return { orderId, externalId };
}

/** A started link whose channel allocates against Renkei's own stock (no Smaregi reads while importing). */
async function startedLink(extra: Record<string, unknown> = {}) {
  const link = await importedLink();
  const settings = (more: Record<string, unknown> = {}) => baseSettings(link.m, { availableStockBasis: "renkei", ...extra, ...more });
  expect((await link.m.api("PUT", `/api/connections/${link.id}/settings`, settings())).status).toBe(200);
  expect((await link.m.api("POST", `/api/connections/${link.id}/start`)).body.status).toBe("started");
  const smaregiOrders = async () => (await control("state", { contractId: link.ids.contractId })).orders as any[];
  const sentAs = async (externalId: string) => (await smaregiOrders()).filter((o) => o.orderCode === externalId);
  const sendRuns = async () => (await link.m.api("GET", "/api/sync/runs?job=smaregi.send-orders")).body.items as { id: string; status: string; trigger: string; counts: Record<string, number> }[];
  /** Until no send of this link waits or runs: new orders wake one by themselves (send-on-create.ts). */
  const settled = (timeout = 10_000) =>
    vi.waitFor(async () => expect((await sendRuns()).filter((r) => r.status !== "succeeded" && r.status !== "failed")).toEqual([]), { timeout, interval: 50 });
  /** 「今すぐ受注連携」, once the sends new orders woke have finished. */
  const send = async () => {
    await settled();
    return runJob(link.m, "smaregi.send-orders", link.id);
  };
  const save = async (more: Record<string, unknown>) => expect((await link.m.api("PUT", `/api/connections/${link.id}/settings`, settings(more))).status).toBe(200);
  return { ...link, smaregiOrders, sentAs, send, save, sendRuns, settled };
}

describe("受注連携: Renkei orders go to Smaregi once", () => {
  it("an order of a mapped store goes the moment it is imported (one run the import woke, no schedule), with its lines, carriage and total under the order number; a rerun sends nothing again", async () => {
    const { m, id, sku, sentAs, send, sendRuns, settled } = await startedLink();
    const order = await importOrder(m, [{ skuId: sku("RB-001-RED"), quantity: 2, unitPrice: 8800 }, { skuId: sku("CF-200"), quantity: 1, unitPrice: 1620 }], { shippingFee: 500 });
    await settled();
    const runs = await sendRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "event", status: "succeeded", counts: { sent: 1, skipped: 0 } });
    const [sent] = await sentAs(order.externalId);
    expect(sent).toMatchObject({
      storeId: "1",
      orderDateTime: "2026-11-26T10:00:00+09:00",
      carriage: 500,
      taxExclude: 0,
      totalPromotionDiscount: 0,
      total: 2 * 8800 + 1620 + 500,
      // order store 1 allocates by itself at warehouse 3
      status: "allocated",
    });
    expect(sent.details.map((d: any) => [d.productCode, d.salesPrice, d.quantity])).toEqual([["RB-001-RED", 8800, 2], ["CF-200", 1620, 1]]);
    const link = await env.DB.prepare("SELECT external_id, external_code FROM external_links WHERE connection_id = ?1 AND entity = 'order' AND renkei_id = ?2").bind(id, order.orderId).first();
    expect(link).toEqual({ external_id: sent.orderHeadId, external_code: order.externalId });
    const again = await send();
    expect(again.counts).toMatchObject({ sent: 0, skipped: 0 });
    expect(await sentAs(order.externalId)).toHaveLength(1);
  });

  it("a burst of imports while a send is waiting adds no run: the waiting run, once delivered, sends them all, each once", async () => {
    const { m, id, sku, sentAs, sendRuns, settled } = await startedLink();
    // A send already waiting: its run recorded, its queue message not delivered yet (as enqueueCoalesced leaves it for a moment).
    const waiting = `run_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await env.DB.prepare("INSERT INTO sync_runs (id, merchant_id, connection_id, job, trigger, status, queued_at) VALUES (?1, ?2, ?3, 'smaregi.send-orders', 'event', 'queued', ?4)")
      .bind(waiting, m.merchantId, id, new Date().toISOString())
      .run();
    const burst = await Promise.all(Array.from({ length: 20 }, () => importOrder(m, [{ skuId: sku("TS-100-S"), quantity: 1, unitPrice: 2980 }])));
    expect((await sendRuns()).map((r) => r.id)).toEqual([waiting]);
    await env.JOBS.send({ runId: waiting, merchantId: m.merchantId, connectionId: id, job: "smaregi.send-orders", payload: {}, trigger: "event" });
    await settled(20_000);
    const [run] = await sendRuns();
    expect(run).toMatchObject({ status: "succeeded", counts: { sent: 20, skipped: 0 } });
    for (const o of burst) expect(await sentAs(o.externalId)).toHaveLength(1);
  });

  it("an order entered in the admin goes the same way; a channel not mapped to an order store wakes nothing", async () => {
    const { m, sku, smaregiOrders, sendRuns, settled } = await startedLink();
    const entered = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId: sku("CF-200"), quantity: 1 }] });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    await settled();
    expect(await sendRuns()).toEqual([expect.objectContaining({ trigger: "event", counts: expect.objectContaining({ sent: 1 }) })]);
    expect((await smaregiOrders()).filter((o) => o.orderCode === entered.body.externalId)).toHaveLength(1);
    const other = await m.api("POST", "/api/channels", { code: `other-${crypto.randomUUID().slice(0, 6)}`, name: "他店", kind: "mall", defaultLocationId: m.warehouseId });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect((await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: other.body.id, lines: [{ skuId: sku("CF-200"), quantity: 1 }] })).status).toBe(201);
    expect(await sendRuns()).toHaveLength(1);
  });

  it("■ダミー商品番号: a line without a product code holds the order back (reason shown) until set, then goes under it", async () => {
    const { m, id, sku, sentAs, send, save } = await startedLink();
    const order = await importOrder(m, [{ skuId: sku("TS-100-S"), quantity: 1, unitPrice: 2980 }, { name: "のし", quantity: 1, unitPrice: 100 }]);
    const held = await send();
    expect(held.counts).toMatchObject({ sent: 0, skipped: 1 });
    const last = (await m.api("GET", `/api/smaregi/connections/${id}/orders-sent`)).body.last;
    expect(last.skipped).toEqual([{ orderId: order.orderId, externalId: order.externalId, reason: expect.stringContaining("■ダミー商品番号") }]);
    expect(await sentAs(order.externalId)).toEqual([]);
    // remembered as refused, so later runs try it after the orders that can go
    const refused = () => env.DB.prepare("SELECT value FROM connection_cursors WHERE connection_id = ?1 AND name = ?2").bind(id, `smaregi:send-refused:${order.orderId}`).first<{ value: string }>();
    expect((await refused())?.value).toContain("■ダミー商品番号");
    await save({ dummyProductCode: "SM-BAG-01" });
    expect((await send()).counts).toMatchObject({ sent: 1 });
    expect(await refused()).toBeNull();
    const [sent] = await sentAs(order.externalId);
    expect(sent.details.map((d: any) => [d.productCode, d.productName, d.salesPrice])).toEqual([["TS-100-S", "line 0", 2980], ["SM-BAG-01", "のし", 100]]);
    expect(sent.total).toBe(3080);
  });

  it("■封入物商品連携: [連携しない] leaves the enclosure (not stock-managed in Smaregi) out, [連携する] sends it as a line", async () => {
    const { m, sku, sentAs, save, settled } = await startedLink();
    const lines = () => [{ skuId: sku("TS-100-M"), quantity: 1, unitPrice: 2980 }, { skuId: sku("SM-GIFT-01"), quantity: 1, unitPrice: 330 }];
    const without = await importOrder(m, lines());
    await settled();
    const [left] = await sentAs(without.externalId);
    expect(left.details.map((d: any) => d.productCode)).toEqual(["TS-100-M"]);
    expect(left.total).toBe(2980);
    await save({ enclosureItems: "link" });
    const withIt = await importOrder(m, lines());
    await settled();
    const [sent] = await sentAs(withIt.externalId);
    expect(sent.details.map((d: any) => [d.productCode, d.salesPrice])).toEqual([["TS-100-M", 2980], ["SM-GIFT-01", 330]]);
    expect(sent.total).toBe(3310);
  });

  it("■調整額用商品番号: a positive adjustment goes as a line of that product, a negative one as a promotion discount; unset, a positive one waits", async () => {
    const { m, sku, sentAs, send, save } = await startedLink();
    const plus = await importOrder(m, [{ skuId: sku("TS-100-L"), quantity: 1, unitPrice: 2980 }], { adjustment: 300 });
    const minus = await importOrder(m, [{ skuId: sku("TS-100-L"), quantity: 2, unitPrice: 2980 }], { adjustment: -500, shippingFee: 600 });
    // the negative one went when it was imported; the positive one is held back, run after run
    const first = await send();
    expect(first.counts).toMatchObject({ sent: 0, skipped: 1 });
    const [discounted] = await sentAs(minus.externalId);
    expect(discounted).toMatchObject({ totalPromotionDiscount: 500, carriage: 600, total: 2 * 2980 + 600 - 500 });
    expect(discounted.details).toHaveLength(1);
    expect(await sentAs(plus.externalId)).toEqual([]);
    await save({ adjustmentProductCode: "SM-BAG-01" });
    expect((await send()).counts).toMatchObject({ sent: 1, skipped: 0 });
    const [adjusted] = await sentAs(plus.externalId);
    expect(adjusted.details.map((d: any) => [d.productCode, d.salesPrice, d.quantity])).toEqual([["TS-100-L", 2980, 1], ["SM-BAG-01", 300, 1]]);
    expect(adjusted).toMatchObject({ totalPromotionDiscount: 0, total: 3280 });
  });

  it("外税 order stores carry Renkei's tax as taxExclude, and the total rule holds", () => {
    const body = smaregiOrderBody(
      { id: "o", externalId: "X-1", orderedAt: "2026-11-26T01:00:00.000Z", tax: 298, shippingFee: 0, adjustment: -100, note: "", lines: [{ productCode: "TS-100-S", name: "T", unitPrice: 2980, quantity: 1 }] },
      { smaregiStoreId: "2", taxCalculation: "exclusive" },
      { enclosureItems: "none", adjustmentProductCode: null, dummyProductCode: null },
      new Set(),
    );
    expect(body).toEqual({ ok: true, body: expect.objectContaining({ storeId: "2", taxExclude: 298, totalPromotionDiscount: 100, total: 2980 + 298 - 100 }) });
    const refused = smaregiOrderBody(
      { id: "o", externalId: "受注-1", orderedAt: "2026-11-26T01:00:00.000Z", tax: 0, shippingFee: 0, adjustment: 0, note: "", lines: [{ productCode: "A", name: "A", unitPrice: 1, quantity: 1 }] },
      { smaregiStoreId: "1", taxCalculation: "inclusive" },
      { enclosureItems: "none", adjustmentProductCode: null, dummyProductCode: null },
      new Set(),
    );
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining("受注番号") });
  });

  it("an order Smaregi already took (its answer lost) is found by its code and linked, never created twice; the link must be started", async () => {
    const { m, id, ids, sku, sentAs, send, sendRuns } = await startedLink();
    // imported while the link is stopped: nothing is woken, the test chooses when the send happens
    expect((await m.api("POST", `/api/connections/${id}/stop`)).body.status).toBe("stopped");
    const order = await importOrder(m, [{ skuId: sku("CF-200"), quantity: 1, unitPrice: 1620 }]);
    expect(await sendRuns()).toEqual([]);
    // The first attempt landed in Smaregi, but Renkei never heard back.
    await control("seed", { contractId: ids.contractId, orders: [{ orderHeadId: "7001", storeId: "1", orderCode: order.externalId, details: [{ productCode: "CF-200", salesPrice: 1620, quantity: 1 }] }] });
    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    const run = await send();
    expect(run.counts).toMatchObject({ sent: 1, skipped: 0 });
    expect(await sentAs(order.externalId)).toHaveLength(1);
    const link = await env.DB.prepare("SELECT external_id FROM external_links WHERE connection_id = ?1 AND entity = 'order' AND renkei_id = ?2").bind(id, order.orderId).first();
    expect(link).toEqual({ external_id: "7001" });
    expect((await m.api("POST", `/api/connections/${id}/stop`)).body.status).toBe("stopped");
    const stopped = await send();
    expect(stopped.status).toBe("failed");
    expect(stopped.error).toContain("開始されていません");
  });

  it("a 429 storm (1 request / s on this contract, then injected 429s) while orders come in: every order arrives, none twice", async () => {
    const { m, id, ids, sku, sentAs, smaregiOrders, sendRuns, settled } = await startedLink();
    await control("rate", { contractId: ids.contractId, perSecond: 1 });
    await control("fail", { contractId: ids.contractId, status: 429, count: 4 });
    const orders = [];
    try {
      for (let i = 0; i < 6; i++) orders.push(await importOrder(m, [{ skuId: sku("TS-100-S"), quantity: 1, unitPrice: 2980 }]));
      await settled(50_000);
      expect((await sendRuns()).every((r) => r.status === "succeeded")).toBe(true);
      const run = await runLong(m, "smaregi.send-orders", id);
      expect(run.status, run.error).toBe("succeeded");
      expect(run.counts).toMatchObject({ sent: 0, skipped: 0 });
    } finally {
      await control("rate", { contractId: ids.contractId, perSecond: 10 });
    }
    for (const o of orders) expect(await sentAs(o.externalId)).toHaveLength(1);
    const codes = (await smaregiOrders()).map((o) => o.orderCode);
    expect(codes.length).toBe(new Set(codes).size);
  }, 60_000);
});

/** A run that may take longer than runJob waits (a 1 request / s cap). */
async function runLong(m: TestMerchant, job: string, connectionId: string) {
  const run = await m.api("POST", "/api/sync/run", { job, connectionId });
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  let body: any;
  await vi.waitFor(
    async () => {
      body = (await m.api("GET", `/api/sync/runs/${run.body.runId}`)).body;
      expect(["succeeded", "failed"]).toContain(body.status);
    },
    { timeout: 50_000, interval: 250 },
  );
  return body;
}

describe("支払方法: the order's payment method goes as the mapped スマレジ支払方法", () => {
  const methodId = async (m: TestMerchant, code: string) =>
    (await env.DB.prepare("SELECT id FROM payment_methods WHERE merchant_id = ?1 AND code = ?2").bind(m.merchantId, code).first<{ id: string }>())!.id;

  it("a mapped method reaches Smaregi as the mapped ID; an order without one goes without the field; an unmapped one is held with the reason until mapped", async () => {
    const { m, id, sku, sentAs, send, save, settled } = await startedLink();
    const card = await methodId(m, "card");
    await save({ paymentMethods: [{ paymentMethodId: card, smaregiPaymentMethodId: "2" }] });
    const line = () => [{ skuId: sku("CF-200"), quantity: 1, unitPrice: 1620 }];
    const byCard = await importOrder(m, line(), { paymentMethodCode: "card" });
    const unpaid = await importOrder(m, line());
    const byQr = await importOrder(m, line(), { paymentMethodCode: "qr" });
    await settled();
    expect((await sentAs(byCard.externalId)).map((o) => o.paymentMethodId)).toEqual(["2"]);
    expect((await sentAs(unpaid.externalId)).map((o) => o.paymentMethodId)).toEqual([null]);
    expect(await sentAs(byQr.externalId)).toEqual([]);
    const held = await send();
    expect(held.counts).toMatchObject({ sent: 0, skipped: 1 });
    const last = (await m.api("GET", `/api/smaregi/connections/${id}/orders-sent`)).body.last;
    expect(last.skipped).toEqual([{ orderId: byQr.orderId, externalId: byQr.externalId, reason: expect.stringContaining("支払方法「QR決済」") }]);
    await save({ paymentMethods: [{ paymentMethodId: card, smaregiPaymentMethodId: "2" }, { paymentMethodId: await methodId(m, "qr"), smaregiPaymentMethodId: "3" }] });
    expect((await send()).counts).toMatchObject({ sent: 1, skipped: 0 });
    expect((await sentAs(byQr.externalId)).map((o) => o.paymentMethodId)).toEqual(["3"]);
    // each once
    expect(await sentAs(byCard.externalId)).toHaveLength(1);
  });

  it("the body: a mapped method carries its Smaregi ID, an unmapped one refuses naming it, none adds no field", () => {
    const order = { id: "o", externalId: "X-1", orderedAt: "2026-11-26T01:00:00.000Z", tax: 0, shippingFee: 0, adjustment: 0, note: "", lines: [{ productCode: "CF-200", name: "C", unitPrice: 1620, quantity: 1 }] };
    const store = { smaregiStoreId: "1", taxCalculation: "inclusive" } as const;
    const s = { enclosureItems: "none", adjustmentProductCode: null, dummyProductCode: null, paymentMethods: [{ paymentMethodId: "pay_card", smaregiPaymentMethodId: "2" }] } as const;
    const mapped = smaregiOrderBody({ ...order, paymentMethod: { id: "pay_card", name: "クレジットカード" } }, store, { ...s, paymentMethods: [...s.paymentMethods] }, new Set());
    expect(mapped).toEqual({ ok: true, body: expect.objectContaining({ paymentMethodId: "2" }) });
    const unmapped = smaregiOrderBody({ ...order, paymentMethod: { id: "pay_qr", name: "QR決済" } }, store, { ...s, paymentMethods: [...s.paymentMethods] }, new Set());
    expect(unmapped).toEqual({ ok: false, reason: expect.stringContaining("支払方法「QR決済」") });
    const none = smaregiOrderBody({ ...order, paymentMethod: null }, store, { ...s, paymentMethods: [...s.paymentMethods] }, new Set());
    expect(none.ok && "paymentMethodId" in none.body).toBe(false);
  });
});

describe("webhooks from Smaregi's order side and product master", () => {
  async function hooked(extra: Record<string, unknown> = {}) {
    const link = await startedLink(extra);
    const hook = (await link.m.api("GET", `/api/smaregi/connections/${link.id}/webhook`)).body;
    await control("webhook", { contractId: link.ids.contractId, url: `${fakes()}/__control/smaregi/inbox?box=${link.ids.contractId}`, secret: hook.secret });
    const inbox = () => control<{ headers: Record<string, string>; body: any }[]>("inbox-read", { box: link.ids.contractId });
    const replay = (d: { headers: Record<string, string>; body: unknown }) => call("POST", `/webhooks/smaregi/${link.id}`, d.body, d.headers);
    const runs = async () => (await link.m.api("GET", "/api/sync/runs?job=smaregi.webhook")).body.items as { status: string; counts: Record<string, number> }[];
    const untilRuns = (n: number) =>
      vi.waitFor(async () => expect((await runs()).filter((r) => r.status === "succeeded")).toHaveLength(n), { timeout: 20_000, interval: 100 });
    return { ...link, inbox, replay, runs, untilRuns };
  }

  it("an order shipped in Smaregi ships in Renkei once (duplicate and resent events change nothing), and its stock history is not taken twice", async () => {
    const { m, ids, sku, settled, sentAs, inbox, replay, runs, untilRuns } = await hooked();
    const order = await importOrder(m, [{ skuId: sku("RB-001-RED"), quantity: 3, unitPrice: 8800 }]);
    expect(await level(m, sku("RB-001-RED"))).toMatchObject({ on_hand: 40, allocated: 3 });
    await settled();
    const [sent] = await sentAs(order.externalId);
    const shipped = await smaregiApi(ids, "PATCH", `/order-shipment/orders/${sent.orderHeadId}`, { status: "shipped" });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    let hook: any;
    await vi.waitFor(async () => {
      hook = (await inbox()).find((d) => d.body.event === "order-shipment:orders");
      expect(hook).toBeDefined();
    });
    expect((await replay(hook)).body).toEqual({});
    await untilRuns(1);
    expect((await runs())[0]!.counts).toMatchObject({ shipped: 1 });
    expect((await m.api("GET", `/api/orders/${order.orderId}`)).body.status).toBe("shipped");
    expect(await level(m, sku("RB-001-RED"))).toMatchObject({ on_hand: 37, allocated: 0 });
    expect((await replay(hook)).body).toEqual({ duplicate: true });
    // the same news under a new event ID: re-read, already shipped, nothing more
    await control("emit-webhook", { contractId: ids.contractId, event: "order-shipment:orders", action: "shipped", storeId: "1", orderHeadIds: [sent.orderHeadId] });
    await vi.waitFor(async () => expect((await inbox()).filter((d) => d.body.event === "order-shipment:orders")).toHaveLength(2));
    await replay((await inbox()).filter((d) => d.body.event === "order-shipment:orders")[1]!);
    await untilRuns(2);
    expect((await runs())[0]!.counts).toMatchObject({ shipped: 0, unchanged: 1 });
    // Smaregi's warehouse history of that shipment, if it comes as pos:stock, is the same goods
    const history = (await control("state", { contractId: ids.contractId })).stockHistories.find((h: any) => h.memo === `受注出荷 ${order.externalId}`);
    expect(history).toMatchObject({ productId: "1", storeId: "3", amount: "-3" });
    await control("emit-webhook", { contractId: ids.contractId, event: "pos:stock", action: "edited", ids: [{ id: history.id, productId: "1", storeId: "3" }] });
    await vi.waitFor(async () => expect((await inbox()).some((d) => d.body.event === "pos:stock" && d.body.ids[0]?.id === history.id)).toBe(true));
    await replay((await inbox()).find((d) => d.body.event === "pos:stock" && d.body.ids[0]?.id === history.id)!);
    await untilRuns(3);
    expect((await runs())[0]!.counts).toMatchObject({ orderShipments: 1, applied: 0 });
    expect(await level(m, sku("RB-001-RED"))).toMatchObject({ on_hand: 37 });
  });

  it("an order cancelled in Smaregi is cancelled in Renkei, its allocation released once", async () => {
    const { m, ids, sku, settled, sentAs, inbox, replay, runs, untilRuns } = await hooked();
    const order = await importOrder(m, [{ skuId: sku("CF-200"), quantity: 2, unitPrice: 1620 }]);
    await settled();
    const [sent] = await sentAs(order.externalId);
    expect((await smaregiApi(ids, "PATCH", `/order-shipment/orders/${sent.orderHeadId}`, { status: "canceled" })).status).toBe(200);
    await vi.waitFor(async () => expect((await inbox()).some((d) => d.body.event === "order-shipment:orders")).toBe(true));
    await replay((await inbox()).find((d) => d.body.event === "order-shipment:orders")!);
    await untilRuns(1);
    expect((await runs())[0]!.counts).toMatchObject({ cancelled: 1 });
    expect((await m.api("GET", `/api/orders/${order.orderId}`)).body.status).toBe("cancelled");
    expect(await level(m, sku("CF-200"))).toMatchObject({ on_hand: 90, allocated: 0 });
  });

  it("pos:products with Smaregi as product master: the product is re-read and its name and price replace Renkei's; with 商品連携 off nothing changes", async () => {
    const { m, id, ids, sku, inbox, replay, runs, untilRuns, save } = await hooked();
    const edited = await smaregiApi(ids, "PATCH", "/pos/products/6", { productName: "ブレンドコーヒー豆 250g", price: "1980" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await vi.waitFor(async () => expect((await inbox()).some((d) => d.body.event === "pos:products")).toBe(true));
    const hook = (await inbox()).find((d) => d.body.event === "pos:products")!;
    await replay(hook);
    await untilRuns(1);
    expect((await runs())[0]!.counts).toMatchObject({ updated: 1 });
    const row = async () =>
      env.DB.prepare("SELECT s.price, p.name FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = ?1").bind(sku("CF-200")).first();
    expect(await row()).toEqual({ price: 1980, name: "ブレンドコーヒー豆 250g" });
    expect((await replay(hook)).body).toEqual({ duplicate: true });
    await save({ productSync: false });
    await smaregiApi(ids, "PATCH", "/pos/products/6", { price: "2100" });
    await vi.waitFor(async () => expect((await inbox()).filter((d) => d.body.event === "pos:products")).toHaveLength(2));
    await replay((await inbox()).filter((d) => d.body.event === "pos:products")[1]!);
    await untilRuns(2);
    expect((await runs())[0]!.counts).toMatchObject({ ignored: 1 });
    expect(await row()).toMatchObject({ price: 1980 });
    void id;
  });
});
