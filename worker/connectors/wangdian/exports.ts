/**
 * Store → ERP (seed 003 §4: "智能POS门店系统全单据可回传给ERP"): the document_exports queue, filled by
 * the database as documents are taken or posted, sent in order. Sales go as trades in pushes of
 * ≤ 50; returns, exchanges and receipts as 其他入库 / 其他出库; approved stocktakes as 盘点 (or as
 * their differences). Exactly once whatever the ERP or the network does: every payload carries
 * the ERP's dedupe key (tid / outer_no / api_outer_no), an export is marked sent only after the
 * ERP answered, and a resend of something the ERP already has is answered "already accepted".
 *
 * Sales can wait for the seed's 10-minute cadence; a stocktake never overtakes a sale made before
 * it (its counts already include that sale, so the ERP must have it first).
 */
import { z } from "zod";
import { StoreDocumentInput } from "../../../shared/schemas/documents";
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { registerJob } from "../../sync/jobs";
import { WangdianError, type WangdianClient } from "./client";
import { FILE_SOURCE } from "../../documents/inbound-import";
import { RECEIPT_ORIGIN } from "./admin";
import { stopOnBadCredentials, wangdianClient } from "./link";
import { exchangeStockout, receiptStockin, returnStockin, reversalStockin, saleTrade, stocktakeAdjustments, storeStockout, type ReversalDoc, type SkuInfo, type SkuLookup } from "./mapping";
import { WangdianSettings } from "./settings";

export const EXPORT_JOB = "wangdian.export-documents";
const PAGE = 200;
const MAX_PAGES_PER_RUN = 25;
const SALES_EVERY_MS = 10 * 60_000;

interface PendingRow {
  id: number;
  document_id: string;
  event: "sale" | "goods_out" | "goods_in" | "stocktake";
  queued_at: string;
  kind: string;
  number: string;
  body: string;
  warehouse_no: string;
  posted_at: string | null;
  location_id: string;
  origin: string | null;
}

type Counts = Record<"trades" | "stockins" | "stockouts" | "stocktakes" | "alreadyAccepted" | "skipped" | "failed" | "held" | "calls", number>;

export async function exportDocuments(ctx: ServiceContext, connection: ConnectionRecord, options: { flush?: boolean; now?: number } = {}): Promise<Counts> {
  const settings = WangdianSettings.parse(connection.settings);
  const { currency } = await ctx.db.merchant();
  const client = await wangdianClient(ctx, connection);
  const counts: Counts = { trades: 0, stockins: 0, stockouts: 0, stocktakes: 0, alreadyAccepted: 0, skipped: 0, failed: 0, held: 0, calls: 0 };
  const now = options.now ?? Date.now();
  let after = 0;
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const rows = await ctx.db.all<PendingRow>(
      `SELECT e.id, e.document_id, e.event, e.queued_at, d.kind, d.number, d.body, d.posted_at, d.location_id, l.code AS warehouse_no, ${RECEIPT_ORIGIN} AS origin
       FROM document_exports e
       JOIN store_documents d ON d.merchant_id = e.merchant_id AND d.id = e.document_id
       JOIN locations l ON l.id = d.location_id
       WHERE e.merchant_id = ?1 AND e.connection_id = ?2 AND e.sent_at IS NULL AND e.id > ?3 AND e.attempts < 5
       ORDER BY e.id LIMIT ?4`,
      connection.id,
      after,
      PAGE,
    );
    if (!rows.length) break;
    after = rows.at(-1)!.id;
    const sku = await skuLookup(ctx, rows);
    // Sales wait for the 10-minute tick unless the link sends them at once or a flush asks.
    const oldestSale = rows.find((r) => r.event === "sale");
    const holdSales = !options.flush && settings.salesCadence === "ten_minutes" && !!oldestSale && now - Date.parse(oldestSale.queued_at) < SALES_EVERY_MS;
    let sales: PendingRow[] = [];
    let saleHeld = false;
    const flushSales = async () => {
      if (sales.length) await sendSales(ctx, client, connection, settings, currency, sku, sales, counts);
      sales = [];
    };
    for (const row of rows) {
      if (row.event === "sale") {
        if (holdSales) {
          saleHeld = true;
          counts.held++;
        } else sales.push(row);
        continue;
      }
      // a stocktake's counts include the sales made before it: the ERP must have them first
      if (row.event === "stocktake" && saleHeld) return counts;
      await flushSales();
      await sendOne(ctx, client, connection, settings, currency, sku, row, counts);
    }
    await flushSales();
    if (rows.length < PAGE) break;
  }
  return counts;
}

