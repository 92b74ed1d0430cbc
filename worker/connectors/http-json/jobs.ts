/**
 * Jobs of the generic HTTP link: push stock (through the hub's coalesced stock push) and
 * reconcile — read the system's stock page by page and compare each SKU × location with Renkei's,
 * holding one page in memory at a time.
 */
import { connectionCredentials, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { registerJob } from "../../sync/jobs";
import { HttpJsonClient } from "./client";
import { stockKey } from "./mapping";
import { HttpJsonSettings } from "./settings";

export const RECONCILE_JOB = "http-json.reconcile";

export async function clientFor(ctx: ServiceContext, connection: ConnectionRecord) {
  const credentials = await connectionCredentials(ctx, connection.id);
  if (!connection.baseUrl) throw new Error("connection has no base URL");
  return new HttpJsonClient(connection.baseUrl, credentials.token ?? "");
}

export async function reconcileStock(ctx: ServiceContext, connection: ConnectionRecord) {
  const settings = HttpJsonSettings.parse(connection.settings);
  const client = await clientFor(ctx, connection);
  const counts = { compared: 0, matching: 0, different: 0, unknownSku: 0, pages: 0 };
  for (let page: number | null = 1; page !== null; ) {
    const { items, nextPage } = await client.readStockPage(page, settings.pageSize);
    counts.pages++;
    const ours = await renkeiStock(
      ctx,
      connection.id,
      [...new Set(items.map((i) => i.sku))],
    );
    for (const item of items) {
      const mine = ours.get(stockKey(item.sku, item.location));
      counts.compared++;
      if (mine === undefined) counts.unknownSku++;
      else if ((settings.stockFigure === "on_hand" ? mine.onHand : mine.available) === item.quantity) counts.matching++;
      else counts.different++;
    }
    page = nextPage;
  }
  return counts;
}

async function renkeiStock(ctx: ServiceContext, connectionId: string, codes: string[]) {
  const rows = await ctx.db.all<{ code: string; location: string | null; on_hand: number | null; available: number | null }>(
    `SELECT s.code, el.external_id AS location, SUM(l.on_hand) AS on_hand, SUM(l.on_hand - l.allocated - l.held) AS available
     FROM skus s
     LEFT JOIN external_links el ON el.connection_id = ?2 AND el.entity = 'location'
     LEFT JOIN stock_levels l ON l.sku_id = s.id AND (el.renkei_id IS NULL OR l.location_id = el.renkei_id)
     WHERE s.merchant_id = ?1 AND s.code IN (SELECT value FROM json_each(?3))
     GROUP BY s.code, el.external_id`,
    connectionId,
    JSON.stringify(codes),
  );
  return new Map(rows.map((r) => [stockKey(r.code, r.location), { onHand: r.on_hand ?? 0, available: r.available ?? 0 }]));
}

registerJob({
  name: RECONCILE_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => reconcileStock(ctx, connection!),
});
