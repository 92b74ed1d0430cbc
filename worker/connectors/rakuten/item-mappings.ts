/**
 * 商品マッピング: Rakuten SKU ↔ Renkei SKU ↔ RSL item, set by hand or by CSV file. Every row is
 * checked first (per-row, per-field errors) and then all rows are written in one batch, or none.
 * Saving does not touch orders already imported: a 確認待 order is re-judged by 出荷分割 / a new import.
 */
import { CsvError, parseCsv, toCsv } from "../../../shared/csv";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { invalid, notFound, type Issue } from "../../errors";
import { loadConnection } from "../../connections/connections";
import { foldSku, type ItemMapping } from "./mapping";

export interface MappingRow {
  rakutenSku: string;
  skuCode: string;
  rslItemCode: string;
}

/** CSV columns, in the file's order (Japanese headers, as the merchant's spreadsheet has them). */
export const MAPPING_CSV_HEADER = ["楽天SKU", "商品コード", "RSL商品コード"] as const;
const CODE = /^[\x21-\x7e]{1,64}$/;

export async function requireLink(ctx: ServiceContext, connectionId: string, kind: "rakuten" | "rsl" = "rakuten") {
  const connection = await loadConnection(ctx, connectionId);
  if (!connection || connection.kind !== kind) throw notFound("connection");
  return connection;
}

export async function listItemMappings(ctx: ServiceContext, connectionId: string) {
  await requireLink(ctx, connectionId);
  const rows = await ctx.db.all<{ rakuten_sku: string; sku_id: string; sku_code: string; rsl_item_code: string; updated_at: string }>(
    `SELECT m.rakuten_sku, m.sku_id, s.code AS sku_code, m.rsl_item_code, m.updated_at
     FROM rakuten_item_mappings m JOIN skus s ON s.id = m.sku_id
     WHERE m.merchant_id = ?1 AND m.connection_id = ?2 ORDER BY m.rakuten_sku_folded`,
    connectionId,
  );
  return rows.map((r) => ({ rakutenSku: r.rakuten_sku, skuId: r.sku_id, skuCode: r.sku_code, rslItemCode: r.rsl_item_code, updatedAt: r.updated_at }));
}

/**
 * Checks and writes rows. `where(i)` names a row in issues: its index for the API, its line number for
 * a file. A Rakuten SKU twice in one request is refused (which one would win is a guess).
 */
export async function saveItemMappings(ctx: ServiceContext, connectionId: string, rows: MappingRow[], where: (i: number) => string | number = (i) => i) {
  await requireLink(ctx, connectionId);
  const codes = [...new Set(rows.map((r) => r.skuCode.trim()))];
  const skus = new Map(
    (await ctx.db.all<{ id: string; code: string }>("SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))", JSON.stringify(codes))).map(
      (s) => [s.code, s.id],
    ),
  );
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const at = where(i);
    const rakutenSku = r.rakutenSku.trim();
    if (!CODE.test(rakutenSku)) issues.push({ path: [at, "rakutenSku"], message: "楽天SKUは1〜64文字の英数字記号です (Rakuten SKU: 1–64 printable ASCII)" });
    else if (seen.has(foldSku(rakutenSku))) issues.push({ path: [at, "rakutenSku"], message: `同じ楽天SKUが${where(seen.get(foldSku(rakutenSku))!)}にもあります (the same Rakuten SKU twice)` });
    else seen.set(foldSku(rakutenSku), i);
    if (!skus.has(r.skuCode.trim())) issues.push({ path: [at, "skuCode"], message: `商品コード「${r.skuCode}」のSKUがありません (no SKU with this code)` });
    if (!CODE.test(r.rslItemCode.trim())) issues.push({ path: [at, "rslItemCode"], message: "RSL商品コードは1〜64文字の英数字記号です (RSL item code: 1–64 printable ASCII)" });
  });
  if (issues.length) throw invalid("商品マッピングに誤りがあります (invalid product mapping)", issues);
  const at = nowIso();
  await ctx.db.batch(
    rows.map((r) =>
      ctx.db.stmt(
        `INSERT INTO rakuten_item_mappings (merchant_id, connection_id, rakuten_sku_folded, rakuten_sku, sku_id, rsl_item_code, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (connection_id, rakuten_sku_folded) DO UPDATE SET rakuten_sku = excluded.rakuten_sku,
           sku_id = excluded.sku_id, rsl_item_code = excluded.rsl_item_code, updated_at = excluded.updated_at`,
        connectionId,
        foldSku(r.rakutenSku),
        r.rakutenSku.trim(),
        skus.get(r.skuCode.trim()),
        r.rslItemCode.trim(),
        at,
      ),
    ),
  );
  return { saved: rows.length };
}

export async function deleteItemMapping(ctx: ServiceContext, connectionId: string, rakutenSku: string) {
  await requireLink(ctx, connectionId);
  const result = await ctx.db.run("DELETE FROM rakuten_item_mappings WHERE merchant_id = ?1 AND connection_id = ?2 AND rakuten_sku_folded = ?3", connectionId, foldSku(rakutenSku));
  if (!result.meta.changes) throw notFound("商品マッピング");
}

/** A CSV file of mappings (header row first); errors name the file's line: [line, field]. */
export async function uploadItemMappingCsv(ctx: ServiceContext, connectionId: string, csv: string) {
  let table: string[][];
  try {
    table = parseCsv(csv).filter((row) => row.some((cell) => cell.trim() !== ""));
  } catch (error) {
    if (error instanceof CsvError) throw invalid("CSVを読めません (unreadable CSV)", [{ path: [error.line], message: error.message }]);
    throw error;
  }
  const [header, ...body] = table;
  if (!header || MAPPING_CSV_HEADER.some((h, i) => header[i]?.trim() !== h)) {
    throw invalid("CSVの見出しが違います (wrong header)", [{ path: [1], message: `見出しは ${MAPPING_CSV_HEADER.join(",")} です (expected this header)` }]);
  }
  if (!body.length) throw invalid("CSVに行がありません (no rows)", [{ path: [2], message: "行がありません (no rows)" }]);
  const rows = body.map(([rakutenSku = "", skuCode = "", rslItemCode = ""]) => ({ rakutenSku, skuCode, rslItemCode }));
  // line numbers: the header is line 1 (blank lines are skipped, so this is the row's place among rows)
  return saveItemMappings(ctx, connectionId, rows, (i) => i + 2);
}

export async function itemMappingsCsv(ctx: ServiceContext, connectionId: string) {
  const rows = await listItemMappings(ctx, connectionId);
  return toCsv([[...MAPPING_CSV_HEADER], ...rows.map((r) => [r.rakutenSku, r.skuCode, r.rslItemCode])]);
}

/** The mappings of these Rakuten SKUs, by folded SKU. */
export async function mappingsFor(ctx: ServiceContext, connectionId: string, rakutenSkus: string[]): Promise<Map<string, ItemMapping>> {
  const rows = await ctx.db.all<{ rakuten_sku_folded: string; sku_id: string; rsl_item_code: string }>(
    `SELECT rakuten_sku_folded, sku_id, rsl_item_code FROM rakuten_item_mappings
     WHERE merchant_id = ?1 AND connection_id = ?2 AND rakuten_sku_folded IN (SELECT value FROM json_each(?3))`,
    connectionId,
    JSON.stringify([...new Set(rakutenSkus.map(foldSku))]),
  );
  return new Map(rows.map((r) => [r.rakuten_sku_folded, { skuId: r.sku_id, rslItemCode: r.rsl_item_code }]));
}
