/**
 * The Smaregi link's own schedules, kept in step with its settings on every save (the hub runs a
 * link's schedules only while it is started, so a stopped link does nothing):
 *  - 受注一括出荷連携設定's 自動連携対象ステータス: while set, the bulk shipment push runs every
 *    SHIP_EVERY_MINUTES ("自動" in the seed); unset, its schedule goes;
 *  - orders of the mapped order stores go to Smaregi every SEND_EVERY_MINUTES while any store is mapped;
 *  - the re-check of bulk stock writes whose callback never came runs every RECHECK_EVERY_MINUTES,
 *    so a lost callback is noticed even when no stock changes afterwards.
 * A schedule the merchant edited (another interval, disabled) is left as it is: only a missing one is added.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { createSchedule } from "../../sync/schedules";
import { SEND_ORDERS_JOB } from "./orders";
import { SHIP_ORDERS_JOB } from "./shipments";
import type { SmaregiSettings } from "./settings";

export const RECHECK_BULK_JOB = "smaregi.recheck-bulk";
const SHIP_EVERY_MINUTES = 10;
const RECHECK_EVERY_MINUTES = 10;
const SEND_EVERY_MINUTES = 5;

export async function keepSchedules(ctx: ServiceContext, connection: ConnectionRecord, s: SmaregiSettings) {
  const existing = new Set(
    (await ctx.db.all<{ job: string }>("SELECT job FROM schedules WHERE merchant_id = ?1 AND connection_id = ?2", connection.id)).map((r) => r.job),
  );
  const ensure = async (job: string, intervalMinutes: number) => {
    if (!existing.has(job)) await createSchedule(ctx, { connectionId: connection.id, job, kind: "interval", intervalMinutes, enabled: true });
  };
  await ensure(RECHECK_BULK_JOB, RECHECK_EVERY_MINUTES);
  if (s.orderStores.length) await ensure(SEND_ORDERS_JOB, SEND_EVERY_MINUTES);
  else await ctx.db.run("DELETE FROM schedules WHERE merchant_id = ?1 AND connection_id = ?2 AND job = ?3", connection.id, SEND_ORDERS_JOB);
  if (s.bulkShipmentStatus) await ensure(SHIP_ORDERS_JOB, SHIP_EVERY_MINUTES);
  else await ctx.db.run("DELETE FROM schedules WHERE merchant_id = ?1 AND connection_id = ?2 AND job = ?3", connection.id, SHIP_ORDERS_JOB);
}
