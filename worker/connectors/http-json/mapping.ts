/** Pure mapping between Renkei's stock and the generic contract's wire shape. */
import type { StockPushItem } from "../../connections/registry";
import type { WireStock } from "./client";
import type { HttpJsonSettings } from "./settings";

export function toWireStock(items: readonly StockPushItem[], settings: Pick<HttpJsonSettings, "stockFigure">): WireStock[] {
  return items.map((i) => ({
    sku: i.skuCode,
    location: i.externalLocationId,
    quantity: settings.stockFigure === "on_hand" ? i.onHand : i.available,
  }));
}

export const stockKey = (sku: string, location: string | null) => `${sku}\u0000${location ?? ""}`;
