/**
 * Settings of a Rakuten RMS link (seed 002): 受注取込設定 and what follows an import — 注文確認 in
 * RMS, the RSL shipment requests, the あす楽 cut-off. Labels ja / zh / en. The credentials
 * (API接続設定: serviceSecret / licenseKey) are not settings: they are sealed with the connection.
 */
import { z } from "zod";

/** RMS orderProgress values an import may take: 100 注文確認待ち, 300 発送待ち. */
export const IMPORTABLE_PROGRESS = [100, 300] as const;

/** The assumed RMS limit, one call a second per shop: the floor of callIntervalMs against the real RMS. */
export const RMS_MIN_CALL_INTERVAL_MS = 1000;

export const RakutenSettings = z.object({
  /** 取込先の販売チャネル: the Renkei channel (kind mall) whose orders these become. */
  channelId: z.string().min(1, "販売チャネルを選んでください (choose a sales channel)"),
  /** 出荷依頼先 (RSL): the RSL link mapped orders are sent to; null = nothing is forwarded. */
  rslConnectionId: z.string().nullable().default(null),
  /** 受注取込間隔 (minutes). */
  importIntervalMinutes: z.number().int().min(5).max(1440).default(10),
  /** 受注取込期間: how many days back each import looks (RMS allows a 63-day window per search). */
  importDays: z.number().int().min(1).max(63).default(7),
  /** 取込対象ステータス. */
  importProgress: z.array(z.union([z.literal(100), z.literal(300)])).min(1).default([100, 300]),
  /** 注文確認を自動で行う (RMS confirmOrder for 注文確認待ち orders). */
  autoConfirm: z.boolean().default(true),
  /** RSL自動出荷依頼: orders whose every line is mapped go to RSL without anyone touching them. */
  autoForward: z.boolean().default(true),
  /** あす楽 当日出荷の締め時間 (JST). */
  asurakuCutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM で入力してください (use HH:MM)").default("15:29"),
  /** ライセンスキー期限の事前警告 (days before the 90-day key expires). */
  licenseWarnDays: z.number().int().min(1).max(89).default(14),
  /**
   * API呼び出し間隔 (ms): the gap the client keeps between two RMS calls. RMS publishes no rate; about
   * one call a second per shop is what clients keep (assumed, RMS_MIN_CALL_INTERVAL_MS). Against the
   * real RMS a shorter gap is refused (applyRakutenSettings); only a sandbox may go below it.
   */
  callIntervalMs: z
    .number({ error: "API呼び出し間隔は数値で入力してください (call interval: a number of ms)" })
    .int("API呼び出し間隔は整数のミリ秒です (call interval: whole ms)")
    .min(0, "API呼び出し間隔は0ミリ秒以上です (call interval: at least 0 ms)")
    .max(10_000, "API呼び出し間隔は10000ミリ秒 (10秒) までです (call interval: at most 10,000 ms)")
    .default(1000),
});
export type RakutenSettings = z.infer<typeof RakutenSettings>;

export const SETTING_LABELS = {
  channelId: { ja: "取込先の販売チャネル", zh: "导入到的销售渠道", en: "Sales channel" },
  rslConnectionId: { ja: "出荷依頼先 (RSL)", zh: "发货委托方 (RSL)", en: "RSL link for shipments" },
  importIntervalMinutes: { ja: "受注取込間隔 (分)", zh: "订单导入间隔 (分钟)", en: "Import every (minutes)" },
  importDays: { ja: "受注取込期間 (日)", zh: "订单导入范围 (天)", en: "Import window (days)" },
  importProgress: { ja: "取込対象ステータス", zh: "导入的订单状态", en: "Order statuses imported" },
  autoConfirm: { ja: "注文確認を自動で行う", zh: "自动确认订单", en: "Confirm orders in RMS" },
  autoForward: { ja: "RSL自動出荷依頼", zh: "自动向RSL委托发货", en: "Send mapped orders to RSL" },
  asurakuCutoff: { ja: "あす楽 締め時間", zh: "次日达截单时间", en: "Asuraku cut-off (JST)" },
  licenseWarnDays: { ja: "ライセンスキー期限の警告 (日前)", zh: "许可密钥到期提醒 (提前天数)", en: "Warn before license expiry (days)" },
  callIntervalMs: { ja: "API呼び出し間隔 (ミリ秒)", zh: "API调用间隔 (毫秒)", en: "Gap between API calls (ms)" },
} as const;
