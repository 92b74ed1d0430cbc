/**
 * The product file (商品批量导入 / 商品批量更新 → 文件导入, seed 003 §3.3.2, §3.4.2), the browser side:
 * read a CSV or Excel file the merchant chose into rows of text, and check every row with the
 * rules the worker runs again (shared/schemas/product-import.ts), so each problem is shown — and
 * can be downloaded — before anything is sent.
 * Encodings (CSV): a UTF-8 BOM, or bytes that are valid UTF-8, mean UTF-8. Otherwise the file is
 * legacy Chinese (GBK / GB18030) or Japanese (Shift_JIS) Excel output; both decoders are tried and
 * the one that yields the seed's header wins, the user's language breaking a tie. The merchant can
 * always name the encoding instead.
 * Long files are read in chunks that yield to the page, with progress reported as they go.
 */
import { CsvError, parseCsv, toCsv } from "../../shared/csv";
import type { Currency } from "../../shared/money";
import { FileCheck, fileColumns, startFile, type FileIssue, type ProductFileMode } from "../../shared/schemas/product-import";
import type { ApiIssue } from "./api";
import type { MessageKey } from "./i18n";
import { issueTable } from "./unit-upload";

export const TEXT_ENCODINGS = ["utf-8", "gb18030", "shift_jis"] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];
export type EncodingChoice = "auto" | TextEncodingName;

/** A file the browser cannot read; the message is a dictionary key. */
export class FileProblem extends Error {
  override name = "FileProblem";
  constructor(
    readonly key: MessageKey,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** The legacy encoding a user of this language most likely saved with. */
export const legacyEncodingFor = (lang: string): TextEncodingName => (lang === "ja" ? "shift_jis" : "gb18030");

const HEADER_NAMES = new Set(fileColumns("update").flatMap((c) => [c.name, ...c.aliases]));

/** How many of the expected column names (the product file's unless told) the text's first line holds. */
function headerScore(text: string, names: ReadonlySet<string>): number {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return firstLine.split(",").filter((cell) => names.has(cell.replace(/"/g, "").trim())).length;
}

const replacements = (text: string) => text.split("\uFFFD").length - 1;

export function decodeCsvBytes(
  bytes: Uint8Array,
  choice: EncodingChoice,
  preferred: TextEncodingName,
  headerNames: ReadonlySet<string> = HEADER_NAMES,
): { text: string; encoding: TextEncodingName } {
  if (choice !== "auto") return { text: new TextDecoder(choice).decode(bytes), encoding: choice };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: one of the legacy encodings Excel saves CSV in.
  }
  const order: TextEncodingName[] = preferred === "shift_jis" ? ["shift_jis", "gb18030"] : ["gb18030", "shift_jis"];
  let best: { text: string; encoding: TextEncodingName; score: number } | null = null;
  for (const encoding of order) {
    const text = new TextDecoder(encoding).decode(bytes);
    // The header decides; fewer undecodable bytes next; the user's language on a tie (first tried).
    const score = headerScore(text, headerNames) * 1_000_000 - replacements(text);
    if (!best || score > best.score) best = { text, encoding, score };
  }
  return { text: best!.text, encoding: best!.encoding };
}

export interface SheetText {
  header: string[];
  rows: string[][];
  kind: "csv" | "xlsx";
  /** CSV only: the encoding the text was read with. */
  encoding?: TextEncodingName;
}

export interface Progress {
  phase: "read" | "check";
  done: number;
  total: number;
}
export type OnProgress = (progress: Progress) => void;

/** Lets the page paint (the progress bar) between chunks of work. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOldExcel = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** A chosen file as rows of text: .xlsx by its zip signature, the old binary .xls refused by name. */
export async function readSheet(
  file: { name: string; arrayBuffer(): Promise<ArrayBuffer> },
  choice: EncodingChoice,
  preferred: TextEncodingName,
  onProgress: OnProgress = () => {},
  /** the column names that tell a legacy CSV's encoding (another file than the product file) */
  headerNames?: ReadonlySet<string>,
): Promise<SheetText> {
  onProgress({ phase: "read", done: 0, total: 1 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new FileProblem("upload.empty");
  if (isOldExcel(bytes)) throw new FileProblem("productFile.xls");
  let all: string[][];
  let encoding: TextEncodingName | undefined;
  if (isZip(bytes) || /\.xlsx$/i.test(file.name)) {
    const { readXlsx } = await import("./xlsx");
    try {
      all = await readXlsx(bytes, async (done, total) => {
        onProgress({ phase: "read", done, total });
        await breathe();
      });
    } catch (error) {
      throw new FileProblem("productFile.badXlsx", { detail: error instanceof Error ? error.message : String(error) });
    }
  } else {
    const decoded = decodeCsvBytes(bytes, choice, preferred, headerNames);
    encoding = decoded.encoding;
    try {
      all = parseCsv(decoded.text);
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      throw new FileProblem("productFile.badCsv", { line: error.line });
    }
  }
  onProgress({ phase: "read", done: 1, total: 1 });
  const [header, ...rows] = all;
  if (!header) throw new FileProblem("upload.empty");
  return { header, rows, kind: encoding ? "csv" : "xlsx", encoding };
}

export interface CheckedFile {
  issues: FileIssue[];
  /** Distinct 货品编号 and rows (SKUs) that passed. */
  products: number;
  skus: number;
}

/**
 * Every check that needs no database, in chunks of `every` rows. A file over the row limit is
 * refused whole at once, as the worker refuses it.
 */
export async function checkSheet(
  sheet: Pick<SheetText, "header" | "rows">,
  mode: ProductFileMode,
  currency: Currency,
  onProgress: OnProgress = () => {},
  every = 250,
): Promise<CheckedFile> {
  const check = startFile(sheet.header, sheet.rows.length, mode, currency);
  if (!(check instanceof FileCheck)) return { issues: check, products: 0, skus: 0 };
  for (let i = 0; i < sheet.rows.length; i++) {
    if (i % every === 0) {
      onProgress({ phase: "check", done: i, total: sheet.rows.length });
      await breathe();
    }
    check.add(sheet.rows[i]!, i + 1);
  }
  const { products, issues } = check.finish();
  onProgress({ phase: "check", done: sheet.rows.length, total: sheet.rows.length });
  return { issues, products: products.length, skus: products.reduce((n, p) => n + p.skus.length, 0) };
}

/** The problems as a CSV to fix the file by: row (0 = header), column, message. */
export function issuesCsv(issues: readonly ApiIssue[]): string {
  return toCsv([["行 / 行号 / row", "列 / 列 / column", "内容 / 错误 / problem"], ...issueTable(issues).map((i) => [i.row, i.column, i.message])]);
}
