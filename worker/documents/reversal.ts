/**
 * 冲单 (seed 003 §2.3.2): the store back office reverses a posted POS sale in whole — a sale rung up
 * by mistake. The reversal is a store document of its own kind ('reversal') referring to the sale;
 * the goods come back into the store's stock through the ledger, keyed by the reversal, so they come
 * back once; an ERP link takes it as 其他入库 (migrations/0019's export trigger).
 * One 冲单 per sale: the database refuses a second (a unique index on the sale) and a reversal of a
 * sale that has a return or exchange against it (a trigger), inside the write, so two desks — or a
 * return arriving from a POS at the same moment — cannot both win. The caller's idempotency key makes
 * a retry or a double click answer the same reversal.
 */
import type { z } from "zod";
import type { ReversalInput } from "../../shared/schemas/documents";
import { stockQuantity } from "../../shared/units";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { ServiceError, invalid, notFound } from "../errors";
import { movementStatements, type MovementInput } from "../inventory/ledger";
import { stockChanged } from "../sync/stock-push";
import { getDocument } from "./back-office";

interface SaleLine {
  skuId: string;
  quantity: number;
  unitValue?: number | null;
}

export const REVERSAL_REFUSED = {
  notSale: "販売伝票ではありません。取り消せるのは販売だけです (only a sale can be reversed)",
  notPosted: "計上済みの販売ではありません (the sale is not posted)",
  returned: "この販売には返品・交換があります。取り消しではなく返品で処理してください (the sale has a return or exchange against it; it cannot be reversed)",
  reversed: (number: string) => `この販売は取り消し済みです（${number}） (the sale was already reversed: ${number})`,
};

const refuse = (message: string) => new ServiceError("CONFLICT", message, [{ path: ["id"], message }]);

export async function reverseSale(ctx: ServiceContext, saleId: string, input: z.infer<typeof ReversalInput>) {
  const sale = await ctx.db.first<{ id: string; location_id: string; kind: string; status: string; number: string; body: string }>(
    "SELECT id, location_id, kind, status, number, body FROM store_documents WHERE merchant_id = ?1 AND id = ?2",
    saleId,
  );
  if (!sale) throw notFound("document");
  const before = await earlierReversal(ctx, sale.id);
  if (before) {
    // the same request again (a lost answer, a double click) answers the reversal it made
    if (before.body.idempotencyKey === input.idempotencyKey) return before;
    throw refuse(REVERSAL_REFUSED.reversed(before.number));
  }
  if (sale.kind !== "sale") throw invalid("not a sale", [{ path: ["id"], message: REVERSAL_REFUSED.notSale }]);
  if (sale.status !== "posted") throw refuse(REVERSAL_REFUSED.notPosted);
  if (await hasReturn(ctx, sale.id)) throw refuse(REVERSAL_REFUSED.returned);

  const body = JSON.parse(sale.body) as { lines: SaleLine[]; taxDisplay?: string; subtotalDiscount?: number; total?: number; tax?: number; tenders?: unknown[]; change?: number };
  const id = newId("rev");
  const at = nowIso();
  const movements: MovementInput[] = body.lines.map((l, i) => ({
    skuId: l.skuId,
    locationId: sale.location_id,
    bucket: "on_hand",
    quantity: stockQuantity(l.quantity, l.unitValue),
    reason: "reversal",
    sourceType: "store_document",
    sourceId: id,
    key: `doc:${id}:in:${i}`,
  }));
  const reversal = {
    kind: "reversal",
    idempotencyKey: input.idempotencyKey,
    reason: input.reason,
    saleNumber: sale.number,
    // the sale as it was, so the reversal reads (and goes to the ERP) without the sale beside it
    taxDisplay: body.taxDisplay,
    subtotalDiscount: body.subtotalDiscount,
    total: body.total,
    tax: body.tax,
    tenders: body.tenders,
    change: body.change,
    lines: body.lines,
  };
  try {
    await ctx.db.batch([
      ctx.db.stmt(
        `INSERT INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, reference_id, body, occurred_at, received_at, posted_at)
         VALUES (?2, ?1, ?3, ?4, 'reversal', ?5, 'posted', ?6, ?7, ?8, ?8, ?8)`,
        id,
        sale.location_id,
        ctx.actor.id,
        `CD-${sale.number}`,
        sale.id,
        JSON.stringify(reversal),
        at,
      ),
      ...movementStatements(ctx.db, movements, at, `${ctx.actor.kind}:${ctx.actor.id}`),
    ]);
  } catch (error) {
    // Another desk (or a return from a POS) got there between our reads and our write: nothing of
    // this reversal was written; answer with what happened instead.
    if (String(error).includes("SALE_HAS_RETURN")) throw refuse(REVERSAL_REFUSED.returned);
    if (!String(error).includes("UNIQUE")) throw error;
    const raced = await earlierReversal(ctx, sale.id);
    if (raced?.body.idempotencyKey === input.idempotencyKey) return raced;
    throw refuse(REVERSAL_REFUSED.reversed(raced?.number ?? `CD-${sale.number}`));
  }
  await stockChanged(ctx, [...new Set(movements.map((m) => m.skuId))]);
  return getDocument(ctx, id);
}

async function earlierReversal(ctx: ServiceContext, saleId: string) {
  const row = await ctx.db.first<{ id: string }>("SELECT id FROM store_documents WHERE merchant_id = ?1 AND reference_id = ?2 AND kind = 'reversal'", saleId);
  return row ? getDocument(ctx, row.id) : null;
}

async function hasReturn(ctx: ServiceContext, saleId: string) {
  return !!(await ctx.db.first("SELECT 1 FROM store_documents WHERE merchant_id = ?1 AND reference_id = ?2 AND kind IN ('return', 'exchange') LIMIT 1", saleId));
}
