/**
 * Smaregi Platform API wire shapes (see test/fakes/smaregi/README.md for sources and assumptions).
 * The POS API carries every number as a JSON string: these schemas parse them strictly into
 * integers ("8800" → 8800; "8800.5", "", "1e3" are refused), so yen stay whole minor units.
 * IDs stay strings. The order-shipment API already uses JSON integers. Unknown fields are dropped.
 */
import { z } from "zod";

/** An integer carried as a string; anything but optional sign + digits is refused. */
export const IntString = z
  .string()
  .regex(/^-?\d+$/, "not an integer string")
  .transform(Number)
  .refine(Number.isSafeInteger, "out of range");
export const IdString = z.string().regex(/^\d+$/, "not a numeric ID");
const DateTime = z.string().min(1);
const opt = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const SmaregiProblem = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  status: z.number().int().optional(),
});

export const SmaregiTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
  refresh_token: z.string().optional(),
});

export const SmaregiUserInfo = z.object({
  sub: z.string(),
  contract: z.object({ id: z.string().min(1), is_owner: z.boolean().optional() }),
  email: z.string().optional(),
});

// ---- POS ----------------------------------------------------------------------------------

export const SmaregiProduct = z.object({
  productId: IdString,
  categoryId: opt(IdString),
  productCode: z.string(),
  productName: z.string(),
  price: IntString,
  cost: opt(IntString),
  /** 0 tax-inclusive, 1 tax-exclusive, 2 exempt. */
  taxDivision: z.enum(["0", "1", "2"]),
  groupCode: opt(z.string()),
  size: opt(z.string()),
  color: opt(z.string()),
  /** 0 stock-managed, 1 not (e.g. wrapping, enclosures). */
  stockControlDivision: opt(z.enum(["0", "1"])),
  updDateTime: opt(DateTime),
});
export type SmaregiProduct = z.infer<typeof SmaregiProduct>;

export const SmaregiStock = z.object({
  productId: IdString,
  storeId: IdString,
  stockAmount: IntString,
  layawayStockAmount: opt(IntString),
  updDateTime: opt(DateTime),
});
export type SmaregiStock = z.infer<typeof SmaregiStock>;

export const SmaregiStockWrite = z.object({
  productId: IdString,
  storeId: IdString,
  stockAmount: IntString,
  updDateTime: opt(DateTime),
  stockHistory: z.object({ id: IdString, memo: opt(z.string()) }),
});
export type SmaregiStockWrite = z.infer<typeof SmaregiStockWrite>;

/** [I] stock history row (GET /stock_changes is modelled, not documented). */
export const SmaregiStockChange = z.object({
  id: IdString,
  productId: IdString,
  storeId: IdString,
  amount: IntString,
  stockAmount: IntString,
  stockDivision: z.string(),
  memo: opt(z.string()),
  updDateTime: DateTime,
});
export type SmaregiStockChange = z.infer<typeof SmaregiStockChange>;

export const SmaregiStore = z.object({
  storeId: IdString,
  storeCode: opt(z.string()),
  storeName: z.string(),
  storeAbbr: opt(z.string()),
  /** "2" is a warehouse (倉庫); "0" / "1" are selling stores. */
  division: z.string(),
  /** "0" 内税販売, "1" 外税販売. */
  sellDivision: opt(z.enum(["0", "1"])),
});
export type SmaregiStore = z.infer<typeof SmaregiStore>;

export const SmaregiPaymentMethod = z.object({
  paymentMethodId: IdString,
  paymentMethodCode: opt(z.string()),
  paymentMethodName: z.string(),
  displayFlag: opt(z.string()),
  displaySequence: opt(z.string()),
});
export type SmaregiPaymentMethod = z.infer<typeof SmaregiPaymentMethod>;

export const SmaregiTransactionDetail = z.object({
  transactionDetailId: IdString,
  transactionDetailDivision: z.string(),
  productId: opt(IdString),
  productCode: opt(z.string()),
  productName: opt(z.string()),
  price: IntString,
  salesPrice: IntString,
  unitDiscountPrice: opt(IntString),
  quantity: IntString,
  taxRate: opt(z.string()),
});
export const SmaregiDepositOther = z.object({
  no: z.string(),
  paymentMethodId: IdString,
  paymentMethodName: opt(z.string()),
  depositOthers: IntString,
});
export const SmaregiTransaction = z.object({
  transactionHeadId: IdString,
  transactionDateTime: DateTime,
  transactionHeadDivision: z.string(),
  cancelDivision: opt(z.string()),
  subtotal: IntString,
  total: IntString,
  taxInclude: opt(IntString),
  taxExclude: opt(IntString),
  storeId: IdString,
  terminalId: opt(z.string()),
  terminalTranId: opt(z.string()),
  sumDate: opt(z.string()),
  updDateTime: opt(DateTime),
  details: z.array(SmaregiTransactionDetail).optional(),
  depositOthers: z.array(SmaregiDepositOther).optional(),
});
export type SmaregiTransaction = z.infer<typeof SmaregiTransaction>;

export const SmaregiBulkAccepted = z.object({ requestId: z.string().min(1), callbackUrl: z.string() });
export type SmaregiBulkAccepted = z.infer<typeof SmaregiBulkAccepted>;

