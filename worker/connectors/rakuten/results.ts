/**
 * Results back: RSL's shipment results (published in the evening) are read after a stored cursor;
 * each parcel becomes one RMS shipping record written at once (shipping-report.ts: once per parcel,
 * even when the write is retried), and the Renkei shipment is confirmed (出荷確定: the order is
 * shipped). Invariants:
 *  - the cursor advances in the same batch that stores the parcels, so a result is taken once;
 *  - a result for a request Renkei does not know is kept for review (rsl_unmatched_results).
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { confirmShipment } from "../../orders/shipments";
import type { RslClient, RslShipmentResult } from "../rsl/client";
import { markSystemError } from "./forward";
import { rmsClientFor, rslClientFor, withRms } from "./link";
import { deliveryCompanyOf } from "./mapping";
import { RakutenSettings } from "./settings";
import { reportParcels, type ReportOptions } from "./shipping-report";

export async function pullRslResults(ctx: ServiceContext, connection: ConnectionRecord, options: ReportOptions = {}) {
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
