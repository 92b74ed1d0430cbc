/**
 * 在庫引当 with Smaregi (seed 000 「在庫引当設定」 and 「在庫引当自動照会設定」):
 *  - 有効在庫数計算設定 = 受注在庫引当数量: Smaregi's figure is the mapped order stores' stock source
 *    in the hub's allocation (registerStockSource), counted as 在庫数合算設定 says — the order
 *    store's warehouse (what Smaregi can still allocate there), or all of Smaregi's stock (POS
 *    stores too) less what Smaregi's orders already hold — except Renkei's own sent orders, which
 *    Renkei's allocation already holds (heldForRenkeiOrders). Only while the link is started: a stopped
 *    link (the guide keeps it stopped until setup is done) asks Smaregi nothing, and the channel
 *    allocates against Renkei's own stock at every location until it starts;
 *  - 在庫引当自動照会: an order entering 在庫引当自動照会対象ステータス asks Smaregi to allocate it
 *    (a hub status-triggered action, kept in step with the settings on save); when every line is
 *    allocated the hub moves it to 在庫引当完了後ステータス, otherwise it stays and carries the
 *    system tag 「引当失敗」 (so 送り状・出荷CSV出力制御 can leave it out) until a later inquiry succeeds.
 *    An order not in Smaregi yet is not asked about and not tagged: nothing failed there.
 */
