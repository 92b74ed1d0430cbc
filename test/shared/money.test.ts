/**
 * Money arithmetic: exact rational rounding (単位換算方法 切り上げ / 切り捨て / 四捨五入), parsing of
 * major-unit amounts that refuses anything finer than the minor unit, and formatting.
 * Properties compare against bigint arithmetic, never against floating point.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CURRENCIES,
  formatMoney,
  isMinorUnits,
  MINOR_DIGITS,
  MoneyError,
  parseMajor,
  roundRational,
  ROUNDINGS,
  sumMinor,
  toMajorString,
} from "../../shared/money";

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const safeBig = fc.bigInt({ min: -MAX, max: MAX });
const positiveDenominator = fc.bigInt({ min: 1n, max: 1_000_000n });
const nonZeroDenominator = fc.oneof(positiveDenominator, positiveDenominator.map((d) => -d));
const safeMinor = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const currency = fc.constantFrom(...CURRENCIES);

/** The fraction with a positive denominator, as roundRational sees it. */
function normalise(n: bigint, d: bigint): [bigint, bigint] {
  return d < 0n ? [-n, -d] : [n, d];
}
const abs = (v: bigint) => (v < 0n ? -v : v);

describe("roundRational", () => {
  it("rounds seed 004's 85 ÷ 100 × 999 = 849.15 to 850 (切り上げ), 849 (切り捨て), 849 (四捨五入)", () => {
    expect(roundRational(85n * 999n, 100n, "ceil")).toBe(850);
    expect(roundRational(85n * 999n, 100n, "floor")).toBe(849);
    expect(roundRational(85n * 999n, 100n, "round")).toBe(849);
  });

  it("四捨五入 rounds an exact half away from zero, both signs", () => {
    expect(roundRational(5n, 2n, "round")).toBe(3);
    expect(roundRational(-5n, 2n, "round")).toBe(-3);
    expect(roundRational(3n, 2n, "round")).toBe(2);
    expect(roundRational(-3n, 2n, "round")).toBe(-2);
    expect(roundRational(84950n, 100n, "round")).toBe(850);
  });

  it("四捨五入 rounds below a half toward the nearer integer and above a half away", () => {
    expect(roundRational(849n, 1000n, "round")).toBe(1); // 0.849
    expect(roundRational(4n, 10n, "round")).toBe(0);
    expect(roundRational(-4n, 10n, "round")).toBe(0);
    expect(roundRational(-6n, 10n, "round")).toBe(-1);
    expect(roundRational(4999n, 10000n, "round")).toBe(0);
  });

  it("ceil and floor are mathematical (toward +∞ / −∞) for negative fractions", () => {
    expect(roundRational(-7n, 2n, "ceil")).toBe(-3);
    expect(roundRational(-7n, 2n, "floor")).toBe(-4);
    expect(roundRational(-1n, 3n, "ceil")).toBe(0);
    expect(roundRational(-1n, 3n, "floor")).toBe(-1);
  });

  it("accepts a negative denominator as the same fraction", () => {
    expect(roundRational(7n, -2n, "floor")).toBe(-4);
    expect(roundRational(7n, -2n, "ceil")).toBe(-3);
    expect(roundRational(-7n, -2n, "round")).toBe(4);
  });

  it("never returns negative zero", () => {
    expect(Object.is(roundRational(-1n, 3n, "ceil"), 0)).toBe(true);
    expect(Object.is(roundRational(-1n, 3n, "round"), 0)).toBe(true);
    for (const mode of ROUNDINGS) expect(Object.is(roundRational(0n, -5n, mode), 0)).toBe(true);
  });

  it("refuses a zero denominator with a MoneyError", () => {
    expect(() => roundRational(1n, 0n, "round")).toThrow(MoneyError);
  });

  it("refuses a result outside the safe integer range instead of losing precision", () => {
    expect(() => roundRational(MAX + 1n, 1n, "floor")).toThrow(MoneyError);
    expect(() => roundRational(-(MAX + 1n), 1n, "ceil")).toThrow(MoneyError);
    expect(() => roundRational(2n * MAX + 1n, 2n, "round")).toThrow(MoneyError); // MAX + 0.5 → MAX + 1
    expect(roundRational(2n * MAX + 1n, 2n, "floor")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("floor is the greatest integer not above the exact fraction", () => {
    fc.assert(
      fc.property(safeBig, nonZeroDenominator, (n0, d0) => {
        const [n, d] = normalise(n0, d0);
        const f = BigInt(roundRational(n0, d0, "floor"));
        expect(f * d <= n).toBe(true);
        expect(n < (f + 1n) * d).toBe(true);
      }),
    );
  });

  it("ceil is the least integer not below the exact fraction", () => {
    fc.assert(
      fc.property(safeBig, nonZeroDenominator, (n0, d0) => {
        const [n, d] = normalise(n0, d0);
        const c = BigInt(roundRational(n0, d0, "ceil"));
        expect(n <= c * d).toBe(true);
        expect((c - 1n) * d < n).toBe(true);
      }),
    );
  });

  it("ceil − floor is 0 exactly when the fraction is an integer, else 1, and then every mode gives that integer", () => {
    fc.assert(
      fc.property(safeBig, nonZeroDenominator, (n, d) => {
        const gap = roundRational(n, d, "ceil") - roundRational(n, d, "floor");
        const divisible = n % d === 0n;
        expect(gap).toBe(divisible ? 0 : 1);
        if (divisible) {
          for (const mode of ROUNDINGS) expect(roundRational(n, d, mode)).toBe(Number(n / d));
        }
      }),
    );
  });

  it("an exact multiple k × d rounds back to k in every mode", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 32n), max: 2n ** 32n }), nonZeroDenominator, fc.constantFrom(...ROUNDINGS), (k, d, mode) => {
        expect(roundRational(k * d, d, mode)).toBe(Number(k));
      }),
    );
  });

  it("四捨五入 lies within one half of the exact fraction, ties going away from zero", () => {
    fc.assert(
      fc.property(safeBig, nonZeroDenominator, (n0, d0) => {
        const [n, d] = normalise(n0, d0);
        const r = BigInt(roundRational(n0, d0, "round"));
        const twiceError = abs(2n * n - 2n * r * d); // |2(n/d − r)| × d
        expect(twiceError <= d).toBe(true);
        if (twiceError === d) expect(abs(r * d) > abs(n)).toBe(true);
        // and it is one of the two neighbours
        expect([roundRational(n0, d0, "floor"), roundRational(n0, d0, "ceil")]).toContain(Number(r));
      }),
    );
  });

  it("is odd-symmetric: round(−x) = −round(x) and ceil(−x) = −floor(x)", () => {
    fc.assert(
      fc.property(safeBig, positiveDenominator, (n, d) => {
        expect(roundRational(-n, d, "round")).toBe(-roundRational(n, d, "round") || 0);
        expect(roundRational(-n, d, "ceil")).toBe(-roundRational(n, d, "floor") || 0);
      }),
    );
  });

  it("is exact where floating point is not (a half that float division misses)", () => {
    // 2^53 + 1 halves cannot be formed in floating point; the bigint path still sees the tie.
    const n = 2n * MAX - 1n; // (MAX − 0.5) × 2
    expect(roundRational(n, 2n, "round")).toBe(Number.MAX_SAFE_INTEGER);
    expect(roundRational(n, 2n, "floor")).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});

