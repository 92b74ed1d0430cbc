/** Reading orders: one order in full, lists by status / tag / text / time, saved searches. */
import { unitValueText } from "../../shared/units";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { notFound, ServiceError } from "../errors";

interface OrderRow {
  id: string;
  channel_id: string;
  location_id: string;
  external_id: string;
  status: string;
  currency: "JPY" | "CNY";
  customer_name: string;
  shipping_address: string;
  subtotal: number;
  tax: number;
  shipping_fee: number;
  adjustment: number;
  total: number;
  note: string;
  ordered_at: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  tags: string | null;
}

const ORDER_COLUMNS = `o.id, o.channel_id, o.location_id, o.external_id, o.status, o.currency, o.customer_name, o.shipping_address,
  o.subtotal, o.tax, o.shipping_fee, o.adjustment, o.total, o.note, o.ordered_at, o.created_at, o.updated_at, o.cancelled_at,
  (SELECT json_group_array(json_object('tag', t.tag, 'kind', t.kind)) FROM order_tags t WHERE t.order_id = o.id) AS tags`;

const toSummary = (r: OrderRow) => ({
  id: r.id,
  channelId: r.channel_id,
  locationId: r.location_id,
  externalId: r.external_id,
  status: r.status,
  currency: r.currency,
  customerName: r.customer_name,
  shippingAddress: r.shipping_address,
  subtotal: r.subtotal,
  tax: r.tax,
  shippingFee: r.shipping_fee,
  adjustment: r.adjustment,
  total: r.total,
  note: r.note,
  orderedAt: r.ordered_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  cancelledAt: r.cancelled_at,
  tags: r.tags ? (JSON.parse(r.tags) as { tag: string; kind: "system" | "user" }[]) : [],
});

export async function getOrder(ctx: ServiceContext, id: string) {
  const row = await ctx.db.first<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.merchant_id = ?1 AND o.id = ?2 AND o.deleted_at IS NULL`, id);
  if (!row) throw notFound("order");
  const [lines, shipments, shipmentLines, allocated, paymentMethod] = await Promise.all([
    ctx.db.all<{
      id: string;
      line_no: number;
      sku_id: string | null;
      external_code: string;
      name: string;
      quantity: number;
      unit_value: number | null;
      unit_price: number;
      amount: number;
      tax_rate: number;
      stock_quantity: number;
      display_name: string | null;
      sales_unit: string | null;
    }>(
      `SELECT ol.id, ol.line_no, ol.sku_id, ol.external_code, ol.name, ol.quantity, ol.unit_value, ol.unit_price, ol.amount, ol.tax_rate,
              ol.stock_quantity, u.display_name, u.sales_unit
       FROM order_lines ol LEFT JOIN skus s ON s.id = ol.sku_id LEFT JOIN products p ON p.id = s.product_id LEFT JOIN units u ON u.id = p.unit_id
       WHERE ol.merchant_id = ?1 AND ol.order_id = ?2 ORDER BY ol.line_no`,
      id,
    ),
    ctx.db.all<{ id: string; location_id: string; carrier: string; tracking_number: string; status: "pending"; shipped_at: string | null }>(
      "SELECT id, location_id, carrier, tracking_number, status, shipped_at FROM shipments WHERE merchant_id = ?1 AND order_id = ?2 ORDER BY created_at",
      id,
    ),
    ctx.db.all<{ shipment_id: string; order_line_id: string; quantity: number; status: string }>(
      `SELECT sl.shipment_id, sl.order_line_id, sl.quantity, s.status FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id
       WHERE s.merchant_id = ?1 AND s.order_id = ?2`,
      id,
    ),
    ctx.db.all<{ sku_id: string; q: number }>(
      `SELECT sku_id, SUM(quantity) AS q FROM stock_movements WHERE merchant_id = ?1 AND source_type = 'order' AND source_id = ?2
         AND bucket = 'allocated' AND reason = 'allocate' GROUP BY sku_id`,
      id,
    ),
    ctx.db.first<{ id: string; code: string; name: string }>(
      "SELECT pm.id, pm.code, pm.name FROM orders o JOIN payment_methods pm ON pm.id = o.payment_method_id WHERE o.merchant_id = ?1 AND o.id = ?2",
      id,
    ),
  ]);
  // Allocation is per SKU (demand summed); shown on each line of that SKU, in line order.
  const remaining = new Map(allocated.map((a) => [a.sku_id, a.q]));
  return {
    ...toSummary(row),
    paymentMethod: paymentMethod ?? null,
    lines: lines.map((l) => {
      const pool = l.sku_id ? (remaining.get(l.sku_id) ?? 0) : 0;
      const mine = Math.min(pool, l.stock_quantity);
      if (l.sku_id) remaining.set(l.sku_id, pool - mine);
      return {
        id: l.id,
        lineNo: l.line_no,
        skuId: l.sku_id,
        externalCode: l.external_code,
        name: l.name,
        quantity: l.quantity,
        unitValue: l.unit_value,
        unitValueText:
          l.unit_value != null && l.display_name ? unitValueText({ displayName: l.display_name, salesUnit: l.sales_unit! }, l.unit_value) : null,
        unitPrice: l.unit_price,
        amount: l.amount,
        taxRate: l.tax_rate,
        stockQuantity: l.stock_quantity,
        allocated: mine,
        shipped: shipmentLines.filter((s) => s.order_line_id === l.id && s.status === "shipped").reduce((t, s) => t + s.quantity, 0),
      };
    }),
    shipments: shipments.map((s) => ({
      id: s.id,
      locationId: s.location_id,
      carrier: s.carrier,
      trackingNumber: s.tracking_number,
      status: s.status,
      shippedAt: s.shipped_at,
      lines: shipmentLines.filter((l) => l.shipment_id === s.id).map((l) => ({ orderLineId: l.order_line_id, quantity: l.quantity })),
    })),
  };
}

export interface OrderFilter {
  status?: string;
  tag?: string;
  q?: string;
  channelId?: string;
  from?: string;
  to?: string;
  includeDeleted?: "true" | "false";
}

/** The filter of order lists, ?1 … ?8 (shared by the page query and its count). */
const FILTER = `o.merchant_id = ?1
       AND (?2 IS NULL OR o.status = ?2)
       AND (?3 IS NULL OR EXISTS (SELECT 1 FROM order_tags t WHERE t.order_id = o.id AND t.tag = ?3))
       AND (?4 IS NULL OR o.external_id LIKE '%' || ?4 || '%' OR o.customer_name LIKE '%' || ?4 || '%' OR o.id = ?4
            OR EXISTS (SELECT 1 FROM order_lines ol WHERE ol.order_id = o.id AND (ol.external_code LIKE ?4 || '%' OR ol.name LIKE '%' || ?4 || '%')))
       AND (?5 IS NULL OR o.channel_id = ?5)
       AND (?6 IS NULL OR o.ordered_at >= ?6)
       AND (?7 IS NULL OR o.ordered_at < ?7)
       AND (?8 = 1 OR o.deleted_at IS NULL)`;

export async function listOrders(ctx: ServiceContext, query: OrderFilter & { limit: number; cursor?: string }) {
  const rows = await ctx.db.all<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders o
     WHERE ${FILTER}
       AND (?9 IS NULL OR o.id < ?9)
     ORDER BY o.id DESC LIMIT ?10`,
    query.status ?? null,
    query.tag ?? null,
    query.q ?? null,
    query.channelId ?? null,
    query.from ?? null,
    query.to ?? null,
    query.includeDeleted === "true" ? 1 : 0,
    query.cursor ?? null,
    query.limit + 1,
  );
  const items = rows.slice(0, query.limit).map(toSummary);
  const filter = [query.status ?? null, query.tag ?? null, query.q ?? null, query.channelId ?? null, query.from ?? null, query.to ?? null, query.includeDeleted === "true" ? 1 : 0];
  // The count of every matching order, so the admin can say "1,234 orders" and act on all of them.
  const count = await ctx.db.first<{ n: number }>(`SELECT COUNT(*) AS n FROM orders o WHERE ${FILTER}`, ...filter);
  return { items, total: count!.n, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}

