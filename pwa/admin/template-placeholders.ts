/**
 * The placeholders (置換文字) templates may use, as the worker renders them
 * (worker/orders/templates.ts; test/pwa checks the two lists agree). Order placeholders go in the
 * body or the line format; line placeholders only in the line format, which is written once per
 * order line where the body says #LINES#. The seed 004 ones are empty on lines without a unit.
 */
import type { MessageKey } from "./i18n";

export const ORDER_PLACEHOLDERS = [
  "ORDER_ID",
  "EXTERNAL_ID",
  "CUSTOMER_NAME",
  "SHIPPING_ADDRESS",
  "ORDERED_AT",
  "SUBTOTAL",
  "TAX",
  "SHIPPING_FEE",
  "TOTAL",
  "SHOP_NAME",
] as const;

/** Placeholders of seed 004 (selling by unit), all line ones: mail ones first, then the 帳票 ones. */
export const UNIT_PLACEHOLDERS = [
  "ORDER_UNIT_VALUE",
  "SALE_UNIT",
  "UNIT_DISP_NAME",
  "ORDER_UNIT_VALUE_TEXT",
  "UNIT_ITEM_TEIKA",
  "UNIT_VALUE",
  "UNIT_ITEM_SHIRE_PRICE",
] as const;

export const LINE_PLACEHOLDERS = ["LINE_NO", "ITEM_CODE", "ITEM_NAME", "QUANTITY", "UNIT_PRICE", "AMOUNT", ...UNIT_PLACEHOLDERS] as const;

export type Placeholder = (typeof ORDER_PLACEHOLDERS)[number] | (typeof LINE_PLACEHOLDERS)[number];

export interface PlaceholderInfo {
  token: string;
  description: MessageKey;
  lineOnly: boolean;
  unit: boolean;
}

/** Every placeholder with its description, order ones first, plus #LINES# (body only). */
export const PLACEHOLDERS: readonly PlaceholderInfo[] = [
  { token: "#LINES#", description: "ph.LINES", lineOnly: false, unit: false },
  ...ORDER_PLACEHOLDERS.map((name) => ({ token: `#${name}#`, description: `ph.${name}` as const, lineOnly: false, unit: false })),
  ...LINE_PLACEHOLDERS.map((name) => ({ token: `#${name}#`, description: `ph.${name}` as const, lineOnly: true, unit: (UNIT_PLACEHOLDERS as readonly string[]).includes(name) })),
];

/** `text` with `token` put over the selection [start, end), and where the caret goes after it. */
export function insertToken(text: string, start: number, end: number, token: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}
