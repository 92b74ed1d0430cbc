/**
 * The order list's filters (status, tag, text) as the URL, the list request and saved searches
 * all carry them. Pure, so the reading of untrusted input (a hand-edited URL, an older saved
 * search) is tested in Node.
 */
import type { OrderFilter } from "./types";

const KEYS = ["status", "tag", "q"] as const;

/** Filters from anything shaped like a query: strings kept (trimmed), empties and other keys dropped. */
export function toOrderFilter(values: Record<string, unknown> | null | undefined): OrderFilter {
  const filter: OrderFilter = {};
  for (const key of KEYS) {
    const value = values?.[key];
    if (typeof value === "string" && value.trim() !== "") filter[key] = value.trim();
  }
  return filter;
}

export const isEmptyFilter = (filter: OrderFilter) => KEYS.every((key) => !filter[key]);

export const sameFilter = (a: OrderFilter, b: OrderFilter) => KEYS.every((key) => (a[key] ?? "") === (b[key] ?? ""));

/** "ギフト, 要確認、至急" → ["ギフト", "要確認", "至急"]: commas of either width, no blanks or repeats. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(/[,、，]/).map((tag) => tag.trim()).filter(Boolean))];
}
