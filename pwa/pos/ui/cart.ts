/**
 * The cart of a sale (and the goods going out in an exchange), as pure functions over plain data,
 * so the arithmetic is tested in Node and the screen only renders it.
 * Rules (seed 004 and shared/receipt.ts):
 *  - a unit product takes a value in its sales unit within min / max; its unit price is
 *    `value ÷ conversion × price`, rounded once by the merchant's 単位換算方法;
 *  - the same product with two values makes two lines; the same value again adds to the quantity;
 *  - a line discount never exceeds its line, the subtotal discount never exceeds the subtotal
 *    (both are clamped when a quantity goes down, so the cart always prices);
 *  - totals and the per-rate tax come from priceReceipt, exactly as the hub re-checks them.
 */
import { multiplyMinor, sumMinor, type Currency, type Rounding } from "../../../shared/money";
import { priceReceipt, changeDue, type PricedReceipt } from "../../../shared/receipt";
import type { TaxDisplay } from "../../../shared/tax";
import { unitPrice } from "../../../shared/units";
import type { CartLine, Sku, Tender } from "../data/contract";

export interface CartEntry extends CartLine {
  /** stable key for the screen (lines move when one is removed) */
  key: string;
}

export interface Cart {
  lines: CartEntry[];
  subtotalDiscount: number;
}

export const EMPTY_CART: Cart = { lines: [], subtotalDiscount: 0 };

export type UnitCheck = "ok" | "not-integer" | "below" | "above";

/** Whether `value` (in the sales unit) may be sold: a whole number within the product's min / max. */
export function checkUnitValue(unit: NonNullable<Sku["unit"]>, value: number): UnitCheck {
  if (!Number.isSafeInteger(value) || value <= 0) return "not-integer";
  if (value < unit.min) return "below";
  if (value > unit.max) return "above";
  return "ok";
}

/** 注文時の値段 of one piece of `sku` at `value` (unit products), or its price. */
export function priceOf(sku: Sku, value: number | null, rounding: Rounding): number {
  if (!sku.unit) return sku.price;
  if (value === null) throw new Error(`${sku.code}: a unit product needs a value`);
  return unitPrice(value, sku.unit.conversion, sku.price, rounding);
}

