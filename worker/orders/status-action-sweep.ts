/**
 * The sweep of lost status actions. Entering a status enqueues its actions right after the status
 * is written; a worker that dies between the two loses the message. This maintenance job (every
 * 10 minutes per merchant) finds orders that have sat in a trigger status since before the last
 * sweep with no run of that action recorded for their entry, and enqueues them. It never doubles an
 * action: the run claims each entry (status-actions.ts), so an order whose message was only late,
 * or a sweep that runs twice, meets the claim and is left alone.
 */
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { registerJob } from "../sync/jobs";
import { enqueueJob } from "../sync/runs";
import { ORDER_ACTION_JOB } from "./status-actions";

export const STATUS_ACTION_SWEEP_JOB = "orders.status-action-sweep";
/** Before a merchant's first sweep, an order must have sat this long: its own message is surely lost. */
const FIRST_SWEEP_GRACE_MS = 10 * 60_000;
const PER_MESSAGE = 500;
/** Orders taken per action per sweep; the next sweep takes the rest. */
const PER_SWEEP = 5_000;

registerJob({
  name: STATUS_ACTION_SWEEP_JOB,
  needsConnection: false,
  async handler({ ctx, runId }) {
    const horizon = await sweepHorizon(ctx, runId);
    const rules = await ctx.db.all<{ id: string; status: string; connection_id: string | null; created_at: string }>(
      "SELECT id, status, connection_id, created_at FROM status_actions WHERE merchant_id = ?1 AND enabled = 1 ORDER BY created_at",
    );
    let orders = 0;
    let runs = 0;
    for (const rule of rules) {
      // Entered before the horizon, but not before the rule existed: adding a rule does not act
      // on orders that were already waiting in its status (entering it is the trigger).
      const lost = await ctx.db.all<{ id: string }>(
        `SELECT o.id FROM orders o
         WHERE o.merchant_id = ?1 AND o.status = ?2 AND o.deleted_at IS NULL
           AND COALESCE(o.status_entered_at, o.created_at) < ?3 AND COALESCE(o.status_entered_at, o.created_at) >= ?4
           AND NOT EXISTS (SELECT 1 FROM status_action_runs r WHERE r.action_id = ?5 AND r.order_id = o.id AND r.entry = o.status_entry)
         ORDER BY o.id LIMIT ?6`,
        rule.status,
        horizon,
        rule.created_at,
        rule.id,
        PER_SWEEP,
      );
      const ids = lost.map((r) => r.id);
      for (let i = 0; i < ids.length; i += PER_MESSAGE) {
        await enqueueJob(ctx, ORDER_ACTION_JOB, {
          connectionId: rule.connection_id,
          payload: { actionId: rule.id, orderIds: ids.slice(i, i + PER_MESSAGE), swept: true },
          trigger: "schedule",
        });
        runs++;
      }
      orders += ids.length;
    }
    return { actions: rules.length, orders, runs };
  },
});

/** When the previous sweep of this merchant started (this run excluded); before any, a grace period ago. */
async function sweepHorizon(ctx: ServiceContext, runId: string): Promise<string> {
  const last = await ctx.db.first<{ started_at: string | null }>(
    `SELECT MAX(started_at) AS started_at FROM sync_runs
     WHERE merchant_id = ?1 AND job = ?2 AND id <> ?3 AND status = 'succeeded'`,
    STATUS_ACTION_SWEEP_JOB,
    runId,
  );
  return last?.started_at ?? nowIso(Date.now() - FIRST_SWEEP_GRACE_MS);
}
