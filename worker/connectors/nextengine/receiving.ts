/**
 * The receiving desk (入荷予定 → 入荷確定) for the warehouse beside NextEngine: the deliveries
 * announced for a location (the hub's inbound documents) are confirmed with the quantities counted.
 * Each counted line is one 'receipt' movement keyed by the delivery and SKU, so a confirmation sent
 * twice (a lost answer, a second tab) adds stock once; a delivery already received — here or by a
 * store's POS, even at the same moment (migrations/0015 guards the write itself) — is refused.
 * ④ 入荷確定でネクストエンジンの在庫をプラスする then goes up at once (the upload job takes the
 * movements by its ledger cursor, at linked locations only).
 */
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { receivedElsewhere } from "../../documents/checks";
import { invalid, notFound, ServiceError, type Issue } from "../../errors";
import { movementStatements, type MovementInput } from "../../inventory/ledger";
import { stockChanged } from "../../sync/stock-push";
import { requireNextEngineLink } from "./connect";
import { wakeStockUpload } from "./stock-upload";

interface InboundBody {
  kind: string;
  reference: string;
  lines: { skuId: string; quantity: number }[];
  received?: { skuId: string; quantity: number }[];
}

/** Deliveries waiting at a location (or every location), oldest first, with each line's SKU. */
export async function deliveriesToReceive(ctx: ServiceContext, connectionId: string, locationId: string | null) {
  await requireNextEngineLink(ctx, connectionId);
  const rows = await ctx.db.all<{ id: string; location_id: string; location_name: string; body: string; received_at: string }>(
    `SELECT d.id, d.location_id, l.name AS location_name, d.body, d.received_at FROM store_documents d
     JOIN locations l ON l.merchant_id = d.merchant_id AND l.id = d.location_id
     WHERE d.merchant_id = ?1 AND d.kind = 'inbound' AND d.status = 'pending' AND (?2 IS NULL OR d.location_id = ?2)
     ORDER BY d.received_at, d.id LIMIT 200`,
    locationId,
  );
  const bodies = rows.map((r) => JSON.parse(r.body) as InboundBody);
  const skuIds = [...new Set(bodies.flatMap((b) => b.lines.map((l) => l.skuId)))];
  const skus = new Map(
    (
      await ctx.db.all<{ id: string; code: string; name: string }>(
        `SELECT s.id, s.code, p.name || CASE WHEN s.spec_name <> '' THEN ' ' || s.spec_name ELSE '' END AS name
         FROM skus s JOIN products p ON p.id = s.product_id WHERE s.merchant_id = ?1 AND s.id IN (SELECT value FROM json_each(?2))`,
        JSON.stringify(skuIds),
      )
    ).map((s) => [s.id, s]),
  );
  return rows.map((r, i) => ({
    id: r.id,
    locationId: r.location_id,
    locationName: r.location_name,
    kind: bodies[i]!.kind,
    reference: bodies[i]!.reference,
    createdAt: r.received_at,
    lines: bodies[i]!.lines.map((l) => ({ skuId: l.skuId, code: skus.get(l.skuId)?.code ?? l.skuId, name: skus.get(l.skuId)?.name ?? "", expected: l.quantity })),
  }));
}

export interface ReceiptInput {
  lines: { skuId: string; received: number }[];
}

/** 入荷確定: the counted quantities go into stock at the delivery's location, once. */
export async function confirmReceipt(ctx: ServiceContext, connectionId: string, inboundId: string, input: ReceiptInput) {
  const link = await requireNextEngineLink(ctx, connectionId);
  const doc = await ctx.db.first<{ id: string; location_id: string; status: string; body: string }>(
    "SELECT id, location_id, status, body FROM store_documents WHERE merchant_id = ?1 AND id = ?2 AND kind = 'inbound'",
    inboundId,
  );
  if (!doc) throw notFound("inbound");
  const body = JSON.parse(doc.body) as InboundBody;
  const counted = input.lines.filter((l) => l.received > 0);
  if (doc.status !== "pending") return alreadyReceived(body, counted, doc.id);
  const expected = new Set(body.lines.map((l) => l.skuId));
  const issues: Issue[] = [];
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    if (!expected.has(l.skuId)) issues.push({ path: ["lines", i, "skuId"], message: "この入荷予定にない商品です (not in this delivery)" });
    else if (seen.has(l.skuId)) issues.push({ path: ["lines", i, "skuId"], message: "同じ商品が2行あります (listed twice)" });
    seen.add(l.skuId);
  });
  if (!counted.length && !issues.length) issues.push({ path: ["lines"], message: "入荷数を入力してください (enter the counted quantities)" });
  if (issues.length) throw invalid("invalid receipt", issues);
  const { statements, movements } = receiptStatements(ctx, doc, counted, nowIso());
  try {
    await ctx.db.batch(statements);
  } catch (error) {
    if (!receivedElsewhere(error)) throw error;
    const now = await ctx.db.first<{ body: string }>("SELECT body FROM store_documents WHERE merchant_id = ?1 AND id = ?2", doc.id);
    return alreadyReceived(JSON.parse(now!.body) as InboundBody, counted, doc.id);
  }
  await stockChanged(ctx, movements.map((m) => m.skuId));
  await wakeStockUpload(ctx, link);
  return { id: doc.id, status: "received" as const, lines: counted.length };
}

/**
 * The write of 入荷確定, run as one batch: the delivery marked received with its counts, and one
 * 'receipt' movement per counted line keyed by delivery and SKU. No status filter on the update:
 * migrations/0015 aborts the whole batch, movements included, when the delivery was received after
 * it was read (a POS, another tab) — a filter would let the movements through on their own.
 */
export function receiptStatements(ctx: ServiceContext, delivery: { id: string; location_id: string }, counted: ReceiptInput["lines"], at: string) {
  const movements: MovementInput[] = counted.map((l) => ({
    skuId: l.skuId,
    locationId: delivery.location_id,
    bucket: "on_hand",
    quantity: l.received,
    reason: "receipt",
    sourceType: "store_document",
    sourceId: delivery.id,
    key: `inbound:${delivery.id}:${l.skuId}`,
  }));
  const statements = [
    ctx.db.stmt(
      `UPDATE store_documents SET status = 'received', body = json_set(body, '$.received', json(?3)), received_at = ?4
       WHERE merchant_id = ?1 AND id = ?2`,
      delivery.id,
      JSON.stringify(countedLines(counted)),
      at,
    ),
    ...movementStatements(ctx.db, movements, at, ctx.actor.id),
  ];
  return { statements, movements };
}

const countedLines = (counted: ReceiptInput["lines"]) => counted.map((l) => ({ skuId: l.skuId, quantity: l.received }));

/**
 * A delivery that is no longer pending: the same confirmation again (its answer was lost) is answered
 * as done; anything else — other counts, or a POS receipt, which keeps no counts on the delivery — was
 * received elsewhere and is refused.
 */
function alreadyReceived(body: InboundBody, counted: ReceiptInput["lines"], id: string) {
  if (JSON.stringify(body.received ?? null) === JSON.stringify(countedLines(counted))) return { id, status: "received" as const, lines: counted.length };
  throw new ServiceError("CONFLICT", "この入荷予定は入荷確定済みです (this delivery has already been received)");
}
