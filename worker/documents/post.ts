/**
 * Store documents pushed by a POS device, taken in order, each on its own terms:
 *  - validated one by one, so a malformed or inconsistent document is rejected with reasons and
 *    never holds back the others; a rejected document also lands in the dead letters with its raw
 *    body, where the merchant sees it and can replay it once the cause is fixed;
 *  - priced again with shared/receipt.ts: a total that does not match is rejected, not "fixed";
 *  - written with its stock movements keyed by the client's UUID, so a replay is answered
 *    'duplicate' and applied once;
 *  - a sale made offline has already happened: it is accepted even when stock goes below zero, and
 *    the negative levels are named in the answer (and listed with GET /api/stock?negativeOnly=true).
 * A push of up to 100 documents costs one batch of reads and one batch of writes (the outbox sends
 * 10k documents after a long offline spell; per-document round trips made that minutes). Should the
 * write batch fail on a uniqueness race with another push, or on a delivery received elsewhere in the
 * meantime (migrations/0015), each document is posted again on its own.
 */
import { StoreDocumentInput } from "../../shared/schemas/documents";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { ServiceError, type Issue } from "../errors";
import { movementStatements, type MovementInput } from "../inventory/ledger";
import { registerJob } from "../sync/jobs";
import { stockChanged } from "../sync/stock-push";
import { checkDocument, loadReferences, NUMBER_TAKEN, numberKey, receivedElsewhere } from "./checks";
import { documentEffects } from "./effects";

type Result = { id: string; status: "accepted" | "duplicate" | "rejected"; issues?: Issue[]; negativeStock?: string[] };
type Origin = { locationId: string; deviceId: string };

export const REPLAY_DOCUMENT_JOB = "pos.document";

export async function postDocuments(ctx: ServiceContext, documents: unknown[]): Promise<{ results: Result[] }> {
  if (ctx.actor.kind !== "device" || !ctx.actor.locationId) throw new ServiceError("FORBIDDEN", "documents come from a paired device");
  return { results: await postMany(ctx, ctx.actor.locationId, ctx.actor.id, documents) };
}

/** Posts a push, then wakes the stock push and reads negative levels once for all of it. */
export async function postMany(ctx: ServiceContext, locationId: string, deviceId: string, documents: unknown[]): Promise<Result[]> {
  const { currency } = await ctx.db.merchant();
  const done = await postBatch(ctx, { locationId, deviceId }, documents, currency);
  const touched = [...new Set(done.flatMap((d) => d.skuIds))];
  if (!touched.length) return done.map((d) => d.result);
  await stockChanged(ctx, touched);
  const rows = await ctx.db.all<{ sku_id: string }>(
    "SELECT sku_id FROM stock_levels WHERE +merchant_id = ?1 AND +location_id = ?2 AND on_hand < 0 AND sku_id IN (SELECT value FROM json_each(?3))",
    locationId,
    JSON.stringify(touched),
  );
  const negative = new Set(rows.map((r) => r.sku_id));
  return done.map(({ result, skuIds }) => {
    const flagged = skuIds.filter((sku) => negative.has(sku));
    return flagged.length ? { ...result, negativeStock: flagged } : result;
  });
}

type Outcome = { result: Result; skuIds: string[] };
type Parsed = { raw: unknown; id: string; doc?: StoreDocumentInput; issues?: Issue[] };

