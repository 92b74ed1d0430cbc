/**
 * The API's shapes, inferred from the zod schemas the worker validates with (shared/schemas).
 * Type-only imports: zod stays out of the admin bundle, and the types cannot drift from the API.
 */
import type { z } from "zod";
import type { Device as DeviceSchema, DevicePairingCode as DevicePairingCodeSchema, Me as MeSchema, User as UserSchema } from "../../shared/schemas/auth";
import type {
  BulkUploadResult as BulkUploadResultSchema,
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
  CustomStatusInput as CustomStatusInputSchema,
  ManualOrder as ManualOrderSchema,
  Order as OrderSchema,
  OrderStatus as OrderStatusSchema,
  OrderSummary as OrderSummarySchema,
  PaymentMethod as PaymentMethodSchema,
  RenderedTemplate as RenderedTemplateSchema,
  SavedSearch as SavedSearchSchema,
  SavedSearchInput as SavedSearchInputSchema,
  StatusAction as StatusActionSchema,
  StatusActionInput as StatusActionInputSchema,
  TemplateInput as TemplateInputSchema,
  TemplateKind as TemplateKindSchema,
} from "../../shared/schemas/orders";
import type {
  Connection as ConnectionSchema,
  DeadLetter as DeadLetterSchema,
  LinkActivity as LinkActivitySchema,
  Enqueued as EnqueuedSchema,
  RunJob as RunJobSchema,
  Schedule as ScheduleSchema,
  ScheduleInput as ScheduleInputSchema,
  SyncJob as SyncJobSchema,
  SyncRun as SyncRunSchema,
  SyncRunQuery as SyncRunQuerySchema,
} from "../../shared/schemas/sync";

export type Me = z.infer<typeof MeSchema>;
export type User = z.infer<typeof UserSchema>;
export type Device = z.infer<typeof DeviceSchema>;
export type DevicePairingCode = z.infer<typeof DevicePairingCodeSchema>;
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
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;
export type OrderStatus = z.infer<typeof OrderStatusSchema>;
export type BulkResult = z.infer<typeof BulkResultSchema>;
export type SavedSearch = z.infer<typeof SavedSearchSchema>;
export type SavedSearchInput = z.input<typeof SavedSearchInputSchema>;
export type SyncRun = z.infer<typeof SyncRunSchema>;
export type SyncRunQuery = z.input<typeof SyncRunQuerySchema>;
export type SyncJob = z.infer<typeof SyncJobSchema>;
export type DeadLetter = z.infer<typeof DeadLetterSchema>;
export type LinkActivity = z.infer<typeof LinkActivitySchema>;
export type ManualOrderInput = z.input<typeof ManualOrderSchema>;
export type BulkUploadResult = z.infer<typeof BulkUploadResultSchema>;
export type CustomStatusInput = z.input<typeof CustomStatusInputSchema>;
export type StatusAction = z.infer<typeof StatusActionSchema>;
export type StatusActionInput = z.input<typeof StatusActionInputSchema>;
export type TemplateKind = z.infer<typeof TemplateKindSchema>;
export type TemplateInput = z.input<typeof TemplateInputSchema>;
/** GET / PUT / DELETE /api/templates/:kind (the worker's route adds these fields to TemplateInput). */
export type Template = z.infer<typeof TemplateInputSchema> & { kind: TemplateKind; isDefault: boolean; updatedAt: string | null };
export type RenderedTemplate = z.infer<typeof RenderedTemplateSchema>;
export type Connection = z.infer<typeof ConnectionSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
export type ScheduleInput = z.input<typeof ScheduleInputSchema>;
export type RunJob = z.input<typeof RunJobSchema>;
export type Enqueued = z.infer<typeof EnqueuedSchema>;

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
