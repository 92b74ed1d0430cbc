import { z } from "zod";
import { Currency, Id, IdempotencyKey, IsoInstant, Minor, NonNegativeMinor, PositiveInt } from "./common";

const StatusCode = z.string().trim().min(1).max(64).regex(/^[a-z0-9_]+$/, "lowercase letters, digits and _");
const Tag = z.string().trim().min(1).max(50);

/** A line as an external system gives it: its own SKU code, maybe not mapped to a Renkei SKU yet. */
export const ImportLine = z.object({
  externalCode: z.string().trim().max(128).default(""),
  skuId: Id.optional().nullable(),
  name: z.string().trim().min(1).max(300),
  quantity: PositiveInt,
  unitValue: PositiveInt.optional().nullable(),
  unitPrice: NonNegativeMinor,
  taxRate: z.number().int().min(0).max(30),
});

/** The generic import connectors call: orders already taken elsewhere (accepted, allocated if possible). */
export const ImportOrder = z.object({
  channelId: Id,
  externalId: z.string().trim().min(1).max(128),
  locationId: Id.optional(),
  orderedAt: IsoInstant,
  currency: Currency,
  customerName: z.string().max(200).default(""),
  shippingAddress: z.string().max(1000).default(""),
  shippingFee: NonNegativeMinor.default(0),
  adjustment: Minor.default(0),
  note: z.string().max(2000).default(""),
  /** The merchant's payment method by its code (malls send a name / code, not Renkei's ID); omitted = none. */
  paymentMethodCode: z.string().trim().min(1).max(64).optional().nullable(),
  lines: z.array(ImportLine).min(1).max(500),
});
export const ImportOrders = z.object({
  idempotencyKey: IdempotencyKey,
  orders: z.array(ImportOrder).min(1).max(1000),
});
export const ImportResult = z.object({
  created: z.number(),
  duplicates: z.number(),
  orders: z.array(z.object({ externalId: z.string(), orderId: Id, created: z.boolean(), status: z.string() })),
});

/** Manual entry in the admin: priced by Renkei from the catalog, refused when stock is short (seed 004). */
export const ManualOrder = z.object({
  idempotencyKey: IdempotencyKey,
  channelId: Id,
  locationId: Id.optional(),
  customerName: z.string().max(200).default(""),
  shippingAddress: z.string().max(1000).default(""),
  shippingFee: NonNegativeMinor.default(0),
  note: z.string().max(2000).default(""),
  /** One of the merchant's payment methods, by ID; omitted = none. */
  paymentMethodId: Id.optional().nullable(),
  lines: z
    .array(z.object({ skuId: Id, quantity: PositiveInt, unitValue: PositiveInt.optional().nullable() }))
    .min(1)
    .max(500),
});

/** One of the merchant's payment methods (支払方法). */
export const PaymentMethod = z.object({ id: Id, code: z.string(), name: z.string(), kind: z.enum(["cash", "card", "qr", "other"]) });