/** [I] one row of a bulk call's callback body (only `requestId` is documented). */
export const SmaregiBulkResultRow = z.object({
  requestId: z.string(),
  productId: opt(z.string()),
  storeId: opt(z.string()),
  productCode: opt(z.string()),
  result: z.enum(["success", "failure"]),
  stockHistoryId: opt(z.string()),
  detail: opt(z.string()),
});
export const SmaregiBulkResult = z.array(SmaregiBulkResultRow).min(1);
export type SmaregiBulkResult = z.infer<typeof SmaregiBulkResult>;

// ---- order-shipment (受注管理): integers, not strings ---------------------------------------

const Yen = z.number().int().min(0).max(999_999_999);

export const SmaregiOrderStore = z.object({
  storeId: IdString,
  storeCode: opt(z.string()),
  storeName: z.string(),
  storeAbbr: opt(z.string()),
  sellDivision: z.enum(["included", "excluded"]),
  sumDateChangeTime: opt(z.string()),
  displaySequence: opt(z.number().int()),
  pauseFlag: opt(z.number().int()),
  pointPaymentMethodId: opt(z.string()),
  /** [I] the linked warehouse (在庫同期). */
  warehouseStoreId: opt(IdString),
  /** [I] 自動処理 › 引当 (1 on, 0 off). */
  autoAllocationFlag: opt(z.number().int()),
});
export type SmaregiOrderStore = z.infer<typeof SmaregiOrderStore>;

export const SmaregiOrderStatus = z.enum(["accepted", "allocated", "shipped", "canceled"]);
export type SmaregiOrderStatus = z.infer<typeof SmaregiOrderStatus>;

export const SmaregiOrderDetail = z.object({
  orderDetailId: IdString,
  productId: IdString,
  productCode: z.string(),
  productName: opt(z.string()),
  salesPrice: Yen,
  quantity: z.number().int().min(1),
  allocatedQuantity: z.number().int().min(0),
});
export const SmaregiOrder = z.object({
  orderHeadId: IdString,
  storeId: IdString,
  orderCode: z.string(),
  orderDateTime: DateTime,
  status: SmaregiOrderStatus,
  subtotal: Yen,
  carriage: Yen,
  commission: Yen,
  giftWrapPrice: Yen,
  totalPointDiscount: Yen,
  totalCouponDiscount: Yen,
  subtotalCouponDiscount: Yen,
  totalPromotionDiscount: Yen,
  taxExclude: Yen,
  total: Yen,
  deliveryDesiredDate: opt(z.string()),
  shippingScheduledDate: opt(z.string()),
  shippedDateTime: opt(DateTime),
  memo: opt(z.string()),
  details: z.array(SmaregiOrderDetail),
  updDateTime: opt(DateTime),
});
export type SmaregiOrder = z.infer<typeof SmaregiOrder>;

/** Body of POST /orders: documented head fields plus [I] storeId, details, deliveryDesiredDate, memo. */
export const SmaregiOrderInput = z.object({
  storeId: IdString,
  orderCode: z.string().min(1).max(50).regex(/^[ -~]+$/, "printable ASCII only"),
  orderDateTime: DateTime,
  carriage: Yen.optional(),
  commission: Yen.optional(),
  giftWrapPrice: Yen.optional(),
  totalPointDiscount: Yen.optional(),
  totalCouponDiscount: Yen.optional(),
  subtotalCouponDiscount: Yen.optional(),
  totalPromotionDiscount: Yen.optional(),
  taxExclude: Yen.optional(),
  total: Yen,
  deliveryDesiredDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  memo: z.string().max(1000).optional(),
  /** [I] the mapped スマレジ支払方法 (seed 000 §3 支払方法); not in the documented head — see the fake's README. */
  paymentMethodId: IdString.optional(),
  details: z.array(z.object({ productCode: z.string().min(1).max(20), productName: z.string().optional(), salesPrice: Yen, quantity: z.number().int().min(1) })).min(1),
});
export type SmaregiOrderInput = z.infer<typeof SmaregiOrderInput>;

export const SmaregiOrderStock = z.object({
  storeId: IdString,
  productId: IdString,
  productCode: opt(z.string()),
  stockAmount: z.number().int(),
  allocatedAmount: z.number().int(),
  availableAmount: z.number().int(),
});
export type SmaregiOrderStock = z.infer<typeof SmaregiOrderStock>;

export const SmaregiShippedRow = z.object({ orderHeadId: IdString, status: SmaregiOrderStatus, shippedDateTime: opt(DateTime) });

// ---- webhooks -------------------------------------------------------------------------------

export const SmaregiWebhookBody = z.discriminatedUnion("event", [
  z.object({ contractId: z.string(), event: z.literal("pos:stock"), action: z.string(), ids: z.array(z.object({ id: IdString, productId: IdString, storeId: IdString })) }),
  z.object({ contractId: z.string(), event: z.literal("pos:transactions"), action: z.string(), transactionHeadIds: z.array(IdString) }),
  z.object({ contractId: z.string(), event: z.literal("pos:products"), action: z.string(), productIds: z.array(IdString) }),
  z.object({ contractId: z.string(), event: z.literal("order-shipment:orders"), action: z.string(), storeId: IdString, orderHeadIds: z.array(IdString) }),
]);
export type SmaregiWebhookBody = z.infer<typeof SmaregiWebhookBody>;
