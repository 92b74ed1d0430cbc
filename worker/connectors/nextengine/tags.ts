/**
 * 受注分類タグ live in one order field, receive_order_gruoping_tag (sic), written "[タグA][タグB]".
 * These keep the names' order and drop duplicates, so a tag added twice is written once.
 */
export function parseGroupingTags(field: string | null | undefined): string[] {
  if (!field) return [];
  const names = [...field.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim()).filter(Boolean);
  return [...new Set(names)];
}

export function formatGroupingTags(names: readonly string[]): string {
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))].map((n) => `[${n}]`).join("");
}
