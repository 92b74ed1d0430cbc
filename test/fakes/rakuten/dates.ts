/**
 * RMS date formats, the fake's own copy (kept apart from the worker's, so a bug in one cannot hide
 * behind the same bug in the other). RMS speaks Japan time only: `yyyy-MM-ddTHH:mm:ss+0900` for
 * instants, `yyyy-MM-dd` for dates; `Z`, `+09:00` and other offsets are refused (RMS answers
 * ORDER_EXT_API_SEARCH_ORDER_ERROR_011 to them, as clients report).
 */
const JST_MS = 9 * 3600_000;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+0900$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function rmsDatetime(ms: number): string {
  return `${new Date(ms + JST_MS).toISOString().slice(0, 19)}+0900`;
}

export function rmsDate(ms: number): string {
  return new Date(ms + JST_MS).toISOString().slice(0, 10);
}

/** Epoch ms of a `yyyy-MM-ddTHH:mm:ss+0900` string, or null when the format or the date is wrong. */
export function parseRmsDatetime(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = DATETIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - JST_MS;
  return rmsDatetime(ms) === value ? ms : null;
}

/** Epoch ms of 00:00 JST of a `yyyy-MM-dd` date, or null. */
export function parseRmsDate(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = DATE.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - JST_MS;
  return rmsDate(ms) === value ? ms : null;
}

/** Accepts either RMS form or any ISO instant (for seeds and control actions, not the contract). */
export function parseLooseInstant(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const rms = parseRmsDatetime(value);
  if (rms !== null) return rms;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** The license expiry as RMS's license-management API writes it: JST wall time without an offset. */
export function rmsLocalDatetime(ms: number): string {
  return new Date(ms + JST_MS).toISOString().slice(0, 19);
}

export const DAY_MS = 86_400_000;
export { JST_MS };
