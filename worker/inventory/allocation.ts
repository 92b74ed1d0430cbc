/**
 * Allocation (引当): reserve stock for an order's lines, never more than is available.
 * Demand is summed per SKU first (two lines of the same SKU are one reservation), then each SKU's
 * reservation is one guarded ledger movement keyed by order + SKU + location, so re-running an
 * allocation is a no-op for what is already reserved and retries only what was short.
 * Release on cancel is keyed too, so it happens exactly once.
 */
import type { MerchantDb } from "../db/merchant-db";
import type { GuardPlan } from "./stock-sources";
import { movementStatements, type Guard, type MovementInput } from "./ledger";

export interface DemandLine {
  skuId: string | null;
  stockQuantity: number;
}

export interface Demand {
  skuId: string;
  quantity: number;
}

/** Sums demand per SKU; unmapped lines (no SKU) take nothing from stock. */
export function sumDemand(lines: readonly DemandLine[]): Demand[] {
  const bySku = new Map<string, number>();
  for (const line of lines) {
    if (!line.skuId) continue;
    bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.stockQuantity);
  }
  return [...bySku].map(([skuId, quantity]) => ({ skuId, quantity }));
}

export const allocationKey = (orderId: string, skuId: string, locationId: string) => `alloc:${orderId}:${skuId}:${locationId}`;

export function allocationMovements(
  orderId: string,
  locationId: string,
  demand: readonly Demand[],
  guard: Exclude<Guard, 0>,
  plan: GuardPlan,
): MovementInput[] {
  return demand.map((d) => ({
    skuId: d.skuId,
    locationId,
    bucket: "allocated",
    quantity: d.quantity,
    reason: "allocate",
    sourceType: "order",
    sourceId: orderId,
    key: allocationKey(orderId, d.skuId, locationId),
    guard,
    guardScope: plan.scope,
    guardCap: plan.caps ? (plan.caps.get(d.skuId) ?? 0) : null,
  }));
}

/**
 * Releases whatever the order still holds allocated (allocation minus shipped minus released),
 * computed inside the statement from the ledger itself; keyed so a second cancel does nothing.
 */
export function releaseStatement(db: MerchantDb, orderId: string, at: string, actor: string | null, reason = "release") {
  return db.stmt(
    `INSERT OR IGNORE INTO stock_movements
       (merchant_id, sku_id, location_id, bucket, quantity, reason, source_type, source_id, idempotency_key, actor, created_at)
     SELECT ?1, sku_id, location_id, 'allocated', -SUM(quantity), ?5, 'order', ?2,
            'release:' || ?2 || ':' || sku_id || ':' || location_id, ?4, ?3
     FROM stock_movements
     WHERE merchant_id = ?1 AND source_type = 'order' AND source_id = ?2 AND bucket = 'allocated'
     GROUP BY sku_id, location_id
     HAVING SUM(quantity) > 0`,
    orderId,
    at,
    actor,
    reason,
  );
}

/** Allocated quantity the order holds now, per SKU. */
export async function heldByOrder(db: MerchantDb, orderId: string): Promise<Map<string, number>> {
  const rows = await db.all<{ sku_id: string; q: number }>(
    `SELECT sku_id, SUM(quantity) AS q FROM stock_movements
     WHERE merchant_id = ?1 AND source_type = 'order' AND source_id = ?2 AND bucket = 'allocated'
     GROUP BY sku_id`,
    orderId,
  );
  return new Map(rows.map((r) => [r.sku_id, r.q]));
}

export { movementStatements };
