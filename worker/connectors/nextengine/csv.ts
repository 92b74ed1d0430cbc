/**
 * The stock upload file for /api_v1_master_goods/upload: header `syohin_code,zaiko_su`, one line
 * per 商品コード, zaiko_su a signed delta (NextEngine adds or subtracts it; NE-8). Codes are
 * checked against NextEngine's rule (half-width letters, digits, "-" and "_", at most 30), so a
 * cell never needs quoting and no spreadsheet-style escaping can alter a code.
 */
import { NextEngineInputError } from "./errors";

export interface StockDelta {
  goodsId: string;
  /** signed change; 0 is refused (it would change nothing, and hides a bug upstream) */
  delta: number;
}

const GOODS_CODE = /^[A-Za-z0-9_-]{1,30}$/;

/** Whether a code can go into the upload file at all (NextEngine's 商品コード rule). */
export const isGoodsCode = (code: string) => GOODS_CODE.test(code);

export function stockDeltaCsv(lines: readonly StockDelta[]): string {
  if (lines.length === 0) throw new NextEngineInputError("a stock upload needs at least one line");
  const body = lines.map(({ goodsId, delta }) => {
    if (!GOODS_CODE.test(goodsId)) throw new NextEngineInputError(`商品コード ${JSON.stringify(goodsId)} is outside NextEngine's rule (A-Z a-z 0-9 - _, ≤30)`);
    if (!Number.isSafeInteger(delta) || delta === 0) throw new NextEngineInputError(`zaiko_su for ${goodsId} must be a non-zero integer, got ${delta}`);
    return `${goodsId},${delta}`;
  });
  return `syohin_code,zaiko_su\n${body.join("\n")}\n`;
}
