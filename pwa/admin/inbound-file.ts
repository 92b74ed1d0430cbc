/**
 * 入库单导入, the browser side: the merchant's CSV (UTF-8 ± BOM, GB18030, Shift_JIS) or .xlsx read
 * with the product file's reader (product-file.ts; the encoding told by this file's own header),
 * then every row checked with the rules the worker runs again (shared/schemas/inbound-file.ts).
 */
import { INBOUND_FILE_HEADER, INBOUND_FILE_NAMES, readInboundFile } from "../../shared/schemas/inbound-file";
import type { FileIssue } from "../../shared/schemas/product-import";
import { readSheet, type EncodingChoice, type OnProgress, type SheetText, type TextEncodingName } from "./product-file";

export const readInboundSheet = (file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }, choice: EncodingChoice, preferred: TextEncodingName, onProgress?: OnProgress) =>
  readSheet(file, choice, preferred, onProgress, INBOUND_FILE_NAMES);

export interface CheckedInbound {
  issues: FileIssue[];
  /** lines and total quantity of a clean file */
  lines: number;
  quantity: number;
}

export function checkInboundSheet(sheet: Pick<SheetText, "header" | "rows">): CheckedInbound {
  const { lines, issues } = readInboundFile(sheet.header, sheet.rows);
  return { issues, lines: lines.length, quantity: lines.reduce((sum, l) => sum + l.quantity, 0) };
}

/** The 样例文件: the header and one example row, UTF-8 with a BOM so Excel opens it right. */
export const inboundTemplate = () => `\uFEFF${INBOUND_FILE_HEADER.join(",")}\r\n00123,10,\r\n`;
