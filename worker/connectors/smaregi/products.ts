/**
 * 「スマレジから新規商品情報一括取得」 (seed 000 「商品情報・在庫情報の取得」): Smaregi is the master
 * of product information. Every Smaregi product Renkei does not know yet comes in as a product with
 * one SKU (code = Smaregi's productCode), linked to its Smaregi product ID (external_links 'sku'),
 * with its stock at each linked location taken through the ledger. A product whose code Renkei
 * already has is linked, not duplicated. Re-running is safe: linked products are skipped, stock
 * movements are keyed per product × store, and stock is only taken where the SKU has none yet.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { createProduct } from "../../catalog/products";
import { movementStatements, type MovementInput } from "../../inventory/ledger";
import { ServiceError } from "../../errors";
import { stockChanged } from "../../sync/stock-push";
import { withSmaregi } from "./link";
import { SmaregiSettings } from "./settings";
import type { SmaregiProduct } from "../../../shared/schemas/smaregi";

export const IMPORT_PRODUCTS_JOB = "smaregi.import-products";

export async function importNewProducts(ctx: ServiceContext, connection: ConnectionRecord) {
  const settings = SmaregiSettings.parse(connection.settings);
  if (!settings.productSync) {
    throw new ServiceError("CONFLICT", "商品連携設定が[連携しない]です。[連携する]にしてから実行してください (product sync is off)");
  }
  const { products, stockByStore } = await withSmaregi(ctx, connection, async (client) => {
    const products = await client.listProducts();
    const stockByStore = new Map<string, Map<string, number>>();
    for (const location of settings.locations) {
      const rows = await client.listStock({ storeId: location.smaregiStoreId });
      stockByStore.set(location.smaregiStoreId, new Map(rows.map((r) => [r.productId, r.stockAmount])));
    }
    return { products, stockByStore };
  });
  return takeNewProducts(ctx, connection, products, (productId, storeId) => stockByStore.get(storeId)?.get(productId) ?? 0);
}

/**
 * Smaregi products into Renkei: those not linked yet come in (or are linked to the SKU that has
 * their code) with their stock at each mapped location, `stockOf` telling Smaregi's figure. Used by
 * the import above and by the pos:products "created" webhook (product-events.ts).
 */
export async function takeNewProducts(ctx: ServiceContext, connection: ConnectionRecord, products: SmaregiProduct[], stockOf: (productId: string, storeId: string) => number) {
  const settings = SmaregiSettings.parse(connection.settings);
  const counts = { created: 0, linked: 0, skipped: 0, conflicts: 0, stockRows: 0 };
  const linked = new Set(
    (
      await ctx.db.all<{ external_id: string }>(
        `SELECT external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'sku'
         AND external_id IN (SELECT value FROM json_each(?3))`,
        connection.id,
        JSON.stringify(products.map((p) => p.productId)),
      )
    ).map((r) => r.external_id),
  );
  const fresh = products.filter((p) => !linked.has(p.productId));
  counts.skipped = products.length - fresh.length;
  const known = new Map(
    (
      await ctx.db.all<{ id: string; code: string }>(
        "SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
        JSON.stringify(fresh.map((p) => p.productCode)),
      )
    ).map((r) => [r.code, r.id]),
  );
  const touched: string[] = [];
  for (const product of fresh) {
    let skuId = known.get(product.productCode);
    if (skuId) counts.linked++;
    else {
      try {
        const created = await createProduct(ctx, {
          code: product.productCode,
          name: product.productName,
          kind: "normal",
          taxClass: product.taxDivision === "2" ? "exempt" : "standard",
          backorder: false,
          listingStatus: "listed",
          skus: [{ code: product.productCode, specName: "", price: product.price, costPrice: product.cost ?? null, listingStatus: "listed" }],
        });
        skuId = created.skus[0]!.id;
        counts.created++;
      } catch (error) {
        // e.g. a Renkei product (not SKU) already has this code: left for the merchant to resolve.
        if (error instanceof ServiceError && error.code === "CONFLICT") {
          counts.conflicts++;
          continue;
        }
        throw error;
      }
    }
    const levels = new Set(
      (await ctx.db.all<{ location_id: string }>("SELECT location_id FROM stock_levels WHERE merchant_id = ?1 AND sku_id = ?2", skuId)).map((r) => r.location_id),
    );
    const movements: MovementInput[] = [];
    // Not stock-managed in Smaregi (wrapping, 封入物): no stock to take.
    if (product.stockControlDivision !== "1") {
      for (const location of settings.locations) {
        const amount = stockOf(product.productId, location.smaregiStoreId);
        if (amount === 0 || levels.has(location.locationId)) continue;
        movements.push({
          skuId,
          locationId: location.locationId,
          bucket: "on_hand",
          quantity: amount,
          reason: "smaregi_import",
          sourceType: "smaregi",
          sourceId: product.productId,
          key: `smaregi:${connection.id}:import:${product.productId}:${location.smaregiStoreId}`,
        });
      }
    }
    // The link and the stock land together: a product is either fully taken or taken again next run.
    await ctx.db.batch([
      ctx.db.stmt(
        `INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id, external_code, code_folded)
         VALUES (?1, ?2, 'sku', ?3, ?4, ?5, lower(?5))
         ON CONFLICT (connection_id, entity, external_id) DO UPDATE SET renkei_id = excluded.renkei_id, external_code = excluded.external_code, code_folded = excluded.code_folded`,
        connection.id,
        skuId,
        product.productId,
        product.productCode,
      ),
      ...movementStatements(ctx.db, movements, nowIso(), `system:smaregi:${connection.id}`),
    ]);
    counts.stockRows += movements.length;
    if (movements.length) touched.push(skuId);
  }
  await stockChanged(ctx, touched);
  return counts;
}

/** Renkei SKUs with their Smaregi product ID (shown under Renkei's ID, as the seed describes). */
export async function linkedProducts(ctx: ServiceContext, connectionId: string, limit = 500) {
  const rows = await ctx.db.all<{ sku_id: string; sku_code: string; product_id: string; name: string; smaregi_product_id: string }>(
    `SELECT s.id AS sku_id, s.code AS sku_code, p.id AS product_id, p.name, el.external_id AS smaregi_product_id
     FROM external_links el JOIN skus s ON s.id = el.renkei_id AND s.merchant_id = ?1 JOIN products p ON p.id = s.product_id
     WHERE el.merchant_id = ?1 AND el.connection_id = ?2 AND el.entity = 'sku'
     ORDER BY CAST(el.external_id AS INTEGER) LIMIT ?3`,
    connectionId,
    limit,
  );
  return rows.map((r) => ({ skuId: r.sku_id, skuCode: r.sku_code, productId: r.product_id, name: r.name, smaregiProductId: r.smaregi_product_id }));
}
