/**
 * Stock-in / stock-out orders. Pushes (stockin_order_push.php `stockin_info`, stockout_order_push.php
 * `stockout_info`) create 其他入库 / 其他出库 orders, deduped on outer_no (a repeat → 21000006), and
 * move stock at once when the ERP auto-approves them. Queries (stockin_order_query.php,
 * stockout_order_query.php) list every order of a warehouse by modified time — the ERP's own
 * purchase, transfer, initialization, production… orders, and the ones pushed through the API.
 */
import { CODES, WdtFault } from "../errors";
import { formatBeijing, inWindow, jsonObject, page, paging, quantity, timeWindow, type Params } from "../params";
import { changeStock, findSpec, nextId, now, recordWrite, stockKey, type DocumentLine, type ErpDocument, type State } from "../state";

/** order_type codes [I]: 1, 2, 6 match the Y push's src_order_type [W→S]; the rest are ours. */
export const STOCKIN_TYPES = {
  purchase: { code: 1, name: "采购入库" },
  transfer: { code: 2, name: "调拨入库" },
  refund: { code: 3, name: "退货入库" },
  pdSurplus: { code: 4, name: "盘盈入库" },
  production: { code: 5, name: "生产入库" },
  other: { code: 6, name: "其他入库" },
  initial: { code: 7, name: "初始化入库" },
  preStockin: { code: 8, name: "预入库" },
  jitRefund: { code: 9, name: "JIT退货入库" },
} as const;

/** order_type codes [I]. */
export const STOCKOUT_TYPES = {
  sale: { code: 1, name: "销售出库" },
  transfer: { code: 2, name: "调拨出库" },
  purchaseReturn: { code: 3, name: "采购退货出库" },
  pdDeficit: { code: 4, name: "盘亏出库" },
  production: { code: 5, name: "生产出库" },
  other: { code: 7, name: "其他出库" },
} as const;

/** Both queries: window ≤ 30 days [W→S for stockout, I for stockin], always required [I]. */
export const DOCUMENT_WINDOW_DAYS = 30;

interface PushedLine {
  spec_no?: string;
  stockin_num?: number | string;
  num?: number | string;
  stockin_price?: number | string;
  price?: number | string;
}
interface PushedOrder {
  outer_no?: string;
  warehouse_no?: string;
  remark?: string;
  goods_list?: PushedLine[];
}

function readPushedOrder(state: State, info: PushedOrder, quantityField: "stockin_num" | "num"): { warehouseNo: string; outerNo: string; lines: DocumentLine[] } {
  if (!info.outer_no) throw new WdtFault(CODES.MISSING_PARAM, "缺少必要参数 outer_no");
  if (!info.warehouse_no) throw new WdtFault(CODES.MISSING_PARAM, "缺少必要参数 warehouse_no");
  const warehouse = state.warehouses.get(info.warehouse_no);
  if (!warehouse || warehouse.is_disabled) throw new WdtFault(CODES.INVALID_PARAM, `仓库不存在或已停用: ${info.warehouse_no}`);
  if (!Array.isArray(info.goods_list) || info.goods_list.length === 0) throw new WdtFault(CODES.MISSING_PARAM, "缺少必要参数 goods_list");
  const lines = info.goods_list.map((line, i) => {
    const num = Number(line[quantityField]);
    if (!line.spec_no || !Number.isFinite(num) || num <= 0) throw new WdtFault(CODES.MISSING_PARAM, `goods_list[${i}] 缺少 spec_no/${quantityField}`);
    if (!findSpec(state, line.spec_no)) throw new WdtFault(CODES.NO_GOODS_MATCHED, `货品不存在: ${line.spec_no}`);
    return { spec_no: line.spec_no, num, price: Number(line.stockin_price ?? line.price ?? 0) };
  });
  return { warehouseNo: info.warehouse_no, outerNo: info.outer_no, lines };
}

