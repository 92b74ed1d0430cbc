/**
 * Selling by unit (seed 004): stock in a management unit, sell in a sales unit.
 * The order value (注文単位) is entered in the sales unit; the stock is kept in the sales unit too
 * (1000 cm), so a line takes `value × quantity` from stock.
 * Price: `value ÷ conversion × price`, computed exactly, rounded once by 単位換算方法, then × quantity.
 */
import { roundRational, toSafeNumber, type Rounding } from "./money";

export interface UnitDefinition {
  managementUnit: string; // 管理用単位, e.g. "m"
  salesUnit: string; // 販売用単位, e.g. "cm"
  displayName: string; // 画面表示名, e.g. "長さ"
  conversion: number; // 単位換算値: sales units per management unit, integer ≥ 1
}

/** 注文時の値段 of one piece: 85 ÷ 100 × 999 = 849.15 → 850 / 849 / 849. */
export function unitPrice(value: number, conversion: number, price: number, rounding: Rounding): number {
  return roundRational(BigInt(value) * BigInt(price), BigInt(conversion), rounding);
}

/** The line amount: the rounded unit price × quantity (850 × 3 = 2,550). */
export function unitLineAmount(
  value: number,
  quantity: number,
  conversion: number,
  price: number,
  rounding: Rounding,
): number {
  return toSafeNumber(BigInt(unitPrice(value, conversion, price, rounding)) * BigInt(quantity));
}

/** What the line takes from stock, in the sales unit: 100 cm × 2 = 200. */
export function stockQuantity(quantity: number, value: number | null | undefined): number {
  return value == null ? quantity : toSafeNumber(BigInt(value) * BigInt(quantity));
}

/** Stock left after the line, `在庫数 − 入力値 × 数量`: 1000 − 100 × 2 = 800. Negative means refused. */
export function stockAfter(stock: number, quantity: number, value: number | null | undefined): number {
  return stock - stockQuantity(quantity, value);
}

/** #ORDER_UNIT_VALUE_TEXT#: 「長さ:85cm」. */
export function unitValueText(unit: Pick<UnitDefinition, "displayName" | "salesUnit">, value: number): string {
  return `${unit.displayName}:${value}${unit.salesUnit}`;
}

/** #UNIT_ITEM_TEIKA#: {単位換算値}{販売単位}あたり¥{単価}, e.g. 「100cmあたり¥999」. */
export function unitListPriceText(unit: Pick<UnitDefinition, "salesUnit" | "conversion">, priceText: string): string {
  return `${unit.conversion}${unit.salesUnit}あたり${priceText}`;
}