async function skuLookup(ctx: ServiceContext, rows: PendingRow[]): Promise<SkuLookup> {
  const ids = new Set<string>();
  for (const row of rows) {
    const body = JSON.parse(row.body) as { lines?: { skuId: string }[]; returned?: { skuId: string }[]; given?: { skuId: string }[]; counts?: [string, number][] };
    for (const l of [...(body.lines ?? []), ...(body.returned ?? []), ...(body.given ?? [])]) ids.add(l.skuId);
    for (const [skuId] of body.counts ?? []) ids.add(skuId);
  }
  const found = await ctx.db.all<{ id: string; code: string; name: string }>(
    `SELECT s.id, s.code, p.name || CASE WHEN s.spec_name <> '' THEN ' ' || s.spec_name ELSE '' END AS name
     FROM skus s JOIN products p ON p.id = s.product_id WHERE +s.merchant_id = ?1 AND s.id IN (SELECT value FROM json_each(?2))`,
    JSON.stringify([...ids]),
  );
  const byId = new Map<string, SkuInfo>(found.map((s) => [s.id, { code: s.code, name: s.name }]));
  return (skuId) => {
    const info = byId.get(skuId);
    if (!info) throw new Error(`SKU ${skuId} not found`);
    return info;
  };
}

async function markSent(ctx: ServiceContext, ids: number[], externalNo: string | null) {
  await ctx.db.run(
    "UPDATE document_exports SET sent_at = ?2, external_no = ?3, last_error = NULL WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?4))",
    nowIso(),
    externalNo,
    JSON.stringify(ids),
  );
}

/** Bad data for this one export (retrying will not help): kept with the ERP's words, the rest go on. */
async function markFailed(ctx: ServiceContext, id: number, message: string) {
  await ctx.db.run("UPDATE document_exports SET attempts = attempts + 1, last_error = ?3 WHERE merchant_id = ?1 AND id = ?2", id, message.slice(0, 1000));
}

/**
 * What only this export can fix: the ERP refusing it, a SKU it names gone, or its stored body no
 * longer reading as a document (a parse or shape error — the client turns network failures into
 * TransientError, so a TypeError here is about the document). Anything else retries the run; a
 * data error there would hold every later export behind this one forever.
 */
function isDataError(error: unknown): error is Error {
  if (error instanceof WangdianError) return !error.isCredentials;
  return error instanceof z.ZodError || error instanceof SyntaxError || error instanceof TypeError || (error instanceof Error && /not found/.test(error.message));
}

async function sendSales(
  ctx: ServiceContext,
  client: WangdianClient,
  connection: ConnectionRecord,
  settings: WangdianSettings,
  currency: "JPY" | "CNY",
  sku: SkuLookup,
  rows: PendingRow[],
  counts: Counts,
) {
  const trades = [];
  const ok: PendingRow[] = [];
  for (const row of rows) {
    try {
      const sale = StoreDocumentInput.parse(JSON.parse(row.body));
      if (sale.kind !== "sale") throw new Error(`document ${row.number} is not a sale`);
      trades.push(saleTrade(sale, sku, { currency, warehouseNo: row.warehouse_no, buyer: settings.walkInBuyer }));
      ok.push(row);
    } catch (error) {
      counts.failed++;
      await markFailed(ctx, row.id, String(error instanceof Error ? error.message : error));
    }
  }
  if (!trades.length) return;
  try {
    const result = await client.pushTrades(settings.shopNo, trades);
    counts.calls += result.calls;
    counts.trades += result.newCount + result.chgCount;
    counts.alreadyAccepted += result.unchanged;
    await markSent(ctx, ok.map((r) => r.id), null);
  } catch (error) {
    if (!isDataError(error) || trades.length === 1) {
      if (isDataError(error)) {
        counts.failed++;
        await markFailed(ctx, ok[0]!.id, error.message);
        return;
      }
      throw error;
    }
    // One bad trade refuses its whole push: send them one by one to find it and let the rest through.
    for (const row of ok) await sendSales(ctx, client, connection, settings, currency, sku, [row], counts);
  }
}

