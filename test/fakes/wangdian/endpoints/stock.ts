/**
 * Stock: stock_query.php (paged read, modified-time window ≤ 30 days) and stock_sync_by_pd.php
 * (盘点: absolute counts overwrite the ERP's stock; ≤ 500 lines a call, ≤ 2,000 calls a day,
 * api_outer_no unique → 21000006). A stocktake makes 盘盈入库 / 盘亏出库 documents, as the ERP
 * does, which the stock-in / stock-out queries then list (and a store must never receive).
 */
import { CODES, WdtFault } from "../errors";
import { formatBeijing, inWindow, jsonList, paging, quantity, required, timeWindow, type Params } from "../params";
import { beijingDay, changeStock, findSpec, nextId, now, recordWrite, stockKey, type DocumentLine, type State } from "../state";
import { STOCKIN_TYPES, STOCKOUT_TYPES } from "./documents";

/** ≤ 30 days [W→S] (Y docs); required unless spec_no or barcode narrows the query [I]. */
export const STOCK_WINDOW_DAYS = 30;

export function stockQuery(state: State, params: Params) {
  const narrowed = Boolean(params.spec_no || params.barcode);
  const window = timeWindow(params, STOCK_WINDOW_DAYS, !narrowed);
  const { pageNo, pageSize } = paging(params, 100, 1000);
  const barcodeSpec = params.barcode ? [...state.goods.values()].flatMap((g) => g.specs).find((s) => s.barcode === params.barcode)?.spec_no ?? "\u0000" : null;
  const rows = [...state.stock.values()]
    .filter((r) => !params.warehouse_no || r.warehouse_no === params.warehouse_no)
    .filter((r) => !params.spec_no || r.spec_no === params.spec_no)
    .filter((r) => barcodeSpec === null || r.spec_no === barcodeSpec)
    .filter((r) => inWindow(r.modified, window))
    .sort((a, b) => a.modified - b.modified || (stockKey(a.warehouse_no, a.spec_no) < stockKey(b.warehouse_no, b.spec_no) ? -1 : 1));
  const stocks = rows.slice(pageNo * pageSize, (pageNo + 1) * pageSize).map((r) => {
    const found = findSpec(state, r.spec_no);
    return {
      spec_no: r.spec_no,
      spec_name: found?.spec.spec_name ?? "",
      goods_no: found?.goods.goods_no ?? "",
      goods_name: found?.goods.goods_name ?? "",
      warehouse_no: r.warehouse_no,
      warehouse_name: state.warehouses.get(r.warehouse_no)?.name ?? "",
      stock_num: quantity(r.stock_num),
      lock_num: quantity(r.lock_num),
      order_num: quantity(0),
      sending_num: quantity(r.sending_num),
      purchase_num: quantity(0),
      transfer_num: quantity(0),
      to_transfer_num: quantity(0),
      refund_num: quantity(0),
      modified: formatBeijing(r.modified),
    };
  });
  // total_count only on the first page, as the Y docs say of stock_query [W→S]
  return pageNo === 0 ? { total_count: rows.length, stocks } : { stocks };
}

interface PdLine {
  spec_no?: string;
  stock_num?: number | string;
}

