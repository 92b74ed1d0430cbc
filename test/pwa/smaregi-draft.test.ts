import { describe, expect, it } from "vitest";
import { authorizationResult, draftOf, settingsBody } from "../../pwa/admin/smaregi-draft";

describe("the Smaregi settings draft", () => {
  it("reads saved settings with the worker's defaults, and sends unset codes and statuses as null", () => {
    const draft = draftOf({ productSync: true, stockAggregation: "all", orderStores: [{ channelId: "ch_1", smaregiStoreId: "1", taxCalculation: "inclusive" }] });
    expect(draft).toMatchObject({ enclosureItems: "none", shippingCsvUnallocated: "exclude", availableStockBasis: "smaregi", stockAggregation: "all", productSync: true, adjustmentProductCode: "" });
    const body = settingsBody({ ...draft, adjustmentProductCode: "  ADJ-1 ", allocatedStatus: "awaiting_shipment" });
    expect(body).toMatchObject({ adjustmentProductCode: "ADJ-1", dummyProductCode: null, allocationInquiryStatus: null, bulkShipmentStatus: null });
    // 在庫引当完了後ステータス means nothing without its trigger: dropped with it
    expect(body.allocatedStatus).toBeNull();
    expect(settingsBody({ ...draft, allocationInquiryStatus: "awaiting_allocation", allocatedStatus: "awaiting_shipment" }).allocatedStatus).toBe("awaiting_shipment");
    expect(body.orderStores).toEqual([{ channelId: "ch_1", smaregiStoreId: "1", taxCalculation: "inclusive" }]);
  });

  it("an unknown saved value falls back to the default instead of showing no choice", () => {
    expect(draftOf({ enclosureItems: "maybe", orderStores: "x" })).toMatchObject({ enclosureItems: "none", orderStores: [] });
  });

  it("reads Smaregi's return: 「結果:有効化済み」 or the reason it failed", () => {
    expect(authorizationResult("?result=activated")).toEqual({ activated: true });
    expect(authorizationResult("?error=access_denied")).toEqual({ error: "access_denied" });
    expect(authorizationResult("")).toBeNull();
  });
});
