/**
 * The preview before 「連携を開始する」 (beyond seed 000): what starting the link will do, read live
 * from Smaregi and from Renkei, changing nothing on either side —
 *  - products 「スマレジから新規商品情報一括取得」 would bring in (new, or linked to a Renkei SKU of the same code);
 *  - stock that differs at each linked location, and which side's figure wins there (the location's master):
 *    what the reconciliation on start (reconcile.ts) then sets;
 *  - Renkei orders of the mapped order stores that are not in Smaregi yet.
 * Lists are cut at LIST_MAX rows; the totals are always whole.
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { readSmaregiPatiently } from "./link";
import { SmaregiSettings } from "./settings";
import { upstream } from "./setup";
import { linkedSkus, readSmaregiStock, stockDifferences } from "./stock-differences";

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
  const { products, stockByStore } = await readSmaregiPatiently(ctx, connection, async (client) => ({
    products: await client.listProducts(),
    stockByStore: await readSmaregiStock(client, s.locations),
  })).catch(upstream);

  const links = await linkedSkus(ctx, connection.id);
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

  // The same reading the reconciliation on start acts on (reconcile.ts).
  const stock: SmaregiPreview["stock"]["items"] = (await stockDifferences(ctx, s.locations, links, stockByStore)).map(({ productId: _, ...d }) => d);

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
