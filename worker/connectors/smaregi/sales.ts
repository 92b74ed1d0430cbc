/**
 * Smaregi POS sales (the pos:transactions webhook): each transaction is re-read from Smaregi by
 * its ID, recorded for the link's page (smaregi_sales), and its stock taken into Renkei.
 *
 * The rule that counts a sale exactly once, whichever of its webhooks comes first:
 *  - at a location Renkei owns: the transaction's lines, each −quantity, under the ledger key
 *    `smaregi:<link>:sale:<transactionHeadId>:<transactionDetailId>`. The pos:transactions webhook
 *    applies them; the sale's own pos:stock rows (stock-history memo 「取引 <transactionHeadId>」 [I:
 *    the fake's wording]) are not applied as deltas of their own but lead here to the same
 *    transaction, so whichever comes second finds every key taken. A duplicate changes nothing.
 *  - at a location Smaregi owns: Renkei's figure follows Smaregi's, re-read after the sale
 *    (align.ts). That figure already holds the sale, so either webhook sets the same number and the
 *    later one finds nothing to change.
 * A cancelled transaction (cancelDivision "1") is recorded and moves nothing [I]: Smaregi's own
 * stock rows for a cancellation come as pos:stock and are taken there.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { appliedKeys, movementStatements, type MovementInput } from "../../inventory/ledger";
import { stockChanged } from "../../sync/stock-push";
import type { SmaregiTransaction } from "../../../shared/schemas/smaregi";
import { alignmentMovements, smaregiFigures, type AlignRow, type Figure } from "./align";
import type { SmaregiClient } from "./client";
import { admitted } from "./pace";
import { SmaregiSettings } from "./settings";

/** The stock-history memo of a terminal sale [I]. */
export const SALE_MEMO_PREFIX = "取引 ";

/** The transaction a stock-history row belongs to, when it is a sale's. */
export function saleOfMemo(memo: string | null | undefined): string | null {
  if (!memo?.startsWith(SALE_MEMO_PREFIX)) return null;
  const id = memo.slice(SALE_MEMO_PREFIX.length).trim();
  return /^\d+$/.test(id) ? id : null;
}

export interface SaleCounts {
  recorded: number;
  applied: number;
  aligned: number;
  unchanged: number;
  unmapped: number;
}

async function skusOf(ctx: ServiceContext, connectionId: string, productIds: string[]) {
  const rows = await ctx.db.all<{ renkei_id: string; external_id: string }>(
    `SELECT renkei_id, external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'sku'
     AND external_id IN (SELECT value FROM json_each(?3))`,
    connectionId,
    JSON.stringify(productIds),
  );
  return new Map(rows.map((r) => [r.external_id, r.renkei_id]));
}

/**
 * Takes these transactions (re-read by ID): records each, and moves Renkei's stock by the rule
 * above. Used by the pos:transactions webhook and by a sale's pos:stock rows (stock.ts).
 */
