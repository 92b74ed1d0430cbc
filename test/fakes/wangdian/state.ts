/**
 * The fake ERP's memory: master data, stock per warehouse × spec, pushed trades and documents,
 * the query→ack queues, ERP-side settings, call counters and the log of every applied write.
 * Only `changeStock` moves stock, so the stock-change queue can never miss a change.
 */
import { formatBeijing } from "./params";

export interface Credentials {
  sid: string;
  appkey: string;
  appsecret: string;
}

export interface Spec {
  spec_no: string;
  spec_name: string;
  barcode: string;
  /** 零售价, yuan with decimals, as text */
  retail_price: string;
  img_url: string;
  created: number;
  modified: number;
  deleted: number;
}

export interface Goods {
  goods_no: string;
  goods_name: string;
  goods_type: number;
  /** category levels, root first; goods_query shows the leaf as class_name, goods_class_query the tree */
  class_path: string[];
  brand_name: string;
  unit_name: string;
  created: number;
  modified: number;
  deleted: number;
  specs: Spec[];
}

export interface Shop {
  shop_id: number;
  shop_no: string;
  shop_name: string;
  /** 127 = 自有平台 (self-built shop) [S] */
  platform_id: number;
  sub_platform_id: number;
  account_nick: string;
  is_disabled: number;
  /** 选仓策略 — warehouses this shop sells from; feeds the sellable-stock queue [I] */
  warehouses: string[];
}

export interface Warehouse {
  warehouse_id: number;
  warehouse_no: string;
  name: string;
  warehouse_type: number;
  is_disabled: number;
}

export interface Logistics {
  logistics_id: number;
  logistics_no: string;
  logistics_name: string;
  logistics_type: number;
  /** 1 = 无单号物流 (no tracking number) [I] */
  is_no_waybill: number;
  /** 1 = 支持货到付款 [I] */
  is_support_cod: number;
}

export interface StockRow {
  warehouse_no: string;
  spec_no: string;
  stock_num: number;
  lock_num: number;
  /** 待发货量: what pushed trades hold until the ERP ships them (stock_num falls then) [I] */
  sending_num: number;
  modified: number;
}

export interface DocumentLine {
  spec_no: string;
  num: number;
  price: number;
}

/** An ERP stock-in or stock-out order, whether made in the ERP or pushed through the API. */
export interface ErpDocument {
  direction: "in" | "out";
  order_no: string;
  order_type: number;
  order_type_name: string;
  /** 80 = 已完成; 20 = 待审核 (auto-approve off) [I] */
  status: number;
  warehouse_no: string;
  src_order_no: string;
  outer_no: string;
  remark: string;
  created: number;
  modified: number;
  lines: DocumentLine[];
  via: "erp" | "api";
}

export interface StoredTrade {
  shop_no: string;
  tid: string;
  /** canonical JSON of what was pushed, to tell a repeat from a change */
  content: string;
  trade: Record<string, unknown>;
  created: number;
  modified: number;
  /** the ERP shipped it (control `deliver`): its lines left stock_num and sending_num */
  delivered?: boolean;
}

export interface LogisticsSyncRow {
  rec_id: number;
  shop_no: string;
  tid: string;
  oids: string;
  logistics_no: string;
  logistics_type: number;
  logistics_name: string;
  consign_time: number;
  is_part_sync: number;
  try_times: number;
  /** set by logistics_sync_ack; an acked row is never served again */
  ack: { status: number; message: string } | null;
}

export interface StockChangeRow {
  rec_id: number;
  shop_no: string;
  spec_no: string;
  sync_stock: number;
  stock_change_count: number;
}

export interface Write {
  seq: number;
  at: string;
  kind: "trade" | "stockin" | "stockout" | "stocktake" | "goods" | "logistics_ack" | "stock_change_ack";
  endpoint: string;
  key: string;
  detail: unknown;
}

/** ERP-side settings of seed §2.3 (设置→系统设置 and 店铺). None is readable through openapi2 [I]. */
export interface Settings {
  autoDownloadTrades: boolean; // 启用订单自动下载
  autoSubmitTrades: boolean; // 启用订单自动递交
  forbidFetchTrades: boolean; // 店铺: 禁止抓取订单 (must be unticked)
  matchBySpecNo: boolean; // 自动按商家编码匹配货品
  matchByGoodsAndSpecNo: boolean; // 多规格货品匹配使用“主商家编码”+“规格商家编码” (must be unticked)
  autoApprovePdIn: boolean; // 自动审核盘点入库
  autoApprovePdOut: boolean; // 自动审核盘点出库
  autoApproveOtherIn: boolean; // 自动审核其他入库
  autoApproveOtherOut: boolean; // 自动审核其他出库
  autoSettleOtherIn: boolean; // 其他入库自动结算
  autoSettleOtherOut: boolean; // 其他出库自动结算
  adminHasRights: boolean; // Admin 主账号有新店铺及仓库的权限
}

