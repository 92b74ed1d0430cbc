/**
 * Settings of a Smaregi link (seed 000 「EC受注・在庫連携設定」 and §3's mappings), one zod schema.
 * Labels keep the seed's Japanese first, with Chinese and English beside. The rules between
 * settings live here; what needs Renkei's data (IDs exist) is checked by setup.ts, and what
 * needs Smaregi (a product code exists, a store's tax mode) is checked live before start.
 */
import { z } from "zod";
import { Id } from "../../../shared/schemas/common";

/** Smaregi's productCode: ≤ 20 printable ASCII. */
const ProductCode = z
  .string()
  .trim()
  .min(1)
  .max(20, "スマレジの商品番号は20文字以内です (Smaregi product codes are at most 20 characters)")
  .regex(/^[ -~]+$/, "半角英数記号で入力してください (printable ASCII only)");
const SmaregiId = z.string().regex(/^\d{1,15}$/, "スマレジのIDは数字です (a Smaregi ID is numeric)");
const StatusCode = z.string().trim().min(1).max(64);

export const TAX_CALCULATIONS = ["inclusive", "exclusive"] as const;
export const STOCK_MASTERS = ["renkei", "smaregi"] as const;

export const SmaregiSettings = z
  .object({
    // ---- 受注連携設定 ----
    /** ■封入物商品連携: enclosure items (not stock-managed in Smaregi) sent as stock-managed lines or not. */
    enclosureItems: z.enum(["link", "none"]).default("none"),
    /** ■調整額用商品番号: a positive adjustment goes to Smaregi as a line of this product (negative → promotion discount). */
    adjustmentProductCode: ProductCode.nullable().default(null),
    /** ■ダミー商品番号: lines without a product code go out under this code. */
    dummyProductCode: ProductCode.nullable().default(null),
    // ---- 在庫引当設定 ----
    /** ■送り状・出荷CSV出力制御: include orders whose allocation failed in the shipping CSV. */
    shippingCsvUnallocated: z.enum(["include", "exclude"]).default("exclude"),
    /** ■在庫数合算設定: the order store's warehouse only, or all of Smaregi's stock (POS stores too). */
    stockAggregation: z.enum(["order_store", "all"]).default("order_store"),
    /** ■有効在庫数計算設定: 受注在庫引当数量 (Smaregi's figure) or 受注購入数量 (Renkei's own). */
    availableStockBasis: z.enum(["smaregi", "renkei"]).default("smaregi"),
    // ---- 在庫引当自動照会設定 (only when Smaregi's own 引当 is OFF) ----
    /** ■在庫引当自動照会対象ステータス */
    allocationInquiryStatus: StatusCode.nullable().default(null),
    /** ■在庫引当完了後ステータス */
    allocatedStatus: StatusCode.nullable().default(null),
    // ---- 受注一括出荷連携設定 ----
    /** 自動連携対象ステータス */
    bulkShipmentStatus: StatusCode.nullable().default(null),
    // ---- 商品連携設定 ----
    /** [連携する]: the product panel (「スマレジから新規商品情報一括取得」) is offered. */
    productSync: z.boolean().default(false),
    // ---- §3 mappings ----
    /** 店舗(モール) ↔ スマレジ店舗ID (an order store), with Renkei's 税計算設定 for that store. */
    orderStores: z
      .array(z.object({ channelId: Id, smaregiStoreId: SmaregiId, taxCalculation: z.enum(TAX_CALCULATIONS) }))
      .max(100)
      .default([]),
    /** 支払方法: each Renkei payment method ↔ a Smaregi one (スマレジ支払方法). */
    paymentMethods: z.array(z.object({ paymentMethodId: Id, smaregiPaymentMethodId: SmaregiId })).max(100).default([]),
    /** Stock locations ↔ Smaregi stores / warehouses, each with the side that owns the figure. */
    locations: z
      .array(z.object({ locationId: Id, smaregiStoreId: SmaregiId, master: z.enum(STOCK_MASTERS) }))
      .max(100)
      .default([]),
  })
  .superRefine((s, ctx) => {
    if (s.allocatedStatus && !s.allocationInquiryStatus) {
      ctx.addIssue({
        code: "custom",
        path: ["allocationInquiryStatus"],
        message: "在庫引当完了後ステータスには在庫引当自動照会対象ステータスが必要です (the after-allocation status needs a trigger status)",
      });
    }
    if (s.allocatedStatus && s.allocatedStatus === s.allocationInquiryStatus) {
      ctx.addIssue({
        code: "custom",
        path: ["allocatedStatus"],
        message: "在庫引当自動照会対象ステータスと同じステータスは選べません (must differ from the trigger status)",
      });
    }
    const once = <T>(list: T[], keyOf: (t: T) => string, field: string, path: string, message: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        const k = keyOf(item);
        if (seen.has(k)) ctx.addIssue({ code: "custom", path: [path, i, field], message });
        seen.add(k);
      });
    };
    once(s.orderStores, (o) => o.channelId, "channelId", "orderStores", "この店舗はすでに紐づいています (this store is already mapped)");
    once(s.orderStores, (o) => o.smaregiStoreId, "smaregiStoreId", "orderStores", "この受注店舗は別の店舗に紐づいています (this order store is mapped to another store)");
    once(s.paymentMethods, (p) => p.paymentMethodId, "paymentMethodId", "paymentMethods", "この支払方法はすでに紐づいています (already mapped)");
    once(s.locations, (l) => l.locationId, "locationId", "locations", "この拠点はすでに紐づいています (this location is already mapped)");
    once(s.locations, (l) => l.smaregiStoreId, "smaregiStoreId", "locations", "このスマレジ店舗は別の拠点に紐づいています (this Smaregi store is mapped to another location)");
  });
export type SmaregiSettings = z.infer<typeof SmaregiSettings>;

export { SETTING_LABELS } from "../../../shared/smaregi-settings";
