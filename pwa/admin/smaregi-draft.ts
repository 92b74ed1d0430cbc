/**
 * The Smaregi settings form's draft (seed 000): what the screen edits, read from a link's saved
 * settings with the worker's defaults, and the body PUT /api/connections/:id/settings takes. Pure,
 * so it is tested in Node. The worker's schema (worker/connectors/smaregi/settings.ts) is the judge:
 * this only shapes the form, and every refusal comes back by field path.
 */

export type OrderStoreRow = { channelId: string; smaregiStoreId: string; taxCalculation: "inclusive" | "exclusive" };
export type PaymentRow = { paymentMethodId: string; smaregiPaymentMethodId: string };
export type LocationRow = { locationId: string; smaregiStoreId: string; master: "renkei" | "smaregi" };

export interface SmaregiDraft {
  enclosureItems: "link" | "none";
  adjustmentProductCode: string;
  dummyProductCode: string;
  shippingCsvUnallocated: "include" | "exclude";
  stockAggregation: "order_store" | "all";
  availableStockBasis: "smaregi" | "renkei";
  allocationInquiryStatus: string;
  allocatedStatus: string;
  bulkShipmentStatus: string;
  productSync: boolean;
  orderStores: OrderStoreRow[];
  paymentMethods: PaymentRow[];
  locations: LocationRow[];
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const oneOf = <T extends string>(v: unknown, choices: readonly T[], fallback: T): T => (choices.includes(v as T) ? (v as T) : fallback);
const rows = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]).map((r) => ({ ...r })) : []);

/** The draft of saved settings; missing fields take the worker's defaults. */
export function draftOf(settings: Record<string, unknown>): SmaregiDraft {
  return {
    enclosureItems: oneOf(settings.enclosureItems, ["link", "none"], "none"),
    adjustmentProductCode: text(settings.adjustmentProductCode),
    dummyProductCode: text(settings.dummyProductCode),
    shippingCsvUnallocated: oneOf(settings.shippingCsvUnallocated, ["include", "exclude"], "exclude"),
    stockAggregation: oneOf(settings.stockAggregation, ["order_store", "all"], "order_store"),
    availableStockBasis: oneOf(settings.availableStockBasis, ["smaregi", "renkei"], "smaregi"),
    allocationInquiryStatus: text(settings.allocationInquiryStatus),
    allocatedStatus: text(settings.allocatedStatus),
    bulkShipmentStatus: text(settings.bulkShipmentStatus),
    productSync: settings.productSync === true,
    orderStores: rows<OrderStoreRow>(settings.orderStores),
    paymentMethods: rows<PaymentRow>(settings.paymentMethods),
    locations: rows<LocationRow>(settings.locations),
  };
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

/**
 * The settings body. Empty codes and statuses are "not set" (null); 在庫引当完了後ステータス is
 * dropped with its trigger, since it means nothing alone. Mapping rows are sent as they are —
 * a half-filled row is the worker's to refuse, by its path, so the screen can show it in place.
 */
export function settingsBody(d: SmaregiDraft): Record<string, unknown> {
  const inquiry = orNull(d.allocationInquiryStatus);
  return {
    enclosureItems: d.enclosureItems,
    adjustmentProductCode: orNull(d.adjustmentProductCode),
    dummyProductCode: orNull(d.dummyProductCode),
    shippingCsvUnallocated: d.shippingCsvUnallocated,
    stockAggregation: d.stockAggregation,
    availableStockBasis: d.availableStockBasis,
    allocationInquiryStatus: inquiry,
    allocatedStatus: inquiry ? orNull(d.allocatedStatus) : null,
    bulkShipmentStatus: orNull(d.bulkShipmentStatus),
    productSync: d.productSync,
    orderStores: d.orderStores,
    paymentMethods: d.paymentMethods,
    locations: d.locations,
  };
}

/** The result the OAuth return put in the URL: 「結果:有効化済み」, or why it failed. */
export function authorizationResult(search: string): { activated: true } | { error: string } | null {
  const q = new URLSearchParams(search);
  if (q.get("result") === "activated") return { activated: true };
  const error = q.get("error");
  return error ? { error } : null;
}
