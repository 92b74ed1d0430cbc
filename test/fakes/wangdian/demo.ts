/**
 * The sandbox ERP for `npm start` and for a newcomer: Renkei's store S001 as a 自有平台 shop,
 * warehouses 总仓 (Renkei's main warehouse W001) and S001, goods whose spec_no are Renkei's demo
 * SKUs plus ERP-only goods (leading zeros, multi-spec, a 4-level category), stock, and documents
 * for the store waiting to be pulled — including one carrying a product Renkei does not know and
 * the kinds a store must never receive (盘盈入库, 盘亏出库, 预入库).
 */
import type { Seed } from "./seed";
import type { Credentials } from "./state";

export const SANDBOX_CREDENTIALS: Credentials = { sid: "renkei_sandbox", appkey: "renkei_pos", appsecret: "renkei-sandbox-secret" };

export interface DemoOptions {
  storeNo?: string;
  mainWarehouseNo?: string;
  mainWarehouseName?: string;
}

export function demoSeed(nowMs: number, options: DemoOptions = {}): Seed {
  const store = options.storeNo ?? "S001";
  const main = options.mainWarehouseNo ?? "W001";
  const ago = (hours: number) => nowMs - hours * 3600_000;
  return {
    credentials: [SANDBOX_CREDENTIALS],
    warehouses: [
      { warehouse_no: main, name: options.mainWarehouseName ?? "总仓" },
      { warehouse_no: store, name: `门店 ${store}` },
    ],
    shops: [{ shop_no: store, shop_name: `门店 ${store}`, platform_id: 127, warehouses: [store, main] }],
    logistics: [
      { logistics_no: "WDH", logistics_name: "门店自提(无单号)", is_no_waybill: 1 },
      { logistics_no: "COD", logistics_name: "货到付款", is_support_cod: 1 },
      { logistics_no: "SF", logistics_name: "顺丰速运", logistics_type: 3 },
    ],
    goods: [
      {
        goods_no: "RB-001", goods_name: "缎带 25mm", class_name: "手工/缎带", unit_name: "厘米", created: ago(24 * 60),
        spec_list: [
          { spec_no: "RB-001-RED", spec_name: "红", retail_price: "0.10", img_url: "https://img.example/rb-red.jpg" },
          { spec_no: "RB-001-BLU", spec_name: "蓝", retail_price: "0.10" },
        ],
      },
      {
        goods_no: "TS-100", goods_name: "有机棉T恤", class_name: "服饰/上衣/T恤", brand_name: "Renkei", unit_name: "件", created: ago(24 * 60),
        spec_list: [
          { spec_no: "TS-100-S", spec_name: "S", barcode: "4901234567811", retail_price: "199.00" },
          { spec_no: "TS-100-M", spec_name: "M", barcode: "4901234567828", retail_price: "199.00" },
          { spec_no: "TS-100-L", spec_name: "L", barcode: "4901234567835", retail_price: "199.00" },
        ],
      },
      { goods_no: "CF-200", goods_name: "挂耳咖啡 10袋", class_name: "食品/咖啡", unit_name: "盒", created: ago(24 * 60), spec_list: [{ spec_no: "CF-200", retail_price: "58.00" }] },
      // ERP-only goods, made recently: an import by date range finds them
      { goods_no: "00123", goods_name: "帆布托特包", class_name: "箱包", unit_name: "个", created: ago(24 * 10), spec_list: [{ spec_no: "00123", barcode: "0012300000017", retail_price: "89.00", img_url: "https://img.example/00123.jpg" }] },
      {
        goods_no: "0456", goods_name: "中筒袜", class_name: "服饰/配件/袜子", unit_name: "双", created: ago(24 * 5),
        spec_list: [
          { spec_no: "0456-01", spec_name: "白", retail_price: "19.90", img_url: "https://img.example/0456-01.jpg" },
          { spec_no: "0456-02", spec_name: "黑", retail_price: "19.90", img_url: "https://img.example/0456-02.jpg" },
        ],
      },
      { goods_no: "HT-300", goods_name: "渔夫帽", class_name: "服饰/配件/帽子/渔夫帽", unit_name: "顶", created: ago(24 * 3), spec_list: [{ spec_no: "HT-300-F", spec_name: "均码", retail_price: "129.00" }] },
    ],
    stock: [
      ...Object.entries({ "RB-001-RED": 1000, "RB-001-BLU": 500, "TS-100-S": 12, "TS-100-M": 20, "TS-100-L": 8, "CF-200": 40, "00123": 30, "0456-01": 50, "0456-02": 50, "HT-300-F": 10 }).map(
        ([spec_no, stock_num]) => ({ warehouse_no: main, spec_no, stock_num }),
      ),
      { warehouse_no: store, spec_no: "TS-100-M", stock_num: 5 },
      { warehouse_no: store, spec_no: "CF-200", stock_num: 6 },
      { warehouse_no: store, spec_no: "RB-001-RED", stock_num: 100 },
    ],
    documents: [
      { direction: "in", order_type: "purchase", warehouse_no: store, src_order_no: "CG-DEMO-001", created: ago(2), lines: [{ spec_no: "TS-100-M", num: 10, price: 80 }, { spec_no: "RB-001-RED", num: 200, price: 0.05 }] },
      { direction: "in", order_type: "transfer", warehouse_no: store, src_order_no: "DB-DEMO-001", remark: `${main} → ${store}`, created: ago(1.5), lines: [{ spec_no: "00123", num: 5 }, { spec_no: "TS-100-S", num: 2 }] },
      { direction: "in", order_type: "initial", warehouse_no: store, created: ago(1.2), lines: [{ spec_no: "0456-01", num: 6 }, { spec_no: "0456-02", num: 6 }] },
      { direction: "in", order_type: "pdSurplus", warehouse_no: store, created: ago(1), lines: [{ spec_no: "CF-200", num: 1 }] },
      { direction: "in", order_type: "preStockin", warehouse_no: store, created: ago(1), lines: [{ spec_no: "TS-100-L", num: 4 }] },
      { direction: "in", order_type: "purchase", warehouse_no: main, src_order_no: "CG-DEMO-002", created: ago(3), lines: [{ spec_no: "HT-300-F", num: 10, price: 60 }] },
      { direction: "out", order_type: "other", warehouse_no: store, remark: "样品出库", created: ago(0.8), lines: [{ spec_no: "RB-001-RED", num: 50 }] },
      { direction: "out", order_type: "transfer", warehouse_no: store, src_order_no: "DB-DEMO-002", remark: `${store} → ${main}`, created: ago(0.6), lines: [{ spec_no: "CF-200", num: 2 }] },
      { direction: "out", order_type: "pdDeficit", warehouse_no: store, created: ago(0.5), lines: [{ spec_no: "RB-001-RED", num: 3 }] },
    ],
  };
}
