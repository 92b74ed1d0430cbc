/**
 * 商品批量导入 / 商品批量更新 → 文件导入 (seed 003 §3.3.2, §3.4.2), the worker's side. The admin sends
 * the rows it read from the merchant's CSV or Excel file; they are checked again here from the
 * header on (shared/schemas/product-import.ts), then against the catalog.
 * Invariant: nothing is written unless every row passes. One bad row refuses the whole file with
 * every issue found as [row, column]; otherwise all statements run in one `db.batch()`, which D1
 * runs as one transaction — a file is never half applied, even when the catalog changes meanwhile.
 */
import { csvCell } from "../../shared/csv";
import type { Currency } from "../../shared/money";
import {
  FileCheck,
  startFile,
  templateHeader,
  templateRows,
  type FileIssue,
  type ProductFileMode,
} from "../../shared/schemas/product-import";
import type { ServiceContext } from "../context";
import { invalid, ServiceError } from "../errors";
import { planCreate } from "./product-import-create";
import { planUpdate } from "./product-import-update";

/** Issues listed in one answer; the message still gives the full count. */
const MAX_ISSUES = 1_000;

export interface ProductFileInput {
  mode: ProductFileMode;
  createCategories: boolean;
  header: string[];
  rows: string[][];
}

export interface ProductFileResult {
  mode: ProductFileMode;
  productsCreated: number;
  skusCreated: number;
  productsUpdated: number;
  skusUpdated: number;
  categoriesCreated: number;
  brandsCreated: number;
}

/** What a checked file will do: its statements (built only once every row passed) and its counts. */
export interface ImportPlan {
  statements: () => D1PreparedStatement[];
  result: ProductFileResult;
}

export async function importProductFile(ctx: ServiceContext, input: ProductFileInput): Promise<ProductFileResult> {
  const { currency } = await ctx.db.merchant();
  const check = startFile(input.header, input.rows.length, input.mode, currency);
  if (!(check instanceof FileCheck)) refuse(check);
  input.rows.forEach((cells, i) => check.add(cells, i + 1));
  const { products, issues } = check.finish();
  const plan = await (input.mode === "create" ? planCreate : planUpdate)(ctx, check.layout, products, input.createCategories, issues);
  if (issues.length) refuse(issues);

  await ctx.db.batch(plan.statements()).catch(changedMeanwhile);
  return plan.result;
}

function refuse(issues: FileIssue[]): never {
  // By row, the problems of one row in the order found.
  const sorted = issues.map((issue, order) => ({ issue, order })).sort((a, b) => a.issue.path[0] - b.issue.path[0] || a.order - b.order);
  throw invalid(
    `ファイルに${issues.length}件のエラーがあります。何も取り込んでいません／文件有${issues.length}处错误，未导入任何数据 (${issues.length} issue(s); nothing was written). ` +
      "行番号はヘッダー行を除いたデータ行の番号です (row = data row from 1; 0 = the header row)" +
      (issues.length > MAX_ISSUES ? ` 先頭${MAX_ISSUES}件を表示 (first ${MAX_ISSUES} shown)` : ""),
    sorted.slice(0, MAX_ISSUES).map(({ issue }) => ({ path: issue.path, message: issue.message })),
  );
}

/** A write that fails after the checks passed (a code taken meanwhile) rolls back as a whole. */
function changedMeanwhile(error: unknown): never {
  if (/UNIQUE constraint failed|FOREIGN KEY constraint failed|CHECK constraint failed/.test(String(error))) {
    throw new ServiceError(
      "CONFLICT",
      "取り込み中に商品・分類・品牌が変更されました。何も取り込んでいません。もう一度お試しください／导入期间商品数据已变更，未导入任何数据，请重试 (the catalog changed during the import; nothing was written, try again)",
    );
  }
  throw error;
}

/** The 样例文件 (template): the header and two example rows, priced in the merchant's currency. */
export function productFileTemplate(mode: ProductFileMode, currency: Currency): string {
  // csvCell would defuse the ="00123" guard as a formula; those cells hold no comma or quote to escape.
  const lines = [templateHeader(mode), ...templateRows(mode, currency)].map((row) =>
    row.map((cell) => (cell.startsWith('="') ? cell : csvCell(cell))).join(","),
  );
  return `${lines.join("\r\n")}\r\n`;
}
