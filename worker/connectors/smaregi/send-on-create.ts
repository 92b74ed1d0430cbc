/**
 * 受注連携 without waiting: an order of a channel mapped to an order store (店舗(モール) ↔
 * スマレジ店舗ID) of a started link goes to Smaregi as soon as it is imported or entered. Creating
 * orders only wakes the send job, coalesced per link — a burst of 500 imports leaves one waiting
 * run, which sends everything not yet in Smaregi when it starts (orders.ts). The every-5-minutes
 * schedule (schedules.ts) stays as the backstop for a wake-up that was lost.
 */
import { registerOrdersCreated } from "../../orders/created";
import { enqueueCoalesced } from "../../sync/stock-push";
import { SMAREGI } from "./link";
import { SEND_ORDERS_JOB } from "./orders";
import { SmaregiSettings } from "./settings";

registerOrdersCreated(async function sendToSmaregiNow(ctx, orders) {
  const channels = new Set(orders.map((o) => o.channelId));
  // A stopped link sends nothing (the seed's master switch); its next start's schedule takes these.
  const links = await ctx.db.all<{ id: string; settings: string }>(
    "SELECT id, settings FROM connections WHERE merchant_id = ?1 AND kind = ?2 AND status = 'started'",
    SMAREGI,
  );
  for (const link of links) {
    const settings = SmaregiSettings.safeParse(JSON.parse(link.settings || "{}"));
    if (settings.success && settings.data.orderStores.some((s) => channels.has(s.channelId))) await enqueueCoalesced(ctx, link.id, SEND_ORDERS_JOB);
  }
});
