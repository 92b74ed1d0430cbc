/**
 * The fake's API endpoints, each answering for one authenticated company: searches and counts,
 * the order update (XML, optimistic lock on receive_order_last_modified_date), 出荷確定
 * (/shipped), the stock upload (CSV whose zaiko_su adds or subtracts; asynchronous through the
 * upload queue) and the company / user info. Answers are the envelope without tokens; the caller
 * adds them.
 */
import { parseCsv } from "../../../shared/csv";
import { companyNow, findGoods } from "./company";
import {
  DELIVERY_NAMES,
  GOODS_CODE_FIELDS,
  GOODS_FIELDS,
  ORDER_FIELDS,
  ORDER_STATUS_NAMES,
  QUE_FIELDS,
  ROW_FIELDS,
  SHOP_FIELDS,
  STOCK_FIELDS,
  TAG_FIELDS,
  goodsRow,
  neDate,
  parseNeDate,
  queRow,
  stockRow,
  type Company,
  type Order,
  type Row,
} from "./model";
import { count, search, type SearchSpec } from "./search";
import { parseOrderUpdateXml } from "./xml";

export type Envelope = Record<string, unknown> & { result: "success" | "error" | "redirect" };

const error = (code: string, message: string): Envelope => ({ result: "error", code, message });

interface Entity {
  spec: (company: Company) => SearchSpec;
  rows: (company: Company) => Iterable<Row>;
}

function foldFor(company: Company) {
  return company.caseInsensitive ? GOODS_CODE_FIELDS : undefined;
}

const ENTITIES: Record<string, Entity> = {
  api_v1_receiveorder_base: {
    spec: (c) => ({ fields: ORDER_FIELDS, key: "receive_order_id", foldCase: foldFor(c) }),
    rows: (c) => [...c.orders.values()].map((o) => o.base),
  },
  api_v1_receiveorder_row: {
    // ordered by order, then line
    spec: (c) => ({
      fields: ROW_FIELDS,
      key: (r) => `${(r.receive_order_row_receive_order_id ?? "").padStart(12, "0")}:${(r.receive_order_row_no ?? "").padStart(6, "0")}`,
      foldCase: foldFor(c),
    }),
    rows: (c) => [...c.orders.values()].flatMap((o) => o.rows),
  },
  api_v1_receiveorder_groupingtag: { spec: () => ({ fields: TAG_FIELDS, key: "grouping_tag_id" }), rows: (c) => c.tags },
  api_v1_master_goods: { spec: (c) => ({ fields: GOODS_FIELDS, key: "goods_id", foldCase: foldFor(c) }), rows: (c) => [...c.goods.values()].map(goodsRow) },
  api_v1_master_stock: { spec: (c) => ({ fields: STOCK_FIELDS, key: "stock_goods_id", foldCase: foldFor(c) }), rows: (c) => [...c.goods.values()].map(stockRow) },
  api_v1_master_shop: { spec: () => ({ fields: SHOP_FIELDS, key: "shop_id" }), rows: (c) => c.shops },
  api_v1_system_que: { spec: () => ({ fields: QUE_FIELDS, key: "que_id" }), rows: (c) => c.queue.map(queRow) },
};

/** Fields an update may not set: keys, derived names, and what only other APIs move (status). */
const READ_ONLY = new Set([
  "receive_order_id",
  "receive_order_shop_id",
  "receive_order_import_date",
  "receive_order_order_status_id",
  "receive_order_order_status_name",
  "receive_order_cancel_type_name",
  "receive_order_delivery_name",
  "receive_order_send_date",
  "receive_order_creation_date",
  "receive_order_last_modified_date",
  "receive_order_last_modified_null_safe_date",
]);
/** An order still 受注メール取込済 (status 1) takes only these ([W] public integration guide). */
const MAIL_IMPORTED_UPDATABLE = new Set(["receive_order_cancel_type_id", "receive_order_worker_text", "receive_order_gruoping_tag"]);

/** Moves the order's lock forward: never the same string twice, so a stale lock is always caught. */
function touch(company: Company, order: Order): void {
  const previous = parseNeDate(order.base.receive_order_last_modified_date ?? "1970-01-01 09:00:00");
  const next = neDate(Math.max(companyNow(company), previous + 1000));
  order.base.receive_order_last_modified_date = next;
  order.base.receive_order_last_modified_null_safe_date = next;
}

function releaseAllocation(company: Company, order: Order): void {
  for (const row of order.rows) {
    const allocated = Number(row.receive_order_row_stock_allocation_quantity ?? "0");
    const goods = findGoods(company, row.receive_order_row_goods_id ?? "");
    if (goods && allocated > 0) goods.allocated = Math.max(0, goods.allocated - allocated);
    row.receive_order_row_stock_allocation_quantity = "0";
  }
}

