/**
 * Store documents pushed by a POS device, taken in order, each on its own:
 *  - validated one by one, so a malformed or inconsistent document is rejected with reasons and
 *    never holds back the others; a rejected document also lands in the dead letters with its raw
 *    body, where the merchant sees it and can replay it once the cause is fixed;
 *  - priced again with shared/receipt.ts: a total that does not match is rejected, not "fixed";
 *  - written with its stock movements in one batch keyed by the client's UUID, so a replay is
 *    answered 'duplicate' and applied once;
 *  - a sale made offline has already happened: it is accepted even when stock goes below zero, and
 *    the negative levels are named in the answer (and listed with GET /api/stock?negativeOnly=true).
 * What waits for the back office (seed 003): returned goods come into stock when the store 入库s
 * the return; stocktake sheets wait for the store manager's submission and the merchant's approval.
 */
import { z } from "zod";
import { priceReceipt, ReceiptError } from "../../shared/receipt";
import { StoreDocumentInput } from "../../shared/schemas/documents";
import { stockQuantity } from "../../shared/units";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { ServiceError, type Issue } from "../errors";
import { movementStatements, type MovementInput } from "../inventory/ledger";
import { notFoundMessage } from "../messages";
import { registerJob } from "../sync/jobs";
import { stockChanged } from "../sync/stock-push";

type Result = { id: string; status: "accepted" | "duplicate" | "rejected"; issues?: Issue[]; negativeStock?: string[] };
type Doc = StoreDocumentInput;

export const REPLAY_DOCUMENT_JOB = "pos.document";

export async function postDocuments(ctx: ServiceContext, documents: unknown[]): Promise<{ results: Result[] }> {
  if (ctx.actor.kind !== "device" || !ctx.actor.locationId) throw new ServiceError("FORBIDDEN", "documents come from a paired device");
  return { results: await postMany(ctx, ctx.actor.locationId, ctx.actor.id, documents) };
}

/**
 * Posts documents one by one (each its own batch), then wakes the stock push and reads negative
 * levels once for the whole push rather than once per document.
 */
export async function postMany(ctx: ServiceContext, locationId: string, deviceId: string, documents: unknown[]): Promise<Result[]> {
  const { currency } = await ctx.db.merchant();
  const done: { result: Result; skuIds: string[] }[] = [];
  for (const raw of documents) done.push(await postOne(ctx, locationId, deviceId, raw, currency));
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

async function postOne(
  ctx: ServiceContext,
  locationId: string,
  deviceId: string,
  raw: unknown,
  currency: "JPY" | "CNY",
): Promise<{ result: Result; skuIds: string[] }> {
  const settled = (result: Result) => ({ result, skuIds: [] as string[] });
  const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : "";
  const parsed = StoreDocumentInput.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
    return settled(await reject(ctx, { locationId, deviceId }, id, raw, issues));
  }
  const doc = parsed.data;
  const existing = await ctx.db.first("SELECT id FROM store_documents WHERE merchant_id = ?1 AND id = ?2", doc.id);
  if (existing) return settled({ id: doc.id, status: "duplicate" });
  const issues = await check(ctx, locationId, doc, currency);
  if (issues.length) return settled(await reject(ctx, { locationId, deviceId }, doc.id, raw, issues));

  const at = nowIso();
  const { status, referenceId, movements } = effects(doc, locationId);
  try {
    await ctx.db.batch([
      ctx.db.stmt(
        `INSERT INTO store_documents (id, merchant_id, location_id, device_id, staff_id, kind, number, status, reference_id, body,
           occurred_at, received_at, posted_at)
         VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)`,
        doc.id,
        locationId,
        deviceId,
        doc.staffId,
        doc.kind,
        doc.number,
        status,
        referenceId,
        JSON.stringify(doc),
        doc.occurredAt,
        at,
        status === "posted" ? at : null,
      ),
      ...(doc.kind === "receipt"
        ? [ctx.db.stmt("UPDATE store_documents SET status = 'received', received_at = ?3 WHERE merchant_id = ?1 AND id = ?2 AND kind = 'inbound'", doc.inboundId, at)]
        : []),
      ...movementStatements(ctx.db, movements, at, `device:${deviceId}`),
    ]);
  } catch (error) {
    if (!String(error).includes("UNIQUE")) throw error;
    const raced = await ctx.db.first("SELECT id FROM store_documents WHERE merchant_id = ?1 AND id = ?2", doc.id);
    if (raced) return settled({ id: doc.id, status: "duplicate" });
    return settled(
      await reject(ctx, { locationId, deviceId }, doc.id, raw, [{ path: ["number"], message: "この番号は別の伝票で使われています (number already used by another document)" }]),
    );
  }
  return { result: { id: doc.id, status: "accepted" }, skuIds: [...new Set(movements.map((m) => m.skuId))] };
}

/** Stock effects when the hub takes the document; what waits for the back office takes none yet. */
function effects(doc: Doc, locationId: string): { status: "posted" | "received"; referenceId: string | null; movements: MovementInput[] } {
  const move = (skuId: string, quantity: number, key: string, reason: string): MovementInput => ({
    skuId,
    locationId,
    bucket: "on_hand",
    quantity,
    reason,
    sourceType: "store_document",
    sourceId: doc.id,
    key: `doc:${doc.id}:${key}`,
  });
  switch (doc.kind) {
    case "sale":
      return { status: "posted", referenceId: null, movements: doc.lines.map((l, i) => move(l.skuId, -stockQuantity(l.quantity, l.unitValue), `${i}`, "sale")) };
    case "exchange":
      // goods given leave now; goods returned come in when the back office 入库s them
      return { status: "received", referenceId: doc.originalId, movements: doc.given.map((l, i) => move(l.skuId, -stockQuantity(l.quantity, l.unitValue), `out:${i}`, "exchange")) };
    case "return":
      return { status: "received", referenceId: doc.originalId, movements: [] };
    case "stocktake":
      return { status: "received", referenceId: null, movements: [] };
    case "receipt":
      return {
        status: "posted",
        referenceId: doc.inboundId,
        movements: doc.lines.filter((l) => l.received > 0).map((l, i) => move(l.skuId, l.received, `${i}`, "receipt")),
      };
  }
}

