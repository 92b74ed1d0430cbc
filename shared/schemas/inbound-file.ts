/**
 * 入库单导入 (seed 003 §2.3.2): an inbound delivery for a store read from the merchant's file —
 * columns 商家编码 and 数量, optionally 备注 — checked the same way in the browser (before sending)
 * and in the worker (before writing). Issues are [row, column] as in the product file (row 0 = the
 * header, data rows from 1); a file over the limit is refused whole, naming the limit.
 */
import { z } from "zod";
import { cellText, say, type FileIssue } from "./product-import";
import { Id } from "./common";

export const INBOUND_FILE_MAX_ROWS = 5_000;
const MAX_QUANTITY = 1_000_000_000;

type Field = "code" | "quantity" | "remark";
/** The seed's names first; the Japanese spellings a merchant's sheet may carry are taken too. */
const COLUMNS: readonly { field: Field; name: string; aliases: readonly string[]; required: boolean }[] = [
  { field: "code", name: "商家编码", aliases: ["商家編碼", "商品コード", "SKUコード"], required: true },
  { field: "quantity", name: "数量", aliases: ["數量"], required: true },
  { field: "remark", name: "备注", aliases: ["備考", "備註"], required: false },
];

export const INBOUND_FILE_HEADER = COLUMNS.map((c) => c.name);
/** Every header name the file may use: what tells a legacy CSV's encoding in the browser. */
export const INBOUND_FILE_NAMES: ReadonlySet<string> = new Set(COLUMNS.flatMap((c) => [c.name, ...c.aliases]));

export const INBOUND_FILE_MESSAGES = {
  missingColumn: (name: string) => say(`「${name}」の列がありません`, `缺少「${name}」列`, `the file has no "${name}" column`),
  duplicateColumn: (name: string) => say(`「${name}」の列が2つあります`, `「${name}」列重复`, `two "${name}" columns`),
  noRows: say("データ行がありません", "没有数据行", "no data rows"),
  tooManyRows: (count: number) =>
    say(
      `一度に取り込めるのは${INBOUND_FILE_MAX_ROWS.toLocaleString("en")}行までです（${count.toLocaleString("en")}行あります）。ファイルを分けてください`,
      `每次最多导入${INBOUND_FILE_MAX_ROWS}条（文件有${count}条），请拆分文件`,
      `at most ${INBOUND_FILE_MAX_ROWS.toLocaleString("en")} rows per file: this one has ${count.toLocaleString("en")}; nothing was imported`,
    ),
  required: say("必須項目です", "必填项", "required"),
  quantity: say("1以上の整数を入力してください", "请输入大于等于1的整数", "a whole number of at least 1"),
  remarkTooLong: say("200文字以内で入力してください", "请输入200个字符以内", "at most 200 characters"),
  duplicateCode: (row: number) => say(`${row}行目と同じ商家编码です`, `与第${row}行的商家编码重复`, `same 商家编码 as row ${row}`),
  unknownCode: say("この商家编码の商品がありません", "没有该商家编码的商品", "no SKU has this 商家编码"),
};

export interface InboundFileLine {
  /** data row from 1 */
  row: number;
  code: string;
  quantity: number;
  remark: string;
}

/** The rows of a file as lines, or every issue found; a problem with the header or row count stops there. */
export function readInboundFile(header: readonly string[], rows: readonly (readonly string[])[]): { lines: InboundFileLine[]; names: Record<Field, string>; issues: FileIssue[] } {
  const cells = header.map((h) => cellText(h.replace(/^\uFEFF/, "")));
  const at = {} as Record<Field, number>;
  const names = Object.fromEntries(COLUMNS.map((c) => [c.field, c.name])) as Record<Field, string>;
  const issues: FileIssue[] = [];
  for (const column of COLUMNS) {
    const found = cells.flatMap((cell, i) => (cell === column.name || column.aliases.includes(cell) ? [i] : []));
    if (found.length > 1) issues.push({ path: [0, column.name], message: INBOUND_FILE_MESSAGES.duplicateColumn(column.name) });
    else if (found.length === 1) {
      at[column.field] = found[0]!;
      names[column.field] = cells[found[0]!]!;
    } else if (column.required) issues.push({ path: [0, column.name], message: INBOUND_FILE_MESSAGES.missingColumn(column.name) });
  }
  // Rows that are wholly empty (Excel's trailing lines) are not rows.
  const data = rows.map((cells, i) => ({ cells, row: i + 1 })).filter((r) => r.cells.some((c) => cellText(c) !== ""));
  if (!issues.length && data.length === 0) issues.push({ path: [1, names.code], message: INBOUND_FILE_MESSAGES.noRows });
  if (!issues.length && data.length > INBOUND_FILE_MAX_ROWS) issues.push({ path: [INBOUND_FILE_MAX_ROWS + 1, names.code], message: INBOUND_FILE_MESSAGES.tooManyRows(data.length) });
  if (issues.length) return { lines: [], names, issues };

  const lines: InboundFileLine[] = [];
  const firstRow = new Map<string, number>();
  for (const { cells, row } of data) {
    const code = cellText(cells[at.code]);
    const quantityText = cellText(cells[at.quantity]);
    const remark = at.remark === undefined ? "" : cellText(cells[at.remark]);
    const rowIssues: FileIssue[] = [];
    // 商家编码 is text: "00123" stays "00123"
    if (!code) rowIssues.push({ path: [row, names.code], message: INBOUND_FILE_MESSAGES.required });
    else if (firstRow.has(code)) rowIssues.push({ path: [row, names.code], message: INBOUND_FILE_MESSAGES.duplicateCode(firstRow.get(code)!) });
    else firstRow.set(code, row);
    const quantity = /^\d+$/.test(quantityText) ? Number(quantityText) : NaN;
    if (!quantityText) rowIssues.push({ path: [row, names.quantity], message: INBOUND_FILE_MESSAGES.required });
    else if (!(quantity >= 1 && quantity <= MAX_QUANTITY)) rowIssues.push({ path: [row, names.quantity], message: INBOUND_FILE_MESSAGES.quantity });
    if (remark.length > 200) rowIssues.push({ path: [row, names.remark], message: INBOUND_FILE_MESSAGES.remarkTooLong });
    if (rowIssues.length) issues.push(...rowIssues);
    else lines.push({ row, code, quantity, remark });
  }
  return { lines: issues.length ? [] : lines, names, issues };
}

/** POST /api/inbound/import: the rows as read from the file, checked again by the worker. */
export const InboundFileImport = z.object({
  /** one per file chosen: a double submit or a retry after a lost answer makes one delivery */
  idempotencyKey: z.string().min(8).max(128),
  locationId: Id,
  kind: z.enum(["purchase", "transfer", "other_in"]).default("other_in"),
  reference: z.string().trim().max(64).default(""),
  fileName: z.string().trim().max(200).default(""),
  header: z.array(z.string().max(200)).min(1).max(50),
  // the limit is checked by readInboundFile, so a file one row over is refused with its words
  rows: z.array(z.array(z.string().max(1000)).max(50)).max(50_000),
});
