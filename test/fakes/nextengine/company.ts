/**
 * Creating and seeding a fake company. Orders are seeded the way NextEngine keeps them: every
 * base field present (null when empty), status and delivery names derived from their ids, and
 * stock allocated (引当) to open orders' lines when the 商品コード matches the goods master.
 */
import { DELIVERY_NAMES, ORDER_FIELDS, ORDER_STATUS_NAMES, ROW_FIELDS, neDate, type Company, type Goods, type OverloadConfig, type QueueTiming, type Row } from "./model";

export interface GoodsSeed {
  goods_id: string;
  goods_name?: string;
  goods_jan_code?: string | null;
  stock_quantity?: number;
  stock_allocation_quantity?: number;
  stock_defective_quantity?: number;
  goods_deleted_flag?: "0" | "1";
}

export interface OrderRowSeed {
  receive_order_row_goods_id: string;
  receive_order_row_goods_name?: string;
  receive_order_row_quantity: number;
  receive_order_row_unit_price?: number;
  receive_order_row_tax_rate?: number;
  receive_order_row_cancel_flag?: "0" | "1";
}

export type OrderSeed = Partial<Record<(typeof ORDER_FIELDS)[number], string | number | null>> & { rows?: OrderRowSeed[] };

export interface CompanyDefaults {
  overload: OverloadConfig;
  queueTiming: QueueTiming;
  caseInsensitive: boolean;
  clockOffsetMs: number;
}

export function createCompany(id: string, name: string, defaults: CompanyDefaults): Company {
  return {
    id,
    neId: `NE${id.replace(/\D/g, "").padStart(6, "0")}`,
    name,
    kana: "サンドボックス",
    appHeader: `app_${id}`,
    user: { uid: `uid-${id}`, picId: "1", picNeId: `PIC${id}`, name: "連携 太郎", kana: "レンケイ タロウ", mail: `owner+${id}@example.test` },
    clockOffsetMs: defaults.clockOffsetMs,
    caseInsensitive: defaults.caseInsensitive,
    shops: [],
    goods: new Map(),
    tags: [],
    orders: new Map(),
    nextOrderId: 1001,
    queue: [],
    applications: [],
    failures: [],
    overload: { ...defaults.overload },
    queueTiming: { ...defaults.queueTiming },
    inFlight: 0,
    calls: [],
  };
}

export function companyNow(company: Company): number {
  return Date.now() + company.clockOffsetMs;
}

/** Finds goods by 商品コード, exactly or ignoring case as the company is set. */
export function findGoods(company: Company, code: string): Goods | undefined {
  const exact = company.goods.get(code);
  if (exact || !company.caseInsensitive) return exact;
  const folded = code.toLowerCase();
  for (const g of company.goods.values()) if (g.id.toLowerCase() === folded) return g;
  return undefined;
}

export function seedGoods(company: Company, seeds: GoodsSeed[]): void {
  const now = neDate(companyNow(company));
  for (const s of seeds) {
    const existing = company.goods.get(s.goods_id);
    company.goods.set(s.goods_id, {
      id: s.goods_id,
      name: s.goods_name ?? existing?.name ?? s.goods_id,
      jan: s.goods_jan_code ?? existing?.jan ?? null,
      deleted: (s.goods_deleted_flag ?? "0") === "1",
      quantity: s.stock_quantity ?? existing?.quantity ?? 0,
      allocated: s.stock_allocation_quantity ?? existing?.allocated ?? 0,
      defective: s.stock_defective_quantity ?? existing?.defective ?? 0,
      created: existing?.created ?? now,
      modified: now,
    });
  }
}

export function seedShops(company: Company, shops: { shop_id: number | string; shop_name: string; shop_mall_id?: number | string; shop_abbreviated_name?: string }[]): void {
  const now = neDate(companyNow(company));
  for (const s of shops) {
    company.shops = company.shops.filter((x) => x.shop_id !== String(s.shop_id));
    company.shops.push({
      shop_id: String(s.shop_id),
      shop_name: s.shop_name,
      shop_kana: null,
      shop_abbreviated_name: s.shop_abbreviated_name ?? s.shop_name.slice(0, 4),
      shop_mall_id: s.shop_mall_id == null ? null : String(s.shop_mall_id),
      shop_tax_id: "0",
      shop_deleted_flag: "0",
      shop_creation_date: now,
      shop_last_modified_date: now,
    });
  }
}

export function seedTags(company: Company, tags: { grouping_tag_name: string; grouping_tag_color?: string; grouping_tag_memo?: string }[]): void {
  const now = neDate(companyNow(company));
  for (const t of tags) {
    if (company.tags.some((x) => x.grouping_tag_name === t.grouping_tag_name)) continue;
    company.tags.push({
      grouping_tag_id: String(company.tags.length + 1),
      grouping_tag_name: t.grouping_tag_name,
      grouping_tag_color: t.grouping_tag_color ?? "#ffcc00",
      grouping_tag_str_color: "#000000",
      grouping_tag_memo: t.grouping_tag_memo ?? null,
      grouping_tag_creation_date: now,
      grouping_tag_last_modified_date: now,
    });
  }
}

