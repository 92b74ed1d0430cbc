/**
 * trade_push.php: the store's sales as raw trades of a 自有平台 shop. An upsert keyed by tid
 * (answers new_count / chg_count [S]); the same tid with the same content changes nothing and
 * counts in neither. oid is unique per sid [W→S]; num and price of a pushed oid cannot change
 * [W→S]. Everything is checked before anything is stored, so a refused push leaves no trace [I].
 *
 * Stock: the seed's ERP auto-submits the store's trades (启用订单自动递交), so a pushed line holds
 * its quantity as 待发货量 (`sending_num`) in the trade's warehouse until the ERP ships the trade
 * (control `deliver`), when `stock_num` falls by it [I]. Until then the ERP's `stock_num` still
 * counts goods the store already sold — which is why the 02:10 sync compares Renkei's on-hand with
 * stock_num − order_num − sending_num.
 */
import { CODES, WdtFault } from "../errors";
import { jsonList, required, type Params } from "../params";
import { changeStock, findSpec, now, recordWrite, stockKey, type State, type StoredTrade } from "../state";

interface PushedOrder {
  oid?: string;
  num?: number | string;
  price?: number | string;
  status?: number | string;
  refund_status?: number | string;
  goods_id?: string;
  spec_no?: string;
  goods_name?: string;
  [field: string]: unknown;
}
interface PushedTrade {
  tid?: string;
  trade_status?: number | string;
  delivery_term?: number | string;
  buyer_nick?: string;
  order_list?: PushedOrder[];
  [field: string]: unknown;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

const missing = (v: unknown) => v === undefined || v === null || v === "";

function validate(state: State, shopNo: string, trades: PushedTrade[], strict: boolean) {
  if (trades.length > state.limits.tradesPerPush) throw new WdtFault(CODES.INVALID_PARAM, `trade_list 一次最多推送${state.limits.tradesPerPush}个订单`);
  const nicks = new Map<string, number>();
  const tids = new Set<string>();
  const oids = new Set<string>();
  for (const [i, trade] of trades.entries()) {
    for (const field of ["tid", "trade_status", "delivery_term"] as const) {
      if (missing(trade[field])) throw new WdtFault(CODES.MISSING_PARAM, `trade_list[${i}] 缺少 ${field}`);
    }
    if (!Array.isArray(trade.order_list) || trade.order_list.length === 0) throw new WdtFault(CODES.MISSING_PARAM, `trade_list[${i}] 缺少 order_list`);
    const tid = String(trade.tid);
    if (tids.has(tid)) throw new WdtFault(CODES.BUSINESS, `同一批次中原始单号重复: ${tid}`);
    tids.add(tid);
    const nick = String(trade.buyer_nick ?? "");
    nicks.set(nick, (nicks.get(nick) ?? 0) + 1);
    if (nicks.get(nick)! > state.limits.sameNickPerPush) throw new WdtFault(CODES.BUSINESS, `同一买家昵称一次最多推送${state.limits.sameNickPerPush}个订单: ${nick}`);
    const stored = state.trades.get(`${shopNo}\u0000${tid}`);
    const storedOrders = new Map(((stored?.trade.order_list as PushedOrder[] | undefined) ?? []).map((o) => [String(o.oid), o]));
    for (const [j, order] of trade.order_list.entries()) {
      for (const field of ["oid", "num", "price", "goods_id", "spec_no", "goods_name"] as const) {
        if (missing(order[field])) throw new WdtFault(CODES.MISSING_PARAM, `trade_list[${i}].order_list[${j}] 缺少 ${field}`);
      }
      const oid = String(order.oid);
      if (oids.has(oid)) throw new WdtFault(CODES.BUSINESS, `子订单编号重复: ${oid}`);
      oids.add(oid);
      const owner = state.oids.get(oid);
      if (owner && owner !== `${shopNo}\u0000${tid}`) throw new WdtFault(CODES.BUSINESS, `子订单编号已被其他订单使用: ${oid}`);
      const before = storedOrders.get(oid);
      if (before && (Number(before.num) !== Number(order.num) || Number(before.price) !== Number(order.price))) {
        throw new WdtFault(CODES.BUSINESS, `子订单 ${oid} 的数量和价格推送后不可修改`);
      }
      if (strict && !findSpec(state, String(order.spec_no))) throw new WdtFault(CODES.NO_GOODS_MATCHED, `货品不存在: ${order.spec_no}`);
    }
  }
}

export function tradePush(state: State, params: Params) {
  const shopNo = required(params, "shop_no");
  const shop = state.shops.get(shopNo);
  if (!shop || shop.is_disabled) throw new WdtFault(CODES.SHOP_INVALID, `店铺不存在或已停用: ${shopNo}`);
  const strict = params.switch === "1";
  const trades = jsonList<PushedTrade>(params, "trade_list");
  validate(state, shopNo, trades, strict);
  let newCount = 0;
  let chgCount = 0;
  const at = now(state);
  for (const trade of trades) {
    const key = `${shopNo}\u0000${trade.tid}`;
    const content = canonical(trade);
    const stored = state.trades.get(key);
    if (stored?.content === content) continue;
    const known = new Set(((stored?.trade.order_list as PushedOrder[] | undefined) ?? []).map((o) => String(o.oid)));
    state.trades.set(key, { shop_no: shopNo, tid: String(trade.tid), content, trade, created: stored?.created ?? at, modified: at, delivered: stored?.delivered });
    for (const order of trade.order_list!) state.oids.set(String(order.oid), key);
    if (!stored?.delivered) {
      const warehouseNo = String(trade.warehouse_no ?? shop.warehouses[0] ?? "");
      for (const order of trade.order_list!) {
        if (!known.has(String(order.oid))) holdOrShip(state, warehouseNo, order, { sending: Number(order.num) });
      }
    }
    if (stored) chgCount++;
    else newCount++;
    recordWrite(state, { kind: "trade", endpoint: "trade_push.php", key: String(trade.tid), detail: { shop_no: shopNo, action: stored ? "chg" : "new", trade } });
  }
  return { new_count: newCount, chg_count: chgCount };
}

/**
 * Only a warehouse that stocks the goods (a row: 库存管理 → 添加货品, or any stock booked there)
 * holds or ships them; a line for goods the warehouse has no row of moves nothing [I].
 */
function holdOrShip(state: State, warehouseNo: string, order: PushedOrder, change: { add?: number; sending: number }) {
  if (state.stock.has(stockKey(warehouseNo, String(order.spec_no)))) changeStock(state, warehouseNo, String(order.spec_no), change);
}

/** The ERP ships pushed trades (all undelivered ones, or one shop's / one tid): stock leaves the warehouse. */
export function deliverTrades(state: State, filter: { shop_no?: string; tid?: string } = {}) {
  const shipped: string[] = [];
  for (const stored of state.trades.values()) {
    if (stored.delivered || (filter.shop_no && stored.shop_no !== filter.shop_no) || (filter.tid && stored.tid !== filter.tid)) continue;
    const shop = state.shops.get(stored.shop_no);
    const warehouseNo = String(stored.trade.warehouse_no ?? shop?.warehouses[0] ?? "");
    for (const order of stored.trade.order_list as PushedOrder[]) holdOrShip(state, warehouseNo, order, { add: -Number(order.num), sending: -Number(order.num) });
    (stored as StoredTrade).delivered = true;
    shipped.push(stored.tid);
  }
  return { delivered: shipped };
}