describe("parseMajor", () => {
  it("reads yen amounts with ¥ / ￥ signs, grouping commas and surrounding spaces", () => {
    expect(parseMajor("850", "JPY")).toBe(850);
    expect(parseMajor("¥2,550", "JPY")).toBe(2550);
    expect(parseMajor("￥1,234,567", "JPY")).toBe(1234567);
    expect(parseMajor("  849 ", "JPY")).toBe(849);
    expect(parseMajor("-¥850", "JPY")).toBe(-850);
    expect(parseMajor("0", "JPY")).toBe(0);
  });

  it("reads yuan amounts into fen", () => {
    expect(parseMajor("12.34", "CNY")).toBe(1234);
    expect(parseMajor("12.3", "CNY")).toBe(1230);
    expect(parseMajor("12", "CNY")).toBe(1200);
    expect(parseMajor("0.05", "CNY")).toBe(5);
    expect(parseMajor("-0.05", "CNY")).toBe(-5);
    expect(parseMajor("¥1,234.50", "CNY")).toBe(123450);
  });

  it("accepts trailing zeros beyond the minor unit because they are not finer (1.0 yen, 12.340 yuan)", () => {
    expect(parseMajor("1.0", "JPY")).toBe(1);
    expect(parseMajor("850.000", "JPY")).toBe(850);
    expect(parseMajor("12.340", "CNY")).toBe(1234);
  });

  it("reads leading zeros as the number they write", () => {
    expect(parseMajor("00123", "JPY")).toBe(123);
    expect(parseMajor("007.50", "CNY")).toBe(750);
  });

  it("returns plain zero, not negative zero, for '-0'", () => {
    expect(Object.is(parseMajor("-0", "JPY"), 0)).toBe(true);
    expect(Object.is(parseMajor("-0.00", "CNY"), 0)).toBe(true);
  });

  it("refuses 1.5 yen instead of rounding it", () => {
    expect(() => parseMajor("1.5", "JPY")).toThrow(MoneyError);
    expect(() => parseMajor("1.5", "JPY")).toThrow(/JPY has no minor unit below 1/);
    expect(() => parseMajor("849.15", "JPY")).toThrow(MoneyError);
    expect(() => parseMajor("1.50", "JPY")).toThrow(MoneyError);
  });

  it("refuses 12.345 yuan instead of rounding it", () => {
    expect(() => parseMajor("12.345", "CNY")).toThrow(MoneyError);
    expect(() => parseMajor("12.345", "CNY")).toThrow(/CNY allows at most 2 decimal places/);
    expect(() => parseMajor("12.3450", "CNY")).toThrow(MoneyError);
    expect(() => parseMajor("0.001", "CNY")).toThrow(MoneyError);
  });

  it.each(["", " ", "abc", "¥", "1.2.3", "1e3", "+5", ".5", "5.", "--5", "0x10", "１２", "NaN", "Infinity", "12円"])(
    "refuses %j as not an amount",
    (input) => {
      expect(() => parseMajor(input, "JPY")).toThrow(MoneyError);
      expect(() => parseMajor(input, "CNY")).toThrow(MoneyError);
    },
  );

  it("refuses amounts beyond the safe integer range rather than losing precision", () => {
    expect(parseMajor("9007199254740991", "JPY")).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseMajor("9007199254740992", "JPY")).toThrow(MoneyError);
    expect(parseMajor("90071992547409.91", "CNY")).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseMajor("90071992547409.92", "CNY")).toThrow(MoneyError);
  });

  it("equals whole × 10^digits + fraction for every decimal no finer than the minor unit", () => {
    fc.assert(
      fc.property(
        currency,
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.stringMatching(/^\d{0,2}$/),
        fc.nat({ max: 3 }),
        fc.boolean(),
        (cur, whole, rawFraction, extraZeros, negative) => {
          const digits = MINOR_DIGITS[cur];
          const fraction = rawFraction.slice(0, digits);
          const written = fraction + "0".repeat(extraZeros); // trailing zeros are never finer
          const text = `${negative ? "-" : ""}${whole}${written ? `.${written}` : ""}`;
          const minor = whole * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
          expect(parseMajor(text, cur)).toBe(Number(negative ? -minor : minor) || 0);
        },
      ),
    );
  });

  it("refuses every decimal with a non-zero digit finer than the minor unit", () => {
    fc.assert(
      fc.property(
        currency,
        fc.nat({ max: 1_000_000 }),
        fc.stringMatching(/^\d{2}$/),
        fc.stringMatching(/^\d{0,3}[1-9]$/),
        (cur, whole, allowed, finer) => {
          const text = `${whole}.${allowed.slice(0, MINOR_DIGITS[cur])}${finer}`;
          expect(() => parseMajor(text, cur)).toThrow(MoneyError);
        },
      ),
    );
  });

  it("round-trips toMajorString for every safe amount in both currencies", () => {
    fc.assert(
      fc.property(currency, safeMinor, (cur, minor) => {
        expect(parseMajor(toMajorString(minor, cur), cur)).toBe(minor);
      }),
    );
  });

  it("round-trips formatMoney for every safe amount in both currencies", () => {
    fc.assert(
      fc.property(currency, safeMinor, (cur, minor) => {
        expect(parseMajor(formatMoney(minor, cur), cur)).toBe(minor);
      }),
    );
  });
});

