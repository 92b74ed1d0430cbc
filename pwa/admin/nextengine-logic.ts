/**
 * The shipping desk's pure parts (no DOM, tested in Node): a CSV of 「受注番号,配送会社,追跡番号」 read
 * into shipment items against the orders waiting to ship, with an issue per bad row (row numbers as
 * the merchant sees them, header included), and the rows of a confirmation the worker refused,
 * mapped back to the CSV's rows. The tracking number's own rule is the worker's; it answers per row.
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

/** The worker's issues (path ["items", i, field]) as CSV rows: item i came from rows[i]. */
export function issuesToRows(issues: readonly { path: readonly (string | number)[]; message: string }[], rows: readonly number[]): CsvIssue[] {
  return issues.map((issue) => {
    const index = issue.path[0] === "items" && typeof issue.path[1] === "number" ? issue.path[1] : -1;
    return { row: rows[index] ?? 0, message: `${String(issue.path.at(-1) ?? "")}: ${issue.message}` };
  });
}
