/**
 * The goods file: goods_query.php (paged, by spec_no / goods_no or a modified-time window) and
 * goods_push.php (upsert by goods_no, specs by spec_no). Codes are kept exactly as given, so
 * "00123" stays "00123".
 */
import { CODES, WdtFault } from "../errors";
import { formatBeijing, inWindow, jsonList, page, paging, timeWindow, type Params } from "../params";
import { now, recordWrite, type Goods, type Spec, type State } from "../state";

/** goods_query window: 30 days [I] — not required when spec_no or goods_no narrows the query [I]. */
export const GOODS_WINDOW_DAYS = 30;

export function goodsQuery(state: State, params: Params) {
  const narrowed = Boolean(params.spec_no || params.goods_no);
  const window = timeWindow(params, GOODS_WINDOW_DAYS, !narrowed);
  const deleted = params.deleted === "1";
  const rows = [...state.goods.values()]
    .filter((g) => !params.goods_no || g.goods_no === params.goods_no)
    .filter((g) => !params.spec_no || g.specs.some((s) => s.spec_no === params.spec_no))
    .filter((g) => deleted || !g.deleted)
    .filter((g) => inWindow(g.modified, window))
    .sort((a, b) => a.modified - b.modified || (a.goods_no < b.goods_no ? -1 : 1));
  return {
    total_count: rows.length,
    goods_list: page(rows, paging(params, 40, 100)).map((g) => ({
      goods_no: g.goods_no,
      goods_name: g.goods_name,
      goods_type: g.goods_type,
      spec_count: g.specs.length,
      class_name: g.class_path.at(-1) ?? "",
      brand_name: g.brand_name,
      unit_name: g.unit_name,
      created: formatBeijing(g.created),
      modified: formatBeijing(g.modified),
      deleted: g.deleted,
      spec_list: g.specs.map((s) => ({ ...s, created: formatBeijing(s.created), modified: formatBeijing(s.modified) })),
    })),
  };
}

interface PushedSpec {
  spec_no?: string;
  spec_name?: string;
  barcode?: string;
  retail_price?: number | string;
  img_url?: string;
}
interface PushedGoods {
  goods_no?: string;
  goods_name?: string;
  class_name?: string;
  brand_name?: string;
  unit_name?: string;
  spec_list?: PushedSpec[];
}

/** Fields beyond goods_no / spec_no are [I]; answers { new_count, chg_count } [I]. */
export function goodsPush(state: State, params: Params) {
  const list = jsonList<PushedGoods>(params, "goods_list");
  for (const [i, g] of list.entries()) {
    if (!g.goods_no || !g.goods_name) throw new WdtFault(CODES.MISSING_PARAM, `goods_list[${i}] 缺少 goods_no/goods_name`);
    if (!Array.isArray(g.spec_list) || g.spec_list.length === 0 || g.spec_list.some((s) => !s.spec_no)) {
      throw new WdtFault(CODES.MISSING_PARAM, `goods_list[${i}] 缺少 spec_list/spec_no`);
    }
  }
  const at = now(state);
  let newCount = 0;
  let chgCount = 0;
  for (const pushed of list) {
    const existing = state.goods.get(pushed.goods_no!);
    const specs: Spec[] = pushed.spec_list!.map((s) => {
      const old = existing?.specs.find((o) => o.spec_no === s.spec_no);
      return {
        spec_no: s.spec_no!,
        spec_name: s.spec_name ?? old?.spec_name ?? "",
        barcode: s.barcode ?? old?.barcode ?? "",
        retail_price: s.retail_price !== undefined ? Number(s.retail_price).toFixed(4) : (old?.retail_price ?? "0.0000"),
        img_url: s.img_url ?? old?.img_url ?? "",
        created: old?.created ?? at,
        modified: at,
        deleted: 0,
      };
    });
    const goods: Goods = {
      goods_no: pushed.goods_no!,
      goods_name: pushed.goods_name!,
      goods_type: 1,
      class_path: pushed.class_name ? pushed.class_name.split("/") : (existing?.class_path ?? []),
      brand_name: pushed.brand_name ?? existing?.brand_name ?? "",
      unit_name: pushed.unit_name ?? existing?.unit_name ?? "",
      created: existing?.created ?? at,
      modified: at,
      deleted: 0,
      specs: [...(existing?.specs.filter((o) => !specs.some((s) => s.spec_no === o.spec_no)) ?? []), ...specs],
    };
    state.goods.set(goods.goods_no, goods);
    if (existing) chgCount++;
    else newCount++;
    recordWrite(state, { kind: "goods", endpoint: "goods_push.php", key: goods.goods_no, detail: pushed });
  }
  return { new_count: newCount, chg_count: chgCount };
}

/**
 * goods_class_query.php [I fields]: the category tree, one row per class with its parent, so a
 * caller can rebuild the levels that goods_query's class_name (the leaf) leaves out.
 */
export function goodsClassQuery(state: State, params: Params) {
  const ids = new Map<string, number>();
  const rows: { class_id: number; parent_id: number; class_name: string; level: number }[] = [];
  for (const g of state.goods.values()) {
    g.class_path.forEach((name, i) => {
      const path = g.class_path.slice(0, i + 1).join("\u0000");
      if (ids.has(path)) return;
      ids.set(path, ids.size + 1);
      rows.push({ class_id: ids.size, parent_id: i === 0 ? 0 : ids.get(g.class_path.slice(0, i).join("\u0000"))!, class_name: name, level: i + 1 });
    });
  }
  return { total_count: rows.length, class_list: page(rows, paging(params, 100, 1000)) };
}
