/**
 * ネクストエンジン連携設定 (seed 001): the six switches of 基本設定 with the guide's wording, the rules
 * between them (② and ③ need ①), and 拠点設定 — the locations whose stock movements reach
 * NextEngine. The schema refuses a combination the guide forbids, naming the switch and the reason.
 */
import { z } from "zod";

export const DEFAULT_IMPORT_TAG = "ロジクラ受注取込対象";

export const NextEngineSettings = z
  .object({
    /** ① 出荷確定時、受注伝票のステータスを「出荷済み」に更新する */
    markShipped: z.boolean().default(true),
    /** ② ステータス更新時、受注伝票の追跡番号を更新する (needs ①) */
    writeTrackingNumber: z.boolean().default(false),
    /** ③ 出荷確定でネクストエンジンの在庫をマイナスする (orders not from NextEngine; needs ①; linked locations only) */
    subtractStockOnShipment: z.boolean().default(false),
    /** ④ 入荷確定でネクストエンジンの在庫をプラスする (linked locations only) */
    addStockOnReceipt: z.boolean().default(false),
    /** ⑤ 受注取り込み時、受注分類タグに「…」タグがある受注伝票のみ取り込む */
    importTaggedOnly: z.boolean().default(false),
    /** ⑤'s tag name, shown and editable */
    importTag: z
      .string()
      .trim()
      .min(1, "タグ名を入力してください (enter the tag name)")
      .max(50)
      .refine((t) => !/[[\]]/.test(t), "タグ名に [ ] は使えません (a tag name cannot contain [ or ])")
      .default(DEFAULT_IMPORT_TAG),
    /** ⑥ 受注取り込み時、紐付けコードの大文字小文字を区別しない */
    caseInsensitiveCodes: z.boolean().default(false),
    /** 拠点設定: Renkei locations whose 入出荷 stock changes are sent to NextEngine */
    syncedLocationIds: z.array(z.string().max(64)).max(100).default([]),
    /** Where orders imported from NextEngine are shipped from (the link's channel location when empty) */
    shippingLocationId: z.string().max(64).nullable().default(null),
  })
  .superRefine((s, issue) => {
    if (s.writeTrackingNumber && !s.markShipped) {
      issue.addIssue({
        code: "custom",
        path: ["writeTrackingNumber"],
        message: "②を有効にするには①「出荷確定時、受注伝票のステータスを「出荷済み」に更新する」も有効にしてください。追跡番号のみを更新することはできません (② needs ①: the tracking number is never written alone)",
      });
    }
    if (s.subtractStockOnShipment && !s.markShipped) {
      issue.addIssue({
        code: "custom",
        path: ["subtractStockOnShipment"],
        message: "③を有効にするには①「出荷確定時、受注伝票のステータスを「出荷済み」に更新する」も有効にしてください (③ needs ①)",
      });
    }
  });
export type NextEngineSettings = z.infer<typeof NextEngineSettings>;

const L = (ja: string, zh: string, en: string) => ({ ja, zh, en });

/** The guide's wording, numbered as in the guide; `{tag}` is ⑤'s tag name. */
export const SETTING_LABELS = {
  markShipped: L("① 出荷確定時、受注伝票のステータスを「出荷済み」に更新する", "① 确认发货时，将订单状态更新为「已发货」", "① On shipment confirmation, set the order to 出荷済み (shipped)"),
  writeTrackingNumber: L("② ステータス更新時、受注伝票の追跡番号を更新する", "② 更新状态时，同时更新订单的追踪单号", "② With the status update, write the tracking number"),
  subtractStockOnShipment: L(
    "③ 出荷確定でネクストエンジンの在庫をマイナスする (※拠点設定から連携した拠点のみ適用)",
    "③ 确认发货时扣减NextEngine库存（※仅适用于在据点设置中关联的据点）",
    "③ On shipment confirmation, subtract NextEngine stock (linked locations only)",
  ),
  addStockOnReceipt: L(
    "④ 入荷確定でネクストエンジンの在庫をプラスする (※拠点設定から連携した拠点のみ適用)",
    "④ 确认入库时增加NextEngine库存（※仅适用于在据点设置中关联的据点）",
    "④ On receipt confirmation, add NextEngine stock (linked locations only)",
  ),
  importTaggedOnly: L(
    "⑤ 受注取り込み時、受注分類タグに「{tag}」タグがある受注伝票のみ取り込む",
    "⑤ 导入订单时，仅导入带有「{tag}」订单分类标签的订单",
    "⑤ Import only orders with the order tag 「{tag}」",
  ),
  importTag: L("受注タグ名称", "订单标签名称", "Order tag name"),
  caseInsensitiveCodes: L("⑥ 受注取り込み時、紐付けコードの大文字小文字を区別しない", "⑥ 导入订单时，关联编码不区分大小写", "⑥ Match product codes case-insensitively on import"),
  syncedLocationIds: L("拠点設定 (ネクストエンジン連携)", "据点设置（NextEngine同步）", "Locations synced with NextEngine"),
  shippingLocationId: L("出荷拠点", "发货据点", "Shipping location"),
} as const;
