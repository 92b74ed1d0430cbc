/**
 * Reading stock: levels by location (available = on hand − allocated − held) and the ledger history.
 * A negative on-hand level (an offline POS sale beyond stock) is listed for the merchant to fix.
 */
import type { ServiceContext } from "../context";
import { invalid } from "../errors";

interface LevelRow {
  sku_id: string;
  sku_code: string;
  product_name: string;
  location_id: string;
  location_code: string;
  on_hand: number;
  allocated: number;
  held: number;
  incoming: number;
  updated_at: string;
}

export const toLevel = (r: LevelRow) => ({
  skuId: r.sku_id,
  skuCode: r.sku_code,
  productName: r.product_name,
  locationId: r.location_id,
  locationCode: r.location_code,
  onHand: r.on_hand,
  allocated: r.allocated,
  held: r.held,
  incoming: r.incoming,
  available: r.on_hand - r.allocated - r.held,
  updatedAt: r.updated_at,
});

const LEVEL_SELECT = `SELECT l.sku_id, s.code AS sku_code, p.name AS product_name, l.location_id, loc.code AS location_code,
         l.on_hand, l.allocated, l.held, l.incoming, l.updated_at
  FROM stock_levels l
  JOIN skus s ON s.id = l.sku_id
  JOIN products p ON p.id = s.product_id
  JOIN locations loc ON loc.id = l.location_id`;

export async function listLevels(
  ctx: ServiceContext,
  query: { locationId?: string; skuId?: string; q?: string; negativeOnly?: "true" | "false"; limit: number; cursor?: string },
) {
  const cursor = query.cursor ? parseLevelCursor(query.cursor) : null;
  const rows = await ctx.db.all<LevelRow>(
    `${LEVEL_SELECT}
     WHERE l.merchant_id = ?1
       AND (?2 IS NULL OR l.location_id = ?2)
       AND (?3 IS NULL OR l.sku_id = ?3)
       AND (?4 IS NULL OR s.code LIKE ?4 || '%' OR p.name LIKE '%' || ?4 || '%' OR s.barcode = ?4)
       AND (?5 = 0 OR l.on_hand < 0)
       AND (?6 IS NULL OR (s.code, l.location_id) > (?6, ?8))
     ORDER BY s.code, l.location_id
     LIMIT ?7`,
    query.locationId ?? null,
    query.skuId ?? null,
    query.q ?? null,
    query.negativeOnly === "true" ? 1 : 0,
    cursor?.code ?? null,
    query.limit + 1,
    cursor?.locationId ?? null,
  );
  const items = rows.slice(0, query.limit).map(toLevel);
  const last = rows.length > query.limit ? items[items.length - 1] : undefined;
  // The cursor is the last row's (SKU code, location) as JSON: compared as a pair, never as one string.
  return { items, nextCursor: last ? JSON.stringify([last.skuCode, last.locationId]) : null };
}

function parseLevelCursor(text: string): { code: string; locationId: string } {
  try {
    const [code, locationId] = JSON.parse(text) as [unknown, unknown];
    if (typeof code === "string" && typeof locationId === "string") return { code, locationId };
  } catch {
    /* fall through */
  }
  throw invalid("bad cursor", [{ path: ["cursor"], message: "not a cursor from this list" }]);
}

export async function getLevel(ctx: ServiceContext, skuId: string, locationId: string) {
  const row = await ctx.db.first<LevelRow>(`${LEVEL_SELECT} WHERE l.merchant_id = ?1 AND l.sku_id = ?2 AND l.location_id = ?3`, skuId, locationId);
  return row ? toLevel(row) : null;
}

export async function listMovements(ctx: ServiceContext, query: { skuId: string; locationId?: string; limit: number; cursor?: string }) {
  const rows = await ctx.db.all<{
    id: number;
    sku_id: string;
    location_id: string;
    bucket: "on_hand";
    quantity: number;
    reason: string;
    source_type: string;
    source_id: string;
    actor: string | null;
    created_at: string;
  }>(
    `SELECT id, sku_id, location_id, bucket, quantity, reason, source_type, source_id, actor, created_at
     FROM stock_movements
     WHERE merchant_id = ?1 AND sku_id = ?2 AND (?3 IS NULL OR location_id = ?3) AND (?4 IS NULL OR id < ?4)
     ORDER BY id DESC LIMIT ?5`,
    query.skuId,
    query.locationId ?? null,
    query.cursor ? Number(query.cursor) : null,
    query.limit + 1,
  );
  const items = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    skuId: r.sku_id,
    locationId: r.location_id,
    bucket: r.bucket,
    quantity: r.quantity,
    reason: r.reason,
    sourceType: r.source_type,
    sourceId: r.source_id,
    actor: r.actor,
    createdAt: r.created_at,
  }));
  return { items, nextCursor: rows.length > query.limit ? String(items[items.length - 1]!.id) : null };
}