describe("toMajorString", () => {
  it("writes yen as the plain integer", () => {
    expect(toMajorString(849, "JPY")).toBe("849");
    expect(toMajorString(-850, "JPY")).toBe("-850");
    expect(toMajorString(0, "JPY")).toBe("0");
  });

  it("writes yuan with exactly two decimals, padding small amounts", () => {
    expect(toMajorString(1230, "CNY")).toBe("12.30");
    expect(toMajorString(1234, "CNY")).toBe("12.34");
    expect(toMajorString(5, "CNY")).toBe("0.05");
    expect(toMajorString(50, "CNY")).toBe("0.50");
    expect(toMajorString(0, "CNY")).toBe("0.00");
    expect(toMajorString(-5, "CNY")).toBe("-0.05");
    expect(toMajorString(-123450, "CNY")).toBe("-1234.50");
  });

  it("writes the canonical decimal: no leading zeros, no grouping, the currency's exact number of decimals", () => {
    fc.assert(
      fc.property(currency, safeMinor, (cur, minor) => {
        const pattern = MINOR_DIGITS[cur] === 0 ? /^-?(0|[1-9]\d*)$/ : /^-?(0|[1-9]\d*)\.\d{2}$/;
        const text = toMajorString(minor, cur);
        expect(text).toMatch(pattern);
        expect(text.startsWith("-")).toBe(minor < 0);
      }),
    );
  });
});

