import { describe, expect, it } from "vitest";
import {
  addTender,
  addToCart,
  cartLines,
  checkUnitValue,
  EMPTY_CART,
  paymentState,
  priceCart,
  quickCash,
  removeLine,
  setLineDiscount,
  setQuantity,
  setSubtotalDiscount,
  stepQuantity,
  tenderAllowed,
} from "../../../pwa/pos/ui/cart";
import { DEMO_SKUS } from "../../../pwa/pos/ui/dev-data";

const sku = (code: string) => DEMO_SKUS.find((s) => s.code === code)!;
const ribbon = sku("RB-001-RED"); // 999 yen per 100 cm, 10〜1000 cm, 10 %
const tshirt = sku("TS-100-M"); // 3,300 yen, 10 %
const coffee = sku("CF-200"); // 1,080 yen, 8 % (軽減税率)

describe("unit products (seed 004)", () => {
  it("85 cm of a 999 yen / 100 cm ribbon is 850 yen with 切り上げ, 849 with 切り捨て and 四捨五入; × 3 = 2,550", () => {
    const ceil = addToCart(EMPTY_CART, ribbon, "ceil", 85, 3);
    expect(ceil.lines[0]).toMatchObject({ skuId: ribbon.id, unitValue: 85, unitPrice: 850, quantity: 3, taxRate: 10 });
    expect(priceCart(ceil, "inclusive", "JPY").total).toBe(2550);
    expect(addToCart(EMPTY_CART, ribbon, "floor", 85).lines[0]!.unitPrice).toBe(849);
    expect(addToCart(EMPTY_CART, ribbon, "round", 85).lines[0]!.unitPrice).toBe(849);
  });

  it("refuses a value outside min / max or not a whole number, and a unit product without a value", () => {
    expect(checkUnitValue(ribbon.unit!, 10)).toBe("ok");
    expect(checkUnitValue(ribbon.unit!, 1000)).toBe("ok");
    expect(checkUnitValue(ribbon.unit!, 9)).toBe("below");
    expect(checkUnitValue(ribbon.unit!, 1001)).toBe("above");
    expect(checkUnitValue(ribbon.unit!, 85.5)).toBe("not-integer");
    expect(checkUnitValue(ribbon.unit!, 0)).toBe("not-integer");
    expect(() => addToCart(EMPTY_CART, ribbon, "ceil", 5)).toThrow();
    expect(() => addToCart(EMPTY_CART, ribbon, "ceil", 1001)).toThrow();
    expect(() => addToCart(EMPTY_CART, ribbon, "ceil", null)).toThrow();
  });

  it("the same product with two values makes two lines; the same value again adds to the quantity", () => {
    let cart = addToCart(EMPTY_CART, ribbon, "ceil", 85, 1);
    cart = addToCart(cart, ribbon, "ceil", 120, 1);
    expect(cart.lines.map((l) => [l.unitValue, l.quantity, l.unitPrice])).toEqual([
      [85, 1, 850],
      [120, 1, 1199], // 120 × 999 / 100 = 1198.8 → 1199
    ]);
    cart = addToCart(cart, ribbon, "ceil", 85, 2);
    expect(cart.lines.map((l) => [l.unitValue, l.quantity])).toEqual([
      [85, 3],
      [120, 1],
    ]);
  });

  it("an ordinary product scanned twice is one line of 2, and ignores a value", () => {
    let cart = addToCart(EMPTY_CART, tshirt, "ceil");
    cart = addToCart(cart, tshirt, "ceil", 50);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ quantity: 2, unitValue: null, unitPrice: 3300 });
  });
});