/** Re-checks what the device computed, and what it refers to. */
async function check(ctx: ServiceContext, locationId: string, doc: Doc, currency: "JPY" | "CNY"): Promise<Issue[]> {
  const issues: Issue[] = [];
  const lineSets: [string, { skuId: string }[]][] =
    doc.kind === "exchange" ? [["returned", doc.returned], ["given", doc.given]] : [["lines", doc.lines]];
  const known = await ctx.db.all<{ id: string }>(
    "SELECT id FROM skus WHERE +merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(lineSets.flatMap(([, lines]) => lines.map((l) => l.skuId))),
  );
  const ids = new Set(known.map((k) => k.id));
  for (const [name, lines] of lineSets) {
    lines.forEach((l, i) => {
      if (!ids.has(l.skuId)) issues.push({ path: [name, i, "skuId"], message: notFoundMessage("SKU") });
    });
  }
  const staff = await ctx.db.first<{ role: string }>("SELECT role FROM users WHERE merchant_id = ?1 AND id = ?2", doc.staffId);
  if (!staff) issues.push({ path: ["staffId"], message: notFoundMessage("user") });
  const priceCheck = (path: string, lines: z.infer<typeof import("../../shared/schemas/documents").ReceiptLine>[], discount: number, total: number, tax: number | null, display: "inclusive" | "exclusive") => {
    try {
      const priced = priceReceipt(lines, discount, display, currency);
      if (priced.total !== total) issues.push({ path: [path], message: `合計が一致しません: ${total} ≠ ${priced.total} (total does not match the lines)` });
      if (tax !== null && priced.tax.tax !== tax) issues.push({ path: ["tax"], message: `税額が一致しません: ${tax} ≠ ${priced.tax.tax} (tax does not match)` });
      return priced.total;
    } catch (error) {
      if (!(error instanceof ReceiptError)) throw error;
      issues.push({ path: [path], message: error.message });
      return 0;
    }
  };
  const paid = (tenders: { amount: number }[]) => tenders.reduce((t, x) => t + x.amount, 0);
  if (doc.kind === "sale") {
    const total = priceCheck("total", doc.lines, doc.subtotalDiscount, doc.total, doc.tax, doc.taxDisplay);
    if (paid(doc.tenders) - doc.change !== total) issues.push({ path: ["tenders"], message: "支払額 − おつり が合計と一致しません (tenders minus change must equal the total)" });
  }
  if (doc.kind === "return") {
    const total = priceCheck("total", doc.lines, doc.subtotalDiscount, doc.total, doc.tax, doc.taxDisplay);
    if (doc.refunds.length && paid(doc.refunds) !== total) issues.push({ path: ["refunds"], message: "返金額が合計と一致しません (refunds must equal the total)" });
  }
  if (doc.kind === "exchange") {
    const back = priceCheck("returnedTotal", doc.returned, 0, doc.returnedTotal, null, doc.taxDisplay);
    const out = priceCheck("givenTotal", doc.given, 0, doc.givenTotal, null, doc.taxDisplay);
    const due = out - back;
    if (due > 0 && paid(doc.tenders) < due) issues.push({ path: ["tenders"], message: "差額の支払いが足りません (the difference is not paid)" });
    if (due < 0 && paid(doc.refunds) !== -due) issues.push({ path: ["refunds"], message: "差額の返金が一致しません (the refund must equal the difference)" });
  }
  if ((doc.kind === "return" || doc.kind === "exchange") && !doc.originalId) {
    // Without a receipt a manager approves (the device checks the PIN; the hub checks the role).
    const approver = doc.approvedBy
      ? await ctx.db.first<{ role: string }>("SELECT role FROM users WHERE merchant_id = ?1 AND id = ?2", doc.approvedBy)
      : null;
    if (!approver || approver.role === "staff") {
      issues.push({ path: ["approvedBy"], message: "レシートなしの返品には店長の承認が必要です (a return without a receipt needs a manager's approval)" });
    }
  }
  if (doc.kind === "receipt") {
    const inbound = await ctx.db.first<{ status: string; location_id: string }>(
      "SELECT status, location_id FROM store_documents WHERE merchant_id = ?1 AND id = ?2 AND kind = 'inbound'",
      doc.inboundId,
    );
    if (!inbound || inbound.location_id !== locationId) issues.push({ path: ["inboundId"], message: notFoundMessage("inbound") });
    else if (inbound.status !== "pending") issues.push({ path: ["inboundId"], message: "この入荷は受領済みです (already received)" });
  }
  return issues;
}

/** A rejected document is answered with its reasons and kept as a dead letter, raw, for the merchant. */
async function reject(
  ctx: ServiceContext,
  from: { locationId: string; deviceId: string },
  id: string,
  raw: unknown,
  issues: Issue[],
): Promise<Result> {
  const payload = { runId: "", merchantId: ctx.merchantId, connectionId: null, job: REPLAY_DOCUMENT_JOB, trigger: "replay", payload: { document: raw, ...from } };
  await ctx.db.run(
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
  return { id, status: "rejected", issues };
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
