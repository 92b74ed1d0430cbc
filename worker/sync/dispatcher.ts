/**
 * The dispatcher, run by the every-minute cron: enqueue each schedule whose next run is due.
 * Claiming a schedule is a conditional UPDATE on its next_due_at, so two overlapping cron
 * invocations cannot enqueue the same slot twice. A worker that was down for hours enqueues one
 * catch-up run per schedule, not one per missed slot.
 * This is the one place that reads across merchants (cron is not any merchant's request); each
 * job it enqueues runs scoped to its own merchant.
 */
import { serviceContext } from "../context";
import { nowIso } from "../db/ids";
import { enqueueJob } from "./runs";
import { nextRunAfter, type ScheduleRule } from "./schedule-time";

interface DueRow {
  id: string;
  merchant_id: string;
  connection_id: string | null;
  job: string;
  kind: ScheduleRule["kind"];
  time_of_day: string | null;
  interval_minutes: number | null;
  minute: number | null;
  time_zone: string;
  next_due_at: string;
  runs: number;
}

export async function dispatchDue(env: Env, nowMs: number): Promise<{ enqueued: number }> {
  const due = await env.DB.prepare(
    // A link's schedules run only while it is started (settings can be saved while stopped); the
    // slot of a stopped link still moves on, so starting it later does not fire a backlog.
    `SELECT s.id, s.merchant_id, s.connection_id, s.job, s.kind, s.time_of_day, s.interval_minutes, s.minute, s.time_zone, s.next_due_at,
            s.connection_id IS NULL OR c.status = 'started' AS runs
     FROM schedules s LEFT JOIN connections c ON c.id = s.connection_id
     WHERE s.enabled = 1 AND s.next_due_at <= ?1 ORDER BY s.next_due_at LIMIT 500`,
  )
    .bind(nowIso(nowMs))
    .all<DueRow>();
  let enqueued = 0;
  for (const row of due.results) {
    const next = nextRunAfter(
      { kind: row.kind, timeOfDay: row.time_of_day, intervalMinutes: row.interval_minutes, minute: row.minute, timeZone: row.time_zone },
      nowMs,
    );
    const ctx = serviceContext(env, row.merchant_id, { kind: "system", id: "scheduler" });
    const claim = await ctx.db.run(
      `UPDATE schedules SET next_due_at = ?3, last_enqueued_at = ?4 WHERE merchant_id = ?1 AND id = ?2 AND next_due_at = ?5`,
      row.id,
      nowIso(next),
      nowIso(nowMs),
      row.next_due_at,
    );
    if (!claim.meta.changes || !row.runs) continue;
    await enqueueJob(ctx, row.job, {
      connectionId: row.connection_id,
      payload: { scheduleId: row.id, slot: row.next_due_at },
      trigger: "schedule",
    });
    enqueued++;
  }
  return { enqueued };
}