describe("cart arithmetic", () => {
  const base = () => {
    let cart = addToCart(EMPTY_CART, ribbon, "ceil", 85, 3); // 2,550 @10 %
    cart = addToCart(cart, tshirt, "ceil", null, 2); // 6,600 @10 %
    return addToCart(cart, coffee, "ceil"); // 1,080 @8 %
  };

  it("prices per rate with one tax rounding per rate (内税: 10 % of 9,150 → 831; 8 % of 1,080 → 80)", () => {
    const priced = priceCart(base(), "inclusive", "JPY");
    expect(priced.subtotal).toBe(10230);
    expect(priced.total).toBe(10230);
    expect(priced.tax.byRate.map((r) => [r.rate, r.amount, r.tax])).toEqual([
      [10, 9150, 831],
      [8, 1080, 80],
    ]);
  });

  it("adds tax on top for a tax-exclusive store (外税)", () => {
    const priced = priceCart(base(), "exclusive", "JPY");
    expect(priced.tax.byRate.map((r) => [r.rate, r.tax])).toEqual([
      [10, 915],
      [8, 86],
    ]);
    expect(priced.total).toBe(10230 + 915 + 86);
  });

  it("line and subtotal discounts: the subtotal discount is shared among rates and adds up exactly", () => {
    let cart = base();
    const shirt = cart.lines[1]!.key;
    cart = setLineDiscount(cart, shirt, 300);
    cart = setSubtotalDiscount(cart, 993);
    const priced = priceCart(cart, "inclusive", "JPY");
    expect(priced.lineAmounts).toEqual([2550, 6300, 1080]);
    expect(priced.subtotal).toBe(9930);
    expect(priced.total).toBe(9930 - 993);
    expect(priced.tax.byRate.reduce((s, r) => s + r.amount, 0)).toBe(9930 - 993);
  });

  it("refuses a discount larger than its line or the subtotal, or negative", () => {
    const cart = base();
    const shirt = cart.lines[1]!.key;
    expect(() => setLineDiscount(cart, shirt, 6601)).toThrow();
    expect(() => setLineDiscount(cart, shirt, -1)).toThrow();
    expect(() => setSubtotalDiscount(cart, 10231)).toThrow();
    expect(setSubtotalDiscount(cart, 10230).subtotalDiscount).toBe(10230);
  });

  it("a smaller quantity shrinks a line discount and the subtotal discount so the cart still prices", () => {
    let cart = addToCart(EMPTY_CART, tshirt, "ceil", null, 3);
    const key = cart.lines[0]!.key;
    cart = setLineDiscount(cart, key, 5000);
    cart = setSubtotalDiscount(cart, 4900);
    cart = setQuantity(cart, key, 1);
    expect(cart.lines[0]!.discount).toBe(3300);
    expect(cart.subtotalDiscount).toBe(0);
    expect(() => priceCart(cart, "inclusive", "JPY")).not.toThrow();
  });

  it("− on a quantity of 1 removes the line; remove takes it away; quantities stay whole numbers ≥ 1", () => {
    let cart = base();
    const coffeeKey = cart.lines[2]!.key;
    cart = stepQuantity(cart, coffeeKey, -1);
    expect(cart.lines.map((l) => l.skuId)).not.toContain(coffee.id);
    cart = removeLine(cart, cart.lines[0]!.key);
    expect(cart.lines).toHaveLength(1);
    expect(() => setQuantity(cart, cart.lines[0]!.key, 0)).toThrow();
    expect(() => setQuantity(cart, cart.lines[0]!.key, 1.5)).toThrow();
  });

  it("hands the data layer plain lines, without the screen's keys", () => {
    const lines = cartLines(base().lines);
    expect(Object.keys(lines[0]!).sort()).toEqual(["discount", "quantity", "skuId", "taxRate", "unitPrice", "unitValue"]);
  });
});

describe("payment", () => {
  const cash = (amount: number) => ({ method: "cash", kind: "cash" as const, amount });
  const card = (amount: number) => ({ method: "card", kind: "card" as const, amount });

  it("cash over the total gives change", () => {
    expect(paymentState(2550, [cash(3000)])).toEqual({ paid: 3000, remaining: 0, change: 450, complete: true });
  });

  it("split: card then cash; not complete until covered", () => {
    expect(paymentState(2550, [card(1000)])).toMatchObject({ remaining: 1550, change: null, complete: false });
    expect(paymentState(2550, [card(1000), cash(2000)])).toMatchObject({ remaining: 0, change: 450, complete: true });
  });

  it("a card may not pay more than what is left; cash may", () => {
    expect(tenderAllowed(2550, [], card(2551))).toBe(false);
    expect(tenderAllowed(2550, [], card(2550))).toBe(true);
    expect(tenderAllowed(2550, [card(1000)], cash(5000))).toBe(true);
    expect(tenderAllowed(2550, [cash(3000)], cash(1))).toBe(false); // already covered
    expect(tenderAllowed(2550, [], cash(0))).toBe(false);
  });

  it("two tenders of the same method merge", () => {
    expect(addTender([cash(1000)], cash(500))).toEqual([cash(1500)]);
    expect(addTender([cash(1000)], card(500))).toEqual([cash(1000), card(500)]);
  });

  it("quick cash amounts: exact, then the next notes", () => {
    expect(quickCash(2550, "JPY")).toEqual([2550, 3000, 5000, 10000]);
    expect(quickCash(10000, "JPY")).toEqual([10000]);
    expect(quickCash(1234, "CNY")).toEqual([1234, 2000, 5000, 10000]);
  });
});
