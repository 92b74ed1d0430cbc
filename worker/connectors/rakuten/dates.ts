/**
 * RMS's date formats. RMS speaks Japan time only: instants as `yyyy-MM-ddTHH:mm:ss+0900` (an ISO
 * `Z` or `+09:00` is refused with ORDER_EXT_API_SEARCH_ORDER_ERROR_011), dates as `yyyy-MM-dd`,
 * and the license API writes its expiry as JST wall time without any offset. Renkei keeps instants
 * in UTC; these functions are the only place that converts.
 */
const JST_MS = 9 * 3600_000;

/** `yyyy-MM-ddTHH:mm:ss+0900` of an instant (milliseconds dropped). */
export function toRmsDatetime(instant: Date | number): string {
  return `${new Date(+instant + JST_MS).toISOString().slice(0, 19)}+0900`;
}

/** `yyyy-MM-dd` of the JST day an instant falls on (shippingDate). */
export function toRmsDate(instant: Date | number): string {
  return new Date(+instant + JST_MS).toISOString().slice(0, 10);
}

/** An RMS instant (`+0900`; `+09:00` is read too, for tolerance on the way in) as a Date. */
export function parseRmsDatetime(value: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})([+-])(\d{2}):?(\d{2})$/.exec(value);
  if (!m) throw new Error(`not an RMS date-time: ${value}`);
  return new Date(`${m[1]}${m[2]}${m[3]}:${m[4]}`);
}

/** The license API's `2026-11-28T23:59:59` (JST, no offset) as a Date. */
export function parseJstWallTime(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) throw new Error(`not a JST wall time: ${value}`);
  return new Date(`${value}+09:00`);
}
