/**
 * RSL自動出荷依頼: every imported order whose every line is mapped goes to RSL as shipment
 * requests — one per basket (one destination each) — without anyone touching it. Invariants:
 *  - a request is written (rsl_requests, with its key and exact body) before it leaves, and the lines
 *    it carries are taken by a Renkei shipment, so they can never also be shipped by hand (自社出荷);
 *  - a request that was attempted before is looked up with getStatus before it is sent again, and
 *    RSL dedupes by the same key besides: no order is requested twice;
 *  - RSL refusing a request (unknown item, bad address) marks the order 「システムエラー」 for review;
 *  - one run at a time per link (forward-lease.ts): two runs planning the same order would each
 *    make a Renkei shipment for its lines.
 */
import { SYSTEM_TAGS } from "../../../shared/orders";
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { changeStatus } from "../../orders/lifecycle";
import { createShipment } from "../../orders/shipments";
import { RslError, type RslClient, type RslShipmentRequest } from "../rsl/client";
import { mappingsFor } from "./item-mappings";
import { enqueueJob } from "../../sync/runs";
import { withForwardLease } from "./forward-lease";
import { FORWARD_JOB, rslClientFor } from "./link";
import { foldSku, requestKeyOf, type BasketRecord } from "./mapping";
import { RakutenSettings } from "./settings";

/** Orders still waiting for their first request, per run. */
const PLAN_LIMIT = 200;
/** Pending requests sent per run. */
const SEND_LIMIT = 500;

/**
 * One run plans and sends a bounded slice (a queue invocation's time and subrequests are bounded);
 * a full slice enqueues the next run at once, so a backlog (a sale day, 5,000 orders) drains in
 * minutes instead of one slice per schedule tick.
 */
export async function forwardToRsl(ctx: ServiceContext, connection: ConnectionRecord) {
  const settings = RakutenSettings.parse(connection.settings);
  if (!settings.autoForward || !settings.rslConnectionId) return { planned: 0, sent: 0, failed: 0 };
  const rsl = await rslClientFor(ctx, settings.rslConnectionId);
  const { planned, handled, ...sent } = await withForwardLease(ctx, connection.id, async () => {
    const planned = await planRequests(ctx, connection);
    return { planned, ...(await sendPending(ctx, connection, rsl)) };
  });
  // enqueued once the lease is free, so the next slice does not find it taken
  const continued = planned === PLAN_LIMIT || handled === SEND_LIMIT;
  if (continued) await enqueueJob(ctx, FORWARD_JOB, { connectionId: connection.id, trigger: "event" });
  return { planned, ...sent, continued: continued ? 1 : 0 };
}

/** Writes the requests (and their Renkei shipments) of fully mapped orders that have none yet. */
async function planRequests(ctx: ServiceContext, connection: ConnectionRecord): Promise<number> {
  const orders = await ctx.db.all<{ order_number: string; order_id: string; baskets: string }>(
    `SELECT ro.order_number, ro.order_id, ro.baskets FROM rakuten_orders ro JOIN orders o ON o.id = ro.order_id
     WHERE ro.merchant_id = ?1 AND ro.connection_id = ?2 AND o.deleted_at IS NULL
       AND o.status IN ('allocated', 'awaiting_allocation')
       AND NOT EXISTS (SELECT 1 FROM order_lines ol WHERE ol.order_id = o.id AND ol.sku_id IS NULL)
       AND NOT EXISTS (SELECT 1 FROM rsl_requests r WHERE r.merchant_id = ?1 AND r.order_id = ro.order_id)
     ORDER BY o.ordered_at LIMIT ${PLAN_LIMIT}`,
    connection.id,
  );
  let planned = 0;
  for (const order of orders) {
    const baskets = JSON.parse(order.baskets) as BasketRecord[];
    const lines = await ctx.db.all<{ id: string; line_no: number; quantity: number }>(
      "SELECT id, line_no, quantity FROM order_lines WHERE merchant_id = ?1 AND order_id = ?2 ORDER BY line_no",
      order.order_id,
    );
    const byNo = new Map(lines.map((l) => [l.line_no, l]));
    const mappings = await mappingsFor(ctx, connection.id, baskets.flatMap((b) => b.lines.map((l) => l.rakutenSku)));
    for (const basket of baskets) {
      const carried = basket.lines.filter((l) => byNo.has(l.lineNo));
      if (!carried.length) continue;
      // a mapping removed since the import: the order waits (and shows as a system error) rather than guess
      if (carried.some((l) => !mappings.has(foldSku(l.rakutenSku)))) continue;
      await planRequest(ctx, connection, {
        orderId: order.order_id,
        orderNumber: order.order_number,
        basket,
        lines: carried.map((l) => ({ orderLineId: byNo.get(l.lineNo)!.id, quantity: byNo.get(l.lineNo)!.quantity, itemCode: mappings.get(foldSku(l.rakutenSku))!.rslItemCode })),
      });
      planned++;
    }
  }
  return planned;
}