function lockedOrder(company: Company, params: URLSearchParams): Order | Envelope {
  const id = params.get("receive_order_id");
  const lock = params.get("receive_order_last_modified_date");
  if (!id || !lock) return error("020001", "receive_order_idとreceive_order_last_modified_dateは必須です");
  const order = company.orders.get(id);
  if (!order) return error("020002", `伝票番号 ${id} の受注伝票が存在しません`);
  if (order.base.receive_order_last_modified_date !== lock) {
    return error("020003", `伝票番号 ${id} は他で更新されています。再度検索してから実行して下さい (stale receive_order_last_modified_date)`);
  }
  return order;
}

function updateOrder(company: Company, params: URLSearchParams): Envelope {
  const order = lockedOrder(company, params);
  if ("result" in order) return order as Envelope;
  const data = params.get("data");
  if (!data) return error("020001", "dataは必須です");
  const fields = parseOrderUpdateXml(data);
  if (typeof fields === "string") return error("020004", fields);
  const status = order.base.receive_order_order_status_id;
  if (status === "50" && params.get("receive_order_shipped_update_flag") !== "1") {
    return error("020005", "出荷確定済(完了)の受注伝票は更新できません (receive_order_shipped_update_flag=1 で更新可)");
  }
  for (const name of Object.keys(fields)) {
    if (!(ORDER_FIELDS as readonly string[]).includes(name) || READ_ONLY.has(name)) return error("020004", `${name} は更新できない項目です`);
    if (status === "1" && !MAIL_IMPORTED_UPDATABLE.has(name)) return error("020004", `受注メール取込済の受注伝票では ${name} は更新できません`);
  }
  const wasValid = order.base.receive_order_cancel_type_id === "0";
  for (const [name, value] of Object.entries(fields)) order.base[name] = value === "" ? (name === "receive_order_gruoping_tag" ? "" : null) : value;
  if ("receive_order_delivery_id" in fields) order.base.receive_order_delivery_name = DELIVERY_NAMES[fields.receive_order_delivery_id!] ?? null;
  if ("receive_order_cancel_type_id" in fields) {
    const valid = order.base.receive_order_cancel_type_id === "0";
    order.base.receive_order_cancel_type_name = valid ? "有効な受注です。" : "キャンセル";
    if (wasValid && !valid) {
      order.base.receive_order_cancel_date = neDate(companyNow(company));
      releaseAllocation(company, order);
    }
  }
  touch(company, order);
  return { result: "success" };
}

/** 出荷確定: from 納品書印刷待ち (20) or 納品書印刷済 (40) to 50; stock leaves with the parcel. */
function shipOrder(company: Company, params: URLSearchParams): Envelope {
  const order = lockedOrder(company, params);
  if ("result" in order) return order as Envelope;
  const status = order.base.receive_order_order_status_id;
  if (order.base.receive_order_cancel_type_id !== "0") return error("020005", "キャンセルされた受注伝票は出荷確定できません");
  if (status !== "20" && status !== "40") return error("020005", `受注状態 ${ORDER_STATUS_NAMES[status ?? ""] ?? status} の受注伝票は出荷確定できません`);
  const now = neDate(companyNow(company));
  for (const row of order.rows) {
    if (row.receive_order_row_cancel_flag === "1") continue;
    const goods = findGoods(company, row.receive_order_row_goods_id ?? "");
    if (!goods) continue;
    const allocated = Number(row.receive_order_row_stock_allocation_quantity ?? "0");
    goods.quantity -= Number(row.receive_order_row_quantity ?? "0");
    goods.allocated = Math.max(0, goods.allocated - allocated);
    goods.modified = now;
  }
  order.base.receive_order_order_status_id = "50";
  order.base.receive_order_order_status_name = ORDER_STATUS_NAMES["50"]!;
  order.base.receive_order_send_date = now;
  touch(company, order);
  return { result: "success" };
}

/**
 * /api_v1_master_goods/upload with data_type=csv: the file is checked for shape now and queued;
 * its lines are applied (all or nothing) when the queue runs them. zaiko_su adds or subtracts.
 */
