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
import { loadChannels } from "./channels";
import type { PricedLine } from "./pricing";
import { orderTotals } from "./pricing";
import { enteredStatus } from "./status-actions";
import { allocationOutcomeStatement, orderInsertStatements, type NewOrder } from "./write";

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
  taxDisplay?: TaxDisplay;
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
  const channels = await loadChannels(
    ctx,
    orders.map((o) => o.channelId),
  );
  const issues: Issue[] = [];
  const seen = new Set<string>();
  orders.forEach((o, i) => {
    if (!channels.has(o.channelId)) issues.push({ path: ["orders", i, "channelId"], message: "channel not found" });
    if (o.currency !== merchant.currency) issues.push({ path: ["orders", i, "currency"], message: `the merchant trades in ${merchant.currency}` });
    const natural = `${o.channelId}:${o.externalId}`;
    if (seen.has(natural)) issues.push({ path: ["orders", i, "externalId"], message: "the same order twice in one request" });
    seen.add(natural);
  });
  const locations = await existingIds(ctx, "locations", orders.flatMap((o) => (o.locationId ? [o.locationId] : [])));
  orders.forEach((o, i) => {
    if (o.locationId && !locations.has(o.locationId)) issues.push({ path: ["orders", i, "locationId"], message: "location not found" });
  });
  const skuIds = await existingIds(ctx, "skus", orders.flatMap((o) => o.lines.flatMap((l) => (l.skuId ? [l.skuId] : []))));
  orders.forEach((o, i) =>
    o.lines.forEach((l, j) => {
      if (l.skuId && !skuIds.has(l.skuId)) issues.push({ path: ["orders", i, "lines", j, "skuId"], message: "SKU not found" });
    }),
  );
  if (issues.length) throw invalid("invalid orders", issues);

  const existing = await existingOrders(ctx, orders);
  const byCode = await skusByCode(
    ctx,
    orders.flatMap((o) => o.lines.filter((l) => !l.skuId && l.externalCode).map((l) => l.externalCode)),
  );
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
      const skuId = l.skuId ?? byCode.get(l.externalCode) ?? null;
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
  await ctx.db.batch([
    ...orderInsertStatements(ctx.db, fresh, at),
    ...movementStatements(ctx.db, movements, at, actor),
    allocationOutcomeStatement(
      ctx.db,
      toAllocate.map((o) => o.id),
      at,
    ),
  ]);
  const statuses = await orderStatuses(
    ctx,
    fresh.map((o) => o.id),
  );
  for (const o of fresh) {
    outcome.created++;
    outcome.orders.push({ externalId: o.externalId, orderId: o.id, created: true, status: statuses.get(o.id)! });
  }
  await stockChanged(ctx, [...new Set(movements.map((m) => m.skuId))]);
  await enteredStatus(ctx, outcome.orders.filter((o) => o.created).map((o) => ({ orderId: o.orderId, status: o.status })));
  return outcome;
}

async function existingIds(ctx: ServiceContext, table: "locations" | "skus", ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.db.all<{ id: string }>(
    `SELECT id FROM ${table} WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))`,
    JSON.stringify([...new Set(ids)]),
  );
  return new Set(rows.map((r) => r.id));
}

async function existingOrders(ctx: ServiceContext, orders: ImportOrderInput[]) {
  const rows = await ctx.db.all<{ id: string; natural: string; status: string }>(
    `SELECT id, channel_id || ':' || external_id AS natural, status FROM orders
     WHERE merchant_id = ?1 AND external_id IN (SELECT value FROM json_each(?2))`,
    JSON.stringify(orders.map((o) => o.externalId)),
  );
  return new Map(rows.map((r) => [r.natural, r]));
}

/** Merchant code → SKU ID, for lines that name their SKU by code. */
async function skusByCode(ctx: ServiceContext, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await ctx.db.all<{ id: string; code: string }>(
    "SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
    JSON.stringify([...new Set(codes)]),
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function orderStatuses(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>> {
  const rows = await ctx.db.all<{ id: string; status: string }>(
    "SELECT id, status FROM orders WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(ids),
  );
  return new Map(rows.map((r) => [r.id, r.status]));
}
