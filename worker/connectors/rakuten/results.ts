/**
 * Results back: RSL's shipment results (published in the evening) are read after a stored cursor;
 * each parcel becomes one RMS shipping record written at once with updateOrderShippingAsync, and the
 * Renkei shipment is confirmed (出荷確定: the order is shipped). Invariants:
 *  - the cursor advances in the same batch that stores the parcels, so a result is taken once;
 *  - a result for a request Renkei does not know is kept for review (rsl_unmatched_results);
 *  - before writing, the order is read from RMS and a record with the same tracking number is adopted
 *    (its shippingDetailId kept): a resend after a lost answer updates, never adds a second record.
 */
import type { RmsOrderShippingInput } from "../../../shared/schemas/rakuten";
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { confirmShipment } from "../../orders/shipments";
import { TransientError } from "../../sync/messages";
import type { RslClient, RslShipmentResult } from "../rsl/client";
import type { RakutenClient } from "./client";
import { RmsError } from "./errors";
import { markSystemError } from "./forward";
import { rmsClientFor, rslClientFor, withRms } from "./link";
import { deliveryCompanyOf } from "./mapping";
import { RakutenSettings } from "./settings";

export async function pullRslResults(ctx: ServiceContext, connection: ConnectionRecord, options: { pollIntervalMs?: number; pollTimeoutMs?: number } = {}) {
  const settings = RakutenSettings.parse(connection.settings);
  if (!settings.rslConnectionId) return { results: 0 };
  const rsl = await rslClientFor(ctx, settings.rslConnectionId);
  const taken = await takeResults(ctx, connection, rsl);
  const shipped = await confirmRenkeiShipments(ctx, connection);
  const rms = await rmsClientFor(ctx, connection);
  const reported = await withRms(ctx, connection, () => reportParcels(ctx, connection, rms, options));
  return { ...taken, ...shipped, ...reported };
}