function uploadGoods(company: Company, params: URLSearchParams, forcedFailure: string | undefined): Envelope {
  const dataType = params.get("data_type");
  const data = params.get("data");
  if (dataType !== "csv") return error("030001", dataType === "gz" ? "data_type=gz はこのフェイクでは未対応です (use csv)" : "data_typeはcsvまたはgzを指定して下さい");
  if (!data) return error("030001", "dataは必須です");
  let table: string[][];
  try {
    table = parseCsv(data);
  } catch (e) {
    return error("030002", `CSVを解釈できません: ${String(e)}`);
  }
  const [header, ...lines] = table;
  const codeAt = header?.indexOf("syohin_code") ?? -1;
  const deltaAt = header?.indexOf("zaiko_su") ?? -1;
  if (!header || codeAt < 0) return error("030002", "CSVの1行目にsyohin_code列がありません");
  if (lines.length === 0) return error("030002", "CSVにデータ行がありません");
  const deltas = lines.map((line) => ({ code: (line[codeAt] ?? "").trim(), raw: deltaAt < 0 ? "" : (line[deltaAt] ?? "").trim() }));
  const nowMs = companyNow(company);
  const now = neDate(nowMs);
  const id = (company.queue.at(-1)?.id ?? 0) + 1;
  company.queue.push({
    id,
    method: "SYOHIN_KIHON_CSV",
    fileName: `api_upload_${id}.csv`,
    status: "0",
    message: null,
    acceptedAt: nowMs,
    // a blank zaiko_su changes nothing (it never zeroes); a bad one fails the job when it runs
    deltas: deltas.filter((d) => d.raw !== "").map((d) => ({ code: d.code, delta: /^[+-]?\d+$/.test(d.raw) ? Number(d.raw) : Number.NaN })),
    forcedFailure,
    created: now,
    modified: now,
  });
  return { result: "success", que_id: String(id) };
}

/** Moves queued uploads along the fake clock: 0 (waiting) → 1 (running) → 2 (done) or -1 (failed). */
export function runQueue(company: Company): void {
  const nowMs = companyNow(company);
  for (const que of company.queue) {
    if (que.status === "2" || que.status === "-1") continue;
    const age = nowMs - que.acceptedAt;
    const { pendingMs, runMs } = company.queueTiming;
    if (age < pendingMs) continue;
    if (age < pendingMs + runMs) {
      if (que.status === "0") {
        que.status = "1";
        que.modified = neDate(nowMs);
      }
      continue;
    }
    const failure = que.forcedFailure ?? checkDeltas(company, que.deltas);
    que.modified = neDate(nowMs);
    if (failure) {
      que.status = "-1";
      que.message = failure;
      continue;
    }
    for (const { code, delta } of que.deltas) {
      const goods = findGoods(company, code)!;
      const before = goods.quantity;
      goods.quantity += delta;
      goods.modified = que.modified;
      company.applications.push({ queId: String(que.id), goodsId: goods.id, delta, before, after: goods.quantity, at: que.modified });
    }
    que.status = "2";
    que.message = `${que.deltas.length}件の商品を更新しました`;
  }
}

function checkDeltas(company: Company, deltas: { code: string; delta: number }[]): string | undefined {
  // the same code twice in one file adds up, so check against the running free stock
  const free = new Map<string, number>();
  for (const [i, { code, delta }] of deltas.entries()) {
    const goods = findGoods(company, code);
    if (!goods) return `${i + 2}行目: 商品コード ${code} は商品マスタに存在しません`;
    if (!Number.isInteger(delta)) return `${i + 2}行目: zaiko_suは整数で指定して下さい`;
    const current = free.get(goods.id) ?? goods.quantity - goods.allocated;
    if (current + delta < 0) return `${i + 2}行目: 商品コード ${code} のフリー在庫数(${current})を下回る減算はできません`;
    free.set(goods.id, current + delta);
  }
  return undefined;
}

export interface CallContext {
  company: Company;
  params: URLSearchParams;
  /** a `queue` failure injected for this call's upload */
  forcedQueueFailure?: string;
}

/** Answers one API path for an authenticated company, or undefined when the path is unknown. */
export function answer(path: string, ctx: CallContext): Envelope | undefined {
  const { company, params } = ctx;
  const [, entity, verb] = /^\/(api_v1_[a-z_]+)\/([a-z]+)$/.exec(path) ?? [];
  if (entity === "api_v1_login_company" && verb === "info") {
    return {
      result: "success",
      count: "1",
      data: [{ company_id: company.id, company_ne_id: company.neId, company_name: company.name, company_kana: company.kana, company_host: null }],
    };
  }
  if (entity === "api_v1_login_user" && verb === "info") {
    const u = company.user;
    return { result: "success", count: "1", data: [{ uid: u.uid, pic_id: u.picId, pic_ne_id: u.picNeId, pic_name: u.name, pic_kana: u.kana, pic_mail_address: u.mail }] };
  }
  if (entity === "api_v1_receiveorder_base" && verb === "update") return updateOrder(company, params);
  if (entity === "api_v1_receiveorder_base" && verb === "shipped") return shipOrder(company, params);
  if (entity === "api_v1_master_goods" && verb === "upload") return uploadGoods(company, params, ctx.forcedQueueFailure);
  const e = entity ? ENTITIES[entity] : undefined;
  if (!e) return undefined;
  if (verb === "search") {
    const out = search(e.rows(company), params, e.spec(company));
    return "code" in out ? error(out.code, out.message) : { result: "success", count: String(out.count), data: out.data };
  }
  if (verb === "count") {
    const out = count(e.rows(company), params, e.spec(company));
    return "code" in out ? error(out.code, out.message) : { result: "success", count: String(out.count) };
  }
  return undefined;
}
