/**
 * 再送: the merchant replays, from the link's page, 出荷確定 reports that ended 'lock-busy' (the order
 * kept changing in NextEngine while the run re-read and re-applied it, until it gave up) or 'refused' —
 * one order, or 「まとめて再送」 for the list the page shows. A replay is a request with an idempotency
 * key: it records which orders it covers and queues one job; the same request sent again answers the
 * same rows and queues nothing, and an order already waiting in a replay cannot join another, so a
 * double click never reports an order twice. The job reports each order exactly as the 出荷確定
 * action does (shipment-report.ts: a fresh read first, so an order NextEngine already shows as 出荷済み
 * is left alone), and each order's outcome shows on the page beside its latest result.
 */
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { invalid, ServiceError } from "../../errors";
import { registerJob } from "../../sync/jobs";
import { enqueueJob } from "../../sync/runs";
import { requireNextEngineLink } from "./connect";
import { withLink } from "./link";
import { NextEngineSettings } from "./settings";
import { reportOrders, type ReportOutcome } from "./shipment-report";

export const REPLAY_SHIPMENTS_JOB = "nextengine.replay-shipments";

/** What a replay can change: an order NextEngine refused, or one that kept changing there. */
export const REPLAYABLE: readonly ReportOutcome[] = ["lock-busy", "refused"];

export interface ReplayInput {
  idempotencyKey: string;
  orderIds: string[];
}

export interface Replay {
  orderId: string;
  status: "pending" | "done";
  outcome: ReportOutcome | null;
  requestedAt: string;
  finishedAt: string | null;
}

async function replayOf(ctx: ServiceContext, connectionId: string, idempotencyKey: string): Promise<Replay[]> {
  const rows = await ctx.db.all<{ order_id: string; status: Replay["status"]; outcome: ReportOutcome | null; requested_at: string; finished_at: string | null }>(
    `SELECT order_id, status, outcome, requested_at, finished_at FROM nextengine_shipment_replays
     WHERE merchant_id = ?1 AND connection_id = ?2 AND idempotency_key = ?3 ORDER BY order_id`,
    connectionId,
    idempotencyKey,
  );
  return rows.map((r) => ({ orderId: r.order_id, status: r.status, outcome: r.outcome, requestedAt: r.requested_at, finishedAt: r.finished_at }));
}

