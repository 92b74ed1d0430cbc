/**
 * Store documents as a POS device pushes them from its outbox. The client's UUID is the
 * idempotency key: the hub accepts each document exactly once, however often it arrives.
 * Money fields are what the device computed with shared/receipt.ts; the hub recomputes them and
 * rejects a document that does not match.
 */
import { z } from "zod";
import { Id, IsoInstant, NonNegativeMinor, PositiveInt } from "./common";

export const ReceiptLine = z.object({
  skuId: Id,
  quantity: PositiveInt,
  /** 注文単位 in the sales unit, for unit products (seed 004) */
  unitValue: PositiveInt.optional().nullable(),
  unitPrice: NonNegativeMinor,
  discount: NonNegativeMinor.default(0),
  taxRate: z.number().int().min(0).max(30),
});
export const ReturnLine = ReceiptLine.extend({
  /** 残次品: a defective item does not go back to sellable stock. */
  defective: z.boolean().default(false),
});
export const Tender = z.object({ method: z.string().trim().min(1).max(32), kind: z.enum(["cash", "card", "qr", "other"]), amount: NonNegativeMinor });

const base = {
  id: z.uuid(),
  /** store + device + per-device counter, e.g. S001-02-000123 */
  number: z.string().trim().min(1).max(64),
  occurredAt: IsoInstant,
  staffId: Id,
};
const priced = {
  taxDisplay: z.enum(["inclusive", "exclusive"]),
  subtotalDiscount: NonNegativeMinor.default(0),
  total: NonNegativeMinor,
  tax: NonNegativeMinor,
};

export const SaleDocument = z.object({
  ...base,
  ...priced,
  kind: z.literal("sale"),
  lines: z.array(ReceiptLine).min(1).max(500),
  tenders: z.array(Tender).min(1).max(10),
  change: NonNegativeMinor.default(0),
});
export const ReturnDocument = z.object({
  ...base,
  ...priced,
  kind: z.literal("return"),
  /** the original sale (receipt barcode or local history), or null with a manager's approval */
  originalId: z.uuid().nullable().default(null),
  approvedBy: Id.nullable().default(null),
  lines: z.array(ReturnLine).min(1).max(500),
  refunds: z.array(Tender).max(10).default([]),
});
export const ExchangeDocument = z.object({
  ...base,
  kind: z.literal("exchange"),
  originalId: z.uuid().nullable().default(null),
  approvedBy: Id.nullable().default(null),
  taxDisplay: z.enum(["inclusive", "exclusive"]),
  /** goods coming back, priced as on the original sale */
  returned: z.array(ReturnLine).min(1).max(500),
  /** goods going out */
  given: z.array(ReceiptLine).min(1).max(500),
  returnedTotal: NonNegativeMinor,
  givenTotal: NonNegativeMinor,
  /** the customer pays the difference (given > returned) or gets it back */
  tenders: z.array(Tender).max(10).default([]),
  refunds: z.array(Tender).max(10).default([]),
  /** cash handed back when the difference was paid with more cash than it came to */
  change: NonNegativeMinor.default(0),
});
export const StocktakeSheet = z.object({
  ...base,
  kind: z.literal("stocktake"),
  /** where in the store this sheet was counted (棚・エリア) */
  area: z.string().trim().min(1).max(64),
  lines: z.array(z.object({ skuId: Id, counted: z.number().int().min(0).max(1_000_000_000) })).min(1).max(5000),
});
export const ReceivingDocument = z.object({
  ...base,
  kind: z.literal("receipt"),
  /** the inbound document (purchase, transfer, other in) being received */
  inboundId: Id,
  lines: z.array(z.object({ skuId: Id, received: z.number().int().min(0).max(1_000_000_000) })).min(1).max(5000),
});

export const StoreDocumentInput = z.discriminatedUnion("kind", [SaleDocument, ReturnDocument, ExchangeDocument, StocktakeSheet, ReceivingDocument]);
export type StoreDocumentInput = z.infer<typeof StoreDocumentInput>;

/** A batch from the outbox, in the order the documents were made. */
export const PushDocuments = z.object({ documents: z.array(z.unknown()).min(1).max(100) });
export const PushResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["accepted", "duplicate", "rejected"]),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
      negativeStock: z.array(Id).optional(),
    }),
  ),
});

/** A store document as the admin reads it (GET /api/documents). */
export const StoreDocument = z.object({
  id: z.string(),
  locationId: Id,
  deviceId: Id.nullable(),
  staffId: Id.nullable(),
  kind: z.string(),
  number: z.string(),
  status: z.string(),
  referenceId: z.string().nullable(),
  body: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
  receivedAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  postedAt: z.string().nullable(),
});

const OutLines = z.array(z.object({ skuId: Id, quantity: z.number().int().min(1).max(1_000_000_000) })).min(1).max(5000);
/** 出库开单: goods leave a store outside a sale (damaged, samples, …), at once. */
export const OutboundInput = z.object({
  idempotencyKey: z.string().min(8).max(128),
  locationId: Id,
  reason: z.string().trim().min(1).max(100),
  lines: OutLines,
});
/** 冲单: a posted sale rung up by mistake reversed in whole (POST /api/documents/:id/reverse). */
export const ReversalInput = z.object({
  idempotencyKey: z.string().min(8).max(128),
  reason: z.string().trim().max(100).default(""),
});
/** 调拨: goods leave one store now and wait at the other as a delivery it receives. */
export const TransferInput = z.object({
  idempotencyKey: z.string().min(8).max(128),
  fromLocationId: Id,
  toLocationId: Id,
  lines: OutLines,
});
