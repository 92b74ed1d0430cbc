/**
 * 単位設定一括アップロード (seed 004): a CSV file (UTF-8, header row) of units, upserted by 単位コード,
 * or of products' unit settings (商品コード → 単位コード, 最低注文単位, 最高注文単位).
 * Invariant: every row is checked before anything is written. One bad row refuses the whole file
 * with every issue found ([row, column]); otherwise all rows are written in one `db.batch()`, which
 * D1 runs as one transaction — a file is never half applied.
 * Row numbers in issues count data rows from 1 (the header row is row 0), not file lines.
 */
import { CsvError, parseCsv, restoreCell, toCsv } from "../../shared/csv";
import { UNIT_MESSAGES, UnitInput } from "../../shared/schemas/catalog";
import type { ServiceContext } from "../context";
import { bulkInsert } from "../db/bulk";
import { newId, nowIso } from "../db/ids";
import { invalid, ServiceError, type Issue } from "../errors";
import { unitRuleIssues } from "./products";
import { listUnits } from "./units";

export const UPLOAD_MAX_ROWS = 5_000;
/** Issues listed in one answer; the message still gives the full count. */
const MAX_ISSUES = 1_000;

export type UnitUploadKind = "units" | "product_units";

interface Column<F extends string> {
  field: F;
  ja: string;
  en: string;
}

const UNIT_COLUMNS = [
  { field: "code", ja: "単位コード", en: "code" },
  { field: "managementUnit", ja: "管理用単位", en: "managementUnit" },
  { field: "salesUnit", ja: "販売用単位", en: "salesUnit" },
  { field: "displayName", ja: "画面表示名", en: "displayName" },
  { field: "conversion", ja: "単位換算値", en: "conversion" },
] as const satisfies readonly Column<string>[];

const PRODUCT_UNIT_COLUMNS = [
  { field: "productCode", ja: "商品コード", en: "productCode" },
  { field: "unitCode", ja: "単位コード", en: "unitCode" },
  { field: "unitMin", ja: "最低注文単位", en: "unitMin" },
  { field: "unitMax", ja: "最高注文単位", en: "unitMax" },
] as const satisfies readonly Column<string>[];

const REQUIRED = "必須項目です (required)";
const ROW_NOTE = "行番号はヘッダー行を除いたデータ行の番号です (row = data row number from 1; 0 = the header row)";

/** A parsed file: its data rows and, per field, the column index and the header as the file spells it. */
interface Sheet<F extends string> {
  rows: string[][];
  index: Record<F, number>;
  name: Record<F, string>;
  width: number;
}

function readSheet<F extends string>(csv: string, columns: readonly Column<F>[], issues: Issue[]): Sheet<F> | null {
  let parsed: string[][];
  try {
    parsed = parseCsv(csv);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    issues.push({ path: [error.line, columns[0]!.ja], message: `CSVの形式が正しくありません (${error.message})` });
    return null;
  }
  const [header, ...rows] = parsed;
  if (!header) {
    issues.push({ path: [0, columns[0]!.ja], message: "ヘッダー行がありません (the file is empty; a header row is needed)" });
    return null;
  }
  const index = {} as Record<F, number>;
  const name = {} as Record<F, string>;
  header.forEach((raw, i) => {
    const text = raw.trim();
    const column = columns.find((c) => c.ja === text || c.en.toLowerCase() === text.toLowerCase());
    if (!column) return; // other columns (e.g. a full product sheet) are ignored
    if (column.field in index) {
      issues.push({ path: [0, text], message: `列が重複しています (duplicate column, also column ${index[column.field] + 1})` });
      return;
    }
    index[column.field] = i;
    name[column.field] = text;
  });
  for (const column of columns) {
    if (!(column.field in index)) {
      issues.push({ path: [0, column.ja], message: `必須の列がありません: ${column.ja} / ${column.en} (missing column)` });
    }
  }
  if (issues.length) return null;
  if (!rows.length) {
    issues.push({ path: [1, name[columns[0]!.field]], message: "データ行がありません (no data rows)" });
    return null;
  }
  if (rows.length > UPLOAD_MAX_ROWS) {
    issues.push({
      path: [UPLOAD_MAX_ROWS + 1, name[columns[0]!.field]],
      message: `一度にアップロードできるのは${UPLOAD_MAX_ROWS.toLocaleString("en")}行までです: ${rows.length}行あります (at most ${UPLOAD_MAX_ROWS} data rows)`,
    });
    return null;
  }
  return { rows, index, name, width: header.length };
}

