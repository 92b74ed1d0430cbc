/**
 * What a paired POS device reads from the hub: its bootstrap (store, merchant rules, tenders,
 * staff), the catalog feed (a snapshot in pages, then deltas by change-log cursor — never
 * "modified since" timestamps), staff PIN enrolment and inbound deliveries to receive.
 */
import { z } from "zod";
import { Currency, Id, Rounding } from "./common";

export const Bootstrap = z.object({
  device: z.object({ id: Id, name: z.string(), number: z.number().int() }),
  store: z.object({ id: Id, code: z.string(), name: z.string(), taxDisplay: z.enum(["inclusive", "exclusive"]) }),
  merchant: z.object({ id: Id, name: z.string(), currency: Currency, unitRounding: Rounding, timeZone: z.string() }),
  tenders: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(["cash", "card", "qr", "other"]) })),
  staff: z.array(
    z.object({
      id: Id,
      name: z.string(),
      role: z.enum(["owner", "manager", "staff"]),
      hasPin: z.boolean(),
      /** changes when the PIN is set again: a device re-enrols the clerk when it differs */
      pinVersion: z.string().nullable(),
    }),
  ),
});

/**
 * One SKU as the POS keeps it, as a compact tuple to keep 100k SKUs small on the wire:
 * [id, code, barcode, name, price, taxRate, listed (1/0), unit: [conversion, salesUnit, displayName, min, max] | null]
 */
export const CatalogItem = z.tuple([
  Id,
  z.string(),
  z.string().nullable(),
  z.string(),
  z.number().int(),
  z.number().int(),
  z.union([z.literal(0), z.literal(1)]),
  z.tuple([z.number().int(), z.string(), z.string(), z.number().int(), z.number().int()]).nullable(),
]);
/** [skuId, on hand, available] at the device's store */
export const StockItem = z.tuple([Id, z.number().int(), z.number().int()]);

export const CatalogQuery = z.object({
  /** change-log cursor the device has applied; 0 = nothing yet (snapshot) */
  since: z.coerce.number().int().min(0).default(0),
  /** snapshot paging: the last SKU ID of the previous page */
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(100).max(10_000).default(5000),
});
export const CatalogPage = z.object({
  mode: z.enum(["snapshot", "delta"]),
  items: z.array(CatalogItem),
  stock: z.array(StockItem),
  /** snapshot: the next `after`, or null when the snapshot is complete */
  nextAfter: z.string().nullable(),
  /** the cursor to ask `since` next (snapshot: the log position when it began) */
  cursor: z.number().int(),
  /** delta: more changes are waiting */
  more: z.boolean(),
  /** snapshot only: SKUs in the whole catalog, for the progress bar */
  total: z.number().int().nullable(),
});

export const StaffPinCheck = z.object({ staffId: Id, pin: z.string().regex(/^\d{4,8}$/, "4〜8桁の数字 (4–8 digits)") });
export const StaffPinResult = z.object({ ok: z.literal(true), staffId: Id, role: z.enum(["owner", "manager", "staff"]), pinVersion: z.string() });
export const SetPin = z.object({ pin: z.string().regex(/^\d{4,8}$/, "4〜8桁の数字 (4–8 digits)") });

export const InboundInput = z.object({
  locationId: Id,
  kind: z.enum(["purchase", "transfer", "other_in"]),
  reference: z.string().trim().max(64).default(""),
  lines: z.array(z.object({ skuId: Id, quantity: z.number().int().min(1).max(1_000_000_000) })).min(1).max(5000),
});
export const Inbound = z.object({
  id: Id,
  kind: z.enum(["purchase", "transfer", "other_in"]),
  reference: z.string(),
  status: z.enum(["pending", "received"]),
  lines: z.array(z.object({ skuId: Id, quantity: z.number().int() })),
  createdAt: z.string(),
});