async function sendOne(
  ctx: ServiceContext,
  client: WangdianClient,
  connection: ConnectionRecord,
  settings: WangdianSettings,
  currency: "JPY" | "CNY",
  sku: SkuLookup,
  row: PendingRow,
  counts: Counts,
) {
  try {
    const body = JSON.parse(row.body) as Record<string, unknown>;
    if (row.event === "stocktake") return await sendStocktake(ctx, client, settings, sku, row, body, counts);
    if (row.kind === "other_out" || row.kind === "transfer") {
      const lines = body.lines as { skuId: string; quantity: number }[];
      const outcome = await client.pushStockout(storeStockout({ number: row.number, kind: row.kind, lines }, sku, { warehouseNo: row.warehouse_no }));
      counts.calls++;
      if (outcome.status === "created") counts.stockouts++;
      else counts.alreadyAccepted++;
      return await markSent(ctx, [row.id], outcome.status === "created" ? outcome.stockoutNo : null);
    }
    const context = { currency, warehouseNo: row.warehouse_no };
    // a 冲单 is Renkei's own document (worker/documents/reversal.ts), not one a device sends
    const doc = row.kind === "reversal" ? null : StoreDocumentInput.parse(body);
    if (row.event === "goods_out" && doc?.kind === "exchange") {
      const outcome = await client.pushStockout(exchangeStockout(doc, sku, context));
      counts.calls++;
      if (outcome.status === "created") counts.stockouts++;
      else counts.alreadyAccepted++;
      return await markSent(ctx, [row.id], outcome.status === "created" ? outcome.stockoutNo : null);
    }
    const info = !doc
      ? reversalStockin({ ...(body as Omit<ReversalDoc, "number">), number: row.number }, sku, context)
      : doc.kind === "receipt"
        ? receiptStockin(doc, sku, { ...context, imported: row.origin === FILE_SOURCE })
        : doc.kind === "return" || doc.kind === "exchange"
          ? returnStockin(doc, sku, { ...context, withDefective: settings.defectiveReturnsToErp })
          : null;
    if (!info) {
      // e.g. a return of defective goods only, kept in the store for viewing (§2.3.2)
      counts.skipped++;
      return await markSent(ctx, [row.id], "skipped: nothing to send");
    }
    const outcome = await client.pushStockin(info);
    counts.calls++;
    if (outcome.status === "created") counts.stockins++;
    else counts.alreadyAccepted++;
    await markSent(ctx, [row.id], outcome.status === "created" ? outcome.stockinNo : null);
  } catch (error) {
    if (!isDataError(error)) throw error;
    counts.failed++;
    await markFailed(ctx, row.id, error.message);
  }
}

/**
 * An approved stocktake (商家后台审核): as a 盘点 of the counted SKUs with the store's on-hand as of
 * the approval (the count, plus what moved between counting and approving — sales after the approval
 * follow as trades), or as its surplus / deficit movements.
 */
async function sendStocktake(ctx: ServiceContext, client: WangdianClient, settings: WangdianSettings, sku: SkuLookup, row: PendingRow, body: Record<string, unknown>, counts: Counts) {
  if (settings.stocktakeAs === "adjustments") {
    const moved = await ctx.db.all<{ sku_id: string; quantity: number }>(
      "SELECT sku_id, SUM(quantity) AS quantity FROM stock_movements WHERE merchant_id = ?1 AND source_type = 'store_document' AND source_id = ?2 GROUP BY sku_id",
      row.document_id,
    );
    const { stockin, stockout } = stocktakeAdjustments(row.document_id, moved.map((m) => ({ code: sku(m.sku_id).code, quantity: m.quantity })), row.warehouse_no);
    const tally = (outcome: { status: string }) => {
      counts.calls++;
      if (outcome.status === "created") counts.stocktakes++;
      else counts.alreadyAccepted++;
    };
    if (stockin) tally(await client.pushStockin(stockin));
    if (stockout) tally(await client.pushStockout(stockout));
    return markSent(ctx, [row.id], null);
  }
  const skuIds = ((body.counts as [string, number][] | undefined) ?? []).map(([id]) => id);
  const levels = await ctx.db.all<{ sku_id: string; on_hand: number }>(
    `SELECT sku_id, SUM(quantity) AS on_hand FROM stock_movements
     WHERE merchant_id = ?1 AND location_id = ?2 AND bucket = 'on_hand' AND created_at <= ?3 AND sku_id IN (SELECT value FROM json_each(?4))
     GROUP BY sku_id`,
    row.location_id,
    row.posted_at ?? nowIso(),
    JSON.stringify(skuIds),
  );
  const onHand = new Map(levels.map((l) => [l.sku_id, l.on_hand]));
  const results = await client.stocktake({
    warehouseNo: row.warehouse_no,
    apiOuterNo: row.document_id,
    lines: skuIds.map((id) => ({ spec_no: sku(id).code, stock_num: Math.max(0, onHand.get(id) ?? 0) })),
  });
  counts.calls += results.length;
  for (const r of results) {
    if (r.status === "created") counts.stocktakes++;
    else counts.alreadyAccepted++;
  }
  const first = results.find((r) => r.status === "created") as { pdNo?: string } | undefined;
  await markSent(ctx, [row.id], first?.pdNo ?? null);
}

registerJob({
  name: EXPORT_JOB,
  needsConnection: true,
  handler: ({ ctx, connection, payload }) => stopOnBadCredentials(ctx, connection!, () => exportDocuments(ctx, connection!, { flush: payload.flush === true })),
});