import { SYSTEM_TAGS } from "../../../shared/orders";
import { loadConnection, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { newId, nowIso } from "../../db/ids";
import { registerStockSource } from "../../inventory/stock-sources";
import { registerOrderAction } from "../../orders/status-actions";
import { SmaregiApiError, type SmaregiClient } from "./client";
import { readSmaregiPatiently, SMAREGI, withSmaregi } from "./link";
import { SmaregiSettings } from "./settings";
import { smaregiProductIds } from "./stock";

export const ALLOCATION_INQUIRY_ACTION = "smaregi.allocation-inquiry";

/**
 * What Smaregi holds (引当) for open orders Renkei sent, per product. Renkei holds the same goods by
 * its own allocation, which the hub's guard takes off the source's figure; without adding these
 * back, an order sent to Smaregi (at once, since send-on-create.ts) would be held twice.
 */
async function heldForRenkeiOrders(ctx: ServiceContext, connectionId: string, client: SmaregiClient, orderStoreIds: string[]) {
  const open = (await Promise.all(orderStoreIds.flatMap((storeId) => (["accepted", "allocated"] as const).map((status) => client.listOrders({ storeId, status }))))).flat();
  const ours = new Set(
    (
      await ctx.db.all<{ external_id: string }>(
        `SELECT external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'order'
         AND external_id IN (SELECT value FROM json_each(?3))`,
        connectionId,
        JSON.stringify(open.map((o) => o.orderHeadId)),
      )
    ).map((r) => r.external_id),
  );
  const held = new Map<string, number>();
  for (const order of open.filter((o) => ours.has(o.orderHeadId))) {
    for (const d of order.details) held.set(d.productId, (held.get(d.productId) ?? 0) + d.allocatedQuantity);
  }
  return held;
}

/** Smaregi's available figure per SKU (SKUs without a Smaregi product count 0: Smaregi has none of them). */
export async function smaregiAvailable(ctx: ServiceContext, connection: ConnectionRecord, skuIds: string[]): Promise<Map<string, number>> {
  const s = SmaregiSettings.parse(connection.settings);
  const products = await smaregiProductIds(ctx, connection.id, skuIds);
  const byProduct = new Map<string, number>();
  const add = (productId: string, n: number) => byProduct.set(productId, (byProduct.get(productId) ?? 0) + n);
  await readSmaregiPatiently(ctx, connection, async (client) => {
    byProduct.clear();
    const orderStoreIds = [...new Set(s.orderStores.map((o) => o.smaregiStoreId))];
    // Renkei's orders first, the stock after: an order Smaregi takes in between is then held in the
    // stock read but not added back — counted short for a moment, never twice as available.
    const ours = await heldForRenkeiOrders(ctx, connection.id, client, orderStoreIds);
    const held = await Promise.all(orderStoreIds.map((id) => client.orderStock(id)));
    for (const [productId, n] of ours) add(productId, n);
    if (s.stockAggregation === "order_store") {
      // Two order stores may share one warehouse: count each warehouse once.
      const seen = new Set<string>();
      for (const row of held.flat()) if (!seen.has(`${row.storeId}:${row.productId}`) && seen.add(`${row.storeId}:${row.productId}`)) add(row.productId, row.availableAmount);
      return;
    }
    for (const row of await client.listStock()) add(row.productId, row.stockAmount);
    const seen = new Set<string>();
    for (const row of held.flat()) if (!seen.has(`${row.storeId}:${row.productId}`) && seen.add(`${row.storeId}:${row.productId}`)) add(row.productId, -row.allocatedAmount);
  });
  return new Map(skuIds.map((skuId) => [skuId, Math.max(0, byProduct.get(products.get(skuId) ?? "") ?? 0)]));
}

/** Renkei's own on-hand over every location: with the guard's `cap` (figure − allocated − held), the same as the 'all' source. */
async function renkeiOnHand(ctx: ServiceContext, skuIds: string[]): Promise<Map<string, number>> {
  const rows = await ctx.db.all<{ sku_id: string; on_hand: number }>(
    "SELECT sku_id, SUM(on_hand) AS on_hand FROM stock_levels WHERE merchant_id = ?1 AND sku_id IN (SELECT value FROM json_each(?2)) GROUP BY sku_id",
    JSON.stringify(skuIds),
  );
  return new Map(rows.map((r) => [r.sku_id, r.on_hand]));
}

registerStockSource(SMAREGI, {
  async available(ctx, connectionId, skuIds) {
    const connection = await loadConnection(ctx, connectionId);
    if (!connection || connection.status !== "started") return renkeiOnHand(ctx, skuIds);
    return smaregiAvailable(ctx, connection, skuIds);
  },
});

/** The Smaregi orderHeadId of each order Renkei sent (external_links 'order'). */
export async function smaregiOrderIds(ctx: ServiceContext, connectionId: string, orderIds: string[]): Promise<Map<string, string>> {
  const rows = await ctx.db.all<{ renkei_id: string; external_id: string }>(
    `SELECT renkei_id, external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'order'
     AND renkei_id IN (SELECT value FROM json_each(?3))`,
    connectionId,
    JSON.stringify(orderIds),
  );
  return new Map(rows.map((r) => [r.renkei_id, r.external_id]));
}

/** 在庫引当自動照会: answers the orders Smaregi allocated in full; the others are tagged 「引当失敗」. */
export async function inquireAllocation(ctx: ServiceContext, orderIds: string[], connection: ConnectionRecord | null): Promise<Set<string>> {
  const ok = new Set<string>();
  if (!connection || connection.status !== "started" || !orderIds.length) return ok;
  const heads = await smaregiOrderIds(ctx, connection.id, orderIds);
  await withSmaregi(ctx, connection, async (client) => {
    for (const orderId of orderIds) {
      const head = heads.get(orderId);
      if (!head) continue; // not in Smaregi yet: nothing to ask
      try {
        const order = await client.allocateOrder(head);
        if (order.status === "allocated" || order.details.every((d) => d.allocatedQuantity >= d.quantity)) ok.add(orderId);
      } catch (error) {
        // Smaregi refused this one (e.g. no warehouse linked): the order keeps its status and the tag says why.
        if (!(error instanceof SmaregiApiError)) throw error;
      }
    }
  });
  const failed = orderIds.filter((id) => heads.has(id) && !ok.has(id));
  await ctx.db.batch([
    ctx.db.stmt(
      `INSERT INTO order_tags (merchant_id, order_id, tag, kind)
       SELECT ?1, value, ?2, 'system' FROM json_each(?3) WHERE true ON CONFLICT (order_id, tag) DO NOTHING`,
      SYSTEM_TAGS.allocationFailed,
      JSON.stringify(failed),
    ),
    ctx.db.stmt(
      "DELETE FROM order_tags WHERE merchant_id = ?1 AND tag = ?2 AND order_id IN (SELECT value FROM json_each(?3))",
      SYSTEM_TAGS.allocationFailed,
      JSON.stringify([...ok]),
    ),
  ]);
  return ok;
}

registerOrderAction(ALLOCATION_INQUIRY_ACTION, inquireAllocation);

/**
 * Statements that keep the hub in step with the saved settings: the status-triggered inquiry
 * (replaced as a whole), and the mapped order stores' stock source (受注在庫引当数量 → this link;
 * 受注購入数量 → Renkei's own levels, also for stores no longer mapped).
 */
export function allocationStatements(ctx: ServiceContext, connection: ConnectionRecord, s: SmaregiSettings) {
  const channels = JSON.stringify(s.orderStores.map((o) => o.channelId));
  return [
    ctx.db.stmt("DELETE FROM status_actions WHERE merchant_id = ?1 AND connection_id = ?2 AND action = ?3", connection.id, ALLOCATION_INQUIRY_ACTION),
    ...(s.allocationInquiryStatus
      ? [
          ctx.db.stmt(
            `INSERT INTO status_actions (id, merchant_id, status, connection_id, action, success_status, enabled, created_at)
             VALUES (?2, ?1, ?3, ?4, ?5, ?6, 1, ?7)`,
            newId("sta"),
            s.allocationInquiryStatus,
            connection.id,
            ALLOCATION_INQUIRY_ACTION,
            s.allocatedStatus,
            nowIso(),
          ),
        ]
      : []),
    ctx.db.stmt(
      `UPDATE channels SET stock_source = 'location', stock_source_connection_id = NULL
       WHERE merchant_id = ?1 AND stock_source_connection_id = ?2 AND (?4 = 'renkei' OR id NOT IN (SELECT value FROM json_each(?3)))`,
      connection.id,
      channels,
      s.availableStockBasis,
    ),
    ctx.db.stmt(
      `UPDATE channels SET stock_source = 'connector', stock_source_connection_id = ?2
       WHERE merchant_id = ?1 AND ?4 = 'smaregi' AND id IN (SELECT value FROM json_each(?3))`,
      connection.id,
      channels,
      s.availableStockBasis,
    ),
  ];
}
