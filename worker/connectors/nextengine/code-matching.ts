/**
 * 紐付けコード: a NextEngine 商品コード → Renkei SKU. Exact by default; with ⑥ (大文字小文字を区別しない)
 * 「SHOUHIN-001」 also finds 「shouhin-001」. An exact match always wins; a folded code that fits
 * more than one SKU matches none, because guessing would ship the wrong goods. The caller keeps the
 * original code on the line, for audit.
 */
import type { ServiceContext } from "../../context";

export async function matchCodes(ctx: ServiceContext, codes: readonly string[], caseInsensitive: boolean): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter(Boolean))];
  const matched = new Map<string, string>();
  if (!wanted.length) return matched;
  const exact = await ctx.db.all<{ id: string; code: string }>(
    "SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
    JSON.stringify(wanted),
  );
  for (const r of exact) matched.set(r.code, r.id);
  const rest = wanted.filter((c) => !matched.has(c));
  if (!caseInsensitive || !rest.length) return matched;
  // lower() folds ASCII only, which is what NextEngine's codes are (A-Z a-z 0-9 - _)
  const folded = await ctx.db.all<{ id: string; folded: string }>(
    "SELECT id, lower(code) AS folded FROM skus WHERE merchant_id = ?1 AND lower(code) IN (SELECT lower(value) FROM json_each(?2))",
    JSON.stringify(rest),
  );
  const byFolded = new Map<string, string[]>();
  for (const r of folded) byFolded.set(r.folded, [...(byFolded.get(r.folded) ?? []), r.id]);
  for (const code of rest) {
    const candidates = byFolded.get(code.toLowerCase()) ?? [];
    if (candidates.length === 1) matched.set(code, candidates[0]!);
  }
  return matched;
}
