/**
 * The daily stock sync of seed 003 §5, at 02:10 in the merchant's time zone: both directions, with
 * the master chosen once per link — the ERP's figures overwrite the stores' (erp), or the stores'
 * overwrite the ERP's (stores) — and only for SKUs whose stock changed since the last sync, on
 * either side. Each SKU's outcome is kept as the drift report.
 *
 * An overwrite must never re-inflate stock a sale already took. So every document and sale not yet
 * sent goes to the ERP first; and since a sale reaches the ERP as a trade whose goods leave the
 * ERP's stock_num only when the ERP ships it, the ERP's figure compared with Renkei's on-hand is
 * stock_num − order_num − sending_num (what unshipped trades still hold). Stores master sets the
 * ERP to on-hand + that hold, so when those trades ship the ERP lands on Renkei's figure, not below.
 *
 * Exactly once per run: Renkei's side is set inside one statement per page (target − on-hand,
 * read in the same statement, keyed by run, SKU and location); the ERP's side is a 盘点 whose
 * api_outer_no is the run's, so a retry of the run is answered "already accepted".
 */
import type { ConnectionRecord } from "../../connections/connections";
import { readCursor, saveCursorStatement } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { registerJob } from "../../sync/jobs";
import { stockChanged } from "../../sync/stock-push";
import { exportDocuments } from "./exports";
import { linkedLocations, stopOnBadCredentials, wangdianClient, type LinkedLocation } from "./link";
import { WangdianSettings } from "./settings";

export const STOCK_SYNC_JOB = "wangdian.stock-sync";
const MOVEMENT_CURSOR = "stock-sync-movement";
const TIME_CURSOR = "stock-sync-at";
/** A first sync looks back this far on both sides. */
const FIRST_SYNC_MS = 24 * 3600_000;
const PAGE = 500;
/** SKUs changed only in Renkei whose ERP figure is read one by one under the ERP master, per store and night. */
const ERP_READS_PER_LOCATION = 500;

type Counts = Record<"locations" | "skus" | "renkeiSet" | "erpSet" | "equal" | "unknownSkus" | "calls" | "documentsFlushed", number>;

interface Figure {
  skuId: string;
  code: string;
  renkei: number;
  /** The ERP's stock net of unshipped trades (null: the ERP's row did not change since the last sync). */
  erp: number | null;
  /** What the ERP's unshipped trades hold (order_num + sending_num). */
  held: number;
}

