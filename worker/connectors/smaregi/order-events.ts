/**
 * The `order-shipment:orders` webhook: an order Renkei sent was shipped or cancelled in Smaregi.
 * The body only names order IDs; each is re-read from Smaregi, and only its current status counts
 * (a late or repeated event for an order already handled changes nothing):
 *  - shipped → the order's remaining lines ship in Renkei as one shipment keyed by the orderHeadId,
 *    so however often it arrives there is one shipment (the hub's 出荷確定 takes the goods off hand
 *    and consumes the allocation once). An order Renkei had not allocated is allocated first.
 *  - canceled → the order is cancelled in Renkei (its allocation released once).
 * The stock Smaregi's shipment took at its warehouse is the same goods: stock.ts drops that
 * history row (memo 「受注出荷 <orderCode>」 of an order this link sent) instead of applying it again.
 * At a location Smaregi owns, the shipment is followed by a re-read of Smaregi's figure for the
 * order's SKUs (align.ts): a Smaregi sale taken between Smaregi's shipment and this one has already
 * set Renkei's figure to one without the shipped goods, and must not lose them twice.
 */
import { recordConnectionError, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { ServiceError } from "../../errors";
import { allocateOrders, cancelOrders } from "../../orders/lifecycle";
import { confirmShipment, createShipment } from "../../orders/shipments";
import { alignAfter } from "./align";
import { withSmaregi } from "./link";

/** Smaregi's stock-history memo of an order shipment [I: the fake's wording]. */
export const SHIPMENT_MEMO_PREFIX = "受注出荷 ";

async function renkeiOrders(ctx: ServiceContext, connectionId: string, orderHeadIds: string[]) {
  const rows = await ctx.db.all<{ renkei_id: string; external_id: string }>(
    `SELECT renkei_id, external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'order'
     AND external_id IN (SELECT value FROM json_each(?3))`,
    connectionId,
    JSON.stringify(orderHeadIds),
  );
  return new Map(rows.map((r) => [r.external_id, r.renkei_id]));
}

/** Whether a stock-history memo is the shipment of an order this link sent (its codes are kept on the link). */
export async function isSentOrderShipment(ctx: ServiceContext, connectionId: string, memo: string | null | undefined): Promise<boolean> {
  if (!memo?.startsWith(SHIPMENT_MEMO_PREFIX)) return false;
  const code = memo.slice(SHIPMENT_MEMO_PREFIX.length).trim();
  const row = await ctx.db.first<{ n: number }>(
    "SELECT COUNT(*) AS n FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'order' AND external_code = ?3",
    connectionId,
    code,
  );
  return (row?.n ?? 0) > 0;
}

async function shipInRenkei(ctx: ServiceContext, connection: ConnectionRecord, orderId: string, orderHeadId: string): Promise<"shipped" | "already"> {
  const open = await ctx.db.all<{ id: string; left: number }>(
    `SELECT ol.id, ol.quantity - COALESCE((SELECT SUM(sl.quantity) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
                                          WHERE sl.order_line_id = ol.id AND s.status = 'shipped'), 0) AS left
     FROM order_lines ol WHERE ol.merchant_id = ?1 AND ol.order_id = ?2 AND ol.sku_id IS NOT NULL`,
    orderId,
  );
  const lines = open.filter((l) => l.left > 0).map((l) => ({ orderLineId: l.id, quantity: l.left }));
  const order = await ctx.db.first<{ status: string }>("SELECT status FROM orders WHERE merchant_id = ?1 AND id = ?2", orderId);
  if (!lines.length || order?.status === "shipped") return "already";
  const key = `smaregi:${connection.id}:shipped:${orderHeadId}`;
  const shipment = await createShipment(ctx, orderId, { idempotencyKey: key, lines });
  const confirm = () => confirmShipment(ctx, shipment.result.id, { idempotencyKey: key, carrier: "", trackingNumber: "" });
  try {
    await confirm();
  } catch (error) {
    // Smaregi allocated and shipped it; Renkei had not reserved it yet (e.g. allocated against Smaregi's figure only).
    if (!(error instanceof ServiceError && error.code === "CONFLICT")) throw error;
    await allocateOrders(ctx, [orderId], { moveStatus: false });
    await confirm();
  }
  return "shipped";
}

/** The SKUs an order's lines take and the location they leave from. */
async function shippedItems(ctx: ServiceContext, orderId: string) {
  return ctx.db.all<{ skuId: string; locationId: string }>(
    `SELECT DISTINCT ol.sku_id AS skuId, o.location_id AS locationId FROM order_lines ol JOIN orders o ON o.id = ol.order_id AND o.merchant_id = ?1
     WHERE ol.merchant_id = ?1 AND ol.order_id = ?2 AND ol.sku_id IS NOT NULL`,
    orderId,
  );
}

export async function applyOrderEvent(ctx: ServiceContext, connection: ConnectionRecord, orderHeadIds: string[]) {
  const counts = { shipped: 0, cancelled: 0, unchanged: 0, unknown: 0, failed: 0, aligned: 0 };
  const known = await renkeiOrders(ctx, connection.id, orderHeadIds);
  const problems: string[] = [];
  await withSmaregi(ctx, connection, async (client) => {
    for (const head of new Set(orderHeadIds)) {
      const orderId = known.get(head);
      if (!orderId) {
        counts.unknown++; // not an order Renkei sent (entered in Smaregi itself)
        continue;
      }
      const order = await client.getOrder(head);
      try {
        if (order.status === "shipped") {
          const shipped = (await shipInRenkei(ctx, connection, orderId, head)) === "shipped";
          counts[shipped ? "shipped" : "unchanged"]++;
          // A Smaregi sale between Smaregi's shipment and this may have set Renkei's figure to one
          // that already lacks these goods: at a location Smaregi owns, take Smaregi's figure again.
          if (shipped) counts.aligned += await alignAfter(ctx, connection, client, await shippedItems(ctx, orderId), head);
        }
        else if (order.status === "canceled") {
          const [result] = (await cancelOrders(ctx, [orderId])).results;
          if (result?.ok && !result.message) counts.cancelled++;
          else if (result?.ok) counts.unchanged++;
          else {
            counts.failed++;
            problems.push(`受注 ${order.orderCode}: ${result?.message ?? ""}`);
          }
        } else counts.unchanged++;
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        counts.failed++;
        problems.push(`受注 ${order.orderCode}: ${error.message}`);
      }
    }
  });
  if (problems.length) {
    await recordConnectionError(ctx, connection.id, `スマレジの出荷・キャンセルを反映できない受注があります (orders not updated from Smaregi): ${problems.slice(0, 10).join("; ")}`);
  }
  return counts;
}
