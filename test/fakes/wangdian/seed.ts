/**
 * Loading data without the contract (control actions `seed` and `demo`). Times may be given as
 * ISO instants or Beijing "YYYY-MM-DD HH:MM:SS"; omitted ones are the fake's now. Stock goes
 * through changeStock, so seeding it queues sellable-stock changes like any other change.
 */
import { parseBeijing } from "./params";
import { STOCKIN_TYPES, STOCKOUT_TYPES } from "./endpoints/documents";
import { deliverTrades } from "./endpoints/trades";
import {
  changeStock,
  nextId,
  now,
  type Credentials,
  type Limits,
  type Logistics,
  type Settings,
  type State,
} from "./state";

type Time = string | number | undefined;

export interface SeedSpec {
  spec_no: string;
  spec_name?: string;
  barcode?: string;
  retail_price?: number | string;
  img_url?: string;
  created?: Time;
  modified?: Time;
}
export interface SeedGoods {
  goods_no: string;
  goods_name: string;
  /** "服饰/配件/帽子" or ["服饰", "配件", "帽子"] */
  class_name?: string | string[];
  brand_name?: string;
  unit_name?: string;
  created?: Time;
  modified?: Time;
  deleted?: boolean;
  spec_list: SeedSpec[];
}
export interface SeedDocument {
  direction: "in" | "out";
  /** a key of STOCKIN_TYPES / STOCKOUT_TYPES ("purchase", "transfer", "pdSurplus", …) or a code */
  order_type: string | number;
  warehouse_no: string;
  order_no?: string;
  status?: number;
  src_order_no?: string;
  outer_no?: string;
  remark?: string;
  created?: Time;
  modified?: Time;
  lines: { spec_no: string; num: number; price?: number }[];
}
export interface SeedShipment {
  tid: string;
  shop_no?: string;
  oids?: string;
  logistics_no: string;
  logistics_name?: string;
  logistics_type?: number;
  is_part_sync?: number;
  consign_time?: Time;
}
export interface Seed {
  credentials?: Credentials[];
  shops?: { shop_no: string; shop_name?: string; platform_id?: number; sub_platform_id?: number; is_disabled?: number; warehouses?: string[] }[];
  warehouses?: { warehouse_no: string; name?: string; warehouse_type?: number; is_disabled?: number }[];
  logistics?: (Partial<Logistics> & { logistics_no: string })[];
  goods?: SeedGoods[];
  stock?: { warehouse_no: string; spec_no: string; stock_num: number; lock_num?: number }[];
  documents?: SeedDocument[];
  shipments?: SeedShipment[];
  settings?: Partial<Settings>;
  limits?: Partial<Limits>;
}

export function toMs(state: State, time: Time): number {
  if (time === undefined) return now(state);
  if (typeof time === "number") return time < 1e11 ? time * 1000 : time;
  return parseBeijing(time) ?? Date.parse(time);
}

function orderType(direction: "in" | "out", type: string | number) {
  const table: Record<string, { code: number; name: string }> = direction === "in" ? STOCKIN_TYPES : STOCKOUT_TYPES;
  const found = typeof type === "number" ? Object.values(table).find((t) => t.code === type) : table[type];
  if (!found) throw new Error(`unknown ${direction} order_type ${type}`);
  return found;
}

