/**
 * あす楽 当日出荷の締め時間 (seed 002: 15:29 JST by default, editable): a countdown to today's cut-off
 * and the あす楽 orders not yet with RSL — imported, not cancelled — each with the day it ships: an
 * order placed up to the cut-off minute ships that JST day, one placed after it the next day (RSL
 * ships every day of the year, so there are no weekends or holidays to skip).
 */
import type { ServiceContext } from "../../context";
import { requireLink } from "./item-mappings";
import { RakutenSettings } from "./settings";

const JST_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;

/** Today's cut-off in JST as an instant, whether it has passed, and the seconds to the next one. */
export function asurakuCountdown(cutoff: string, now = Date.now()) {
  const [hours, minutes] = cutoff.split(":").map(Number) as [number, number];
  const jstMidnight = Math.floor((now + JST_MS) / DAY_MS) * DAY_MS - JST_MS;
  // the cut-off minute itself still counts: 15:29 means up to 15:29:59
  const today = jstMidnight + (hours * 60 + minutes + 1) * 60_000;
  const passed = now >= today;
  const next = passed ? today + DAY_MS : today;
  return { cutoff, todayCutoffAt: new Date(today).toISOString(), passed, nextCutoffAt: new Date(next).toISOString(), secondsLeft: Math.ceil((next - now) / 1000) };
}

/** The JST date (yyyy-MM-dd) an instant falls on. */
const jstDate = (ms: number) => new Date(ms + JST_MS).toISOString().slice(0, 10);

/**
 * When an あす楽 order ships, seen at `now`: `today` (still in time, if it reaches RSL before the
 * cut-off), `next` (placed after a cut-off: its ship day is still ahead), or `missed` (its ship day's
 * cut-off passed while it was not with RSL).
 */
export function shipDayOf(cutoff: string, orderedAt: number, now: number) {
  const placed = asurakuCountdown(cutoff, orderedAt);
  const shipDate = jstDate(placed.passed ? orderedAt + DAY_MS : orderedAt);
  const shipDayCutoff = Date.parse(placed.passed ? placed.nextCutoffAt : placed.todayCutoffAt);
  const shipDay = now >= shipDayCutoff ? ("missed" as const) : shipDate === jstDate(now) ? ("today" as const) : ("next" as const);
  return { shipDate, shipDay };
}

export async function asurakuStatus(ctx: ServiceContext, connectionId: string, now = Date.now()) {
  const connection = await requireLink(ctx, connectionId);
  const settings = RakutenSettings.parse(connection.settings);
  const orders = await ctx.db.all<{ order_id: string; order_number: string; status: string; ordered_at: string }>(
    `SELECT ro.order_id, ro.order_number, o.status, o.ordered_at FROM rakuten_orders ro JOIN orders o ON o.id = ro.order_id
     WHERE ro.merchant_id = ?1 AND ro.connection_id = ?2 AND ro.asuraku = 1 AND o.deleted_at IS NULL AND o.status NOT IN ('shipped', 'cancelled')
       AND NOT EXISTS (SELECT 1 FROM rsl_requests r WHERE r.merchant_id = ?1 AND r.order_id = ro.order_id AND r.state IN ('accepted', 'shipped'))
     ORDER BY o.ordered_at LIMIT 500`,
    connectionId,
  );
  return {
    ...asurakuCountdown(settings.asurakuCutoff, now),
    atRisk: orders.map((o) => ({
      orderId: o.order_id,
      orderNumber: o.order_number,
      status: o.status,
      orderedAt: o.ordered_at,
      ...shipDayOf(settings.asurakuCutoff, Date.parse(o.ordered_at), now),
    })),
  };
}
