/**
 * Renkei orders → Smaregi's order-shipment API (POST /orders), for the channels mapped to an order
 * store (店舗(モール) ↔ スマレジ店舗ID), with 受注連携設定 applied by order-body.ts.
 *
 * Once per order: Smaregi documents no idempotency key, but refuses a second orderCode in the same
 * store [I]. An order is linked (external_links 'order' → orderHeadId, code = orderCode) right
 * after Smaregi takes it; if that answer was lost (timeout, a crash before the link), the next
 * attempt is refused as a duplicate, and the order is then looked up by its code and linked —
 * never sent twice. Calls are paced under the per-second cap, and a 429 (refused before anything
 * was written) is waited out and the same order tried again (pace.ts); other transient errors end
 * the run for the queue's back-off, keeping what was linked. An order Smaregi or the settings refuse is skipped with the reason and
 * tried again on later runs (the merchant may fix the mapping meanwhile), after the others.
 */
import type { ConnectionRecord } from "../../connections/connections";
import { deleteCursorStatement, readCursor, saveCursor } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { ServiceError } from "../../errors";
import { SmaregiApiError, type SmaregiClient } from "./client";
import { withSmaregi } from "./link";
import { admitted, pacerFor } from "./pace";
import { smaregiOrderBody, type OrderToSend } from "./order-body";
import { SmaregiSettings } from "./settings";

export const SEND_ORDERS_JOB = "smaregi.send-orders";
const LAST_SEND = "smaregi:last-send";
/** An order refused last time (its reason): tried again, but after the others, so it never holds them up. */
const REFUSED = "smaregi:send-refused:";
/** Set just before an order's POST, cleared once it is linked: an attempt whose outcome is unknown. */
const SENDING = "smaregi:sending:";
/** Orders per run; the schedule (or a rerun) takes the rest. */
export const SEND_BATCH = 200;

export interface SendOutcome {
  at: string;
  sent: { orderId: string; externalId: string; orderHeadId: string }[];
  skipped: { orderId: string; externalId: string; reason: string }[];
}

/** Orders of the mapped channels not yet in Smaregi, oldest first, with their lines' product codes. */
async function ordersToSend(ctx: ServiceContext, connectionId: string, channelIds: string[]) {
  const heads = await ctx.db.all<{
    id: string;
    external_id: string;
    channel_id: string;
    ordered_at: string;
    tax: number;
    shipping_fee: number;
    adjustment: number;
    note: string;
    payment_method_id: string | null;
    payment_method_name: string | null;
  }>(
    `SELECT o.id, o.external_id, o.channel_id, o.ordered_at, o.tax, o.shipping_fee, o.adjustment, o.note, o.payment_method_id,
            (SELECT pm.name FROM payment_methods pm WHERE pm.id = o.payment_method_id) AS payment_method_name
     FROM orders o
     WHERE o.merchant_id = ?1 AND o.channel_id IN (SELECT value FROM json_each(?3)) AND o.deleted_at IS NULL AND o.cancelled_at IS NULL
       AND o.status NOT IN ('shipped', 'cancelled')
       AND NOT EXISTS (SELECT 1 FROM external_links el WHERE el.connection_id = ?2 AND el.entity = 'order' AND el.renkei_id = o.id)
     ORDER BY EXISTS (SELECT 1 FROM connection_cursors cc WHERE cc.connection_id = ?2 AND cc.name = ?5 || o.id), o.ordered_at, o.id LIMIT ?4`,
    connectionId,
    JSON.stringify(channelIds),
    SEND_BATCH,
    REFUSED,
  );
  // A line's code in Smaregi: the linked product's code, else the SKU's, else the code the order came with.
  const lines = await ctx.db.all<{ order_id: string; name: string; quantity: number; unit_price: number; code: string }>(
    `SELECT ol.order_id, ol.name, ol.quantity, ol.unit_price,
            COALESCE((SELECT el.external_code FROM external_links el WHERE el.connection_id = ?2 AND el.entity = 'sku' AND el.renkei_id = ol.sku_id LIMIT 1),
                     (SELECT s.code FROM skus s WHERE s.merchant_id = ?1 AND s.id = ol.sku_id), ol.external_code, '') AS code
     FROM order_lines ol WHERE ol.merchant_id = ?1 AND ol.order_id IN (SELECT value FROM json_each(?3)) ORDER BY ol.order_id, ol.line_no`,
    connectionId,
    JSON.stringify(heads.map((h) => h.id)),
  );
  return heads.map((h) => ({
    channelId: h.channel_id,
    order: {
      id: h.id,
      externalId: h.external_id,
      orderedAt: h.ordered_at,
      tax: h.tax,
      shippingFee: h.shipping_fee,
      adjustment: h.adjustment,
      note: h.note,
      paymentMethod: h.payment_method_id ? { id: h.payment_method_id, name: h.payment_method_name ?? h.payment_method_id } : null,
      lines: lines.filter((l) => l.order_id === h.id).map((l) => ({ productCode: l.code, name: l.name, unitPrice: l.unit_price, quantity: l.quantity })),
    } satisfies OrderToSend,
  }));
}

