/**
 * Pricing a POS receipt (sale, return, exchange) — the same function on the device and on the hub,
 * so the hub can re-check what the device computed and reject, never "fix", a mismatch.
 *  line amount = unit price × quantity − line discount (unit products: the unit price is already
 *  `value ÷ conversion × price` rounded once by 単位換算方法, shared/units.ts);
 *  a subtotal discount is shared among the tax rates in proportion to their amounts (largest
 *  remainder, so the parts add up to the discount exactly), then tax is taken once per rate.
 */
import { multiplyMinor, sumMinor, toSafeNumber, type Currency } from "./money";
import { receiptTax, type ReceiptTax, type TaxDisplay } from "./tax";

export interface ReceiptLineInput {
  unitPrice: number;
  quantity: number;
  /** minor units taken off this line */
  discount: number;
  taxRate: number;
}

export interface PricedReceipt {
  /** per line: unitPrice × quantity − discount */
  lineAmounts: number[];
  /** Σ line amounts, before the subtotal discount */
  subtotal: number;
  subtotalDiscount: number;
  tax: ReceiptTax;
  /** what the customer pays (tax-exclusive prices: plus tax) */
  total: number;
}

export class ReceiptError extends Error {
  override name = "ReceiptError";
}

export function priceReceipt(
  lines: readonly ReceiptLineInput[],
  subtotalDiscount: number,
  display: TaxDisplay,
  currency: Currency,
): PricedReceipt {
  const lineAmounts = lines.map((line, i) => {
    const amount = multiplyMinor(line.unitPrice, line.quantity) - line.discount;
    if (line.discount < 0 || amount < 0) throw new ReceiptError(`line ${i + 1}: the discount is more than the line`);
    return amount;
  });
  const subtotal = sumMinor(lineAmounts);
  if (subtotalDiscount < 0 || subtotalDiscount > subtotal) throw new ReceiptError("the subtotal discount is more than the subtotal");
  // Share the subtotal discount among rates by amount, largest remainder first.
  const byRate = new Map<number, number>();
  lines.forEach((line, i) => byRate.set(line.taxRate, (byRate.get(line.taxRate) ?? 0) + lineAmounts[i]!));
  const rates = [...byRate.entries()].sort(([a], [b]) => b - a);
  const shares = rates.map(([rate, amount]) => {
    const exact = subtotal === 0 ? 0n : BigInt(subtotalDiscount) * BigInt(amount);
    const whole = subtotal === 0 ? 0n : exact / BigInt(subtotal);
    return { rate, amount, share: toSafeNumber(whole), remainder: subtotal === 0 ? 0n : exact % BigInt(subtotal) };
  });
  let left = subtotalDiscount - sumMinor(shares.map((s) => s.share));
  for (const s of [...shares].sort((a, b) => (a.remainder === b.remainder ? b.rate - a.rate : a.remainder > b.remainder ? -1 : 1))) {
    if (left <= 0) break;
    s.share++;
    left--;
  }
  const tax = receiptTax(
    shares.map((s) => ({ amount: s.amount - s.share, rate: s.rate })),
    display,
    currency,
  );
  return { lineAmounts, subtotal, subtotalDiscount, tax, total: tax.gross };
}

/** Change given for a cash payment, or null when the tenders do not cover the total. */
export function changeDue(total: number, tenders: readonly { amount: number; kind: string }[]): number | null {
  const paid = sumMinor(tenders.map((t) => t.amount));
  if (paid < total) return null;
  const overpaid = paid - total;
  // Only cash gives change: a card or QR tender over the total is a keying error.
  const cash = sumMinor(tenders.filter((t) => t.kind === "cash").map((t) => t.amount));
  return overpaid <= cash ? overpaid : null;
}
