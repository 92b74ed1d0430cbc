/**
 * The generic order import connectors call: orders already taken elsewhere (a mall, a web shop).
 * Each order is written once per (channel, external ID) however often it arrives. Lines are mapped
 * to SKUs by ID or by merchant code; an order with unmapped lines stops in 確認待 with the system
 * tag 「全商品未マッピング」 or 「一部商品未マッピング」 (seed 002). A fully mapped order is allocated
 * at once, best effort (the sale already happened elsewhere): what is short waits in 引当待ち.
 */
import { multiplyMinor, type Currency } from "../../shared/money";
import { SYSTEM_TAGS } from "../../shared/orders";
import type { TaxDisplay } from "../../shared/tax";
import { stockQuantity } from "../../shared/units";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { idempotent } from "../db/idempotency";
import { invalid, type Issue } from "../errors";
import { allocationMovements, sumDemand } from "../inventory/allocation";
import { movementStatements } from "../inventory/ledger";
import { guardPlan } from "../inventory/stock-sources";
import { stockChanged } from "../sync/stock-push";
import { channelMap, channelsStatement } from "./channels";
import type { PricedLine } from "./pricing";
import { orderTotals } from "./pricing";
import { ordersCreated } from "./created";
import { enteredStatus } from "./status-actions";
import { allocationOutcomeStatement, orderInsertStatements, type NewOrder } from "./write";
import { notFoundMessage } from "../messages";

export interface ImportLineInput {
  externalCode: string;
  skuId?: string | null;
  name: string;
  quantity: number;
  unitValue?: number | null;
  unitPrice: number;
  taxRate: number;
}

export interface ImportOrderInput {
  channelId: string;
  externalId: string;
  locationId?: string;
  orderedAt: string;
  currency: Currency;
  customerName: string;
  shippingAddress: string;
  shippingFee: number;
  adjustment: number;
  note: string;
  /** 支払方法 by the merchant's payment-method code; an unknown code refuses the request. */
  paymentMethodCode?: string | null;
  taxDisplay?: TaxDisplay;
  /**
   * Lines without skuId are matched to a SKU by merchant code (default). false: a line is mapped
   * only by its skuId — a connector with its own product mapping (Rakuten's 商品マッピング) must not
   * see a line "mapped" because some SKU happens to share the code.
   */
  matchLinesByCode?: boolean;
  lines: ImportLineInput[];
}

export interface ImportOutcome {
  created: number;
  duplicates: number;
  orders: { externalId: string; orderId: string; created: boolean; status: string }[];
}

export function importOrders(ctx: ServiceContext, input: { idempotencyKey: string; orders: ImportOrderInput[] }) {
  return idempotent(ctx, "orders.import", input.idempotencyKey, input, () => importOnce(ctx, input.orders));
}

