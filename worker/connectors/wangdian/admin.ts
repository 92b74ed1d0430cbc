/**
 * What the admin shows and does for a 旺店通 link beyond the generic connection routes: the export
 * queue (waiting / failed / sent documents, a retry of the failed), the drift report of the daily
 * sync (any past run, paged by cursor), and the one-time stock master — changed only with a confirmation that shows what the
 * change would overwrite (§5: "一次性，之后不再更改").
 */
import { loadConnection, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { invalid, notFound } from "../../errors";
import { WangdianSettings } from "./settings";

export async function wangdianLink(ctx: ServiceContext, id: string): Promise<ConnectionRecord> {
  const connection = await loadConnection(ctx, id);
  if (!connection || connection.kind !== "wangdian") throw notFound("connection");
  return connection;
}

/** Where the delivery a receipt received came from ('file': 入库单导入), as SQL over a document `d`. */
export const RECEIPT_ORIGIN =
  "(SELECT i.body ->> '$.source' FROM store_documents i WHERE d.kind = 'receipt' AND i.merchant_id = d.merchant_id AND i.id = d.reference_id)";

export async function listExports(ctx: ServiceContext, id: string, query: { state: "waiting" | "failed" | "sent"; limit: number }) {
  await wangdianLink(ctx, id);
  const where = { waiting: "e.sent_at IS NULL AND e.attempts < 5", failed: "e.sent_at IS NULL AND e.last_error IS NOT NULL", sent: "e.sent_at IS NOT NULL" }[query.state];
  const rows = await ctx.db.all<{ id: number; document_id: string; number: string; kind: string; origin: string | null; event: string; queued_at: string; sent_at: string | null; external_no: string | null; attempts: number; last_error: string | null }>(
    `SELECT e.id, e.document_id, d.number, d.kind, ${RECEIPT_ORIGIN} AS origin, e.event, e.queued_at, e.sent_at, e.external_no, e.attempts, e.last_error
     FROM document_exports e JOIN store_documents d ON d.merchant_id = e.merchant_id AND d.id = e.document_id
     WHERE e.merchant_id = ?1 AND e.connection_id = ?2 AND ${where} ORDER BY e.id DESC LIMIT ?3`,
    id,
    query.limit,
  );
  const totals = await ctx.db.first<{ waiting: number; failed: number }>(
    `SELECT COALESCE(SUM(sent_at IS NULL), 0) AS waiting, COALESCE(SUM(sent_at IS NULL AND last_error IS NOT NULL), 0) AS failed
     FROM document_exports WHERE merchant_id = ?1 AND connection_id = ?2`,
    id,
  );
  return {
    waiting: totals?.waiting ?? 0,
    failed: totals?.failed ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      documentId: r.document_id,
      number: r.number,
      kind: r.kind,
      origin: r.origin,
      event: r.event,
      queuedAt: r.queued_at,
      sentAt: r.sent_at,
      externalNo: r.external_no,
      attempts: r.attempts,
      lastError: r.last_error,
    })),
  };
}

/** After the cause is fixed (goods added to the ERP, stock there), failed exports go again in order. */
export async function retryExports(ctx: ServiceContext, id: string) {
  await wangdianLink(ctx, id);
  const result = await ctx.db.run(
    "UPDATE document_exports SET attempts = 0, last_error = NULL WHERE merchant_id = ?1 AND connection_id = ?2 AND sent_at IS NULL AND last_error IS NOT NULL",
    id,
  );
  return { retried: result.meta.changes ?? 0 };
}

/** The daily syncs that left a drift report, newest first: one index seek per run (a run's rows share its instant). */
export async function driftRuns(ctx: ServiceContext, id: string, limit: number) {
  await wangdianLink(ctx, id);
  const runs: { runId: string; at: string }[] = [];
  let before = "9999";
  while (runs.length < limit) {
    const row = await ctx.db.first<{ run_id: string; at: string }>(
      "SELECT run_id, at FROM stock_sync_drift WHERE merchant_id = ?1 AND connection_id = ?2 AND at < ?3 ORDER BY at DESC LIMIT 1",
      id,
      before,
    );
    if (!row) break;
    // a retried run wrote later locations at a later instant: it is listed once
    if (!runs.some((r) => r.runId === row.run_id)) runs.push({ runId: row.run_id, at: row.at });
    before = row.at;
  }
  return { items: runs };
}

/** Where a page of the drift report ended: the sort key of its last row (largest difference first). */
type DriftCursor = [negAbs: number, code: string, locationId: string, skuId: string];
const encodeCursor = (c: DriftCursor) => JSON.stringify(c);
function decodeCursor(text: string): DriftCursor {
  try {
    const c = JSON.parse(text) as unknown;
    if (Array.isArray(c) && c.length === 4 && typeof c[0] === "number" && c.slice(1).every((v) => typeof v === "string")) return c as DriftCursor;
  } catch {
    // falls through to the refusal
  }
  throw invalid("bad cursor", [{ path: ["cursor"], message: "続きの位置が読めません。最初から開き直してください (unreadable cursor: reload the report)" }]);
}