describe("formatMoney", () => {
  it("formats for people with ¥ and thousands separators", () => {
    expect(formatMoney(2550, "JPY")).toBe("¥2,550");
    expect(formatMoney(999, "JPY")).toBe("¥999");
    expect(formatMoney(1000, "JPY")).toBe("¥1,000");
    expect(formatMoney(1234567, "JPY")).toBe("¥1,234,567");
    expect(formatMoney(0, "JPY")).toBe("¥0");
  });

  it("formats yuan with ¥, separators in the whole part only, and two decimals", () => {
    expect(formatMoney(1230, "CNY")).toBe("¥12.30");
    expect(formatMoney(100000, "CNY")).toBe("¥1,000.00");
    expect(formatMoney(123456789, "CNY")).toBe("¥1,234,567.89");
    expect(formatMoney(5, "CNY")).toBe("¥0.05");
  });

  it("puts the minus sign before ¥", () => {
    expect(formatMoney(-2550, "JPY")).toBe("-¥2,550");
    expect(formatMoney(-123456, "CNY")).toBe("-¥1,234.56");
  });

  it("is toMajorString with ¥ and grouping added, nothing else", () => {
    fc.assert(
      fc.property(currency, safeMinor, (cur, minor) => {
        const text = formatMoney(minor, cur);
        expect(text.replace("¥", "").replace(/,/g, "")).toBe(toMajorString(minor, cur));
        const whole = text.replace(/^-?¥/, "").split(".")[0]!;
        expect(whole).toMatch(/^\d{1,3}(,\d{3})*$/);
      }),
    );
  });
});

describe("sumMinor", () => {
  it("adds minor-unit amounts (850 × 3 lines = 2,550)", () => {
    expect(sumMinor([850, 850, 850])).toBe(2550);
    expect(sumMinor([1000, -250])).toBe(750);
  });

  it("sums nothing to zero", () => {
    expect(sumMinor([])).toBe(0);
  });

  it("is exact even where a floating-point running total would round", () => {
    // MAX + 2 is not representable as a double, so a naive reduce ends at MAX − 1.
    expect(sumMinor([Number.MAX_SAFE_INTEGER, 2, -2])).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("refuses a total outside the safe integer range", () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(MoneyError);
    expect(() => sumMinor([Number.MIN_SAFE_INTEGER, -1])).toThrow(MoneyError);
  });

  it("equals the exact bigint sum whenever that sum is safe", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 50 }), (amounts) => {
        const exact = amounts.reduce((t, a) => t + BigInt(a), 0n);
        expect(sumMinor(amounts)).toBe(Number(exact));
      }),
    );
  });
});

describe("isMinorUnits", () => {
  it("accepts safe integers and refuses fractions, NaN, infinities and unsafe integers", () => {
    expect(isMinorUnits(850)).toBe(true);
    expect(isMinorUnits(-5)).toBe(true);
    expect(isMinorUnits(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(isMinorUnits(849.15)).toBe(false);
    expect(isMinorUnits(Number.NaN)).toBe(false);
    expect(isMinorUnits(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isMinorUnits(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
  });
});