const isDuplicate = (error: unknown) => error instanceof SmaregiApiError && error.status === 400 && /^orderCode\b/.test(error.detail ?? "") && /既に登録/.test(error.detail ?? "");

export async function sendOrders(ctx: ServiceContext, connection: ConnectionRecord): Promise<SendOutcome> {
  // The seed keeps the link stopped until setup is done: nothing goes to Smaregi before 「連携開始」.
  if (connection.status !== "started") throw new ServiceError("CONFLICT", "スマレジ連携が開始されていません (start the link before sending orders)");
  const s = SmaregiSettings.parse(connection.settings);
  const outcome: SendOutcome = { at: new Date().toISOString(), sent: [], skipped: [] };
  const storeOf = new Map(s.orderStores.map((o) => [o.channelId, o]));
  const pending = await ordersToSend(ctx, connection.id, [...storeOf.keys()]);
  if (pending.length) {
    await withSmaregi(ctx, connection, async (client) => {
      // ■封入物商品連携 [連携しない]: Smaregi's own flag says which products are enclosures (not stock-managed).
      const notStockManaged = new Set<string>();
      if (s.enclosureItems === "none") {
        for (const p of await admitted(() => client.listProducts())) if (p.stockControlDivision === "1") notStockManaged.add(p.productCode);
      }
      const paced = pacerFor(connection.id);
      for (const { channelId, order } of pending) {
        const store = storeOf.get(channelId)!;
        const planned = smaregiOrderBody(order, store, s, notStockManaged);
        const refuse = async (reason: string) => {
          outcome.skipped.push({ orderId: order.id, externalId: order.externalId, reason });
          await saveCursor(ctx, connection.id, `${REFUSED}${order.id}`, reason);
        };
        if (!planned.ok) {
          await refuse(planned.reason);
          continue;
        }
        await paced();
        const head = await sendOne(ctx, connection, client, order, planned.body);
        if ("orderHeadId" in head) outcome.sent.push({ orderId: order.id, externalId: order.externalId, orderHeadId: head.orderHeadId });
        else await refuse(head.reason);
      }
    });
  }
  await saveCursor(ctx, connection.id, LAST_SEND, JSON.stringify({ ...outcome, sent: outcome.sent.slice(0, 200), skipped: outcome.skipped.slice(0, 200) }));
  return outcome;
}

async function sendOne(
  ctx: ServiceContext,
  connection: ConnectionRecord,
  client: SmaregiClient,
  order: OrderToSend,
  body: Parameters<SmaregiClient["createOrder"]>[0],
): Promise<{ orderHeadId: string } | { reason: string }> {
  // An earlier attempt whose answer never came may have created it: look it up by its code before
  // posting again, rather than trust Smaregi to refuse a repeated orderCode (an assumption).
  const lookUp = async () => (await admitted(() => client.listOrders({ storeId: body.storeId, orderCode: body.orderCode })))[0]?.orderHeadId;
  const attempted = await readCursor(ctx, connection.id, `${SENDING}${order.id}`);
  let orderHeadId = attempted ? await lookUp() : undefined;
  if (!orderHeadId) {
    await saveCursor(ctx, connection.id, `${SENDING}${order.id}`, new Date().toISOString());
    try {
      orderHeadId = (await admitted(() => client.createOrder(body))).orderHeadId;
    } catch (error) {
      if (isDuplicate(error)) {
        // Sent before, its answer lost: take the order Smaregi already has under this code.
        orderHeadId = await lookUp();
        if (!orderHeadId) throw error;
      } else if (error instanceof SmaregiApiError && error.status === 400) {
        await deleteCursorStatement(ctx, connection.id, `${SENDING}${order.id}`).run();
        return { reason: `スマレジが受け付けません (Smaregi refused): ${error.detail ?? error.title}` };
      } else throw error;
    }
  }
  await ctx.db.batch([
    ctx.db.stmt(
      `INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id, external_code, code_folded)
       VALUES (?1, ?2, 'order', ?3, ?4, ?5, lower(?5))
       ON CONFLICT (connection_id, entity, external_id) DO UPDATE SET renkei_id = excluded.renkei_id, external_code = excluded.external_code, code_folded = excluded.code_folded`,
      connection.id,
      order.id,
      orderHeadId,
      body.orderCode,
    ),
    deleteCursorStatement(ctx, connection.id, `${REFUSED}${order.id}`),
    deleteCursorStatement(ctx, connection.id, `${SENDING}${order.id}`),
  ]);
  return { orderHeadId };
}

/** The last send, for the admin (null before the first). */
export async function lastSendOutcome(ctx: ServiceContext, connectionId: string): Promise<SendOutcome | null> {
  return JSON.parse((await readCursor(ctx, connectionId, LAST_SEND)) ?? "null") as SendOutcome | null;
}