async function importOnce(ctx: ServiceContext, orders: ImportOrderInput[]): Promise<ImportOutcome> {
  const merchant = await ctx.db.merchant();
  const found = await lookups(ctx, orders);
  const { channels } = found;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  orders.forEach((o, i) => {
    if (!channels.has(o.channelId)) issues.push({ path: ["orders", i, "channelId"], message: notFoundMessage("channel") });
    if (o.currency !== merchant.currency) issues.push({ path: ["orders", i, "currency"], message: `the merchant trades in ${merchant.currency}` });
    const natural = `${o.channelId}:${o.externalId}`;
    if (seen.has(natural)) issues.push({ path: ["orders", i, "externalId"], message: "the same order twice in one request" });
    seen.add(natural);
    if (o.locationId && !found.locations.has(o.locationId)) issues.push({ path: ["orders", i, "locationId"], message: notFoundMessage("location") });
    if (o.paymentMethodCode && !found.paymentMethods.has(o.paymentMethodCode)) {
      issues.push({ path: ["orders", i, "paymentMethodCode"], message: `支払方法コード「${o.paymentMethodCode}」がありません (no payment method with this code)` });
    }
    o.lines.forEach((l, j) => {
      if (l.skuId && !found.skus.has(l.skuId)) issues.push({ path: ["orders", i, "lines", j, "skuId"], message: notFoundMessage("SKU") });
    });
  });
  if (issues.length) throw invalid("invalid orders", issues);
  const { existing, byCode } = found;
  const at = nowIso();
  const fresh: NewOrder[] = [];
  const outcome: ImportOutcome = { created: 0, duplicates: 0, orders: [] };
  for (const o of orders) {
    const known = existing.get(`${o.channelId}:${o.externalId}`);
    if (known) {
      outcome.duplicates++;
      outcome.orders.push({ externalId: o.externalId, orderId: known.id, created: false, status: known.status });
      continue;
    }
    const channel = channels.get(o.channelId)!;
    const lines: PricedLine[] = o.lines.map((l) => {
      const skuId = l.skuId ?? (o.matchLinesByCode === false ? null : byCode.get(l.externalCode)) ?? null;
      return {
        skuId,
        externalCode: l.externalCode,
        name: l.name,
        quantity: l.quantity,
        unitValue: l.unitValue ?? null,
        unitPrice: l.unitPrice,
        amount: multiplyMinor(l.unitPrice, l.quantity),
        taxRate: l.taxRate,
        stockQuantity: stockQuantity(l.quantity, l.unitValue),
      };
    });
    const unmapped = lines.filter((l) => !l.skuId).length;
    const tags =
      unmapped === 0
        ? []
        : [{ tag: unmapped === lines.length ? SYSTEM_TAGS.allUnmapped : SYSTEM_TAGS.someUnmapped, kind: "system" as const }];
    fresh.push({
      id: newId("ord"),
      channelId: o.channelId,
      locationId: o.locationId ?? channel.defaultLocationId!,
      externalId: o.externalId,
      status: unmapped ? "awaiting_confirmation" : "allocated",
      currency: o.currency,
      customerName: o.customerName,
      shippingAddress: o.shippingAddress,
      shippingFee: o.shippingFee,
      adjustment: o.adjustment,
      note: o.note,
      paymentMethodId: o.paymentMethodCode ? found.paymentMethods.get(o.paymentMethodCode)! : null,
      orderedAt: o.orderedAt,
      totals: orderTotals(lines, o.taxDisplay ?? "inclusive", o.currency, o.shippingFee, o.adjustment),
      lines,
      tags,
    });
  }
  if (!fresh.length) return outcome;

  // Allocation movements for fully mapped orders, guarded per channel's stock source.
  const toAllocate = fresh.filter((o) => o.status === "allocated");
  const movements = [];
  for (const channelId of new Set(toAllocate.map((o) => o.channelId))) {
    const group = toAllocate.filter((o) => o.channelId === channelId);
    const plan = await guardPlan(ctx, channels.get(channelId)!, [...new Set(group.flatMap((o) => o.lines.map((l) => l.skuId!)))]);
    for (const order of group) movements.push(...allocationMovements(order.id, order.locationId, sumDemand(order.lines), 1, plan));
  }
  const actor = `${ctx.actor.kind}:${ctx.actor.id}`;
  const results = await ctx.db.batch([
    ...orderInsertStatements(ctx.db, fresh, at),
    ...movementStatements(ctx.db, movements, at, actor),
    allocationOutcomeStatement(
      ctx.db,
      toAllocate.map((o) => o.id),
      at,
    ),
  ]);
  // The outcome statement answers the orders it put back to 引当待ち (RETURNING id).
  const waiting = new Set((results[results.length - 1]!.results as { id: string }[]).map((r) => r.id));
  for (const o of fresh) {
    outcome.created++;
    const status = waiting.has(o.id) ? "awaiting_allocation" : o.status;
    outcome.orders.push({ externalId: o.externalId, orderId: o.id, created: true, status });
  }
  await stockChanged(ctx, [...new Set(movements.map((m) => m.skuId))]);
  await enteredStatus(ctx, outcome.orders.filter((o) => o.created).map((o) => ({ orderId: o.orderId, status: o.status })));
  await ordersCreated(ctx, fresh.map((o) => ({ orderId: o.id, channelId: o.channelId })));
  return outcome;
}

/** Every read the import needs, in one round trip. */
async function lookups(ctx: ServiceContext, orders: ImportOrderInput[]) {
  const json = (values: string[]) => JSON.stringify([...new Set(values)]);
  const [channels, locations, skus, existing, byCode, paymentMethods] = await ctx.db.batch([
    channelsStatement(
      ctx,
      orders.map((o) => o.channelId),
    ),
    ctx.db.stmt(
      "SELECT id FROM locations WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
      json(orders.flatMap((o) => (o.locationId ? [o.locationId] : []))),
    ),
    ctx.db.stmt(
      "SELECT id FROM skus WHERE +merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
      json(orders.flatMap((o) => o.lines.flatMap((l) => (l.skuId ? [l.skuId] : [])))),
    ),
    ctx.db.stmt(
      `SELECT id, channel_id || ':' || external_id AS natural, status FROM orders
       WHERE merchant_id = ?1 AND external_id IN (SELECT value FROM json_each(?2))`,
      json(orders.map((o) => o.externalId)),
    ),
    // lines that name their SKU by merchant code
    ctx.db.stmt(
      "SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
      json(orders.flatMap((o) => o.lines.filter((l) => !l.skuId && l.externalCode).map((l) => l.externalCode))),
    ),
    ctx.db.stmt(
      "SELECT id, code FROM payment_methods WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
      json(orders.flatMap((o) => (o.paymentMethodCode ? [o.paymentMethodCode] : []))),
    ),
  ]);
  const ids = (result: D1Result) => new Set((result.results as { id: string }[]).map((r) => r.id));
  return {
    channels: channelMap(channels!.results),
    locations: ids(locations!),
    skus: ids(skus!),
    existing: new Map((existing!.results as { id: string; natural: string; status: string }[]).map((r) => [r.natural, r])),
    byCode: new Map((byCode!.results as { id: string; code: string }[]).map((r) => [r.code, r.id])),
    /** payment-method code → ID */
    paymentMethods: new Map((paymentMethods!.results as { id: string; code: string }[]).map((r) => [r.code, r.id])),
  };
}
