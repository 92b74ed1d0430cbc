/**
 * The `pos:products` webhook while Smaregi is the product master (商品連携設定 [連携する]): each
 * product named is re-read from Smaregi by ID.
 *  - A product Renkei has (linked SKU): its name and price replace Renkei's on the SKU (and its
 *    product, when the product has that one SKU, as the import makes them). Setting the same
 *    figures again changes nothing, so a repeated or late event is harmless.
 *  - A product Renkei does not have yet (action "created", or a bulk write, whose "bulk-update"
 *    names created and edited products alike): it comes in as 「スマレジから新規商品情報一括取得」
 *    brings it (products.ts takeNewProducts), with its Smaregi product ID and its stock at the
 *    mapped locations through the ledger. Linked once, so a repeated event skips it. The figures
 *    are read from Smaregi's stock history, and the last history ID taken per store is kept, so
 *    the pos:stock webhooks of writes already in that figure are not applied again (stock.ts).
 *  - A product Smaregi no longer has (re-read answers 404, as after 商品削除 and its "deleted"
 *    event [I]): the SKU is delisted in Renkei (and its product when no listed SKU is left), never
 *    deleted — its orders, stock and history stay.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import type { SmaregiProduct } from "../../../shared/schemas/smaregi";
import { SmaregiApiError } from "./client";
import { withSmaregi } from "./link";
import { admitted, pacerFor } from "./pace";
import { takeNewProducts } from "./products";
import { SmaregiSettings } from "./settings";
import { readCursor, saveCursor } from "../../connections/cursors";

/** Cursor per product × store: stock-history rows up to this ID are in the figure a new product came in with. */
const STOCK_TAKEN = "smaregi:stock-taken:";

/** Whether a stock-history row is already in the figure its product came in with (so not a delta to apply again). */
export async function inFigureTaken(ctx: ServiceContext, connectionId: string, row: { id: string; productId: string; storeId: string }): Promise<boolean> {
  const upTo = await readCursor(ctx, connectionId, `${STOCK_TAKEN}${row.productId}@${row.storeId}`);
  return upTo !== null && Number(row.id) <= Number(upTo);
}

/** The SKU stops being listed, and its product when no listed SKU is left. Answers whether anything changed. */
async function delist(ctx: ServiceContext, skuId: string): Promise<boolean> {
  const at = nowIso();
  const [sku] = await ctx.db.batch([
    ctx.db.stmt("UPDATE skus SET listing_status = 'unlisted', updated_at = ?3 WHERE merchant_id = ?1 AND id = ?2 AND listing_status <> 'unlisted'", skuId, at),
    ctx.db.stmt(
      `UPDATE products SET listing_status = 'unlisted', updated_at = ?3 WHERE merchant_id = ?1 AND listing_status <> 'unlisted'
       AND id = (SELECT product_id FROM skus WHERE merchant_id = ?1 AND id = ?2)
       AND NOT EXISTS (SELECT 1 FROM skus s2 WHERE s2.merchant_id = ?1 AND s2.product_id = products.id AND s2.listing_status = 'listed')`,
      skuId,
      at,
    ),
  ]);
  return sku!.meta.changes > 0;
}

export async function applyProductEvent(ctx: ServiceContext, connection: ConnectionRecord, productIds: string[], action: string) {
  const counts = { updated: 0, unchanged: 0, created: 0, delisted: 0, unlinked: 0, ignored: 0 };
  if (!SmaregiSettings.parse(connection.settings).productSync) {
    counts.ignored = productIds.length;
    return counts;
  }
  const links = new Map(
    (
      await ctx.db.all<{ renkei_id: string; external_id: string }>(
        `SELECT renkei_id, external_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'sku'
         AND external_id IN (SELECT value FROM json_each(?3))`,
        connection.id,
        JSON.stringify(productIds),
      )
    ).map((r) => [r.external_id, r.renkei_id]),
  );
  const takesNew = action === "created" || action === "bulk-update";
  const newcomers: SmaregiProduct[] = [];
  const stock = new Map<string, number>();
  /** product@store → the last stock-history ID whose figure the new product came in with. */
  const taken = new Map<string, string>();
  const paced = pacerFor(connection.id);
  await withSmaregi(ctx, connection, async (client) => {
    for (const productId of new Set(productIds)) {
      const skuId = links.get(productId);
      if (!skuId && !takesNew) {
        counts.unlinked++;
        continue;
      }
      await paced();
      let product: SmaregiProduct;
      try {
        product = await admitted(() => client.getProduct(productId));
      } catch (error) {
        if (!(error instanceof SmaregiApiError && error.status === 404)) throw error;
        // Gone from Smaregi: delisted in Renkei, never deleted (its orders, stock and history stay).
        if (skuId && (await delist(ctx, skuId))) counts.delisted++;
        else counts.unchanged++;
        continue;
      }
      if (!skuId) {
        newcomers.push(product);
        // The figure at each store is read from its latest stock-history row: figure and history ID
        // in one read, so the pos:stock rows already in the figure are known (taken below).
        await paced();
        for (const row of await admitted(() => client.stockChanges({ productId }))) {
          const at = `${productId}@${row.storeId}`;
          if (Number(row.id) > Number(taken.get(at) ?? 0)) {
            taken.set(at, row.id);
            stock.set(at, row.stockAmount);
          }
        }
        continue;
      }
      const at = nowIso();
      const [sku, name] = await ctx.db.batch([
        ctx.db.stmt("UPDATE skus SET price = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2 AND price <> ?3", skuId, product.price, at),
        ctx.db.stmt(
          `UPDATE products SET name = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND name <> ?3
           AND id = (SELECT product_id FROM skus WHERE merchant_id = ?1 AND id = ?2)
           AND (SELECT COUNT(*) FROM skus s2 WHERE s2.merchant_id = ?1 AND s2.product_id = products.id) = 1`,
          skuId,
          product.productName,
          at,
        ),
      ]);
      if (sku!.meta.changes || name!.meta.changes) counts.updated++;
      else counts.unchanged++;
    }
  });
  if (newcomers.length) {
    const result = await takeNewProducts(ctx, connection, newcomers, (productId, storeId) => stock.get(`${productId}@${storeId}`) ?? 0);
    counts.created = result.created + result.linked;
    for (const [at, historyId] of taken) await saveCursor(ctx, connection.id, `${STOCK_TAKEN}${at}`, historyId);
  }
  return counts;
}
