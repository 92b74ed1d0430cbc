/**
 * ネクストエンジン連携設定 as the merchant reads it (seed 001): the default tag of ⑤ and the guide's
 * wording of every switch, numbered as in the guide, in ja / zh / en. Shared by the worker (which
 * validates the settings) and the admin (which shows them), so the two never word a switch apart.
 */

export const DEFAULT_IMPORT_TAG = "ロジクラ受注取込対象";

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
