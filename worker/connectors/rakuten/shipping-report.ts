/**
 * 発送完了報告: every RSL parcel becomes one RMS shipping record, written with
 * updateOrderShippingAsync. That call ADDS a record whenever a ShippingModel carries no
 * shippingDetailId, and RMS applies an accepted request only some time later, so "send again when
 * unsure" leaves two records behind. Invariants (the "nothing twice" rule):
 *  - a parcel is claimed as 'submitted' (submitted_at, attempts + 1) in one batch BEFORE the call;
 *    the claim is a compare-and-set on `attempts`, so of two runs meeting on a parcel only one sends
 *    it, and a run that dies mid-call leaves the trace behind. The requestId is stored once RMS answers;
 *  - a submitted parcel with a requestId is judged by that request's result, and never sent again
 *    while RMS may still apply it (ACCEPTED_GIVE_UP_MS);
 *  - a submitted parcel without one (the answer was lost, or the run died) is judged by the order
 *    itself: a record with its tracking number → reported, its shippingDetailId kept; none yet →
 *    the run waits (TransientError) until ANSWER_LOST_GRACE_MS after the call, and only then sends again;
 *  - every parcel about to be sent was checked against the order read in the same run, so a parcel
 *    whose tracking number RMS already holds is never sent without that record's shippingDetailId.
 */
import type { RmsOrderShippingInput } from "../../../shared/schemas/rakuten";
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { TransientError } from "../../sync/messages";
import { BATCH, type RakutenClient, type ShippingResult } from "./client";
import { RmsAuthError, RmsError } from "./errors";
import { markSystemError } from "./forward";

/**
 * How long a call whose answer was lost is given to show up in the order before its parcels are sent
 * again. [assumed] RMS publishes no processing time for async requests (external-apis.md §3 is
 * silent); it is taken to be seconds, a minute or two at worst. Ten minutes is far beyond that (the
 * fake applies after its `asyncDelayMs`, at most a few seconds in tests) and still well inside the
 * evening's 発送完了報告. The bet it makes: a call not applied after ten minutes was never accepted.
 */
export const ANSWER_LOST_GRACE_MS = 10 * 60_000;
/**
 * A request RMS accepted (we hold its requestId) is applied by RMS sooner or later, so it is awaited
 * much longer; only after a day with neither a result nor a record was it not applied.
 */
export const ACCEPTED_GIVE_UP_MS = 86_400_000;
/** RMS: at most 20 shipping records per basket (送付先). */
const MAX_RECORDS_PER_BASKET = 20;
/** While waiting for RMS, the queue asks again at most this far apart (the order is read each time). */
const WAIT_RETRY_SECONDS = 120;

interface ParcelRow {
  result_id: number;
  parcel_no: number;
  order_number: string;
  basket_id: number;
  delivery_company: string;
  shipping_number: string;
  shipping_date: string;
  state: "pending" | "submitted";
  rms_request_id: string | null;
  data_number: number | null;
  shipping_detail_id: number | null;
  attempts: number;
  /** The instant of the last call carrying it (rows from before migration 0025: their updated_at). */
  sent_at: string | null;
}

export interface ReportOptions {
  pollIntervalMs?: number;
  pollTimeoutMs?: number;
  /** The instant the waiting windows are judged by (tests move it instead of sleeping). */
  now?: number;
}

type Counts = { reported: number; adopted: number; reportFailed: number; resent: number };

const KEY = "merchant_id = ?1 AND connection_id = ?2 AND result_id = ?3 AND parcel_no = ?4";
const recordKey = (orderNumber: string, basketId: number, shippingNumber: string) => `${orderNumber}:${basketId}:${shippingNumber}`;
const parcelKey = (p: ParcelRow) => `${p.result_id}:${p.parcel_no}`;

