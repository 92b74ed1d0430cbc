/**
 * Orders cancelled in RMS after Renkei imported them (キャンセル確定, orderProgress 900) are followed:
 * cancelled in Renkei too, through the hub's cancel, so a request already at RSL is taken back first
 * (take-back.ts). One RSL can no longer give back (picking started) keeps its reason for review, is
 * tagged 「システムエラー」, and is tried again on the next import until someone settles it.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { cancelOrders } from "../../orders/lifecycle";
import type { RakutenClient, SearchQuery } from "./client";
import { markSystemError } from "./forward";

/** RMS orderProgress キャンセル確定. */
const CANCELLED = 900;

export async function followRmsCancellations(ctx: ServiceContext, connection: ConnectionRecord, client: RakutenClient, window: Omit<SearchQuery, "orderProgressList">) {
  const counts = { rmsCancelled: 0, rmsCancelRefused: 0 };
  for await (const numbers of client.searchOrderNumbers({ ...window, orderProgressList: [CANCELLED] })) {
    const rows = await ctx.db.all<{ order_number: string; order_id: string; deleted_at: string | null; status: string }>(
      `SELECT ro.order_number, ro.order_id, o.deleted_at, o.status FROM rakuten_orders ro JOIN orders o ON o.id = ro.order_id
       WHERE ro.merchant_id = ?1 AND ro.connection_id = ?2 AND ro.rms_cancelled_at IS NULL AND ro.order_number IN (SELECT value FROM json_each(?3))`,
      connection.id,
      JSON.stringify(numbers),
    );
    if (!rows.length) continue;
    // deleted in Renkei already (left to the other system) or shipped: nothing left to cancel here
    const live = rows.filter((r) => !r.deleted_at && r.status !== "shipped" && r.status !== "cancelled").map((r) => r.order_id);
    const outcome = live.length ? await cancelOrders(ctx, live) : { results: [] };
    const refused = new Map(outcome.results.filter((r) => !r.ok).map((r) => [r.orderId, r.message ?? ""]));
    const at = nowIso();
    await ctx.db.batch(
      rows.map((r) =>
        refused.has(r.order_id)
          ? ctx.db.stmt(
              "UPDATE rakuten_orders SET order_progress = ?4, cancel_error = ?5 WHERE merchant_id = ?1 AND connection_id = ?2 AND order_number = ?3",
              connection.id,
              r.order_number,
              CANCELLED,
              `楽天でキャンセルされましたが、Renkeiでキャンセルできません: ${refused.get(r.order_id)} (cancelled in Rakuten, not cancelled here)`,
            )
          : ctx.db.stmt(
              "UPDATE rakuten_orders SET order_progress = ?4, rms_cancelled_at = ?5, cancel_error = NULL WHERE merchant_id = ?1 AND connection_id = ?2 AND order_number = ?3",
              connection.id,
              r.order_number,
              CANCELLED,
              at,
            ),
      ),
    );
    if (refused.size) await markSystemError(ctx, [...refused.keys()]);
    counts.rmsCancelled += rows.length - refused.size;
    counts.rmsCancelRefused += refused.size;
  }
  return counts;
}