async function takeResults(ctx: ServiceContext, connection: ConnectionRecord, rsl: RslClient) {
  const counts = { results: 0, parcels: 0, unmatched: 0 };
  const stored = await ctx.db.first<{ cursor: string }>("SELECT cursor FROM rsl_result_cursors WHERE merchant_id = ?1 AND connection_id = ?2", connection.id);
  let cursor = stored?.cursor ?? null;
  for (;;) {
    const page = await rsl.listResults(cursor, 100);
    const known = new Map(
      (
        await ctx.db.all<{ request_key: string; order_number: string; basket_id: number }>(
          "SELECT request_key, order_number, basket_id FROM rsl_requests WHERE merchant_id = ?1 AND connection_id = ?2 AND request_key IN (SELECT value FROM json_each(?3))",
          connection.id,
          JSON.stringify(page.results.map((r) => r.requestKey)),
        )
      ).map((r) => [r.request_key, r]),
    );
    const at = nowIso();
    const statements: D1PreparedStatement[] = [];
    for (const result of page.results) {
      counts.results++;
      const request = known.get(result.requestKey);
      if (!request) {
        counts.unmatched++;
        statements.push(unmatchedStatement(ctx, connection, result, at));
        continue;
      }
      for (const parcel of result.parcels) {
        counts.parcels++;
        statements.push(
          ctx.db.stmt(
            `INSERT INTO rakuten_parcels (merchant_id, connection_id, result_id, parcel_no, request_key, order_number, basket_id, delivery_company, shipping_number, shipping_date, state, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', ?11) ON CONFLICT DO NOTHING`,
            connection.id,
            result.resultId,
            parcel.parcelNo,
            result.requestKey,
            request.order_number,
            request.basket_id,
            deliveryCompanyOf(parcel.carrier),
            parcel.trackingNumber,
            result.shipDate,
            at,
          ),
        );
      }
      statements.push(
        ctx.db.stmt(
          "UPDATE rsl_requests SET state = 'shipped', updated_at = ?4 WHERE merchant_id = ?1 AND connection_id = ?2 AND request_key = ?3",
          connection.id,
          result.requestKey,
          at,
        ),
      );
    }
    statements.push(
      ctx.db.stmt(
        `INSERT INTO rsl_result_cursors (merchant_id, connection_id, cursor, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (connection_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
        connection.id,
        page.nextCursor,
        at,
      ),
    );
    await ctx.db.batch(statements);
    cursor = page.nextCursor;
    if (!page.hasMore) return counts;
  }
}

const unmatchedStatement = (ctx: ServiceContext, connection: ConnectionRecord, result: RslShipmentResult, at: string) =>
  ctx.db.stmt(
    `INSERT INTO rsl_unmatched_results (merchant_id, connection_id, result_id, request_key, shop_order_number, body, received_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING`,
    connection.id,
    result.resultId,
    result.requestKey,
    result.shopOrderNumber,
    JSON.stringify(result),
    at,
  );

/** 出荷確定 in Renkei of every request RSL shipped: carrier and tracking numbers on the shipment. */
async function confirmRenkeiShipments(ctx: ServiceContext, connection: ConnectionRecord) {
  const rows = await ctx.db.all<{ request_key: string; order_id: string; shipment_id: string; carriers: string; numbers: string }>(
    `SELECT r.request_key, r.order_id, r.shipment_id,
            (SELECT group_concat(DISTINCT p.delivery_company) FROM rakuten_parcels p WHERE p.connection_id = r.connection_id AND p.request_key = r.request_key) AS carriers,
            (SELECT group_concat(p.shipping_number) FROM rakuten_parcels p WHERE p.connection_id = r.connection_id AND p.request_key = r.request_key) AS numbers
     FROM rsl_requests r JOIN shipments s ON s.id = r.shipment_id
     WHERE r.merchant_id = ?1 AND r.connection_id = ?2 AND r.state = 'shipped' AND s.status = 'pending'`,
    connection.id,
  );
  let shipped = 0;
  for (const row of rows) {
    try {
      await confirmShipment(ctx, row.shipment_id, { idempotencyKey: `rsl:${connection.id}:${row.request_key}`, carrier: row.carriers ?? "", trackingNumber: row.numbers ?? "" });
      shipped++;
    } catch (error) {
      // e.g. not allocated in Renkei: RMS still hears of the parcel; the order waits for a person
      console.warn(JSON.stringify({ level: "warn", message: "RSL shipment not confirmed in Renkei", requestKey: row.request_key, error: String(error) }));
      await markSystemError(ctx, [row.order_id]);
    }
  }
  return { shipped };
}

interface ParcelRow {
  result_id: number;
  parcel_no: number;
  order_number: string;
  basket_id: number;
  delivery_company: string;
  shipping_number: string;
  shipping_date: string;
  state: string;
  rms_request_id: string | null;
  data_number: number | null;
  shipping_detail_id: number | null;
}

/** How long a submitted parcel without any RMS result is awaited before it is judged by the order itself. */
const SUBMITTED_GIVE_UP_MS = 86_400_000;

const parcelKey = (p: Pick<ParcelRow, "result_id" | "parcel_no">) => `${p.result_id}:${p.parcel_no}`;

/** Writes pending parcels to RMS and reads the outcome of what was submitted. */
export async function reportParcels(ctx: ServiceContext, connection: ConnectionRecord, rms: RakutenClient, options: { pollIntervalMs?: number; pollTimeoutMs?: number } = {}) {
  const counts = { reported: 0, adopted: 0, reportFailed: 0 };
  const parcels = await ctx.db.all<ParcelRow>(
    `SELECT result_id, parcel_no, order_number, basket_id, delivery_company, shipping_number, shipping_date, state, rms_request_id, data_number, shipping_detail_id
     FROM rakuten_parcels WHERE merchant_id = ?1 AND connection_id = ?2 AND state IN ('pending', 'submitted') ORDER BY order_number, result_id, parcel_no LIMIT 2000`,
    connection.id,
  );
  const set = (p: ParcelRow, fields: { state: string; requestId?: string | null; dataNumber?: number | null; detailId?: number | null; error?: string | null }) =>
    ctx.db.stmt(
      `UPDATE rakuten_parcels SET state = ?5, rms_request_id = COALESCE(?6, rms_request_id), data_number = COALESCE(?7, data_number),
         shipping_detail_id = COALESCE(?8, shipping_detail_id), last_error = ?9, updated_at = ?10
       WHERE merchant_id = ?1 AND connection_id = ?2 AND result_id = ?3 AND parcel_no = ?4`,
      connection.id,
      p.result_id,
      p.parcel_no,
      fields.state,
      fields.requestId ?? null,
      fields.dataNumber ?? null,
      fields.detailId ?? null,
      fields.error ?? null,
      nowIso(),
    );

  // 1. Submitted earlier (a retry of this job): RMS's answer for that requestId, if it has one yet.
  for (const requestId of new Set(parcels.filter((p) => p.state === "submitted").map((p) => p.rms_request_id!))) {
    const result = await rms.getShippingResult(requestId);
    if (!result) continue; // processing, or gone after 30 days: step 2 reads the order and decides
    Object.assign(counts, add(counts, await applyResult(ctx, parcels.filter((p) => p.rms_request_id === requestId), result, set)));
  }

  // 2. Everything not reported: read the orders first, adopt records RMS already has. A submitted
  // parcel whose result is still missing is left alone while RMS may be processing it (resending now
  // could add a second record); after a day with no result and no record, it was not applied.
  const open = await ctx.db.all<ParcelRow>(
    `SELECT result_id, parcel_no, order_number, basket_id, delivery_company, shipping_number, shipping_date, state, rms_request_id, data_number, shipping_detail_id
     FROM rakuten_parcels WHERE merchant_id = ?1 AND connection_id = ?2
       AND (state = 'pending' OR (state = 'submitted' AND updated_at < ?3)) ORDER BY order_number, result_id, parcel_no LIMIT 2000`,
    connection.id,
    nowIso(Date.now() - SUBMITTED_GIVE_UP_MS),
  );
  if (!open.length) return counts;
  const { orders } = await rms.getOrders([...new Set(open.map((p) => p.order_number))]);
  const recordOf = new Map<string, number>();
  for (const order of orders) {
    for (const pkg of order.PackageModelList) {
      for (const s of pkg.ShippingModelList) if (s.shippingNumber) recordOf.set(`${order.orderNumber}:${pkg.basketId}:${s.shippingNumber}`, s.shippingDetailId);
    }
  }
  const adopted = open.filter((p) => recordOf.has(`${p.order_number}:${p.basket_id}:${p.shipping_number}`));
  await ctx.db.batch(adopted.map((p) => set(p, { state: "reported", detailId: recordOf.get(`${p.order_number}:${p.basket_id}:${p.shipping_number}`)! })));
  counts.adopted += adopted.length;
  const toSend = open.filter((p) => !recordOf.has(`${p.order_number}:${p.basket_id}:${p.shipping_number}`));
  if (!toSend.length) return counts;

  // 3. One ShippingModel per parcel, grouped per order and basket; dataNumber counts across the order.
  const byOrder = new Map<string, ParcelRow[]>();
  for (const p of toSend) byOrder.set(p.order_number, [...(byOrder.get(p.order_number) ?? []), p]);
  const input: RmsOrderShippingInput[] = [...byOrder].map(([orderNumber, list]) => {
    const baskets = new Map<number, ParcelRow[]>();
    for (const p of list) baskets.set(p.basket_id, [...(baskets.get(p.basket_id) ?? []), p]);
    return {
      orderNumber,
      BasketidModelList: [...baskets].map(([basketId, ps]) => ({
        basketId,
        ShippingModelList: ps.map((p) => ({
          ...(p.shipping_detail_id ? { shippingDetailId: p.shipping_detail_id } : {}),
          deliveryCompany: p.delivery_company,
          shippingNumber: p.shipping_number,
          shippingDate: p.shipping_date,
        })),
      })),
    };
  });
  const dataNumber = new Map<string, number>();
  for (const order of input) {
    let n = 0;
    for (const basket of order.BasketidModelList) {
      for (const s of basket.ShippingModelList) {
        const p = byOrder.get(order.orderNumber)!.find((x) => x.basket_id === basket.basketId && x.shipping_number === s.shippingNumber)!;
        dataNumber.set(parcelKey(p), ++n);
      }
    }
  }
  let accepted: { requestId: string; orderNumbers: string[] }[];
  try {
    accepted = await rms.updateOrderShippingAsync(input);
  } catch (error) {
    if (!(error instanceof RmsError) || error instanceof TransientError) throw error;
    // refused at the door (nothing applied): the orders RMS names fail, the others wait for the next run
    const named = new Set(error.messages.filter((m) => m.messageType === "ERROR" && m.orderNumber).map((m) => m.orderNumber!));
    const failing = toSend.filter((p) => named.has(p.order_number) || !named.size);
    await ctx.db.batch(failing.map((p) => set(p, { state: "failed", error: error.message })));
    counts.reportFailed += failing.length;
    return counts;
  }
  const submitted = toSend.map((p) => {
    const requestId = accepted.find((a) => a.orderNumbers.includes(p.order_number))?.requestId ?? null;
    return { p, requestId };
  });
  await ctx.db.batch(submitted.map(({ p, requestId }) => set(p, { state: "submitted", requestId, dataNumber: dataNumber.get(parcelKey(p))! })));
  // 4. Poll each requestId now ("at once"): a result not ready yet is read by the next run (step 1).
  for (const { requestId } of accepted) {
    const result = await rms.waitForShippingResult(requestId, { intervalMs: options.pollIntervalMs ?? 2000, timeoutMs: options.pollTimeoutMs ?? 30_000 });
    const mine = submitted.filter((s) => s.requestId === requestId).map(({ p }) => ({ ...p, rms_request_id: requestId, data_number: dataNumber.get(parcelKey(p))! }));
    Object.assign(counts, add(counts, await applyResult(ctx, mine, result, set)));
  }
  return counts;
}

const add = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! + (b[k] ?? 0)]));

/** RMS's per-order messages: dataNumber names the parcel; an ERROR fails the order's parcels (all or nothing per order). */
async function applyResult(
  ctx: ServiceContext,
  parcels: ParcelRow[],
  result: { orders: { orderNumber: string; ok: boolean; messages: { messageType: string; messageCode: string; message?: string | null; dataNumber?: number | null; shippingDetailId?: number | null }[] }[] },
  set: (p: ParcelRow, fields: { state: string; detailId?: number | null; error?: string | null }) => D1PreparedStatement,
) {
  const counts = { reported: 0, adopted: 0, reportFailed: 0 };
  const statements: D1PreparedStatement[] = [];
  const failedOrders: string[] = [];
  for (const order of result.orders) {
    const mine = parcels.filter((p) => p.order_number === order.orderNumber);
    if (!order.ok) {
      const text = order.messages.filter((m) => m.messageType === "ERROR").map((m) => `${m.messageCode}: ${m.message ?? ""}`).join("; ");
      statements.push(...mine.map((p) => set(p, { state: "failed", error: text })));
      counts.reportFailed += mine.length;
      failedOrders.push(order.orderNumber);
      continue;
    }
    for (const p of mine) {
      const message = order.messages.find((m) => m.dataNumber === p.data_number);
      statements.push(set(p, { state: "reported", detailId: message?.shippingDetailId ?? null }));
      counts.reported++;
    }
  }
  await ctx.db.batch(statements);
  if (failedOrders.length) {
    const ids = await ctx.db.all<{ order_id: string }>(
      "SELECT order_id FROM rakuten_orders WHERE merchant_id = ?1 AND order_number IN (SELECT value FROM json_each(?2))",
      JSON.stringify(failedOrders),
    );
    await markSystemError(ctx, ids.map((r) => r.order_id));
  }
  return counts;
}