export async function syncStock(ctx: ServiceContext, connection: ConnectionRecord, runId: string, now = Date.now()) {
  const settings = WangdianSettings.parse(connection.settings);
  const counts: Counts = { locations: 0, skus: 0, renkeiSet: 0, erpSet: 0, equal: 0, unknownSkus: 0, calls: 0, documentsFlushed: 0 };
  if (!settings.stockMaster) return counts;
  // What the ERP has not yet heard of goes first (transient failures stop the sync here, to retry).
  const flushed = await exportDocuments(ctx, connection, { flush: true, now });
  counts.documentsFlushed = flushed.trades + flushed.stockins + flushed.stockouts + flushed.stocktakes;

  const client = await wangdianClient(ctx, connection);
  const [lastMovement, lastAt, top] = await Promise.all([
    readCursor(ctx, connection.id, MOVEMENT_CURSOR),
    readCursor(ctx, connection.id, TIME_CURSOR),
    ctx.db.first<{ id: number | null }>("SELECT MAX(id) AS id FROM stock_movements WHERE merchant_id = ?1"),
  ]);
  const since = lastAt ? Date.parse(lastAt) : now - FIRST_SYNC_MS;
  const sinceMovement = lastMovement ? Number(lastMovement) : await movementAt(ctx, since);
  const at = nowIso();

  for (const location of await linkedLocations(ctx, connection.id)) {
    counts.locations++;
    const figures = new Map<string, Figure>();
    // Renkei's side: SKUs with a movement at this store since the last sync (not the sync's own).
    const moved = await ctx.db.all<{ sku_id: string; code: string; on_hand: number | null }>(
      `SELECT s.id AS sku_id, s.code, l.on_hand FROM skus s LEFT JOIN stock_levels l ON l.sku_id = s.id AND l.location_id = ?2
       WHERE +s.merchant_id = ?1 AND s.id IN (
         SELECT DISTINCT m.sku_id FROM stock_movements m WHERE m.id > ?3 AND m.id <= ?4 AND m.merchant_id = ?1 AND m.location_id = ?2 AND m.bucket = 'on_hand'
           AND m.reason <> 'erp_stock_sync')`,
      location.id,
      sinceMovement,
      top?.id ?? 0,
    );
    for (const r of moved) figures.set(r.code, { skuId: r.sku_id, code: r.code, renkei: r.on_hand ?? 0, erp: null, held: 0 });
    // The ERP's side: stock rows of this warehouse changed since the last sync (a pushed trade
    // changes its rows, so a SKU sold since then is among them with what the trade holds).
    const erpRows = new Map<string, { stock: number; held: number }>();
    for await (const rows of client.stock(location.code, { from: since, to: now + 1000 })) {
      for (const row of rows) {
        const held = Math.round((row.order_num ?? 0) + (row.sending_num ?? 0));
        erpRows.set(row.spec_no, { stock: Math.round(row.stock_num) - held, held });
      }
    }
    const unknown = [...erpRows.keys()].filter((code) => !figures.has(code));
    for (let i = 0; i < unknown.length; i += PAGE) {
      const found = await ctx.db.all<{ id: string; code: string; on_hand: number | null }>(
        `SELECT s.id, s.code, l.on_hand FROM skus s LEFT JOIN stock_levels l ON l.sku_id = s.id AND l.location_id = ?2
         WHERE s.merchant_id = ?1 AND s.code IN (SELECT value FROM json_each(?3))`,
        location.id,
        JSON.stringify(unknown.slice(i, i + PAGE)),
      );
      for (const r of found) figures.set(r.code, { skuId: r.id, code: r.code, renkei: r.on_hand ?? 0, erp: null, held: 0 });
    }
    for (const [code, row] of erpRows) {
      const figure = figures.get(code);
      if (figure) Object.assign(figure, { erp: row.stock, held: row.held });
    }
    // ERP master: a SKU that moved only in Renkei, by something the ERP never hears of (a manual
    // adjustment in the admin), is read from the ERP by code so the ERP's figure still wins. One
    // call per SKU, so at most ERP_READS_PER_LOCATION a night; the rest show "—" in the drift report.
    if (settings.stockMaster === "erp") {
      const unread = [...figures.values()].filter((f) => f.erp === null).slice(0, ERP_READS_PER_LOCATION);
      for (const figure of unread) {
        const [row] = await client.stockOf(figure.code, location.code);
        counts.calls++;
        if (!row) continue;
        const held = Math.round((row.order_num ?? 0) + (row.sending_num ?? 0));
        Object.assign(figure, { erp: Math.round(row.stock_num) - held, held });
      }
    }
    counts.unknownSkus += unknown.filter((code) => !figures.has(code)).length;
    const all = [...figures.values()];
    counts.skus += all.length;
    if (settings.stockMaster === "erp") await renkeiFromErp(ctx, connection, runId, location, all, at, counts);
    else await erpFromRenkei(ctx, client, runId, location, all, counts);
    await recordDrift(ctx, connection.id, runId, location, all, settings.stockMaster, at);
  }
  // The next sync starts where this one read: movements by ID, the ERP by time.
  await ctx.db.batch([
    saveCursorStatement(ctx, connection.id, MOVEMENT_CURSOR, String(top?.id ?? sinceMovement)),
    saveCursorStatement(ctx, connection.id, TIME_CURSOR, new Date(now).toISOString()),
  ]);
  return counts;
}

/** The first movement ID at or after an instant (a first sync reaches back to it). */
async function movementAt(ctx: ServiceContext, instant: number): Promise<number> {
  const row = await ctx.db.first<{ id: number | null }>("SELECT MIN(id) - 1 AS id FROM stock_movements WHERE merchant_id = ?1 AND created_at >= ?2", new Date(instant).toISOString());
  return row?.id ?? Number.MAX_SAFE_INTEGER;
}

