/**
 * Rakuten RMS + RSL (seed 002), pace and volume: 注文確認 of every order an import brings (beyond one
 * page of 1,000), a refused confirm tried again later (not in a tight loop); two forwarding runs
 * delivered by the queue at once; RSL paced per warehouse and a 429 storm waited out; the RMS call
 * gap's floor. Real fakes over loopback HTTP, real D1 and Queues.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { CONFIRM_RETRY_BASE_MS } from "../../worker/connectors/rakuten/confirm-orders";
import { BUSY_RETRY_SECONDS } from "../../worker/connectors/rakuten/forward-lease";
import { importRakutenOrders } from "../../worker/connectors/rakuten/import-orders";
import { FORWARD_JOB, IMPORT_JOB, talksToRms } from "../../worker/connectors/rakuten/link";
import worker from "../../worker/index";
import type { JobMessage } from "../../worker/sync/messages";
import { enqueueJob, recordRun } from "../../worker/sync/runs";
import { newMerchant } from "./helpers";
import { control, DAY, fakes, item, rmsCalls, rslState, runJob, setup } from "./rakuten-setup";

const iso = (ms: number) => new Date(ms).toISOString();

describe("注文確認 beyond one page", () => {
  it("confirms all 1,050 orders an import brings within that run, ≤100 per call; one RMS refuses keeps its message and is tried again only after its back-off", async () => {
    const count = 1050;
    const s = await setup([], { generate: { count, from: iso(Date.now() - 2 * DAY), to: iso(Date.now() - DAY), skus: ["MUG-900"], orderProgress: 100 } });
    const numbers = [...(s.shop.orderNumbers as string[])].sort();
    const refused = numbers[numbers.length - 1]!; // the last by number: on the second page
    await control("rakuten", "fail", { serviceSecret: s.shop.serviceSecret, failures: [{ function: "confirmOrder", orderNumber: refused, messageCode: "ORDER_EXT_API_CONFIRM_ORDER_ERROR_999", message: "注文確認できませんでした" }] });

    const { run } = await runJob(s, IMPORT_JOB);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.counts).toMatchObject({ imported: count, confirmed: count - 1, confirmFailed: 1 });
    expect((await rmsCalls(s.shop.serviceSecret)).confirmOrder).toBe(Math.ceil(count / 100)); // the fake refuses a call of more than 100
    const progress = async () => {
      const orders = (await control("rakuten", "state", { serviceSecret: s.shop.serviceSecret })).orders as { orderNumber: string; orderProgress: number }[];
      return Object.fromEntries(orders.map((o) => [o.orderNumber, o.orderProgress]));
    };
    const before = await progress();
    expect(numbers.filter((n) => before[n] === 300)).toHaveLength(count - 1);
    expect(before[refused]).toBe(100);

    const row = () =>
      env.DB.prepare("SELECT confirmed_at, confirm_error, confirm_attempts, confirm_retry_at FROM rakuten_orders WHERE connection_id = ?1 AND order_number = ?2")
        .bind(s.rakutenId, refused)
        .first<{ confirmed_at: string | null; confirm_error: string | null; confirm_attempts: number; confirm_retry_at: string | null }>();
    const failed = (await row())!;
    expect(failed).toMatchObject({ confirmed_at: null, confirm_error: "ORDER_EXT_API_CONFIRM_ORDER_ERROR_999: 注文確認できませんでした", confirm_attempts: 1 });
    expect(Date.parse(failed.confirm_retry_at!)).toBeGreaterThan(Date.now() + CONFIRM_RETRY_BASE_MS - 60_000);
    const review = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/review`);
    expect(review.body.items).toEqual([expect.objectContaining({ kind: "confirm_order", orderNumber: refused, error: expect.stringContaining("注文確認できませんでした") })]);

    // the next run does not ask again before the back-off is over
    const again = await runJob(s, IMPORT_JOB);
    expect(again.run.counts).toMatchObject({ imported: 0, confirmed: 0, confirmFailed: 0 });
    expect((await rmsCalls(s.shop.serviceSecret)).confirmOrder).toBe(Math.ceil(count / 100));

    // a run after it: confirmed, the message gone from the review list
    const connection = (await loadConnection(s.m.ctx, s.rakutenId))!;
    const later = await importRakutenOrders(s.m.ctx, connection, `run_${crypto.randomUUID()}`, Date.now() + CONFIRM_RETRY_BASE_MS + 60_000);
    expect(later).toMatchObject({ confirmed: 1, confirmFailed: 0 });
    expect(await row()).toMatchObject({ confirmed_at: expect.any(String), confirm_error: null, confirm_retry_at: null });
    expect((await progress())[refused]).toBe(300);
    expect((await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/review`)).body.items).toEqual([]);
  }, 120_000);
});

describe("two forwarding runs delivered at once by the queue", () => {
  it("each order is requested at RSL once: the run that finds the lease taken is retried by the queue, and its retry finds nothing left", async () => {
    const s = await setup([{ orderProgress: 300, items: [item("RB-001-RED")] }, { orderProgress: 300, items: [item("RB-001-BLU")] }, { orderProgress: 300, items: [item("RB-001-RED", 2)] }]);
    const settings = (await s.m.api("GET", `/api/connections/${s.rakutenId}`)).body.settings;
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: false });
    await runJob(s, IMPORT_JOB);
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: true });
    // RSL takes its time over the first request, so the first run still holds the lease when the second arrives
    await control("rsl", "fail", { apiKey: s.apiKey, failures: [{ path: "/v1/shipments", delayMs: 1500 }] });
    const run = (id: string) => env.DB.prepare("SELECT status, counts, error FROM sync_runs WHERE id = ?1").bind(id).first<{ status: string; counts: string | null; error: string | null }>();

    // the first through the queue's producer and consumer
    const first = await enqueueJob(s.m.ctx, FORWARD_JOB, { connectionId: s.rakutenId, trigger: "event" });
    const leased = () => env.DB.prepare("SELECT value FROM connection_cursors WHERE connection_id = ?1 AND name = 'rakuten.forward-lease'").bind(s.rakutenId).first();
    await vi.waitFor(async () => expect(await leased()).not.toBeNull(), { timeout: 10_000, interval: 20 });
    // the second as a second consumer invocation beside it (Queues runs consumers concurrently; the local
    // queue hands out one batch at a time, so this delivery is made directly to the worker's queue handler)
    const second = await recordRun(s.m.ctx, FORWARD_JOB, { connectionId: s.rakutenId, trigger: "schedule" });
    const batch = createMessageBatch<JobMessage>("renkei-jobs", [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: second }]);
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: batch.messages[0]!.id })]);
    // retried no sooner than the lease asks (the consumer writes the delay it gave the queue)
    const retrying = (await run(second.runId))!;
    expect(retrying).toMatchObject({ status: "retrying", error: expect.stringContaining("another forwarding run") });
    expect(Number(/retry 2 in (\d+) s/.exec(retrying.error!)?.[1])).toBeGreaterThanOrEqual(BUSY_RETRY_SECONDS);

    await vi.waitFor(async () => expect((await run(first))?.status).toBe("succeeded"), { timeout: 15_000, interval: 100 });
    expect(JSON.parse((await run(first))!.counts!)).toMatchObject({ planned: 3, sent: 3 });
    // the queue delivers the retry (its delay is the queue's business; sent again here without waiting 15 s)
    await env.JOBS.send(second);
    await vi.waitFor(async () => expect((await run(second.runId))?.status).toBe("succeeded"), { timeout: 15_000, interval: 100 });
    expect(JSON.parse((await run(second.runId))!.counts!)).toMatchObject({ planned: 0, sent: 0, found: 0, failed: 0 });

    const byOrder = (await rslState(s.apiKey)).shipmentsByOrder as Record<string, string[]>;
    expect(Object.keys(byOrder).sort()).toEqual([...(s.shop.orderNumbers as string[])].sort());
    expect(Object.values(byOrder).map((keys) => keys.length)).toEqual([1, 1, 1]);
    const shipments = await env.DB.prepare("SELECT COUNT(*) AS n FROM shipments WHERE merchant_id = ?1").bind(s.m.merchantId).first<{ n: number }>();
    expect(shipments!.n).toBe(3);
  }, 60_000);
});

describe("RSL pacing", () => {
  const mappedBacklog = async (count: number) => {
    const s = await setup([], { generate: { count, from: iso(Date.now() - 2 * DAY), to: iso(Date.now() - DAY), skus: ["RB-001-RED", "RB-001-BLU"], orderProgress: 300 } });
    for (const sku of [s.skus.red, s.skus.blue]) {
      const stocked = await s.m.api("POST", "/api/stock/adjustments", { idempotencyKey: crypto.randomUUID(), skuId: sku.skuId, locationId: s.m.warehouseId, quantity: 1000, reason: "receipt" });
      expect(stocked.status, JSON.stringify(stocked.body)).toBe(200);
    }
    return s;
  };
  const pace = async (s: Awaited<ReturnType<typeof setup>>, requestsPerSecond: number) => {
    const saved = await s.m.api("PUT", `/api/connections/${s.rslId}/settings`, { resultPageSize: 100, requestsPerSecond });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  };
  const accepted = async (s: Awaited<ReturnType<typeof setup>>) =>
    (await env.DB.prepare("SELECT COUNT(*) AS n FROM rsl_requests WHERE connection_id = ?1 AND state = 'accepted'").bind(s.rakutenId).first<{ n: number }>())!.n;
  const forwardRuns = async (s: Awaited<ReturnType<typeof setup>>) =>
    (await env.DB.prepare("SELECT status, attempts FROM sync_runs WHERE connection_id = ?1 AND job = ?2").bind(s.rakutenId, FORWARD_JOB).all<{ status: string; attempts: number }>()).results;

  it("at the default pace (8 / s) a backlog reaches RSL without one 429 from the assumed 10 / s limit", async () => {
    const count = 30;
    const s = await mappedBacklog(count);
    await pace(s, 8);
    const started = Date.now();
    await runJob(s, IMPORT_JOB);
    await vi.waitFor(async () => expect(await accepted(s)).toBe(count), { timeout: 30_000, interval: 100 });
    // 8 in any second: 30 requests take at least three full seconds
    expect(Date.now() - started).toBeGreaterThanOrEqual(Math.floor((count - 1) / 8) * 1000);
    const state = await rslState(s.apiKey);
    expect(state.throttled).toBe(0);
    expect(Object.values(state.shipmentsByOrder as Record<string, string[]>).every((keys) => keys.length === 1)).toBe(true);
  }, 60_000);

  it("a storm of 429s (the warehouse allows less than the link's pace) is waited out within the run: every order requested once, no run retried, no dead letter", async () => {
    const count = 60;
    const s = await mappedBacklog(count);
    await pace(s, 100);
    await control("rsl", "rate", { apiKey: s.apiKey, perSecond: 15, retryAfter: 1 });
    await runJob(s, IMPORT_JOB);
    await vi.waitFor(async () => expect(await accepted(s)).toBe(count), { timeout: 45_000, interval: 200 });
    await vi.waitFor(async () => expect((await forwardRuns(s)).every((r) => r.status === "succeeded")).toBe(true), { timeout: 10_000, interval: 100 });
    // each run did its work in its first attempt: the 429s never reached the queue's back-off
    expect((await forwardRuns(s)).every((r) => r.attempts === 1)).toBe(true);
    const state = await rslState(s.apiKey);
    expect(state.throttled).toBeGreaterThan(0);
    const byOrder = state.shipmentsByOrder as Record<string, string[]>;
    expect(Object.keys(byOrder)).toHaveLength(count);
    expect(Object.values(byOrder).every((keys) => keys.length === 1)).toBe(true);
    expect((state.shipments as unknown[]).length).toBe(count);
    const dead = await env.DB.prepare("SELECT COUNT(*) AS n FROM dead_letters WHERE merchant_id = ?1").bind(s.m.merchantId).first<{ n: number }>();
    expect(dead!.n).toBe(0);
    const orders = await env.DB.prepare("SELECT status, COUNT(*) AS n FROM orders WHERE merchant_id = ?1 GROUP BY status").bind(s.m.merchantId).all<{ status: string; n: number }>();
    expect(orders.results).toEqual([{ status: "awaiting_shipment", n: count }]);
  }, 90_000);
});

describe("API呼び出し間隔 (callIntervalMs)", () => {
  const create = (m: Awaited<ReturnType<typeof newMerchant>>, baseUrl: string | null, callIntervalMs: unknown) =>
    m.api("POST", "/api/connections", { kind: "rakuten", name: "楽天", baseUrl, credentials: { serviceSecret: "SP_x", licenseKey: "SL_x" }, settings: { channelId: m.channelId, callIntervalMs } });
  const rakutenLinks = async (m: Awaited<ReturnType<typeof newMerchant>>) => ((await m.api("GET", "/api/connections")).body.items as { kind: string }[]).filter((c) => c.kind === "rakuten");

  it("against the real RMS it cannot go under one call a second: refused naming the field and the limit, nothing kept; the range is checked with the field named", async () => {
    const m = await newMerchant();
    const under = await create(m, null, 200);
    expect(under.status).toBe(400);
    expect(under.body.issues).toEqual([{ path: ["settings", "callIntervalMs"], message: expect.stringContaining("1000ミリ秒以上") }]);
    expect(under.body.issues[0].message).toContain("one call a second");
    expect(await rakutenLinks(m)).toEqual([]);
    for (const [value, words] of [[20_000, "10000ミリ秒"], [-1, "0ミリ秒以上"], [1.5, "整数"], ["fast", "数値"]] as const) {
      const refused = await create(m, "https://api.rms.rakuten.co.jp", value);
      expect(refused.status, String(value)).toBe(400);
      expect(refused.body.issues, String(value)).toEqual([{ path: ["settings", "callIntervalMs"], message: expect.stringContaining(words) }]);
    }
    expect(await rakutenLinks(m)).toEqual([]);

    const link = await create(m, null, 1000);
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const lowered = await m.api("PUT", `/api/connections/${link.body.id}/settings`, { ...link.body.settings, callIntervalMs: 500 });
    expect(lowered.status).toBe(400);
    expect(lowered.body.issues).toEqual([{ path: ["settings", "callIntervalMs"], message: expect.stringContaining("楽天RMSの上限") }]);
    expect((await m.api("GET", `/api/connections/${link.body.id}`)).body.settings.callIntervalMs).toBe(1000);
    const slower = await m.api("PUT", `/api/connections/${link.body.id}/settings`, { ...link.body.settings, callIntervalMs: 1500 });
    expect(slower.status, JSON.stringify(slower.body)).toBe(200);
    expect(slower.body.settings.callIntervalMs).toBe(1500);
  });

  it("a sandbox link (its own base URL) may go under it; only RMS's own host counts as the real RMS", async () => {
    const m = await newMerchant();
    const link = await create(m, `${fakes}/rakuten`, 0);
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    expect(link.body.settings.callIntervalMs).toBe(0);
    expect([null, "https://api.rms.rakuten.co.jp", "https://api.rms.rakuten.co.jp/", `${fakes}/rakuten`].map((baseUrl) => talksToRms({ baseUrl }))).toEqual([true, true, true, false]);
  });
});
