/**
 * Stock both ways, with a master per location (settings.locations[].master):
 *  - Renkei → Smaregi: the hub's coalesced stock push hands us changed SKUs; for locations Renkei
 *    owns we set Smaregi's figure absolutely (PATCH, safe to repeat), one call per row when few
 *    change, bulk calls of ≤ 100 with a callback when many. Each write carries `renkei:<push key>`
 *    in stockHistory.memo, so its webhook is recognised as our own echo.
 *  - Smaregi → Renkei: a pos:stock webhook is re-read by its stock-history ID. At a location
 *    Smaregi owns, Renkei's on-hand becomes Smaregi's current figure (align.ts); at a location
 *    Renkei owns, the change Smaregi made is applied as a delta keyed by the history ID, so a
 *    duplicate or late webhook never applies twice. A terminal sale's rows go to its transaction
 *    (sales.ts: counted once with pos:transactions). Renkei never writes a location Smaregi owns
 *    (its sales meanwhile cannot be overwritten).
 *  - A bulk write whose callback never comes is noticed after BULK_CALLBACK_TIMEOUT_MS and its rows
 *    are read back and pushed again where they differ (recheckStaleBulk).
 */
import type { StockPushItem } from "../../connections/registry";
import { recordConnectionError, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { appliedKeys, movementStatements, type MovementInput } from "../../inventory/ledger";
import { markPushPendingStatement, stockChanged } from "../../sync/stock-push";
import { SmaregiBulkResult } from "../../../shared/schemas/smaregi";
import { BULK_MAX, type StockRowInput } from "./client";
import { deleteCursorStatement, takeCursor, saveCursor } from "../../connections/cursors";
import { smaregiCredentials, withSmaregi } from "./link";
import { isSentOrderShipment } from "./order-events";
import { admitted, pacerFor } from "./pace";
import { SmaregiSettings } from "./settings";
import { alignmentMovements, smaregiFigures, type AlignRow } from "./align";
import { saleOfMemo, takeTransactions } from "./sales";
import { inFigureTaken } from "./product-events";

/** Up to this many rows go as single absolute sets (answered at once); more go in bulk. */
export const SINGLE_WRITE_MAX = 5;
export const ECHO_PREFIX = "renkei:";
const BULK = "smaregi:bulk:";

/** Smaregi product IDs of these SKUs (links written by the product import, or by hand). */
export async function smaregiProductIds(ctx: ServiceContext, connectionId: string, skuIds: string[]): Promise<Map<string, string>> {
  const rows = await ctx.db.all<{ renkei_id: string; external_id: string }>(
    `SELECT renkei_id, external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'sku'
     AND renkei_id IN (SELECT value FROM json_each(?3))`,
    connectionId,
    JSON.stringify(skuIds),
  );
  return new Map(rows.map((r) => [r.renkei_id, r.external_id]));
}

async function skusOfProducts(ctx: ServiceContext, connectionId: string, productIds: string[]): Promise<Map<string, string>> {
  const rows = await ctx.db.all<{ renkei_id: string; external_id: string }>(
    `SELECT renkei_id, external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'sku'
     AND external_id IN (SELECT value FROM json_each(?3))`,
    connectionId,
    JSON.stringify(productIds),
  );
  return new Map(rows.map((r) => [r.external_id, r.renkei_id]));
}

export async function callbackUrl(ctx: ServiceContext, connectionId: string): Promise<string> {
  const credentials = await smaregiCredentials(ctx, connectionId);
  if (!credentials.callbackOrigin || !credentials.callbackToken) throw new Error("the link has no callback address: authorize it again");
  return `${credentials.callbackOrigin}/webhooks/smaregi/${connectionId}/callback/${credentials.callbackToken}`;
}

/** The hub's stock push for a Smaregi link (registered as the connector's `stock.push`). */
export async function pushStock(ctx: ServiceContext, connection: ConnectionRecord, items: StockPushItem[], idempotencyKey: string): Promise<void> {
  await recheckStaleBulk(ctx, connection);
  const settings = SmaregiSettings.parse(connection.settings);
  const owned = new Set(settings.locations.filter((l) => l.master === "renkei").map((l) => l.smaregiStoreId));
  const wanted = items.filter((i) => i.externalLocationId !== null && owned.has(i.externalLocationId));
  if (!wanted.length) return;
  const products = await smaregiProductIds(ctx, connection.id, [...new Set(wanted.map((i) => i.skuId))]);
  const memo = `${ECHO_PREFIX}${idempotencyKey}`.slice(0, 100);
  const rows: StockRowInput[] = wanted
    .filter((i) => products.has(i.skuId))
    .map((i) => ({ productId: products.get(i.skuId)!, storeId: i.externalLocationId!, stockAmount: i.onHand, memo }));
  if (!rows.length) return;
  await withSmaregi(ctx, connection, async (client) => {
    const paced = pacerFor(connection.id);
    if (rows.length <= SINGLE_WRITE_MAX) {
      for (const row of rows) {
        await paced();
        await admitted(() => client.setStock(row.productId, row));
      }
      return;
    }
    const url = await callbackUrl(ctx, connection.id);
    // 10k SKUs are 100 calls: paced under the per-second cap, a 429 waited out (an absolute set is safe to resend).
    for (let i = 0; i < rows.length; i += BULK_MAX) {
      const chunk = rows.slice(i, i + BULK_MAX);
      await paced();
      const accepted = await admitted(() => client.bulkSetStock(chunk, url));
      // Kept until its callback arrives: a request still here long after is one whose callback never came.
      await saveCursor(ctx, connection.id, `${BULK}${accepted.requestId}`, JSON.stringify({ sentAt: Date.now(), rows: chunk.map((r) => [r.productId, r.storeId]) }));
    }
  });
}

/** Bulk requests whose callback has not come (for the admin and the re-check). */
export async function pendingBulkRequests(ctx: ServiceContext, connectionId: string) {
  const rows = await ctx.db.all<{ name: string; value: string }>(
    `SELECT cc.name, cc.value FROM connection_cursors cc JOIN connections c ON c.id = cc.connection_id
     WHERE c.merchant_id = ?1 AND cc.connection_id = ?2 AND substr(cc.name, 1, ?3) = ?4`,
    connectionId,
    BULK.length,
    BULK,
  );
  return rows.map((r) => ({ requestId: r.name.slice(BULK.length), ...(JSON.parse(r.value) as { sentAt: number; rows: [string, string][] }) }));
}

/**
 * A bulk call's callback: each request is taken once (an unknown or repeated requestId changes
 * nothing); rows Smaregi refused are kept as the link's error for the admin, and their SKUs are
 * marked for the next push.
 */
export async function takeBulkCallback(ctx: ServiceContext, connection: ConnectionRecord, body: unknown): Promise<{ requests: number; failed: number }> {
  const parsed = SmaregiBulkResult.safeParse(body);
  if (!parsed.success) return { requests: 0, failed: 0 };
  let requests = 0;
  const failures: { productId: string; storeId: string; detail: string }[] = [];
  for (const requestId of new Set(parsed.data.map((r) => r.requestId))) {
    if (!(await takeCursor(ctx, connection.id, `${BULK}${requestId}`))) continue;
    requests++;
    for (const row of parsed.data.filter((r) => r.requestId === requestId && r.result === "failure")) {
      failures.push({ productId: row.productId ?? "?", storeId: row.storeId ?? "?", detail: row.detail ?? "" });
    }
  }
  if (failures.length) {
    const skus = await skusOfProducts(ctx, connection.id, failures.map((f) => f.productId));
    await ctx.db.batch([markPushPendingStatement(ctx, connection.id, failures.map((f) => skus.get(f.productId)).filter((s): s is string => !!s))]);
    await recordConnectionError(
      ctx,
      connection.id,
      `スマレジへの在庫一括更新で失敗した行があります (some bulk stock rows failed): ${failures
        .slice(0, 10)
        .map((f) => `商品ID ${f.productId} / 店舗ID ${f.storeId}: ${f.detail}`)
        .join("; ")}`,
    );
  }
  return { requests, failed: failures.length };
}

async function onHand(ctx: ServiceContext, skuId: string, locationId: string): Promise<number> {
  const row = await ctx.db.first<{ on_hand: number }>("SELECT on_hand FROM stock_levels WHERE merchant_id = ?1 AND sku_id = ?2 AND location_id = ?3", skuId, locationId);
  return row?.on_hand ?? 0;
}

/**
 * A pos:stock webhook's rows, each re-read from Smaregi by its stock-history ID:
 *  - Renkei's own write (memo `renkei:…`) is an echo and dropped;
 *  - the shipment of an order this link sent is taken by the order's shipment (order-events.ts);
 *  - a terminal sale (memo 「取引 <id>」) leads to its transaction (sales.ts), which counts the sale
 *    once whether its pos:transactions or its pos:stock comes first;
 *  - anything else: at a location Smaregi owns, Renkei's figure is set to Smaregi's (align.ts); at a
 *    location Renkei owns, Smaregi's change is applied as a delta keyed by the history ID.
 */
export async function applyStockEvent(ctx: ServiceContext, connection: ConnectionRecord, ids: { id: string; productId: string; storeId: string }[]) {
  const settings = SmaregiSettings.parse(connection.settings);
  const locations = new Map(settings.locations.map((l) => [l.smaregiStoreId, l]));
  const skus = await skusOfProducts(ctx, connection.id, [...new Set(ids.map((i) => i.productId))]);
  const counts = { applied: 0, echoes: 0, orderShipments: 0, sales: 0, unmapped: 0, unchanged: 0 };
  const deltas: MovementInput[] = [];
  const align: AlignRow[] = [];
  const sales = new Set<string>();
  const paced = pacerFor(connection.id);
  let aligned: MovementInput[] = [];
  await withSmaregi(ctx, connection, async (client) => {
    for (const row of ids) {
      const location = locations.get(row.storeId);
      const skuId = skus.get(row.productId);
      if (!location || !skuId) {
        counts.unmapped++;
        continue;
      }
      // Reads, paced with the link's other calls; a 429 is waited out here rather than sending the whole event back to the queue.
      await paced();
      const [change] = await admitted(() => client.stockChanges({ id: row.id }));
      if (change?.memo?.startsWith(ECHO_PREFIX)) {
        counts.echoes++;
        continue;
      }
      // Smaregi shipping an order Renkei sent: the order's shipment in Renkei takes these goods (order-events.ts).
      if (await isSentOrderShipment(ctx, connection.id, change?.memo)) {
        counts.orderShipments++;
        continue;
      }
      const sale = saleOfMemo(change?.memo);
      if (sale) sales.add(sale);
      else if (location.master === "smaregi") align.push({ productId: row.productId, storeId: row.storeId, skuId, locationId: location.locationId });
      else if (await inFigureTaken(ctx, connection.id, row)) counts.unchanged++;
      else if (change?.amount) {
        deltas.push({
          skuId,
          locationId: location.locationId,
          bucket: "on_hand",
          quantity: change.amount,
          reason: "smaregi_stock",
          sourceType: "smaregi",
          sourceId: row.id,
          key: `smaregi:${connection.id}:history:${row.id}`,
        });
      } else counts.unchanged++;
    }
    if (sales.size) {
      const taken = await takeTransactions(ctx, connection, client, paced, [...sales]);
      counts.sales = sales.size;
      counts.applied += taken.applied + taken.aligned;
      counts.unchanged += taken.unchanged;
    }
    if (align.length) aligned = await alignmentMovements(ctx, connection.id, align, await smaregiFigures(client, paced, align), ids.map((i) => i.id).join(",").slice(0, 200));
  });
  counts.unchanged += align.length - aligned.length;
  const movements = [...deltas, ...aligned];
  const before = await appliedKeys(ctx.db, movements.map((m) => m.key));
  const fresh = movements.filter((m) => !before.has(m.key));
  if (fresh.length) {
    await ctx.db.batch(movementStatements(ctx.db, fresh, nowIso(), `system:smaregi:${connection.id}`));
    await stockChanged(ctx, [...new Set(fresh.map((m) => m.skuId))]);
  }
  counts.applied += fresh.length;
  counts.unchanged += movements.length - fresh.length;
  return counts;
}

/** A bulk call's callback normally comes within seconds; after this long it is taken as lost. */
export const BULK_CALLBACK_TIMEOUT_MS = 10 * 60_000;

/**
 * Bulk requests whose callback never came: their rows are read back from Smaregi, and every SKU
 * whose figure there is not Renkei's goes back into the stock push (absolute, so sending it again
 * is safe). The request is then forgotten, with a note for the admin. Runs before each push and as
 * its own job, so a lost callback is noticed even when nothing else changes.
 */
export async function recheckStaleBulk(ctx: ServiceContext, connection: ConnectionRecord, now = Date.now()) {
  const stale = (await pendingBulkRequests(ctx, connection.id)).filter((r) => r.sentAt + BULK_CALLBACK_TIMEOUT_MS < now);
  const counts = { requests: stale.length, rows: 0, repushed: 0 };
  if (!stale.length) return counts;
  const settings = SmaregiSettings.parse(connection.settings);
  const locationOf = new Map(settings.locations.map((l) => [l.smaregiStoreId, l.locationId]));
  const rows = stale.flatMap((r) => r.rows);
  counts.rows = rows.length;
  const skus = await skusOfProducts(ctx, connection.id, [...new Set(rows.map(([productId]) => productId))]);
  const smaregi = new Map<string, number>();
  await withSmaregi(ctx, connection, async (client) => {
    for (const storeId of new Set(rows.map(([, storeId]) => storeId))) {
      for (const row of await client.listStock({ storeId })) smaregi.set(`${row.productId}@${storeId}`, row.stockAmount);
    }
  });
  const repush = new Set<string>();
  for (const [productId, storeId] of rows) {
    const skuId = skus.get(productId);
    const locationId = locationOf.get(storeId);
    if (!skuId || !locationId) continue;
    if ((smaregi.get(`${productId}@${storeId}`) ?? 0) !== (await onHand(ctx, skuId, locationId))) repush.add(skuId);
  }
  counts.repushed = repush.size;
  await ctx.db.batch([
    markPushPendingStatement(ctx, connection.id, [...repush]),
    ...stale.map((r) => deleteCursorStatement(ctx, connection.id, `${BULK}${r.requestId}`)),
  ]);
  await stockChanged(ctx, [...repush]);
  await recordConnectionError(
    ctx,
    connection.id,
    `スマレジの一括更新の結果通知が届きませんでした（${stale.length}件）。在庫を照合し、${repush.size}商品を再送します (bulk callback never came: stock re-checked, ${repush.size} SKUs sent again)`,
  );
  return counts;
}