/** Writes the open parcels of a link to RMS once each, and reads the outcome of what was sent. */
export async function reportParcels(ctx: ServiceContext, connection: ConnectionRecord, rms: RakutenClient, options: ReportOptions = {}): Promise<Counts> {
  const now = options.now ?? Date.now();
  const counts: Counts = { reported: 0, adopted: 0, reportFailed: 0, resent: 0 };
  const open = await ctx.db.all<ParcelRow>(
    `SELECT result_id, parcel_no, order_number, basket_id, delivery_company, shipping_number, shipping_date, state, rms_request_id,
            data_number, shipping_detail_id, attempts, COALESCE(submitted_at, updated_at) AS sent_at
     FROM rakuten_parcels WHERE merchant_id = ?1 AND connection_id = ?2 AND state IN ('pending', 'submitted')
     ORDER BY order_number, result_id, parcel_no LIMIT 2000`,
    connection.id,
  );
  const settled = new Set<string>();

  // 1. Accepted earlier: RMS's result for that requestId, if it has one yet.
  for (const requestId of new Set(open.flatMap((p) => (p.state === "submitted" && p.rms_request_id ? [p.rms_request_id] : [])))) {
    const result = await rms.getShippingResult(requestId);
    if (!result) continue; // processing, or gone after 30 days: the order is read below
    const answered = new Set(result.orders.map((o) => o.orderNumber));
    const mine = open.filter((p) => p.rms_request_id === requestId && answered.has(p.order_number));
    add(counts, await applyResult(ctx, connection, mine, result));
    for (const p of mine) settled.add(parcelKey(p));
  }

  // 2. Which of the rest RMS may already hold, and which may be sent.
  const since = (p: ParcelRow) => now - Date.parse(p.sent_at ?? "");
  const rest = open.filter((p) => !settled.has(parcelKey(p)));
  const lostAnswer = (p: ParcelRow) => p.state === "submitted" && !p.rms_request_id;
  // an accepted request is left to its result while RMS should be answering it; after that the order tells
  const toCheck = rest.filter((p) => p.state === "pending" || lostAnswer(p) || since(p) >= ANSWER_LOST_GRACE_MS);
  if (!toCheck.length) return finish(counts, rest, now);
  const { orders } = await rms.getOrders([...new Set(toCheck.map((p) => p.order_number))]);
  const recordOf = new Map<string, number>();
  for (const order of orders) {
    for (const pkg of order.PackageModelList) {
      for (const s of pkg.ShippingModelList) if (s.shippingNumber) recordOf.set(recordKey(order.orderNumber, pkg.basketId, s.shippingNumber), s.shippingDetailId);
    }
  }
  const held = (p: ParcelRow) => recordOf.get(recordKey(p.order_number, p.basket_id, p.shipping_number));
  const adopted = toCheck.filter((p) => held(p) !== undefined);
  await ctx.db.batch(adopted.map((p) => outcome(ctx, connection, p, { state: "reported", detailId: held(p)! })));
  counts.adopted += adopted.length;
  for (const p of adopted) settled.add(parcelKey(p));

  const toSend = toCheck.filter(
    (p) =>
      held(p) === undefined &&
      (p.state === "pending" || (lostAnswer(p) ? since(p) >= ANSWER_LOST_GRACE_MS : since(p) >= ACCEPTED_GIVE_UP_MS)),
  );
  await send(ctx, connection, rms, toSend, now, counts, options);
  // parcels sent just now (or claimed by a run meeting this one) are awaited there; the rest wait for RMS
  for (const p of toSend) settled.add(parcelKey(p));
  return finish(counts, rest.filter((p) => !settled.has(parcelKey(p))), now);
}

/** Ends the run, or asks the queue to come back while parcels wait for RMS to apply an earlier call. */
function finish(counts: Counts, waiting: ParcelRow[], now: number): Counts {
  // accepted long ago (requestId, past the window): later runs keep asking quietly until ACCEPTED_GIVE_UP_MS
  const pressing = waiting.filter((p) => !p.rms_request_id || now - Date.parse(p.sent_at ?? "") < ANSWER_LOST_GRACE_MS);
  if (!pressing.length) return counts;
  const oldest = Math.min(...pressing.map((p) => Date.parse(p.sent_at ?? "")));
  const left = Math.max(1, Math.ceil((oldest + ANSWER_LOST_GRACE_MS - now) / 1000));
  throw new TransientError(
    `楽天RMSの発送情報の反映を待っています (${pressing.length} parcels: waiting for RMS to apply an earlier updateOrderShippingAsync before sending again)`,
    Math.min(left, WAIT_RETRY_SECONDS),
  );
}

