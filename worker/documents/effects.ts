/**
 * What a store document does to stock the moment the hub takes it. What waits for the back office
 * (seed 003) takes nothing yet: returned goods come into stock when the store 入库s the return, and
 * stocktake sheets wait for the store manager's submission and the merchant's approval.
 */
import type { StoreDocumentInput } from "../../shared/schemas/documents";
import { stockQuantity } from "../../shared/units";
import type { MovementInput } from "../inventory/ledger";

export interface DocumentEffects {
  status: "posted" | "received";
  referenceId: string | null;
  movements: MovementInput[];
}

export function documentEffects(doc: StoreDocumentInput, locationId: string): DocumentEffects {
  const move = (skuId: string, quantity: number, key: string, reason: string): MovementInput => ({
    skuId,
    locationId,
    bucket: "on_hand",
    quantity,
    reason,
    sourceType: "store_document",
    sourceId: doc.id,
    key: `doc:${doc.id}:${key}`,
  });
  switch (doc.kind) {
    case "sale":
      return { status: "posted", referenceId: null, movements: doc.lines.map((l, i) => move(l.skuId, -stockQuantity(l.quantity, l.unitValue), `${i}`, "sale")) };
    case "exchange":
      // goods given leave now; goods returned come in when the back office 入库s them
      return { status: "received", referenceId: doc.originalId, movements: doc.given.map((l, i) => move(l.skuId, -stockQuantity(l.quantity, l.unitValue), `out:${i}`, "exchange")) };
    case "return":
      return { status: "received", referenceId: doc.originalId, movements: [] };
    case "stocktake":
      return { status: "received", referenceId: null, movements: [] };
    case "receipt":
      return {
        status: "posted",
        referenceId: doc.inboundId,
        movements: doc.lines.filter((l) => l.received > 0).map((l, i) => move(l.skuId, l.received, `${i}`, "receipt")),
      };
  }
}
