/**
 * Seed 000 beyond the first slice, against the fake Smaregi (own contract per test) with real D1
 * and Queues: the preview before start, 受注在庫引当数量 as the order stores' stock source,
 * 在庫引当自動照会 on the hub's status-triggered actions with the shipping CSV that honours
 * 送り状・出荷CSV出力制御, 受注一括出荷連携 and a bulk callback that never comes.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { SYSTEM_TAGS } from "../../shared/orders";
import { key, level, type TestMerchant } from "./helpers";
import { baseSettings, control, importedLink, runJob } from "./smaregi-link";

const importOrder = async (m: TestMerchant, lines: { skuId: string; quantity: number }[]) => {
  const externalId = `EC-${crypto.randomUUID().slice(0, 8)}`;
  const imported = await m.api("POST", "/api/orders/import", {
    idempotencyKey: key(),
    orders: [
      {
        channelId: m.channelId,
        externalId,
        orderedAt: "2026-11-26T01:00:00.000Z",
        currency: "JPY",
        lines: lines.map((l, i) => ({ name: `line ${i}`, externalCode: "", skuId: l.skuId, quantity: l.quantity, unitPrice: 500, taxRate: 10 })),
      },
    ],
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const orderId = (await env.DB.prepare("SELECT id FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m.merchantId, externalId).first<{ id: string }>())!.id;
  return { orderId, externalId };
};

const linkOrder = (m: TestMerchant, connectionId: string, orderId: string, orderHeadId: string) =>
  m.api("PUT", `/api/connections/${connectionId}/links`, { entity: "order", renkeiId: orderId, externalId: orderHeadId });

const orderOf = async (m: TestMerchant, orderId: string) => (await m.api("GET", `/api/orders/${orderId}`)).body;

describe("the preview before 「連携を開始する」", () => {
  it("lists the products the import would bring in, stock that differs with the side that wins, and orders not in Smaregi; nothing changes", async () => {
    const { m, id, ids, sku } = await importedLink();
    const before = (await m.api("GET", `/api/smaregi/connections/${id}/preview`)).body;
    expect(before.products).toEqual({ total: 0, items: [] });
    expect(before.stock.total).toBe(0);
    // Smaregi sells one at 渋谷店 (Smaregi owns that figure); a new Smaregi product appears; an order comes in at Renkei.
    await control("sale", { contractId: ids.contractId, storeId: "1", lines: [{ productId: "6", quantity: 1 }] });
    await control("seed", { contractId: ids.contractId, products: [{ productId: "50", productCode: "NEW-50", productName: "新商品" }] });
    const { orderId, externalId } = await importOrder(m, [{ skuId: sku("RB-001-RED"), quantity: 1 }]);
    const preview = await m.api("GET", `/api/smaregi/connections/${id}/preview`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.products).toEqual({ total: 1, items: [{ productId: "50", productCode: "NEW-50", productName: "新商品", renkeiSkuId: null }] });
    expect(preview.body.stock.items).toEqual([
      expect.objectContaining({ skuCode: "CF-200", locationId: m.storeId, smaregiStoreId: "1", master: "smaregi", smaregi: expect.any(Number), renkei: expect.any(Number) }),
    ]);
    const row = preview.body.stock.items[0];
    expect(row.renkei - row.smaregi).toBe(1);
    expect(preview.body.orders).toEqual({ total: 1, items: [expect.objectContaining({ orderId, externalId, smaregiStoreId: "1" })] });
    // a preview writes nothing: no writes in Smaregi beyond the sale, the link still stopped
    expect((await control<any[]>("writes", { contractId: ids.contractId })).filter((w) => w.kind !== "sale")).toEqual([]);
    expect((await m.api("GET", `/api/connections/${id}`)).body.status).toBe("authorized");
  });
});

describe("在庫引当設定 / 在庫引当自動照会設定", () => {
  it("有効在庫数計算設定 = 受注在庫引当数量: the order store's channel allocates against what Smaregi can still allocate, not Renkei's figure", async () => {
    const { m, id, ids, sku } = await importedLink();
    // Smaregi owns both figures here, so no push from Renkei rewrites what this test seeds in Smaregi.
    const settings = (extra: Record<string, unknown> = {}) =>
      baseSettings(m, {
        locations: [
          { locationId: m.warehouseId, smaregiStoreId: "3", master: "smaregi" },
          { locationId: m.storeId, smaregiStoreId: "1", master: "smaregi" },
        ],
        ...extra,
      });
    expect((await m.api("PUT", `/api/connections/${id}/settings`, settings())).status).toBe(200);
    const channel = await env.DB.prepare("SELECT stock_source, stock_source_connection_id FROM channels WHERE id = ?1").bind(m.channelId).first();
    expect(channel).toEqual({ stock_source: "connector", stock_source_connection_id: id });
    // Smaregi's warehouse 3 holds 12 of RB-001-RED and its order 1 holds 1 of them: 11 to allocate (Renkei thinks 40).
    await control("seed", { contractId: ids.contractId, stock: [{ productId: "1", storeId: "3", stockAmount: 12 }] });
    const order = (quantity: number) => m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId: sku("RB-001-RED"), quantity }] });
    // stopped (as the guide keeps it during setup): Smaregi is not asked, Renkei's own stock counts
    const whileStopped = await order(6);
    expect(whileStopped.status, JSON.stringify(whileStopped.body)).toBe(201);
    expect((await m.api("POST", `/api/connections/${id}/start`)).status).toBe(200);
    // started: Smaregi's 11 less the 6 Renkei already allocated leaves 5
    expect((await order(6)).status).toBe(409);
    expect((await order(5)).status).toBe(201);
    // 在庫数合算設定 = 受注店舗とPOS店舗を合算: all of Smaregi's RB-001-RED (POS stores too), less what Smaregi's orders hold
    expect((await m.api("PUT", `/api/connections/${id}/settings`, settings({ stockAggregation: "all" }))).status).toBe(200);
    await control("seed", { contractId: ids.contractId, stock: [{ productId: "1", storeId: "1", stockAmount: 2 }, { productId: "1", storeId: "2", stockAmount: 3 }] });
    // 2 + 3 + 12 = 17, less the 1 Smaregi's order holds, less the 11 Renkei allocated: 5
    expect((await order(6)).status).toBe(409);
    expect((await order(5)).status).toBe(201);
    // 受注購入数量: back to Renkei's own levels. The start reconciled them to Smaregi's 12 at this
    // warehouse Smaregi owns (reconcile.ts), and the 16 allocated above exceed it; Renkei receives 10 more
    // (Smaregi is not told: it owns the figure), so Renkei's own 22 − 16 = 6 can be allocated.
    await vi.waitFor(async () => expect((await m.api("GET", "/api/sync/runs?job=smaregi.reconcile")).body.items[0]?.status).toBe("succeeded"));
    expect(await level(m, sku("RB-001-RED"), m.warehouseId)).toMatchObject({ on_hand: 12, allocated: 16 });
    expect((await m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId: sku("RB-001-RED"), locationId: m.warehouseId, quantity: 10, reason: "count_correction" })).status).toBe(200);
    expect((await m.api("PUT", `/api/connections/${id}/settings`, settings({ availableStockBasis: "renkei" }))).status).toBe(200);
    expect(await env.DB.prepare("SELECT stock_source FROM channels WHERE id = ?1").bind(m.channelId).first()).toEqual({ stock_source: "location" });
    expect((await order(7)).status).toBe(409);
    expect((await order(6)).status).toBe(201);
  });

  it("an order entering the inquiry status is allocated in Smaregi; fully allocated → the after status, partly → stays, tagged 「引当失敗」 and left out of the shipping CSV", async () => {
    const { m, id, ids, sku } = await importedLink();
    // An order store with Smaregi's own 引当 OFF, its warehouse 3; two Smaregi orders, one that cannot be covered.
    await control("seed", {
      contractId: ids.contractId,
      orderStores: [{ storeId: "9", storeName: "テスト受注店", sellDivision: "included", warehouseStoreId: "3", autoAllocationFlag: 0 }],
      orders: [
        { orderHeadId: "901", storeId: "9", orderCode: "T-901", details: [{ productCode: "RB-001-RED", salesPrice: 500, quantity: 1 }] },
        { orderHeadId: "902", storeId: "9", orderCode: "T-902", details: [{ productCode: "CF-200", salesPrice: 500, quantity: 1 }, { productCode: "TS-100-S", salesPrice: 500, quantity: 100000 }] },
      ],
    });
    const settings = baseSettings(m, {
      orderStores: [{ channelId: m.channelId, smaregiStoreId: "9", taxCalculation: "inclusive" }],
      availableStockBasis: "renkei",
      allocationInquiryStatus: "awaiting_allocation",
      allocatedStatus: "awaiting_shipment",
    });
    expect((await m.api("PUT", `/api/connections/${id}/settings`, settings)).status).toBe(200);
    // saving twice keeps one rule
    expect((await m.api("PUT", `/api/connections/${id}/settings`, settings)).status).toBe(200);
    const rules = (await env.DB.prepare("SELECT status, action, success_status FROM status_actions WHERE connection_id = ?1").bind(id).all()).results;
    expect(rules).toEqual([{ status: "awaiting_allocation", action: "smaregi.allocation-inquiry", success_status: "awaiting_shipment" }]);
    // The orders come in before the start, so none goes to Smaregi by itself: a and b stand for orders sent earlier (901, 902).
    const a = await importOrder(m, [{ skuId: sku("RB-001-RED"), quantity: 1 }]);
    const b = await importOrder(m, [{ skuId: sku("CF-200"), quantity: 1 }]);
    expect((await linkOrder(m, id, a.orderId, "901")).status).toBe(200);
    expect((await linkOrder(m, id, b.orderId, "902")).status).toBe(200);
    const unsent = await importOrder(m, [{ skuId: sku("CF-200"), quantity: 1 }]);
    expect((await m.api("POST", `/api/connections/${id}/start`)).status).toBe(200);
    const moved = await m.api("POST", "/api/orders/bulk/status", { orderIds: [a.orderId, b.orderId, unsent.orderId], status: "awaiting_allocation" });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await vi.waitFor(async () => expect((await orderOf(m, a.orderId)).status).toBe("awaiting_shipment"), { timeout: 10_000, interval: 100 });
    await vi.waitFor(async () => expect((await orderOf(m, b.orderId)).tags).toEqual(expect.arrayContaining([expect.objectContaining({ tag: SYSTEM_TAGS.allocationFailed })])), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await orderOf(m, b.orderId)).status).toBe("awaiting_allocation");
    // an order not in Smaregi yet is not asked about: neither moved nor tagged
    expect(await orderOf(m, unsent.orderId)).toMatchObject({ status: "awaiting_allocation", tags: [] });
    const state = await control("state", { contractId: ids.contractId });
    expect(state.orders.find((o: any) => o.orderHeadId === "901").status).toBe("allocated");
    expect(state.orders.find((o: any) => o.orderHeadId === "902").status).toBe("accepted");

    // ■送り状・出荷CSV出力制御: [引当できない注文は出力しない] (the default) leaves the tagged order out, with the reason
    const csv = async () => (await m.api("POST", `/api/smaregi/connections/${id}/shipping-csv`, { orderIds: [a.orderId, b.orderId] })).body;
    const left = await csv();
    expect(left.included).toEqual([{ orderId: a.orderId, externalId: a.externalId }]);
    expect(left.excluded).toEqual([{ orderId: b.orderId, externalId: b.externalId, reason: expect.stringContaining("送り状・出荷CSV出力制御") }]);
    expect(left.csv).toContain(a.externalId);
    expect(left.csv).not.toContain(b.externalId);
    expect((await m.api("PUT", `/api/connections/${id}/settings`, { ...settings, shippingCsvUnallocated: "include" })).status).toBe(200);
    const both = await csv();
    expect(both.excluded).toEqual([]);
    const rows = both.csv.trim().split(/\r?\n/);
    expect(rows[0]).toBe("受注番号,お届け先氏名,お届け先住所,商品コード,商品名,注文単位,数量");
    expect(rows.filter((r: string) => r.startsWith("受注番号"))).toHaveLength(1);
    expect(rows.slice(1).map((r: string) => r.split(",")[0])).toEqual([a.externalId, b.externalId]);
    // by status: the order stores' orders in it; one of orderIds / status, not both
    expect((await m.api("POST", `/api/smaregi/connections/${id}/shipping-csv`, { status: "awaiting_allocation" })).body.included.map((o: { orderId: string }) => o.orderId)).toEqual([b.orderId, unsent.orderId]);
    const bad = await m.api("POST", `/api/smaregi/connections/${id}/shipping-csv`, {});
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["status"]);
  });
});

describe("受注一括出荷連携設定", () => {
  it("orders in the chosen status, sent to Smaregi and with a ship date, go as shipped in one call; the others are skipped with the reason", async () => {
    const { m, id, ids, sku } = await importedLink();
    await control("seed", {
      contractId: ids.contractId,
      orders: [
        { orderHeadId: "801", storeId: "1", orderCode: "S-801", details: [{ productCode: "TS-100-S", salesPrice: 500, quantity: 1, allocatedQuantity: 1 }] },
        { orderHeadId: "802", storeId: "1", orderCode: "S-802", details: [{ productCode: "TS-100-S", salesPrice: 500, quantity: 1, allocatedQuantity: 1 }] },
      ],
    });
    expect((await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m, { availableStockBasis: "renkei", bulkShipmentStatus: "awaiting_shipment" }))).status).toBe(200);
    const shippedOne = await importOrder(m, [{ skuId: sku("TS-100-S"), quantity: 1 }]);
    const noDate = await importOrder(m, [{ skuId: sku("TS-100-S"), quantity: 1 }]);
    const notSent = await importOrder(m, [{ skuId: sku("TS-100-S"), quantity: 1 }]);
    await linkOrder(m, id, shippedOne.orderId, "801");
    await linkOrder(m, id, noDate.orderId, "802");
    const all = [shippedOne, noDate, notSent].map((o) => o.orderId);
    expect((await m.api("POST", "/api/orders/bulk/status", { orderIds: all, status: "awaiting_shipment" })).status).toBe(200);
    // 出荷日: a confirmed (split) shipment in Renkei carries the date the order left
    await env.DB.prepare(
      "INSERT INTO shipments (id, merchant_id, order_id, location_id, status, shipped_at, created_at) VALUES (?1, ?2, ?3, ?4, 'shipped', '2026-11-25T03:00:00.000Z', '2026-11-25T03:00:00.000Z')",
    )
      .bind(`shp_${crypto.randomUUID().slice(0, 8)}`, m.merchantId, shippedOne.orderId, m.warehouseId)
      .run();
    const run = await runJob(m, "smaregi.ship-orders", id);
    expect(run.status, run.error).toBe("succeeded");
    expect(run.counts).toMatchObject({ shipped: 1, skipped: 2 });
    const outcome = (await m.api("GET", `/api/smaregi/connections/${id}/shipments`)).body.last;
    expect(outcome.shipped).toEqual([{ orderId: shippedOne.orderId, externalId: shippedOne.externalId, orderHeadId: "801" }]);
    expect(Object.fromEntries(outcome.skipped.map((s: { orderId: string; reason: string }) => [s.orderId, s.reason]))).toEqual({
      [noDate.orderId]: expect.stringContaining("出荷日が登録されていません"),
      [notSent.orderId]: expect.stringContaining("スマレジに受注連携されていません"),
    });
    const state = await control("state", { contractId: ids.contractId });
    expect(state.orders.find((o: any) => o.orderHeadId === "801")).toMatchObject({ status: "shipped", shippedDateTime: "2026-11-25T12:00:00+09:00" });
    expect(state.orders.find((o: any) => o.orderHeadId === "802").status).toBe("allocated");
    // a rerun sends nothing twice
    const again = await runJob(m, "smaregi.ship-orders", id);
    expect(again.counts).toMatchObject({ shipped: 0, skipped: 2 });
    // 自動連携: while a status is set, the push has its schedule (run while the link is started); unset, it goes
    const jobs = async () =>
      ((await m.api("GET", "/api/sync/schedules")).body.items as { connectionId: string; job: string; intervalMinutes: number }[]).filter((s) => s.connectionId === id).map((s) => s.job).sort();
    expect(await jobs()).toEqual(["smaregi.recheck-bulk", "smaregi.send-orders", "smaregi.ship-orders"]);
    expect((await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m, { availableStockBasis: "renkei" }))).status).toBe(200);
    expect(await jobs()).toEqual(["smaregi.recheck-bulk", "smaregi.send-orders"]);
  });
});

describe("a bulk callback that never comes", () => {
  it("is detected after its time-out: the rows are read back from Smaregi, SKUs that differ are pushed again, the admin is told", async () => {
    const { m, id, ids, products } = await importedLink();
    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    await env.DB.batch(
      products.map((p, i) =>
        env.DB.prepare("INSERT INTO stock_push_pending (merchant_id, connection_id, sku_id, changed_at) VALUES (?1, ?2, ?3, ?4)").bind(m.merchantId, id, p.skuId, `2026-01-01T00:00:0${i}Z`),
      ),
    );
    expect((await runJob(m, "stock.push", id)).status).toBe("succeeded");
    expect((await m.api("GET", `/api/smaregi/connections/${id}/products`)).body.pendingBulk).toBe(1);
    // not yet timed out: nothing happens
    expect((await runJob(m, "smaregi.recheck-bulk", id)).counts).toMatchObject({ requests: 0 });
    // Smaregi's figure changes meanwhile at the warehouse Renkei owns (someone edits it there), then the request ages past the time-out.
    await control("seed", { contractId: ids.contractId, stock: [{ productId: "1", storeId: "3", stockAmount: 3 }] });
    await env.DB.prepare("UPDATE connection_cursors SET value = json_set(value, '$.sentAt', 0) WHERE connection_id = ?1 AND name LIKE 'smaregi:bulk:%'").bind(id).run();
    const recheck = await runJob(m, "smaregi.recheck-bulk", id);
    expect(recheck.status, recheck.error).toBe("succeeded");
    expect(recheck.counts).toMatchObject({ requests: 1, repushed: expect.any(Number) });
    expect(recheck.counts.repushed).toBeGreaterThanOrEqual(1);
    expect((await m.api("GET", `/api/smaregi/connections/${id}/products`)).body.pendingBulk).toBe(0);
    expect((await m.api("GET", `/api/connections/${id}`)).body.lastError).toContain("結果通知が届きませんでした");
    // the push that follows sets Smaregi's figure back to Renkei's
    await vi.waitFor(
      async () => {
        const state = await control("state", { contractId: ids.contractId });
        expect(Number(state.stock.find((r: any) => r.productId === "1" && r.storeId === "3").stockAmount)).toBe(40);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
