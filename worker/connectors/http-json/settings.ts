/** Settings of a generic HTTP link (汎用HTTP連携), labels ja / zh / en. */
import { z } from "zod";

export const HttpJsonSettings = z.object({
  /** 在庫連携: push Renkei's stock to the system when it changes. */
  pushStock: z.boolean().default(true),
  /** Which figure the system takes: 有効在庫 (available) or 実在庫 (on hand). */
  stockFigure: z.enum(["available", "on_hand"]).default("available"),
  /** Page size when reading the system's stock (reconciliation). */
  pageSize: z.number().int().min(10).max(5000).default(1000),
});
export type HttpJsonSettings = z.infer<typeof HttpJsonSettings>;

export const SETTING_LABELS = {
  pushStock: { ja: "在庫連携", zh: "库存同步", en: "Push stock" },
  stockFigure: { ja: "連携する在庫数", zh: "同步的库存数", en: "Stock figure sent" },
  pageSize: { ja: "取得件数", zh: "每页条数", en: "Page size" },
} as const;
