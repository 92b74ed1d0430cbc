/**
 * 単位設定一括アップロード (seed 004), the browser side: which columns each kind of file holds, a
 * first look at the file's text (empty, or not UTF-8), and the worker's refusal turned into a
 * table. The worker checks every row before writing anything and names each problem as
 * [row, column] — rows count data rows from 1, row 0 is the header — with its message as given.
 */
import type { ApiIssue } from "./api";
import type { MessageKey } from "./i18n";

export const UPLOAD_KINDS = ["units", "product_units"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** The header row the worker expects, as it spells it in Japanese (English names are accepted too). */
export const UPLOAD_COLUMNS: Record<UploadKind, readonly string[]> = {
  units: ["単位コード", "管理用単位", "販売用単位", "画面表示名", "単位換算値"],
  product_units: ["商品コード", "単位コード", "最低注文単位", "最高注文単位"],
};

/**
 * A problem with the file's text before sending it. File.text() reads UTF-8 and puts U+FFFD where
 * the bytes are not UTF-8 — a Shift_JIS CSV saved by Excel, most often — so that character means
 * the codes and names would arrive garbled.
 */
export function csvTextProblem(text: string): MessageKey | null {
  if (text.replace(/^\uFEFF/, "").trim() === "") return "upload.empty";
  if (text.includes("\uFFFD")) return "upload.notUtf8";
  return null;
}

export interface IssueRow {
  /** Data row from 1; 0 is the header row. */
  row: number;
  column: string;
  message: string;
}

/** Whether an issue names a place in the file ([row, column]) rather than a field of the form. */
export const isFileIssue = (issue: ApiIssue) => typeof issue.path[0] === "number";

/** The worker's file issues as table rows, by row (file order), the problems of one row together. */
export function issueTable(issues: readonly ApiIssue[]): IssueRow[] {
  return issues
    .filter(isFileIssue)
    .map((issue, order) => ({ order, row: issue.path[0] as number, column: issue.path[1] === undefined ? "" : String(issue.path[1]), message: issue.message }))
    .sort((a, b) => a.row - b.row || a.order - b.order)
    .map(({ row, column, message }) => ({ row, column, message }));
}
