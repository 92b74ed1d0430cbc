/**
 * Tax on a receipt. JPY (インボイス制度): lines are summed per rate (10 % / 8 % 軽減税率) and each rate's tax
 * is rounded once per receipt, inclusive (内税) or exclusive (外税). CNY: always VAT-inclusive, no per-rate
 * lines on the receipt. Properties compare against bigint arithmetic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROUNDINGS } from "../../shared/money";
import { rateTax, receiptTax, TAX_RATES, type TaxableLine, type TaxDisplay } from "../../shared/tax";

const jpyRate = fc.constantFrom(TAX_RATES.JPY.standard, TAX_RATES.JPY.reduced, TAX_RATES.JPY.exempt);
const cnyRate = fc.constantFrom(TAX_RATES.CNY.standard, TAX_RATES.CNY.reduced, TAX_RATES.CNY.exempt);
const amount = fc.integer({ min: 0, max: 10_000_000 });
const lines = (rate: fc.Arbitrary<number>) =>
  fc.array(fc.record({ amount, rate }), { maxLength: 30 }) as fc.Arbitrary<TaxableLine[]>;
const display = fc.constantFrom<TaxDisplay>("inclusive", "exclusive");

/** Σ amount per rate, exactly. */
function totalsByRate(ls: readonly TaxableLine[]): Map<number, bigint> {
  const m = new Map<number, bigint>();
  for (const l of ls) m.set(l.rate, (m.get(l.rate) ?? 0n) + BigInt(l.amount));
  return m;
}
const floorDiv = (n: bigint, d: bigint) => n / d; // operands are non-negative here
const sumLines = (ls: readonly TaxableLine[]) => ls.reduce((t, l) => t + l.amount, 0);

describe("rateTax", () => {
  it("takes the tax out of an inclusive amount: 1,100 yen at 10 % holds 100, 1,080 yen at 8 % holds 80", () => {
    expect(rateTax(1100, 10, "inclusive")).toBe(100);
    expect(rateTax(1080, 8, "inclusive")).toBe(80);
  });

  it("adds the tax to an exclusive amount: 1,000 yen at 10 % adds 100, at 8 % adds 80", () => {
    expect(rateTax(1000, 10, "exclusive")).toBe(100);
    expect(rateTax(1000, 8, "exclusive")).toBe(80);
  });

  it("rounds down (切り捨て) unless told otherwise", () => {
    expect(rateTax(105, 10, "exclusive")).toBe(10); // 10.5
    expect(rateTax(1050, 10, "inclusive")).toBe(95); // 95.45…
  });

  it("applies the chosen rounding: 95.45… → 95 floor / 95 round / 96 ceil; 10.5 → 11 round", () => {
    expect(rateTax(1050, 10, "inclusive", "floor")).toBe(95);
    expect(rateTax(1050, 10, "inclusive", "round")).toBe(95);
    expect(rateTax(1050, 10, "inclusive", "ceil")).toBe(96);
    expect(rateTax(105, 10, "exclusive", "round")).toBe(11);
  });

  it("is zero at rate 0 (非課税) whatever the amount and rounding", () => {
    for (const mode of ROUNDINGS) {
      expect(rateTax(12345, 0, "inclusive", mode)).toBe(0);
      expect(rateTax(12345, 0, "exclusive", mode)).toBe(0);
    }
  });
});

