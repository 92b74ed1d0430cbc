/**
 * 注文確認 in RMS of every imported order still 注文確認待ち (100), within the run that imported it:
 * page after page of 1,000 (keyset by order number, so each order is tried at most once a run), 100
 * per confirmOrder call, paced by the client. An order RMS refuses keeps RMS's message (listed for
 * review) and is tried again on a later run, after a back-off that grows with its attempts — never
 * in a tight loop. A repeat after a lost answer (ERROR_103, already moved on) counts as done.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import type { RakutenClient } from "./client";

const ALREADY_MOVED = "ORDER_EXT_API_CONFIRM_ORDER_ERROR_103";
/** Orders read per page (the client sends them 100 per call). */
export const CONFIRM_PAGE = 1000;
/** First retry of a refused confirm after this long; each further refusal doubles it, up to a day. */
export const CONFIRM_RETRY_BASE_MS = 10 * 60_000;
const CONFIRM_RETRY_MAX_MS = 24 * 3600_000;

export function confirmRetryDelayMs(attempts: number) {
  return Math.min(CONFIRM_RETRY_MAX_MS, CONFIRM_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export async function confirmPending(ctx: ServiceContext, connection: ConnectionRecord, client: RakutenClient, now = Date.now()) {
  const counts = { confirmed: 0, confirmFailed: 0 };
  const due = nowIso(now);
  for (let after = ""; ; ) {
    const page = await ctx.db.all<{ order_number: string; confirm_attempts: number }>(
      `SELECT order_number, confirm_attempts FROM rakuten_orders WHERE merchant_id = ?1 AND connection_id = ?2
       AND confirmed_at IS NULL AND order_progress = 100 AND (confirm_retry_at IS NULL OR confirm_retry_at <= ?3)
       AND order_number > ?4 ORDER BY order_number LIMIT ${CONFIRM_PAGE}`,
      connection.id,
      due,
      after,
    );
    if (!page.length) return counts;
    after = page[page.length - 1]!.order_number;
    const attempts = new Map(page.map((p) => [p.order_number, p.confirm_attempts]));
    const outcomes = await client.confirmOrders(page.map((p) => p.order_number));
    const at = nowIso();
    const done = outcomes.filter((o) => o.ok || o.messageCode === ALREADY_MOVED);
    const failed = outcomes.filter((o) => !o.ok && o.messageCode !== ALREADY_MOVED);
    await ctx.db.batch([
      ...done.map((o) =>
        ctx.db.stmt(
          "UPDATE rakuten_orders SET confirmed_at = ?3, order_progress = 300, confirm_error = NULL, confirm_retry_at = NULL WHERE merchant_id = ?1 AND connection_id = ?2 AND order_number = ?4",
          connection.id,
          at,
          o.orderNumber,
        ),
      ),
      ...failed.map((o) => {
        const tries = (attempts.get(o.orderNumber) ?? 0) + 1;
        return ctx.db.stmt(
          "UPDATE rakuten_orders SET confirm_error = ?3, confirm_attempts = ?4, confirm_retry_at = ?5 WHERE merchant_id = ?1 AND connection_id = ?2 AND order_number = ?6",
          connection.id,
          `${o.messageCode}: ${o.message}`,
          tries,
          nowIso(now + confirmRetryDelayMs(tries)),
          o.orderNumber,
        );
      }),
    ]);
    counts.confirmed += done.length;
    counts.confirmFailed += failed.length;
    if (page.length < CONFIRM_PAGE) return counts;
  }
}
