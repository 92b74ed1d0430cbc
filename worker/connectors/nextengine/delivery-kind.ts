/**
 * 入荷予定の種別: 仕入 (purchase), 移動 (transfer), その他 (other_in) — the kinds a store document of
 * goods in has. A CSV's optional 種別 column may name one in Japanese, Chinese or English, or by its
 * code; a blank cell takes the kind chosen on the form. Anything else is no kind (the row is refused).
 */
export const DELIVERY_KINDS = ["purchase", "transfer", "other_in"] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

const WORDS: Record<DeliveryKind, readonly string[]> = {
  purchase: ["purchase", "仕入", "仕入れ", "仕入入荷", "采购", "采购入库", "purchase receipt"],
  transfer: ["transfer", "移動", "移動入荷", "调拨", "调拨入库"],
  other_in: ["other_in", "その他", "その他入荷", "其他", "其他入库", "other"],
};

const BY_WORD = new Map(Object.entries(WORDS).flatMap(([kind, words]) => words.map((w) => [w.toLowerCase(), kind as DeliveryKind] as const)));

/** The kind a cell names; "" → null (use the form's), an unknown word → undefined. */
export function deliveryKindOf(cell: string): DeliveryKind | null | undefined {
  const word = cell.trim().toLowerCase();
  if (!word) return null;
  return BY_WORD.get(word);
}

export const DELIVERY_KIND_HINT = "「仕入」「移動」「その他」のいずれか (purchase / transfer / other_in)";