export function stockSyncByPd(state: State, params: Params, sid: string) {
  const calls = state.dailyCalls.get(`${beijingDay(now(state))}|stock_sync_by_pd.php`) ?? 0;
  if (calls > state.limits.pdCallsPerDay) throw new WdtFault(CODES.DAILY_LIMIT, `超过每日最大调用次数(${state.limits.pdCallsPerDay})`);
  const warehouseNo = required(params, "warehouse_no");
  const warehouse = state.warehouses.get(warehouseNo);
  if (!warehouse || warehouse.is_disabled) throw new WdtFault(CODES.INVALID_PARAM, `仓库不存在或已停用: ${warehouseNo}`);
  const lines = jsonList<PdLine>(params, "goods_list");
  if (lines.length > state.limits.pdLinesPerCall) throw new WdtFault(CODES.INVALID_PARAM, `goods_list 不能超过${state.limits.pdLinesPerCall}条`);
  for (const [i, line] of lines.entries()) {
    const n = Number(line.stock_num);
    if (!line.spec_no || line.stock_num === undefined || line.stock_num === "" || !Number.isFinite(n) || n < 0) {
      throw new WdtFault(CODES.MISSING_PARAM, `goods_list[${i}] 缺少 spec_no/stock_num`);
    }
  }
  const outerNo = params.api_outer_no || params.outer_no || "";
  const dedupeKey = `pd|${sid}|${outerNo}`;
  if (outerNo && state.outerNos.has(dedupeKey)) throw new WdtFault(CODES.DUPLICATE_OUTER_NO, `api_outer_no 重复: ${outerNo}`);

  const allOrNothing = params.is_post_error === "1";
  const createStock = params.is_create_stock === "1";
  const forceAdjust = params.is_adjust_stock === "1";
  const warning: { spec_no: string; error_msg: string }[] = [];
  const accepted: { spec_no: string; stock_num: number }[] = [];
  for (const line of lines) {
    if (!findSpec(state, line.spec_no!)) warning.push({ spec_no: line.spec_no!, error_msg: "货品不存在" });
    else if (!createStock && !state.stock.has(stockKey(warehouseNo, line.spec_no!))) warning.push({ spec_no: line.spec_no!, error_msg: "该仓库无此货品库存记录" });
    else accepted.push({ spec_no: line.spec_no!, stock_num: Number(line.stock_num) });
  }
  if (allOrNothing && warning.length) throw new WdtFault(CODES.NO_GOODS_MATCHED, "货品不存在或无库存记录", { warning });

  const pdNo = `PD${nextId(state)}`;
  const surplus: DocumentLine[] = [];
  const deficit: DocumentLine[] = [];
  const applied: { spec_no: string; before: number; after: number; applied: boolean }[] = [];
  for (const line of accepted) {
    const before = state.stock.get(stockKey(warehouseNo, line.spec_no))?.stock_num ?? 0;
    const diff = line.stock_num - before;
    // Surplus becomes 盘盈入库, deficit 盘亏出库; each applies at once only when the ERP auto-approves it.
    const approve = forceAdjust || (diff > 0 ? state.settings.autoApprovePdIn : diff < 0 ? state.settings.autoApprovePdOut : true);
    if (diff > 0) surplus.push({ spec_no: line.spec_no, num: diff, price: 0 });
    if (diff < 0) deficit.push({ spec_no: line.spec_no, num: -diff, price: 0 });
    if (approve) changeStock(state, warehouseNo, line.spec_no, { set: line.stock_num });
    applied.push({ spec_no: line.spec_no, before, after: approve ? line.stock_num : before, applied: approve });
  }
  const at = now(state);
  const doc = (direction: "in" | "out", docLines: DocumentLine[], approved: boolean) => {
    const type = direction === "in" ? STOCKIN_TYPES.pdSurplus : STOCKOUT_TYPES.pdDeficit;
    state.documents.push({
      direction,
      order_no: `${direction === "in" ? "RK" : "CK"}${nextId(state)}`,
      order_type: type.code,
      order_type_name: type.name,
      status: approved ? 80 : 20,
      warehouse_no: warehouseNo,
      src_order_no: pdNo,
      outer_no: outerNo,
      remark: "",
      created: at,
      modified: at,
      lines: docLines,
      via: "api",
    });
  };
  if (surplus.length) doc("in", surplus, forceAdjust || state.settings.autoApprovePdIn);
  if (deficit.length) doc("out", deficit, forceAdjust || state.settings.autoApprovePdOut);

  const answer = { pd_no: pdNo, warning };
  if (outerNo) state.outerNos.set(dedupeKey, answer);
  recordWrite(state, { kind: "stocktake", endpoint: "stock_sync_by_pd.php", key: outerNo || pdNo, detail: { warehouse_no: warehouseNo, pd_no: pdNo, lines: applied, warning } });
  return answer;
}
