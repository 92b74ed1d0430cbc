/**
 * Shipments, split allowed: a shipment takes some quantity of some lines; confirming it (出荷確定)
 * takes the goods off hand and consumes the order's allocation in one keyed batch, so a retried
 * confirmation ships nothing twice. When every line is shipped the order is 'shipped'.
 */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { idempotent } from "../db/idempotency";
import { invalid, notFound, ServiceError, type Issue } from "../errors";
import { heldByOrder } from "../inventory/allocation";
import { movementStatements, type MovementInput } from "../inventory/ledger";
import { stockChanged } from "../sync/stock-push";
import { enteredStatus } from "./status-actions";

interface LineRow {
  id: string;
  sku_id: string | null;
  quantity: number;
  stock_quantity: number;
  shipped: number;
}

async function linesWithShipped(ctx: ServiceContext, orderId: string) {
  return ctx.db.all<LineRow>(
    `SELECT ol.id, ol.sku_id, ol.quantity, ol.stock_quantity,
            COALESCE((SELECT SUM(sl.quantity) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
                      WHERE sl.order_line_id = ol.id), 0) AS shipped
     FROM order_lines ol WHERE ol.merchant_id = ?1 AND ol.order_id = ?2 ORDER BY ol.line_no`,
    orderId,
  );
}

export function createShipment(
  ctx: ServiceContext,
  orderId: string,
  input: { idempotencyKey: string; locationId?: string; lines: { orderLineId: string; quantity: number }[] },
) {
  return idempotent(ctx, `shipment.create:${orderId}`, input.idempotencyKey, input, async () => {
    const order = await ctx.db.first<{ status: string; location_id: string; deleted_at: string | null }>(
      "SELECT status, location_id, deleted_at FROM orders WHERE merchant_id = ?1 AND id = ?2",
      orderId,
    );
    if (!order || order.deleted_at) throw notFound("order");
    if (order.status === "cancelled" || order.status === "shipped") throw new ServiceError("CONFLICT", `order is ${order.status}`);
    const lines = new Map((await linesWithShipped(ctx, orderId)).map((l) => [l.id, l]));
    const issues: Issue[] = [];
    input.lines.forEach((l, i) => {
      const line = lines.get(l.orderLineId);
      if (!line) issues.push({ path: ["lines", i, "orderLineId"], message: "not a line of this order" });
      else if (!line.sku_id) issues.push({ path: ["lines", i, "orderLineId"], message: "line is not mapped to a SKU (未マッピング)" });
      else if (l.quantity > line.quantity - line.shipped) {
        issues.push({ path: ["lines", i, "quantity"], message: `only ${line.quantity - line.shipped} left to ship` });
      }
    });
    if (issues.length) throw invalid("invalid shipment", issues);
    const id = newId("shp");
    const at = nowIso();
    await ctx.db.batch([
      ctx.db.stmt(
        `INSERT INTO shipments (id, merchant_id, order_id, location_id, status, created_at) VALUES (?2, ?1, ?3, ?4, 'pending', ?5)`,
        id,
        orderId,
        input.locationId ?? order.location_id,
        at,
      ),
      ...input.lines.map((l) =>
        ctx.db.stmt(
          `INSERT INTO shipment_lines (shipment_id, order_line_id, quantity)
           SELECT ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM shipments WHERE merchant_id = ?1 AND id = ?2)`,
          id,
          l.orderLineId,
          l.quantity,
        ),
      ),
    ]);
    return { id };
  });
}

export function confirmShipment(
  ctx: ServiceContext,
  shipmentId: string,
  input: { idempotencyKey: string; carrier: string; trackingNumber: string },
) {
  return idempotent(ctx, `shipment.confirm:${shipmentId}`, input.idempotencyKey, input, async () => {
    const shipment = await ctx.db.first<{ order_id: string; location_id: string; status: string }>(
      "SELECT order_id, location_id, status FROM shipments WHERE merchant_id = ?1 AND id = ?2",
      shipmentId,
    );
    if (!shipment) throw notFound("shipment");
    if (shipment.status === "shipped") return { shipmentId, orderStatus: "shipped" as string, alreadyShipped: true };
    const order = await ctx.db.first<{ status: string; location_id: string }>(
      "SELECT status, location_id FROM orders WHERE merchant_id = ?1 AND id = ?2",
      shipment.order_id,
    );
    if (!order || order.status === "cancelled") throw new ServiceError("CONFLICT", "order is cancelled");
    const shipLines = await ctx.db.all<{ sku_id: string; stock_quantity: number; line_quantity: number; quantity: number }>(
      `SELECT ol.sku_id, ol.stock_quantity, ol.quantity AS line_quantity, sl.quantity
       FROM shipment_lines sl JOIN order_lines ol ON ol.id = sl.order_line_id
       WHERE ol.merchant_id = ?1 AND sl.shipment_id = ?2`,
      shipmentId,
    );
    // Stock per SKU this shipment takes (unit products: value × pieces shipped).
    const bySku = new Map<string, number>();
    for (const l of shipLines) {
      const perPiece = l.stock_quantity / l.line_quantity;
      bySku.set(l.sku_id, (bySku.get(l.sku_id) ?? 0) + perPiece * l.quantity);
    }
    const held = await heldByOrder(ctx.db, shipment.order_id);
    const short = [...bySku].filter(([sku, q]) => (held.get(sku) ?? 0) < q);
    if (short.length) {
      throw new ServiceError("CONFLICT", "引当されていない商品は出荷できません (allocate before shipping)", short.map(([sku]) => ({ path: ["skuId", sku], message: "not allocated" })));
    }
    const movements: MovementInput[] = [...bySku].flatMap(([skuId, quantity]) => [
      { skuId, locationId: order.location_id, bucket: "allocated", quantity: -quantity, reason: "ship", sourceType: "order", sourceId: shipment.order_id, key: `ship:${shipmentId}:${skuId}:allocated` },
      { skuId, locationId: shipment.location_id, bucket: "on_hand", quantity: -quantity, reason: "ship", sourceType: "order", sourceId: shipment.order_id, key: `ship:${shipmentId}:${skuId}:on_hand` },
    ]);
    const at = nowIso();
    await ctx.db.batch([
      ...movementStatements(ctx.db, movements, at, `${ctx.actor.kind}:${ctx.actor.id}`),
      ctx.db.stmt(
        "UPDATE shipments SET status = 'shipped', shipped_at = ?3, carrier = ?4, tracking_number = ?5 WHERE merchant_id = ?1 AND id = ?2",
        shipmentId,
        at,
        input.carrier,
        input.trackingNumber,
      ),
      // The order is shipped when no line has quantity left to ship by a shipped shipment.
      ctx.db.stmt(
        `UPDATE orders SET status = 'shipped', updated_at = ?3 WHERE merchant_id = ?1 AND id = ?2 AND NOT EXISTS (
           SELECT 1 FROM order_lines ol WHERE ol.order_id = orders.id AND ol.sku_id IS NOT NULL AND ol.quantity > COALESCE((
             SELECT SUM(sl.quantity) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
             WHERE sl.order_line_id = ol.id AND s.status = 'shipped'), 0))`,
        shipment.order_id,
        at,
      ),
    ]);
    await stockChanged(ctx, [...bySku.keys()]);
    const after = await ctx.db.first<{ status: string }>("SELECT status FROM orders WHERE merchant_id = ?1 AND id = ?2", shipment.order_id);
    if (after?.status === "shipped") await enteredStatus(ctx, [{ orderId: shipment.order_id, status: "shipped" }]);
    return { shipmentId, orderStatus: after!.status, alreadyShipped: false };
  });
}
