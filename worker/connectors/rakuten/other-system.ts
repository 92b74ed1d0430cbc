/**
 * The orders Renkei leaves to the other order system (seed 002: Robot-in ships the merchant's own
 * goods), as a CSV the merchant takes there: every order of the link cancelled or deleted in Renkei
 * with nothing at RSL (全商品 → 自社出荷), and every order split by 出荷分割 (the lines RSL does not
 * ship). Keyed by the mall order number (モール注文番号), which is what the other system searches by.
 * Orders cancelled in Rakuten itself are not listed: there is nothing to ship.
 * The list pages by a keyset cursor (ordered_at, order id): any number of orders, no offset scan;
 * the CSV reads every page.
 */
import { toCsv } from "../../../shared/csv";
import type { ServiceContext } from "../../context";
import { invalid } from "../../errors";
import { requireLink } from "./item-mappings";

export const OTHER_SYSTEM_CSV_HEADER = ["モール注文番号", "注文日時", "自社出荷の範囲", "自社出荷の商品", "Renkeiでの扱い"] as const;

interface Row {
  order_id: string;
  order_number: string;
  ordered_at: string;
  deleted: number;
  at_rsl: number;
}

export const OTHER_SYSTEM_PAGE = 500;

/** The cursor is the last order's `ordered_at` and id, as the list answered it. */
const encodeCursor = (o: Row) => `${o.ordered_at}~${o.order_id}`;
function decodeCursor(cursor: string | undefined): [string, string] | [null, null] {
  if (!cursor) return [null, null];
  const at = cursor.indexOf("~");
  if (at < 1 || Number.isNaN(Date.parse(cursor.slice(0, at)))) throw invalid("invalid cursor", [{ path: ["cursor"], message: "カーソルが正しくありません (not a cursor this list answered)" }]);
  return [cursor.slice(0, at), cursor.slice(at + 1)];
}

export async function ordersLeftToOtherSystem(ctx: ServiceContext, connectionId: string, page: { cursor?: string; limit?: number } = {}) {
  await requireLink(ctx, connectionId);
  const limit = Math.min(page.limit ?? OTHER_SYSTEM_PAGE, OTHER_SYSTEM_PAGE);
  const [afterAt, afterId] = decodeCursor(page.cursor);
  const rows = await ctx.db.all<Row>(
    `WITH linked AS (
       SELECT ro.order_id, ro.order_number, o.ordered_at, o.status, o.deleted_at IS NOT NULL AS deleted,
              EXISTS (SELECT 1 FROM rsl_requests r WHERE r.merchant_id = ?1 AND r.order_id = o.id AND r.state <> 'cancelled') AS at_rsl
       FROM rakuten_orders ro JOIN orders o ON o.id = ro.order_id
       WHERE ro.merchant_id = ?1 AND ro.connection_id = ?2 AND ro.rms_cancelled_at IS NULL AND ro.order_progress <> 900)
     SELECT order_id, order_number, ordered_at, deleted, at_rsl FROM linked
     WHERE ((status = 'cancelled' AND NOT at_rsl)
        OR (at_rsl AND EXISTS (SELECT 1 FROM order_lines ol WHERE ol.merchant_id = ?1 AND ol.order_id = linked.order_id AND ol.sku_id IS NULL)))
       AND (?3 IS NULL OR ordered_at > ?3 OR (ordered_at = ?3 AND order_id > ?4))
     ORDER BY ordered_at, order_id LIMIT ?5`,
    connectionId,
    afterAt,
    afterId,
    limit + 1,
  );
  const orders = rows.slice(0, limit);
  const lines = await ctx.db.all<{ order_id: string; external_code: string | null; name: string; quantity: number; sku_id: string | null }>(
    "SELECT order_id, external_code, name, quantity, sku_id FROM order_lines WHERE merchant_id = ?1 AND order_id IN (SELECT value FROM json_each(?2)) ORDER BY order_id, line_no",
    JSON.stringify(orders.map((o) => o.order_id)),
  );
  const items = orders.map((o) => {
    const split = o.at_rsl === 1;
    const left = lines.filter((l) => l.order_id === o.order_id && (!split || l.sku_id === null));
    return {
      orderId: o.order_id,
      orderNumber: o.order_number,
      orderedAt: o.ordered_at,
      scope: split ? ("part" as const) : ("whole" as const),
      lines: left.map((l) => ({ code: l.external_code ?? l.name, quantity: l.quantity })),
      handling: split ? ("split" as const) : o.deleted ? ("deleted" as const) : ("cancelled" as const),
    };
  });
  return { items, nextCursor: rows.length > limit ? encodeCursor(orders[orders.length - 1]!) : null };
}

/** The merchant reads Japan time: yyyy-MM-dd HH:mm (JST). */
const jst = (iso: string) => new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 16).replace("T", " ");

const SCOPE = { whole: "全商品", part: "一部商品（出荷分割）" };
const HANDLING = { split: "出荷分割", deleted: "注文削除", cancelled: "注文キャンセル" };

/** Every order left to the other system, page after page (no cap). */
export async function otherSystemCsv(ctx: ServiceContext, connectionId: string) {
  const orders = [];
  let cursor: string | undefined;
  do {
    const page = await ordersLeftToOtherSystem(ctx, connectionId, { cursor });
    orders.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return toCsv([
    [...OTHER_SYSTEM_CSV_HEADER],
    ...orders.map((o) => [o.orderNumber, jst(o.orderedAt), SCOPE[o.scope], o.lines.map((l) => `${l.code}×${l.quantity}`).join(" / "), HANDLING[o.handling]]),
  ]);
}
