/**
 * The API's shapes, inferred from the zod schemas the worker validates with (shared/schemas).
 * Type-only imports: zod stays out of the admin bundle, and the types cannot drift from the API.
 */
import type { z } from "zod";
import type { Me as MeSchema } from "../../shared/schemas/auth";
import type {
  Product as ProductSchema,
  ProductInput as ProductInputSchema,
  ProductKind as ProductKindSchema,
  ProductList as ProductListSchema,
  Unit as UnitSchema,
  UnitInput as UnitInputSchema,
} from "../../shared/schemas/catalog";
import type {
  AdjustmentResult as AdjustmentResultSchema,
  Channel as ChannelSchema,
  Location as LocationSchema,
  Movement as MovementSchema,
  StockAdjustment as StockAdjustmentSchema,
  StockLevel as StockLevelSchema,
} from "../../shared/schemas/inventory";
import type {
  BulkResult as BulkResultSchema,
  Order as OrderSchema,
  OrderStatus as OrderStatusSchema,
  OrderSummary as OrderSummarySchema,
  SavedSearch as SavedSearchSchema,
  SavedSearchInput as SavedSearchInputSchema,
} from "../../shared/schemas/orders";
import type { DeadLetter as DeadLetterSchema, SyncRun as SyncRunSchema } from "../../shared/schemas/sync";

export type Me = z.infer<typeof MeSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type UnitInput = z.input<typeof UnitInputSchema>;
export type Product = z.infer<typeof ProductSchema>;
export type ProductInput = z.input<typeof ProductInputSchema>;
export type ProductKind = z.infer<typeof ProductKindSchema>;
export type ProductList = z.infer<typeof ProductListSchema>;
export type Location = z.infer<typeof LocationSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
export type StockLevel = z.infer<typeof StockLevelSchema>;
export type Movement = z.infer<typeof MovementSchema>;
export type StockAdjustment = z.input<typeof StockAdjustmentSchema>;
export type AdjustmentResult = z.infer<typeof AdjustmentResultSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type OrderSummary = z.infer<typeof OrderSummarySchema>;
export type OrderStatus = z.infer<typeof OrderStatusSchema>;
export type BulkResult = z.infer<typeof BulkResultSchema>;
export type SavedSearch = z.infer<typeof SavedSearchSchema>;
export type SavedSearchInput = z.input<typeof SavedSearchInputSchema>;
export type SyncRun = z.infer<typeof SyncRunSchema>;
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

/** Every list answer: one page and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type Items<T> = { items: T[] };

/** The order filters the list, saved searches and the URL share. */
export interface OrderFilter {
  status?: string;
  tag?: string;
  q?: string;
}