/**
 * The drift report of a run (the latest when none is named), a page at a time: largest difference
 * first, then by code; a cursor (the last row's sort key) gives the next page, so a sync of many
 * thousand SKUs reads in full without an offset.
 */
export async function driftReport(ctx: ServiceContext, id: string, query: { runId?: string; onlyDifferent: boolean; limit: number; cursor?: string }) {
  await wangdianLink(ctx, id);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const run =
    query.runId ??
    (await ctx.db.first<{ run_id: string }>("SELECT run_id FROM stock_sync_drift WHERE merchant_id = ?1 AND connection_id = ?2 ORDER BY at DESC LIMIT 1", id))?.run_id;
  if (!run) return { runId: null, at: null, summary: { skus: 0, renkeiSet: 0, erpSet: 0, equal: 0 }, items: [], nextCursor: null };
  const summary = await ctx.db.first<{ skus: number; renkei_set: number; erp_set: number; equal: number; at: string }>(
    `SELECT COUNT(*) AS skus, COALESCE(SUM(action = 'renkei_set'), 0) AS renkei_set, COALESCE(SUM(action = 'erp_set'), 0) AS erp_set,
            COALESCE(SUM(action = 'none'), 0) AS equal, MAX(at) AS at
     FROM stock_sync_drift WHERE merchant_id = ?1 AND connection_id = ?2 AND run_id = ?3`,
    id,
    run,
  );
  // in the order of index stock_sync_drift_report; the lone `>=` on the difference lets SQLite seek
  // to the cursor (it does not seek on the row value alone)
  const rows = await ctx.db.all<{ location_id: string; sku_id: string; code: string; renkei: number; erp: number | null; difference: number | null; action: string; neg_abs: number }>(
    `SELECT location_id, sku_id, code, renkei, erp, difference, action, -ABS(COALESCE(difference, 0)) AS neg_abs FROM stock_sync_drift
     WHERE merchant_id = ?1 AND connection_id = ?2 AND run_id = ?3 ${query.onlyDifferent ? "AND action <> 'none'" : ""}
       ${after ? "AND -ABS(COALESCE(difference, 0)) >= ?5 AND (-ABS(COALESCE(difference, 0)), code, location_id, sku_id) > (?5, ?6, ?7, ?8)" : ""}
     ORDER BY neg_abs, code, location_id, sku_id LIMIT ?4`,
    id,
    run,
    query.limit + 1,
    ...(after ?? []),
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    runId: run,
    at: summary?.at ?? null,
    summary: { skus: summary?.skus ?? 0, renkeiSet: summary?.renkei_set ?? 0, erpSet: summary?.erp_set ?? 0, equal: summary?.equal ?? 0 },
    items: page.map((r) => ({ locationId: r.location_id, skuId: r.sku_id, code: r.code, renkei: r.renkei, erp: r.erp, difference: r.difference, action: r.action })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.neg_abs, last.code, last.location_id, last.sku_id]) : null,
  };
}

/**
 * Changing the stock master: without `confirm` it answers what the change would overwrite (the
 * SKUs with stock at the linked stores, on the side that stops being master); with it, it changes.
 */
export async function changeStockMaster(ctx: ServiceContext, id: string, input: { master: "erp" | "stores"; confirm: boolean }) {
  const connection = await wangdianLink(ctx, id);
  const settings = WangdianSettings.parse(connection.settings);
  const affected = await ctx.db.first<{ n: number }>(
    `SELECT COUNT(*) AS n FROM stock_levels l JOIN external_links el ON el.renkei_id = l.location_id AND el.connection_id = ?2 AND el.entity = 'location'
     WHERE l.merchant_id = ?1 AND l.on_hand <> 0`,
    id,
  );
  const overwrites = input.master === "erp" ? "renkei" : "erp";
  const preview = {
    current: settings.stockMaster,
    next: input.master,
    overwrites,
    skus: affected?.n ?? 0,
    message:
      input.master === "erp"
        ? "毎日02:10、ERPの在庫で店舗の在庫を上書きします (每天02:10以ERP库存覆盖门店库存; the ERP's stock will overwrite the stores' daily at 02:10)"
        : "毎日02:10、店舗の在庫でERPの在庫を上書きします (每天02:10以门店库存覆盖ERP库存; the stores' stock will overwrite the ERP's daily at 02:10)",
    changed: false,
  };
  if (!input.confirm || settings.stockMaster === input.master) return preview;
  if (connection.status === "started") {
    throw invalid("stop the link first", [{ path: ["master"], message: "連携を停止してから変更してください (stop the link before changing the master)" }]);
  }
  await ctx.db.run(
    "UPDATE connections SET settings = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2",
    id,
    JSON.stringify({ ...settings, stockMaster: input.master }),
    nowIso(),
  );
  return { ...preview, current: input.master, changed: true };
}
