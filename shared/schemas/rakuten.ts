/**
 * Wire shapes of Rakuten RMS (楽天ペイ受注API 2.0 and the license API) in RMS's own field names
 * (sources: JakeJP/Rakuten.RMS.Api OrderModel.cs, oh0123/rakuten-spi-sdk rms/order.go, the
 * reference samples). Loose objects: RMS adds fields with new versions, and a field we do not read
 * must never make an import fail. Only what Renkei reads is typed.
 */
import { z } from "zod";

export const RmsMessage = z.looseObject({
  messageType: z.enum(["INFO", "WARNING", "ERROR"]),
  messageCode: z.string(),
  message: z.string().nullish(),
  orderNumber: z.string().nullish(),
  requestId: z.string().nullish(),
  dataNumber: z.number().nullish(),
  shippingDetailId: z.number().nullish(),
});
export type RmsMessage = z.infer<typeof RmsMessage>;
const Messages = z.array(RmsMessage).nullish().transform((m) => m ?? []);

/** Gateway errors (auth, API not enabled, limits): `{"Results":{"errorCode":"ES01-01","message":"Un-Authorised"}}`. */
export const RmsGatewayError = z.object({ Results: z.object({ errorCode: z.string(), message: z.string().nullish() }) });

export const SearchOrderResponse = z.looseObject({
  orderNumberList: z.array(z.string()).nullish().transform((l) => l ?? []),
  MessageModelList: Messages,
  PaginationResponseModel: z
    .object({ totalRecordsAmount: z.number().nullable(), totalPages: z.number().nullable(), requestPage: z.number().nullable() })
    .nullish(),
});
export type SearchOrderResponse = z.infer<typeof SearchOrderResponse>;

export const RmsShippingModel = z.looseObject({
  shippingDetailId: z.number(),
  shippingNumber: z.string().nullish(),
  deliveryCompany: z.string().nullish(),
  deliveryCompanyName: z.string().nullish(),
  shippingDate: z.string().nullish(),
});

/** SKU管理番号 (variantId) and システム連携用SKU番号 (merchantDefinedSkuId); empty for orders before the shop's SKU migration. */
export const RmsSkuModel = z.looseObject({
  variantId: z.string().nullish(),
  merchantDefinedSkuId: z.string().nullish(),
  skuInfo: z.string().nullish(),
});

export const RmsItemModel = z.looseObject({
  itemDetailId: z.number(),
  itemName: z.string(),
  itemId: z.number(),
  itemNumber: z.string().nullish(),
  manageNumber: z.string(),
  price: z.number(),
  units: z.number(),
  includeTaxFlag: z.number(),
  taxRate: z.number().nullish(),
  priceTaxIncl: z.number().nullish(),
  selectedChoice: z.string().nullish(),
  SkuModelList: z.array(RmsSkuModel).nullish(),
});
export type RmsItemModel = z.infer<typeof RmsItemModel>;

export const RmsPackageModel = z.looseObject({
  basketId: z.number(),
  postagePrice: z.number(),
  goodsPrice: z.number(),
  totalPrice: z.number(),
  SenderModel: z.looseObject({}).nullish(),
  ItemModelList: z.array(RmsItemModel),
  ShippingModelList: z.array(RmsShippingModel).nullish().transform((l) => l ?? []),
  defaultDeliveryCompanyCode: z.string().nullish(),
});
export type RmsPackageModel = z.infer<typeof RmsPackageModel>;

export const RmsOrderModel = z.looseObject({
  orderNumber: z.string(),
  /** 100 注文確認待ち, 200 楽天処理中, 300 発送待ち, 400 変更確定待ち, 500 発送済, 600 支払手続き中, 700 支払手続き済, 800 キャンセル確定待ち, 900 キャンセル確定. */
  orderProgress: z.number(),
  subStatusId: z.number().nullish(),
  orderDatetime: z.string(),
  shopOrderCfmDatetime: z.string().nullish(),
  shippingCmplRptDatetime: z.string().nullish(),
  asurakuFlag: z.number().nullish(),
  goodsPrice: z.number(),
  totalPrice: z.number(),
  requestPrice: z.number(),
  remarks: z.string().nullish(),
  OrdererModel: z.looseObject({}).nullish(),
  SettlementModel: z.looseObject({ settlementMethodCode: z.number().nullish(), settlementMethod: z.string().nullish() }).nullish(),
  DeliveryModel: z.looseObject({ deliveryName: z.string().nullish() }).nullish(),
  PackageModelList: z.array(RmsPackageModel),
});
export type RmsOrderModel = z.infer<typeof RmsOrderModel>;

export const GetOrderResponse = z.looseObject({
  MessageModelList: Messages,
  OrderModelList: z.array(RmsOrderModel).nullish().transform((l) => l ?? []),
});

export const MessagesResponse = z.looseObject({ MessageModelList: Messages });

export const ResultShippingResponse = z.looseObject({
  ResultShippingModelList: z.array(z.looseObject({ orderNumber: z.string().nullish(), MessageModelList: Messages })).nullish().transform((l) => l ?? []),
});

export const LicenseExpiryResponse = z.object({ expiryDate: z.string() });

/** One parcel record to write. Without shippingDetailId RMS ADDS a record; with it, it updates that one. */
export interface RmsShippingInput {
  shippingDetailId?: number;
  /** Carrier code, 1000–1028 (1001 ヤマト, 1002 佐川, 1003 日本郵便, …). */
  deliveryCompany?: string;
  shippingNumber?: string;
  /** yyyy-MM-dd (JST). */
  shippingDate?: string;
  shippingDeleteFlag?: 0 | 1;
}
export interface RmsOrderShippingInput {
  orderNumber: string;
  BasketidModelList: { basketId: number; ShippingModelList: RmsShippingInput[] }[];
}
