/**
 * The query → ack queues. logistics_sync_query.php serves shipments to report to the shop until
 * logistics_sync_ack.php acks them (rec_id, status 0 ok / 1 failed); api_goods_stock_change_query.php
 * serves sellable stock per shop SKU until api_goods_stock_change_ack.php acks it with the
 * stock_change_count it was served — a row whose stock changed again since stays queued [I].
 * ≤ 50 acks a call [W→S]; query `limit` 1–100 for logistics [W→S], 1–2,000 for stock [W→S].
 */
import { CODES, WdtFault } from "../errors";
import { formatBeijing, jsonList, optionalInt, quantity, required, type Params } from "../params";
import { recordWrite, type State } from "../state";

function shopOf(state: State, params: Params) {
  const shopNo = required(params, "shop_no");
  const shop = state.shops.get(shopNo);
  if (!shop || shop.is_disabled) throw new WdtFault(CODES.SHOP_INVALID, `店铺不存在或已停用: ${shopNo}`);
  return shop;
}

function acks<T>(state: State, params: Params, name: string): T[] {
  const list = jsonList<T>(params, name);
  if (list.length > state.limits.acksPerCall) throw new WdtFault(CODES.INVALID_PARAM, `${name} 一次最多回写${state.limits.acksPerCall}条`);
  return list;
}

export function logisticsSyncQuery(state: State, params: Params) {
  const shop = shopOf(state, params);
  const limit = optionalInt(params, "limit", 100, 1, 100);
  const rows = state.logisticsSync.filter((r) => r.shop_no === shop.shop_no && r.ack === null).slice(0, limit);
  for (const row of rows) row.try_times++;
  return {
    trades: rows.map(({ ack: _, ...row }) => ({
      ...row,
      consign_time: formatBeijing(row.consign_time),
      platform_id: shop.platform_id,
      sync_status: 0,
      delivery_term: 1,
    })),
  };
}

export function logisticsSyncAck(state: State, params: Params) {
  const list = acks<{ rec_id?: number | string; status?: number | string; message?: string }>(state, params, "logistics_list");
  const errors: { rec_id: number; error: string }[] = [];
  for (const ack of list) {
    const row = state.logisticsSync.find((r) => r.rec_id === Number(ack.rec_id));
    if (!row) {
      errors.push({ rec_id: Number(ack.rec_id), error: "记录不存在" });
      continue;
    }
    if (row.ack) continue; // a repeated ack changes nothing
    row.ack = { status: Number(ack.status ?? 0), message: ack.message ?? "" };
    recordWrite(state, { kind: "logistics_ack", endpoint: "logistics_sync_ack.php", key: String(row.rec_id), detail: { tid: row.tid, ...row.ack } });
  }
  return { errors };
}

export function stockChangeQuery(state: State, params: Params) {
  const shop = shopOf(state, params);
  const limit = optionalInt(params, "limit", 100, 1, 2000);
  const rows = [...state.stockChanges.values()].filter((r) => r.shop_no === shop.shop_no).slice(0, limit);
  return { stock_change_list: rows.map((r) => ({ rec_id: r.rec_id, shop_no: r.shop_no, spec_no: r.spec_no, sync_stock: quantity(r.sync_stock), stock_change_count: r.stock_change_count })) };
}

export function stockChangeAck(state: State, params: Params) {
  const list = acks<{ rec_id?: number | string; sync_stock?: number | string; stock_change_count?: number | string }>(state, params, "stock_sync_list");
  const errors: { rec_id: number; error: string }[] = [];
  for (const ack of list) {
    const entry = [...state.stockChanges.entries()].find(([, r]) => r.rec_id === Number(ack.rec_id));
    if (!entry) continue; // already acked: nothing to do
    const [key, row] = entry;
    if (row.stock_change_count !== Number(ack.stock_change_count)) {
      errors.push({ rec_id: row.rec_id, error: "库存已再次变化，请重新获取" });
      continue;
    }
    state.stockChanges.delete(key);
    recordWrite(state, { kind: "stock_change_ack", endpoint: "api_goods_stock_change_ack.php", key: String(row.rec_id), detail: { spec_no: row.spec_no, sync_stock: row.sync_stock } });
  }
  return { errors };
}
