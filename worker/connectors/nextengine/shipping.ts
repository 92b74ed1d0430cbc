/**
 * The shipping desk for NextEngine orders: confirm one or many orders at once, each with its carrier
 * and tracking number. Every tracking number is checked first (with ② on it is required), and a bad
 * one refuses the whole request with the row and field named, so nothing is half-shipped. Each
 * order's remaining lines then ship as one shipment, keyed by the request's idempotency key, so a
 * retried request ships nothing twice; the hub's 'shipped' action reports it to NextEngine.
 */
import type { ServiceContext } from "../../context";
import { invalid, type Issue } from "../../errors";
import { confirmShipment, createShipment } from "../../orders/shipments";
import { requireNextEngineLink } from "./connect";
import { NextEngineSettings } from "./settings";
import { trackingNumberProblem } from "./tracking-number";

export interface ShipInput {
  idempotencyKey: string;
  items: { orderId: string; carrier: string; trackingNumber: string }[];
}

export async function confirmOrderShipments(ctx: ServiceContext, connectionId: string, input: ShipInput) {
  const link = await requireNextEngineLink(ctx, connectionId);
  const settings = NextEngineSettings.parse(link.settings);
  const issues: Issue[] = [];
  input.items.forEach((item, i) => {
    const required = settings.markShipped && settings.writeTrackingNumber;
    if (!item.trackingNumber && !required) return;
    const problem = trackingNumberProblem(item.trackingNumber);
    if (problem) issues.push({ path: ["items", i, "trackingNumber"], message: problem });
  });
  const lines = await ctx.db.all<{ order_id: string; line_id: string; left: number }>(
    `SELECT ol.order_id, ol.id AS line_id,
            ol.quantity - COALESCE((SELECT SUM(sl.quantity) FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
                                    WHERE sl.order_line_id = ol.id AND s.status = 'shipped'), 0) AS left
     FROM order_lines ol WHERE ol.merchant_id = ?1 AND ol.sku_id IS NOT NULL AND ol.order_id IN (SELECT value FROM json_each(?2))`,
    JSON.stringify(input.items.map((i) => i.orderId)),
  );
  input.items.forEach((item, i) => {
    if (!lines.some((l) => l.order_id === item.orderId)) issues.push({ path: ["items", i, "orderId"], message: "出荷できる受注が見つかりません (no order to ship)" });
  });
  if (issues.length) throw invalid("invalid shipments", issues);
  const results = [];
  for (const item of input.items) {
    const open = lines.filter((l) => l.order_id === item.orderId && l.left > 0);
    const key = `${input.idempotencyKey}:${item.orderId}`;
    const shipment = await createShipment(ctx, item.orderId, { idempotencyKey: key, lines: open.map((l) => ({ orderLineId: l.line_id, quantity: l.left })) });
    const confirmed = await confirmShipment(ctx, shipment.result.id, { idempotencyKey: key, carrier: item.carrier, trackingNumber: item.trackingNumber });
    results.push({ orderId: item.orderId, shipmentId: shipment.result.id, orderStatus: confirmed.result.orderStatus });
  }
  return { items: results };
}

/**
 * The shipping desk's list: this link's orders that can ship now — allocated or 出荷待ち, with a line
 * still to ship — at one location or all, oldest first. Orders held in 確認待 (an unmapped code) are
 * not offered: they need a person first.
 */
export async function ordersToShip(ctx: ServiceContext, connectionId: string, locationId: string | null, limit = 200) {
  await requireNextEngineLink(ctx, connectionId);
  const rows = await ctx.db.all<{
    id: string; external_id: string; location_id: string; location_name: string; customer_name: string; ordered_at: string; status: string; quantity: number;
  }>(
    `SELECT o.id, o.external_id, o.location_id, l.name AS location_name, o.customer_name, o.ordered_at, o.status,
            (SELECT COALESCE(SUM(ol.quantity), 0) FROM order_lines ol WHERE ol.order_id = o.id AND ol.sku_id IS NOT NULL) AS quantity
     FROM external_links el
     JOIN orders o ON o.merchant_id = el.merchant_id AND o.id = el.renkei_id
     JOIN locations l ON l.merchant_id = o.merchant_id AND l.id = o.location_id
     WHERE el.merchant_id = ?1 AND el.connection_id = ?2 AND el.entity = 'order'
       AND o.status IN ('allocated', 'awaiting_shipment') AND o.deleted_at IS NULL
       AND (?3 IS NULL OR o.location_id = ?3)
     ORDER BY o.ordered_at, o.id LIMIT ?4`,
    connectionId,
    locationId,
    limit,
  );
  return rows.map((r) => ({
    orderId: r.id,
    receiveOrderId: r.external_id,
    locationId: r.location_id,
    locationName: r.location_name,
    customerName: r.customer_name,
    orderedAt: r.ordered_at,
    status: r.status,
    quantity: r.quantity,
  }));
}
