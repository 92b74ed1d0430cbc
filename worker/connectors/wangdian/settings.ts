/**
 * Settings of a 旺店通 ERP link (seed 003), with the seed's Chinese labels first and ja / en beside
 * (the implementers who follow the seed read Chinese; the merchant's staff may read Japanese).
 * Credentials (sid / appkey / appsecret) are not settings: they are sealed with the connection.
 */
import { z } from "zod";
import { Id } from "../../../shared/schemas/common";

export const SALES_CADENCES = ["minute", "ten_minutes"] as const;

export const WangdianSettings = z.object({
  /** 店铺编号: the ERP shop (自有平台) the store sales are pushed to (§2.3.3.1) */
  shopNo: z.string().trim().min(1, "店铺编号を入力してください (shop code required)").max(40),
  /**
   * Renkei stores (and the main warehouse, 总仓) linked to the ERP. Each one's 仓库编号 is its
   * Renkei code (门店ID) — fixed once linked (§2.3.4 注3), which Renkei guarantees: codes never change.
   */
  locationIds: z.array(Id).min(1, "連携する店舗を1つ以上選んでください (link at least one store)").max(500),
  /** Store sales to the ERP: within a minute (Renkei) or every 10 minutes (the seed's cadence, §4) */
  salesCadence: z.enum(SALES_CADENCES).default("minute"),
  /** buyer_nick of walk-in sales (trade_push needs one; ≤ 30 per push share it, the client splits) */
  walkInBuyer: z.string().trim().min(1).max(40).default("门店散客"),
  /** §2.3.2: whether a defective (残次品) returned item goes to the ERP as 其他入库 */
  defectiveReturnsToErp: z.boolean().default(false),
  /** An approved stocktake goes as 盘点 (absolute counts, stock_sync_by_pd) or as 其他入库 / 其他出库 of the differences */
  stocktakeAs: z.enum(["stocktake", "adjustments"]).default("stocktake"),
  /** 「ERP数据同步设置」 (§3.3.3): must be on before ERP documents may create products */
  erpDataSync: z.boolean().default(false),
  /** Daily stock sync master (§5): chosen once at setup; null until chosen */
  stockMaster: z.enum(["erp", "stores"]).nullable().default(null),
  /** How long one ERP call may take before it counts as timed out (then retried; the dedupe keys keep it once) */
  callTimeoutSeconds: z.number().int().min(1).max(120).default(30),
  /** The ERP-side settings of §2.3 that only the implementer can confirm, ticked by hand */
  ticked: z.record(z.string(), z.boolean()).default({}),
});
export type WangdianSettings = z.infer<typeof WangdianSettings>;

export const SETTING_LABELS = {
  shopNo: { zh: "店铺编号", ja: "店舗コード", en: "Shop code" },
  locationIds: { zh: "对接门店（仓库编号 = 门店ID）", ja: "連携店舗（倉庫コード = 店舗ID）", en: "Linked stores (warehouse code = store ID)" },
  salesCadence: { zh: "销售单回传频率", ja: "売上の送信間隔", en: "Sales sent" },
  walkInBuyer: { zh: "散客买家昵称", ja: "一般客の購入者名", en: "Walk-in buyer name" },
  defectiveReturnsToErp: { zh: "残次品退货回传ERP（其他入库）", ja: "不良品の返品もERPへ送る（其他入库）", en: "Send defective returns to the ERP (other stock-in)" },
  stocktakeAs: { zh: "盘点单回传方式", ja: "棚卸の送り方", en: "Stocktakes sent as" },
  erpDataSync: { zh: "ERP数据同步设置", ja: "ERPデータ同期設定", en: "ERP data sync (documents may create products)" },
  stockMaster: { zh: "库存同步以谁为主", ja: "在庫同期のマスター", en: "Stock sync master" },
  callTimeoutSeconds: { zh: "接口超时（秒）", ja: "API タイムアウト（秒）", en: "API call timeout (seconds)" },
} as const;
