/**
 * Cancel / delete in Renkei of a Rakuten order already requested at RSL (seed 002: no order is ever
 * both sent to RSL and left for self-shipping). Before the hub ends such an order, each of its RSL
 * requests is taken back: one not yet sent is withdrawn here; one RSL holds is cancelled at RSL,
 * which RSL allows only before picking starts. When RSL cannot take it back (picking, shipped, not
 * reachable) the order stays exactly as it is and the reason is answered for that order.
 */
import { loadConnection } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { TransientError } from "../../sync/messages";
import { RslError, type RslClient } from "../rsl/client";
import { rslClientFor } from "./link";
import { RakutenSettings } from "./settings";

export const TAKE_BACK_REASON = {
  shipped: "RSLから出荷済みのためキャンセルできません (RSL has shipped it)",
  picking: "RSLで出荷作業（ピッキング）が始まっているためキャンセルできません。RSLに直接ご連絡ください (RSL has started picking: contact RSL)",
  inFlight: "RSLへの出荷依頼を送信中です。しばらくしてから再度お試しください (a request to RSL is on its way: try again shortly)",
  unreachable: "RSLに接続できないためキャンセルできません。しばらくしてから再度お試しください (RSL cannot be reached: try again later)",
  noLink: "出荷依頼先 (RSL) の連携がないためRSLでキャンセルできません (no RSL link to cancel at)",
} as const;

interface RequestRow {
  connection_id: string;
  request_key: string;
  order_id: string;
  state: "pending" | "accepted" | "shipped" | "failed";
  attempts: number;
}

/** The hub's end guard: orderId → why it stays, for the orders RSL could not give back. */
export async function takeBackFromRsl(ctx: ServiceContext, orderIds: string[]): Promise<Map<string, string>> {
  const requests = await ctx.db.all<RequestRow>(
    `SELECT connection_id, request_key, order_id, state, attempts FROM rsl_requests
     WHERE merchant_id = ?1 AND order_id IN (SELECT value FROM json_each(?2)) AND state <> 'cancelled'
     ORDER BY order_id, request_key`,
    JSON.stringify(orderIds),
  );
  const refused = new Map<string, string>();
  const clients = new Map<string, Promise<RslClient | null>>();
  for (const request of requests) {
    if (refused.has(request.order_id)) continue;
    const reason = await takeBack(ctx, request, clients);
    if (reason) refused.set(request.order_id, reason);
  }
  return refused;
}

async function takeBack(ctx: ServiceContext, r: RequestRow, clients: Map<string, Promise<RslClient | null>>): Promise<string | null> {
  const withdraw = (onlyUnsent: boolean) =>
    ctx.db.run(
      `UPDATE rsl_requests SET state = 'cancelled', updated_at = ?4 WHERE merchant_id = ?1 AND connection_id = ?2 AND request_key = ?3
       ${onlyUnsent ? "AND state = 'pending' AND attempts = 0" : ""}`,
      r.connection_id,
      r.request_key,
      nowIso(),
    );
  if (r.state === "shipped") return TAKE_BACK_REASON.shipped;
  if (r.state === "failed") {
    await withdraw(false); // RSL refused it: there is nothing at RSL to cancel
    return null;
  }
  // never sent: withdrawn here, unless the sender took it meanwhile (it counts an attempt before sending)
  if (r.state === "pending" && r.attempts === 0 && (await withdraw(true)).meta.changes) return null;
  if (!clients.has(r.connection_id)) clients.set(r.connection_id, rslOf(ctx, r.connection_id));
  const rsl = await clients.get(r.connection_id)!;
  if (!rsl) return TAKE_BACK_REASON.noLink;
  let outcome;
  try {
    outcome = await rsl.cancel(r.request_key);
  } catch (error) {
    if (error instanceof TransientError || error instanceof RslError) return `${TAKE_BACK_REASON.unreachable} [${error.message}]`;
    throw error;
  }
  if (outcome.cancelled) {
    await withdraw(false);
    return null;
  }
  if (outcome.reason === "too-late") return TAKE_BACK_REASON.picking;
  // RSL has no such request. Accepted ones it forgot hold nothing; a pending one may still be on its way.
  if (r.state === "accepted") {
    await withdraw(false);
    return null;
  }
  return TAKE_BACK_REASON.inFlight;
}

async function rslOf(ctx: ServiceContext, rakutenConnectionId: string): Promise<RslClient | null> {
  const connection = await loadConnection(ctx, rakutenConnectionId);
  const rslId = connection ? RakutenSettings.safeParse(connection.settings).data?.rslConnectionId : null;
  return rslId ? rslClientFor(ctx, rslId).catch(() => null) : null;
}