export function applySeed(state: State, seed: Seed) {
  for (const c of seed.credentials ?? []) {
    if (!state.credentials.some((k) => k.sid === c.sid && k.appkey === c.appkey)) state.credentials.push(c);
  }
  for (const w of seed.warehouses ?? []) {
    const existing = state.warehouses.get(w.warehouse_no);
    state.warehouses.set(w.warehouse_no, {
      warehouse_id: existing?.warehouse_id ?? nextId(state),
      warehouse_no: w.warehouse_no,
      name: w.name ?? existing?.name ?? w.warehouse_no,
      warehouse_type: w.warehouse_type ?? 1,
      is_disabled: w.is_disabled ?? 0,
    });
  }
  for (const s of seed.shops ?? []) {
    const existing = state.shops.get(s.shop_no);
    state.shops.set(s.shop_no, {
      shop_id: existing?.shop_id ?? nextId(state),
      shop_no: s.shop_no,
      shop_name: s.shop_name ?? existing?.shop_name ?? s.shop_no,
      platform_id: s.platform_id ?? 127,
      sub_platform_id: s.sub_platform_id ?? 0,
      account_nick: s.shop_no,
      is_disabled: s.is_disabled ?? 0,
      warehouses: s.warehouses ?? existing?.warehouses ?? [],
    });
  }
  for (const l of seed.logistics ?? []) {
    state.logistics.set(l.logistics_no, {
      logistics_id: nextId(state),
      logistics_name: l.logistics_no,
      logistics_type: 1,
      is_no_waybill: 0,
      is_support_cod: 0,
      ...l,
    });
  }
  for (const g of seed.goods ?? []) {
    const created = toMs(state, g.created);
    state.goods.set(g.goods_no, {
      goods_no: g.goods_no,
      goods_name: g.goods_name,
      goods_type: 1,
      class_path: Array.isArray(g.class_name) ? g.class_name : g.class_name ? g.class_name.split("/") : [],
      brand_name: g.brand_name ?? "",
      unit_name: g.unit_name ?? "",
      created,
      modified: toMs(state, g.modified ?? g.created),
      deleted: g.deleted ? 1 : 0,
      specs: g.spec_list.map((s) => ({
        spec_no: s.spec_no,
        spec_name: s.spec_name ?? "",
        barcode: s.barcode ?? "",
        retail_price: Number(s.retail_price ?? 0).toFixed(4),
        img_url: s.img_url ?? "",
        created: toMs(state, s.created ?? g.created),
        modified: toMs(state, s.modified ?? s.created ?? g.modified ?? g.created),
        deleted: 0,
      })),
    });
  }
  for (const row of seed.stock ?? []) {
    changeStock(state, row.warehouse_no, row.spec_no, { set: row.stock_num });
    if (row.lock_num !== undefined) state.stock.get(`${row.warehouse_no}\u0000${row.spec_no}`)!.lock_num = row.lock_num;
  }
  for (const d of seed.documents ?? []) {
    const type = orderType(d.direction, d.order_type);
    const created = toMs(state, d.created);
    state.documents.push({
      direction: d.direction,
      order_no: d.order_no ?? `${d.direction === "in" ? "RK" : "CK"}${nextId(state)}`,
      order_type: type.code,
      order_type_name: type.name,
      status: d.status ?? 80,
      warehouse_no: d.warehouse_no,
      src_order_no: d.src_order_no ?? "",
      outer_no: d.outer_no ?? "",
      remark: d.remark ?? "",
      created,
      modified: toMs(state, d.modified ?? d.created),
      lines: d.lines.map((l) => ({ spec_no: l.spec_no, num: l.num, price: l.price ?? 0 })),
      via: "erp",
    });
  }
  for (const s of seed.shipments ?? []) addShipment(state, s);
  Object.assign(state.settings, seed.settings ?? {});
  Object.assign(state.limits, seed.limits ?? {});
}

/** The ERP shipped a trade: a row for logistics_sync_query to serve until acked. */
export function addShipment(state: State, s: SeedShipment) {
  const stored = [...state.trades.values()].find((t) => t.tid === s.tid && (!s.shop_no || t.shop_no === s.shop_no));
  const shopNo = s.shop_no ?? stored?.shop_no;
  if (!shopNo) throw new Error(`no shop for trade ${s.tid}`);
  const oids = s.oids ?? ((stored?.trade.order_list as { oid: string }[] | undefined) ?? []).map((o) => o.oid).join(",");
  const row = {
    rec_id: nextId(state),
    shop_no: shopNo,
    tid: s.tid,
    oids,
    logistics_no: s.logistics_no,
    logistics_type: s.logistics_type ?? 1,
    logistics_name: s.logistics_name ?? "",
    consign_time: toMs(state, s.consign_time),
    is_part_sync: s.is_part_sync ?? 0,
    try_times: 0,
    ack: null,
  };
  state.logisticsSync.push(row);
  // shipping a pushed trade takes its goods out of the warehouse, as `deliver` does
  if (stored) deliverTrades(state, { shop_no: shopNo, tid: s.tid });
  return row;
}
