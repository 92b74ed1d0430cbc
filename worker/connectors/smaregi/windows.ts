/**
 * Smaregi's range filters (`<name>-from` / `<name>-to`) span at most 31 days and take
 * `YYYY-MM-DDThh:mm:ssTZD`. A longer range is cut into consecutive windows: both ends inclusive,
 * each window starting one second after the previous one ended, so no second is read twice or
 * skipped (Smaregi's times have whole-second precision).
 */
export const MAX_WINDOW_DAYS = 31;
const JST_MS = 9 * 3600_000;

/** Epoch ms → `2026-02-10T16:36:27+09:00` (JST, how Smaregi writes its own times). */
export function smaregiDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + JST_MS).toISOString().replace(/\.\d{3}Z$/, "+09:00");
}

export function splitWindows(from: Date | number | string, to: Date | number | string, maxDays = MAX_WINDOW_DAYS): { from: string; to: string }[] {
  const start = Math.floor(new Date(from).getTime() / 1000) * 1000;
  const end = Math.floor(new Date(to).getTime() / 1000) * 1000;
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError("invalid range");
  if (end < start) throw new RangeError("range ends before it starts");
  const span = maxDays * 86400_000;
  const windows: { from: string; to: string }[] = [];
  for (let cursor = start; cursor <= end; cursor += span + 1000) {
    windows.push({ from: smaregiDateTime(cursor), to: smaregiDateTime(Math.min(cursor + span, end)) });
  }
  return windows;
}
