/**
 * Manual order entry (受注登録): the form's values → the body of POST /api/orders, and each line's
 * live price. A unit product (seed 004) takes its order value (注文単位) in the sales unit, and is
 * priced by shared/units.ts — `value ÷ conversion × price`, rounded once by the merchant's
 * 単位換算方法, then × quantity — the functions the worker prices with, so the preview is the
 * amount the order will carry (85 cm of ¥999 / 100 cm, 切り上げ → ¥850, × 3 → ¥2,550).
 * Decided here only: "is it a whole number", a shipping fee in the merchant's currency, and the
 * seed's cart rule (the same product twice only with different order values). Range and stock are
 * the worker's; its messages are shown as given.
 */
import { MoneyError, multiplyMinor, parseMajor, ROUNDINGS, sumMinor, type Currency, type Rounding } from "../../shared/money";
import { unitLineAmount, unitPrice } from "../../shared/units";
import type { MessageKey } from "./i18n";
import type { DraftIssue } from "./product-draft";
import type { ManualOrderInput, Product } from "./types";

/** A product's unit as a line needs it: names for the label, the conversion and the order-value range. */
export interface EntryUnit {
  displayName: string; // 画面表示名
  salesUnit: string; // 販売用単位
  conversion: number; // 単位換算値
  min: number; // 最低注文単位
  max: number; // 最高注文単位
}

export interface EntrySku {
  skuId: string;
  code: string;
  label: string;
  price: number;
  unit: EntryUnit | null;
}

export interface EntryLine {
  /** Stable key for the list; never sent. */
  key: number;
  sku: EntrySku;
  quantity: string;
  unitValue: string;
}

export interface EntryDraft {
  channelId: string;
  locationId: string;
  /** 支払方法: one of the merchant's payment methods, "" for none. */
  paymentMethodId: string;
  customerName: string;
  shippingAddress: string;
  shippingFee: string;
  note: string;
  lines: EntryLine[];
}

export const emptyEntry = (channelId = ""): EntryDraft => ({
  channelId,
  locationId: "",
  paymentMethodId: "",
  customerName: "",
  shippingAddress: "",
  shippingFee: "",
  note: "",
  lines: [],
});

/** The merchant's 単位換算方法 from /api/auth/me; null when it is not one we know (then no preview). */
export function roundingOf(value: string | undefined): Rounding | null {
  return (ROUNDINGS as readonly string[]).includes(value ?? "") ? (value as Rounding) : null;
}

