import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, inject, it, vi } from "vitest";
import worker from "../../worker/index";
import { registerJob } from "../../worker/sync/jobs";
import { MAX_ATTEMPTS, TransientError, type JobMessage } from "../../worker/sync/messages";
import { movementStatements } from "../../worker/inventory/ledger";
import { recordRun } from "../../worker/sync/runs";
import { createSchedule } from "../../worker/sync/schedules";
import { key, newMerchant, newSku } from "./helpers";

// A job whose behaviour each test scripts by run ID: how many transient failures before success,
// or a permanent failure. It counts its executions so a test can see a job never ran twice.
const script = new Map<string, { transient: number; permanent?: boolean }>();
const executions = new Map<string, number>();
registerJob({
  name: "test.scripted",
  needsConnection: false,
  async handler({ runId }) {
    executions.set(runId, (executions.get(runId) ?? 0) + 1);
    const plan = script.get(runId) ?? { transient: 0 };
    if (plan.permanent) throw new Error("the remote said 400: bad product");
    if (plan.transient > 0) {
      plan.transient--;
      throw new TransientError("HTTP 503", 3);
    }
    return { done: 1 };
  },
});

async function deliver(message: JobMessage, attempts = 1) {
  const batch = createMessageBatch<JobMessage>("renkei-jobs", [{ id: crypto.randomUUID(), timestamp: new Date(), attempts, body: message }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

async function run(runId: string) {
  return env.DB.prepare("SELECT status, attempts, error, counts FROM sync_runs WHERE id = ?1").bind(runId).first<{ status: string; attempts: number; error: string | null; counts: string }>();
}

describe("queue consumer", () => {
  it("a transient error retries the message with back-off and logs the run as retrying", async () => {
    const m = await newMerchant();
    const message = await recordRun(m.ctx, "test.scripted", { trigger: "manual" });
    script.set(message.runId, { transient: 1 });
    const first = await deliver(message);
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages).toHaveLength(1);
    const retrying = await run(message.runId);
    expect(retrying).toMatchObject({ status: "retrying", attempts: 1 });
    // Retry-After: 3 is honoured (the back-off never waits less than the remote asked)
    expect(retrying!.error).toMatch(/^TransientError: HTTP 503 \(retry 2 in ([3-9]|\d\d+) s\)$/);
    const second = await deliver(message, 2);
    expect(second.explicitAcks).toHaveLength(1);
    expect(await run(message.runId)).toMatchObject({ status: "succeeded", attempts: 2, counts: JSON.stringify({ done: 1 }) });
  });

  it("a redelivered message of a finished run is acked without running the job again", async () => {
    const m = await newMerchant();
    const message = await recordRun(m.ctx, "test.scripted", { trigger: "manual" });
    await deliver(message);
    const again = await deliver(message, 2);
    expect(again.explicitAcks).toHaveLength(1);
    expect(executions.get(message.runId)).toBe(1);
  });

  it("a permanent error goes to the dead letters with the raw message, and replay runs it once more", async () => {
    const m = await newMerchant();
    const message = await recordRun(m.ctx, "test.scripted", { trigger: "manual", payload: { sku: "A-1" } });
    script.set(message.runId, { transient: 0, permanent: true });
    const result = await deliver(message);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await run(message.runId)).toMatchObject({ status: "failed" });
    const letters = await m.api("GET", "/api/sync/dead-letters");
    expect(letters.body.items).toHaveLength(1);
    expect(letters.body.items[0]).toMatchObject({ runId: message.runId, job: "test.scripted", payload: message, attempts: 1 });
    expect(letters.body.items[0].error).toContain("bad product");

    const replay = await m.api("POST", `/api/sync/dead-letters/${letters.body.items[0].id}/replay`);
    expect(replay.status).toBe(202);
    // through the real local queue this time
    await vi.waitFor(async () => expect((await run(replay.body.runId))?.status).toBe("succeeded"), { timeout: 5000, interval: 50 });
    const twice = await m.api("POST", `/api/sync/dead-letters/${letters.body.items[0].id}/replay`);
    expect(twice.status).toBe(409);
  });

  it("after the last attempt a transient error also lands in the dead letters", async () => {
    const m = await newMerchant();
    const message = await recordRun(m.ctx, "test.scripted", { trigger: "manual" });
    script.set(message.runId, { transient: 100 });
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect((await deliver(message, attempt)).retryMessages).toHaveLength(1);
    }
    const last = await deliver(message, MAX_ATTEMPTS);
    expect(last.retryMessages).toEqual([]);
    expect(await run(message.runId)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect((await m.api("GET", "/api/sync/dead-letters")).body.items).toHaveLength(1);
  });
});

describe("dispatcher (cron)", () => {
  it('fires "daily 02:10 Asia/Shanghai" at 18:10 UTC, once, and schedules the next day', async () => {
    const m = await newMerchant({ currency: "CNY", timeZone: "Asia/Shanghai" });
    const schedule = await createSchedule(m.ctx, { job: "test.scripted", kind: "daily", timeOfDay: "02:10", enabled: true }, Date.parse("2026-11-26T10:00:00Z"));
    expect(schedule.nextDueAt).toBe("2026-11-26T18:10:00.000Z");

    const tick = async (iso: string) => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.parse(iso) }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    const runs = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM sync_runs WHERE merchant_id = ?1 AND job = 'test.scripted'").bind(m.merchantId).first<{ n: number }>())!.n;
    await tick("2026-11-26T18:09:00Z");
    expect(await runs()).toBe(0);
    await tick("2026-11-26T18:10:00Z");
    await tick("2026-11-26T18:10:00Z"); // an overlapping invocation enqueues nothing more
    expect(await runs()).toBe(1);
    const after = await m.api("GET", "/api/sync/schedules");
    expect(after.body.items.find((s: { id: string }) => s.id === schedule.id).nextDueAt).toBe("2026-11-27T18:10:00.000Z");
  });

  it("a bad schedule is refused: unknown time zone, daily without time", async () => {
    const m = await newMerchant();
    const tz = await m.api("POST", "/api/sync/schedules", { job: "maintenance.retention", kind: "hourly", timeZone: "Mars/Olympus" });
    expect(tz.status).toBe(400);
    const daily = await m.api("POST", "/api/sync/schedules", { job: "maintenance.retention", kind: "daily" });
    expect(daily.status).toBe(400);
    expect(daily.body.issues[0].path).toEqual(["timeOfDay"]);
  });
});

