/**
 * Consumption tax / VAT on a receipt or an order.
 * JPY (インボイス制度): lines are summed per rate and each rate's tax is rounded once per receipt;
 * prices may be tax-inclusive (内税) or tax-exclusive (外税).
 * CNY: prices are VAT-inclusive and receipts show no per-rate split, so only the total is given.
 */
import { roundRational, sumMinor, type Currency, type Rounding } from "./money";

export type TaxDisplay = "inclusive" | "exclusive";
export type TaxClass = "standard" | "reduced" | "exempt";

/** Rates in percent by tax class and currency (Japan 10 % / 8 % 軽減税率; China 13 % / 9 %). */
export const TAX_RATES: Record<Currency, Record<TaxClass, number>> = {
  JPY: { standard: 10, reduced: 8, exempt: 0 },
  CNY: { standard: 13, reduced: 9, exempt: 0 },
};

export interface TaxableLine {
  amount: number; // minor units, as priced (inclusive or exclusive per `display`)
  rate: number; // percent
}

export interface RateTotal {
  rate: number;
  /** Sum of the lines at this rate, as priced. */
  amount: number;
  /** Amount without tax. */
  net: number;
  tax: number;
  /** Amount with tax. */
  gross: number;
}

export interface ReceiptTax {
  display: TaxDisplay;
  /** Per-rate breakdown (JPY); empty for CNY, whose receipts show no split. */
  byRate: RateTotal[];
  net: number;
  tax: number;
  /** What the customer pays. */
  gross: number;
}

/** Tax of one rate group: one rounding per rate per receipt (default 切り捨て). */
export function rateTax(amount: number, rate: number, display: TaxDisplay, rounding: Rounding = "floor"): number {
  if (rate === 0) return 0;
  const a = BigInt(amount);
  const r = BigInt(rate);
  return display === "inclusive" ? roundRational(a * r, 100n + r, rounding) : roundRational(a * r, 100n, rounding);
}

export function receiptTax(
  lines: readonly TaxableLine[],
  display: TaxDisplay,
  currency: Currency,
  rounding: Rounding = "floor",
): ReceiptTax {
  // CNY prices are always VAT-inclusive.
  if (currency === "CNY") display = "inclusive";
  const byRateMap = new Map<number, number[]>();
  for (const line of lines) {
    const group = byRateMap.get(line.rate) ?? [];
    group.push(line.amount);
    byRateMap.set(line.rate, group);
  }
  const byRate: RateTotal[] = [...byRateMap.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, amounts]) => {
      const amount = sumMinor(amounts);
      const tax = rateTax(amount, rate, display, rounding);
      return display === "inclusive"
        ? { rate, amount, net: amount - tax, tax, gross: amount }
        : { rate, amount, net: amount, tax, gross: amount + tax };
    });
  const net = sumMinor(byRate.map((r) => r.net));
  const tax = sumMinor(byRate.map((r) => r.tax));
  const gross = sumMinor(byRate.map((r) => r.gross));
  // CNY: no per-rate lines on the receipt.
  return { display, byRate: currency === "CNY" ? [] : byRate, net, tax, gross };
}
