/**
 * What happens to orders after they arrive: bulk status change, allocation retry, cancel, delete,
 * tags. Cancel and delete release the order's allocation exactly once (keyed ledger movements);
 * delete is a soft delete in Renkei only — the mall order number is kept for the other system.
 */
import { SYSTEM_TAG_VALUES, TERMINAL_STATUSES } from "../../shared/orders";
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { invalid } from "../errors";
import { allocationMovements, releaseStatement, sumDemand } from "../inventory/allocation";
import { movementStatements } from "../inventory/ledger";
import { guardPlan } from "../inventory/stock-sources";
import { stockChanged } from "../sync/stock-push";
import { loadChannels } from "./channels";
import { enteredStatus, registerOrderAction } from "./status-actions";
import { isKnownStatus } from "./statuses";
import { allocationOutcomeStatement } from "./write";

type Result = { orderId: string; ok: boolean; message?: string };

/** Per-order outcomes of bulk actions, Japanese first (the admin shows them as they are). */
const OUTCOME = {
  notFound: "受注が見つかりません (order not found)",
  shipped: "出荷済みの受注です (already shipped)",
  cancelled: "キャンセル済みの受注です (already cancelled)",
  unchanged: "すでにこのステータスです (already in this status)",
  raced: "他の操作で変更されました。再読み込みしてください (changed meanwhile, reload)",
  terminal: (status: string) => `${status === "shipped" ? "出荷済み" : "キャンセル済み"}の受注は変更できません (order is ${status})`,
} as const;

interface OrderState {
  id: string;
  status: string;
  channel_id: string;
  location_id: string;
  deleted_at: string | null;
}