function parse(raw: unknown): Parsed {
  const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : "";
  const parsed = StoreDocumentInput.safeParse(raw);
  if (parsed.success) return { raw, id, doc: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
  return { raw, id, issues };
}

async function postBatch(ctx: ServiceContext, origin: Origin, documents: unknown[], currency: "JPY" | "CNY"): Promise<Outcome[]> {
  const parsed = documents.map(parse);
  const refs = await loadReferences(ctx, origin.locationId, parsed.flatMap((p) => (p.doc ? [p.doc] : [])));
  const at = nowIso();
  const outcomes: Outcome[] = [];
  const rows: unknown[][] = [];
  const received: string[] = [];
  const movements: MovementInput[] = [];
  const rejected: { id: string; raw: unknown; issues: Issue[] }[] = [];
  for (const p of parsed) {
    const settled = (result: Result, skuIds: string[] = []) => outcomes.push({ result, skuIds });
    const doc = p.doc;
    if (!doc) {
      rejected.push({ id: p.id, raw: p.raw, issues: p.issues! });
      settled({ id: p.id, status: "rejected", issues: p.issues });
      continue;
    }
    if (refs.existing.has(doc.id)) {
      settled({ id: doc.id, status: "duplicate" });
      continue;
    }
    const issues = checkDocument(doc, refs, origin.locationId, currency);
    if (issues.length) {
      rejected.push({ id: doc.id, raw: p.raw, issues });
      settled({ id: doc.id, status: "rejected", issues });
      continue;
    }
    const effects = documentEffects(doc, origin.locationId);
    rows.push([doc.id, doc.staffId, doc.kind, doc.number, effects.status, effects.referenceId, JSON.stringify(doc), doc.occurredAt, effects.status === "posted" ? at : null]);
    if (doc.kind === "receipt") received.push(doc.inboundId);
    movements.push(...effects.movements);
    // Later documents of this push see this one as taken.
    refs.existing.add(doc.id);
    refs.numbers.set(numberKey(doc.kind, doc.number), doc.id);
    if (doc.kind === "receipt") refs.inbound.set(doc.inboundId, { status: "received", locationId: origin.locationId });
    settled({ id: doc.id, status: "accepted" }, [...new Set(effects.movements.map((m) => m.skuId))]);
  }
  try {
    await ctx.db.batch([
      ...(rows.length ? [insertDocuments(ctx, origin, rows, at)] : []),
      ...(received.length ? [deliveriesReceived(ctx, received, at)] : []),
      ...movementStatements(ctx.db, movements, at, `device:${origin.deviceId}`),
      ...rejected.map((r) => deadLetter(ctx, origin, r.id, r.raw, r.issues)),
    ]);
  } catch (error) {
    const lostDelivery = receivedElsewhere(error);
    if (!String(error).includes("UNIQUE") && !lostDelivery) throw error;
    // Another push took an ID or a number between our reads and our write, or another desk (the
    // admin's receiving desk, another device) received a delivery this push receives.
    if (documents.length > 1) {
      const one: Outcome[] = [];
      for (const raw of documents) one.push(...(await postBatch(ctx, origin, [raw], currency)));
      return one;
    }
    // Read again: the delivery now shows as received, and the receipt is refused with that reason.
    if (lostDelivery) return postBatch(ctx, origin, documents, currency);
    const id = outcomes[0]!.result.id;
    const raced = await ctx.db.first("SELECT id FROM store_documents WHERE merchant_id = ?1 AND id = ?2", id);
    if (raced) return [{ result: { id, status: "duplicate" }, skuIds: [] }];
    const issues = [{ path: ["number"], message: NUMBER_TAKEN }];
    await ctx.db.batch([deadLetter(ctx, origin, id, documents[0], issues)]);
    return [{ result: { id, status: "rejected", issues }, skuIds: [] }];
  }
  return outcomes;
}

/**
 * The deliveries this push's receipts receive. No status filter: migrations/0015 aborts the batch when
 * one was received after it was read (the admin's receiving desk, another device), so its receipt and
 * stock movements are not written either; the push is then read again and the receipt refused.
 */
export function deliveriesReceived(ctx: ServiceContext, inboundIds: string[], at: string) {
  return ctx.db.stmt(
    "UPDATE store_documents SET status = 'received', received_at = ?3 WHERE merchant_id = ?1 AND kind = 'inbound' AND id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(inboundIds),
    at,
  );
}

/** One statement for every accepted document of a push (rows as one JSON parameter, like the ledger). */
function insertDocuments(ctx: ServiceContext, origin: Origin, rows: unknown[][], at: string) {
  return ctx.db.stmt(
    `INSERT INTO store_documents (id, merchant_id, location_id, device_id, staff_id, kind, number, status, reference_id, body,
       occurred_at, received_at, posted_at)
     SELECT j.value->>'$[0]', ?1, ?2, ?3, j.value->>'$[1]', j.value->>'$[2]', j.value->>'$[3]', j.value->>'$[4]', j.value->>'$[5]',
       j.value->>'$[6]', j.value->>'$[7]', ?5, j.value->>'$[8]'
     FROM json_each(?4) j ORDER BY j.key`,
    origin.locationId,
    origin.deviceId,
    JSON.stringify(rows),
    at,
  );
}

/** A rejected document is kept as a dead letter, raw, for the merchant (once while not replayed). */
function deadLetter(ctx: ServiceContext, from: Origin, id: string, raw: unknown, issues: Issue[]) {
  const payload = { runId: "", merchantId: ctx.merchantId, connectionId: null, job: REPLAY_DOCUMENT_JOB, trigger: "replay", payload: { document: raw, ...from } };
  return ctx.db.stmt(
    `INSERT INTO dead_letters (id, merchant_id, run_id, job, payload, error, attempts, created_at)
     SELECT ?2, ?1, ?3, ?4, ?5, ?6, 1, ?7
     WHERE NOT EXISTS (SELECT 1 FROM dead_letters WHERE merchant_id = ?1 AND run_id = ?3 AND job = ?4 AND replayed_at IS NULL)`,
    newId("dlq"),
    `doc:${id || "unknown"}`,
    REPLAY_DOCUMENT_JOB,
    JSON.stringify(payload),
    issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    nowIso(),
  );
}

// Replaying a rejected document (after, say, the missing SKU was created) posts it again as the
// device sent it; if it is still wrong it comes back as a new dead letter.
registerJob({
  name: REPLAY_DOCUMENT_JOB,
  needsConnection: false,
  async handler({ ctx, payload }) {
    const { document, locationId, deviceId } = payload as { document: unknown; locationId: string; deviceId: string };
    // Still wrong: it has already been kept as a new dead letter with the new reasons.
    const [result] = await postMany(ctx, locationId, deviceId, [document]);
    return { [result!.status]: 1 };
  },
});
