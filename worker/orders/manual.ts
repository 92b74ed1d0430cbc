/**
 * Manual order entry in the admin. Renkei prices the lines from the catalog (unit products need
 * their order value, within min / max — seed 004) and allocates strictly: if any SKU is short
 * (`在庫数 − 入力値 × 数量 < 0`) the whole order is refused and nothing is written.
 */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { idempotent } from "../db/idempotency";
import { invalid, notFound, ServiceError, type Issue } from "../errors";
import { skuPricing } from "../catalog/products";
import { allocationMovements, sumDemand } from "../inventory/allocation";
import { isInsufficientStock, movementStatements } from "../inventory/ledger";
import { guardPlan } from "../inventory/stock-sources";
import { stockChanged } from "../sync/stock-push";
import { requireChannel } from "./channels";
import { orderTotals, priceCatalogLine, type PricedLine } from "./pricing";
import { getOrder } from "./queries";
import { ordersCreated } from "./created";
import { enteredStatus } from "./status-actions";
import { orderInsertStatements } from "./write";
import { notFoundMessage } from "../messages";

export interface ManualOrderInput {
  idempotencyKey: string;
  channelId: string;
  locationId?: string;
  customerName: string;
  shippingAddress: string;
  shippingFee: number;
  note: string;
  /** 支払方法: one of the merchant's payment methods, or none. */
  paymentMethodId?: string | null;
  lines: { skuId: string; quantity: number; unitValue?: number | null }[];
}

export async function createManualOrder(ctx: ServiceContext, input: ManualOrderInput) {
  const { result } = await idempotent(ctx, "orders.manual", input.idempotencyKey, input, async () => ({ orderId: await createOnce(ctx, input) }));
  return getOrder(ctx, result.orderId);
}

async function createOnce(ctx: ServiceContext, input: ManualOrderInput): Promise<string> {
  const merchant = await ctx.db.merchant();
  const channel = await requireChannel(ctx, input.channelId);
  const locationId = input.locationId ?? channel.defaultLocationId!;
  const location = await ctx.db.first<{ tax_display: "inclusive" | "exclusive" }>(
    "SELECT tax_display FROM locations WHERE merchant_id = ?1 AND id = ?2",
    locationId,
  );
  if (!location) throw notFound("location");
  const issues: Issue[] = [];
  if (input.paymentMethodId) {
    const method = await ctx.db.first("SELECT 1 AS found FROM payment_methods WHERE merchant_id = ?1 AND id = ?2", input.paymentMethodId);
    if (!method) issues.push({ path: ["paymentMethodId"], message: "支払方法が見つかりません (payment method not found)" });
  }
  const pricing = await skuPricing(
    ctx,
    input.lines.map((l) => l.skuId),
  );
  const lines: PricedLine[] = [];
  input.lines.forEach((line, i) => {
    const sku = pricing.get(line.skuId);
    if (!sku) return issues.push({ path: ["lines", i, "skuId"], message: notFoundMessage("SKU") });
    const priced = priceCatalogLine(sku, line, i, merchant.currency, merchant.unitRounding, issues);
    if (priced) lines.push(priced);
  });
  if (issues.length) throw invalid("invalid order", issues);

  const id = newId("ord");
  const at = nowIso();
  const demand = sumDemand(lines);
  const plan = await guardPlan(
    ctx,
    channel,
    demand.map((d) => d.skuId),
  );
  try {
    await ctx.db.batch([
      ...orderInsertStatements(
        ctx.db,
        [
          {
            id,
            channelId: channel.id,
            locationId,
            externalId: id, // manual orders are their own external reference
            status: "allocated",
            currency: merchant.currency,
            customerName: input.customerName,
            shippingAddress: input.shippingAddress,
            shippingFee: input.shippingFee,
            adjustment: 0,
            note: input.note,
            paymentMethodId: input.paymentMethodId ?? null,
            orderedAt: at,
            totals: orderTotals(lines, location.tax_display, merchant.currency, input.shippingFee, 0),
            lines,
            tags: [],
          },
        ],
        at,
      ),
      ...movementStatements(ctx.db, allocationMovements(id, locationId, demand, 2, plan), at, `${ctx.actor.kind}:${ctx.actor.id}`),
    ]);
  } catch (error) {
    if (!isInsufficientStock(error)) throw error;
    throw await shortageError(ctx, lines, demand, locationId, plan.scope);
  }
  await stockChanged(
    ctx,
    demand.map((d) => d.skuId),
  );
  await enteredStatus(ctx, [{ orderId: id, status: "allocated" }]);
  await ordersCreated(ctx, [{ orderId: id, channelId: channel.id }]);
  return id;
}

/**
 * After a refused allocation: which lines were short, with what was available. Demand is summed
 * per SKU, so every line of a short SKU carries the issue, at ["lines", i, "stock"].
 */
async function shortageError(
  ctx: ServiceContext,
  lines: { skuId: string | null }[],
  demand: { skuId: string; quantity: number }[],
  locationId: string,
  scope: string,
) {
  const rows = await ctx.db.all<{ sku_id: string; available: number }>(
    `SELECT sku_id, SUM(on_hand - allocated - held) AS available FROM stock_levels
     WHERE merchant_id = ?1 AND sku_id IN (SELECT value FROM json_each(?2)) AND (?3 = 'all' OR location_id = ?4)
     GROUP BY sku_id`,
    JSON.stringify(demand.map((d) => d.skuId)),
    scope,
    locationId,
  );
  const available = new Map(rows.map((r) => [r.sku_id, r.available]));
  const short = new Map(demand.filter((d) => (available.get(d.skuId) ?? 0) < d.quantity).map((d) => [d.skuId, d.quantity]));
  const issues = lines.flatMap((line, i) => {
    const wanted = line.skuId ? short.get(line.skuId) : undefined;
    if (wanted === undefined) return [];
    const have = available.get(line.skuId!) ?? 0;
    return [{ path: ["lines", i, "stock"], message: `在庫が不足しています: 在庫数 ${have} − 注文 ${wanted} < 0 (insufficient stock)` }];
  });
  return new ServiceError("INSUFFICIENT_STOCK", "在庫数を超える注文はできません (not enough stock for this order)", issues);
}
