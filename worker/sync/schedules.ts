/** Schedules of a merchant: rules in the merchant's time zone, stored with their next UTC run. */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, notFound } from "../errors";
import { findJob } from "./jobs";
import { isTimeZone, nextRunAfter } from "./schedule-time";

export interface ScheduleInput {
  connectionId?: string | null;
  job: string;
  kind: "daily" | "interval" | "hourly";
  timeOfDay?: string | null;
  intervalMinutes?: number | null;
  minute?: number | null;
  timeZone?: string;
  enabled: boolean;
}

interface ScheduleRow {
  id: string;
  connection_id: string | null;
  job: string;
  kind: "daily";
  time_of_day: string | null;
  interval_minutes: number | null;
  minute: number | null;
  time_zone: string;
  enabled: number;
  next_due_at: string;
  last_enqueued_at: string | null;
}

const toSchedule = (r: ScheduleRow) => ({
  id: r.id,
  connectionId: r.connection_id,
  job: r.job,
  kind: r.kind,
  timeOfDay: r.time_of_day,
  intervalMinutes: r.interval_minutes,
  minute: r.minute,
  timeZone: r.time_zone,
  enabled: r.enabled === 1,
  nextDueAt: r.next_due_at,
  lastEnqueuedAt: r.last_enqueued_at,
});

export async function createSchedule(ctx: ServiceContext, input: ScheduleInput, nowMs = Date.now()) {
  const tz = input.timeZone ?? (await ctx.db.merchant()).timeZone;
  if (!isTimeZone(tz)) throw invalid("unknown time zone", [{ path: ["timeZone"], message: `"${tz}" is not an IANA time zone` }]);
  if (!findJob(input.job)) throw invalid("unknown job", [{ path: ["job"], message: `no job "${input.job}"` }]);
  if (input.connectionId) {
    const connection = await ctx.db.first("SELECT id FROM connections WHERE merchant_id = ?1 AND id = ?2", input.connectionId);
    if (!connection) throw notFound("connection");
  }
  const id = newId("sch");
  const next = nextRunAfter({ ...input, timeZone: tz }, nowMs);
  await ctx.db.run(
    `INSERT INTO schedules (id, merchant_id, connection_id, job, kind, time_of_day, interval_minutes, minute, time_zone, enabled, next_due_at, created_at)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`,
    id,
    input.connectionId ?? null,
    input.job,
    input.kind,
    input.timeOfDay ?? null,
    input.intervalMinutes ?? null,
    input.minute ?? null,
    tz,
    input.enabled ? 1 : 0,
    nowIso(next),
    nowIso(nowMs),
  );
  return (await getSchedule(ctx, id))!;
}

export async function getSchedule(ctx: ServiceContext, id: string) {
  const row = await ctx.db.first<ScheduleRow>(
    `SELECT id, connection_id, job, kind, time_of_day, interval_minutes, minute, time_zone, enabled, next_due_at, last_enqueued_at
     FROM schedules WHERE merchant_id = ?1 AND id = ?2`,
    id,
  );
  return row ? toSchedule(row) : null;
}

export async function listSchedules(ctx: ServiceContext) {
  const rows = await ctx.db.all<ScheduleRow>(
    `SELECT id, connection_id, job, kind, time_of_day, interval_minutes, minute, time_zone, enabled, next_due_at, last_enqueued_at
     FROM schedules WHERE merchant_id = ?1 ORDER BY next_due_at`,
  );
  return rows.map(toSchedule);
}

export async function deleteSchedule(ctx: ServiceContext, id: string) {
  const result = await ctx.db.run("DELETE FROM schedules WHERE merchant_id = ?1 AND id = ?2", id);
  if (!result.meta.changes) throw notFound("schedule");
}

