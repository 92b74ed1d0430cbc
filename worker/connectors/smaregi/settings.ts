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

type Label = { ja: string; zh: string; en: string };
/** The seed's wording, for the admin (section headings, then each setting and its choices). */
export const SETTING_LABELS: Record<string, Label & { choices?: Record<string, Label> }> = {
  startSetting: { ja: "■スマレジ連携開始設定", zh: "■Smaregi 对接启用设置", en: "■ Smaregi link start setting" },
  orderSection: { ja: "受注連携設定", zh: "订单对接设置", en: "Order sync" },
  enclosureItems: {
    ja: "■封入物商品連携",
    zh: "■附赠品商品对接",
    en: "■ Enclosure items",
    choices: { link: { ja: "連携する", zh: "对接", en: "Link" }, none: { ja: "連携しない", zh: "不对接", en: "Do not link" } },
  },
  adjustmentProductCode: { ja: "■調整額用商品番号", zh: "■调整金额用商品编号", en: "■ Adjustment product code" },
  dummyProductCode: { ja: "■ダミー商品番号", zh: "■虚拟商品编号", en: "■ Dummy product code" },
  allocationSection: { ja: "在庫引当設定", zh: "库存占用设置", en: "Stock allocation" },
  shippingCsvUnallocated: {
    ja: "■送り状・出荷CSV出力制御",
    zh: "■面单・出库CSV输出控制",
    en: "■ Shipping label / shipping CSV output",
    choices: {
      include: { ja: "引当できない注文も出力する", zh: "未占用成功的订单也输出", en: "Include orders not allocated" },
      exclude: { ja: "引当できない注文は出力しない", zh: "未占用成功的订单不输出", en: "Leave out orders not allocated" },
    },
  },
  stockAggregation: {
    ja: "■在庫数合算設定",
    zh: "■库存数合计设置",
    en: "■ Stock aggregation",
    choices: {
      order_store: { ja: "受注店舗の在庫数を使用する", zh: "使用接单店铺的库存数", en: "The order store's warehouse stock" },
      all: { ja: "受注店舗とPOS店舗を合算した在庫数を使用する", zh: "使用接单店铺与POS店铺合计的库存数", en: "All stock in Smaregi (order stores + POS stores)" },
    },
  },
  availableStockBasis: {
    ja: "■有効在庫数計算設定",
    zh: "■有效库存数计算设置",
    en: "■ Available stock calculation",
    choices: {
      smaregi: { ja: "受注在庫引当数量で計算", zh: "按订单库存占用数量计算", en: "Smaregi's allocatable stock" },
      renkei: { ja: "受注購入数量で計算", zh: "按订单购买数量计算", en: "Renkei's own stock" },
    },
  },
  inquirySection: { ja: "在庫引当自動照会設定", zh: "库存占用自动查询设置", en: "Automatic allocation inquiry" },
  allocationInquiryStatus: { ja: "■在庫引当自動照会対象ステータス", zh: "■库存占用自动查询对象状态", en: "■ Status that triggers an allocation inquiry" },
  allocatedStatus: { ja: "■在庫引当完了後ステータス", zh: "■库存占用完成后状态", en: "■ Status after every line is allocated" },
  shipmentSection: { ja: "受注一括出荷連携設定", zh: "订单批量出库对接设置", en: "Bulk shipment push" },
  bulkShipmentStatus: { ja: "自動連携対象ステータス", zh: "自动对接对象状态", en: "Status pushed as shipped" },
  productSection: { ja: "商品連携設定", zh: "商品对接设置", en: "Product sync" },
  productSync: {
    ja: "商品連携設定",
    zh: "商品对接设置",
    en: "Product sync",
    choices: { true: { ja: "連携する", zh: "对接", en: "Link" }, false: { ja: "連携しない", zh: "不对接", en: "Do not link" } },
  },
  orderStores: { ja: "スマレジ店舗ID", zh: "Smaregi 店铺ID", en: "Smaregi order store ID" },
  taxCalculation: {
    ja: "税計算設定",
    zh: "税额计算设置",
    en: "Tax calculation",
    choices: { inclusive: { ja: "税込", zh: "含税", en: "Tax included" }, exclusive: { ja: "税別", zh: "不含税", en: "Tax excluded" } },
  },
  paymentMethods: { ja: "スマレジ支払方法", zh: "Smaregi 支付方式", en: "Smaregi payment method" },
  locations: { ja: "在庫連携拠点", zh: "库存对接仓库/门店", en: "Stock locations" },
  stockMaster: { ja: "在庫のマスター", zh: "库存以谁为准", en: "Stock master" },
};
