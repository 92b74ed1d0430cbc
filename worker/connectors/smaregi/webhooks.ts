/**
 * Smaregi's webhooks and bulk callbacks as they reach Renkei. A webhook is trusted only with the
 * link's secret header and contract (webhook.ts), taken once by its smaregi-event-id (the
 * smaregi_webhook_events table), and only recorded here: the job re-reads what changed from
 * Smaregi, so the request never waits on Smaregi. A stopped link takes nothing (the seed's
 * master switch); Smaregi does not resend those events: the next start's reconciliation (reconcile.ts) does.
 */
import { loadConnection, type ConnectionRecord } from "../../connections/connections";
import { serviceContext, type ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { registerJob } from "../../sync/jobs";
import { enqueueJob } from "../../sync/runs";
import { SmaregiWebhookBody } from "../../../shared/schemas/smaregi";
import { SMAREGI, smaregiCredentials, withSmaregi } from "./link";
import { pacerFor } from "./pace";
import { pruneSalesStatement, takeTransactions } from "./sales";
import { applyOrderEvent } from "./order-events";
import { applyProductEvent } from "./product-events";
import { applyStockEvent, takeBulkCallback } from "./stock";
import { readSmaregiWebhook, SmaregiWebhookError } from "./webhook";

export const WEBHOOK_JOB = "smaregi.webhook";
const KEEP_EVENTS_DAYS = 30;

async function linkOf(env: Env, connectionId: string): Promise<{ ctx: ServiceContext; connection: ConnectionRecord } | null> {
  const row = await env.DB.prepare("SELECT merchant_id FROM connections WHERE id = ?1 AND kind = ?2").bind(connectionId, SMAREGI).first<{ merchant_id: string }>();
  if (!row) return null;
  const ctx = serviceContext(env, row.merchant_id, { kind: "system", id: "smaregi-webhook" });
  const connection = await loadConnection(ctx, connectionId);
  return connection ? { ctx, connection } : null;
}

export type WebhookAnswer = { status: 200 | 400 | 401 | 404; body: Record<string, unknown> };

export async function receiveWebhook(env: Env, connectionId: string, request: Request): Promise<WebhookAnswer> {
  const link = await linkOf(env, connectionId);
  if (!link || !link.connection.hasCredentials) return { status: 404, body: { error: "unknown link" } };
  const { ctx, connection } = link;
  const credentials = await smaregiCredentials(ctx, connection.id).catch(() => null);
  if (!credentials?.webhookSecret || !credentials.contractId) return { status: 401, body: { error: "link not authorized" } };
  let event;
  try {
    event = await readSmaregiWebhook(request, { secret: credentials.webhookSecret, contractId: credentials.contractId });
  } catch (error) {
    if (error instanceof SmaregiWebhookError) return { status: error.status, body: { error: error.message } };
    throw error;
  }
  if (!event.known) return { status: 200, body: { ignored: event.event } };
  if (connection.status !== "started") return { status: 200, body: { ignored: "link stopped" } };
  const taken = await ctx.db.run(
    `INSERT INTO smaregi_webhook_events (merchant_id, connection_id, event_id, event, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (connection_id, event_id) DO NOTHING`,
    connection.id,
    event.eventId,
    event.body.event,
    nowIso(),
  );
  if (!taken.meta.changes) return { status: 200, body: { duplicate: true } };
  await enqueueJob(ctx, WEBHOOK_JOB, { connectionId: connection.id, payload: { eventId: event.eventId, body: event.body }, trigger: "event" });
  return { status: 200, body: {} };
}

/** A bulk call's result, POSTed to the callback URL whose path token only Renkei and Smaregi know. */
export async function receiveBulkCallback(env: Env, connectionId: string, token: string, body: unknown): Promise<WebhookAnswer> {
  const link = await linkOf(env, connectionId);
  if (!link) return { status: 404, body: { error: "unknown link" } };
  const credentials = await smaregiCredentials(link.ctx, connectionId).catch(() => null);
  if (!credentials?.callbackToken || credentials.callbackToken !== token) return { status: 401, body: { error: "callback token does not match" } };
  return { status: 200, body: await takeBulkCallback(link.ctx, link.connection, body) };
}

registerJob({
  name: WEBHOOK_JOB,
  needsConnection: true,
  async handler({ ctx, connection, payload }) {
    const body = SmaregiWebhookBody.parse(payload.body);
    let counts: Record<string, number> = { ignored: 1 };
    if (connection!.status === "started") {
      if (body.event === "pos:stock") counts = await applyStockEvent(ctx, connection!, body.ids);
      else if (body.event === "order-shipment:orders") counts = await applyOrderEvent(ctx, connection!, body.orderHeadIds);
      else if (body.event === "pos:products") counts = await applyProductEvent(ctx, connection!, body.productIds, body.action);
      else if (body.event === "pos:transactions") {
        const ids = body.transactionHeadIds;
        counts = { ...(await withSmaregi(ctx, connection!, (client) => takeTransactions(ctx, connection!, client, pacerFor(connection!.id), ids))) };
      }
    }
    await ctx.db.batch([
      ctx.db.stmt(
        "DELETE FROM smaregi_webhook_events WHERE merchant_id = ?1 AND connection_id = ?2 AND received_at < ?3",
        connection!.id,
        nowIso(Date.now() - KEEP_EVENTS_DAYS * 86400_000),
      ),
      pruneSalesStatement(ctx, connection!.id),
    ]);
    return counts;
  },
});
