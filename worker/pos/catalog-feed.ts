/**
 * The catalog feed of a device: first a snapshot in pages of compact tuples (SKU ID order), then
 * deltas read from the change log after a cursor. The cursor returned with the snapshot is the log
 * position when the snapshot began, so a change made while pages were being read is sent again as a
 * delta — never lost. Each request saves the device's cursor, which lets retention compact the log.
 */
import { TAX_RATES } from "../../shared/tax";
import type { ServiceContext } from "../context";
import { saveCursor } from "../sync/change-feed";

interface SkuRow {
  id: string;
  code: string;
  barcode: string | null;
  name: string;
  spec_name: string;
  price: number;
  tax_class: "standard" | "reduced" | "exempt";
  listed: number;
  conversion: number | null;
  sales_unit: string | null;
  display_name: string | null;
  unit_min: number | null;
  unit_max: number | null;
  on_hand: number | null;
  available: number | null;
}

const SKU_SELECT = `SELECT s.id, s.code, s.barcode, p.name, s.spec_name, s.price, p.tax_class,
    (s.listing_status = 'listed' AND p.listing_status = 'listed') AS listed,
    u.conversion, u.sales_unit, u.display_name, p.unit_min, p.unit_max,
    l.on_hand, l.on_hand - l.allocated - l.held AS available
  FROM skus s JOIN products p ON p.id = s.product_id LEFT JOIN units u ON u.id = p.unit_id
  LEFT JOIN stock_levels l ON l.sku_id = s.id AND l.location_id = ?2`;

export async function catalogPage(ctx: ServiceContext, query: { since: number; after?: string; limit: number }) {
  const locationId = ctx.actor.locationId!;
  const { currency } = await ctx.db.merchant();
  const item = (r: SkuRow) =>
    [
      r.id,
      r.code,
      r.barcode,
      r.spec_name ? `${r.name} ${r.spec_name}` : r.name,
      r.price,
      TAX_RATES[currency][r.tax_class],
      r.listed ? 1 : 0,
      r.conversion ? [r.conversion, r.sales_unit!, r.display_name!, r.unit_min!, r.unit_max!] : null,
    ] as const;
  const stock = (rows: SkuRow[]) => rows.filter((r) => r.on_hand !== null).map((r) => [r.id, r.on_hand!, r.available!] as const);

  if (query.since === 0) {
    const [head, rows, total] = await ctx.db.batch([
      // The log's high-water mark over all merchants: never 0 once anything was logged, even when this
      // merchant's part was compacted away, so `since=0` always means "snapshot". It is a position, not data.
      ctx.env.DB.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM change_log"),
      // +merchant_id: walk the primary key from `after` instead of sorting the whole catalog per page
      ctx.db.stmt(`${SKU_SELECT} WHERE +s.merchant_id = ?1 AND s.id > ?3 ORDER BY s.id LIMIT ?4`, locationId, query.after ?? "", query.limit),
      // the total is for the progress bar: counted once, on the first page
      ctx.db.stmt("SELECT CASE WHEN ?2 IS NULL THEN (SELECT COUNT(*) FROM skus WHERE merchant_id = ?1) END AS n", query.after ?? null),
    ]);
    const page = rows!.results as SkuRow[];
    const cursor = (head!.results[0] as { seq: number }).seq;
    // Hold the log from here on for this device while it reads the snapshot.
    if (!query.after) await saveCursor(ctx, `device:${ctx.actor.id}`, cursor);
    return {
      mode: "snapshot" as const,
      items: page.map(item),
      stock: stock(page),
      nextAfter: page.length === query.limit ? page[page.length - 1]!.id : null,
      cursor,
      more: false,
      total: (total!.results[0] as { n: number | null }).n,
    };
  }

  // Deltas: SKUs whose product, SKU row or stock at this store changed after the cursor.
  const changes = await ctx.db.all<{ seq: number; entity: string; entity_id: string }>(
    `SELECT seq, entity, entity_id FROM change_log WHERE merchant_id = ?1 AND seq > ?2
       AND entity IN ('sku', 'product', 'stock_level') ORDER BY seq LIMIT ?3`,
    query.since,
    query.limit + 1,
  );
  const page = changes.slice(0, query.limit);
  const skuIds = new Set<string>();
  const productIds = new Set<string>();
  for (const c of page) {
    if (c.entity === "sku") skuIds.add(c.entity_id);
    else if (c.entity === "product") productIds.add(c.entity_id);
    else if (c.entity_id.endsWith(`@${locationId}`)) skuIds.add(c.entity_id.slice(0, c.entity_id.lastIndexOf("@")));
  }
  const rows = skuIds.size || productIds.size
    ? await ctx.db.all<SkuRow>(
        `${SKU_SELECT} WHERE +s.merchant_id = ?1 AND (s.id IN (SELECT value FROM json_each(?3)) OR s.product_id IN (SELECT value FROM json_each(?4)))`,
        locationId,
        JSON.stringify([...skuIds]),
        JSON.stringify([...productIds]),
      )
    : [];
  const cursor = page.length ? page[page.length - 1]!.seq : query.since;
  await saveCursor(ctx, `device:${ctx.actor.id}`, query.since);
  return { mode: "delta" as const, items: rows.map(item), stock: stock(rows), nextAfter: null, cursor, more: changes.length > query.limit, total: null };
}
