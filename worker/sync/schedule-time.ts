/**
 * Schedule arithmetic in the merchant's time zone. Cron runs in UTC; a merchant says
 * "daily 02:10 Asia/Shanghai", which is 18:10 UTC the day before. DST-safe: local wall times are
 * converted through Intl, and a wall time that does not exist (spring forward) runs at the first
 * instant after it.
 */

export interface ScheduleRule {
  kind: "daily" | "interval" | "hourly";
  timeOfDay?: string | null; // HH:MM, daily
  intervalMinutes?: number | null; // interval
  minute?: number | null; // hourly
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock fields of an instant. */
export function zonedParts(ms: number, timeZone: string) {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of a local wall time (year, month 1-12, day, hour, minute). */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let utc = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(utc, timeZone);
  if (second !== utc) utc = Math.max(utc, second); // across a DST change take the later reading
  return utc;
}

/** The first run strictly after `afterMs`. */
export function nextRunAfter(rule: ScheduleRule, afterMs: number): number {
  const local = zonedParts(afterMs, rule.timeZone);
  if (rule.kind === "daily") {
    const [hour, minute] = (rule.timeOfDay ?? "00:00").split(":").map(Number) as [number, number];
    for (let dayOffset = 0; dayOffset < 3; dayOffset++) {
      const date = new Date(Date.UTC(local.year, local.month - 1, local.day + dayOffset));
      const candidate = zonedToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute, rule.timeZone);
      if (candidate > afterMs) return candidate;
    }
    throw new Error("no daily run found");
  }
  if (rule.kind === "hourly") {
    const minute = rule.minute ?? 0;
    const thisHour = zonedToUtc(local.year, local.month, local.day, local.hour, minute, rule.timeZone);
    return thisHour > afterMs ? thisHour : thisHour + 3600_000;
  }
  // interval: aligned to the local day (every 10 min → :00, :10, :20 …)
  const every = Math.max(1, rule.intervalMinutes ?? 10);
  const midnight = zonedToUtc(local.year, local.month, local.day, 0, 0, rule.timeZone);
  const elapsed = Math.floor((afterMs - midnight) / 60_000);
  return midnight + (Math.floor(elapsed / every) + 1) * every * 60_000;
}
