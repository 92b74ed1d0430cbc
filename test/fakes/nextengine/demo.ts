/**
 * The sandbox company `npm start` and tests get from the `demo` control: three shops, goods whose
 * 商品コード are Renkei's demo SKUs, stock, the 受注分類タグ master (with seed 001's
 * 「ロジクラ受注取込対象」), and ten orders across the statuses, some tagged, two with a mall code
 * that differs from the master only in case, one with a code the master does not know.
 */
import { companyNow, seedGoods, seedOrder, seedShops, seedTags } from "./company";
import { neDate, type Company } from "./model";

export const DEMO_SKUS = ["RB-001-RED", "RB-001-BLU", "TS-100-S", "TS-100-M", "TS-100-L", "CF-200"] as const;
export const IMPORT_TAG = "ロジクラ受注取込対象";

export function seedDemo(company: Company): void {
  seedShops(company, [
    { shop_id: 1, shop_name: "楽天市場店", shop_mall_id: 1, shop_abbreviated_name: "楽天" },
    { shop_id: 2, shop_name: "Yahoo!ショッピング店", shop_mall_id: 2, shop_abbreviated_name: "Yahoo" },
    { shop_id: 3, shop_name: "自社サイト", shop_mall_id: 90, shop_abbreviated_name: "自社" },
  ]);
  seedGoods(company, [
    { goods_id: "RB-001-RED", goods_name: "リボン 赤", goods_jan_code: "4900000000011", stock_quantity: 40 },
    { goods_id: "RB-001-BLU", goods_name: "リボン 青", goods_jan_code: "4900000000028", stock_quantity: 25 },
    { goods_id: "TS-100-S", goods_name: "Tシャツ S", goods_jan_code: "4900000000035", stock_quantity: 12 },
    { goods_id: "TS-100-M", goods_name: "Tシャツ M", goods_jan_code: "4900000000042", stock_quantity: 18 },
    { goods_id: "TS-100-L", goods_name: "Tシャツ L", goods_jan_code: "4900000000059", stock_quantity: 6 },
    { goods_id: "CF-200", goods_name: "コーヒー豆 200g", goods_jan_code: "4900000000066", stock_quantity: 60 },
  ]);
  seedTags(company, [
    { grouping_tag_name: IMPORT_TAG, grouping_tag_color: "#33aa33", grouping_tag_memo: "ロジクラで出荷する受注" },
    { grouping_tag_name: "連絡待ち", grouping_tag_color: "#ff9900" },
    { grouping_tag_name: "ギフト", grouping_tag_color: "#cc33cc" },
  ]);
  const now = companyNow(company);
  const daysAgo = (d: number) => neDate(now - d * 86_400_000);
  const consignee = (name: string) => ({
    receive_order_purchaser_name: name,
    receive_order_consignee_name: name,
    receive_order_consignee_zip_code: "1600022",
    receive_order_consignee_address1: "東京都新宿区新宿1-1-1",
    receive_order_consignee_tel: "0312345678",
  });
  const tagged = `[${IMPORT_TAG}]`;
  const orders = [
    { s: "20", tag: tagged, shop: 1, rows: [["RB-001-RED", 2], ["CF-200", 1]], who: "山田 花子" },
    { s: "20", tag: tagged, shop: 1, rows: [["TS-100-M", 1]], who: "佐藤 一郎" },
    { s: "20", tag: `${tagged}[ギフト]`, shop: 2, rows: [["RB-001-BLU", 1], ["TS-100-S", 2]], who: "鈴木 次郎" },
    { s: "40", tag: tagged, shop: 3, rows: [["TS-100-L", 1]], who: "高橋 三郎" },
    // mall code in another case than the master's 商品コード (⑥ 大文字小文字を区別しない)
    { s: "20", tag: tagged, shop: 1, rows: [["ts-100-m", 2]], who: "田中 四郎" },
    { s: "20", tag: "", shop: 2, rows: [["rb-001-red", 1], ["CF-200", 2]], who: "伊藤 五郎" },
    { s: "20", tag: "[連絡待ち]", shop: 3, rows: [["CF-200", 3]], who: "渡辺 六子" },
    { s: "1", tag: "", shop: 1, rows: [["TS-100-S", 1]], who: "中村 七海" },
    { s: "50", tag: tagged, shop: 1, rows: [["RB-001-RED", 1]], who: "小林 八重", sent: true },
    // a 商品コード NextEngine's master does not have: the line stays unallocated and flagged
    { s: "20", tag: tagged, shop: 2, rows: [["ZZ-999", 1], ["TS-100-L", 1]], who: "加藤 九太" },
  ] as const;
  orders.forEach((o, i) => {
    seedOrder(company, {
      receive_order_shop_id: o.shop,
      receive_order_shop_cut_form_id: `${o.shop === 1 ? "R" : o.shop === 2 ? "Y" : "W"}-2026-${String(i + 1).padStart(4, "0")}`,
      receive_order_date: daysAgo(10 - i),
      receive_order_order_status_id: o.s,
      receive_order_gruoping_tag: o.tag,
      receive_order_send_date: "sent" in o ? daysAgo(1) : null,
      receive_order_delivery_cut_form_id: "sent" in o ? "123456789012" : null,
      ...consignee(o.who),
      rows: o.rows.map(([code, quantity]) => ({ receive_order_row_goods_id: code, receive_order_row_quantity: quantity, receive_order_row_unit_price: 1500 })),
    });
  });
  // one cancelled order: it never allocates and cannot be shipped
  seedOrder(company, {
    receive_order_shop_id: 1,
    receive_order_shop_cut_form_id: "R-2026-0011",
    receive_order_order_status_id: "20",
    receive_order_cancel_type_id: "1",
    receive_order_gruoping_tag: tagged,
    ...consignee("木村 十和"),
    rows: [{ receive_order_row_goods_id: "TS-100-S", receive_order_row_quantity: 1 }],
  });
}
