/**
 * 旺店通 ERP 企业版 (seed 003): Renkei is the store system. Store documents go to the ERP, ERP
 * documents and products come to the stores, stock is compared daily. The link's jobs run on
 * schedules made when it is verified, in the merchant's time zone, and only while it is started.
 */
import { registerConnector } from "../../connections/registry";
import type { ServiceContext } from "../../context";
import { createSchedule, type ScheduleInput } from "../../sync/schedules";
import { IMPORT_GOODS_JOB, REFRESH_GOODS_JOB } from "./catalog-jobs";
import { EXPORT_JOB } from "./exports";
import { INBOUND_JOB } from "./inbound";
import { applyWangdianSettings, beforeWangdianStart, verifyWangdianLink } from "./link";
import { STOCK_SYNC_JOB } from "./stock-sync";
import { WangdianSettings } from "./settings";

void IMPORT_GOODS_JOB; // registered by its module; imported so the job exists with the connector

/** Store → ERP every minute (the 10-minute sales cadence is the export's own choice), ERP → stores
 * every 10 minutes (§4), 零售价 / 名称 / 条码 on the hour (§3.4.3), stock both ways at 02:10 (§5). */
const SCHEDULES: Omit<ScheduleInput, "connectionId">[] = [
  { job: EXPORT_JOB, kind: "interval", intervalMinutes: 1, enabled: true },
  { job: INBOUND_JOB, kind: "interval", intervalMinutes: 10, enabled: true },
  { job: REFRESH_GOODS_JOB, kind: "hourly", minute: 0, enabled: true },
  { job: STOCK_SYNC_JOB, kind: "daily", timeOfDay: "02:10", enabled: true },
];

export async function ensureWangdianSchedules(ctx: ServiceContext, connectionId: string, extra: Omit<ScheduleInput, "connectionId">[] = []) {
  const existing = await ctx.db.all<{ job: string }>("SELECT job FROM schedules WHERE merchant_id = ?1 AND connection_id = ?2", connectionId);
  const have = new Set(existing.map((s) => s.job));
  for (const schedule of [...SCHEDULES, ...extra]) {
    if (!have.has(schedule.job)) await createSchedule(ctx, { ...schedule, connectionId });
  }
}

registerConnector({
  kind: "wangdian",
  label: { zh: "旺店通ERP企业版", ja: "旺店通 ERP（企業版）", en: "WangDianTong ERP" },
  settings: WangdianSettings,
  exportsDocuments: true,
  applySettings: applyWangdianSettings,
  async verify(ctx, connection) {
    const checks = await verifyWangdianLink(ctx, connection);
    if (checks.ok) await ensureWangdianSchedules(ctx, connection.id);
    return checks;
  },
  beforeStart: beforeWangdianStart,
});
