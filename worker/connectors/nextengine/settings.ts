/**
 * ネクストエンジン連携設定 (seed 001): the six switches of 基本設定 with the guide's wording, the rules
 * between them (② and ③ need ①), and 拠点設定 — the locations whose stock movements reach
 * NextEngine. The schema refuses a combination the guide forbids, naming the switch and the reason.
 */
import { z } from "zod";
import { DEFAULT_IMPORT_TAG } from "../../../shared/nextengine-settings";

// The guide's wording lives in shared/, so the admin shows exactly what the worker names in its messages.
export { DEFAULT_IMPORT_TAG, SETTING_LABELS } from "../../../shared/nextengine-settings";

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