/** A whole number ≥ 0 as typed, full-width digits included (「８５」); null for anything else. */
export function wholeNumber(text: string): number | null {
  const t = text.normalize("NFKC").trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** The SKUs of a product search as lines can take them. */
export function skuOptions(products: readonly Product[]): EntrySku[] {
  return products.flatMap((p) =>
    p.skus.map((s) => ({
      skuId: s.id,
      code: s.code,
      label: s.specName ? `${p.name} / ${s.specName}` : p.name,
      price: s.price,
      unit: p.unit
        ? { displayName: p.unit.displayName, salesUnit: p.unit.salesUnit, conversion: p.unit.conversion, min: p.unitMin ?? 1, max: p.unitMax ?? p.unitMin ?? 1 }
        : null,
    })),
  );
}

/**
 * What a search offers: the worker finds products whose code or name matches, or one of whose SKUs
 * does; when SKUs themselves match (code prefix, barcode), only those are offered, so searching
 * "RB-001-BLU" offers the blue ribbon and not the red one beside it.
 */
export function skuChoices(products: readonly Product[], query: string): EntrySku[] {
  const all = skuOptions(products);
  const q = query.trim().toLowerCase();
  if (!q) return all;
  const matching = new Set(products.flatMap((p) => p.skus.filter((s) => s.code.toLowerCase().startsWith(q) || s.barcode === query.trim()).map((s) => s.id)));
  return matching.size ? all.filter((s) => matching.has(s.skuId)) : all;
}

/**
 * Adds a picked SKU. A unit product always gets a new line (the same ribbon at 85 cm and at 120 cm
 * are two lines, seed 004); a plain product already on the order gets one more instead.
 */
export function addLine(lines: readonly EntryLine[], sku: EntrySku, key: number): EntryLine[] {
  const existing = sku.unit ? -1 : lines.findIndex((l) => l.sku.skuId === sku.skuId);
  if (existing >= 0) {
    return lines.map((l, i) => {
      if (i !== existing) return l;
      const quantity = wholeNumber(l.quantity);
      return quantity === null ? l : { ...l, quantity: String(quantity + 1) };
    });
  }
  return [...lines, { key, sku, quantity: "1", unitValue: "" }];
}

export interface LinePreview {
  unitPrice: number;
  amount: number;
}

/**
 * The price of a line as the worker will compute it; null while the line is incomplete, and for
 * an order value outside the product's range (the worker refuses it, so there is no price).
 */
export function linePreview(line: Pick<EntryLine, "sku" | "quantity" | "unitValue">, rounding: Rounding | null): LinePreview | null {
  const quantity = wholeNumber(line.quantity);
  if (quantity === null || quantity < 1) return null;
  const { unit, price } = line.sku;
  if (!unit) return { unitPrice: price, amount: multiplyMinor(price, quantity) };
  const value = wholeNumber(line.unitValue);
  if (rounding === null || value === null || value < unit.min || value > unit.max) return null;
  return { unitPrice: unitPrice(value, unit.conversion, price, rounding), amount: unitLineAmount(value, quantity, unit.conversion, price, rounding) };
}

/** True when the line has an order value the product's range refuses (shown beside the preview). */
export function outOfRange(line: Pick<EntryLine, "sku" | "unitValue">): boolean {
  const value = wholeNumber(line.unitValue);
  return !!line.sku.unit && value !== null && (value < line.sku.unit.min || value > line.sku.unit.max);
}

/** The sum of the lines' amounts (the order's 小計 before shipping); null until every line has a price. */
export function subtotalPreview(lines: readonly EntryLine[], rounding: Rounding | null): number | null {
  if (!lines.length) return null;
  const amounts = lines.map((l) => linePreview(l, rounding));
  return amounts.every((a) => a !== null) ? sumMinor(amounts.map((a) => a!.amount)) : null;
}

export type ManualOrderValues = Omit<ManualOrderInput, "idempotencyKey">;

/** The body without its idempotency key (SubmissionKey makes one per distinct values), and the problems found. */
export function toManualOrder(draft: EntryDraft, currency: Currency): { values: ManualOrderValues; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  const issue = (path: (string | number)[], message: MessageKey) => issues.push({ path, message });

  if (!draft.channelId) issue(["channelId"], "form.required");
  if (!draft.lines.length) issue(["lines"], "entry.noLines");

  let shippingFee = 0;
  if (draft.shippingFee.trim() !== "") {
    try {
      shippingFee = parseMajor(draft.shippingFee, currency);
      if (shippingFee < 0) issue(["shippingFee"], currency === "JPY" ? "form.amountJpy" : "form.amountCny");
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      issue(["shippingFee"], currency === "JPY" ? "form.amountJpy" : "form.amountCny");
    }
  }

  const seen = new Set<string>();
  const lines = draft.lines.map((line, i) => {
    const quantity = wholeNumber(line.quantity);
    if (quantity === null || quantity < 1) issue(["lines", i, "quantity"], "form.wholeNumber");
    let unitValue: number | null = null;
    if (line.sku.unit) {
      if (line.unitValue.trim() === "") issue(["lines", i, "unitValue"], "entry.unitRequired");
      else {
        unitValue = wholeNumber(line.unitValue);
        if (unitValue === null) issue(["lines", i, "unitValue"], "form.wholeNumber");
      }
    }
    // 同じ商品は注文単位が異なる場合のみ別の明細にできる (seed 004).
    const same = `${line.sku.skuId}|${unitValue ?? line.unitValue.trim()}`;
    if (seen.has(same)) issue(["lines", i, line.sku.unit ? "unitValue" : "quantity"], "entry.duplicateLine");
    seen.add(same);
    return { skuId: line.sku.skuId, quantity: quantity ?? 0, ...(line.sku.unit ? { unitValue } : {}) };
  });

  const values: ManualOrderValues = {
    channelId: draft.channelId,
    ...(draft.locationId ? { locationId: draft.locationId } : {}),
    ...(draft.paymentMethodId ? { paymentMethodId: draft.paymentMethodId } : {}),
    customerName: draft.customerName.trim(),
    shippingAddress: draft.shippingAddress.trim(),
    shippingFee,
    note: draft.note.trim(),
    lines,
  };
  return { values, issues };
}

/** The paths the entry form shows next to its fields; the banner takes every other issue. */
export function entryFieldPaths(lineCount: number): string[] {
  const top = ["channelId", "locationId", "paymentMethodId", "customerName", "shippingAddress", "shippingFee", "note", "lines"];
  const perLine = Array.from({ length: lineCount }, (_, i) => ["skuId", "quantity", "unitValue", "stock"].map((f) => `lines.${i}.${f}`)).flat();
  return [...top, ...perLine];
}