let counter = 0;
const newKey = () => `l${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * Adds `quantity` of `sku` (unit products: at `value`). The same SKU at the same value adds to that
 * line's quantity; a different value is a new line. Throws on a value outside min / max.
 */
export function addToCart(cart: Cart, sku: Sku, rounding: Rounding, value: number | null = null, quantity = 1): Cart {
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new Error("quantity must be a whole number ≥ 1");
  const unitValue = sku.unit ? value : null;
  if (sku.unit) {
    if (unitValue === null) throw new Error(`${sku.code}: a unit product needs a value`);
    const check = checkUnitValue(sku.unit, unitValue);
    if (check !== "ok") throw new Error(`${sku.code}: ${unitValue} is ${check} (${sku.unit.min}–${sku.unit.max})`);
  }
  const same = cart.lines.findIndex((l) => l.skuId === sku.id && l.unitValue === unitValue);
  if (same >= 0) {
    const lines = cart.lines.slice();
    const line = lines[same]!;
    lines[same] = { ...line, quantity: line.quantity + quantity };
    return { ...cart, lines };
  }
  const line: CartEntry = {
    key: newKey(),
    skuId: sku.id,
    quantity,
    unitValue,
    unitPrice: priceOf(sku, unitValue, rounding),
    discount: 0,
    taxRate: sku.taxRate,
  };
  return { ...cart, lines: [...cart.lines, line] };
}

const lineGross = (line: CartLine) => multiplyMinor(line.unitPrice, line.quantity);

/** Keeps the subtotal discount within the subtotal after a line changed. */
function settle(cart: Cart): Cart {
  const subtotal = sumMinor(cart.lines.map((l) => lineGross(l) - l.discount));
  return cart.subtotalDiscount > subtotal ? { ...cart, subtotalDiscount: subtotal } : cart;
}

/** Sets a line's quantity (≥ 1); a line discount larger than the new line shrinks to fit. */
export function setQuantity(cart: Cart, key: string, quantity: number): Cart {
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new Error("quantity must be a whole number ≥ 1");
  return settle({
    ...cart,
    lines: cart.lines.map((l) => {
      if (l.key !== key) return l;
      const next = { ...l, quantity };
      return { ...next, discount: Math.min(l.discount, lineGross(next)) };
    }),
  });
}

/** +1 / −1 on a line; −1 on a quantity of 1 removes the line. */
export function stepQuantity(cart: Cart, key: string, delta: 1 | -1): Cart {
  const line = cart.lines.find((l) => l.key === key);
  if (!line) return cart;
  if (line.quantity + delta < 1) return removeLine(cart, key);
  return setQuantity(cart, key, line.quantity + delta);
}

export function removeLine(cart: Cart, key: string): Cart {
  return settle({ ...cart, lines: cart.lines.filter((l) => l.key !== key) });
}

/** The largest discount a line takes: its whole amount. */
export const maxLineDiscount = (line: CartLine) => lineGross(line);

/** Sets a line discount in minor units; refuses a negative one or one larger than the line. */
export function setLineDiscount(cart: Cart, key: string, discount: number): Cart {
  return settle({
    ...cart,
    lines: cart.lines.map((l) => {
      if (l.key !== key) return l;
      if (!Number.isSafeInteger(discount) || discount < 0 || discount > lineGross(l)) throw new Error("the discount is more than the line");
      return { ...l, discount };
    }),
  });
}

/** Σ line amounts after line discounts: the most a subtotal discount can be. */
export const cartSubtotal = (cart: Cart) => sumMinor(cart.lines.map((l) => lineGross(l) - l.discount));

export function setSubtotalDiscount(cart: Cart, discount: number): Cart {
  if (!Number.isSafeInteger(discount) || discount < 0 || discount > cartSubtotal(cart)) throw new Error("the discount is more than the subtotal");
  return { ...cart, subtotalDiscount: discount };
}

/** A percentage of an amount as a discount, rounded down (a discount never gives more than asked). */
export const percentOf = (amount: number, percent: number) => Math.floor((amount * percent) / 100);

/** The cart priced as the receipt will be: line amounts, per-rate tax, total. */
export function priceCart(cart: Cart, display: TaxDisplay, currency: Currency): PricedReceipt {
  return priceReceipt(cart.lines, cart.subtotalDiscount, display, currency);
}

/** The lines as the data layer takes them (without the screen's keys). */
export const cartLines = (lines: readonly CartEntry[]): CartLine[] =>
  lines.map(({ skuId, quantity, unitValue, unitPrice, discount, taxRate }) => ({ skuId, quantity, unitValue, unitPrice, discount, taxRate }));

export interface PaymentState {
  paid: number;
  /** still to pay (0 once covered) */
  remaining: number;
  /** change to give, or null while the tenders do not cover the total (or a card overpays) */
  change: number | null;
  complete: boolean;
}

/** Where a (split) payment stands: what is paid, what is left, the change. */
export function paymentState(total: number, tenders: readonly Tender[]): PaymentState {
  const paid = sumMinor(tenders.map((t) => t.amount));
  const change = changeDue(total, tenders);
  return { paid, remaining: Math.max(0, total - paid), change, complete: change !== null };
}

/**
 * Whether a tender of `amount` may be added: cash may exceed what is left (change is given);
 * a card, QR or other tender may not, since overpaying by card is a keying error.
 */
export function tenderAllowed(total: number, tenders: readonly Tender[], tender: Tender): boolean {
  if (!Number.isSafeInteger(tender.amount) || tender.amount <= 0) return false;
  const { remaining } = paymentState(total, tenders);
  if (remaining === 0) return false;
  return tender.kind === "cash" || tender.amount <= remaining;
}

/** Adds a tender; two of the same method are merged into one. */
export function addTender(tenders: readonly Tender[], tender: Tender): Tender[] {
  const same = tenders.findIndex((t) => t.method === tender.method);
  if (same < 0) return [...tenders, tender];
  return tenders.map((t, i) => (i === same ? { ...t, amount: t.amount + tender.amount } : t));
}

/** Quick cash amounts for a total: exact, then the next round notes (JPY ¥1,000 / ¥5,000 / ¥10,000). */
export function quickCash(remaining: number, currency: Currency): number[] {
  // JPY: ¥1,000 / ¥5,000 / ¥10,000 notes; CNY (fen): ¥10 / ¥20 / ¥50 / ¥100
  const notes = currency === "JPY" ? [1000, 5000, 10000] : [1000, 2000, 5000, 10000];
  const out = [remaining];
  for (const note of notes) {
    const next = Math.ceil(remaining / note) * note;
    if (next > remaining && !out.includes(next)) out.push(next);
  }
  return out.slice(0, 4);
}
