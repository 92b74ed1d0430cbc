/**
 * Goods leaving a store outside a sale, from the store back office (门店后台): 出库开单 (damaged
 * goods, samples, …) and transfers to another store (调拨: out here now, a delivery there that the
 * other store receives with counts, as any inbound). Both are store documents, so an ERP link sends
 * them as 其他出库 (and the transfer's receipt as 其他入库). Keyed by the caller's idempotency key:
 * a double click or a retry makes one document; goods beyond the store's stock are refused.
 */
import type { z } from "zod";
import type { OutboundInput, TransferInput } from "../../shared/schemas/documents";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, ServiceError } from "../errors";
import { movementStatements } from "../inventory/ledger";
import { notFoundMessage } from "../messages";
import { stockChanged } from "../sync/stock-push";
import { getDocument } from "./back-office";

type Lines = { skuId: string; quantity: number }[];

/** The store and SKUs must be the merchant's, and the store must hold the goods. */
async function checkOut(ctx: ServiceContext, locationId: string, lines: Lines, field = "locationId") {
  const [location, levels] = await Promise.all([
    ctx.db.first<{ kind: string }>("SELECT kind FROM locations WHERE merchant_id = ?1 AND id = ?2", locationId),
    ctx.db.all<{ id: string; on_hand: number | null }>(
      `SELECT s.id, l.on_hand FROM skus s LEFT JOIN stock_levels l ON l.sku_id = s.id AND l.location_id = ?2
       WHERE +s.merchant_id = ?1 AND s.id IN (SELECT value FROM json_each(?3))`,
      locationId,
      JSON.stringify(lines.map((l) => l.skuId)),
    ),
  ]);
  if (!location) throw invalid("unknown location", [{ path: [field], message: notFoundMessage("location") }]);
  const onHand = new Map(levels.map((l) => [l.id, l.on_hand ?? 0]));
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.skuId, (wanted.get(l.skuId) ?? 0) + l.quantity);
  const issues = lines.flatMap((l, i) => {
    if (!onHand.has(l.skuId)) return [{ path: ["lines", i, "skuId"], message: notFoundMessage("SKU") }];
    if (wanted.get(l.skuId)! > onHand.get(l.skuId)!) return [{ path: ["lines", i, "quantity"], message: `在庫が足りません（${onHand.get(l.skuId)}） (not enough stock: ${onHand.get(l.skuId)})` }];
    return [];
  });
  if (issues.some((i) => i.path[2] === "skuId")) throw invalid("unknown SKU", issues);
  if (issues.length) throw new ServiceError("INSUFFICIENT_STOCK", "not enough stock", issues);
}

/** The document made earlier with this key, if any (a retry answers it). */
async function madeBefore(ctx: ServiceContext, locationId: string, kind: string, number: string) {
  const row = await ctx.db.first<{ id: string }>("SELECT id FROM store_documents WHERE merchant_id = ?1 AND location_id = ?2 AND kind = ?3 AND number = ?4", locationId, kind, number);
  return row ? getDocument(ctx, row.id) : null;
}

/**
 * Writes a keyed document: when another request with the same key wrote it a moment earlier (a
 * double click that passed `madeBefore` together), the unique number refuses this batch whole and
 * the first one's document is the answer.
 */
async function writeOnce<T>(write: () => Promise<unknown>, first: () => Promise<T | null>): Promise<T | null> {
  try {
    await write();
  } catch (error) {
    if (!String(error).includes("UNIQUE constraint failed")) throw error;
    const made = await first();
    if (!made) throw error;
    return made;
  }
  return null;
}

const outMovements = (id: string, locationId: string, lines: Lines, reason: string) =>
  lines.map((l, i) => ({ skuId: l.skuId, locationId, bucket: "on_hand" as const, quantity: -l.quantity, reason, sourceType: "store_document", sourceId: id, key: `doc:${id}:out:${i}` }));

export async function createOutbound(ctx: ServiceContext, input: z.infer<typeof OutboundInput>) {
  const number = `OUT-${input.idempotencyKey}`;
  const before = await madeBefore(ctx, input.locationId, "other_out", number);
  if (before) return before;
  await checkOut(ctx, input.locationId, input.lines);
  const id = newId("out");
  const at = nowIso();
  const earlier = await writeOnce(
    () =>
      ctx.db.batch([
        ctx.db.stmt(
          `INSERT INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, body, occurred_at, received_at, posted_at)
           VALUES (?2, ?1, ?3, ?4, 'other_out', ?5, 'posted', ?6, ?7, ?7, ?7)`,
          id,
          input.locationId,
          ctx.actor.id,
          number,
          JSON.stringify({ kind: "other_out", reason: input.reason, lines: input.lines }),
          at,
        ),
        ...movementStatements(ctx.db, outMovements(id, input.locationId, input.lines, "other_out"), at, `${ctx.actor.kind}:${ctx.actor.id}`),
      ]),
    () => madeBefore(ctx, input.locationId, "other_out", number),
  );
  if (earlier) return earlier;
  await stockChanged(ctx, input.lines.map((l) => l.skuId));
  return getDocument(ctx, id);
}

export async function createTransfer(ctx: ServiceContext, input: z.infer<typeof TransferInput>) {
  if (input.fromLocationId === input.toLocationId) throw invalid("same store", [{ path: ["toLocationId"], message: "移動元と移動先が同じです (from and to are the same)" }]);
  const number = `TR-${input.idempotencyKey}`;
  const before = await madeBefore(ctx, input.fromLocationId, "transfer", number);
  if (before) return before;
  const to = await ctx.db.first("SELECT id FROM locations WHERE merchant_id = ?1 AND id = ?2", input.toLocationId);
  if (!to) throw invalid("unknown location", [{ path: ["toLocationId"], message: notFoundMessage("location") }]);
  await checkOut(ctx, input.fromLocationId, input.lines, "fromLocationId");
  const id = newId("trf");
  const inboundId = newId("inb");
  const at = nowIso();
  const write = () => ctx.db.batch([
    ctx.db.stmt(
      `INSERT INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, reference_id, body, occurred_at, received_at, posted_at)
       VALUES (?2, ?1, ?3, ?4, 'transfer', ?5, 'posted', ?6, ?7, ?8, ?8, ?8)`,
      id,
      input.fromLocationId,
      ctx.actor.id,
      number,
      inboundId,
      JSON.stringify({ kind: "transfer", toLocationId: input.toLocationId, lines: input.lines }),
      at,
    ),
    // the other store receives it like any delivery: counts confirmed, differences kept
    ctx.db.stmt(
      `INSERT INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, reference_id, body, occurred_at, received_at)
       VALUES (?2, ?1, ?3, ?4, 'inbound', ?5, 'pending', ?6, ?7, ?8, ?8)`,
      inboundId,
      input.toLocationId,
      ctx.actor.id,
      number,
      id,
      JSON.stringify({ kind: "transfer", reference: number, lines: input.lines }),
      at,
    ),
    ...movementStatements(ctx.db, outMovements(id, input.fromLocationId, input.lines, "transfer_out"), at, `${ctx.actor.kind}:${ctx.actor.id}`),
  ]);
  const earlier = await writeOnce(write, () => madeBefore(ctx, input.fromLocationId, "transfer", number));
  if (earlier) return earlier;
  await stockChanged(ctx, input.lines.map((l) => l.skuId));
  return getDocument(ctx, id);
}
