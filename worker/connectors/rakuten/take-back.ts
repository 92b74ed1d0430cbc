/**
 * Cancel / delete in Renkei of a Rakuten order already requested at RSL (seed 002: no order is ever
 * both sent to RSL and left for self-shipping). Before the hub ends such an order, each of its RSL
 * requests is taken back: one not yet sent is withdrawn here; one RSL holds is cancelled at RSL,
 * which RSL allows only before picking starts. When RSL cannot take it back (picking, shipped, not
 * reachable) the order stays exactly as it is and the reason is answered for that order.
 *
 * The merchant's request waits on RSL, so the wait is bounded: each cancel call gets
 * CANCEL_CALL_TIMEOUT_MS, the whole guard TAKE_BACK_BUDGET_MS, and once an RSL link did not answer
 * its remaining orders are not asked again in this request. An order RSL did not answer about is
 * refused (it stays as it is) — RSL may have cancelled it meanwhile, which is safe: the shipment is
 * stopped and Renkei still holds the order; cancelling again finds it cancelled at RSL (repeatable).
 */
import { loadConnection } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { TransientError } from "../../sync/messages";
import { RslError, RslTimeout, type RslClient } from "../rsl/client";
import { rslClientFor } from "./link";
import { RakutenSettings } from "./settings";

export const TAKE_BACK_REASON = {
  shipped: "RSLから出荷済みのためキャンセルできません (RSL has shipped it)",
  picking: "RSLで出荷作業（ピッキング）が始まっているためキャンセルできません。RSLに直接ご連絡ください (RSL has started picking: contact RSL)",
  inFlight: "RSLへの出荷依頼を送信中です。しばらくしてから再度お試しください (a request to RSL is on its way: try again shortly)",
  unreachable: "RSLに接続できないためキャンセルできません。しばらくしてから再度お試しください (RSL cannot be reached: try again later)",
  noAnswer: "RSLから応答がないためキャンセルできませんでした。しばらくしてから再度お試しください (RSL did not answer; try again)",
  noLink: "出荷依頼先 (RSL) の連携がないためRSLでキャンセルできません (no RSL link to cancel at)",
} as const;

/** One cancel call's wait for RSL's answer. */
export const CANCEL_CALL_TIMEOUT_MS = 2_500;
/** The whole guard's wait, however many orders and requests it takes back. */
export const TAKE_BACK_BUDGET_MS = 5_000;

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
  const wait: Wait = { deadline: Date.now() + TAKE_BACK_BUDGET_MS, silent: new Set() };
  for (const request of requests) {
    if (refused.has(request.order_id)) continue;
    const reason = await takeBack(ctx, request, wait);
    if (reason) refused.set(request.order_id, reason);
  }
  return refused;
}

/** The bound on this request's wait: its deadline, and the Rakuten links whose RSL did not answer. */
interface Wait {
  deadline: number;
  silent: Set<string>;
}

async function takeBack(ctx: ServiceContext, r: RequestRow, wait: Wait): Promise<string | null> {
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
  const left = wait.deadline - Date.now();
  if (wait.silent.has(r.connection_id) || left <= 0) return TAKE_BACK_REASON.noAnswer;
  // each call waits no longer than what is left of the budget
  const timeoutMs = Math.min(CANCEL_CALL_TIMEOUT_MS, left);
  const rsl = await rslOf(ctx, r.connection_id, timeoutMs);
  if (!rsl) return TAKE_BACK_REASON.noLink;
  let outcome;
  try {
    outcome = await rsl.cancel(r.request_key);
  } catch (error) {
    if (error instanceof RslTimeout) {
      wait.silent.add(r.connection_id);
      return TAKE_BACK_REASON.noAnswer;
    }
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

async function rslOf(ctx: ServiceContext, rakutenConnectionId: string, timeoutMs: number): Promise<RslClient | null> {
  const connection = await loadConnection(ctx, rakutenConnectionId);
  const rslId = connection ? RakutenSettings.safeParse(connection.settings).data?.rslConnectionId : null;
  return rslId ? rslClientFor(ctx, rslId, timeoutMs).catch(() => null) : null;
}
