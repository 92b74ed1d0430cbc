/**
 * What reporting 出荷確定 back to NextEngine (① / ②) did for each order, kept per link and order (the
 * latest attempt, with a count of attempts) so the link's page can say which orders NextEngine now
 * shows as 出荷済み and which it refused, and why. An order shipped in parts reaches NextEngine once,
 * when its last part ships: NextEngine has one 発送伝票番号 per order (1–30 of 0-9 A-Z a-z -, so no
 * list fits), and it gets the number of the part that completed the order; the other parts' numbers
 * are kept here beside it, so the merchant sees every parcel of the order. Each order also shows its
 * latest 再送 (shipment-replay.ts): waiting, or what it came to.
 */
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { requireNextEngineLink } from "./connect";
import type { ReportOutcome } from "./shipment-report";

export interface ShipmentResult {
  orderId: string;
  receiveOrderId: string;
  outcome: ReportOutcome;
  detail: string | null;
  trackingNumber: string | null;
  trackingWritten: boolean;
  otherTracking: string[];
}

/** Keeps one order's result (a later attempt replaces an earlier one and counts it). */
export async function recordShipmentResult(ctx: ServiceContext, connectionId: string, r: ShipmentResult) {
  await ctx.db.run(
    `INSERT INTO nextengine_shipment_reports
       (merchant_id, connection_id, order_id, receive_order_id, outcome, detail, tracking_number, tracking_written, other_tracking, attempts, reported_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)
     ON CONFLICT (connection_id, order_id) DO UPDATE SET
       outcome = excluded.outcome, detail = excluded.detail, tracking_number = excluded.tracking_number,
       tracking_written = excluded.tracking_written, other_tracking = excluded.other_tracking,
       attempts = nextengine_shipment_reports.attempts + 1, reported_at = excluded.reported_at
     WHERE nextengine_shipment_reports.merchant_id = ?1`,
    connectionId,
    r.orderId,
    r.receiveOrderId,
    r.outcome,
    r.detail,
    r.trackingNumber,
    r.trackingWritten ? 1 : 0,
    JSON.stringify(r.otherTracking),
    nowIso(),
  );
}

const PROBLEMS: ReportOutcome[] = ["refused", "cancelled", "lock-busy"];

/** The link's latest results, newest first; `problems` keeps only the orders NextEngine did not take. */
export async function listShipmentResults(ctx: ServiceContext, connectionId: string, options: { problems?: boolean; limit?: number } = {}) {
  await requireNextEngineLink(ctx, connectionId);
  const rows = await ctx.db.all<{
    order_id: string; receive_order_id: string; outcome: ReportOutcome; detail: string | null; tracking_number: string | null;
    tracking_written: number; other_tracking: string; attempts: number; reported_at: string; replay: string | null;
  }>(
    `SELECT r.order_id, r.receive_order_id, r.outcome, r.detail, r.tracking_number, r.tracking_written, r.other_tracking, r.attempts, r.reported_at,
            (SELECT json_object('status', p.status, 'outcome', p.outcome, 'requestedAt', p.requested_at, 'finishedAt', p.finished_at)
             FROM nextengine_shipment_replays p WHERE p.connection_id = r.connection_id AND p.order_id = r.order_id
             ORDER BY p.requested_at DESC LIMIT 1) AS replay
     FROM nextengine_shipment_reports r
     WHERE r.merchant_id = ?1 AND r.connection_id = ?2 AND (?3 = 0 OR r.outcome IN (SELECT value FROM json_each(?4)))
     ORDER BY r.reported_at DESC, r.order_id LIMIT ?5`,
    connectionId,
    options.problems ? 1 : 0,
    JSON.stringify(PROBLEMS),
    options.limit ?? 200,
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    receiveOrderId: r.receive_order_id,
    outcome: r.outcome,
    detail: r.detail,
    trackingNumber: r.tracking_number,
    trackingWritten: r.tracking_written === 1,
    otherTracking: JSON.parse(r.other_tracking) as string[],
    attempts: r.attempts,
    reportedAt: r.reported_at,
    /** the latest 再送 of this order (shipment-replay.ts), if any */
    replay: r.replay ? (JSON.parse(r.replay) as { status: "pending" | "done"; outcome: ReportOutcome | null; requestedAt: string; finishedAt: string | null }) : null,
  }));
}