/** Records the replay of these orders (once per key) and queues its job; each bad order is named by its index. */
export async function replayShipmentReports(ctx: ServiceContext, connectionId: string, input: ReplayInput): Promise<Replay[]> {
  const connection = await requireNextEngineLink(ctx, connectionId);
  const before = await replayOf(ctx, connectionId, input.idempotencyKey);
  if (before.length) {
    const asked = [...new Set(input.orderIds)].sort();
    if (asked.join("\n") !== before.map((r) => r.orderId).join("\n")) {
      throw new ServiceError("CONFLICT", "この再送キーは別の受注の再送に使われています (this idempotency key was used to replay other orders)");
    }
    // The same request again: nothing more is replayed — unless its job never reached the queue
    // (the send failed after the rows were written): then this retry queues it, once.
    const orphaned = await ctx.db.first(
      "SELECT 1 FROM nextengine_shipment_replays WHERE merchant_id = ?1 AND connection_id = ?2 AND idempotency_key = ?3 AND status = 'pending' AND run_id IS NULL",
      connectionId,
      input.idempotencyKey,
    );
    if (orphaned) await queueReplay(ctx, connectionId, input.idempotencyKey);
    return orphaned ? replayOf(ctx, connectionId, input.idempotencyKey) : before;
  }
  const general = [];
  if (connection.status !== "started") general.push({ path: [], message: "連携が開始されていません。開始してから再送してください (start the link before replaying)" });
  if (!NextEngineSettings.parse(connection.settings).markShipped) {
    general.push({ path: [], message: "①「出荷済み」に更新する がオフのため、再送できません (① is off: nothing is reported to NextEngine)" });
  }
  if (general.length) throw invalid("cannot replay", general);
  const reports = new Map(
    (
      await ctx.db.all<{ order_id: string; outcome: ReportOutcome; waiting: number }>(
        `SELECT r.order_id, r.outcome,
                EXISTS (SELECT 1 FROM nextengine_shipment_replays p WHERE p.connection_id = r.connection_id AND p.order_id = r.order_id AND p.status = 'pending') AS waiting
         FROM nextengine_shipment_reports r
         WHERE r.merchant_id = ?1 AND r.connection_id = ?2 AND r.order_id IN (SELECT value FROM json_each(?3))`,
        connectionId,
        JSON.stringify(input.orderIds),
      )
    ).map((r) => [r.order_id, r] as const),
  );
  const seen = new Set<string>();
  const issues = input.orderIds.flatMap((orderId, i) => {
    const report = reports.get(orderId);
    const message = seen.has(orderId)
      ? "同じ受注が2回含まれています (the same order twice)"
      : !report
        ? "この受注の出荷確定の反映結果がありません (no 出荷確定 report for this order)"
        : !REPLAYABLE.includes(report.outcome)
          ? "再送できるのは「変更が続いた」「拒否された」受注のみです (only orders that kept changing or were refused can be replayed)"
          : report.waiting
            ? "この受注は再送中です (this order is already being replayed)"
            : null;
    seen.add(orderId);
    return message ? [{ path: ["orderIds", i], message }] : [];
  });
  if (issues.length) throw invalid("cannot replay these orders", issues);
  try {
    await ctx.db.run(
      `INSERT INTO nextengine_shipment_replays (merchant_id, connection_id, idempotency_key, order_id, status, requested_at)
       SELECT ?1, ?2, ?3, value, 'pending', ?5 FROM json_each(?4)`,
      connectionId,
      input.idempotencyKey,
      JSON.stringify(input.orderIds),
      nowIso(),
    );
  } catch (error) {
    // another replay took one of these orders (or this key) between the check and the write: nothing written
    if (String(error).includes("UNIQUE")) throw new ServiceError("CONFLICT", "同時に別の再送が始まりました。一覧を読み込み直してください (another replay started: reload the list)");
    throw error;
  }
  await queueReplay(ctx, connectionId, input.idempotencyKey);
  return replayOf(ctx, connectionId, input.idempotencyKey);
}

/** Queues the replay's job and notes its run on the rows (a replay whose rows have no run was never queued). */
async function queueReplay(ctx: ServiceContext, connectionId: string, idempotencyKey: string) {
  const runId = await enqueueJob(ctx, REPLAY_SHIPMENTS_JOB, { connectionId, payload: { idempotencyKey }, trigger: "manual" });
  await ctx.db.run("UPDATE nextengine_shipment_replays SET run_id = ?4 WHERE merchant_id = ?1 AND connection_id = ?2 AND idempotency_key = ?3", connectionId, idempotencyKey, runId);
}

registerJob({
  name: REPLAY_SHIPMENTS_JOB,
  needsConnection: true,
  /** Reports the replay's orders still waiting; each is finished as it is reported, so a retry goes on from there. */
  async handler({ ctx, connection, payload }) {
    const key = String(payload.idempotencyKey ?? "");
    const waiting = await ctx.db.all<{ order_id: string }>(
      "SELECT order_id FROM nextengine_shipment_replays WHERE merchant_id = ?1 AND connection_id = ?2 AND idempotency_key = ?3 AND status = 'pending' ORDER BY order_id",
      connection!.id,
      key,
    );
    const counts = { orders: waiting.length, shipped: 0, problems: 0 };
    if (!waiting.length) return counts;
    await withLink(ctx, connection!, async (link) => {
      for (const { order_id } of waiting) {
        // an order no longer linked to NextEngine (連携を解除する since) has nothing to report: refused
        const outcome = (await reportOrders(ctx, link, [order_id])).get(order_id) ?? "refused";
        if (outcome === "shipped" || outcome === "already-shipped") counts.shipped++;
        else counts.problems++;
        await ctx.db.run(
          `UPDATE nextengine_shipment_replays SET status = 'done', outcome = ?5, finished_at = ?6
           WHERE merchant_id = ?1 AND connection_id = ?2 AND idempotency_key = ?3 AND order_id = ?4 AND status = 'pending'`,
          link.connection.id,
          key,
          order_id,
          outcome,
          nowIso(),
        );
      }
    });
    return counts;
  },
});
