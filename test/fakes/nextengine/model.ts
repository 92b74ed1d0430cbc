/**
 * The fake NextEngine's data model: companies (each with its own clock, users, shops, goods and
 * stock, orders, tag master, upload queue) and the field lists of the entities it serves. Every
 * value leaves the fake as a string or null, as NextEngine's JSON does.
 */

/** One row as NextEngine returns it: every value a string, empty dates null. */
export type Row = Record<string, string | null>;

export interface Goods {
  id: string;
  name: string;
  jan: string | null;
  deleted: boolean;
  /** 在庫数 */
  quantity: number;
  /** 引当数 */
  allocated: number;
  defective: number;
  created: string;
  modified: string;
}

export interface Order {
  base: Row;
  rows: Row[];
}

export type QueStatus = "0" | "1" | "2" | "-1";

export interface Que {
  id: number;
  method: string;
  fileName: string;
  status: QueStatus;
  message: string | null;
  /** fake-clock ms when the job was accepted */
  acceptedAt: number;
  deltas: { code: string; delta: number }[];
  /** set by the `fail` control: the job fails with this message when it runs */
  forcedFailure?: string;
  created: string;
  modified: string;
}

export interface StockApplication {
  queId: string;
  goodsId: string;
  delta: number;
  before: number;
  after: number;
  at: string;
}

export interface Failure {
  kind: "drop" | "http" | "error" | "overload" | "queue";
  /** API path the failure waits for, e.g. "/api_v1_master_goods/upload"; any path when absent */
  path?: string;
  count: number;
  status?: number;
  code?: string;
  message?: string;
}

export interface OverloadConfig {
  /** More concurrent calls than this per company are overload (assumed 3). */
  maxConcurrent: number;
  /** Real milliseconds each API call takes, so tests can make calls overlap. */
  latencyMs: number;
  /** How long (real ms) a wait_flag=1 call waits for a slot before 003001 (NextEngine: 60 minutes). */
  waitMs: number;
}

export interface QueueTiming {
  /** fake-clock ms a job stays 0 (waiting) */
  pendingMs: number;
  /** fake-clock ms it then stays 1 (running) before it is applied and becomes 2 or -1 */
  runMs: number;
}

export interface Company {
  id: string;
  neId: string;
  name: string;
  kana: string;
  appHeader: string;
  user: { uid: string; picId: string; picNeId: string; name: string; kana: string; mail: string };
  clockOffsetMs: number;
  caseInsensitive: boolean;
  shops: Row[];
  goods: Map<string, Goods>;
  tags: Row[];
  orders: Map<string, Order>;
  nextOrderId: number;
  queue: Que[];
  applications: StockApplication[];
  failures: Failure[];
  overload: OverloadConfig;
  queueTiming: QueueTiming;
  inFlight: number;
  /** every API call the fake answered (path, outcome), for tests that count calls */
  calls: { path: string; result: string; code?: string }[];
}

/** NextEngine writes Japan time as "YYYY-MM-DD HH:MM:SS". */
export function neDate(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().replace("T", " ").slice(0, 19);
}