function pushOrder(state: State, sid: string, direction: "in" | "out", info: PushedOrder) {
  const { warehouseNo, outerNo, lines } = readPushedOrder(state, info, direction === "in" ? "stockin_num" : "num");
  const dedupeKey = `${direction}|${sid}|${outerNo}`;
  if (state.outerNos.has(dedupeKey)) throw new WdtFault(CODES.DUPLICATE_OUTER_NO, `外部单号已存在: ${outerNo}`);
  const approve = direction === "in" ? state.settings.autoApproveOtherIn : state.settings.autoApproveOtherOut;
  if (approve && direction === "out" && !state.limits.allowNegativeStock) {
    for (const line of lines) {
      const have = state.stock.get(stockKey(warehouseNo, line.spec_no))?.stock_num ?? 0;
      if (have < line.num) throw new WdtFault(CODES.BUSINESS, `库存不足: ${line.spec_no} 库存${have} 出库${line.num}`);
    }
  }
  const at = now(state);
  const type = direction === "in" ? STOCKIN_TYPES.other : STOCKOUT_TYPES.other;
  const orderNo = `${direction === "in" ? "RK" : "CK"}${nextId(state)}`;
  const moved = lines.map((line) => ({
    spec_no: line.spec_no,
    num: line.num,
    ...(approve ? changeStock(state, warehouseNo, line.spec_no, { add: direction === "in" ? line.num : -line.num }) : { before: null, after: null }),
  }));
  state.documents.push({
    direction,
    order_no: orderNo,
    order_type: type.code,
    order_type_name: type.name,
    status: approve ? 80 : 20,
    warehouse_no: warehouseNo,
    src_order_no: "",
    outer_no: outerNo,
    remark: info.remark ?? "",
    created: at,
    modified: at,
    lines,
    via: "api",
  });
  const answer = direction === "in" ? { stockin_no: orderNo } : { stockout_no: orderNo };
  state.outerNos.set(dedupeKey, answer);
  recordWrite(state, {
    kind: direction === "in" ? "stockin" : "stockout",
    endpoint: direction === "in" ? "stockin_order_push.php" : "stockout_order_push.php",
    key: outerNo,
    detail: { warehouse_no: warehouseNo, order_no: orderNo, approved: approve, lines: moved, remark: info.remark ?? "" },
  });
  return answer;
}

export const stockinOrderPush = (state: State, params: Params, sid: string) => pushOrder(state, sid, "in", jsonObject<PushedOrder>(params, "stockin_info"));
export const stockoutOrderPush = (state: State, params: Params, sid: string) => pushOrder(state, sid, "out", jsonObject<PushedOrder>(params, "stockout_info"));

function documentRow(state: State, doc: ErpDocument) {
  const noField = doc.direction === "in" ? "stockin_no" : "stockout_no";
  return {
    [noField]: doc.order_no,
    order_type: doc.order_type,
    order_type_name: doc.order_type_name,
    status: doc.status,
    warehouse_no: doc.warehouse_no,
    warehouse_name: state.warehouses.get(doc.warehouse_no)?.name ?? "",
    src_order_no: doc.src_order_no,
    outer_no: doc.outer_no,
    remark: doc.remark,
    goods_count: quantity(doc.lines.reduce((sum, l) => sum + l.num, 0)),
    created: formatBeijing(doc.created),
    modified: formatBeijing(doc.modified),
    details_list: doc.lines.map((line) => {
      const found = findSpec(state, line.spec_no);
      return {
        spec_no: line.spec_no,
        goods_no: found?.goods.goods_no ?? "",
        goods_name: found?.goods.goods_name ?? "",
        spec_name: found?.spec.spec_name ?? "",
        barcode: found?.spec.barcode ?? "",
        num: quantity(line.num),
        price: line.price.toFixed(4),
      };
    }),
  };
}

function queryOrders(state: State, params: Params, direction: "in" | "out") {
  const window = timeWindow(params, DOCUMENT_WINDOW_DAYS, true);
  const rows = state.documents
    .filter((d) => d.direction === direction)
    .filter((d) => !params.warehouse_no || d.warehouse_no === params.warehouse_no)
    .filter((d) => !params.status || String(d.status) === params.status)
    .filter((d) => !params.order_type || String(d.order_type) === params.order_type)
    .filter((d) => !params.outer_no || d.outer_no === params.outer_no)
    .filter((d) => inWindow(d.modified, window))
    .sort((a, b) => a.modified - b.modified || (a.order_no < b.order_no ? -1 : 1));
  const list = page(rows, paging(params, 40, 100)).map((d) => documentRow(state, d));
  return direction === "in" ? { total_count: rows.length, stockin_list: list } : { total_count: rows.length, stockout_list: list };
}

export const stockinOrderQuery = (state: State, params: Params) => queryOrders(state, params, "in");
export const stockoutOrderQuery = (state: State, params: Params) => queryOrders(state, params, "out");