/**
 * Sends parcels, ≤100 orders per call: claim (one batch), call, store the requestId, then poll
 * the result at once ("at once", seed 002). A parcel another run claimed first is left to that run.
 */
async function send(ctx: ServiceContext, connection: ConnectionRecord, rms: RakutenClient, all: ParcelRow[], now: number, counts: Counts, options: ReportOptions) {
  // RMS keeps at most 20 records per basket (the client refuses more before calling): such a basket
  // is failed for review at once rather than claimed and then left in doubt
  const perBasket = new Map<string, number>();
  for (const p of all) perBasket.set(`${p.order_number}:${p.basket_id}`, (perBasket.get(`${p.order_number}:${p.basket_id}`) ?? 0) + 1);
  const tooMany = all.filter((p) => perBasket.get(`${p.order_number}:${p.basket_id}`)! > MAX_RECORDS_PER_BASKET);
  await ctx.db.batch(tooMany.map((p) => outcome(ctx, connection, p, { state: "failed", error: "1送付先の発送情報は20件までです (RMS takes at most 20 shipping records per basket)" })));
  counts.reportFailed += tooMany.length;
  const parcels = all.filter((p) => !tooMany.includes(p));
  const orderNumbers = [...new Set(parcels.map((p) => p.order_number))];
  for (let i = 0; i < orderNumbers.length; i += BATCH) {
    const chunk = new Set(orderNumbers.slice(i, i + BATCH));
    const claimed = await claim(ctx, connection, parcels.filter((p) => chunk.has(p.order_number)), now);
    if (!claimed.length) continue;
    counts.resent += claimed.filter((p) => p.state === "submitted").length;
    const { input, dataNumber } = shippingInput(claimed);
    let accepted: { requestId: string }[];
    try {
      accepted = await rms.updateOrderShippingAsync(input);
    } catch (error) {
      // (an answer without a requestId is no refusal: RMS may have taken the request)
      if (error instanceof RmsError && error.code !== "NO_REQUEST_ID") {
        // refused at the door: nothing was applied, so the parcels may go again
        await refused(ctx, connection, claimed, error, counts);
        if (error instanceof RmsAuthError) throw error;
        continue;
      }
      // the answer is unknown (network, 5xx, timeout): RMS may have accepted it; the parcels stay
      // submitted without a requestId and wait for the grace window (step 2 of a later run)
      throw error;
    }
    const requestId = accepted[0]!.requestId;
    const held = claimed.map((p) => ({ ...p, state: "submitted" as const, rms_request_id: requestId, data_number: dataNumber.get(parcelKey(p))!, attempts: p.attempts + 1 }));
    await ctx.db.batch(
      held.map((p) =>
        ctx.db.stmt(
          `UPDATE rakuten_parcels SET rms_request_id = ?5, data_number = ?6, updated_at = ?7 WHERE ${KEY} AND state = 'submitted' AND attempts = ?8`,
          connection.id, p.result_id, p.parcel_no, requestId, p.data_number, nowIso(), p.attempts,
        ),
      ),
    );
    const result = await rms.waitForShippingResult(requestId, { intervalMs: options.pollIntervalMs ?? 2000, timeoutMs: options.pollTimeoutMs ?? 30_000 });
    add(counts, await applyResult(ctx, connection, held, result));
  }
}

/** Marks parcels 'submitted' before the call, each only if no other run changed it since it was read. */
async function claim(ctx: ServiceContext, connection: ConnectionRecord, parcels: ParcelRow[], now: number) {
  const results = await ctx.db.batch(
    parcels.map((p) =>
      ctx.db.stmt(
        `UPDATE rakuten_parcels SET state = 'submitted', submitted_at = ?6, attempts = attempts + 1, rms_request_id = NULL, data_number = NULL,
           last_error = NULL, updated_at = ?6
         WHERE ${KEY} AND state IN ('pending', 'submitted') AND attempts = ?5`,
        connection.id, p.result_id, p.parcel_no, p.attempts, nowIso(now),
      ),
    ),
  );
  return parcels.filter((_, i) => results[i]!.meta.changes === 1);
}

