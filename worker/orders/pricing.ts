/**
 * Prices an order's lines and totals with the shared arithmetic the POS also uses:
 * unit products `value ÷ conversion × price` rounded once by 単位換算方法, then × quantity;
 * tax per rate, one rounding per rate per order.
 */
import type { Currency, Rounding } from "../../shared/money";
import { multiplyMinor, sumMinor } from "../../shared/money";
import { receiptTax, TAX_RATES, type TaxDisplay } from "../../shared/tax";
import { stockQuantity, unitPrice } from "../../shared/units";
import { UNIT_MESSAGES } from "../../shared/schemas/catalog";
import type { SkuPricing } from "../catalog/products";
import type { Issue } from "../errors";

export interface PricedLine {
  skuId: string | null;
  externalCode: string;
  name: string;
  quantity: number;
  unitValue: number | null;
  unitPrice: number;
  amount: number;
  taxRate: number;
  stockQuantity: number;
}

export interface OrderTotals {
  subtotal: number;
  tax: number;
  total: number;
}

/** Price a manual order's line from the catalog; issues name the line and field. */
export function priceCatalogLine(
  sku: SkuPricing,
  line: { quantity: number; unitValue?: number | null },
  index: number,
  currency: Currency,
  rounding: Rounding,
  issues: Issue[],
): PricedLine | null {
  const path = ["lines", index, "unitValue"];
  if (sku.unit) {
    if (line.unitValue == null) {
      issues.push({ path, message: UNIT_MESSAGES.unitRequired });
      return null;
    }
    if (line.unitValue < sku.unit.min || line.unitValue > sku.unit.max) {
      issues.push({ path, message: UNIT_MESSAGES.unitRange(sku.unit.min, sku.unit.max) });
      return null;
    }
  } else if (line.unitValue != null) {
    issues.push({ path, message: UNIT_MESSAGES.unitNotAllowed });
    return null;
  }
  const price = sku.unit ? unitPrice(line.unitValue!, sku.unit.conversion, sku.price, rounding) : sku.price;
  return {
    skuId: sku.skuId,
    externalCode: sku.code,
    name: sku.name,
    quantity: line.quantity,
    unitValue: line.unitValue ?? null,
    unitPrice: price,
    amount: multiplyMinor(price, line.quantity),
    taxRate: TAX_RATES[currency][sku.taxClass],
    stockQuantity: stockQuantity(line.quantity, line.unitValue),
  };
}

export function orderTotals(
  lines: readonly Pick<PricedLine, "amount" | "taxRate">[],
  display: TaxDisplay,
  currency: Currency,
  shippingFee: number,
  adjustment: number,
): OrderTotals {
  const tax = receiptTax(
    lines.map((l) => ({ amount: l.amount, rate: l.taxRate })),
    display,
    currency,
  );
  return { subtotal: sumMinor(lines.map((l) => l.amount)), tax: tax.tax, total: sumMinor([tax.gross, shippingFee, adjustment]) };
}