describe("stock push", () => {
  it("a stock change reaches a started connection through the real queue, coalesced per SKU", async () => {
    const fakes = inject("fakesUrl");
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const connection = await m.api("POST", "/api/connections", {
      kind: "http-json",
      name: "WMS",
      baseUrl: `${fakes}/http-json`,
      settings: { pushStock: true },
      credentials: { token: "sandbox-token" },
    });
    expect(connection.status).toBe(201);
    expect(connection.body).toMatchObject({ status: "authorized", hasCredentials: true });
    expect(JSON.stringify(connection.body)).not.toContain("sandbox-token");
    await m.api("PUT", `/api/connections/${connection.body.id}/links`, { entity: "location", renkeiId: m.warehouseId, externalId: "WH-1" });
    await m.api("POST", `/api/connections/${connection.body.id}/start`);
    for (const quantity of [5, 3, 2]) {
      await m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId, locationId: m.warehouseId, quantity });
    }
    await vi.waitFor(
      async () => {
        const stock = (await (await fetch(`${fakes}/__control/http-json/stock`)).json()) as { sku: string; location: string; quantity: number }[];
        expect(stock.find((s) => s.sku === code)).toEqual({ sku: code, location: "WH-1", quantity: 10 });
      },
      { timeout: 5000, interval: 50 },
    );
    const runs = await m.api("GET", "/api/sync/runs?job=stock.push");
    expect(runs.body.items.length).toBeGreaterThanOrEqual(1);
    expect(runs.body.items.length).toBeLessThanOrEqual(3);
    await vi.waitFor(async () => {
      const pending = await env.DB.prepare("SELECT COUNT(*) AS n FROM stock_push_pending WHERE connection_id = ?1").bind(connection.body.id).first<{ n: number }>();
      expect(pending!.n).toBe(0);
    });
  });

  it("a change whose wake-up was lost is still marked pending by the ledger, and the scheduled push delivers it", async () => {
    const fakes = inject("fakesUrl");
    const m = await newMerchant();
    const { skuId, code } = await newSku(m);
    const connection = await m.api("POST", "/api/connections", {
      kind: "http-json",
      name: "WMS",
      baseUrl: `${fakes}/http-json`,
      credentials: { token: "sandbox-token" },
    });
    await m.api("POST", `/api/connections/${connection.body.id}/start`);
    // the ledger write alone, as if the worker died before waking the push
    await m.ctx.db.batch(
      movementStatements(m.ctx.db, [{ skuId, locationId: m.warehouseId, bucket: "on_hand", quantity: 4, reason: "receipt", sourceType: "test", sourceId: "t", key: key() }], new Date().toISOString(), null),
    );
    const pending = await env.DB.prepare("SELECT sku_id FROM stock_push_pending WHERE connection_id = ?1").bind(connection.body.id).all();
    expect(pending.results).toEqual([{ sku_id: skuId }]);
    const run = await m.api("POST", "/api/sync/run", { job: "stock.push", connectionId: connection.body.id });
    await vi.waitFor(async () => expect((await m.api("GET", `/api/sync/runs/${run.body.runId}`)).body).toMatchObject({ status: "succeeded", counts: { pushed: 1 } }));
    const stock = (await (await fetch(`${fakes}/__control/http-json/stock`)).json()) as { sku: string; quantity: number }[];
    expect(stock.find((s) => s.sku === code)?.quantity).toBe(4);
  });

  it("a stopped connection hears nothing", async () => {
    const fakes = inject("fakesUrl");
    const m = await newMerchant();
    const { skuId } = await newSku(m);
    const connection = await m.api("POST", "/api/connections", {
      kind: "http-json",
      name: "WMS",
      baseUrl: `${fakes}/http-json`,
      credentials: { token: "sandbox-token" },
    });
    await m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId, locationId: m.warehouseId, quantity: 5 });
    const runs = await m.api("GET", "/api/sync/runs?job=stock.push");
    expect(runs.body.items).toHaveLength(0);
    expect(connection.body.status).toBe("authorized");
  });
});

describe("PWA shells", () => {
  it.each([
    ["/pos/sale/123", "pos"],
    ["/admin/orders/ord_1", "admin"],
  ])("a deep link %s gets the %s shell", async (path, shell) => {
    const response = await exports.default.fetch(new Request(`http://renkei.test${path}`));
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(new RegExp(`<meta name="renkei-shell" content="${shell}"\\s*/?>`));
  });

  it("the worker's own paths never get a shell", async () => {
    for (const path of ["/api/nope", "/oauth/nope", "/webhooks/nope"]) {
      const response = await exports.default.fetch(new Request(`http://renkei.test${path}`));
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/json");
    }
  });
});
