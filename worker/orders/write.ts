/**
 * Statements that write new orders with their lines, tags and change-log entries; shared by the
 * import API and manual entry, so both write orders the same way.
 */
import { bulkInsert } from "../db/bulk";
import { newId } from "../db/ids";
import type { MerchantDb } from "../db/merchant-db";
import type { OrderTotals, PricedLine } from "./pricing";

export interface NewOrder {
  id: string;
  channelId: string;
  locationId: string;
  externalId: string;
  status: string;
  currency: string;
  customerName: string;
  shippingAddress: string;
  shippingFee: number;
  adjustment: number;
  note: string;
  /** The Renkei payment method (支払方法), when the order names one. */
  paymentMethodId?: string | null;
  orderedAt: string;
  totals: OrderTotals;
  lines: PricedLine[];
  tags: { tag: string; kind: "system" | "user" }[];
}

export function orderInsertStatements(db: MerchantDb, orders: readonly NewOrder[], at: string): D1PreparedStatement[] {
  const orderRows = orders.map((o) => [
    o.id,
    o.channelId,
    o.locationId,
    o.externalId,
    o.status,
    o.currency,
    o.customerName,
    o.shippingAddress,
    o.totals.subtotal,
    o.totals.tax,
    o.shippingFee,
    o.adjustment,
    o.totals.total,
    o.note,
    o.paymentMethodId ?? null,
    o.orderedAt,
    at,
    at,
  ]);
  const lineRows = orders.flatMap((o) =>
    o.lines.map((l, i) => [
      newId("oln"),
      o.id,
      i + 1,
      l.skuId,
      l.externalCode,
      l.name,
      l.quantity,
      l.unitValue,
      l.unitPrice,
      l.amount,
      l.taxRate,
      l.stockQuantity,
    ]),
  );
  const tagRows = orders.flatMap((o) => o.tags.map((t) => [o.id, t.tag, t.kind]));
  const changeRows = orders.map((o) => ["order", o.id, at]);
  return [
    ...bulkInsert(
      db,
      "orders",
      [
        "id",
        "channel_id",
        "location_id",
        "external_id",
        "status",
        "currency",
        "customer_name",
        "shipping_address",
        "subtotal",
        "tax",
        "shipping_fee",
        "adjustment",
        "total",
        "note",
        "payment_method_id",
        "ordered_at",
        "created_at",
        "updated_at",
      ],
      orderRows,
    ),
    ...bulkInsert(
      db,
      "order_lines",
      ["id", "order_id", "line_no", "sku_id", "external_code", "name", "quantity", "unit_value", "unit_price", "amount", "tax_rate", "stock_quantity"],
      lineRows,
    ),
    ...bulkInsert(db, "order_tags", ["order_id", "tag", "kind"], tagRows),
    ...bulkInsert(db, "change_log", ["entity", "entity_id", "created_at"], changeRows),
  ];
}

/** Marks as 'awaiting_allocation' those of `orderIds` (now 'allocated') with a line whose reservation is missing. */
export function allocationOutcomeStatement(db: MerchantDb, orderIds: readonly string[], at: string, from = "allocated") {
  return db.stmt(
    `UPDATE orders SET status = 'awaiting_allocation', updated_at = ?3
     WHERE merchant_id = ?1 AND status = ?4 AND id IN (SELECT value FROM json_each(?2))
       AND EXISTS (
         SELECT 1 FROM order_lines ol
         WHERE ol.order_id = orders.id AND ol.sku_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.merchant_id = ?1
                           AND m.idempotency_key = 'alloc:' || orders.id || ':' || ol.sku_id || ':' || orders.location_id))
     RETURNING id`,
    JSON.stringify(orderIds),
    at,
    from,
  );
}
