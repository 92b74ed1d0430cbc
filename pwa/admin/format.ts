/**
 * How values read on screen: instants in the merchant's time zone (the API speaks UTC), money via
 * shared/money (integer minor units, never floats), and status names in the chosen language.
 */
import { CURRENCIES, formatMoney, type Currency } from "../../shared/money";
import type { Lang } from "./i18n";

export { formatMoney };

const LOCALES: Record<Lang, string> = { ja: "ja-JP", zh: "zh-CN", en: "en-GB" };
export const localeOf = (lang: Lang) => LOCALES[lang];

/** The merchant's currency from /api/auth/me (a plain string there); JPY when it is not one we know. */
export function asCurrency(value: string | undefined): Currency {
  return (CURRENCIES as readonly string[]).includes(value ?? "") ? (value as Currency) : "JPY";
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** "2026/04/20 09:05" in the merchant's zone; the raw string if it is not an instant. */
export function formatInstant(iso: string | null | undefined, lang: Lang, timeZone: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = `${lang}|${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: "short", timeStyle: "short", timeZone });
    } catch {
      // An unknown zone name must not blank the screen: fall back to the browser's zone.
      format = new Intl.DateTimeFormat(localeOf(lang), { dateStyle: "short", timeStyle: "short" });
    }
    formatters.set(key, format);
  }
  return format.format(date);
}

export interface StatusNames {
  code: string;
  ja: string;
  zh: string;
  en: string;
}

/** A status's name in `lang`, falling back to Japanese, then the code (a status deleted since). */
export function statusName(statuses: readonly StatusNames[] | undefined, code: string, lang: Lang): string {
  const status = statuses?.find((s) => s.code === code);
  if (!status) return code;
  return status[lang] || status.ja || code;
}

/** Integer input → number; "" → null; anything else is sent as typed so the worker names the problem. */
export function numberOrRaw(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}