describe("receiptTax, JPY", () => {
  it("splits a 10 % and an 8 % line into two rate groups, 10 % first", () => {
    const receipt = receiptTax(
      [
        { amount: 1080, rate: 8 },
        { amount: 1100, rate: 10 },
      ],
      "inclusive",
      "JPY",
    );
    expect(receipt).toEqual({
      display: "inclusive",
      byRate: [
        { rate: 10, amount: 1100, net: 1000, tax: 100, gross: 1100 },
        { rate: 8, amount: 1080, net: 1000, tax: 80, gross: 1080 },
      ],
      net: 2000,
      tax: 180,
      gross: 2180,
    });
  });

  it("groups interleaved lines by rate and rounds each group once (inclusive)", () => {
    const receipt = receiptTax(
      [
        { amount: 500, rate: 8 },
        { amount: 1000, rate: 10 },
        { amount: 300, rate: 8 },
      ],
      "inclusive",
      "JPY",
    );
    // 8 %: 800 × 8 / 108 = 59.25… → 59; 10 %: 1000 × 10 / 110 = 90.90… → 90
    expect(receipt.byRate).toEqual([
      { rate: 10, amount: 1000, net: 910, tax: 90, gross: 1000 },
      { rate: 8, amount: 800, net: 741, tax: 59, gross: 800 },
    ]);
    expect(receipt).toMatchObject({ net: 1651, tax: 149, gross: 1800 });
  });

  it("rounds once per rate per receipt, not per line (inclusive: 3 × 105 yen at 10 % holds 28, not 3 × 9 = 27)", () => {
    const receipt = receiptTax(
      [105, 105, 105].map((a) => ({ amount: a, rate: 10 })),
      "inclusive",
      "JPY",
    );
    expect(receipt.tax).toBe(28);
    expect(receipt.net).toBe(287);
    expect(receipt.gross).toBe(315);
  });

  it("rounds once per rate per receipt, not per line (exclusive: 3 × 105 yen at 10 % adds 31, not 3 × 10 = 30)", () => {
    const receipt = receiptTax(
      [105, 105, 105].map((a) => ({ amount: a, rate: 10 })),
      "exclusive",
      "JPY",
    );
    expect(receipt).toEqual({
      display: "exclusive",
      byRate: [{ rate: 10, amount: 315, net: 315, tax: 31, gross: 346 }],
      net: 315,
      tax: 31,
      gross: 346,
    });
  });

  it("adds tax to seed 004's 2,550-yen ribbon line when exclusive and takes it out when inclusive", () => {
    expect(receiptTax([{ amount: 2550, rate: 10 }], "exclusive", "JPY")).toMatchObject({ net: 2550, tax: 255, gross: 2805 });
    // 2550 × 10 / 110 = 231.8… → 231
    expect(receiptTax([{ amount: 2550, rate: 10 }], "inclusive", "JPY")).toMatchObject({ net: 2319, tax: 231, gross: 2550 });
  });

  it("keeps a tax-exempt group with zero tax", () => {
    const receipt = receiptTax(
      [
        { amount: 500, rate: 0 },
        { amount: 1100, rate: 10 },
      ],
      "inclusive",
      "JPY",
    );
    expect(receipt.byRate).toEqual([
      { rate: 10, amount: 1100, net: 1000, tax: 100, gross: 1100 },
      { rate: 0, amount: 500, net: 500, tax: 0, gross: 500 },
    ]);
    expect(receipt.tax).toBe(100);
  });

  it("applies the merchant's rounding to every rate group", () => {
    const ls = [
      { amount: 1050, rate: 10 }, // 95.45…
      { amount: 1000, rate: 8 }, // 74.07…
    ];
    expect(receiptTax(ls, "inclusive", "JPY", "floor").tax).toBe(95 + 74);
    expect(receiptTax(ls, "inclusive", "JPY", "ceil").tax).toBe(96 + 75);
    expect(receiptTax(ls, "inclusive", "JPY", "round").tax).toBe(95 + 74);
  });

  it("gives an empty receipt no groups and zero totals", () => {
    expect(receiptTax([], "exclusive", "JPY")).toEqual({ display: "exclusive", byRate: [], net: 0, tax: 0, gross: 0 });
  });

  it("inclusive: net + tax = gross = the sum of the lines, and each rate's tax is floor(amount × r / (100 + r))", () => {
    fc.assert(
      fc.property(lines(jpyRate), (ls) => {
        const receipt = receiptTax(ls, "inclusive", "JPY");
        expect(receipt.display).toBe("inclusive");
        expect(receipt.gross).toBe(sumLines(ls));
        expect(receipt.net + receipt.tax).toBe(receipt.gross);
        const totals = totalsByRate(ls);
        expect(receipt.byRate.map((g) => g.rate)).toEqual([...totals.keys()].sort((a, b) => b - a));
        for (const g of receipt.byRate) {
          const a = totals.get(g.rate)!;
          expect(g.amount).toBe(Number(a));
          expect(g.gross).toBe(g.amount);
          expect(g.tax).toBe(Number(floorDiv(a * BigInt(g.rate), 100n + BigInt(g.rate))));
          expect(g.net + g.tax).toBe(g.gross);
        }
        expect(receipt.tax).toBe(receipt.byRate.reduce((t, g) => t + g.tax, 0));
      }),
    );
  });

  it("exclusive: gross = amount + tax per rate and overall, net = the sum of the lines, tax = floor(amount × r / 100)", () => {
    fc.assert(
      fc.property(lines(jpyRate), (ls) => {
        const receipt = receiptTax(ls, "exclusive", "JPY");
        expect(receipt.display).toBe("exclusive");
        expect(receipt.net).toBe(sumLines(ls));
        expect(receipt.gross).toBe(receipt.net + receipt.tax);
        const totals = totalsByRate(ls);
        expect(receipt.byRate).toHaveLength(totals.size);
        for (const g of receipt.byRate) {
          const a = totals.get(g.rate)!;
          expect(g.amount).toBe(Number(a));
          expect(g.net).toBe(g.amount);
          expect(g.tax).toBe(Number(floorDiv(a * BigInt(g.rate), 100n)));
          expect(g.gross).toBe(g.amount + g.tax);
        }
      }),
    );
  });

  it("does not depend on the order of the lines", () => {
    fc.assert(
      fc.property(lines(jpyRate), display, fc.constantFrom(...ROUNDINGS), (ls, d, mode) => {
        expect(receiptTax([...ls].reverse(), d, "JPY", mode)).toEqual(receiptTax(ls, d, "JPY", mode));
      }),
    );
  });

  it("does not change when a line is split into two lines at the same rate (one rounding per rate)", () => {
    fc.assert(
      fc.property(lines(jpyRate), fc.record({ amount, rate: jpyRate }), fc.nat(), display, (ls, line, cut, d) => {
        const part = cut % (line.amount + 1);
        const split = [...ls, { amount: part, rate: line.rate }, { amount: line.amount - part, rate: line.rate }];
        expect(receiptTax(split, d, "JPY")).toEqual(receiptTax([...ls, line], d, "JPY"));
      }),
    );
  });
});

