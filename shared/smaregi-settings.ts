/**
 * The seed 000 wording of a Smaregi link's settings (section headings, each setting, its choices),
 * Japanese first with Chinese and English beside: one source for the worker's settings schema
 * (worker/connectors/smaregi/settings.ts) and the admin's Smaregi screen.
 */
export type Label = { ja: string; zh: string; en: string };
/** The seed's wording, for the admin (section headings, then each setting and its choices). */
export const SETTING_LABELS = {
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
} as const satisfies Record<string, Label & { choices?: Record<string, Label> }>;
