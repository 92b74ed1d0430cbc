import { z } from "zod";
import { Id, IdempotencyKey } from "./common";

export const StockBucket = z.enum(["on_hand", "allocated", "held", "incoming"]);
/** A manual stock adjustment or count correction from the admin. */
export const StockAdjustment = z.object({
  idempotencyKey: IdempotencyKey,
  skuId: Id,
  locationId: Id,
  quantity: z.number().int("must be a whole number").refine((v) => v !== 0, "must not be 0"),
  bucket: z.enum(["on_hand", "held", "incoming"]).default("on_hand"),
  reason: z.enum(["adjustment", "receipt", "count_correction", "damage", "hold", "release_hold", "incoming"]).default("adjustment"),
  note: z.string().max(500).optional(),
});
export const StockLevel = z.object({
  skuId: Id,
  skuCode: z.string(),
  productName: z.string(),
  locationId: Id,
  locationCode: z.string(),
  onHand: z.number(),
  allocated: z.number(),
  held: z.number(),
  incoming: z.number(),
  available: z.number(),
  updatedAt: z.string(),
});
export const StockLevelList = z.object({ items: z.array(StockLevel), nextCursor: z.string().nullable() });
export const StockQuery = z.object({
  locationId: Id.optional(),
  skuId: Id.optional(),
  q: z.string().max(100).optional(),
  negativeOnly: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export const Movement = z.object({
  id: z.number(),
  skuId: Id,
  locationId: Id,
  bucket: StockBucket,
  quantity: z.number(),
  reason: z.string(),
  sourceType: z.string(),
  sourceId: z.string(),
  actor: z.string().nullable(),
  createdAt: z.string(),
});
export const MovementList = z.object({ items: z.array(Movement), nextCursor: z.string().nullable() });
export const MovementQuery = z.object({
  skuId: Id,
  locationId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export const AdjustmentResult = z.object({ applied: z.boolean(), level: StockLevel });

export const LocationInput = z.object({
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["store", "warehouse"]),
  taxDisplay: z.enum(["inclusive", "exclusive"]).default("inclusive"),
});
export const Location = LocationInput.extend({ id: Id });

export const ChannelInput = z
  .object({
    code: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(["pos", "web", "mall", "manual"]),
    defaultLocationId: Id,
    stockSource: z.enum(["location", "all", "connector"]).default("location"),
    stockSourceConnectionId: Id.optional().nullable(),
  })
  .refine((c) => c.stockSource !== "connector" || !!c.stockSourceConnectionId, {
    path: ["stockSourceConnectionId"],
    message: "a connector stock source needs its connection",
  });
export const Channel = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: z.enum(["pos", "web", "mall", "manual"]),
  defaultLocationId: Id.nullable(),
  stockSource: z.enum(["location", "all", "connector"]),
  stockSourceConnectionId: Id.nullable(),
});
