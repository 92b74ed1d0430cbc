/**
 * ERP times: "YYYY-MM-DD HH:MM:SS" in Beijing time (UTC+8, no DST), at one-second grain. Time-ranged
 * queries cap their span (30 days for stock and documents), so a long range is split into windows
 * that touch without overlapping: the fake and, we assume, the ERP include both ends [I].
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/**
 * The end of a window that must include `instant` itself: ERP times have whole seconds, so a
 * window ending at the current second would miss what was written later in that same second.
 */
export const windowEndFor = (instant: number) => instant + 1000;

export function toBeijing(instant: Date | number): string {
  return new Date(+instant + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Parses an ERP time back to an instant (ISO, UTC). */
export function fromBeijing(text: string): string {
  const [date, time = "00:00:00"] = text.trim().split(" ");
  return new Date(`${date}T${time}+08:00`).toISOString();
}

export interface TimeWindow {
  start_time: string;
  end_time: string;
}

/** [from, to] as consecutive inclusive windows of at most `maxSpanMs`, the next starting 1 s after. */
export function splitWindows(from: Date | number, to: Date | number, maxSpanMs: number): TimeWindow[] {
  const end = Math.floor(+to / 1000) * 1000;
  const windows: TimeWindow[] = [];
  for (let start = Math.floor(+from / 1000) * 1000; start <= end; ) {
    const windowEnd = Math.min(start + maxSpanMs, end);
    windows.push({ start_time: toBeijing(start), end_time: toBeijing(windowEnd) });
    start = windowEnd + 1000;
  }
  return windows;
}