const cellOf = <F extends string>(sheet: Sheet<F>, row: string[], field: F) => restoreCell((row[sheet.index[field]] ?? "").trim());

/** Cells past the header's width usually mean an unquoted comma shifted the row. */
function extraCells<F extends string>(sheet: Sheet<F>, row: string[], rowNo: number, lastField: F, issues: Issue[]) {
  if (row.slice(sheet.width).some((c) => c.trim() !== "")) {
    issues.push({
      path: [rowNo, sheet.name[lastField]],
      message: "ヘッダーより列が多い行です。カンマを含む値は \"…\" で囲んでください (more cells than header columns: quote values holding commas)",
    });
  }
}

/** A whole number written in ASCII or full-width digits ("100", "１００"); anything else is null. */
function wholeNumber(text: string): number | null {
  const t = text.normalize("NFKC").trim();
  return /^\d{1,10}$/.test(t) ? Number(t) : null;
}

/** Numeric text as a number for the schema's own checks (1.5, -1, 0 get the seed's message); NaN when not numeric. */
function numeric(text: string): number {
  const t = text.normalize("NFKC").trim();
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

function duplicateCheck(seen: Map<string, number>, code: string, rowNo: number, column: string, issues: Issue[]) {
  const first = seen.get(code);
  if (first !== undefined) {
    issues.push({ path: [rowNo, column], message: `ファイル内でコードが重複しています (duplicate code, first on row ${first})` });
  } else seen.set(code, rowNo);
}

/** Looks rows up by code, in chunks, binding each chunk as one JSON array (one parameter). */
async function byCodes<T extends { code: string }>(ctx: ServiceContext, sql: string, codes: string[]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (let i = 0; i < codes.length; i += 1_000) {
    const rows = await ctx.db.all<T>(sql, JSON.stringify(codes.slice(i, i + 1_000)));
    for (const row of rows) found.set(row.code, row);
  }
  return found;
}

interface UnitRow {
  code: string;
  managementUnit: string;
  salesUnit: string;
  displayName: string;
  conversion: number;
}

function checkUnitRows(sheet: Sheet<(typeof UNIT_COLUMNS)[number]["field"]>, issues: Issue[]): UnitRow[] {
  const units: UnitRow[] = [];
  const seen = new Map<string, number>();
  sheet.rows.forEach((row, i) => {
    const rowNo = i + 1;
    extraCells(sheet, row, rowNo, "conversion", issues);
    const input = {
      code: cellOf(sheet, row, "code"),
      managementUnit: cellOf(sheet, row, "managementUnit"),
      salesUnit: cellOf(sheet, row, "salesUnit"),
      displayName: cellOf(sheet, row, "displayName"),
      conversion: numeric(cellOf(sheet, row, "conversion")),
    };
    const empty = new Set<string>();
    for (const field of ["code", "managementUnit", "salesUnit", "displayName"] as const) {
      if (!input[field]) {
        empty.add(field);
        issues.push({ path: [rowNo, sheet.name[field]], message: REQUIRED });
      }
    }
    const parsed = UnitInput.safeParse(input);
    if (parsed.success) {
      if (!empty.size) units.push(parsed.data);
    } else {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "code") as keyof typeof input;
        if (empty.has(field)) continue;
        const message = field === "conversion" && !Number.isFinite(input.conversion) ? UNIT_MESSAGES.conversion : issue.message;
        issues.push({ path: [rowNo, sheet.name[field] ?? field], message });
      }
    }
    if (input.code) duplicateCheck(seen, input.code, rowNo, sheet.name.code, issues);
  });
  return units;
}

