/**
 * The shipping-label / shipping CSV (送り状・出荷CSV) of many orders at once, honouring seed 000's
 * ■送り状・出荷CSV出力制御: with [引当できない注文は出力しない], an order whose allocation failed
 * (system tag 「引当失敗」, set by the hub's allocation or by 在庫引当自動照会) is left out and
 * listed with the reason instead. Each order is rendered with the merchant's shipping_csv template
 * (worker/orders/templates.ts); the template's rows around #LINES# (its header) are written once.
 */
import { parseCsv, toCsv } from "../../../shared/csv";
import { SYSTEM_TAGS } from "../../../shared/orders";
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { getTemplate, renderOrder } from "../../orders/templates";
import { SmaregiSettings } from "./settings";

export const CSV_MAX_ORDERS = 500;
export const EXCLUDED_REASON = "在庫が引き当らないため出力しません（送り状・出荷CSV出力制御）(allocation failed: left out by the shipping CSV setting)";

export interface ShippingCsv {
  csv: string;
  included: { orderId: string; externalId: string }[];
  excluded: { orderId: string; externalId: string; reason: string }[];
}

/** Orders chosen by ID, or every order of the link's order stores in `status` (oldest first). */
async function ordersFor(ctx: ServiceContext, s: SmaregiSettings, pick: { orderIds?: string[]; status?: string }) {
  if (pick.orderIds) {
    return ctx.db.all<{ id: string; external_id: string }>(
      `SELECT o.id, o.external_id FROM orders o JOIN json_each(?2) j ON j.value = o.id
       WHERE o.merchant_id = ?1 AND o.deleted_at IS NULL ORDER BY j.key`,
      JSON.stringify(pick.orderIds),
    );
  }
  return ctx.db.all<{ id: string; external_id: string }>(
    `SELECT id, external_id FROM orders WHERE merchant_id = ?1 AND status = ?2 AND deleted_at IS NULL
     AND channel_id IN (SELECT value FROM json_each(?3)) ORDER BY ordered_at, id LIMIT ?4`,
    pick.status,
    JSON.stringify(s.orderStores.map((o) => o.channelId)),
    CSV_MAX_ORDERS,
  );
}

export async function shippingCsv(ctx: ServiceContext, connection: ConnectionRecord, pick: { orderIds?: string[]; status?: string }): Promise<ShippingCsv> {
  const s = SmaregiSettings.parse(connection.settings);
  const orders = await ordersFor(ctx, s, pick);
  const failed = new Set(
    (
      await ctx.db.all<{ order_id: string }>(
        "SELECT order_id FROM order_tags WHERE merchant_id = ?1 AND tag = ?2 AND order_id IN (SELECT value FROM json_each(?3))",
        SYSTEM_TAGS.allocationFailed,
        JSON.stringify(orders.map((o) => o.id)),
      )
    ).map((r) => r.order_id),
  );
  const result: ShippingCsv = { csv: "", included: [], excluded: [] };
  const template = parseCsv((await getTemplate(ctx, "shipping_csv")).body);
  const at = template.findIndex((row) => row.length === 1 && row[0]!.trim() === "#LINES#");
  const before = at < 0 ? template.length : at;
  const after = at < 0 ? 0 : template.length - at - 1;
  const rows: string[][] = [];
  for (const order of orders) {
    if (failed.has(order.id) && s.shippingCsvUnallocated === "exclude") {
      result.excluded.push({ orderId: order.id, externalId: order.external_id, reason: EXCLUDED_REASON });
      continue;
    }
    const rendered = parseCsv((await renderOrder(ctx, order.id, "shipping_csv")).text);
    const lines = rendered.slice(before, rendered.length - after);
    // The template's own rows (header before #LINES#, footer after) once, around every order's lines.
    if (!result.included.length) rows.push(...rendered.slice(0, before));
    rows.push(...lines);
    result.included.push({ orderId: order.id, externalId: order.external_id });
  }
  if (result.included.length && after) {
    const last = parseCsv((await renderOrder(ctx, result.included.at(-1)!.orderId, "shipping_csv")).text);
    rows.push(...last.slice(last.length - after));
  }
  result.csv = rows.length ? toCsv(rows) : "";
  return result;
}