/** One ShippingModel per parcel, grouped per order and basket; dataNumber counts across the order (RMS answers by it). */
function shippingInput(parcels: ParcelRow[]) {
  const dataNumber = new Map<string, number>();
  const byOrder = new Map<string, Map<number, ParcelRow[]>>();
  for (const p of parcels) {
    const baskets = byOrder.get(p.order_number) ?? new Map<number, ParcelRow[]>();
    baskets.set(p.basket_id, [...(baskets.get(p.basket_id) ?? []), p]);
    byOrder.set(p.order_number, baskets);
  }
  const input: RmsOrderShippingInput[] = [...byOrder].map(([orderNumber, baskets]) => {
    let n = 0;
    return {
      orderNumber,
      BasketidModelList: [...baskets].map(([basketId, ps]) => ({
        basketId,
        ShippingModelList: ps.map((p) => {
          dataNumber.set(parcelKey(p), ++n);
          return {
            ...(p.shipping_detail_id ? { shippingDetailId: p.shipping_detail_id } : {}),
            deliveryCompany: p.delivery_company,
            shippingNumber: p.shipping_number,
            shippingDate: p.shipping_date,
          };
        }),
      })),
    };
  });
  return { input, dataNumber };
}

/** A call refused at the door: the orders RMS names fail (kept for review), the others are open again. */
async function refused(ctx: ServiceContext, connection: ConnectionRecord, claimed: ParcelRow[], error: RmsError, counts: Counts) {
  const named = new Set(error.messages.filter((m) => m.messageType === "ERROR" && m.orderNumber).map((m) => m.orderNumber!));
  const fails = (p: ParcelRow) => !(error instanceof RmsAuthError) && (named.has(p.order_number) || !named.size);
  await ctx.db.batch(claimed.map((p) => outcome(ctx, connection, p, fails(p) ? { state: "failed", error: error.message } : { state: "pending" })));
  counts.reportFailed += claimed.filter(fails).length;
}

function outcome(ctx: ServiceContext, connection: ConnectionRecord, p: ParcelRow, fields: { state: "pending" | "reported" | "failed"; detailId?: number | null; error?: string }) {
  return ctx.db.stmt(
    `UPDATE rakuten_parcels SET state = ?5, shipping_detail_id = COALESCE(?6, shipping_detail_id), last_error = ?7, updated_at = ?8 WHERE ${KEY}`,
    connection.id, p.result_id, p.parcel_no, fields.state, fields.detailId ?? null, fields.error ?? null, nowIso(),
  );
}

const add = (a: Counts, b: Partial<Counts>) => {
  for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += b[k] ?? 0;
};

/** RMS's per-order messages: dataNumber names the parcel; an ERROR fails the order's parcels (all or nothing per order). */
async function applyResult(ctx: ServiceContext, connection: ConnectionRecord, parcels: ParcelRow[], result: ShippingResult): Promise<Partial<Counts>> {
  const counts = { reported: 0, reportFailed: 0 };
  const statements: D1PreparedStatement[] = [];
  const failedOrders: string[] = [];
  for (const order of result.orders) {
    const mine = parcels.filter((p) => p.order_number === order.orderNumber);
    if (!order.ok) {
      const text = order.messages.filter((m) => m.messageType === "ERROR").map((m) => `${m.messageCode}: ${m.message ?? ""}`).join("; ");
      statements.push(...mine.map((p) => outcome(ctx, connection, p, { state: "failed", error: text })));
      counts.reportFailed += mine.length;
      failedOrders.push(order.orderNumber);
      continue;
    }
    for (const p of mine) {
      const message = order.messages.find((m) => m.dataNumber === p.data_number);
      statements.push(outcome(ctx, connection, p, { state: "reported", detailId: message?.shippingDetailId ?? null }));
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
