/**
 * Posting store documents pushed by a POS device. A sale made offline has already happened, so it
 * is accepted even when stock goes below zero, and the negative levels are named in the answer and
 * listed for the merchant (GET /api/stock?negativeOnly=true). Each document is written with its
 * stock movements in one batch, keyed by the client's UUID, so a replay is answered 'duplicate'
 * and applied once. Documents are taken in order, one by one: one bad document is rejected
 * with its reasons and does not hold back the others.
 */
import { multiplyMinor, sumMinor } from "../../shared/money";
import { stockQuantity } from "../../shared/units";
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { ServiceError, type Issue } from "../errors";
import { movementStatements, type MovementInput } from "../inventory/ledger";
import { stockChanged } from "../sync/stock-push";
import { notFoundMessage } from "../messages";

export interface DocumentInput {
  id: string;
  kind: "sale" | "return";
  number: string;
  occurredAt: string;
  lines: { skuId: string; quantity: number; unitValue?: number | null; unitPrice: number; amount: number; defective: boolean }[];
  total: number;
  payments: { method: string; amount: number }[];
}

type Result = { id: string; status: "accepted" | "duplicate" | "rejected"; issues?: Issue[]; negativeStock?: string[] };

export async function postDocuments(ctx: ServiceContext, documents: DocumentInput[]): Promise<{ results: Result[] }> {
  const locationId = ctx.actor.locationId;
  if (ctx.actor.kind !== "device" || !locationId) throw new ServiceError("FORBIDDEN", "documents come from a paired device");
  const results: Result[] = [];
  for (const document of documents) results.push(await postOne(ctx, locationId, document));
  return { results };
}

async function postOne(ctx: ServiceContext, locationId: string, document: DocumentInput): Promise<Result> {
  const existing = await ctx.db.first<{ id: string }>("SELECT id FROM store_documents WHERE merchant_id = ?1 AND id = ?2", document.id);
  if (existing) return { id: document.id, status: "duplicate" };
  const issues = await check(ctx, document);
  if (issues.length) return { id: document.id, status: "rejected", issues };

  const at = nowIso();
  // A sale takes goods off hand; a return puts them back, unless defective (残次品): those are held.
  const movements: MovementInput[] = document.lines.flatMap((line, i) => {
    const quantity = stockQuantity(line.quantity, line.unitValue);
    const base = { skuId: line.skuId, locationId, reason: document.kind, sourceType: "store_document", sourceId: document.id };
    if (document.kind === "sale") return [{ ...base, bucket: "on_hand", quantity: -quantity, key: `doc:${document.id}:${i}` }];
    return line.defective
      ? [
          { ...base, bucket: "on_hand", quantity, key: `doc:${document.id}:${i}` },
          { ...base, bucket: "held", quantity, reason: "defective", key: `doc:${document.id}:${i}:held` },
        ]
      : [{ ...base, bucket: "on_hand", quantity, key: `doc:${document.id}:${i}` }];
  });
  try {
    await ctx.db.batch([
      ctx.db.stmt(
        `INSERT INTO store_documents (id, merchant_id, location_id, device_id, kind, number, status, body, occurred_at, received_at, posted_at)
         VALUES (?2, ?1, ?3, ?4, ?5, ?6, 'posted', ?7, ?8, ?9, ?9)`,
        document.id,
        locationId,
        ctx.actor.id,
        document.kind,
        document.number,
        JSON.stringify(document),
        document.occurredAt,
        at,
      ),
      ...movementStatements(ctx.db, movements as MovementInput[], at, `device:${ctx.actor.id}`),
    ]);
  } catch (error) {
    if (!String(error).includes("UNIQUE")) throw error;
    // Raced with its own replay (same UUID) or reused a receipt number.
    const raced = await ctx.db.first("SELECT id FROM store_documents WHERE merchant_id = ?1 AND id = ?2", document.id);
    if (raced) return { id: document.id, status: "duplicate" };
    return { id: document.id, status: "rejected", issues: [{ path: ["number"], message: "receipt number already used by another document" }] };
  }
  const skuIds = [...new Set(document.lines.map((l) => l.skuId))];
  await stockChanged(ctx, skuIds);
  const negative = await ctx.db.all<{ sku_id: string }>(
    "SELECT sku_id FROM stock_levels WHERE merchant_id = ?1 AND location_id = ?2 AND on_hand < 0 AND sku_id IN (SELECT value FROM json_each(?3))",
    locationId,
    JSON.stringify(skuIds),
  );
  return { id: document.id, status: "accepted", ...(negative.length ? { negativeStock: negative.map((n) => n.sku_id) } : {}) };
}

/** Re-checks what the device computed with the same arithmetic: SKUs exist, amounts add up. */
async function check(ctx: ServiceContext, document: DocumentInput): Promise<Issue[]> {
  const issues: Issue[] = [];
  const known = await ctx.db.all<{ id: string }>(
    "SELECT id FROM skus WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(document.lines.map((l) => l.skuId)),
  );
  const ids = new Set(known.map((k) => k.id));
  document.lines.forEach((line, i) => {
    if (!ids.has(line.skuId)) issues.push({ path: ["lines", i, "skuId"], message: notFoundMessage("SKU") });
    if (line.amount !== multiplyMinor(line.unitPrice, line.quantity)) {
      issues.push({ path: ["lines", i, "amount"], message: `amount ${line.amount} ≠ unit price ${line.unitPrice} × ${line.quantity}` });
    }
  });
  const sum = sumMinor(document.lines.map((l) => l.amount));
  if (sum !== document.total) issues.push({ path: ["total"], message: `total ${document.total} ≠ sum of lines ${sum}` });
  if (document.kind === "sale" && document.payments.length && sumMinor(document.payments.map((p) => p.amount)) < document.total) {
    issues.push({ path: ["payments"], message: "payments do not cover the total" });
  }
  return issues;
}