interface ProductUnitRow {
  productId: string;
  unitId: string | null;
  unitMin: number | null;
  unitMax: number | null;
}

async function checkProductUnitRows(
  ctx: ServiceContext,
  sheet: Sheet<(typeof PRODUCT_UNIT_COLUMNS)[number]["field"]>,
  issues: Issue[],
): Promise<ProductUnitRow[]> {
  const cells = sheet.rows.map((row) => ({
    productCode: cellOf(sheet, row, "productCode"),
    unitCode: cellOf(sheet, row, "unitCode"),
    unitMin: cellOf(sheet, row, "unitMin"),
    unitMax: cellOf(sheet, row, "unitMax"),
  }));
  const products = await byCodes<{ code: string; id: string; kind: string; pack_quantity: number | null; backorder: number }>(
    ctx,
    "SELECT code, id, kind, pack_quantity, backorder FROM products WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
    [...new Set(cells.map((c) => c.productCode).filter(Boolean))],
  );
  const units = await byCodes<{ code: string; id: string }>(
    ctx,
    "SELECT code, id FROM units WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
    [...new Set(cells.map((c) => c.unitCode).filter(Boolean))],
  );

  const result: ProductUnitRow[] = [];
  const seen = new Map<string, number>();
  const col = sheet.name;
  cells.forEach((c, i) => {
    const rowNo = i + 1;
    extraCells(sheet, sheet.rows[i]!, rowNo, "unitMax", issues);
    const product = c.productCode ? products.get(c.productCode) : undefined;
    if (!c.productCode) issues.push({ path: [rowNo, col.productCode], message: REQUIRED });
    else {
      duplicateCheck(seen, c.productCode, rowNo, col.productCode, issues);
      if (!product) issues.push({ path: [rowNo, col.productCode], message: `商品コード「${c.productCode}」の商品が見つかりません (unknown product code)` });
    }

    // An empty 単位コード takes the unit off the product; min / max must then be empty too.
    if (!c.unitCode) {
      for (const field of ["unitMin", "unitMax"] as const) {
        if (c[field]) {
          issues.push({ path: [rowNo, col[field]], message: "単位コードが空の場合は空にしてください (leave empty when the unit code is empty)" });
        }
      }
      if (product) result.push({ productId: product.id, unitId: null, unitMin: null, unitMax: null });
      return;
    }
    const unit = units.get(c.unitCode);
    if (!unit) issues.push({ path: [rowNo, col.unitCode], message: `単位コード「${c.unitCode}」の単位が見つかりません (unknown unit code)` });
    const unitMin = wholeNumber(c.unitMin);
    const unitMax = wholeNumber(c.unitMax);
    if (unitMin === null) issues.push({ path: [rowNo, col.unitMin], message: c.unitMin ? UNIT_MESSAGES.minMax : REQUIRED });
    if (unitMax === null) issues.push({ path: [rowNo, col.unitMax], message: c.unitMax ? UNIT_MESSAGES.minMax : REQUIRED });
    if (!product || !unit) return;
    // The product's own rules (seed 004), with paths turned into this file's columns.
    const ruleIssues = unitRuleIssues({
      kind: product.kind as Parameters<typeof unitRuleIssues>[0]["kind"],
      unitId: unit.id,
      unitMin: unitMin ?? 1,
      unitMax: unitMax ?? Math.max(1, unitMin ?? 1),
      packQuantity: product.pack_quantity,
      backorder: product.backorder === 1,
    });
    for (const issue of ruleIssues) {
      const column = issue.path[0] === "unitMin" ? (unitMin !== null && unitMin < 1 ? col.unitMin : col.unitMax) : col.unitCode;
      issues.push({ path: [rowNo, column], message: `${issue.message} (商品コード ${c.productCode})` });
    }
    if (!ruleIssues.length && unitMin !== null && unitMax !== null) {
      result.push({ productId: product.id, unitId: unit.id, unitMin, unitMax });
    }
  });
  return result;
}