/** Tags in use (system and user) with how many live orders carry each. */
export async function listTags(ctx: ServiceContext) {
  return ctx.db.all<{ tag: string; kind: "system" | "user"; orders: number }>(
    `SELECT t.tag, t.kind, COUNT(*) AS orders FROM order_tags t JOIN orders o ON o.id = t.order_id
     WHERE t.merchant_id = ?1 AND o.deleted_at IS NULL GROUP BY t.tag, t.kind ORDER BY t.kind, t.tag`,
  );
}

export async function listSavedSearches(ctx: ServiceContext) {
  const rows = await ctx.db.all<{ id: string; name: string; query: string; created_at: string }>(
    "SELECT id, name, query, created_at FROM saved_searches WHERE merchant_id = ?1 ORDER BY name",
  );
  return rows.map((r) => ({ id: r.id, name: r.name, query: JSON.parse(r.query) as Record<string, unknown>, createdAt: r.created_at }));
}

export async function saveSearch(ctx: ServiceContext, input: { name: string; query: OrderFilter }) {
  const id = newId("srch");
  const at = nowIso();
  await ctx.db
    .run("INSERT INTO saved_searches (id, merchant_id, name, query, created_at) VALUES (?2, ?1, ?3, ?4, ?5)", id, input.name, JSON.stringify(input.query), at)
    .catch((error) => {
      if (String(error).includes("UNIQUE")) throw new ServiceError("CONFLICT", "a saved search has this name", [{ path: ["name"], message: "already exists" }]);
      throw error;
    });
  return { id, name: input.name, query: input.query as Record<string, unknown>, createdAt: at };
}

export async function deleteSavedSearch(ctx: ServiceContext, id: string) {
  const result = await ctx.db.run("DELETE FROM saved_searches WHERE merchant_id = ?1 AND id = ?2", id);
  if (!result.meta.changes) throw notFound("saved search");
}
