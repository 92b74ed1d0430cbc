/**
 * Store documents as a device pushes them from its outbox. The client's UUID is the idempotency
 * key: the hub accepts each document exactly once, however often it arrives.
 * (This is the hub-core subset — sale and return; the POS issue adds exchange, stocktake, receiving.)
 */
import { z } from "zod";
import { Id, IsoInstant, NonNegativeMinor, PositiveInt } from "./common";

export const DocumentLine = z.object({
  skuId: Id,
  quantity: PositiveInt,
  unitValue: PositiveInt.optional().nullable(),
  unitPrice: NonNegativeMinor,
  amount: NonNegativeMinor,
  /** 残次品: a defective return does not go back to sellable stock. */
  defective: z.boolean().default(false),
});

export const StoreDocumentInput = z.object({
  id: z.uuid(),
  kind: z.enum(["sale", "return"]),
  /** store + device + per-device counter, e.g. S001-03-000123 */
  number: z.string().trim().min(1).max(64),
  occurredAt: IsoInstant,
  lines: z.array(DocumentLine).min(1).max(500),
  total: NonNegativeMinor,
  payments: z.array(z.object({ method: z.string().min(1).max(32), amount: NonNegativeMinor })).max(10).default([]),
});

export const PushDocuments = z.object({ documents: z.array(StoreDocumentInput).min(1).max(100) });
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
