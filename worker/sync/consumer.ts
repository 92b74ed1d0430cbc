/**
 * The queue consumer. Each message is one job run, acked or retried on its own:
 *  - a run that already finished (a redelivery) is acked without running again;
 *  - success → run 'succeeded' with counts and duration;
 *  - TransientError (429 / 5xx / timeout) → 'retrying', message.retry() with back-off, until MAX_ATTEMPTS;
 *  - anything else, or out of attempts → 'failed' and a dead letter keeping the raw message for replay.
 */
import { loadConnection } from "../connections/connections";
import { serviceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { findJob } from "./jobs";
import { backoffSeconds, MAX_ATTEMPTS, TransientError, type JobMessage } from "./messages";

/** A run stuck in 'running' this long was lost with its isolate; a redelivery may take it over. */
const STALE_RUN_MS = 15 * 60_000;

export async function consumeBatch(batch: MessageBatch<JobMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    await consumeMessage(message, env);
  }
}

export async function consumeMessage(message: Message<JobMessage>, env: Env): Promise<void> {
  const body = message.body;
  if (!body || typeof body.runId !== "string" || typeof body.merchantId !== "string" || typeof body.job !== "string") {
    console.error(JSON.stringify({ level: "error", message: "malformed job message dropped", body }));
    message.ack();
    return;
  }
  const ctx = serviceContext(env, body.merchantId, { kind: "system", id: "queue" });
  const startedAt = Date.now();
  const claimed = await ctx.db.first<{ attempts: number }>(
    `UPDATE sync_runs SET status = 'running', attempts = attempts + 1, started_at = ?3, error = NULL
     WHERE merchant_id = ?1 AND id = ?2
       AND (status IN ('queued', 'retrying') OR (status = 'running' AND started_at < ?4))
     RETURNING attempts`,
    body.runId,
    nowIso(startedAt),
    nowIso(startedAt - STALE_RUN_MS),
  );
  if (!claimed) {
    message.ack(); // finished already, or running elsewhere: never run a job twice
    return;
  }
  const attempt = claimed.attempts;
  try {
    const job = findJob(body.job);
    if (!job) throw new Error(`unknown job "${body.job}"`);
    const connection = body.connectionId ? await loadConnection(ctx, body.connectionId) : null;
    if (job.needsConnection && !connection) throw new Error("connection not found");
    const counts = await job.handler({ ctx, connection, payload: body.payload ?? {}, runId: body.runId, attempt });
    await finish(ctx, body.runId, "succeeded", startedAt, { counts });
    message.ack();
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof TransientError && attempt < MAX_ATTEMPTS) {
      const delaySeconds = backoffSeconds(attempt, error.retryAfterSeconds);
      await finish(ctx, body.runId, "retrying", startedAt, { error: `${text} (retry ${attempt + 1} in ${delaySeconds} s)` });
      message.retry({ delaySeconds });
      return;
    }
    await finish(ctx, body.runId, "failed", startedAt, { error: text });
    await ctx.db.run(
      `INSERT INTO dead_letters (id, merchant_id, run_id, job, payload, error, attempts, created_at)
       VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8)`,
      newId("dlq"),
      body.runId,
      body.job,
      JSON.stringify(body),
      text,
      attempt,
      nowIso(),
    );
    message.ack();
  }
}

async function finish(
  ctx: ReturnType<typeof serviceContext>,
  runId: string,
  status: "succeeded" | "retrying" | "failed",
  startedAt: number,
  detail: { counts?: Record<string, number>; error?: string },
) {
  const finishedAt = Date.now();
  await ctx.db.run(
    `UPDATE sync_runs SET status = ?3, counts = COALESCE(?4, counts), error = ?5, finished_at = ?6, duration_ms = ?7
     WHERE merchant_id = ?1 AND id = ?2`,
    runId,
    status,
    detail.counts ? JSON.stringify(detail.counts) : null,
    detail.error ?? null,
    nowIso(finishedAt),
    finishedAt - startedAt,
  );
}
