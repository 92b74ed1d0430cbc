/**
 * Stock change → push to every started connection that takes stock, within a second.
 * Changed SKUs are coalesced per connection in stock_push_pending (one row per SKU however often it
 * changes, written by the ledger's own trigger), and at most one waiting push run exists per
 * connection: the run drains whatever is pending when it starts. A scheduled push run is the
 * backstop: it drains whatever a lost wake-up left behind.
 */
import { loadConnection, type ConnectionRecord } from "../connections/connections";
import { findConnector, type StockPushItem } from "../connections/registry";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { registerJob } from "./jobs";
import type { JobMessage } from "./messages";

export const STOCK_PUSH_JOB = "stock.push";

/**
 * After a stock change: the ledger's trigger has already marked the SKUs pending for every started
 * connection that takes stock (migrations/0002), in the same statement as the movement. This only
 * wakes the push for those connections.
 */
export async function stockChanged(ctx: ServiceContext, skuIds: readonly string[]): Promise<void> {
  if (!skuIds.length) return;
  const pending = await ctx.db.all<{ connection_id: string }>(
    "SELECT DISTINCT connection_id FROM stock_push_pending WHERE merchant_id = ?1 AND sku_id IN (SELECT value FROM json_each(?2))",
    JSON.stringify([...new Set(skuIds)]),
  );
  for (const row of pending) await enqueueCoalesced(ctx, row.connection_id);
}

/**
 * SKUs one link must push again (a re-check found them apart, a reconciliation owes them): the same
 * pending row the ledger's trigger writes for a change, as one statement for the caller's batch.
 * The caller then wakes the push with stockChanged.
 */
export function markPushPendingStatement(ctx: ServiceContext, connectionId: string, skuIds: readonly string[]) {
  return ctx.db.stmt(
    `INSERT INTO stock_push_pending (merchant_id, connection_id, sku_id, changed_at)
     SELECT ?1, ?2, value, ?3 FROM json_each(?4) WHERE true
     ON CONFLICT (connection_id, sku_id) DO NOTHING`,
    connectionId,
    nowIso(),
    JSON.stringify([...new Set(skuIds)]),
  );
}

/**
 * Enqueue a run of `job` (the stock push by default) unless one is already waiting (queued, or
 * retrying after a failure) for this connection: a burst of wake-ups costs one run.
 */
export async function enqueueCoalesced(ctx: ServiceContext, connectionId: string, job: string = STOCK_PUSH_JOB) {
  const runId = newId("run");
  const inserted = await ctx.db.run(
    `INSERT INTO sync_runs (id, merchant_id, connection_id, job, trigger, status, queued_at)
     SELECT ?2, ?1, ?3, ?4, 'event', 'queued', ?5
     WHERE NOT EXISTS (SELECT 1 FROM sync_runs WHERE merchant_id = ?1 AND connection_id = ?3 AND job = ?4 AND status IN ('queued', 'retrying'))`,
    runId,
    connectionId,
    job,
    nowIso(),
  );
  if (!inserted.meta.changes) return;
  const message: JobMessage = { runId, merchantId: ctx.merchantId, connectionId, job, payload: {}, trigger: "event" };
  await ctx.env.JOBS.send(message);
}

const PAGE = 500;

/** Available stock per SKU and linked location, for the SKUs pending on this connection. */
async function pendingItems(ctx: ServiceContext, connection: ConnectionRecord) {
  const rows = await ctx.db.all<{
    sku_id: string;
    sku_code: string;
    changed_at: string;
    external_location_id: string | null;
    on_hand: number | null;
    available: number | null;
  }>(
    `SELECT p.sku_id, s.code AS sku_code, p.changed_at, el.external_id AS external_location_id,
            SUM(l.on_hand) AS on_hand, SUM(l.on_hand - l.allocated - l.held) AS available
     FROM (SELECT sku_id, changed_at FROM stock_push_pending WHERE merchant_id = ?1 AND connection_id = ?2
           ORDER BY sku_id LIMIT ?3) p
     JOIN skus s ON s.id = p.sku_id
     LEFT JOIN external_links el ON el.connection_id = ?2 AND el.entity = 'location'
     LEFT JOIN stock_levels l ON l.sku_id = p.sku_id AND (el.renkei_id IS NULL OR l.location_id = el.renkei_id)
     GROUP BY p.sku_id, el.external_id
     ORDER BY p.sku_id`,
    connection.id,
    PAGE,
  );
  return rows;
}

registerJob({
  name: STOCK_PUSH_JOB,
  needsConnection: true,
  async handler({ ctx, connection, runId }) {
    const stock = findConnector(connection!.kind)?.stock;
    if (!stock || connection!.status !== "started") return { pushed: 0 };
    let pushed = 0;
    for (let page = 0; ; page++) {
      const fresh = await loadConnection(ctx, connection!.id);
      const rows = await pendingItems(ctx, fresh!);
      if (!rows.length) break;
      const items: StockPushItem[] = rows.map((r) => ({
        skuId: r.sku_id,
        skuCode: r.sku_code,
        externalLocationId: r.external_location_id,
        available: r.available ?? 0,
        onHand: r.on_hand ?? 0,
      }));
      await stock.push(ctx, fresh!, items, `${runId}:${page}`);
      // Forget only what was pushed as read: a change that landed meanwhile keeps its row.
      const seen = [...new Map(rows.map((r) => [r.sku_id, r.changed_at]))];
      const statements = [];
      for (let i = 0; i < seen.length; i += 45) {
        const chunk = seen.slice(i, i + 45);
        statements.push(
          ctx.db.stmt(
            `DELETE FROM stock_push_pending WHERE merchant_id = ?1 AND connection_id = ?2 AND (sku_id, changed_at) IN (VALUES ${chunk
              .map((_, k) => `(?${k * 2 + 3}, ?${k * 2 + 4})`)
              .join(", ")})`,
            connection!.id,
            ...chunk.flat(),
          ),
        );
      }
      await ctx.db.batch(statements);
      pushed += seen.length;
    }
    return { pushed };
  },
});
