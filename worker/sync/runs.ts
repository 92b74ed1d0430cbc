/**
 * Sync runs: every job run is logged (status, attempts, counts, duration, error), and enqueuing
 * goes through here so no job leaves without its run row.
 */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import type { JobMessage } from "./messages";

export async function enqueueJob(
  ctx: ServiceContext,
  job: string,
  options: { connectionId?: string | null; payload?: Record<string, unknown>; trigger: JobMessage["trigger"]; delaySeconds?: number },
): Promise<string> {
  const message = await recordRun(ctx, job, options);
  await ctx.env.JOBS.send(message, options.delaySeconds ? { delaySeconds: options.delaySeconds } : undefined);
  return message.runId;
}

/** Writes the run row ('queued') and answers the message that will carry it. */
export async function recordRun(
  ctx: ServiceContext,
  job: string,
  options: { connectionId?: string | null; payload?: Record<string, unknown>; trigger: JobMessage["trigger"] },
): Promise<JobMessage> {
  const message: JobMessage = {
    runId: newId("run"),
    merchantId: ctx.merchantId,
    connectionId: options.connectionId ?? null,
    job,
    payload: options.payload ?? {},
    trigger: options.trigger,
  };
  await ctx.db.run(
    `INSERT INTO sync_runs (id, merchant_id, connection_id, job, trigger, status, queued_at)
     VALUES (?2, ?1, ?3, ?4, ?5, 'queued', ?6)`,
    message.runId,
    message.connectionId,
    job,
    message.trigger,
    nowIso(),
  );
  return message;
}

export interface RunRow {
  id: string;
  connection_id: string | null;
  job: string;
  trigger: JobMessage["trigger"];
  status: "queued";
  attempts: number;
  counts: string;
  error: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export const toRun = (r: RunRow) => ({
  id: r.id,
  connectionId: r.connection_id,
  job: r.job,
  trigger: r.trigger,
  status: r.status,
  attempts: r.attempts,
  counts: JSON.parse(r.counts) as Record<string, number>,
  error: r.error,
  queuedAt: r.queued_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  durationMs: r.duration_ms,
});

/** A link's page lists only that link's runs (connectionId); the sync log lists them all. */
export const RUN_COLUMNS = "id, connection_id, job, trigger, status, attempts, counts, error, queued_at, started_at, finished_at, duration_ms";

export async function listRuns(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string; job?: string; status?: string; connectionId?: string },
) {
  const rows = await ctx.db.all<RunRow>(
    `SELECT ${RUN_COLUMNS}
     FROM sync_runs WHERE merchant_id = ?1 AND (?2 IS NULL OR id < ?2) AND (?3 IS NULL OR job = ?3) AND (?4 IS NULL OR status = ?4)
       AND (?6 IS NULL OR connection_id = ?6)
     ORDER BY id DESC LIMIT ?5`,
    query.cursor ?? null,
    query.job ?? null,
    query.status ?? null,
    query.limit + 1,
    query.connectionId ?? null,
  );
  const items = rows.slice(0, query.limit).map(toRun);
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}

export async function getRun(ctx: ServiceContext, id: string) {
  const row = await ctx.db.first<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE merchant_id = ?1 AND id = ?2`,
    id,
  );
  return row ? toRun(row) : null;
}