export async function takeTransactions(
  ctx: ServiceContext,
  connection: ConnectionRecord,
  client: SmaregiClient,
  paced: () => Promise<void>,
  transactionHeadIds: string[],
): Promise<SaleCounts> {
  const settings = SmaregiSettings.parse(connection.settings);
  const locations = new Map(settings.locations.map((l) => [l.smaregiStoreId, l]));
  const counts: SaleCounts = { recorded: 0, applied: 0, aligned: 0, unchanged: 0, unmapped: 0 };
  const transactions: SmaregiTransaction[] = [];
  for (const id of new Set(transactionHeadIds)) {
    await paced();
    transactions.push(await admitted(() => client.getTransaction(id)));
  }
  const skus = await skusOf(ctx, connection.id, [...new Set(transactions.flatMap((t) => (t.details ?? []).flatMap((d) => (d.productId ? [d.productId] : []))))]);
  const sales: MovementInput[] = [];
  const align: AlignRow[] = [];
  const at = nowIso();
  const records = transactions.map((t) => {
    const location = locations.get(t.storeId);
    const cancelled = t.cancelDivision === "1";
    const lines = (t.details ?? []).map((d) => ({
      detailId: d.transactionDetailId,
      productId: d.productId ?? null,
      productCode: d.productCode ?? null,
      productName: d.productName ?? null,
      quantity: d.quantity,
      salesPrice: d.salesPrice,
      skuId: (d.productId && skus.get(d.productId)) || null,
    }));
    for (const line of lines) {
      if (!line.productId) continue;
      if (!location || !line.skuId) {
        counts.unmapped++;
        continue;
      }
      if (location.master === "smaregi") align.push({ productId: line.productId, storeId: t.storeId, skuId: line.skuId, locationId: location.locationId });
      else if (!cancelled && line.quantity !== 0) {
        sales.push({
          skuId: line.skuId,
          locationId: location.locationId,
          bucket: "on_hand",
          quantity: -line.quantity,
          reason: "smaregi_sale",
          sourceType: "smaregi",
          sourceId: t.transactionHeadId,
          key: `smaregi:${connection.id}:sale:${t.transactionHeadId}:${line.detailId}`,
        });
      }
    }
    return ctx.db.stmt(
      `INSERT INTO smaregi_sales (merchant_id, connection_id, transaction_head_id, store_id, location_id, transacted_at, total, cancelled, lines, recorded_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
       ON CONFLICT (connection_id, transaction_head_id) DO UPDATE SET store_id = excluded.store_id, location_id = excluded.location_id,
         transacted_at = excluded.transacted_at, total = excluded.total, cancelled = excluded.cancelled, lines = excluded.lines`,
      connection.id,
      t.transactionHeadId,
      t.storeId,
      location?.locationId ?? null,
      new Date(Date.parse(t.transactionDateTime)).toISOString(),
      t.total,
      cancelled ? 1 : 0,
      JSON.stringify(lines),
      at,
    );
  });
  const figures = align.length ? await smaregiFigures(client, paced, align) : new Map<string, Figure>();
  const aligned = await alignmentMovements(ctx, connection.id, align, figures, transactions.map((t) => t.transactionHeadId).join(",").slice(0, 200));
  const movements = [...sales, ...aligned];
  const before = await appliedKeys(ctx.db, movements.map((m) => m.key));
  const fresh = movements.filter((m) => !before.has(m.key));
  await ctx.db.batch([...records, ...movementStatements(ctx.db, fresh, at, `system:smaregi:${connection.id}`)]);
  await stockChanged(ctx, [...new Set(fresh.map((m) => m.skuId))]);
  counts.recorded = records.length;
  counts.applied = fresh.filter((m) => m.reason === "smaregi_sale").length;
  counts.aligned = fresh.length - counts.applied;
  counts.unchanged = movements.length - fresh.length;
  return counts;
}

/** How long a recorded sale stays listed: the ledger keeps the stock it moved for good, this is only the page's list. */
export const KEEP_SALES_DAYS = 90;

/** Forgets this link's recorded sales older than KEEP_SALES_DAYS, so the list does not grow without bound. */
export function pruneSalesStatement(ctx: ServiceContext, connectionId: string) {
  return ctx.db.stmt(
    "DELETE FROM smaregi_sales WHERE merchant_id = ?1 AND connection_id = ?2 AND transacted_at < ?3",
    connectionId,
    nowIso(Date.now() - KEEP_SALES_DAYS * 86400_000),
  );
}

/** The link's recent Smaregi POS sales, newest first (for the link's page). */
export async function recentSales(ctx: ServiceContext, connectionId: string, limit = 50) {
  const rows = await ctx.db.all<{
    transaction_head_id: string;
    store_id: string;
    location_id: string | null;
    transacted_at: string;
    total: number;
    cancelled: number;
    lines: string;
  }>(
    `SELECT transaction_head_id, store_id, location_id, transacted_at, total, cancelled, lines FROM smaregi_sales
     WHERE merchant_id = ?1 AND connection_id = ?2 ORDER BY transacted_at DESC, CAST(transaction_head_id AS INTEGER) DESC LIMIT ?3`,
    connectionId,
    limit,
  );
  return rows.map((r) => ({
    transactionHeadId: r.transaction_head_id,
    smaregiStoreId: r.store_id,
    locationId: r.location_id,
    transactedAt: r.transacted_at,
    total: r.total,
    cancelled: r.cancelled === 1,
    lines: JSON.parse(r.lines) as { detailId: string; productId: string | null; productCode: string | null; productName: string | null; quantity: number; salesPrice: number; skuId: string | null }[],
  }));
}