function refuse(issues: Issue[]): never {
  throw invalid(
    `CSVに${issues.length}件のエラーがあります。何も登録していません (${issues.length} issue(s); nothing was written). ${ROW_NOTE}` +
      (issues.length > MAX_ISSUES ? ` 先頭${MAX_ISSUES}件を表示 (first ${MAX_ISSUES} shown)` : ""),
    issues.slice(0, MAX_ISSUES),
  );
}

/** A write that fails after the checks passed (the catalog changed meanwhile) rolls back as a whole. */
function changedMeanwhile(error: unknown): never {
  if (/CHECK constraint failed|FOREIGN KEY constraint failed|UNIQUE constraint failed/.test(String(error))) {
    throw new ServiceError(
      "CONFLICT",
      "アップロード中に商品または単位が変更されました。何も登録していません。もう一度アップロードしてください (the catalog changed during the upload; nothing was written, upload again)",
    );
  }
  throw error;
}

/** Checks every row, then writes them all in one batch, or nothing. */
export async function uploadUnitCsv(ctx: ServiceContext, kind: UnitUploadKind, csv: string): Promise<{ units: number; products: number }> {
  const issues: Issue[] = [];
  const at = nowIso();
  if (kind === "units") {
    const sheet = readSheet(csv, UNIT_COLUMNS, issues);
    if (!sheet) refuse(issues);
    const rows = checkUnitRows(sheet, issues);
    if (issues.length) refuse(issues);
    const statements = bulkInsert(
      ctx.db,
      "units",
      ["id", "code", "management_unit", "sales_unit", "display_name", "conversion", "created_at"],
      rows.map((u) => [newId("unt"), u.code, u.managementUnit, u.salesUnit, u.displayName, u.conversion, at]),
      {
        onConflict: `ON CONFLICT (merchant_id, code) DO UPDATE SET management_unit = excluded.management_unit,
          sales_unit = excluded.sales_unit, display_name = excluded.display_name, conversion = excluded.conversion`,
      },
    );
    await ctx.db.batch(statements).catch(changedMeanwhile);
    return { units: rows.length, products: 0 };
  }

  const sheet = readSheet(csv, PRODUCT_UNIT_COLUMNS, issues);
  if (!sheet) refuse(issues);
  const rows = await checkProductUnitRows(ctx, sheet, issues);
  if (issues.length) refuse(issues);
  await ctx.db.batch(productUnitStatements(ctx, rows, at)).catch(changedMeanwhile);
  return { units: 0, products: rows.length };
}

/**
 * One UPDATE … FROM (VALUES …) per 24 products: ?1 merchant, ?2 the time, then 4 values a row
 * (98 bound parameters, under D1's 100). The products table's CHECK re-asserts the unit rules.
 */
function productUnitStatements(ctx: ServiceContext, rows: ProductUnitRow[], at: string): D1PreparedStatement[] {
  const perStatement = Math.floor((100 - 2) / 4);
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values = chunk.map((_, r) => `(?${3 + r * 4}, ?${4 + r * 4}, ?${5 + r * 4}, ?${6 + r * 4})`).join(", ");
    statements.push(
      ctx.db.stmt(
        `UPDATE products SET unit_id = v.column2, unit_min = v.column3, unit_max = v.column4, updated_at = ?2
         FROM (VALUES ${values}) AS v
         WHERE products.merchant_id = ?1 AND products.id = v.column1`,
        at,
        ...chunk.flatMap((r) => [r.productId, r.unitId, r.unitMin, r.unitMax]),
      ),
    );
  }
  return statements;
}

export const UNIT_CSV_HEADER = UNIT_COLUMNS.map((c) => c.ja);

/** The current units in the upload's own format (Japanese headers), so a download can be edited and sent back. */
export async function unitsCsv(ctx: ServiceContext): Promise<string> {
  const units = await listUnits(ctx);
  return toCsv([UNIT_CSV_HEADER, ...units.map((u) => [u.code, u.managementUnit, u.salesUnit, u.displayName, u.conversion])]);
}
