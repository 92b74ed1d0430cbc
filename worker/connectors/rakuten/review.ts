/**
 * What a person must look at on a Rakuten link (seed 002: 「システムエラーがでている受注があるかも
 * しれないのでチェックは必要です」): the license key's state, RSL requests RSL refused, orders RMS
 * would not confirm, parcels RMS would not take, orders cancelled in RMS that RSL could not give back, and RSL results
 * for orders Renkei does not know.
 */
import type { ServiceContext } from "../../context";
import { licenseState, storedLicense } from "./link";
import { requireLink } from "./item-mappings";
import { RakutenSettings } from "./settings";

export async function linkStatus(ctx: ServiceContext, connectionId: string, now = Date.now()) {
  const connection = await requireLink(ctx, connectionId);
  const settings = RakutenSettings.parse(connection.settings);
  const license = await storedLicense(ctx, connectionId);
  const counts = await ctx.db.first<{ orders: number; unconfirmed: number; requested: number; reported: number }>(
    `SELECT (SELECT COUNT(*) FROM rakuten_orders WHERE merchant_id = ?1 AND connection_id = ?2) AS orders,
            (SELECT COUNT(*) FROM rakuten_orders WHERE merchant_id = ?1 AND connection_id = ?2 AND confirmed_at IS NULL) AS unconfirmed,
            (SELECT COUNT(*) FROM rsl_requests WHERE merchant_id = ?1 AND connection_id = ?2 AND state IN ('accepted', 'shipped')) AS requested,
            (SELECT COUNT(*) FROM rakuten_parcels WHERE merchant_id = ?1 AND connection_id = ?2 AND state = 'reported') AS reported`,
    connectionId,
  );
  return {
    connectionId,
    status: connection.status,
    lastError: connection.lastError,
    license: { expiresAt: license?.expires_at ?? null, checkedAt: license?.checked_at ?? null, warnDays: settings.licenseWarnDays, ...licenseState(license?.expires_at ?? null, settings.licenseWarnDays, now) },
    counts: counts!,
  };
}

export async function reviewList(ctx: ServiceContext, connectionId: string) {
  await requireLink(ctx, connectionId);
  const [requests, confirms, parcels, unmatched, cancels] = await ctx.db.batch([
    ctx.db.stmt(
      "SELECT order_id, order_number, request_key, last_error, updated_at FROM rsl_requests WHERE merchant_id = ?1 AND connection_id = ?2 AND state = 'failed' ORDER BY updated_at DESC LIMIT 200",
      connectionId,
    ),
    ctx.db.stmt(
      "SELECT order_id, order_number, confirm_error AS last_error, imported_at AS updated_at FROM rakuten_orders WHERE merchant_id = ?1 AND connection_id = ?2 AND confirm_error IS NOT NULL ORDER BY imported_at DESC LIMIT 200",
      connectionId,
    ),
    ctx.db.stmt(
      `SELECT ro.order_id, p.order_number, p.shipping_number, p.last_error, p.updated_at FROM rakuten_parcels p
       LEFT JOIN rakuten_orders ro ON ro.connection_id = p.connection_id AND ro.order_number = p.order_number
       WHERE p.merchant_id = ?1 AND p.connection_id = ?2 AND p.state = 'failed' ORDER BY p.updated_at DESC LIMIT 200`,
      connectionId,
    ),
    ctx.db.stmt(
      "SELECT result_id, request_key, shop_order_number, body, received_at FROM rsl_unmatched_results WHERE merchant_id = ?1 AND connection_id = ?2 ORDER BY result_id DESC LIMIT 200",
      connectionId,
    ),
    ctx.db.stmt(
      "SELECT order_id, order_number, cancel_error AS last_error, imported_at AS updated_at FROM rakuten_orders WHERE merchant_id = ?1 AND connection_id = ?2 AND cancel_error IS NOT NULL ORDER BY imported_at DESC LIMIT 200",
      connectionId,
    ),
  ]);
  type Row = { order_id: string | null; order_number: string; last_error: string; updated_at: string; request_key?: string; shipping_number?: string };
  const issue = (kind: string) => (r: Row) => ({ kind, orderId: r.order_id, orderNumber: r.order_number, detail: r.shipping_number ?? r.request_key ?? null, error: r.last_error, at: r.updated_at });
  return {
    items: [
      ...(requests!.results as Row[]).map(issue("rsl_request")),
      ...(confirms!.results as Row[]).map(issue("confirm_order")),
      ...(parcels!.results as Row[]).map(issue("shipping_report")),
      ...(cancels!.results as Row[]).map(issue("rms_cancel")),
    ],
    unmatchedResults: (unmatched!.results as { result_id: number; request_key: string; shop_order_number: string; body: string; received_at: string }[]).map((r) => ({
      resultId: r.result_id,
      requestKey: r.request_key,
      shopOrderNumber: r.shop_order_number,
      result: JSON.parse(r.body) as unknown,
      receivedAt: r.received_at,
    })),
  };
}
