/**
 * The reconciliation on start: while a link is stopped nothing crosses (webhooks are answered
 * "link stopped", the stock push skips it), so both sides drift. When the link turns started
 * (the hub's afterStart), this job does what the preview listed (stock-differences.ts), per
 * mapped location:
 *  - a location Smaregi owns: Renkei's on-hand is set to Smaregi's figure through the ledger;
 *  - a location Renkei owns: the SKU is marked pending for the hub's stock push, which sets
 *    Smaregi's figure absolutely (safe to send again).
 * Once per start: each start gets an ID (kept as the link's cursor), and a ledger movement is keyed
 * by that ID and the (product, store), so the job run twice — a redelivery, a rerun, two runs side
 * by side — moves each figure once. A later start reads afresh and finds the figures equal.
 */
import type { ConnectionRecord } from "../../connections/connections";
import { readCursor, saveCursor } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { newId, nowIso } from "../../db/ids";
import { appliedKeys, movementStatements, type MovementInput } from "../../inventory/ledger";
import { registerJob } from "../../sync/jobs";
import { enqueueJob } from "../../sync/runs";
import { markPushPendingStatement, stockChanged } from "../../sync/stock-push";
import { withSmaregi } from "./link";
import { admitted, pacerFor } from "./pace";
import { SmaregiSettings } from "./settings";
import { linkedSkus, readSmaregiStock, stockDifferences, type StockDifference } from "./stock-differences";

export const RECONCILE_JOB = "smaregi.reconcile";
const START = "smaregi:start";

/**
 * The connector's afterStart: a new start ID, then the reconciliation queued. Every run reads the
 * start ID from the cursor (not from its message), so a rerun by hand shares the start's keys too.
 */
export async function queueReconciliation(ctx: ServiceContext, connection: ConnectionRecord): Promise<void> {
  await saveCursor(ctx, connection.id, START, newId("start"));
  await enqueueJob(ctx, RECONCILE_JOB, { connectionId: connection.id, trigger: "event" });
}

export interface ReconcileCounts {
  /** Figures at locations Smaregi owns that Renkei took from Smaregi (ledger movements applied). */
  smaregiWins: number;
  /** SKUs whose figure at a location Renkei owns goes to Smaregi with the stock push. */
  renkeiWins: number;
  /** Differences already set under this start (by a run beside this one). */
  unchanged: number;
}

/** What one run read: the start it reconciles and the differences it found (as the preview lists them). */
export interface ReconcilePlan {
  start: string;
  differences: StockDifference[];
}

/** Reads both sides; null when the link is not started (stopped again before this ran: the next start reconciles). */
export async function readReconciliation(ctx: ServiceContext, connection: ConnectionRecord, runId: string): Promise<ReconcilePlan | null> {
  if (connection.status !== "started") return null;
  const s = SmaregiSettings.parse(connection.settings);
  const links = await linkedSkus(ctx, connection.id);
  // A link started before starts had IDs falls back to the run's own ID.
  const start = (await readCursor(ctx, connection.id, START)) ?? runId;
  if (!links.length || !s.locations.length) return { start, differences: [] };
  const paced = pacerFor(connection.id);
  const smaregi = await withSmaregi(ctx, connection, (client) => readSmaregiStock(client, s.locations, async (read) => (await paced(), admitted(read))));
  return { start, differences: await stockDifferences(ctx, s.locations, links, smaregi) };
}

export async function reconcileStock(ctx: ServiceContext, connection: ConnectionRecord, runId: string): Promise<ReconcileCounts> {
  const plan = await readReconciliation(ctx, connection, runId);
  return plan ? applyReconciliation(ctx, connection, plan, runId) : { smaregiWins: 0, renkeiWins: 0, unchanged: 0 };
}

/** Sets what `plan` found; two runs that read the same state under one start move each figure once. */
export async function applyReconciliation(ctx: ServiceContext, connection: ConnectionRecord, { start, differences }: ReconcilePlan, runId: string): Promise<ReconcileCounts> {
  const counts: ReconcileCounts = { smaregiWins: 0, renkeiWins: 0, unchanged: 0 };
  const movements: MovementInput[] = differences
    .filter((d) => d.master === "smaregi")
    .map((d) => ({
      skuId: d.skuId,
      locationId: d.locationId,
      bucket: "on_hand",
      quantity: d.smaregi - d.renkei,
      reason: "smaregi_stock",
      sourceType: "smaregi",
      sourceId: runId,
      key: `smaregi:${connection.id}:reconcile:${start}:${d.productId}:${d.smaregiStoreId}`,
    }));
  const before = await appliedKeys(ctx.db, movements.map((m) => m.key));
  const fresh = movements.filter((m) => !before.has(m.key));
  // INSERT OR IGNORE on the key: a run beside this one that got there first leaves nothing to insert.
  // Each movement names the run that made it, which is how this run counts its own.
  await ctx.db.batch(movementStatements(ctx.db, fresh, nowIso(), `system:smaregi:${connection.id}`));
  if (fresh.length) {
    const mine = await ctx.db.first<{ n: number }>(
      `SELECT COUNT(*) AS n FROM stock_movements WHERE merchant_id = ?1 AND source_type = 'smaregi' AND source_id = ?2
       AND idempotency_key IN (SELECT value FROM json_each(?3))`,
      runId,
      JSON.stringify(fresh.map((m) => m.key)),
    );
    counts.smaregiWins = mine?.n ?? 0;
  }
  counts.unchanged = movements.length - counts.smaregiWins;

  // Renkei's figure wins: the same pending row the ledger's trigger writes for a change while started.
  const pushed = [...new Set(differences.filter((d) => d.master === "renkei").map((d) => d.skuId))];
  if (pushed.length) await ctx.db.batch([markPushPendingStatement(ctx, connection.id, pushed)]);
  counts.renkeiWins = pushed.length;
  await stockChanged(ctx, [...new Set([...fresh.map((m) => m.skuId), ...pushed])]);
  return counts;
}

registerJob({
  name: RECONCILE_JOB,
  needsConnection: true,
  handler: async ({ ctx, connection, runId }) => ({ ...(await reconcileStock(ctx, connection!, runId)) }),
});
