/**
 * Smaregi POS sales and new products reaching Renkei (seed 000 beyond the first slices), against the
 * fake Smaregi (own contract per test) with real D1 and Queues:
 *  - pos:transactions re-read by ID and recorded; a sale moves Renkei's stock once whichever of its
 *    webhooks (pos:transactions, pos:stock) comes first, at locations Renkei owns and Smaregi owns;
 *  - a Smaregi sale between Smaregi's shipment of an order and Renkei hearing of it, at a location
 *    Smaregi owns, does not leave Renkei's figure short: the shipment re-reads Smaregi's figure;
 *  - pos:products "created": the product comes in with its Smaregi ID and its stock, once; a product
 *    deleted in Smaregi is delisted in Renkei.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call, key, level, type TestMerchant } from "./helpers";
import { baseSettings, control, fakes, importedLink, smaregiApi } from "./smaregi-link";

type Delivery = { headers: Record<string, string>; body: any };

/** A started link whose webhooks land in the fake's inbox, to be replayed into Renkei in the order a test chooses. */
async function hookedLink(
  settings: (m: TestMerchant) => Record<string, unknown> = (m) => baseSettings(m, { availableStockBasis: "renkei" }),
  seedSmaregi: Record<string, unknown> = {},
) {
  const link = await importedLink();
  const { m, id, ids } = link;
  await control("seed", { contractId: ids.contractId, ...seedSmaregi });
  const saved = await m.api("PUT", `/api/connections/${id}/settings`, settings(m));
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const started = await m.api("POST", `/api/connections/${id}/start`);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  // what the start set going (the reconciliation, the pushes it wakes) is done before the test's own events
  await vi.waitFor(
    async () => expect(((await m.api("GET", "/api/sync/runs")).body.items as { status: string }[]).filter((r) => r.status !== "succeeded" && r.status !== "failed")).toEqual([]),
    { timeout: 10_000, interval: 100 },
  );
  const hook = (await m.api("GET", `/api/smaregi/connections/${id}/webhook`)).body;
  await control("webhook", { contractId: ids.contractId, url: `${fakes()}/__control/smaregi/inbox?box=${ids.contractId}`, secret: hook.secret });
  const inbox = () => control<Delivery[]>("inbox-read", { box: ids.contractId });
  /** The first delivery of `event` matching `where`, once it has arrived. */
  const delivery = async (event: string, where: (d: Delivery) => boolean = () => true) => {
    let found: Delivery | undefined;
    await vi.waitFor(async () => {
      found = (await inbox()).find((d) => d.body.event === event && where(d));
      expect(found).toBeDefined();
    });
    return found!;
  };
  const runs = async () => (await m.api("GET", "/api/sync/runs?job=smaregi.webhook")).body.items as { status: string; counts: Record<string, number> }[];
  /** Replays a delivery into Renkei and waits for its webhook run; answers that run's counts. */
  const take = async (d: Delivery) => {
    const before = (await runs()).length;
    const answer = await call("POST", `/webhooks/smaregi/${id}`, d.body, d.headers);
    expect(answer.status).toBe(200);
    if (answer.body.duplicate) return null;
    let counts: Record<string, number> = {};
    await vi.waitFor(
      async () => {
        const now = await runs();
        expect(now.length).toBe(before + 1);
        expect(now[0]!.status).toBe("succeeded");
        counts = now[0]!.counts;
      },
      { timeout: 20_000, interval: 100 },
    );
    return counts;
  };
  const smaregiFigure = async (productId: string, storeId: string) =>
    Number((await control("state", { contractId: ids.contractId })).stock.find((r: any) => r.productId === productId && r.storeId === storeId)?.stockAmount ?? 0);
  /** The pos:stock delivery of the stock-history row(s) Smaregi wrote with this memo. */
  const stockDelivery = async (memo: string) => {
    const histories = ((await control("state", { contractId: ids.contractId })).stockHistories as { id: string; memo: string | null }[]).filter((h) => h.memo === memo).map((h) => h.id);
    expect(histories.length).toBeGreaterThan(0);
    return delivery("pos:stock", (d) => d.body.ids.some((r: { id: string }) => histories.includes(r.id)));
  };
  /** A sale on a Smaregi terminal, and its two webhooks (not taken yet). */
  const sale = async (storeId: string, lines: { productId: string; quantity: number }[]) => {
    const transaction = await control("sale", { contractId: ids.contractId, storeId, lines });
    const id = transaction.transactionHeadId as string;
    const transactions = await delivery("pos:transactions", (d) => d.body.transactionHeadIds.includes(id));
    return { id, transactions, stock: await stockDelivery(`取引 ${id}`) };
  };
  return { ...link, inbox, delivery, stockDelivery, take, runs, smaregiFigure, sale };
}

