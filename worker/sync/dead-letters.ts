/**
 * Dead letters: jobs that gave up, with the raw message. Replay sends the same job again as a new
 * run (trigger 'replay'); a dead letter is replayed at most once (a failing replay makes its own).
 */
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { notFound, ServiceError } from "../errors";
import type { JobMessage } from "./messages";
import { enqueueJob } from "./runs";

interface DeadLetterRow {
  id: string;
  run_id: string;
  job: string;
  payload: string;
  error: string;
  attempts: number;
  created_at: string;
  replayed_at: string | null;
  replay_run_id: string | null;
}

const toDeadLetter = (r: DeadLetterRow) => ({
  id: r.id,
  runId: r.run_id,
  job: r.job,
  payload: JSON.parse(r.payload) as unknown,
  error: r.error,
  attempts: r.attempts,
  createdAt: r.created_at,
  replayedAt: r.replayed_at,
  replayRunId: r.replay_run_id,
});

/** Newest first; `connectionId`: only the dead letters of that link's runs (its page shows them). */
export async function listDeadLetters(ctx: ServiceContext, pendingOnly = false, connectionId: string | null = null) {
  const rows = await ctx.db.all<DeadLetterRow>(
    `SELECT id, run_id, job, payload, error, attempts, created_at, replayed_at, replay_run_id
     FROM dead_letters WHERE merchant_id = ?1 AND (?2 = 0 OR replayed_at IS NULL)
       AND (?3 IS NULL OR EXISTS (SELECT 1 FROM sync_runs r WHERE r.merchant_id = ?1 AND r.id = dead_letters.run_id AND r.connection_id = ?3))
     ORDER BY created_at DESC LIMIT 500`,
    pendingOnly ? 1 : 0,
    connectionId,
  );
  return rows.map(toDeadLetter);
}

export async function replayDeadLetter(ctx: ServiceContext, id: string): Promise<{ runId: string }> {
  const row = await ctx.db.first<DeadLetterRow>(
    "SELECT id, run_id, job, payload, error, attempts, created_at, replayed_at, replay_run_id FROM dead_letters WHERE merchant_id = ?1 AND id = ?2",
    id,
  );
  if (!row) throw notFound("dead letter");
  if (row.replayed_at) throw new ServiceError("CONFLICT", `already replayed as run ${row.replay_run_id}`);
  // Claim first so two clicks cannot replay twice.
  const claim = await ctx.db.run(
    "UPDATE dead_letters SET replayed_at = ?3 WHERE merchant_id = ?1 AND id = ?2 AND replayed_at IS NULL",
    id,
    nowIso(),
  );
  if (!claim.meta.changes) throw new ServiceError("CONFLICT", "already replayed");
  const message = JSON.parse(row.payload) as JobMessage;
  const runId = await enqueueJob(ctx, message.job, { connectionId: message.connectionId, payload: message.payload, trigger: "replay" });
  await ctx.db.run("UPDATE dead_letters SET replay_run_id = ?3 WHERE merchant_id = ?1 AND id = ?2", id, runId);
  return { runId };
}
