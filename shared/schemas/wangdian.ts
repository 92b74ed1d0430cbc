/**
 * Wire shapes of 旺店通 企业版 openapi2 (fields per reference §4.3 and test/fakes/wangdian/README.md).
 * Responses are parsed leniently (extra fields kept, decimals accepted as strings or numbers),
 * because the ERP adds fields freely and sends quantities as decimal text; requests are plain
 * types, serialised to JSON strings by the client.
 */
import { z } from "zod";

/** "12.0000" or 12 → 12 */
const decimal = z.union([z.string(), z.number()]).transform((v) => Number(v));
const text = z.union([z.string(), z.number()]).transform((v) => String(v)).catch("");

export const WdtEnvelope = z.looseObject({ code: z.coerce.number(), message: z.string().optional().default("") });

export const WdtShop = z.looseObject({ shop_no: text, shop_name: text, platform_id: z.coerce.number().optional(), sub_platform_id: z.coerce.number().optional(), is_disabled: z.coerce.number().optional() });
export const WdtWarehouse = z.looseObject({ warehouse_no: text, name: text, warehouse_type: z.coerce.number().optional(), is_disabled: z.coerce.number().optional() });
export const WdtLogistics = z.looseObject({ logistics_no: text, logistics_name: text, logistics_type: z.coerce.number().optional() });

export const WdtSpec = z.looseObject({ spec_no: text, spec_name: text.optional(), barcode: text.optional(), retail_price: decimal.optional(), img_url: text.optional(), created: text.optional(), modified: text.optional() });
export const WdtGoods = z.looseObject({
  goods_no: text,
  goods_name: text,
  class_name: text.optional(),
  brand_name: text.optional(),
  unit_name: text.optional(),
  created: text.optional(),
  modified: text.optional(),
  spec_list: z.array(WdtSpec).default([]),
});
export const WdtGoodsClass = z.looseObject({ class_id: z.coerce.number(), parent_id: z.coerce.number(), class_name: text, level: z.coerce.number().optional() });

/** order_num (待审核量) and sending_num (待发货量): what trades hold that the ERP has not shipped yet. */
export const WdtStock = z.looseObject({
  spec_no: text,
  warehouse_no: text,
  stock_num: decimal,
  lock_num: decimal.optional(),
  order_num: decimal.optional(),
  sending_num: decimal.optional(),
  modified: text.optional(),
});

export const WdtDocumentLine = z.looseObject({ spec_no: text, goods_no: text.optional(), goods_name: text.optional(), spec_name: text.optional(), barcode: text.optional(), num: decimal, price: decimal.optional() });
const documentHead = {
  order_type: z.coerce.number().optional(),
  order_type_name: text.optional(),
  status: z.coerce.number().optional(),
  warehouse_no: text,
  src_order_no: text.optional(),
  outer_no: text.optional(),
  remark: text.optional(),
  created: text.optional(),
  modified: text.optional(),
  details_list: z.array(WdtDocumentLine).default([]),
};
export const WdtStockin = z.looseObject({ stockin_no: text, ...documentHead });
export const WdtStockout = z.looseObject({ stockout_no: text, ...documentHead });

export const WdtLogisticsSync = z.looseObject({ rec_id: z.coerce.number(), tid: text, oids: text.optional(), logistics_no: text, logistics_type: z.coerce.number().optional(), logistics_name: text.optional(), consign_time: text.optional() });
export const WdtStockChange = z.looseObject({ rec_id: z.coerce.number(), spec_no: text, sync_stock: decimal, stock_change_count: z.coerce.number() });

export type WdtShop = z.infer<typeof WdtShop>;
export type WdtWarehouse = z.infer<typeof WdtWarehouse>;
export type WdtLogistics = z.infer<typeof WdtLogistics>;
export type WdtGoods = z.infer<typeof WdtGoods>;
export type WdtGoodsClass = z.infer<typeof WdtGoodsClass>;
export type WdtStock = z.infer<typeof WdtStock>;
export type WdtStockin = z.infer<typeof WdtStockin>;
export type WdtStockout = z.infer<typeof WdtStockout>;
export type WdtLogisticsSync = z.infer<typeof WdtLogisticsSync>;
export type WdtStockChange = z.infer<typeof WdtStockChange>;

/** A raw trade of trade_push (fields of reference §4.3; amounts in yuan). */
export interface WdtTradeOrder {
  oid: string;
  num: number;
  price: number;
  status: number;
  refund_status: number;
  goods_id: string;
  spec_no: string;
  goods_name: string;
  adjust_amount: number;
  discount: number;
  share_discount: number;
  spec_id?: string;
  goods_no?: string;
  spec_name?: string;
  remark?: string;
  cid?: string;
}
export interface WdtTrade {
  tid: string;
  trade_status: number;
  delivery_term: number;
  buyer_nick: string;
  pay_status?: number;
  trade_time?: string;
  pay_time?: string;
  post_amount: number;
  cod_amount: number;
  ext_cod_fee: number;
  other_amount: number;
  paid: number;
  order_list: WdtTradeOrder[];
  [field: string]: unknown;
}

/** 其他入库 (stockin_order_push `stockin_info`) */
export interface WdtStockinInfo {
  outer_no: string;
  warehouse_no: string;
  remark?: string;
  goods_list: { spec_no: string; stockin_num: number; stockin_price?: number }[];
  [field: string]: unknown;
}
/** 其他出库 (stockout_order_push `stockout_info`; fields [I]) */
export interface WdtStockoutInfo {
  outer_no: string;
  warehouse_no: string;
  remark?: string;
  goods_list: { spec_no: string; num: number; price?: number }[];
  [field: string]: unknown;
}
export interface WdtStocktakeLine {
  spec_no: string;
  /** absolute count: it overwrites the ERP's stock */
  stock_num: number;
}
export interface WdtLogisticsAck {
  rec_id: number;
  /** 0 synced to the shop, 1 failed */
  status: 0 | 1;
  message: string;
}
export interface WdtStockChangeAck {
  rec_id: number;
  sync_stock: number;
  stock_change_count: number;
}
