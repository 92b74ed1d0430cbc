/**
 * Manual stock adjustments from the admin (receipts, count corrections, holds): one ledger movement
 * keyed by the client's idempotency key, so a double-click or a retry applies once.
 */
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { notFound, ServiceError } from "../errors";
import { stockChanged } from "../sync/stock-push";
import { appliedKeys, movementStatements, type Bucket } from "./ledger";
import { getLevel } from "./levels";

export interface AdjustmentInput {
  idempotencyKey: string;
  skuId: string;
  locationId: string;
  quantity: number;
  bucket: Exclude<Bucket, "allocated">;
  reason: string;
  note?: string;
}

export async function adjustStock(ctx: ServiceContext, input: AdjustmentInput) {
  const [sku, location] = await Promise.all([
    ctx.db.first("SELECT id FROM skus WHERE merchant_id = ?1 AND id = ?2", input.skuId),
    ctx.db.first("SELECT id FROM locations WHERE merchant_id = ?1 AND id = ?2", input.locationId),
  ]);
  if (!sku) throw notFound("SKU");
  if (!location) throw notFound("location");
  const key = `adjust:${input.idempotencyKey}`;
  const before = await appliedKeys(ctx.db, [key]);
  if (before.size) {
    // The same key must mean the same adjustment.
    const existing = await ctx.db.first<{ sku_id: string; location_id: string; quantity: number }>(
      "SELECT sku_id, location_id, quantity FROM stock_movements WHERE merchant_id = ?1 AND idempotency_key = ?2",
      key,
    );
    if (existing && (existing.sku_id !== input.skuId || existing.location_id !== input.locationId || existing.quantity !== input.quantity)) {
      throw new ServiceError("CONFLICT", "idempotency key already used for a different adjustment");
    }
  }
  const guarded = input.bucket === "held" && input.quantity > 0;
  await ctx.db.batch(
    movementStatements(
      ctx.db,
      [
        {
          skuId: input.skuId,
          locationId: input.locationId,
          bucket: input.bucket,
          quantity: input.quantity,
          reason: input.reason,
          sourceType: "adjustment",
          sourceId: input.idempotencyKey,
          key,
          // holding more than is available would make available negative
          guard: guarded ? 2 : 0,
        },
      ],
      nowIso(),
      `${ctx.actor.kind}:${ctx.actor.id}`,
    ),
  ).catch((error) => {
    if (String(error).includes("INSUFFICIENT_STOCK")) throw new ServiceError("INSUFFICIENT_STOCK", "not enough available stock to hold");
    throw error;
  });
  if (!before.size) await stockChanged(ctx, [input.skuId]);
  return { applied: !before.size, level: (await getLevel(ctx, input.skuId, input.locationId))! };
}
