/**
 * The `pos:products` webhook while Smaregi is the product master (商品連携設定 [連携する]): each
 * product named is re-read from Smaregi by ID and its name and price replace Renkei's on the linked
 * SKU (and its product, when the product has that one SKU, as the import makes them). Setting the
 * same figures again changes nothing, so a repeated or late event is harmless. Products not linked
 * yet are left to 「スマレジから新規商品情報一括取得」, which brings them in with their stock.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { withSmaregi } from "./link";
import { SmaregiSettings } from "./settings";

export async function applyProductEvent(ctx: ServiceContext, connection: ConnectionRecord, productIds: string[]) {
  const counts = { updated: 0, unchanged: 0, unlinked: 0, ignored: 0 };
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
  await withSmaregi(ctx, connection, async (client) => {
    for (const productId of new Set(productIds)) {
      const skuId = links.get(productId);
      if (!skuId) {
        counts.unlinked++;
        continue;
      }
      const product = await client.getProduct(productId);
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
  return counts;
}
