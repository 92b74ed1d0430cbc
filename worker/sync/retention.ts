/**
 * Retention, so one database does not grow without bound:
 *  - idempotency keys are kept 30 days (clients retry for hours at most), then pruned;
 *  - the change log is compacted behind the slowest live cursor (a cursor idle for 90 days is
 *    abandoned: that device or link reloads in full);
 *  - sync runs older than 90 days are pruned (dead letters stay until replayed or 90 days old);
 *  - a status action's record of the entry it covered goes once the order has left that entry (a
 *    day on, for late retries); the record of an order still in it stays, or the sweep would act again.
 * The stock ledger is never pruned: it is the stock's history.
 */
import { nowIso } from "../db/ids";
import { registerJob } from "./jobs";

export const RETENTION_JOB = "maintenance.retention";
const DAY = 86_400_000;
export const IDEMPOTENCY_DAYS = 30;
const CURSOR_IDLE_DAYS = 90;
const RUN_DAYS = 90;

registerJob({
  name: RETENTION_JOB,
  needsConnection: false,
  async handler({ ctx }) {
    const now = Date.now();
    const slowest = await ctx.db.first<{ seq: number | null }>(
      "SELECT MIN(seq) AS seq FROM sync_cursors WHERE merchant_id = ?1 AND updated_at >= ?2",
      nowIso(now - CURSOR_IDLE_DAYS * DAY),
    );
    // With no live cursor nobody needs the log: keep the last day of it for devices pairing now.
    const horizon = slowest?.seq ?? null;
    const [keys, log, runs, , entries] = await ctx.db.batch([
      ctx.db.stmt("DELETE FROM idempotency_keys WHERE merchant_id = ?1 AND created_at < ?2", nowIso(now - IDEMPOTENCY_DAYS * DAY)),
      horizon !== null
        ? ctx.db.stmt("DELETE FROM change_log WHERE merchant_id = ?1 AND seq < ?2", horizon)
        : ctx.db.stmt("DELETE FROM change_log WHERE merchant_id = ?1 AND created_at < ?2", nowIso(now - DAY)),
      ctx.db.stmt(
        "DELETE FROM sync_runs WHERE merchant_id = ?1 AND queued_at < ?2 AND status IN ('succeeded', 'failed')",
        nowIso(now - RUN_DAYS * DAY),
      ),
      ctx.db.stmt(
        "DELETE FROM dead_letters WHERE merchant_id = ?1 AND created_at < ?2",
        nowIso(now - RUN_DAYS * DAY),
      ),
      ctx.db.stmt(
        `DELETE FROM status_action_runs WHERE merchant_id = ?1 AND claimed_at < ?2
           AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = status_action_runs.order_id AND o.status_entry = status_action_runs.entry)`,
        nowIso(now - DAY),
      ),
    ]);
    return {
      idempotencyKeysPruned: keys!.meta.changes,
      changeLogCompacted: log!.meta.changes,
      runsPruned: runs!.meta.changes,
      statusActionEntriesPruned: entries!.meta.changes,
    };
  },
});
