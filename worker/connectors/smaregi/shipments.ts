/**
 * 受注一括出荷連携設定 (seed 000): orders in 自動連携対象ステータス are pushed to Smaregi as shipped, in
 * bulk (POST /orders/shipped, ≤ 100, all or nothing). The seed's condition —
 * 「スマレジに受注連携済み かつ 出荷日登録済み」 — is checked first: an order not sent to Smaregi, or
 * without a ship date (a confirmed shipment in Renkei), is skipped with its reason. Smaregi refusing
 * one order of a batch (not allocated there, already shipped) names it: that order is skipped with
 * Smaregi's words and the rest are sent again, so one bad order never holds back the others.
 * An order pushed once is remembered (cursor per order), so a rerun does not send it again.
 * The last run's outcome is kept for the admin.
 */
import type { ConnectionRecord } from "../../connections/connections";
import { readCursor, saveCursor } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { ServiceError } from "../../errors";
import { smaregiOrderIds } from "./allocation";
import { BULK_MAX, SmaregiApiError } from "./client";
import { withSmaregi } from "./link";
import { SmaregiSettings } from "./settings";
import { smaregiDateTime } from "./windows";

export const SHIP_ORDERS_JOB = "smaregi.ship-orders";
const SHIPPED = "smaregi:shipped:";
const LAST_RUN = "smaregi:last-shipment";

export const SKIP_REASONS = {
  notSent: "スマレジに受注連携されていません (not sent to Smaregi)",
  noShipDate: "出荷日が登録されていません (no ship date)",
} as const;

export interface ShipmentOutcome {
  at: string;
  status: string | null;
  shipped: { orderId: string; externalId: string; orderHeadId: string }[];
  skipped: { orderId: string; externalId: string; reason: string }[];
}

export async function pushShippedOrders(ctx: ServiceContext, connection: ConnectionRecord): Promise<ShipmentOutcome> {
  const s = SmaregiSettings.parse(connection.settings);
  if (!s.bulkShipmentStatus) throw new ServiceError("CONFLICT", "受注一括出荷連携設定の自動連携対象ステータスが未設定です (no status chosen for the bulk shipment push)");
  const outcome: ShipmentOutcome = { at: new Date().toISOString(), status: s.bulkShipmentStatus, shipped: [], skipped: [] };
  const orders = await ctx.db.all<{ id: string; external_id: string; shipped_at: string | null }>(
    `SELECT o.id, o.external_id, (SELECT max(sh.shipped_at) FROM shipments sh WHERE sh.merchant_id = ?1 AND sh.order_id = o.id AND sh.status = 'shipped') AS shipped_at
     FROM orders o WHERE o.merchant_id = ?1 AND o.status = ?2 AND o.deleted_at IS NULL
     AND o.channel_id IN (SELECT value FROM json_each(?3)) ORDER BY o.ordered_at LIMIT 1000`,
    s.bulkShipmentStatus,
    JSON.stringify(s.orderStores.map((o) => o.channelId)),
  );
  const heads = await smaregiOrderIds(ctx, connection.id, orders.map((o) => o.id));
  const pushed = new Set(
    (
      await ctx.db.all<{ name: string }>(
        `SELECT cc.name FROM connection_cursors cc JOIN connections c ON c.id = cc.connection_id
         WHERE c.merchant_id = ?1 AND cc.connection_id = ?2 AND cc.name IN (SELECT ?3 || value FROM json_each(?4))`,
        connection.id,
        SHIPPED,
        JSON.stringify(orders.map((o) => o.id)),
      )
    ).map((r) => r.name.slice(SHIPPED.length)),
  );
  const ready: { orderId: string; externalId: string; orderHeadId: string; shippedDateTime: string }[] = [];
  for (const o of orders) {
    const head = heads.get(o.id);
    if (pushed.has(o.id)) continue;
    if (!head) outcome.skipped.push({ orderId: o.id, externalId: o.external_id, reason: SKIP_REASONS.notSent });
    else if (!o.shipped_at) outcome.skipped.push({ orderId: o.id, externalId: o.external_id, reason: SKIP_REASONS.noShipDate });
    else ready.push({ orderId: o.id, externalId: o.external_id, orderHeadId: head, shippedDateTime: smaregiDateTime(Date.parse(o.shipped_at)) });
  }
  await withSmaregi(ctx, connection, async (client) => {
    for (let i = 0; i < ready.length; i += BULK_MAX) {
      let batch = ready.slice(i, i + BULK_MAX);
      while (batch.length) {
        try {
          await client.shipOrders(batch.map((b) => ({ orderHeadId: b.orderHeadId, shippedDateTime: b.shippedDateTime })));
        } catch (error) {
          const refused = error instanceof SmaregiApiError && error.status === 400 ? /orders\[(\d+)\]/.exec(error.detail ?? "") : null;
          if (!refused) throw error;
          const bad = batch[Number(refused[1])]!;
          outcome.skipped.push({ orderId: bad.orderId, externalId: bad.externalId, reason: `スマレジが受け付けません (Smaregi refused): ${error instanceof SmaregiApiError ? error.detail : ""}` });
          batch = batch.filter((b) => b !== bad);
          continue;
        }
        for (const b of batch) {
          await saveCursor(ctx, connection.id, `${SHIPPED}${b.orderId}`, b.orderHeadId);
          outcome.shipped.push({ orderId: b.orderId, externalId: b.externalId, orderHeadId: b.orderHeadId });
        }
        break;
      }
    }
  });
  await saveCursor(ctx, connection.id, LAST_RUN, JSON.stringify({ ...outcome, skipped: outcome.skipped.slice(0, 200), shipped: outcome.shipped.slice(0, 200) }));
  return outcome;
}

/** The last bulk shipment push, for the admin (null before the first). */
export async function lastShipmentOutcome(ctx: ServiceContext, connectionId: string): Promise<ShipmentOutcome | null> {
  return JSON.parse((await readCursor(ctx, connectionId, LAST_RUN)) ?? "null") as ShipmentOutcome | null;
}
