/**
 * What can come back from a sale, and what the customer gets for it.
 *  - A line can be returned up to what was sold minus what earlier returns / exchanges on this
 *    device already took back (matched by SKU, unit value and unit price).
 *  - A returned line refunds what was paid for it: its unit price, less its line discount and its
 *    share of the subtotal discount (shared by amount, largest remainder, like the receipt), taken
 *    pro rata and cumulatively, so returning a line in parts refunds exactly the whole in the end.
 *  - Returns and exchanges carry no subtotal discount of their own: the share is in the line.
 */
import { multiplyMinor, sumMinor } from "../../../shared/money";
import type { CartLine, LocalDocument } from "../data/contract";
import type { SaleBody, ReturnBody, ExchangeBody } from "./documents";

export interface ReturnableLine {
  /** index of the line on the original sale */
  index: number;
  line: CartLine;
  sold: number;
  returnedBefore: number;
  /** what may still come back */
  remaining: number;
  /** the whole line's discount: its own plus its share of the subtotal discount */
  discountTotal: number;
}

const lineKey = (l: { skuId: string; unitValue?: number | null; unitPrice: number }) => `${l.skuId}|${l.unitValue ?? ""}|${l.unitPrice}`;

/** Each line's share of a subtotal discount, by amount, largest remainder first (sums exactly). */
export function subtotalShares(amounts: readonly number[], discount: number): number[] {
  const total = sumMinor(amounts);
  if (total === 0 || discount === 0) return amounts.map(() => 0);
  const parts = amounts.map((amount, i) => {
    const exact = BigInt(discount) * BigInt(amount);
    return { i, share: Number(exact / BigInt(total)), remainder: exact % BigInt(total) };
  });
  let left = discount - parts.reduce((s, p) => s + p.share, 0);
  for (const p of [...parts].sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1))) {
    if (left <= 0) break;
    p.share++;
    left--;
  }
  return parts.map((p) => p.share);
}

/** The lines of `original` that can still come back, given the earlier returns and exchanges. */
export function returnableLines(original: SaleBody, earlier: readonly LocalDocument[]): ReturnableLine[] {
  const back = new Map<string, number>();
  for (const doc of earlier) {
    if (doc.body.originalId !== original.id) continue;
    const lines = doc.kind === "return" ? (doc.body as unknown as ReturnBody).lines : doc.kind === "exchange" ? (doc.body as unknown as ExchangeBody).returned : [];
    for (const l of lines) back.set(lineKey(l), (back.get(lineKey(l)) ?? 0) + l.quantity);
  }
  const amounts = original.lines.map((l) => multiplyMinor(l.unitPrice, l.quantity) - (l.discount ?? 0));
  const shares = subtotalShares(amounts, original.subtotalDiscount ?? 0);
  return original.lines.map((l, index) => {
    const key = lineKey(l);
    const taken = Math.min(back.get(key) ?? 0, l.quantity);
    back.set(key, (back.get(key) ?? 0) - taken);
    const line: CartLine = { skuId: l.skuId, quantity: l.quantity, unitValue: l.unitValue ?? null, unitPrice: l.unitPrice, discount: l.discount ?? 0, taxRate: l.taxRate };
    return { index, line, sold: l.quantity, returnedBefore: taken, remaining: l.quantity - taken, discountTotal: (l.discount ?? 0) + shares[index]! };
  });
}

/**
 * The line that refunds `quantity` of `r`: same unit price and tax rate, with the part of the
 * discount those pieces carried (cumulative floor, so parts add up to the whole discount).
 */
export function refundLine(r: ReturnableLine, quantity: number): CartLine {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > r.remaining) throw new Error("quantity out of range");
  const upTo = (n: number) => Number((BigInt(r.discountTotal) * BigInt(n)) / BigInt(r.sold));
  const discount = upTo(r.returnedBefore + quantity) - upTo(r.returnedBefore);
  return { ...r.line, quantity, discount };
}
