/**
 * Selling by unit (seed 004): 注文時の値段 = 入力値 ÷ 単位換算値 × 販売価格, computed exactly and rounded
 * once by 単位換算方法, then × 数量; stock is taken as 入力値 × 数量 in the sales unit.
 * Seed 004's worked numbers are the acceptance cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, MoneyError, ROUNDINGS } from "../../shared/money";
import {
  stockAfter,
  stockQuantity,
  unitLineAmount,
  unitListPriceText,
  unitPrice,
  unitValueText,
  type UnitDefinition,
} from "../../shared/units";

/** Seed 004's ribbon: managed in m, sold in cm, 999 yen a metre. */
const ribbon: UnitDefinition = { managementUnit: "m", salesUnit: "cm", displayName: "長さ", conversion: 100 };
const RIBBON_PRICE = 999;

const value = fc.integer({ min: 1, max: 100_000 });
const conversion = fc.integer({ min: 1, max: 1_000_000 }); // the catalog schema's range
const price = fc.integer({ min: 0, max: 10_000_000 });
const quantity = fc.integer({ min: 1, max: 1_000 });
const rounding = fc.constantFrom(...ROUNDINGS);

describe("unitPrice (注文時の値段)", () => {
  it("prices 85 cm of the 999-yen-per-metre ribbon at 849.15 → 850 切り上げ / 849 切り捨て / 849 四捨五入", () => {
    expect(unitPrice(85, ribbon.conversion, RIBBON_PRICE, "ceil")).toBe(850);
    expect(unitPrice(85, ribbon.conversion, RIBBON_PRICE, "floor")).toBe(849);
    expect(unitPrice(85, ribbon.conversion, RIBBON_PRICE, "round")).toBe(849);
  });

  it("四捨五入 takes an exact half up (50 cm × 999 ÷ 100 = 499.5 → 500)", () => {
    expect(unitPrice(50, 100, 999, "round")).toBe(500);
    expect(unitPrice(50, 100, 999, "floor")).toBe(499);
    expect(unitPrice(50, 100, 999, "ceil")).toBe(500);
  });

  it("divides after multiplying, so no intermediate fraction is lost (1 cm of 999 yen per m = 9.99)", () => {
    // value ÷ conversion first would give 0.01 × 999 in floating point; the exact price is 9.99.
    expect(unitPrice(1, 100, 999, "floor")).toBe(9);
    expect(unitPrice(1, 100, 999, "ceil")).toBe(10);
    expect(unitPrice(1, 100, 999, "round")).toBe(10);
    // 0.29 × 100 = 28.999999999999996 in floating point; exactly it is 29 in every mode.
    for (const mode of ROUNDINGS) expect(unitPrice(29, 100, 100, mode)).toBe(29);
  });

  it("charges the full price for exactly one management unit (100 cm of a 999-yen metre)", () => {
    for (const mode of ROUNDINGS) expect(unitPrice(100, 100, 999, mode)).toBe(999);
  });

  it("refuses a conversion of 0 instead of dividing by it", () => {
    expect(() => unitPrice(85, 0, 999, "ceil")).toThrow(MoneyError);
  });

  it("with conversion 1 (same management and sales unit) is value × price in every mode", () => {
    fc.assert(
      fc.property(value, price, rounding, (v, p, mode) => {
        expect(unitPrice(v, 1, p, mode)).toBe(v * p);
      }),
    );
  });

  it("with value equal to the conversion is the list price in every mode", () => {
    fc.assert(
      fc.property(conversion, price, rounding, (c, p, mode) => {
        expect(unitPrice(c, c, p, mode)).toBe(p);
      }),
    );
  });

  it("brackets the exact value ÷ conversion × price: floor ≤ exact ≤ ceil, 四捨五入 within one half", () => {
    fc.assert(
      fc.property(value, conversion, price, (v, c, p) => {
        const exact = BigInt(v) * BigInt(p); // × 1/c
        const C = BigInt(c);
        const floor = BigInt(unitPrice(v, c, p, "floor"));
        const ceil = BigInt(unitPrice(v, c, p, "ceil"));
        const round = BigInt(unitPrice(v, c, p, "round"));
        expect(floor * C <= exact && exact < (floor + 1n) * C).toBe(true);
        expect((ceil - 1n) * C < exact && exact <= ceil * C).toBe(true);
        const twiceError = 2n * exact - 2n * round * C;
        // exact − round ∈ [−½, ½): within a half, and a tie goes up since these amounts are non-negative
        expect(-C <= twiceError && twiceError < C).toBe(true);
      }),
    );
  });

  it("never falls when the customer asks for more (monotone in the entered value)", () => {
    fc.assert(
      fc.property(value, value, conversion, price, rounding, (a, b, c, p, mode) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(unitPrice(small, c, p, mode) <= unitPrice(large, c, p, mode)).toBe(true);
      }),
    );
  });
});

