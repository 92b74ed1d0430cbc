/**
 * Status-triggered actions, the hook connectors use: "when an order enters status X, run action Y
 * (for connection Z); on success move it to status W". Entering a status enqueues one job per
 * matching action; the job runs the action registered under that name and, where it succeeds for
 * an order still in X, moves that order to W (which may trigger the next action).
 *
 * Once per entry: every time an order enters a status is one entry (orders.status_entry, kept by a
 * trigger), and a run first claims the entries it covers in status_action_runs. A second message for
 * the same entry — a duplicate enqueue, or the sweep (status-action-sweep.ts) finding an order whose
 * message was lost — finds the entry claimed and leaves the order alone.
 */
import type { ConnectionRecord } from "../connections/connections";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, notFound } from "../errors";
import { registerJob } from "../sync/jobs";
import { enqueueJob } from "../sync/runs";

export const ORDER_ACTION_JOB = "orders.status-action";

/** An action gets the orders and answers which of them succeeded. */
export type OrderAction = (ctx: ServiceContext, orderIds: string[], connection: ConnectionRecord | null) => Promise<Set<string>>;

const actions = new Map<string, OrderAction>();
export function registerOrderAction(name: string, action: OrderAction) {
  actions.set(name, action);
}
export const orderActionNames = () => [...actions.keys()].sort();

export async function enteredStatus(ctx: ServiceContext, entries: { orderId: string; status: string }[]) {
  if (!entries.length) return;
  const statuses = [...new Set(entries.map((e) => e.status))];
  const rules = await ctx.db.all<{ id: string; status: string; connection_id: string | null }>(
    `SELECT id, status, connection_id FROM status_actions
     WHERE merchant_id = ?1 AND enabled = 1 AND status IN (SELECT value FROM json_each(?2))`,
    JSON.stringify(statuses),
  );
  for (const rule of rules) {
    const orderIds = entries.filter((e) => e.status === rule.status).map((e) => e.orderId);
    for (let i = 0; i < orderIds.length; i += 500) {
      await enqueueJob(ctx, ORDER_ACTION_JOB, {
        connectionId: rule.connection_id,
        payload: { actionId: rule.id, orderIds: orderIds.slice(i, i + 500) },
        trigger: "event",
      });
    }
  }
}

registerJob({
  name: ORDER_ACTION_JOB,
  needsConnection: false,
  async handler({ ctx, connection, payload, runId }): Promise<Record<string, number>> {
    const rule = await ctx.db.first<{ status: string; action: string; success_status: string | null }>(
      "SELECT status, action, success_status FROM status_actions WHERE merchant_id = ?1 AND id = ?2 AND enabled = 1",
      String(payload.actionId),
    );
    if (!rule) return { skipped: 1 };
    const action = actions.get(rule.action);
    if (!action) throw new Error(`no order action "${rule.action}"`);
    const requested = Array.isArray(payload.orderIds) ? payload.orderIds.map(String) : [];
    const still = await claimEntries(ctx, String(payload.actionId), rule.status, requested, runId);
    const ok = await action(ctx, still, connection);
    let moved = 0;
    if (rule.success_status && ok.size) {
      const result = await ctx.db.run(
        `UPDATE orders SET status = ?2, updated_at = ?4 WHERE merchant_id = ?1 AND status = ?5
         AND id IN (SELECT value FROM json_each(?3))`,
        rule.success_status,
        JSON.stringify([...ok]),
        nowIso(),
        rule.status,
      );
      moved = result.meta.changes;
      await enteredStatus(
        ctx,
        [...ok].map((orderId) => ({ orderId, status: rule.success_status! })),
      );
    }
    return { orders: still.length, succeeded: ok.size, moved };
  },
});

/**
 * Claims, for this run, the current entry of each order still in the trigger status (a manual move
 * meanwhile wins) and answers the orders this run is to act on: those it claimed now, or earlier (a
 * retry of the same run). An entry claimed by another run is left to it, unless that run failed for
 * good — then the replay of its dead letter takes the entry over.
 */