/** ERP master: Renkei's on-hand set to the ERP's figure, inside the statement (a sale meanwhile is kept). */
async function renkeiFromErp(ctx: ServiceContext, connection: ConnectionRecord, runId: string, location: LinkedLocation, figures: Figure[], at: string, counts: Counts) {
  const targets = figures.filter((f) => f.erp !== null && f.erp !== f.renkei);
  counts.equal += figures.filter((f) => f.erp !== null && f.erp === f.renkei).length;
  for (let i = 0; i < targets.length; i += PAGE) {
    const page = targets.slice(i, i + PAGE);
    await ctx.db.batch([
      ctx.db.stmt(
        `INSERT OR IGNORE INTO stock_movements
           (merchant_id, sku_id, location_id, bucket, quantity, reason, source_type, source_id, idempotency_key, actor, created_at)
         SELECT ?1, d.sku, ?2, 'on_hand', d.diff, 'erp_stock_sync', 'connection', ?3, 'erpsync:' || ?4 || ':' || ?2 || ':' || d.sku, ?5, ?6
         FROM (SELECT t.value ->> 0 AS sku, (t.value ->> 1) - COALESCE((SELECT l.on_hand FROM stock_levels l WHERE l.sku_id = t.value ->> 0 AND l.location_id = ?2), 0) AS diff
               FROM json_each(?7) t) d
         WHERE d.diff <> 0`,
        location.id,
        connection.id,
        runId,
        `connection:${connection.id}`,
        at,
        JSON.stringify(page.map((f) => [f.skuId, f.erp])),
      ),
    ]);
    counts.renkeiSet += page.length;
  }
  if (targets.length) await stockChanged(ctx, targets.map((t) => t.skuId));
}

/**
 * Stores master: a 盘点 of the changed SKUs (≤ 500 lines a call, the client splits) with Renkei's
 * on-hand plus what the ERP's unshipped trades hold, since their shipment takes that again.
 */
async function erpFromRenkei(ctx: ServiceContext, client: Awaited<ReturnType<typeof wangdianClient>>, runId: string, location: LinkedLocation, figures: Figure[], counts: Counts) {
  const lines = figures.filter((f) => f.erp === null || f.erp !== Math.max(0, f.renkei));
  counts.equal += figures.length - lines.length;
  if (!lines.length) return;
  const results = await client.stocktake({
    warehouseNo: location.code,
    apiOuterNo: `sync-${runId}-${location.code}`,
    lines: lines.map((f) => ({ spec_no: f.code, stock_num: Math.max(0, f.renkei) + f.held })),
  });
  counts.calls += results.length;
  counts.erpSet += lines.length;
}

/** The first attempt of a run tells what was found; a retry of the run does not rewrite it. */
async function recordDrift(ctx: ServiceContext, connectionId: string, runId: string, location: LinkedLocation, figures: Figure[], master: "erp" | "stores", at: string) {
  const rows = figures.map((f) => {
    const difference = f.erp === null ? null : f.erp - f.renkei;
    const action = master === "erp" ? (f.erp === null || difference === 0 ? "none" : "renkei_set") : f.erp !== null && f.erp === Math.max(0, f.renkei) ? "none" : "erp_set";
    return [f.skuId, f.code, f.renkei, f.erp, difference, action];
  });
  for (let i = 0; i < rows.length; i += PAGE) {
    await ctx.db.run(
      `INSERT OR IGNORE INTO stock_sync_drift (run_id, merchant_id, connection_id, location_id, sku_id, code, renkei, erp, difference, action, at)
       SELECT ?3, ?1, ?2, ?4, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, ?5 FROM json_each(?6) r`,
      connectionId,
      runId,
      location.id,
      at,
      JSON.stringify(rows.slice(i, i + PAGE)),
    );
  }
}

registerJob({
  name: STOCK_SYNC_JOB,
  needsConnection: true,
  handler: ({ ctx, connection, runId }) => stopOnBadCredentials(ctx, connection!, () => syncStock(ctx, connection!, runId)),
});