export function parseNeDate(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}+09:00`);
}

export const ORDER_STATUS_NAMES: Record<string, string> = {
  "0": "取込情報不足",
  "1": "受注メール取込済",
  "2": "起票済(CSV/手入力)",
  "20": "納品書印刷待ち",
  "30": "納品書印刷中",
  "40": "納品書印刷済",
  "50": "出荷確定済(完了)",
};

export const DELIVERY_NAMES: Record<string, string> = {
  "1": "ヤマト運輸",
  "2": "佐川急便",
  "3": "日本郵便",
};

// Field lists: the subset of each entity's documented fields the fake serves (reference §2.4,
// NE-10 entity lists). A field outside the list is an error, as an unknown column would be.
export const ORDER_FIELDS = [
  "receive_order_id",
  "receive_order_shop_id",
  "receive_order_shop_cut_form_id",
  "receive_order_date",
  "receive_order_import_date",
  "receive_order_confirm_ids",
  "receive_order_gruoping_tag",
  "receive_order_cancel_type_id",
  "receive_order_cancel_type_name",
  "receive_order_cancel_date",
  "receive_order_order_status_id",
  "receive_order_order_status_name",
  "receive_order_delivery_id",
  "receive_order_delivery_name",
  "receive_order_payment_method_id",
  "receive_order_payment_method_name",
  "receive_order_total_amount",
  "receive_order_tax_amount",
  "receive_order_charge_amount",
  "receive_order_delivery_fee_amount",
  "receive_order_other_amount",
  "receive_order_point_amount",
  "receive_order_goods_amount",
  "receive_order_note",
  "receive_order_send_date",
  "receive_order_send_plan_date",
  "receive_order_worker_text",
  "receive_order_picking_instruct",
  "receive_order_hope_delivery_date",
  "receive_order_delivery_cut_form_id",
  "receive_order_delivery_cut_form_note",
  "receive_order_purchaser_name",
  "receive_order_purchaser_kana",
  "receive_order_purchaser_zip_code",
  "receive_order_purchaser_address1",
  "receive_order_purchaser_address2",
  "receive_order_purchaser_tel",
  "receive_order_purchaser_mail_address",
  "receive_order_consignee_name",
  "receive_order_consignee_kana",
  "receive_order_consignee_zip_code",
  "receive_order_consignee_address1",
  "receive_order_consignee_address2",
  "receive_order_consignee_tel",
  "receive_order_creation_date",
  "receive_order_last_modified_date",
  "receive_order_last_modified_null_safe_date",
] as const;

export const ROW_FIELDS = [
  "receive_order_row_receive_order_id",
  "receive_order_row_shop_cut_form_id",
  "receive_order_row_no",
  "receive_order_row_shop_row_no",
  "receive_order_row_goods_id",
  "receive_order_row_goods_name",
  "receive_order_row_quantity",
  "receive_order_row_cancel_flag",
  "receive_order_row_unit_price",
  "receive_order_row_tax_rate",
  "receive_order_row_sub_total_price",
  "receive_order_row_stock_allocation_quantity",
  "receive_order_row_advance_order_stock_allocation_quantity",
  "receive_order_row_stock_allocation_date",
  "receive_order_row_deleted_flag",
  "receive_order_row_creation_date",
  "receive_order_row_last_modified_date",
  "receive_order_row_last_modified_newest_date",
] as const;

export const GOODS_FIELDS = [
  "goods_id",
  "goods_name",
  "goods_jan_code",
  "goods_deleted_flag",
  "stock_quantity",
  "goods_creation_date",
  "goods_last_modified_date",
] as const;

export const STOCK_FIELDS = [
  "stock_goods_id",
  "stock_quantity",
  "stock_allocation_quantity",
  "stock_defective_quantity",
  "stock_remaining_order_quantity",
  "stock_out_quantity",
  "stock_free_quantity",
  "stock_advance_order_quantity",
  "stock_advance_order_allocation_quantity",
  "stock_advance_order_free_quantity",
  "stock_deleted_flag",
  "stock_creation_date",
  "stock_last_modified_date",
  "stock_last_modified_null_safe_date",
  "stock_creator_id",
  "stock_creator_name",
  "stock_last_modified_by_id",
  "stock_last_modified_by_null_safe_id",
  "stock_last_modified_by_name",
  "stock_last_modified_by_null_safe_name",
] as const;

export const TAG_FIELDS = [
  "grouping_tag_id",
  "grouping_tag_name",
  "grouping_tag_color",
  "grouping_tag_str_color",
  "grouping_tag_memo",
  "grouping_tag_creation_date",
  "grouping_tag_last_modified_date",
] as const;

export const SHOP_FIELDS = [
  "shop_id",
  "shop_name",
  "shop_kana",
  "shop_abbreviated_name",
  "shop_mall_id",
  "shop_tax_id",
  "shop_deleted_flag",
  "shop_creation_date",
  "shop_last_modified_date",
] as const;

export const QUE_FIELDS = [
  "que_id",
  "que_method_name",
  "que_shop_id",
  "que_upload_name",
  "que_client_file_name",
  "que_file_name",
  "que_status_id",
  "que_message",
  "que_deleted_flag",
  "que_creation_date",
  "que_last_modified_date",
] as const;

/** Fields whose values are 商品コード: compared per the company's case setting. */
export const GOODS_CODE_FIELDS = new Set(["goods_id", "stock_goods_id", "receive_order_row_goods_id"]);

export function goodsRow(g: Goods): Row {
  return {
    goods_id: g.id,
    goods_name: g.name,
    goods_jan_code: g.jan,
    goods_deleted_flag: g.deleted ? "1" : "0",
    stock_quantity: String(g.quantity),
    goods_creation_date: g.created,
    goods_last_modified_date: g.modified,
  };
}

export function stockRow(g: Goods): Row {
  const free = g.quantity - g.allocated;
  return {
    stock_goods_id: g.id,
    stock_quantity: String(g.quantity),
    stock_allocation_quantity: String(g.allocated),
    stock_defective_quantity: String(g.defective),
    stock_remaining_order_quantity: "0",
    stock_out_quantity: "0",
    stock_free_quantity: String(free),
    stock_advance_order_quantity: "0",
    stock_advance_order_allocation_quantity: "0",
    stock_advance_order_free_quantity: "0",
    stock_deleted_flag: g.deleted ? "1" : "0",
    stock_creation_date: g.created,
    stock_last_modified_date: g.modified,
    stock_last_modified_null_safe_date: g.modified,
    stock_creator_id: "1",
    stock_creator_name: "sandbox",
    stock_last_modified_by_id: "1",
    stock_last_modified_by_null_safe_id: "1",
    stock_last_modified_by_name: "sandbox",
    stock_last_modified_by_null_safe_name: "sandbox",
  };
}

export function queRow(q: Que): Row {
  return {
    que_id: String(q.id),
    que_method_name: q.method,
    que_shop_id: null,
    que_upload_name: "商品マスタ一括登録",
    que_client_file_name: q.fileName,
    que_file_name: q.fileName,
    que_status_id: q.status,
    que_message: q.message,
    que_deleted_flag: "0",
    que_creation_date: q.created,
    que_last_modified_date: q.modified,
  };
}