export interface PlannedRequest {
  orderId: string;
  orderNumber: string;
  basket: Pick<BasketRecord, "basketId" | "shipTo">;
  /** Part number of a split (出荷分割); none for a whole basket. */
  part?: number;
  lines: { orderLineId: string; quantity: number; itemCode: string }[];
}

/** One request: its Renkei shipment (keyed, so a retry finds the same one), then its row. */
export async function planRequest(ctx: ServiceContext, connection: ConnectionRecord, plan: PlannedRequest) {
  const requestKey = requestKeyOf(plan.orderNumber, plan.basket.basketId, plan.part);
  const { result: shipment } = await createShipment(ctx, plan.orderId, {
    idempotencyKey: `rsl:${connection.id}:${requestKey}`,
    lines: plan.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
  });
  const quantities = new Map<string, number>();
  for (const l of plan.lines) quantities.set(l.itemCode, (quantities.get(l.itemCode) ?? 0) + l.quantity);
  const body: RslShipmentRequest = {
    requestKey,
    shopOrderNumber: plan.orderNumber,
    shipTo: plan.basket.shipTo,
    lines: [...quantities].map(([itemCode, quantity]) => ({ itemCode, quantity })),
  };
  const at = nowIso();
  await ctx.db.run(
    `INSERT INTO rsl_requests (merchant_id, connection_id, request_key, order_id, order_number, basket_id, shipment_id, body, state, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9, ?9) ON CONFLICT (connection_id, request_key) DO NOTHING`,
    connection.id,
    requestKey,
    plan.orderId,
    plan.orderNumber,
    plan.basket.basketId,
    shipment.id,
    JSON.stringify(body),
    at,
  );
  return requestKey;
}

/** Sends every pending request; looks before resending one that was attempted. */
export async function sendPending(ctx: ServiceContext, connection: ConnectionRecord, rsl: RslClient) {
  const pending = await ctx.db.all<{ request_key: string; order_id: string; body: string; attempts: number }>(
    `SELECT request_key, order_id, body, attempts FROM rsl_requests WHERE merchant_id = ?1 AND connection_id = ?2 AND state = 'pending' ORDER BY created_at LIMIT ${SEND_LIMIT}`,
    connection.id,
  );
  const counts = { sent: 0, found: 0, failed: 0 };
  const accepted = new Set<string>();
  for (const request of pending) {
    const update = (state: string, shipmentId: string | null, error: string | null) =>
      ctx.db.run(
        "UPDATE rsl_requests SET state = ?4, rsl_shipment_id = COALESCE(?5, rsl_shipment_id), last_error = ?6, updated_at = ?7 WHERE merchant_id = ?1 AND connection_id = ?2 AND request_key = ?3 AND state = 'pending'",
        connection.id,
        request.request_key,
        state,
        shipmentId,
        error,
        nowIso(),
      );
    if (request.attempts > 0) {
      // the earlier attempt may have arrived (a timeout, a lost answer): look before sending again
      const existing = await rsl.getStatus(request.request_key);
      if (existing) {
        await update("accepted", existing.shipmentId, null);
        accepted.add(request.order_id);
        counts.found++;
        continue;
      }
    }
    // counted before it leaves, and only while still pending: a request withdrawn meanwhile (the order
    // cancelled in Renkei) is not sent
    const counted = await ctx.db.run(
      "UPDATE rsl_requests SET attempts = attempts + 1 WHERE merchant_id = ?1 AND connection_id = ?2 AND request_key = ?3 AND state = 'pending'",
      connection.id,
      request.request_key,
    );
    if (!counted.meta.changes) continue;
    try {
      const shipment = await rsl.requestShipment(JSON.parse(request.body) as RslShipmentRequest);
      await update("accepted", shipment.shipmentId, null);
      accepted.add(request.order_id);
      counts.sent++;
    } catch (error) {
      if (!(error instanceof RslError)) throw error; // transient: the queue retries, and the retry looks first
      await update("failed", null, `${error.code}: ${error.message}`);
      await markSystemError(ctx, [request.order_id]);
      counts.failed++;
    }
  }
  // 出荷待ち once every request of the order is with RSL
  const ready = await ctx.db.all<{ order_id: string }>(
    `SELECT DISTINCT order_id FROM rsl_requests r WHERE r.merchant_id = ?1 AND r.order_id IN (SELECT value FROM json_each(?2))
     AND NOT EXISTS (SELECT 1 FROM rsl_requests x WHERE x.merchant_id = ?1 AND x.order_id = r.order_id AND x.state NOT IN ('accepted', 'shipped'))`,
    JSON.stringify([...accepted]),
  );
  if (ready.length) await changeStatus(ctx, ready.map((r) => r.order_id), "awaiting_shipment");
  return { ...counts, handled: pending.length };
}

/** 「システムエラー」: the order needs someone to look (the list of system errors shows why). */
export async function markSystemError(ctx: ServiceContext, orderIds: string[]) {
  await ctx.db.run(
    "INSERT OR IGNORE INTO order_tags (merchant_id, order_id, tag, kind) SELECT ?1, value, ?2, 'system' FROM json_each(?3)",
    SYSTEM_TAGS.systemError,
    JSON.stringify(orderIds),
  );
}
