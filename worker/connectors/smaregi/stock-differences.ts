/**
 * Where Renkei's and Smaregi's figures of a linked SKU differ at a mapped location, and which side's
 * figure wins there (the location's master). One reading for two readers: the preview shows it
 * before 「連携を開始する」 (preview.ts), the reconciliation on start acts on it (reconcile.ts), so
 * what the merchant was shown is what starting does.
 * Only SKUs already linked to a Smaregi product can differ (the rest come in with the import); a
 * product Smaregi has no row for at a store counts as 0 there (a row exists only after a change [V]).
 */
import type { ServiceContext } from "../../context";
import type { SmaregiClient } from "./client";
import type { SmaregiSettings } from "./settings";

export interface StockDifference {
  skuId: string;
  skuCode: string;
  productId: string;
  locationId: string;
  smaregiStoreId: string;
  master: "renkei" | "smaregi";
  renkei: number;
  smaregi: number;
}

/** Smaregi's figures per store (store ID → product ID → amount) at every mapped location. */
export type SmaregiStock = Map<string, Map<string, number>>;

/**
 * Smaregi's stock at the mapped locations, one store's whole list at a time (1000 rows a page).
 * `each` wraps each store's read: a queued job paces it and waits out a 429 (pace.ts).
 */
export async function readSmaregiStock(
  client: SmaregiClient,
  locations: SmaregiSettings["locations"],
  each: <T>(read: () => Promise<T>) => Promise<T> = (read) => read(),
): Promise<SmaregiStock> {
  const stock: SmaregiStock = new Map();
  for (const l of locations) {
    const rows = await each(() => client.listStock({ storeId: l.smaregiStoreId, limit: 1000 }));
    stock.set(l.smaregiStoreId, new Map(rows.map((r) => [r.productId, r.stockAmount])));
  }
  return stock;
}

/** The link's SKUs ↔ Smaregi products (external_links written by the import or by hand). */
export async function linkedSkus(ctx: ServiceContext, connectionId: string) {
  return ctx.db.all<{ renkei_id: string; external_id: string; code: string }>(
    `SELECT el.renkei_id, el.external_id, s.code FROM external_links el JOIN skus s ON s.id = el.renkei_id AND s.merchant_id = ?1
     WHERE el.merchant_id = ?1 AND el.connection_id = ?2 AND el.entity = 'sku'`,
    connectionId,
  );
}

export async function stockDifferences(
  ctx: ServiceContext,
  locations: SmaregiSettings["locations"],
  links: { renkei_id: string; external_id: string; code: string }[],
  smaregi: SmaregiStock,
): Promise<StockDifference[]> {
  if (!links.length || !locations.length) return [];
  const levels = new Map(
    (
      await ctx.db.all<{ sku_id: string; location_id: string; on_hand: number }>(
        `SELECT sku_id, location_id, on_hand FROM stock_levels WHERE merchant_id = ?1
         AND location_id IN (SELECT value FROM json_each(?2)) AND sku_id IN (SELECT value FROM json_each(?3))`,
        JSON.stringify(locations.map((l) => l.locationId)),
        JSON.stringify(links.map((l) => l.renkei_id)),
      )
    ).map((r) => [`${r.sku_id}@${r.location_id}`, r.on_hand]),
  );
  const differences: StockDifference[] = [];
  for (const l of locations) {
    for (const link of links) {
      const renkei = levels.get(`${link.renkei_id}@${l.locationId}`) ?? 0;
      const figure = smaregi.get(l.smaregiStoreId)?.get(link.external_id) ?? 0;
      if (renkei !== figure) {
        differences.push({ skuId: link.renkei_id, skuCode: link.code, productId: link.external_id, locationId: l.locationId, smaregiStoreId: l.smaregiStoreId, master: l.master, renkei, smaregi: figure });
      }
    }
  }
  return differences;
}
