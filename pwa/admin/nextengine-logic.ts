/**
 * The shipping desk's pure parts (no DOM, tested in Node): a CSV of 「受注番号,配送会社,追跡番号」 read
 * into shipment items against the orders waiting to ship, with an issue per bad row (row numbers as
 * the merchant sees them, header included), and the rows of a confirmation the worker refused,
 * mapped back to the CSV's rows. The tracking number's own rule is the worker's; it answers per row.
 * Also the 入荷予定 CSV (「拠点コード,商品コード,数量,発注番号[,種別]」), whose cells the worker checks per row.
 */
import { CsvError, parseCsv } from "../../shared/csv";
import type { NextEngineKey } from "./nextengine-messages";

export interface ToShip {
  orderId: string;
  receiveOrderId: string;
}

export interface ShipItem {
  orderId: string;
  carrier: string;
  trackingNumber: string;
}

export interface CsvIssue {
  row: number;
  message: NextEngineKey | string;
  vars?: Record<string, string | number>;
}

const HEADER = /^(受注番号|伝票番号|receive_order_id|order)/i;

/** Items for POST /api/nextengine/:id/shipments, and each row that cannot become one. */
export function shipmentsFromCsv(text: string, waiting: readonly ToShip[]): { items: ShipItem[]; rows: number[]; issues: CsvIssue[] } {
  const byNumber = new Map(waiting.map((o) => [o.receiveOrderId, o.orderId]));
  const items: ShipItem[] = [];
  const rows: number[] = [];
  const issues: CsvIssue[] = [];
  const seen = new Set<string>();
  // line by line (no cell here spans lines), so a row's number is the line the merchant sees
  text.split(/\r?\n/).forEach((line, i) => {
    const row = i + 1;
    if (!line.trim()) return;
    let cells: string[];
    try {
      cells = parseCsv(line)[0] ?? [];
    } catch (error) {
      issues.push({ row, message: error instanceof CsvError ? error.message : String(error) });
      return;
    }
    const [id = "", carrier = "", trackingNumber = ""] = cells.map((c) => c.trim());
    if (row === 1 && HEADER.test(id)) return;
    const orderId = byNumber.get(id);
    if (!orderId || seen.has(orderId)) {
      issues.push({ row, message: "ne.csvUnknown", vars: { row, id } });
      return;
    }
    seen.add(orderId);
    items.push({ orderId, carrier, trackingNumber });
    rows.push(row);
  });
  return { items, rows, issues };
}

/** The worker's issues (path [list, i, field]) as CSV rows: item i came from rows[i]. */
export function issuesToRows(issues: readonly { path: readonly (string | number)[]; message: string }[], rows: readonly number[], list = "items"): CsvIssue[] {
  return issues.map((issue) => {
    const index = issue.path[0] === list && typeof issue.path[1] === "number" ? issue.path[1] : -1;
    return { row: rows[index] ?? 0, message: `${String(issue.path.at(-1) ?? "")}: ${issue.message}` };
  });
}

/** One 入荷予定 row as POST /api/nextengine/:id/expected-receipts takes it (the worker checks each cell). */
export interface ExpectedRow {
  location: string;
  code: string;
  quantity: string;
  reference: string;
  /** 種別 as the CSV names it (仕入 / 移動 / その他 …); absent or blank: the form's kind */
  kind?: string;
}

const EXPECTED_HEADER = /^(拠点コード|拠点|location|据点编码)/i;
type ExpectedColumn = keyof Required<ExpectedRow>;
/** The columns in their default order (a file without a header), and the header words that name each. */
const EXPECTED_COLUMNS: readonly ExpectedColumn[] = ["location", "code", "quantity", "reference", "kind"];
const HEADER_WORDS: Record<ExpectedColumn, readonly string[]> = {
  location: ["拠点コード", "拠点", "location", "据点编码"],
  code: ["商品コード", "code", "商品编码"],
  quantity: ["数量", "quantity"],
  reference: ["発注番号", "reference", "采购单号"],
  kind: ["種別", "kind", "类型", "种类"],
};

/** Which cell holds each column: by the header's words when there is one (種別 may stand anywhere). */
function columnsOf(header: readonly string[] | null): Record<ExpectedColumn, number> {
  const at = Object.fromEntries(EXPECTED_COLUMNS.map((c, i) => [c, header ? -1 : i])) as Record<ExpectedColumn, number>;
  header?.forEach((cell, i) => {
    const column = EXPECTED_COLUMNS.find((c) => HEADER_WORDS[c].some((w) => w.toLowerCase() === cell.trim().toLowerCase()));
    if (column && at[column] < 0) at[column] = i;
  });
  return at;
}

/**
 * A CSV of 「拠点コード,商品コード,数量,発注番号[,種別]」 (header optional — with one, columns go by its
 * words — blank lines skipped) as rows for the worker, with the line each came from; only a row that
 * is not CSV at all is refused here. The 種別 word is the worker's to judge (a bad one is named by row).
 */
export function expectedRowsFromCsv(text: string): { rows: ExpectedRow[]; lines: number[]; issues: CsvIssue[] } {
  const rows: ExpectedRow[] = [];
  const lines: number[] = [];
  const issues: CsvIssue[] = [];
  let columns = columnsOf(null);
  text.split(/\r?\n/).forEach((line, i) => {
    const row = i + 1;
    if (!line.trim()) return;
    let cells: string[];
    try {
      cells = parseCsv(line)[0] ?? [];
    } catch (error) {
      issues.push({ row, message: error instanceof CsvError ? error.message : String(error) });
      return;
    }
    if (row === 1 && EXPECTED_HEADER.test(cells[0]?.trim() ?? "")) {
      columns = columnsOf(cells);
      return;
    }
    const cell = (column: ExpectedColumn) => (columns[column] >= 0 ? (cells[columns[column]] ?? "").trim() : "");
    const kind = cell("kind");
    rows.push({ location: cell("location"), code: cell("code"), quantity: cell("quantity"), reference: cell("reference"), ...(kind ? { kind } : {}) });
    lines.push(row);
  });
  return { rows, lines, issues };
}
