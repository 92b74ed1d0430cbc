/**
 * Money in integer minor units (yen, fen) and exact rational rounding.
 * Invariant: no floating-point number ever carries money; fractions are kept as integer
 * numerator / denominator (bigint) until the one rounding the merchant's rule asks for.
 */

export const CURRENCIES = ["JPY", "CNY"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Digits after the decimal point of each currency's minor unit. */
export const MINOR_DIGITS: Record<Currency, number> = { JPY: 0, CNY: 2 };

/** 単位換算方法 (seed 004): 切り上げ / 切り捨て / 四捨五入. */
export const ROUNDINGS = ["ceil", "floor", "round"] as const;
export type Rounding = (typeof ROUNDINGS)[number];

export class MoneyError extends Error {
  override name = "MoneyError";
}

/**
 * Rounds numerator / denominator to an integer. `round` is 四捨五入: half away from zero.
 * Exact for any integers; the result must fit a safe integer.
 */
export function roundRational(numerator: bigint, denominator: bigint, mode: Rounding): number {
  if (denominator === 0n) throw new MoneyError("division by zero");
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  let result = quotient;
  if (remainder !== 0n) {
    const negative = numerator < 0n;
    if (mode === "ceil") result = negative ? quotient : quotient + 1n;
    else if (mode === "floor") result = negative ? quotient - 1n : quotient;
    else {
      const twice = (remainder < 0n ? -remainder : remainder) * 2n;
      if (twice >= denominator) result = negative ? quotient - 1n : quotient + 1n;
    }
  }
  return toSafeNumber(result);
}

export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError("amount out of range");
  }
  return Number(value);
}

/** True when `value` is an integer amount of minor units that JavaScript holds exactly. */
export function isMinorUnits(value: number): boolean {
  return Number.isSafeInteger(value);
}

/**
 * Parses a decimal amount in major units ("1,234", "12.34", "¥850") to minor units.
 * Refuses anything finer than the currency's minor unit (1.5 yen, 12.345 yuan) instead of rounding it.
 */
export function parseMajor(input: string, currency: Currency): number {
  const cleaned = input.trim().replace(/[¥￥,\s]/g, "");
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) throw new MoneyError(`not an amount: "${input}"`);
  const [, sign, whole, fraction = ""] = match;
  const digits = MINOR_DIGITS[currency];
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > digits) {
    throw new MoneyError(
      digits === 0
        ? `${currency} has no minor unit below 1: "${input}"`
        : `${currency} allows at most ${digits} decimal places: "${input}"`,
    );
  }
  const minor = BigInt(whole! + significant.padEnd(digits, "0"));
  return toSafeNumber(sign ? -minor : minor);
}

/** Minor units → a plain decimal string in major units ("849", "12.30"). */
export function toMajorString(minor: number, currency: Currency): string {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`not an amount of minor units: ${minor}`);
  const digits = MINOR_DIGITS[currency];
  if (digits === 0) return String(minor);
  const negative = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${negative ? "-" : ""}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** For people: "¥2,550", "¥12.30" (CNY also uses ¥ in China). */
export function formatMoney(minor: number, currency: Currency): string {
  const [whole, fraction] = toMajorString(Math.abs(minor), currency).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${minor < 0 ? "-" : ""}¥${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** price × quantity, exactly, refusing to leave the safe range. */
export function multiplyMinor(amount: number, quantity: number): number {
  return toSafeNumber(BigInt(amount) * BigInt(quantity));
}

/** Sum of integer minor-unit amounts, refusing to leave the safe range. */
export function sumMinor(amounts: readonly number[]): number {
  return toSafeNumber(amounts.reduce((total, amount) => total + BigInt(amount), 0n));
}
