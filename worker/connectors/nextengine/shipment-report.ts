/**
 * ① 出荷確定時、受注伝票のステータスを「出荷済み」に更新する, with ② 追跡番号. When an order that came
 * from NextEngine is shipped in Renkei (the hub's status action on 'shipped'), its NextEngine order
 * moves to 50 出荷確定済: first the tracking number is written by an update (②), then /shipped.
 * Both carry the order's receive_order_last_modified_date as optimistic lock; a stale lock means
 * the order changed in NextEngine, so it is read again and the change applied to what is there now.
 * Every attempt starts by reading the order, and an order already at 50 is done: a retry after
 * overload (003001 / 003002) or a lost answer never ships it twice. The switch is read when the
 * order ships, so orders imported before ① was turned on are reported too (the guide says so).
 * The same action wakes the ③ stock upload, so a confirmed shipment reaches NextEngine at once.
 * Each order's outcome is kept for the link's page (shipment-results.ts, which also says what an
 * order shipped in parts sends: the number of the part that completed it).
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { registerOrderAction } from "../../orders/status-actions";
import type { NextEngineClient } from "./client";
import { NextEngineApiError, NextEngineConflictError } from "./errors";
import { withLink, type NextEngineLink } from "./link";
import { recordShipmentResult } from "./shipment-results";
import { wakeStockUpload } from "./stock-upload";
import { trackingNumberProblem } from "./tracking-number";

export const MARK_SHIPPED_ACTION = "nextengine.mark-shipped";

/** How many times a stale lock is re-read and re-applied before the order is left for the next run. */
const LOCK_ATTEMPTS = 5;
const SHIPPED = "50";

export type ReportOutcome = "shipped" | "already-shipped" | "cancelled" | "refused" | "lock-busy";

/** Moves one NextEngine order to 出荷確定済, writing the tracking number first when given. */
export async function reportShipment(client: NextEngineClient, receiveOrderId: string, trackingNumber: string | null): Promise<{ outcome: ReportOutcome; trackingWritten: boolean; detail?: string }> {
  let trackingWritten = false;
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    const [order] = await client.searchOrders({
      fields: ["receive_order_id", "receive_order_order_status_id", "receive_order_cancel_type_id", "receive_order_delivery_cut_form_id", "receive_order_last_modified_date"],
      where: { "receive_order_id-eq": receiveOrderId },
    });
    if (!order) return { outcome: "refused", trackingWritten, detail: "ネクストエンジンに受注伝票がありません (no such order in NextEngine)" };
    if (order.receive_order_order_status_id === SHIPPED) return { outcome: attempt === 0 && !trackingWritten ? "already-shipped" : "shipped", trackingWritten };
    if (order.receive_order_cancel_type_id && order.receive_order_cancel_type_id !== "0") return { outcome: "cancelled", trackingWritten };
    const lock = order.receive_order_last_modified_date ?? "";
    try {
      if (trackingNumber && order.receive_order_delivery_cut_form_id !== trackingNumber) {
        await client.updateOrder({ receiveOrderId, lastModifiedDate: lock, fields: { receive_order_delivery_cut_form_id: trackingNumber } });
        trackingWritten = true;
        continue; // the update moved the lock: read it again before /shipped
      }
      await client.shipOrder({ receiveOrderId, lastModifiedDate: lock });
      return { outcome: "shipped", trackingWritten };
    } catch (error) {
      if (error instanceof NextEngineConflictError) continue;
      if (error instanceof NextEngineApiError) return { outcome: "refused", trackingWritten, detail: error.message };
      throw error; // overload, 5xx, network: the job backs off and starts again from a fresh read
    }
  }
  return { outcome: "lock-busy", trackingWritten };
}

/**
 * Reports each Renkei order's 出荷確定 to its NextEngine order (① with ② when on) and keeps each
 * order's result; answers the outcome per order. The order action and a merchant's replay
 * (shipment-replay.ts) both come through here, so both send the same tracking number the same way.
 */
export async function reportOrders(ctx: ServiceContext, link: NextEngineLink, orderIds: string[]): Promise<Map<string, ReportOutcome>> {
  const outcomes = new Map<string, ReportOutcome>();
  const { connection, settings, client } = link;
  // every shipped part's tracking number, oldest first: the last is the part that completed the order
  const orders = await ctx.db.all<{ order_id: string; receive_order_id: string; tracking: string }>(
    `SELECT el.renkei_id AS order_id, el.external_id AS receive_order_id,
            (SELECT json_group_array(t.tracking_number) FROM
               (SELECT s.tracking_number FROM shipments s WHERE s.merchant_id = ?1 AND s.order_id = el.renkei_id AND s.status = 'shipped'
                  AND s.tracking_number <> '' ORDER BY s.shipped_at, s.id) t) AS tracking
     FROM external_links el
     WHERE el.merchant_id = ?1 AND el.connection_id = ?2 AND el.entity = 'order' AND el.renkei_id IN (SELECT value FROM json_each(?3))`,
    connection.id,
    JSON.stringify(orderIds),
  );
  for (const o of orders) {
    const parts = JSON.parse(o.tracking ?? "[]") as string[];
    const latest = parts.at(-1) ?? null;
    // ② only with ①, and only a tracking number NextEngine accepts
    const problem = settings.writeTrackingNumber && latest ? trackingNumberProblem(latest) : null;
    const tracking = settings.writeTrackingNumber && latest && !problem ? latest : null;
    const result = await reportShipment(client, o.receive_order_id, tracking);
    outcomes.set(o.order_id, result.outcome);
    const notes = [result.detail, problem ? `追跡番号は書き込んでいません: ${problem} (tracking number not written)` : null].filter(Boolean);
    await recordShipmentResult(ctx, connection.id, {
      orderId: o.order_id,
      receiveOrderId: o.receive_order_id,
      outcome: result.outcome,
      detail: notes.length ? notes.join(" / ") : null,
      trackingNumber: tracking,
      trackingWritten: result.trackingWritten,
      otherTracking: tracking ? parts.slice(0, -1) : parts, // every part's number NextEngine did not get
    });
  }
  return outcomes;
}

/** The order action: Renkei orders that entered 'shipped' → their NextEngine orders. */
async function markShipped(ctx: ServiceContext, orderIds: string[], connection: ConnectionRecord | null): Promise<Set<string>> {
  const done = new Set<string>();
  if (!connection || connection.status !== "started" || !orderIds.length) return done;
  // ③: a shipment's stock goes up now, not at the next scheduled upload (the upload job counts each movement once)
  await wakeStockUpload(ctx, connection);
  await withLink(ctx, connection, async (link) => {
    if (!link.settings.markShipped) return;
    for (const [orderId, outcome] of await reportOrders(ctx, link, orderIds)) {
      if (outcome === "shipped" || outcome === "already-shipped") done.add(orderId);
    }
  });
  return done;
}

registerOrderAction(MARK_SHIPPED_ACTION, markShipped);