describe("pos:transactions: Smaregi POS sales", () => {
  it("at a store Renkei owns: the sale is recorded and counted once, pos:transactions first or pos:stock first, and a duplicate or resent event changes nothing", async () => {
    const { m, id, ids, sku, take, sale, delivery } = await hookedLink((m) =>
      baseSettings(m, {
        availableStockBasis: "renkei",
        locations: [
          { locationId: m.warehouseId, smaregiStoreId: "3", master: "renkei" },
          { locationId: m.storeId, smaregiStoreId: "1", master: "renkei" },
        ],
      }),
    );
    const blu = sku("RB-001-BLU");
    const start = (await level(m, blu, m.storeId))!.on_hand;

    // pos:transactions first, then the sale's pos:stock
    const first = await sale("1", [{ productId: "2", quantity: 2 }]);
    expect(await take(first.transactions)).toMatchObject({ recorded: 1, applied: 1 });
    expect(await level(m, blu, m.storeId)).toMatchObject({ on_hand: start - 2 });
    expect(await take(first.stock)).toMatchObject({ sales: 1, applied: 0 });
    expect(await level(m, blu, m.storeId)).toMatchObject({ on_hand: start - 2 });
    // the same event again is answered as a duplicate; the same news under a new event ID is re-read and changes nothing
    expect(await take(first.transactions)).toBeNull();
    await control("emit-webhook", { contractId: ids.contractId, event: "pos:transactions", action: "created", transactionHeadIds: [first.id], eventId: crypto.randomUUID() });
    const resent = await delivery("pos:transactions", (d) => d.body.transactionHeadIds.includes(first.id) && d.headers["smaregi-event-id"] !== first.transactions.headers["smaregi-event-id"]);
    expect(await take(resent)).toMatchObject({ recorded: 1, applied: 0, unchanged: 1 });

    // the other way round: pos:stock first, then pos:transactions; two lines of one product count twice, once each
    const second = await sale("1", [{ productId: "2", quantity: 1 }, { productId: "2", quantity: 3 }]);
    expect(await take(second.stock)).toMatchObject({ sales: 1, applied: 2 });
    expect(await take(second.transactions)).toMatchObject({ recorded: 1, applied: 0, unchanged: 2 });
    expect(await level(m, blu, m.storeId)).toMatchObject({ on_hand: start - 6 });
    const ledger = await env.DB.prepare("SELECT COUNT(*) AS n, SUM(quantity) AS q FROM stock_movements WHERE sku_id = ?1 AND location_id = ?2 AND reason = 'smaregi_sale'")
      .bind(blu, m.storeId)
      .first<{ n: number; q: number }>();
    expect(ledger).toEqual({ n: 3, q: -6 });

    // visible on the link's page: date, store, total, lines
    const sales = (await m.api("GET", `/api/smaregi/connections/${id}/sales`)).body.items;
    expect(sales.map((s: { transactionHeadId: string }) => s.transactionHeadId)).toEqual([second.id, first.id]);
    expect(sales[1]).toMatchObject({
      smaregiStoreId: "1",
      locationId: m.storeId,
      total: 2 * 8800,
      cancelled: false,
      transactedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      lines: [expect.objectContaining({ productCode: "RB-001-BLU", quantity: 2, salesPrice: 8800, skuId: blu })],
    });
  });

  it("at a store Smaregi owns: Renkei's figure becomes Smaregi's after the sale, whichever webhook comes first, also when both are taken at once", async () => {
    const { m, id, sku, take, sale, smaregiFigure, runs } = await hookedLink();
    const cf = sku("CF-200");
    const first = await sale("1", [{ productId: "6", quantity: 1 }]);
    expect(await take(first.transactions)).toMatchObject({ recorded: 1, aligned: 1 });
    expect((await level(m, cf, m.storeId))!.on_hand).toBe(await smaregiFigure("6", "1"));
    expect(await take(first.stock)).toMatchObject({ sales: 1, applied: 0 });
    expect((await level(m, cf, m.storeId))!.on_hand).toBe(await smaregiFigure("6", "1"));

    const second = await sale("1", [{ productId: "6", quantity: 2 }]);
    expect(await take(second.stock)).toMatchObject({ sales: 1, applied: 1 });
    expect(await take(second.transactions)).toMatchObject({ recorded: 1, aligned: 0 });
    expect((await level(m, cf, m.storeId))!.on_hand).toBe(await smaregiFigure("6", "1"));

    // both at once (two queue messages side by side): they read the same figures, so one movement
    const third = await sale("1", [{ productId: "6", quantity: 1 }]);
    const before = (await runs()).length;
    const answers = await Promise.all([third.transactions, third.stock].map((d) => call("POST", `/webhooks/smaregi/${id}`, d.body, d.headers)));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    await vi.waitFor(
      async () => {
        const now = await runs();
        expect(now.length).toBe(before + 2);
        expect(now.slice(0, 2).map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect((await level(m, cf, m.storeId))!.on_hand).toBe(await smaregiFigure("6", "1"));
  });
});

describe("a Smaregi sale between Smaregi's shipment and Renkei hearing of it", () => {
  it("at a location Smaregi owns, Renkei's figure ends at Smaregi's: the shipment re-reads it instead of taking the goods twice", async () => {
    const { m, ids, sku, take, sale, delivery, stockDelivery, smaregiFigure } = await hookedLink(
      (m) =>
        baseSettings(m, {
          availableStockBasis: "renkei",
          orderStores: [{ channelId: m.channelId, smaregiStoreId: "9", taxCalculation: "inclusive" }],
          // Renkei's warehouse is Smaregi's 渋谷店, which both ships the order store's orders and sells on its terminals.
          locations: [{ locationId: m.warehouseId, smaregiStoreId: "1", master: "smaregi" }],
        }),
      {
        orderStores: [{ storeId: "9", storeName: "渋谷店出荷の受注店", sellDivision: "included", warehouseStoreId: "1", autoAllocationFlag: 1 }],
        stock: [{ productId: "1", storeId: "1", stockAmount: 20 }],
      },
    );
    const red = sku("RB-001-RED");
    // an order taken in Renkei goes to Smaregi at once
    const externalId = `EC-${crypto.randomUUID().slice(0, 8)}`;
    const imported = await m.api("POST", "/api/orders/import", {
      idempotencyKey: key(),
      orders: [{ channelId: m.channelId, externalId, orderedAt: new Date().toISOString(), currency: "JPY", lines: [{ name: "赤", externalCode: "", skuId: red, quantity: 3, unitPrice: 4980, taxRate: 10 }] }],
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const orderId = imported.body.orders[0].orderId as string;
    let sent: any;
    await vi.waitFor(
      async () => {
        sent = ((await control("state", { contractId: ids.contractId })).orders as any[]).find((o) => o.orderCode === externalId);
        expect(sent?.status).toBe("allocated");
      },
      { timeout: 10_000, interval: 100 },
    );
    // Renkei's figure at the warehouse is Smaregi's 渋谷店 figure once a stock event there is taken
    const settle = await sale("1", [{ productId: "1", quantity: 1 }]);
    await take(settle.transactions);
    await take(settle.stock);
    expect((await level(m, red))!.on_hand).toBe(await smaregiFigure("1", "1"));

    // Smaregi ships the order (its stock at 渋谷店 drops by 3) …
    expect((await smaregiApi(ids, "PATCH", `/order-shipment/orders/${sent.orderHeadId}`, { status: "shipped" })).status).toBe(200);
    const shipped = await delivery("order-shipment:orders", (d) => d.body.orderHeadIds.includes(sent.orderHeadId));
    // … and sells 2 on a terminal there, and Renkei hears of the sale first: its figure becomes Smaregi's, which already lacks the 3 shipped
    const between = await sale("1", [{ productId: "1", quantity: 2 }]);
    await take(between.transactions);
    const figure = await smaregiFigure("1", "1");
    expect((await level(m, red))!.on_hand).toBe(figure);
    // then the shipment: Renkei takes the 3 off hand, re-reads Smaregi and comes back to its figure
    expect(await take(shipped)).toMatchObject({ shipped: 1, aligned: 1 });
    expect((await m.api("GET", `/api/orders/${orderId}`)).body.status).toBe("shipped");
    expect(await level(m, red)).toMatchObject({ on_hand: figure, allocated: 0 });
    // the late stock rows (the sale's, the shipment's) change nothing more
    await take(between.stock);
    // (the fake sends no pos:stock for an order shipment; if Smaregi does, it is this)
    const history = ((await control("state", { contractId: ids.contractId })).stockHistories as any[]).find((h) => h.memo === `受注出荷 ${externalId}`);
    await control("emit-webhook", { contractId: ids.contractId, event: "pos:stock", action: "edited", ids: [{ id: history.id, productId: "1", storeId: "1" }] });
    expect(await take(await stockDelivery(`受注出荷 ${externalId}`))).toMatchObject({ orderShipments: 1, applied: 0 });
    expect(await level(m, red)).toMatchObject({ on_hand: figure, allocated: 0 });
  });
});

describe("pos:products created in Smaregi (Smaregi as product master)", () => {
  it("arrives in Renkei with its Smaregi product ID and its stock at the mapped locations, once", async () => {
    const { m, id, ids, take, delivery } = await hookedLink();
    const created = await smaregiApi(ids, "POST", "/pos/products", { categoryId: "1", productCode: "NEW-TEA-01", productName: "新茶 100g", price: "1500" });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const productId = created.body.productId as string;
    expect((await smaregiApi(ids, "PATCH", `/pos/stock/${productId}`, { storeId: "3", stockAmount: "12" })).status).toBe(200);
    expect((await smaregiApi(ids, "PATCH", `/pos/stock/${productId}`, { storeId: "1", stockAmount: "4" })).status).toBe(200);
    const hook = await delivery("pos:products", (d) => d.body.productIds.includes(productId));
    expect(hook.body.action).toBe("created");
    expect(await take(hook)).toMatchObject({ created: 1 });
    const linked = ((await m.api("GET", `/api/smaregi/connections/${id}/products`)).body.items as { skuId: string; skuCode: string; smaregiProductId: string }[]).find((p) => p.skuCode === "NEW-TEA-01");
    expect(linked).toMatchObject({ smaregiProductId: productId });
    expect(await level(m, linked!.skuId, m.warehouseId)).toMatchObject({ on_hand: 12 });
    expect(await level(m, linked!.skuId, m.storeId)).toMatchObject({ on_hand: 4 });
    // the same event again, and the stock rows of those writes (already in the figure taken): nothing twice
    expect(await take(hook)).toBeNull();
    await control("emit-webhook", { contractId: ids.contractId, event: "pos:products", action: "created", productIds: [productId] });
    const resent = (await (async () => {
      let d: Delivery | undefined;
      await vi.waitFor(async () => {
        d = (await control<Delivery[]>("inbox-read", { box: ids.contractId })).filter((x) => x.body.event === "pos:products" && x.body.productIds.includes(productId))[1];
        expect(d).toBeDefined();
      });
      return d!;
    })());
    expect(await take(resent)).toMatchObject({ created: 0 });
    for (const d of (await control<Delivery[]>("inbox-read", { box: ids.contractId })).filter((x) => x.body.event === "pos:stock" && x.body.ids.some((r: { productId: string }) => r.productId === productId))) {
      await take(d);
    }
    expect(await level(m, linked!.skuId, m.warehouseId)).toMatchObject({ on_hand: 12 });
    expect(await level(m, linked!.skuId, m.storeId)).toMatchObject({ on_hand: 4 });
    const products = await env.DB.prepare("SELECT COUNT(*) AS n FROM skus WHERE merchant_id = ?1 AND code = 'NEW-TEA-01'").bind(m.merchantId).first<{ n: number }>();
    expect(products!.n).toBe(1);
  });

  it("a product deleted in Smaregi is delisted in Renkei, never deleted; a repeated event changes nothing", async () => {
    const { m, ids, sku, take, delivery } = await hookedLink();
    const cf = sku("CF-200");
    const before = await level(m, cf, m.warehouseId);
    expect((await smaregiApi(ids, "DELETE", "/pos/products/6")).status).toBe(204);
    const hook = await delivery("pos:products", (d) => d.body.action === "deleted" && d.body.productIds.includes("6"));
    expect(await take(hook)).toMatchObject({ delisted: 1 });
    const row = () =>
      env.DB.prepare("SELECT s.listing_status AS sku, p.listing_status AS product FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = ?1").bind(cf).first();
    expect(await row()).toEqual({ sku: "unlisted", product: "unlisted" });
    expect(await level(m, cf, m.warehouseId)).toEqual(before);
    await control("emit-webhook", { contractId: ids.contractId, event: "pos:products", action: "deleted", productIds: ["6"] });
    let again: Delivery | undefined;
    await vi.waitFor(async () => {
      again = (await control<Delivery[]>("inbox-read", { box: ids.contractId })).filter((d) => d.body.event === "pos:products" && d.body.action === "deleted")[1];
      expect(again).toBeDefined();
    });
    expect(await take(again!)).toMatchObject({ delisted: 0, unchanged: 1 });
    expect(await row()).toEqual({ sku: "unlisted", product: "unlisted" });
  });
});