describe("unitLineAmount", () => {
  it("charges 850 × 3 = 2,550 yen for three 85 cm pieces under 切り上げ", () => {
    expect(unitLineAmount(85, 3, ribbon.conversion, RIBBON_PRICE, "ceil")).toBe(2550);
    expect(formatMoney(unitLineAmount(85, 3, ribbon.conversion, RIBBON_PRICE, "ceil"), "JPY")).toBe("¥2,550");
  });

  it("rounds the unit price once and then multiplies, not the line (849.15 × 3 = 2,547.45 would give 2,548)", () => {
    expect(unitLineAmount(85, 3, 100, 999, "ceil")).toBe(2550);
    expect(unitLineAmount(85, 3, 100, 999, "floor")).toBe(2547);
    expect(unitLineAmount(85, 3, 100, 999, "round")).toBe(2547);
  });

  it("is always the rounded unit price times the quantity", () => {
    fc.assert(
      fc.property(value, quantity, conversion, price, rounding, (v, q, c, p, mode) => {
        expect(unitLineAmount(v, q, c, p, mode)).toBe(unitPrice(v, c, p, mode) * q);
      }),
    );
  });

  it("refuses a line amount beyond the safe integer range", () => {
    expect(() => unitLineAmount(1, 2, 1, Number.MAX_SAFE_INTEGER, "floor")).toThrow(MoneyError);
  });
});

describe("stockQuantity and stockAfter (在庫数 − 入力値 × 数量)", () => {
  it("takes 100 cm × 2 = 200 cm from stock", () => {
    expect(stockQuantity(2, 100)).toBe(200);
  });

  it("leaves 1000 − 100 × 2 = 800 cm of a 1000 cm ribbon", () => {
    expect(stockAfter(1000, 2, 100)).toBe(800);
  });

  it("goes negative when the order takes more than is in stock (the order is refused)", () => {
    expect(stockAfter(150, 2, 100)).toBe(-50);
    expect(stockAfter(200, 2, 100)).toBe(0);
  });

  it("treats a product without a unit as quantity alone", () => {
    expect(stockQuantity(3, null)).toBe(3);
    expect(stockQuantity(3, undefined)).toBe(3);
    expect(stockAfter(10, 3, null)).toBe(7);
  });

  it("refuses a stock quantity beyond the safe integer range", () => {
    expect(() => stockQuantity(2, Number.MAX_SAFE_INTEGER)).toThrow(MoneyError);
  });

  it("stock taken plus stock left is the stock before, and taken = value × quantity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), quantity, fc.option(value, { nil: null }), (stock, q, v) => {
        const taken = stockQuantity(q, v);
        expect(taken).toBe(v == null ? q : v * q);
        expect(stockAfter(stock, q, v) + taken).toBe(stock);
      }),
    );
  });
});

describe("unit texts for mails and forms", () => {
  it("writes #ORDER_UNIT_VALUE_TEXT# as 「長さ:85cm」", () => {
    expect(unitValueText(ribbon, 85)).toBe("長さ:85cm");
  });

  it("writes seed 004's mail example 「長さ:1m」", () => {
    expect(unitValueText({ displayName: "長さ", salesUnit: "m" }, 1)).toBe("長さ:1m");
  });

  it("writes #UNIT_ITEM_TEIKA# as 「100cmあたり¥999」", () => {
    expect(unitListPriceText(ribbon, formatMoney(RIBBON_PRICE, "JPY"))).toBe("100cmあたり¥999");
  });

  it("writes seed 004's mail example 「1mあたり¥100」", () => {
    expect(unitListPriceText({ salesUnit: "m", conversion: 1 }, formatMoney(100, "JPY"))).toBe("1mあたり¥100");
  });

  it("keeps the display name, value and sales unit verbatim in that order", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), value, (displayName, salesUnit, v) => {
        expect(unitValueText({ displayName, salesUnit }, v)).toBe(`${displayName}:${v}${salesUnit}`);
      }),
    );
  });
});