export interface Limits {
  /** ≤ 50 trades per trade_push [W→S] */
  tradesPerPush: number;
  /** ≤ 30 trades with the same buyer_nick per push [W→S] */
  sameNickPerPush: number;
  /** ≤ 50 rows per *_ack [W→S] */
  acksPerCall: number;
  /** ≤ 500 goods_list lines per stock_sync_by_pd [W→S] */
  pdLinesPerCall: number;
  /** ≤ 2,000 stock_sync_by_pd calls a day [W→S] */
  pdCallsPerDay: number;
  /** allowed |server − timestamp|, seconds: 5 minutes [W→S] */
  timestampSkewSeconds: number;
  /** calls per minute per sid before code 1050 (0 = unlimited) [I] */
  callsPerMinute: number;
  /** stock-out below zero refused ("库存不足") unless true [I] */
  allowNegativeStock: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  tradesPerPush: 50,
  sameNickPerPush: 30,
  acksPerCall: 50,
  pdLinesPerCall: 500,
  pdCallsPerDay: 2000,
  timestampSkewSeconds: 300,
  callsPerMinute: 0,
  allowNegativeStock: false,
};

export const DEFAULT_SETTINGS: Settings = {
  autoDownloadTrades: true,
  autoSubmitTrades: true,
  forbidFetchTrades: false,
  matchBySpecNo: true,
  matchByGoodsAndSpecNo: false,
  autoApprovePdIn: true,
  autoApprovePdOut: true,
  autoApproveOtherIn: true,
  autoApproveOtherOut: true,
  autoSettleOtherIn: true,
  autoSettleOtherOut: true,
  adminHasRights: true,
};

/** What the next matching call answers instead of its contract (control action `fail`). */
export interface Failure {
  /** only calls to this endpoint file (e.g. "trade_push.php"); any endpoint when absent */
  endpoint?: string;
  /** only calls made with this sid (tests share one fake: a failure meant for one must not hit another) */
  sid?: string;
  /** answer this HTTP status (e.g. 503, 429) */
  status?: number;
  /** answer HTTP 200 with this envelope code */
  code?: number;
  message?: string;
  /** wait this long first (with neither status nor code: then answer normally — a slow ERP) */
  delayMs?: number;
  /** apply the call, then answer the failure (the write happened but the answer was lost) */
  afterApply?: boolean;
}

export function createState(credentials: Credentials) {
  return {
    credentials: [credentials] as Credentials[],
    /** fixed clock in ms, or null for the real clock */
    fixedNow: null as number | null,
    offsetMs: 0,
    goods: new Map<string, Goods>(),
    shops: new Map<string, Shop>(),
    warehouses: new Map<string, Warehouse>(),
    logistics: new Map<string, Logistics>(),
    stock: new Map<string, StockRow>(),
    trades: new Map<string, StoredTrade>(),
    /** oid → trade key: an oid is unique per sid [W→S] */
    oids: new Map<string, string>(),
    documents: [] as ErpDocument[],
    /** outer_no of pushed stock-in / stock-out orders and api_outer_no of stocktakes → answer */
    outerNos: new Map<string, Record<string, unknown>>(),
    logisticsSync: [] as LogisticsSyncRow[],
    stockChanges: new Map<string, StockChangeRow>(),
    writes: [] as Write[],
    settings: { ...DEFAULT_SETTINGS },
    limits: { ...DEFAULT_LIMITS },
    /** `${beijing day}|${endpoint}` → calls */
    dailyCalls: new Map<string, number>(),
    minuteCalls: { minute: 0, count: 0 },
    failures: [] as Failure[],
    sequence: 1000,
  };
}
export type State = ReturnType<typeof createState>;

export const now = (state: State) => (state.fixedNow ?? Date.now()) + state.offsetMs;
export const nextId = (state: State) => ++state.sequence;
export const stockKey = (warehouseNo: string, specNo: string) => `${warehouseNo}\u0000${specNo}`;
export const beijingDay = (ms: number) => formatBeijing(ms).slice(0, 10);

export function findSpec(state: State, specNo: string): { goods: Goods; spec: Spec } | null {
  for (const goods of state.goods.values()) {
    const spec = goods.specs.find((s) => s.spec_no === specNo && !s.deleted);
    if (spec && !goods.deleted) return { goods, spec };
  }
  return null;
}

export function recordWrite(state: State, write: Omit<Write, "seq" | "at">) {
  state.writes.push({ seq: state.writes.length + 1, at: new Date(now(state)).toISOString(), ...write });
}

/** The one place stock changes: sets the row and queues the sellable stock for shops using it. */
export function changeStock(state: State, warehouseNo: string, specNo: string, change: { set?: number; add?: number; sending?: number }) {
  const key = stockKey(warehouseNo, specNo);
  const row = state.stock.get(key) ?? { warehouse_no: warehouseNo, spec_no: specNo, stock_num: 0, lock_num: 0, sending_num: 0, modified: now(state) };
  const before = row.stock_num;
  row.stock_num = change.set ?? row.stock_num + (change.add ?? 0);
  row.sending_num += change.sending ?? 0;
  row.modified = now(state);
  state.stock.set(key, row);
  for (const shop of state.shops.values()) {
    if (!shop.warehouses.includes(warehouseNo)) continue;
    const sellable = shop.warehouses.reduce((sum, w) => {
      const r = state.stock.get(stockKey(w, specNo));
      return sum + (r ? Math.max(0, r.stock_num - r.lock_num - r.sending_num) : 0);
    }, 0);
    const changeKey = `${shop.shop_no}\u0000${specNo}`;
    const queued = state.stockChanges.get(changeKey);
    if (queued) {
      queued.sync_stock = sellable;
      queued.stock_change_count++;
    } else {
      state.stockChanges.set(changeKey, { rec_id: nextId(state), shop_no: shop.shop_no, spec_no: specNo, sync_stock: sellable, stock_change_count: 1 });
    }
  }
  return { before, after: row.stock_num };
}
