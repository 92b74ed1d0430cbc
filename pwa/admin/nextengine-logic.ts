/**
 * The shipping desk's pure parts (no DOM, tested in Node): a CSV of 「受注番号,配送会社,追跡番号」 read
 * into shipment items against the orders waiting to ship, with an issue per bad row (row numbers as
 * the merchant sees them, header included), and the rows of a confirmation the worker refused,
 * mapped back to the CSV's rows. The tracking number's own rule is the worker's; it answers per row.
 * Also the 入荷予定 CSV (「拠点コード,商品コード,数量,発注番号」), whose cells the worker checks per row.
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
}

const EXPECTED_HEADER = /^(拠点コード|拠点|location)/i;

/**
 * A CSV of 「拠点コード,商品コード,数量,発注番号」 (header optional, blank lines skipped) as rows for the
 * worker, with the line each came from; only a row that is not CSV at all is refused here.
 */
export function expectedRowsFromCsv(text: string): { rows: ExpectedRow[]; lines: number[]; issues: CsvIssue[] } {
  const rows: ExpectedRow[] = [];
  const lines: number[] = [];
  const issues: CsvIssue[] = [];
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
    const [location = "", code = "", quantity = "", reference = ""] = cells.map((c) => c.trim());
    if (row === 1 && EXPECTED_HEADER.test(location)) return;
    rows.push({ location, code, quantity, reference });
    lines.push(row);
  });
  return { rows, lines, issues };
}
