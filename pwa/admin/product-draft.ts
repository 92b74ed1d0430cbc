/**
 * The new-product form's values (text, as typed) → the body of POST /api/products. Only what the
 * browser must decide is checked here: a price must be an amount in the merchant's currency (sent
 * as integer minor units: "12.30" yuan → 1230 fen, "1.5" yen refused) and counts must be numbers.
 * Every business rule (unit rules of seed 004, SKU codes, barcodes) is the worker's, and its own
 * messages are shown.
 */
import { MoneyError, parseMajor, type Currency } from "../../shared/money";
import type { MessageKey } from "./i18n";
import type { ProductInput, ProductKind } from "./types";

export interface SkuDraft {
  code: string;
  barcode: string;
  specName: string;
  price: string;
  costPrice: string;
}

export interface ProductDraft {
  code: string;
  name: string;
  kind: ProductKind;
  taxClass: "standard" | "reduced" | "exempt";
  listingStatus: "listed" | "unlisted";
  categoryId: string;
  brandId: string;
  unitId: string;
  unitMin: string;
  unitMax: string;
  packQuantity: string;
  backorder: boolean;
  skus: SkuDraft[];
}

export const emptySku = (): SkuDraft => ({ code: "", barcode: "", specName: "", price: "", costPrice: "" });

export const emptyProduct = (): ProductDraft => ({
  code: "",
  name: "",
  kind: "normal",
  taxClass: "standard",
  listingStatus: "listed",
  categoryId: "",
  brandId: "",
  unitId: "",
  unitMin: "",
  unitMax: "",
  packQuantity: "",
  backorder: false,
  skus: [emptySku()],
});

/** A problem found before sending; `message` is an i18n key. */
export interface DraftIssue {
  path: (string | number)[];
  message: MessageKey;
}

export function toProductInput(draft: ProductDraft, currency: Currency): { input: ProductInput; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];

  const whole = (text: string, path: (string | number)[]): number | null => {
    const trimmed = text.trim();
    if (trimmed === "") return null;
    if (!/^-?\d+$/.test(trimmed)) {
      issues.push({ path, message: "form.wholeNumber" });
      return null;
    }
    return Number(trimmed);
  };
  const money = (text: string, path: (string | number)[], required: boolean): number | null => {
    const trimmed = text.trim();
    if (trimmed === "") {
      if (required) issues.push({ path, message: "form.required" });
      return null;
    }
    try {
      return parseMajor(trimmed, currency);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      issues.push({ path, message: currency === "JPY" ? "form.amountJpy" : "form.amountCny" });
      return null;
    }
  };
  const optional = (text: string) => (text.trim() === "" ? null : text.trim());
  const hasUnit = draft.unitId !== "";

  const input: ProductInput = {
    code: draft.code.trim(),
    name: draft.name.trim(),
    kind: draft.kind,
    taxClass: draft.taxClass,
    listingStatus: draft.listingStatus,
    categoryId: optional(draft.categoryId),
    brandId: optional(draft.brandId),
    unitId: hasUnit ? draft.unitId : null,
    // Order-value limits belong to the unit; without one they are not sent at all.
    unitMin: hasUnit ? whole(draft.unitMin, ["unitMin"]) : null,
    unitMax: hasUnit ? whole(draft.unitMax, ["unitMax"]) : null,
    packQuantity: whole(draft.packQuantity, ["packQuantity"]),
    backorder: draft.backorder,
    skus: draft.skus.map((sku, i) => ({
      code: sku.code.trim(),
      barcode: optional(sku.barcode),
      specName: sku.specName.trim(),
      price: money(sku.price, ["skus", i, "price"], true) ?? 0,
      costPrice: money(sku.costPrice, ["skus", i, "costPrice"], false),
    })),
  };
  return { input, issues };
}

/** The field paths the form shows, so the banner takes only the issues no field does. */
export function productFieldPaths(draft: ProductDraft): string[] {
  const top = ["code", "name", "kind", "taxClass", "listingStatus", "categoryId", "brandId", "unitId", "packQuantity", "backorder", "skus"];
  // The order-value limits are on screen only while a unit is chosen.
  if (draft.unitId) top.push("unitMin", "unitMax");
  const perSku = draft.skus.flatMap((_, i) => ["code", "barcode", "specName", "price", "costPrice"].map((f) => `skus.${i}.${f}`));
  return [...top, ...perSku];
}