async function claimEntries(ctx: ServiceContext, actionId: string, status: string, orderIds: string[], runId: string): Promise<string[]> {
  if (!orderIds.length) return [];
  const ids = JSON.stringify(orderIds);
  const [, claimed] = await ctx.db.batch([
    ctx.db.stmt(
      `INSERT INTO status_action_runs (merchant_id, action_id, order_id, entry, run_id, claimed_at)
       SELECT ?1, ?2, o.id, o.status_entry, ?3, ?4 FROM orders o
       WHERE o.merchant_id = ?1 AND o.status = ?5 AND o.deleted_at IS NULL AND o.id IN (SELECT value FROM json_each(?6))
       ON CONFLICT (action_id, order_id, entry) DO UPDATE SET run_id = excluded.run_id, claimed_at = excluded.claimed_at
       WHERE status_action_runs.run_id <> excluded.run_id
         AND EXISTS (SELECT 1 FROM sync_runs s WHERE s.merchant_id = ?1 AND s.id = status_action_runs.run_id AND s.status = 'failed')`,
      actionId,
      runId,
      nowIso(),
      status,
      ids,
    ),
    ctx.db.stmt(
      `SELECT o.id FROM orders o JOIN status_action_runs r ON r.action_id = ?2 AND r.order_id = o.id AND r.entry = o.status_entry
       WHERE o.merchant_id = ?1 AND o.status = ?4 AND o.deleted_at IS NULL AND r.run_id = ?3 AND o.id IN (SELECT value FROM json_each(?5))`,
      actionId,
      runId,
      status,
      ids,
    ),
  ]);
  return (claimed!.results as { id: string }[]).map((r) => r.id);
}

export async function listStatusActions(ctx: ServiceContext) {
  const rows = await ctx.db.all<{
    id: string;
    status: string;
    connection_id: string | null;
    action: string;
    success_status: string | null;
    enabled: number;
  }>("SELECT id, status, connection_id, action, success_status, enabled FROM status_actions WHERE merchant_id = ?1 ORDER BY created_at");
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    connectionId: r.connection_id,
    action: r.action,
    successStatus: r.success_status,
    enabled: r.enabled === 1,
  }));
}

export async function createStatusAction(
  ctx: ServiceContext,
  input: { status: string; connectionId?: string | null; action: string; successStatus?: string | null; enabled: boolean },
  knownStatus: (code: string) => Promise<boolean>,
) {
  const issues = [];
  if (!(await knownStatus(input.status))) issues.push({ path: ["status"], message: "unknown status" });
  if (input.successStatus && !(await knownStatus(input.successStatus))) issues.push({ path: ["successStatus"], message: "unknown status" });
  if (!actions.has(input.action)) issues.push({ path: ["action"], message: `unknown action; one of: ${orderActionNames().join(", ")}` });
  if (issues.length) throw invalid("invalid status action", issues);
  if (input.connectionId && !(await ctx.db.first("SELECT id FROM connections WHERE merchant_id = ?1 AND id = ?2", input.connectionId))) {
    throw notFound("connection");
  }
  const id = newId("sta");
  await ctx.db.run(
    `INSERT INTO status_actions (id, merchant_id, status, connection_id, action, success_status, enabled, created_at)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8)`,
    id,
    input.status,
    input.connectionId ?? null,
    input.action,
    input.successStatus ?? null,
    input.enabled ? 1 : 0,
    nowIso(),
  );
  return { id, ...input, connectionId: input.connectionId ?? null, successStatus: input.successStatus ?? null };
}

export async function deleteStatusAction(ctx: ServiceContext, id: string) {
  const result = await ctx.db.run("DELETE FROM status_actions WHERE merchant_id = ?1 AND id = ?2", id);
  if (!result.meta.changes) throw notFound("status action");
}
