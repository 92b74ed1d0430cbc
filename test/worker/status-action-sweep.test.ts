import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { STATUS_ACTION_SWEEP_JOB } from "../../worker/orders/status-action-sweep";
import { ORDER_ACTION_JOB, registerOrderAction } from "../../worker/orders/status-actions";
import type { JobMessage } from "../../worker/sync/messages";
import { RETENTION_JOB } from "../../worker/sync/retention";
import { recordRun } from "../../worker/sync/runs";
import { key, newMerchant, newSku, type TestMerchant } from "./helpers";

// An action that counts how often it ran for each order: the sweep's promise is "never twice".
const ran = new Map<string, number>();
const failFor = new Set<string>();
registerOrderAction("test.count", async (_ctx, orderIds) => {
  if (orderIds.some((id) => failFor.has(id))) throw new Error("the remote said 400");
  for (const id of orderIds) ran.set(id, (ran.get(id) ?? 0) + 1);
  return new Set(orderIds);
});

async function deliver(message: JobMessage) {
  const batch = createMessageBatch<JobMessage>("renkei-jobs", [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: message }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

/** A merchant with a custom status 出荷待機 whose entry runs test.count, and one order per `count`. */
async function setup(count = 1): Promise<{ m: TestMerchant; actionId: string; orders: string[] }> {
  const m = await newMerchant();
  const { skuId } = await newSku(m, { stock: 50 });
  expect((await m.api("POST", "/api/order-statuses", { code: "hold", ja: "出荷待機", zh: "待发货", en: "On hold" })).status).toBe(201);
  const action = await m.api("POST", "/api/status-actions", { status: "hold", action: "test.count" });
  expect(action.status).toBe(201);
  // the rule has been in place for a day (the sweep leaves alone what entered before its rule existed)
  await env.DB.prepare("UPDATE status_actions SET created_at = ?2 WHERE id = ?1").bind(action.body.id, new Date(Date.now() - 86_400_000).toISOString()).run();
  const orders: string[] = [];
  for (let i = 0; i < count; i++) {
    orders.push((await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] })).body.id);
  }
  return { m, actionId: action.body.id, orders };
}

/** The worker died between writing the status and enqueuing its actions: the status is written, nothing else. */
async function enterWithoutEnqueue(orderId: string, status: string, minutesAgo: number) {
  await env.DB.prepare("UPDATE orders SET status = ?2 WHERE id = ?1").bind(orderId, status).run();
  // the trigger stamped the entry now; put it where the test needs it on the clock
  await env.DB.prepare("UPDATE orders SET status_entered_at = ?2 WHERE id = ?1").bind(orderId, new Date(Date.now() - minutesAgo * 60_000).toISOString()).run();
}

async function sweep(m: TestMerchant) {
  const message = await recordRun(m.ctx, STATUS_ACTION_SWEEP_JOB, { trigger: "schedule" });
  const result = await deliver(message);
  expect(result.explicitAcks).toHaveLength(1);
  const run = await env.DB.prepare("SELECT status, counts FROM sync_runs WHERE id = ?1").bind(message.runId).first<{ status: string; counts: string }>();
  expect(run!.status).toBe("succeeded");
  return JSON.parse(run!.counts) as { actions: number; orders: number; runs: number };
}

const actionRuns = async (m: TestMerchant) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_runs WHERE merchant_id = ?1 AND job = ?2").bind(m.merchantId, ORDER_ACTION_JOB).first<{ n: number }>())!.n;

