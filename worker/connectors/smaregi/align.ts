/**
 * At a location Smaregi owns (settings.locations[].master = "smaregi"), Renkei's on-hand follows
 * Smaregi's figure: after anything that moved stock there (a stock webhook, a POS sale, an order
 * Smaregi shipped), Smaregi's current figure is re-read and Renkei's set to it through the ledger
 * when they differ. Re-reading rather than applying deltas is what makes the order of events
 * harmless: whichever comes first sets the figure, and the ones after find it equal.
 *
 * Reads are paced with the link's other calls. Smaregi's GET /stock filters on one product_id
 * [V], so up to SINGLE_READ_MAX products of a store are read one call each; more are read as the
 * store's whole list (1000 rows a page), which costs fewer calls than one per product.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { appliedKeys, movementStatements, type MovementInput } from "../../inventory/ledger";
import { stockChanged } from "../../sync/stock-push";
import type { SmaregiClient } from "./client";
import { admitted, pacerFor } from "./pace";
import { SmaregiSettings } from "./settings";
import { smaregiProductIds } from "./stock";

export const SINGLE_READ_MAX = 100;

export interface AlignRow {
  productId: string;
  storeId: string;
  skuId: string;
  locationId: string;
}

/** Smaregi's figure of a product at a store, with when it last changed (its version). */
export interface Figure {
  amount: number;
  updated: string;
}

/** Smaregi's current figure of each (product, store) asked for; a product never stocked there is 0. */
export async function smaregiFigures(client: SmaregiClient, paced: () => Promise<void>, rows: { productId: string; storeId: string }[]): Promise<Map<string, Figure>> {
  const figures = new Map<string, Figure>();
  const byStore = new Map<string, Set<string>>();
  for (const r of rows) byStore.set(r.storeId, (byStore.get(r.storeId) ?? new Set()).add(r.productId));
  for (const [storeId, products] of byStore) {
    if (products.size > SINGLE_READ_MAX) {
      await paced();
      for (const row of await admitted(() => client.listStock({ storeId }))) {
        if (products.has(row.productId)) figures.set(figureKey(row.productId, storeId), { amount: row.stockAmount, updated: row.updDateTime ?? "" });
      }
    } else {
      for (const productId of products) {
        await paced();
        const [row] = await admitted(() => client.listStock({ storeId, productId }));
        if (row) figures.set(figureKey(productId, storeId), { amount: row.stockAmount, updated: row.updDateTime ?? "" });
      }
    }
  }
  for (const r of rows) if (!figures.has(figureKey(r.productId, r.storeId))) figures.set(figureKey(r.productId, r.storeId), { amount: 0, updated: "" });
  return figures;
}

export const figureKey = (productId: string, storeId: string) => `${productId}@${storeId}`;

/**
 * Movements that bring Renkei's on-hand to Smaregi's figures, one per row that differs. The key
 * names both sides as they were read — Smaregi's figure and its version, Renkei's on-hand — so two
 * events that read the same state (a sale's pos:transactions and pos:stock taken side by side, a
 * duplicate) make one movement, while a later difference (Renkei shipped meanwhile) is a new key.
 */
export async function alignmentMovements(ctx: ServiceContext, connectionId: string, rows: AlignRow[], figures: Map<string, Figure>, sourceId: string): Promise<MovementInput[]> {
  if (!rows.length) return [];
  const levels = await ctx.db.all<{ sku_id: string; location_id: string; on_hand: number }>(
    `SELECT sku_id, location_id, on_hand FROM stock_levels WHERE merchant_id = ?1
     AND sku_id IN (SELECT value FROM json_each(?2)) AND location_id IN (SELECT value FROM json_each(?3))`,
    JSON.stringify([...new Set(rows.map((r) => r.skuId))]),
    JSON.stringify([...new Set(rows.map((r) => r.locationId))]),
  );
  const onHand = new Map(levels.map((l) => [`${l.sku_id}@${l.location_id}`, l.on_hand]));
  const movements: MovementInput[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const k = figureKey(r.productId, r.storeId);
    if (seen.has(k)) continue;
    seen.add(k);
    const figure = figures.get(k) ?? { amount: 0, updated: "" };
    const renkei = onHand.get(`${r.skuId}@${r.locationId}`) ?? 0;
    if (figure.amount === renkei) continue;
    movements.push({
      skuId: r.skuId,
      locationId: r.locationId,
      bucket: "on_hand",
      quantity: figure.amount - renkei,
      reason: "smaregi_stock",
      sourceType: "smaregi",
      sourceId,
      key: `smaregi:${connectionId}:figure:${r.productId}:${r.storeId}:${figure.updated}:${figure.amount}:${renkei}`,
    });
  }
  return movements;
}

/**
 * After Renkei moved stock of these SKUs at these locations by itself (an order's shipment): the
 * rows at locations Smaregi owns are re-read from Smaregi and set to its figure when they differ.
 * Answers how many figures changed.
 */
export async function alignAfter(
  ctx: ServiceContext,
  connection: ConnectionRecord,
  client: SmaregiClient,
  items: { skuId: string; locationId: string }[],
  sourceId: string,
): Promise<number> {
  const owned = new Map(
    SmaregiSettings.parse(connection.settings)
      .locations.filter((l) => l.master === "smaregi")
      .map((l) => [l.locationId, l.smaregiStoreId]),
  );
  const wanted = items.filter((i) => owned.has(i.locationId));
  if (!wanted.length) return 0;
  const products = await smaregiProductIds(ctx, connection.id, [...new Set(wanted.map((i) => i.skuId))]);
  const rows: AlignRow[] = wanted
    .filter((i) => products.has(i.skuId))
    .map((i) => ({ skuId: i.skuId, locationId: i.locationId, productId: products.get(i.skuId)!, storeId: owned.get(i.locationId)! }));
  if (!rows.length) return 0;
  const movements = await alignmentMovements(ctx, connection.id, rows, await smaregiFigures(client, pacerFor(connection.id), rows), sourceId);
  const before = await appliedKeys(ctx.db, movements.map((m) => m.key));
  const fresh = movements.filter((m) => !before.has(m.key));
  if (!fresh.length) return 0;
  await ctx.db.batch(movementStatements(ctx.db, fresh, nowIso(), `system:smaregi:${connection.id}`));
  await stockChanged(ctx, [...new Set(fresh.map((m) => m.skuId))]);
  return fresh.length;
}
