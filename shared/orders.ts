/**
 * Order words shared by worker and admin: built-in statuses (the merchant adds its own), system tags.
 */
export interface StatusLabel {
  code: string;
  ja: string;
  zh: string;
  en: string;
}

export const BUILT_IN_STATUSES = [
  { code: "new", ja: "新規受付", zh: "新订单", en: "New" },
  { code: "awaiting_confirmation", ja: "確認待", zh: "待确认", en: "Awaiting confirmation" },
  { code: "awaiting_allocation", ja: "引当待ち", zh: "待分配库存", en: "Awaiting allocation" },
  { code: "allocated", ja: "引当済み", zh: "已分配库存", en: "Allocated" },
  { code: "awaiting_shipment", ja: "出荷待ち", zh: "待发货", en: "Awaiting shipment" },
  { code: "shipped", ja: "出荷済み", zh: "已发货", en: "Shipped" },
  { code: "cancelled", ja: "キャンセル", zh: "已取消", en: "Cancelled" },
] as const satisfies readonly StatusLabel[];

export type BuiltInStatus = (typeof BUILT_IN_STATUSES)[number]["code"];
export const BUILT_IN_STATUS_CODES: readonly string[] = BUILT_IN_STATUSES.map((s) => s.code);
/** Statuses an order never leaves by a status change: cancel and ship have their own verbs. */
export const TERMINAL_STATUSES: readonly string[] = ["shipped", "cancelled"];

/** System tags, set and cleared by Renkei only (seed 002). */
export const SYSTEM_TAGS = {
  allUnmapped: "全商品未マッピング",
  someUnmapped: "一部商品未マッピング",
  allocationFailed: "引当失敗",
  systemError: "システムエラー",
} as const;
export const SYSTEM_TAG_VALUES: readonly string[] = Object.values(SYSTEM_TAGS);