describe("sweep of lost status actions", () => {
  it("an order whose enqueue was lost is picked up by the sweep and acted on once, however often the sweep runs", async () => {
    const { m, orders } = await setup(2);
    const [lost, fresh] = orders as [string, string];
    await enterWithoutEnqueue(lost, "hold", 60);
    await enterWithoutEnqueue(fresh, "hold", 1); // entered a minute ago: its own message may still come
    expect(await actionRuns(m)).toBe(0);

    expect(await sweep(m)).toEqual({ actions: 1, orders: 1, runs: 1 });
    await vi.waitFor(async () => expect(ran.get(lost)).toBe(1));
    expect(ran.get(fresh)).toBeUndefined();

    // the second sweep: `lost` is covered; `fresh` entered before the first sweep and still has no run
    expect(await sweep(m)).toEqual({ actions: 1, orders: 1, runs: 1 });
    await vi.waitFor(async () => expect(ran.get(fresh)).toBe(1));
    expect(await sweep(m)).toEqual({ actions: 1, orders: 0, runs: 0 });
    await vi.waitFor(async () => {
      const runs = await m.api("GET", `/api/sync/runs?job=${ORDER_ACTION_JOB}`);
      expect(runs.body.items.map((r: { status: string }) => r.status)).toEqual(["succeeded", "succeeded"]);
    });
    expect(ran.get(lost)).toBe(1);
    expect(ran.get(fresh)).toBe(1);
  });

  it("an order whose action ran from its own message is not swept again", async () => {
    const { m, orders } = await setup();
    const orderId = orders[0]!;
    expect((await m.api("POST", "/api/orders/bulk/status", { orderIds: [orderId], status: "hold" })).body.changed).toBe(1);
    await vi.waitFor(async () => expect(ran.get(orderId)).toBe(1));
    await env.DB.prepare("UPDATE orders SET status_entered_at = ?2 WHERE id = ?1").bind(orderId, new Date(Date.now() - 3_600_000).toISOString()).run();
    expect(await sweep(m)).toEqual({ actions: 1, orders: 0, runs: 0 });
    expect(ran.get(orderId)).toBe(1);
  });

  it("two messages for the same entry act once; leaving and entering again is a new entry that acts once more", async () => {
    const { m, actionId, orders } = await setup();
    const orderId = orders[0]!;
    await enterWithoutEnqueue(orderId, "hold", 0);
    const first = await recordRun(m.ctx, ORDER_ACTION_JOB, { trigger: "event", payload: { actionId, orderIds: [orderId] } });
    const second = await recordRun(m.ctx, ORDER_ACTION_JOB, { trigger: "schedule", payload: { actionId, orderIds: [orderId] } });
    await deliver(first);
    await deliver(second);
    expect(ran.get(orderId)).toBe(1);
    const counts = async (runId: string) =>
      JSON.parse((await env.DB.prepare("SELECT counts FROM sync_runs WHERE id = ?1").bind(runId).first<{ counts: string }>())!.counts);
    expect(await counts(first.runId)).toMatchObject({ orders: 1, succeeded: 1 });
    expect(await counts(second.runId)).toMatchObject({ orders: 0, succeeded: 0 });

    await enterWithoutEnqueue(orderId, "allocated", 0);
    await enterWithoutEnqueue(orderId, "hold", 0);
    const third = await recordRun(m.ctx, ORDER_ACTION_JOB, { trigger: "event", payload: { actionId, orderIds: [orderId] } });
    await deliver(third);
    expect(ran.get(orderId)).toBe(2);
  });

  it("a run that failed for good leaves the entry to its replay, and the sweep does not run it behind the merchant's back", async () => {
    const { m, actionId, orders } = await setup();
    const orderId = orders[0]!;
    await enterWithoutEnqueue(orderId, "hold", 60);
    failFor.add(orderId);
    const failed = await recordRun(m.ctx, ORDER_ACTION_JOB, { trigger: "event", payload: { actionId, orderIds: [orderId] } });
    await deliver(failed);
    const letters = (await m.api("GET", "/api/sync/dead-letters?pending=true")).body.items;
    expect(letters).toHaveLength(1);
    // a failed run is a recorded run: the dead letter is where the merchant decides
    expect(await sweep(m)).toMatchObject({ orders: 0 });
    failFor.delete(orderId);
    expect((await m.api("POST", `/api/sync/dead-letters/${letters[0].id}/replay`)).status).toBe(202);
    await vi.waitFor(async () => expect(ran.get(orderId)).toBe(1));
  });

  it("a rule added later does not act on orders that were already waiting in its status", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5 });
    await m.api("POST", "/api/order-statuses", { code: "hold", ja: "出荷待機" });
    const orderId = (await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] })).body.id;
    await enterWithoutEnqueue(orderId, "hold", 60);
    expect((await m.api("POST", "/api/status-actions", { status: "hold", action: "test.count" })).status).toBe(201);
    expect(await sweep(m)).toEqual({ actions: 1, orders: 0, runs: 0 });
  });

  it("retention drops the record of an entry the order has left, and keeps the one it is still in", async () => {
    const { m, actionId, orders } = await setup(2);
    const [left, staying] = orders as [string, string];
    for (const orderId of orders) await enterWithoutEnqueue(orderId, "hold", 60);
    await deliver(await recordRun(m.ctx, ORDER_ACTION_JOB, { trigger: "event", payload: { actionId, orderIds: orders } }));
    await enterWithoutEnqueue(left, "allocated", 0);
    await env.DB.prepare("UPDATE status_action_runs SET claimed_at = ?2 WHERE action_id = ?1").bind(actionId, new Date(Date.now() - 2 * 86_400_000).toISOString()).run();
    const retention = await recordRun(m.ctx, RETENTION_JOB, { trigger: "schedule" });
    await deliver(retention);
    const kept = await env.DB.prepare("SELECT order_id FROM status_action_runs WHERE action_id = ?1").bind(actionId).all<{ order_id: string }>();
    expect(kept.results.map((r) => r.order_id)).toEqual([staying]);
    // and the order still waiting is not acted on again
    expect(await sweep(m)).toMatchObject({ orders: 0 });
    expect(ran.get(staying)).toBe(1);
  });

  it("every new merchant gets the sweep on a 10-minute schedule", async () => {
    const m = await newMerchant();
    const schedules = (await m.api("GET", "/api/sync/schedules")).body.items;
    expect(schedules).toContainEqual(expect.objectContaining({ job: STATUS_ACTION_SWEEP_JOB, kind: "interval", intervalMinutes: 10, enabled: true }));
  });
});
