/**
 * Master data reads: shops (shop.php → `shoplist`), warehouses (warehouse_query.php →
 * `warehouses`) and logistics (logistics.php → `logistics_list`). These are the harmless calls a
 * link uses to verify credentials and check that the shop and warehouses it maps exist.
 */
import { page, paging, type Params } from "../params";
import type { State } from "../state";

export function shopQuery(state: State, params: Params) {
  const rows = [...state.shops.values()].filter((shop) => !params.shop_no || shop.shop_no === params.shop_no);
  return {
    total_count: rows.length,
    shoplist: page(rows, paging(params, 40, 100)).map(({ warehouses: _, ...shop }) => ({ ...shop, province: "", city: "", district: "", address: "", contact: "", mobile: "", telno: "", zip: "" })),
  };
}

export function warehouseQuery(state: State, params: Params) {
  const rows = [...state.warehouses.values()].filter((w) => !params.warehouse_no || w.warehouse_no === params.warehouse_no);
  return {
    total_count: rows.length,
    warehouses: page(rows, paging(params, 40, 100)).map((w) => ({ ...w, province: "", city: "", district: "", address: "", contact: "", mobile: "", remark: "" })),
  };
}

export function logisticsQuery(state: State, params: Params) {
  const rows = [...state.logistics.values()].filter((l) => !params.logistics_no || l.logistics_no === params.logistics_no);
  return { total_count: rows.length, logistics_list: page(rows, paging(params, 40, 100)) };
}
