/**
 * NextEngine's own 商品コード for each line of a stock upload (③ / ④). NextEngine applies an upload
 * all or nothing and matches codes exactly (完全一致), so a line sent under Renkei's code when
 * NextEngine spells it otherwise would sink the whole file. Each SKU is therefore looked up in
 * master_stock first and goes out under the code NextEngine answered:
 *  - exact: NextEngine has Renkei's code as it is — always preferred;
 *  - ⑥ (大文字小文字を区別しない): NextEngine has one code equal to Renkei's but for case. The
 *    search asks for the code as it is, in lower case and in upper case (NextEngine's search has no
 *    case-insensitive operator), and the answer is kept only when the 受注取り込み rule (matchCodes)
 *    leads back from it to this very SKU, so an upload and an order import never disagree;
 *  - anything else is left out of the CSV and returned as skipped with the reason: a code NextEngine
 *    does not have, or a fold that fits two codes (NextEngine's or Renkei's) — never guessed; a code
 *    outside NextEngine's rule is not even searched for (a comma would split the `-in` list).
 * One master_stock search per CODES_PER_SEARCH SKUs (≤ 3 codes each); its stock_quantity is also the
 * upload's before-snapshot for reconciling a lost answer (stock-upload.ts), so the lookup costs no
 * call of its own. A mixed-case code that is neither as Renkei writes it nor all lower / upper case
 * is not found this way and shows as skipped; the merchant aligns the codes.
 */
import type { ServiceContext } from "../../context";
import type { NextEngineClient } from "./client";
import { matchCodes } from "./code-matching";
import { isGoodsCode, type StockDelta } from "./csv";

/** SKUs per master_stock search: ≤ 300 codes in one `-in` condition. */
export const CODES_PER_SEARCH = 100;

/** A line of an upload as the ledger gives it: Renkei's SKU and code, and the summed delta. */
export interface SkuDelta {
  skuId: string;
  code: string;
  delta: number;
}

/** A line that goes out: NextEngine's code (goodsId) with Renkei's kept beside it, for audit. */
export interface UploadLine extends StockDelta {
  code: string;
  skuId: string;
}

export interface SkippedLine {
  code: string;
  skuId: string;
  delta: number;
  reason: string;
}

export interface ResolvedUpload {
  lines: UploadLine[];
  skipped: SkippedLine[];
  /** master_stock's stock_quantity by NextEngine code, read just now (the lines' codes only) */
  stock: Record<string, number>;
}

const OUTSIDE_RULE = "ネクストエンジンの商品コードに使えない文字か長さです（半角英数字・-・_、30文字まで） (outside NextEngine's code rule: A-Z a-z 0-9 - _, at most 30)";
const NOT_IN_NEXTENGINE = "ネクストエンジンの商品マスタにこの商品コードがありません (NextEngine has no goods with this code)";
const AMBIGUOUS_IN_NEXTENGINE = (codes: string[]) =>
  `ネクストエンジンに大文字小文字だけが違う商品コードが複数あります: ${codes.join(", ")} (NextEngine has several codes that differ only in case; none is guessed)`;
const AMBIGUOUS_IN_RENKEI = (code: string) =>
  `ネクストエンジンの ${code} は大文字小文字を区別しないと複数の商品に当たります (NextEngine's ${code} fits several SKUs when case is ignored; none is guessed)`;

export async function resolveUploadCodes(ctx: ServiceContext, client: NextEngineClient, deltas: readonly SkuDelta[], caseInsensitive: boolean): Promise<ResolvedUpload> {
  const resolved: ResolvedUpload = { lines: [], skipped: [], stock: {} };
  const searchable = deltas.filter((d) => isGoodsCode(d.code));
  for (const d of deltas) if (!isGoodsCode(d.code)) resolved.skipped.push({ ...d, reason: OUTSIDE_RULE });
  for (let i = 0; i < searchable.length; i += CODES_PER_SEARCH) {
    const chunk = searchable.slice(i, i + CODES_PER_SEARCH);
    const asked = [...new Set(chunk.flatMap((d) => (caseInsensitive ? [d.code, d.code.toLowerCase(), d.code.toUpperCase()] : [d.code])))];
    const rows = await client.searchStock({ fields: ["stock_goods_id", "stock_quantity"], where: { "stock_goods_id-in": asked } });
    const stock = new Map(rows.filter((r) => r.stock_goods_id && isGoodsCode(r.stock_goods_id)).map((r) => [r.stock_goods_id!, Number(r.stock_quantity ?? 0)]));
    const skuByNeCode = caseInsensitive ? await matchCodes(ctx, [...stock.keys()], true) : new Map<string, string>();
    for (const d of chunk) {
      const code = pick(d, [...stock.keys()], skuByNeCode, caseInsensitive);
      if ("reason" in code) {
        resolved.skipped.push({ code: d.code, skuId: d.skuId, delta: d.delta, reason: code.reason });
        continue;
      }
      resolved.lines.push({ goodsId: code.goodsId, delta: d.delta, code: d.code, skuId: d.skuId });
      resolved.stock[code.goodsId] = stock.get(code.goodsId)!;
    }
  }
  return resolved;
}

function pick(d: SkuDelta, found: string[], skuByNeCode: Map<string, string>, caseInsensitive: boolean): { goodsId: string } | { reason: string } {
  if (found.includes(d.code)) return { goodsId: d.code };
  if (!caseInsensitive) return { reason: NOT_IN_NEXTENGINE };
  const folds = found.filter((c) => c.toLowerCase() === d.code.toLowerCase());
  if (!folds.length) return { reason: NOT_IN_NEXTENGINE };
  if (folds.length > 1) return { reason: AMBIGUOUS_IN_NEXTENGINE(folds) };
  if (skuByNeCode.get(folds[0]!) !== d.skuId) return { reason: AMBIGUOUS_IN_RENKEI(folds[0]!) };
  return { goodsId: folds[0]! };
}
