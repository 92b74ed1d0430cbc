/**
 * The preview before 「連携を開始する」 (beyond seed 000): what starting the link will do, read live
 * from Smaregi and from Renkei, changing nothing on either side —
 *  - products 「スマレジから新規商品情報一括取得」 would bring in (new, or linked to a Renkei SKU of the same code);
 *  - stock that differs at each linked location, and which side's figure wins there (the location's master);
 *  - Renkei orders of the mapped order stores that are not in Smaregi yet.
 * Lists are cut at LIST_MAX rows; the totals are always whole.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { readSmaregiPatiently } from "./link";
import { SmaregiSettings } from "./settings";
import { upstream } from "./setup";

export const LIST_MAX = 200;

export interface SmaregiPreview {
  products: { total: number; items: { productId: string; productCode: string; productName: string; renkeiSkuId: string | null }[] };
  stock: {
    total: number;
    items: { skuId: string; skuCode: string; locationId: string; smaregiStoreId: string; master: "renkei" | "smaregi"; renkei: number; smaregi: number }[];
  };
  orders: { total: number; items: { orderId: string; externalId: string; status: string; orderedAt: string; smaregiStoreId: string }[] };
}

export async function previewStart(ctx: ServiceContext, connection: ConnectionRecord): Promise<SmaregiPreview> {
  const s = SmaregiSettings.parse(connection.settings);
  const { products, stockByStore } = await readSmaregiPatiently(ctx, connection, async (client) => {
    const products = await client.listProducts();
    const stockByStore = new Map<string, Map<string, number>>();
    for (const l of s.locations) {
      stockByStore.set(l.smaregiStoreId, new Map((await client.listStock({ storeId: l.smaregiStoreId })).map((r) => [r.productId, r.stockAmount])));
    }
    return { products, stockByStore };
  }).catch(upstream);

  const links = await ctx.db.all<{ renkei_id: string; external_id: string; code: string }>(
    `SELECT el.renkei_id, el.external_id, s.code FROM external_links el JOIN skus s ON s.id = el.renkei_id AND s.merchant_id = ?1
     WHERE el.merchant_id = ?1 AND el.connection_id = ?2 AND el.entity = 'sku'`,
    connection.id,
  );
  const linked = new Set(links.map((l) => l.external_id));
  const fresh = products.filter((p) => !linked.has(p.productId));
  const byCode = new Map(
    (
      await ctx.db.all<{ id: string; code: string }>(
        "SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
        JSON.stringify(fresh.map((p) => p.productCode)),
      )
    ).map((r) => [r.code, r.id]),
  );

  // Stock: only SKUs already linked to a Smaregi product can differ (the rest come in with the import).
  const levels = new Map(
    (
      await ctx.db.all<{ sku_id: string; location_id: string; on_hand: number }>(
        `SELECT sku_id, location_id, on_hand FROM stock_levels WHERE merchant_id = ?1
         AND location_id IN (SELECT value FROM json_each(?2)) AND sku_id IN (SELECT value FROM json_each(?3))`,
        JSON.stringify(s.locations.map((l) => l.locationId)),
        JSON.stringify(links.map((l) => l.renkei_id)),
      )
    ).map((r) => [`${r.sku_id}@${r.location_id}`, r.on_hand]),
  );
  const stock: SmaregiPreview["stock"]["items"] = [];
  for (const l of s.locations) {
    for (const link of links) {
      const renkei = levels.get(`${link.renkei_id}@${l.locationId}`) ?? 0;
      const smaregi = stockByStore.get(l.smaregiStoreId)?.get(link.external_id) ?? 0;
      if (renkei !== smaregi) stock.push({ skuId: link.renkei_id, skuCode: link.code, locationId: l.locationId, smaregiStoreId: l.smaregiStoreId, master: l.master, renkei, smaregi });
    }
  }

  const storeOf = new Map(s.orderStores.map((o) => [o.channelId, o.smaregiStoreId]));
  const orders = await ctx.db.all<{ id: string; external_id: string; status: string; ordered_at: string; channel_id: string }>(
    `SELECT o.id, o.external_id, o.status, o.ordered_at, o.channel_id FROM orders o
     WHERE o.merchant_id = ?1 AND o.channel_id IN (SELECT value FROM json_each(?2)) AND o.deleted_at IS NULL AND o.cancelled_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM external_links el WHERE el.connection_id = ?3 AND el.entity = 'order' AND el.renkei_id = o.id)
     ORDER BY o.ordered_at`,
    JSON.stringify([...storeOf.keys()]),
    connection.id,
  );

  return {
    products: {
      total: fresh.length,
      items: fresh.slice(0, LIST_MAX).map((p) => ({ productId: p.productId, productCode: p.productCode, productName: p.productName, renkeiSkuId: byCode.get(p.productCode) ?? null })),
    },
    stock: { total: stock.length, items: stock.slice(0, LIST_MAX) },
    orders: {
      total: orders.length,
      items: orders.slice(0, LIST_MAX).map((o) => ({ orderId: o.id, externalId: o.external_id, status: o.status, orderedAt: o.ordered_at, smaregiStoreId: storeOf.get(o.channel_id)! })),
    },
  };
}