async function states(ctx: ServiceContext, orderIds: string[]): Promise<Map<string, OrderState>> {
  const rows = await ctx.db.all<OrderState>(
    "SELECT id, status, channel_id, location_id, deleted_at FROM orders WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(orderIds),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function summarize(results: Result[]) {
  return { changed: results.filter((r) => r.ok).length, results };
}

export async function changeStatus(ctx: ServiceContext, orderIds: string[], status: string) {
  if (!(await isKnownStatus(ctx, status))) throw invalid("unknown status", [{ path: ["status"], message: `no status "${status}"` }]);
  if (TERMINAL_STATUSES.includes(status)) {
    throw invalid("use the verb", [{ path: ["status"], message: `"${status}" is reached by shipping or cancelling, not by a status change` }]);
  }
  const current = await states(ctx, orderIds);
  const results: Result[] = [];
  const movable: string[] = [];
  for (const id of orderIds) {
    const order = current.get(id);
    if (!order || order.deleted_at) results.push({ orderId: id, ok: false, message: OUTCOME.notFound });
    else if (TERMINAL_STATUSES.includes(order.status)) results.push({ orderId: id, ok: false, message: OUTCOME.terminal(order.status) });
    else if (order.status === status) results.push({ orderId: id, ok: true, message: OUTCOME.unchanged });
    else movable.push(id);
  }
  if (movable.length) {
    const moved = await ctx.db.all<{ id: string }>(
      `UPDATE orders SET status = ?2, updated_at = ?3 WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?4))
         AND status NOT IN ('shipped', 'cancelled') AND deleted_at IS NULL RETURNING id`,
      status,
      nowIso(),
      JSON.stringify(movable),
    );
    const movedIds = new Set(moved.map((m) => m.id));
    for (const id of movable) results.push(movedIds.has(id) ? { orderId: id, ok: true } : { orderId: id, ok: false, message: OUTCOME.raced });
    await enteredStatus(
      ctx,
      [...movedIds].map((orderId) => ({ orderId, status })),
    );
  }
  return summarize(results);
}

/**
 * (Re)try allocation for orders waiting for stock. Movements are keyed per order + SKU, so what is
 * already reserved stays, and only the short SKUs are tried again. Answers the fully allocated.
 */
export async function allocateOrders(
  ctx: ServiceContext,
  orderIds: string[],
  options: { moveStatus: boolean } = { moveStatus: true },
): Promise<Set<string>> {
  const current = await states(ctx, orderIds);
  const candidates = [...current.values()].filter(
    (o) => !o.deleted_at && !TERMINAL_STATUSES.includes(o.status) && o.status !== "awaiting_confirmation",
  );
  if (!candidates.length) return new Set();
  const lines = await ctx.db.all<{ order_id: string; sku_id: string | null; stock_quantity: number }>(
    "SELECT order_id, sku_id, stock_quantity FROM order_lines WHERE merchant_id = ?1 AND order_id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(candidates.map((c) => c.id)),
  );
  const channels = await loadChannels(
    ctx,
    candidates.map((c) => c.channel_id),
  );
  const movements = [];
  for (const order of candidates) {
    const demand = sumDemand(
      lines.filter((l) => l.order_id === order.id).map((l) => ({ skuId: l.sku_id, stockQuantity: l.stock_quantity })),
    );
    const plan = await guardPlan(
      ctx,
      channels.get(order.channel_id)!,
      demand.map((d) => d.skuId),
    );
    movements.push(...allocationMovements(order.id, order.location_id, demand, 1, plan));
  }
  const at = nowIso();
  const ids = candidates.map((c) => c.id);
  // Mark every waiting candidate allocated, then put back those still short: one batch, one outcome.
  // As a status action the rule's success status decides instead (moveStatus false).
  await ctx.db.batch([
    ...movementStatements(ctx.db, movements, at, `${ctx.actor.kind}:${ctx.actor.id}`),
    ...(options.moveStatus
      ? [
          ctx.db.stmt(
            `UPDATE orders SET status = 'allocated', updated_at = ?3 WHERE merchant_id = ?1 AND status = 'awaiting_allocation'
             AND id IN (SELECT value FROM json_each(?2))`,
            JSON.stringify(ids),
            at,
          ),
          allocationOutcomeStatement(ctx.db, ids, at),
        ]
      : []),
  ]);
  await stockChanged(ctx, [...new Set(movements.map((m) => m.skuId))]);
  const after = await states(ctx, ids);
  const allocated = new Set<string>();
  for (const order of candidates) {
    const full = await isFullyAllocated(ctx, order.id, order.location_id);
    if (full) allocated.add(order.id);
    if (order.status === "awaiting_allocation" && after.get(order.id)?.status === "allocated") {
      await enteredStatus(ctx, [{ orderId: order.id, status: "allocated" }]);
    }
  }
  return allocated;
}

async function isFullyAllocated(ctx: ServiceContext, orderId: string, locationId: string) {
  const missing = await ctx.db.first(
    `SELECT 1 FROM order_lines ol WHERE ol.merchant_id = ?1 AND ol.order_id = ?2 AND ol.sku_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.merchant_id = ?1
                       AND m.idempotency_key = 'alloc:' || ?2 || ':' || ol.sku_id || ':' || ?3)`,
    orderId,
    locationId,
  );
  return !missing;
}

// 引当: the built-in status action (e.g. "on entering 引当待ち, allocate; on success move to 出荷待ち").
registerOrderAction("allocate", (ctx, orderIds) => allocateOrders(ctx, orderIds, { moveStatus: false }));

/**
 * A connector that has handed orders to someone else (a 3PL such as RSL) has a say before Renkei
 * cancels or deletes them: it takes the hand-over back, or answers why it cannot — the order then
 * stays as it is, so it is never both with the 3PL and cancelled here. Answers orderId → reason.
 */
export type OrderEndGuard = (ctx: ServiceContext, orderIds: string[], verb: "cancel" | "delete") => Promise<Map<string, string>>;
const endGuards: OrderEndGuard[] = [];
export function registerOrderEndGuard(guard: OrderEndGuard) {
  endGuards.push(guard);
}

/** Cancel in Renkei: releases the allocation once; the external order is not touched by this. */
export async function cancelOrders(ctx: ServiceContext, orderIds: string[]) {
  return endOrders(ctx, orderIds, "cancel");
}

/** Delete in Renkei only (soft): the order leaves every list but its mall order number stays known. */
export async function deleteOrders(ctx: ServiceContext, orderIds: string[]) {
  return endOrders(ctx, orderIds, "delete");
}

async function endOrders(ctx: ServiceContext, orderIds: string[], verb: "cancel" | "delete") {
  const current = await states(ctx, orderIds);
  const results: Result[] = [];
  let ending: OrderState[] = [];
  for (const id of orderIds) {
    const order = current.get(id);
    if (!order || order.deleted_at) results.push({ orderId: id, ok: false, message: OUTCOME.notFound });
    else if (order.status === "shipped") results.push({ orderId: id, ok: false, message: OUTCOME.shipped });
    else if (verb === "cancel" && order.status === "cancelled") results.push({ orderId: id, ok: true, message: OUTCOME.cancelled });
    else ending.push(order);
  }
  for (const guard of endGuards) {
    if (!ending.length) break;
    const refused = await guard(ctx, ending.map((o) => o.id), verb);
    for (const [orderId, message] of refused) results.push({ orderId, ok: false, message });
    ending = ending.filter((o) => !refused.has(o.id));
  }
  const at = nowIso();
  const actor = `${ctx.actor.kind}:${ctx.actor.id}`;
  const statements = ending.flatMap((o) => [
    releaseStatement(ctx.db, o.id, at, actor, verb === "cancel" ? "cancel" : "delete"),
    ctx.db.stmt(
      verb === "cancel"
        ? "UPDATE orders SET status = 'cancelled', cancelled_at = ?3, updated_at = ?3 WHERE merchant_id = ?1 AND id = ?2"
        : "UPDATE orders SET deleted_at = ?3, status = CASE WHEN status = 'cancelled' THEN status ELSE 'cancelled' END, cancelled_at = COALESCE(cancelled_at, ?3), updated_at = ?3 WHERE merchant_id = ?1 AND id = ?2",
      o.id,
      at,
    ),
  ]);
  await ctx.db.batch(statements);
  for (const o of ending) results.push({ orderId: o.id, ok: true });
  if (ending.length) {
    const skus = await ctx.db.all<{ sku_id: string }>(
      "SELECT DISTINCT sku_id FROM order_lines WHERE merchant_id = ?1 AND sku_id IS NOT NULL AND order_id IN (SELECT value FROM json_each(?2))",
      JSON.stringify(ending.map((o) => o.id)),
    );
    await stockChanged(
      ctx,
      skus.map((s) => s.sku_id),
    );
  }
  return summarize(results);
}

/** User tags; system tags are Renkei's own and cannot be set or removed by hand. */
export async function changeTags(ctx: ServiceContext, orderIds: string[], add: string[], remove: string[]) {
  const reserved = [
    ...add.flatMap((t, i) => (SYSTEM_TAG_VALUES.includes(t) ? [{ path: ["add", i], message: `「${t}」はシステムタグです (a system tag is set by Renkei only)` }] : [])),
    ...remove.flatMap((t, i) => (SYSTEM_TAG_VALUES.includes(t) ? [{ path: ["remove", i], message: `「${t}」はシステムタグです (a system tag is set by Renkei only)` }] : [])),
  ];
  if (reserved.length) throw invalid("system tag", reserved);
  const current = await states(ctx, orderIds);
  const found = orderIds.filter((id) => current.has(id) && !current.get(id)!.deleted_at);
  const statements: D1PreparedStatement[] = [];
  for (const tag of add) {
    statements.push(
      ctx.db.stmt(
        `INSERT OR IGNORE INTO order_tags (merchant_id, order_id, tag, kind) SELECT ?1, value, ?2, 'user' FROM json_each(?3)`,
        tag,
        JSON.stringify(found),
      ),
    );
  }
  for (const tag of remove) {
    statements.push(
      ctx.db.stmt(
        "DELETE FROM order_tags WHERE merchant_id = ?1 AND tag = ?2 AND kind = 'user' AND order_id IN (SELECT value FROM json_each(?3))",
        tag,
        JSON.stringify(found),
      ),
    );
  }
  await ctx.db.batch(statements);
  return summarize(orderIds.map((id) => (found.includes(id) ? { orderId: id, ok: true } : { orderId: id, ok: false, message: OUTCOME.notFound })));
}