describe("receiptTax, CNY", () => {
  it("treats prices as VAT-inclusive even when asked for exclusive, and shows no per-rate lines", () => {
    const receipt = receiptTax(
      [
        { amount: 11300, rate: 13 },
        { amount: 10900, rate: 9 },
      ],
      "exclusive",
      "CNY",
    );
    expect(receipt).toEqual({ display: "inclusive", byRate: [], net: 20000, tax: 2200, gross: 22200 });
  });

  it("still rounds VAT once per rate, not per line (2 × ¥1.00 at 13 % holds 23 fen, not 2 × 11)", () => {
    const receipt = receiptTax(
      [
        { amount: 100, rate: 13 },
        { amount: 100, rate: 13 },
      ],
      "inclusive",
      "CNY",
    );
    expect(receipt.tax).toBe(23);
    expect(receipt.net).toBe(177);
  });

  it("always: byRate is empty, display is inclusive, gross = the sum of the lines = net + tax", () => {
    fc.assert(
      fc.property(lines(cnyRate), display, (ls, requested) => {
        const receipt = receiptTax(ls, requested, "CNY");
        expect(receipt.byRate).toEqual([]);
        expect(receipt.display).toBe("inclusive");
        expect(receipt.gross).toBe(sumLines(ls));
        expect(receipt.net + receipt.tax).toBe(receipt.gross);
        let tax = 0n;
        for (const [rate, a] of totalsByRate(ls)) tax += floorDiv(a * BigInt(rate), 100n + BigInt(rate));
        expect(receipt.tax).toBe(Number(tax));
      }),
    );
  });

  it("gives the same totals as a JPY-style inclusive breakdown at the same rates", () => {
    fc.assert(
      fc.property(lines(cnyRate), (ls) => {
        const cny = receiptTax(ls, "exclusive", "CNY");
        const asJpy = receiptTax(ls, "inclusive", "JPY");
        expect({ net: cny.net, tax: cny.tax, gross: cny.gross }).toEqual({ net: asJpy.net, tax: asJpy.tax, gross: asJpy.gross });
      }),
    );
  });
});