export const OrderLine = z.object({
  id: Id,
  lineNo: z.number(),
  skuId: Id.nullable(),
  externalCode: z.string(),
  name: z.string(),
  quantity: z.number(),
  unitValue: z.number().nullable(),
  unitValueText: z.string().nullable(),
  unitPrice: z.number(),
  amount: z.number(),
  taxRate: z.number(),
  stockQuantity: z.number(),
  allocated: z.number(),
  shipped: z.number(),
});
export const Shipment = z.object({
  id: Id,
  locationId: Id,
  carrier: z.string(),
  trackingNumber: z.string(),
  status: z.enum(["pending", "shipped"]),
  shippedAt: z.string().nullable(),
  lines: z.array(z.object({ orderLineId: Id, quantity: z.number() })),
});
export const Order = z.object({
  id: Id,
  channelId: Id,
  locationId: Id,
  externalId: z.string(),
  status: z.string(),
  currency: Currency,
  customerName: z.string(),
  shippingAddress: z.string(),
  subtotal: z.number(),
  tax: z.number(),
  shippingFee: z.number(),
  adjustment: z.number(),
  total: z.number(),
  note: z.string(),
  orderedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  tags: z.array(z.object({ tag: z.string(), kind: z.enum(["system", "user"]) })),
  /** 支払方法: what the order was paid with, null when it came without one. */
  paymentMethod: z.object({ id: Id, code: z.string(), name: z.string() }).nullable(),
  lines: z.array(OrderLine),
  shipments: z.array(Shipment),
});
export const OrderSummary = Order.omit({ lines: true, shipments: true, paymentMethod: true });
export const OrderQuery = z.object({
  status: z.string().max(64).optional(),
  tag: z.string().max(50).optional(),
  q: z.string().max(100).optional(),
  channelId: Id.optional(),
  from: IsoInstant.optional(),
  to: IsoInstant.optional(),
  includeDeleted: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export const OrderList = z.object({ items: z.array(OrderSummary), total: z.number(), nextCursor: z.string().nullable() });
export const TagList = z.object({ items: z.array(z.object({ tag: z.string(), kind: z.enum(["system", "user"]), orders: z.number() })) });

export const BulkStatusChange = z.object({ orderIds: z.array(Id).min(1).max(500), status: StatusCode });
export const BulkTagChange = z.object({
  orderIds: z.array(Id).min(1).max(500),
  add: z.array(Tag).max(20).default([]),
  remove: z.array(Tag).max(20).default([]),
});
export const BulkIds = z.object({ orderIds: z.array(Id).min(1).max(500) });
export const BulkResult = z.object({
  changed: z.number(),
  results: z.array(z.object({ orderId: Id, ok: z.boolean(), message: z.string().optional() })),
});

export const CustomStatusInput = z.object({
  code: StatusCode,
  ja: z.string().trim().min(1).max(50),
  zh: z.string().trim().max(50).default(""),
  en: z.string().trim().max(50).default(""),
  sort: z.number().int().min(0).max(10_000).default(100),
});
/** Renaming a custom status (ja / zh / en) or moving it in the display order; the code stays. */
export const CustomStatusUpdate = z
  .object({
    ja: z.string().trim().min(1).max(50).optional(),
    zh: z.string().trim().max(50).optional(),
    en: z.string().trim().max(50).optional(),
    sort: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((s) => Object.values(s).some((v) => v !== undefined), { message: "変更する項目がありません (nothing to change)" });
export const OrderStatus = z.object({
  code: z.string(),
  ja: z.string(),
  zh: z.string(),
  en: z.string(),
  builtIn: z.boolean(),
  sort: z.number(),
});

export const SavedSearchInput = z.object({
  name: z.string().trim().min(1).max(100),
  query: OrderQuery.omit({ cursor: true, limit: true }),
});
export const SavedSearch = z.object({ id: Id, name: z.string(), query: z.record(z.string(), z.unknown()), createdAt: z.string() });

export const StatusActionInput = z.object({
  status: StatusCode,
  connectionId: Id.optional().nullable(),
  action: z.string().trim().min(1).max(64),
  successStatus: StatusCode.optional().nullable(),
  enabled: z.boolean().default(true),
});
export const StatusAction = StatusActionInput.extend({ id: Id });

export const SplitShipment = z.object({
  idempotencyKey: IdempotencyKey,
  locationId: Id.optional(),
  lines: z.array(z.object({ orderLineId: Id, quantity: PositiveInt })).min(1).max(500),
});
export const ConfirmShipment = z.object({
  idempotencyKey: IdempotencyKey,
  carrier: z.string().trim().max(64).default(""),
  trackingNumber: z.string().trim().max(64).default(""),
});

export const TemplateKind = z.enum(["order_confirmation", "delivery_note", "shipping_csv"]);
export const TemplateInput = z.object({ body: z.string().max(20_000), lineFormat: z.string().max(2_000) });
export const RenderedTemplate = z.object({ kind: TemplateKind, text: z.string() });