const str = (v: string | number | null | undefined): string | null => (v == null ? null : String(v));

/** Adds an order with its lines; open orders get stock allocated line by line. Returns its 伝票番号. */
export function seedOrder(company: Company, seed: OrderSeed): string {
  const nowMs = companyNow(company);
  const now = neDate(nowMs);
  const id = seed.receive_order_id != null ? String(seed.receive_order_id) : String(company.nextOrderId++);
  company.nextOrderId = Math.max(company.nextOrderId, Number(id) + 1);
  const base: Row = Object.fromEntries(ORDER_FIELDS.map((f) => [f, str(seed[f])]));
  const status = base.receive_order_order_status_id ?? "20";
  const cancel = base.receive_order_cancel_type_id ?? "0";
  Object.assign(base, {
    receive_order_id: id,
    receive_order_shop_id: base.receive_order_shop_id ?? "1",
    receive_order_shop_cut_form_id: base.receive_order_shop_cut_form_id ?? `MALL-${id}`,
    receive_order_date: base.receive_order_date ?? now,
    receive_order_import_date: base.receive_order_import_date ?? now,
    receive_order_gruoping_tag: base.receive_order_gruoping_tag ?? "",
    receive_order_order_status_id: status,
    receive_order_order_status_name: ORDER_STATUS_NAMES[status] ?? null,
    receive_order_cancel_type_id: cancel,
    receive_order_cancel_type_name: cancel === "0" ? "有効な受注です。" : "キャンセル",
    receive_order_delivery_id: base.receive_order_delivery_id ?? "1",
    receive_order_payment_method_id: base.receive_order_payment_method_id ?? "1",
    receive_order_payment_method_name: base.receive_order_payment_method_name ?? "クレジットカード",
    receive_order_creation_date: base.receive_order_creation_date ?? now,
    receive_order_last_modified_date: base.receive_order_last_modified_date ?? now,
  });
  base.receive_order_delivery_name = DELIVERY_NAMES[base.receive_order_delivery_id!] ?? null;
  base.receive_order_last_modified_null_safe_date = base.receive_order_last_modified_date ?? now;
  if (status === "50" && !base.receive_order_send_date) base.receive_order_send_date = now;

  const open = cancel === "0" && status !== "50";
  const unknownLines: number[] = [];
  let goodsAmount = 0;
  const rows: Row[] = (seed.rows ?? []).map((r, i) => {
    const quantity = r.receive_order_row_quantity;
    const price = r.receive_order_row_unit_price ?? 1000;
    const lineCancelled = (r.receive_order_row_cancel_flag ?? "0") === "1";
    const goods = findGoods(company, r.receive_order_row_goods_id);
    if (!goods) unknownLines.push(i + 1);
    let allocated = 0;
    if (open && goods && !lineCancelled) {
      allocated = Math.max(0, Math.min(quantity, goods.quantity - goods.allocated));
      goods.allocated += allocated;
    }
    if (!lineCancelled) goodsAmount += price * quantity;
    const row: Row = Object.fromEntries(ROW_FIELDS.map((f) => [f, null]));
    return Object.assign(row, {
      receive_order_row_receive_order_id: id,
      receive_order_row_shop_cut_form_id: base.receive_order_shop_cut_form_id,
      receive_order_row_no: String(i + 1),
      receive_order_row_shop_row_no: String(i + 1),
      receive_order_row_goods_id: r.receive_order_row_goods_id,
      receive_order_row_goods_name: r.receive_order_row_goods_name ?? goods?.name ?? r.receive_order_row_goods_id,
      receive_order_row_quantity: String(quantity),
      receive_order_row_cancel_flag: lineCancelled ? "1" : "0",
      receive_order_row_unit_price: String(price),
      receive_order_row_tax_rate: String(r.receive_order_row_tax_rate ?? 10),
      receive_order_row_sub_total_price: String(price * quantity),
      receive_order_row_stock_allocation_quantity: String(allocated),
      receive_order_row_advance_order_stock_allocation_quantity: "0",
      receive_order_row_stock_allocation_date: allocated > 0 ? now : null,
      receive_order_row_deleted_flag: "0",
      receive_order_row_creation_date: now,
      receive_order_row_last_modified_date: now,
      receive_order_row_last_modified_newest_date: now,
    });
  });
  // 受注確認内容: "AA#<row>" marks a line whose 商品コード is not in the goods master (NE-10 field note).
  if (unknownLines.length && !base.receive_order_confirm_ids) base.receive_order_confirm_ids = unknownLines.map((n) => `AA#${n}`).join(":");
  base.receive_order_goods_amount ??= String(goodsAmount);
  base.receive_order_tax_amount ??= "0";
  base.receive_order_delivery_fee_amount ??= "0";
  base.receive_order_charge_amount ??= "0";
  base.receive_order_other_amount ??= "0";
  base.receive_order_point_amount ??= "0";
  base.receive_order_total_amount ??= String(goodsAmount);
  company.orders.set(id, { base, rows });
  return id;
}
