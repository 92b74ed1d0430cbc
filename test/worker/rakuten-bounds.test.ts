/**
 * Rakuten RMS + RSL (seed 002), the bounds of the work: a cancel in Renkei waits on RSL only so long
 * (a slow RSL refuses the order "try again", never ends it while RSL may still ship); forwarding runs
 * on its own schedule every day of the year; あす楽 orders placed after the 15:29 cut-off show as
 * next-day; the 確認待 lists and the orders left to the other system page beyond 500 orders. Real
 * fakes over loopback HTTP, real D1 and Queues.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { asurakuStatus, shipDayOf } from "../../worker/connectors/rakuten/asuraku";
import { forwardToRsl } from "../../worker/connectors/rakuten/forward";
import { importRakutenOrders } from "../../worker/connectors/rakuten/import-orders";
import { FORWARD_JOB, IMPORT_JOB, RESULTS_JOB } from "../../worker/connectors/rakuten/link";
import { CANCEL_CALL_TIMEOUT_MS } from "../../worker/connectors/rakuten/take-back";
import worker from "../../worker/index";
import { TransientError } from "../../worker/sync/messages";
import { control, DAY, item, orderByNumber, rslState, runJob, setup, type Setup } from "./rakuten-setup";

const shipmentStatus = async (s: Setup, orderNumber: string) =>
  ((await rslState(s.apiKey)).shipments as { shopOrderNumber: string; status: string }[]).filter((x) => x.shopOrderNumber === orderNumber).map((x) => x.status);

describe("cancel in Renkei while RSL is slow", () => {
  it("answers within the bound: each order refused with 'RSL did not answer; try again', nothing ended; a retry once RSL answers cancels", async () => {
    const s = await setup([{ orderProgress: 300, items: [item("RB-001-RED")] }, { orderProgress: 300, items: [item("RB-001-BLU")] }]);
    const numbers = s.shop.orderNumbers as [string, string];
    await runJob(s, IMPORT_JOB);
    for (const n of numbers) await vi.waitFor(async () => expect((await orderByNumber(s, n)).status).toBe("awaiting_shipment"), { timeout: 10_000, interval: 100 });
    const ids = await Promise.all(numbers.map(async (n) => (await orderByNumber(s, n)).id));

    // RSL holds the next cancel well past the bound (then carries it out)
    const delayMs = CANCEL_CALL_TIMEOUT_MS + 2_000;
    await control("rsl", "fail", { apiKey: s.apiKey, failures: [{ path: "/cancel", delayMs }] });
    const started = Date.now();
    const cancel = await s.m.api("POST", "/api/orders/bulk/cancel", { orderIds: ids });
    const waited = Date.now() - started;
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(waited).toBeLessThan(delayMs);
    expect(cancel.body.changed).toBe(0);
    const byOrder = (results: { orderId: string }[]) => [...results].sort((a, b) => a.orderId.localeCompare(b.orderId));
    const sortedIds = [...ids].sort();
    expect(byOrder(cancel.body.results)).toEqual(sortedIds.map((orderId) => ({ orderId, ok: false, message: expect.stringContaining("RSL did not answer; try again") })));
    for (const n of numbers) expect((await orderByNumber(s, n)).status).toBe("awaiting_shipment");
    const states = async () =>
      (await env.DB.prepare("SELECT state FROM rsl_requests WHERE connection_id = ?1 ORDER BY order_number").bind(s.rakutenId).all<{ state: string }>()).results.map((r) => r.state);
    expect(await states()).toEqual(["accepted", "accepted"]);
    // the second order was not asked at all once RSL stayed silent on the first
    const received = async () => (await Promise.all(numbers.map((n) => shipmentStatus(s, n)))).flat().sort();
    expect(await received()).toEqual(["received", "received"]);

    // RSL carries out the held cancel late: the order is stopped at RSL, still Renkei's to end
    await vi.waitFor(async () => expect(await received()).toEqual(["cancelled", "received"]), { timeout: delayMs + 2_000, interval: 200 });
    const again = await s.m.api("POST", "/api/orders/bulk/cancel", { orderIds: ids });
    expect(again.body.changed).toBe(2);
    expect(byOrder(again.body.results)).toEqual(sortedIds.map((orderId) => ({ orderId, ok: true })));
    for (const n of numbers) expect((await orderByNumber(s, n)).status).toBe("cancelled");
    expect(await received()).toEqual(["cancelled", "cancelled"]);
    expect(await states()).toEqual(["cancelled", "cancelled"]);
  });
});

describe("every day of the year", () => {
  it("a started link's import, forwarding and results schedules fire on a Sunday and on New Year's Day", async () => {
    const s = await setup();
    const jobs = async () =>
      (await env.DB.prepare("SELECT job FROM schedules WHERE connection_id = ?1 ORDER BY job").bind(s.rakutenId).all<{ job: string }>()).results.map((r) => r.job);
    expect(await jobs()).toEqual([FORWARD_JOB, IMPORT_JOB, RESULTS_JOB].sort());
    const scheduledRuns = async () =>
      (
        await env.DB.prepare("SELECT job, COUNT(*) AS n FROM sync_runs WHERE connection_id = ?1 AND trigger = 'schedule' GROUP BY job ORDER BY job").bind(s.rakutenId).all<{ job: string; n: number }>()
      ).results.map((r) => [r.job, r.n]);
    const tick = async (jst: string) => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.parse(jst) }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    // a Sunday afternoon in Tokyo (after every schedule is due), then 元日
    const sunday = new Date(Date.now() + 3 * DAY);
    sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7));
    await tick(`${sunday.toISOString().slice(0, 10)}T15:00:00+09:00`);
    expect(new Date(`${sunday.toISOString().slice(0, 10)}T15:00:00+09:00`).getUTCDay()).toBe(0);
    expect(await scheduledRuns()).toEqual([FORWARD_JOB, IMPORT_JOB, RESULTS_JOB].sort().map((job) => [job, 1]));
    await tick(`${sunday.getUTCFullYear() + 1}-01-01T10:00:00+09:00`);
    expect(await scheduledRuns()).toEqual([FORWARD_JOB, IMPORT_JOB, RESULTS_JOB].sort().map((job) => [job, 2]));
  });
});

describe("a retried import", () => {
  it("finishes after an earlier attempt imported its first batch: batch keys name their orders, not their position", async () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const window = (count: number, fromDays: number, toDays: number) => ({ count, from: iso(Date.now() - fromDays * DAY), to: iso(Date.now() - toDays * DAY), skus: ["MUG-900"], orderProgress: 300 });
    const s = await setup([], { generate: window(100, 3, 2) });
    const connection = (await loadConnection(s.m.ctx, s.rakutenId))!;
    const runId = `run_${crypto.randomUUID()}`;
    expect(await importRakutenOrders(s.m.ctx, connection, runId)).toMatchObject({ imported: 100 });
    // more orders came meanwhile; the same run, attempted again, finds its first 100 known
    await control("rakuten", "seed", { serviceSecret: s.shop.serviceSecret, generate: window(50, 2, 1) });
    expect(await importRakutenOrders(s.m.ctx, connection, runId)).toMatchObject({ found: 150, known: 100, imported: 50 });
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM rakuten_orders WHERE connection_id = ?1").bind(s.rakutenId).first<{ n: number }>();
    expect(orders!.n).toBe(150);
  });
});

describe("a backlog of mapped orders", () => {
  it("is forwarded by runs that continue at once beyond one run's slice (200), each order requested once", async () => {
    const count = 205;
    const iso = (ms: number) => new Date(ms).toISOString();
    const s = await setup([], { generate: { count, from: iso(Date.now() - 2 * DAY), to: iso(Date.now() - DAY), skus: ["RB-001-RED", "RB-001-BLU"], orderProgress: 300 } });
    await control("rsl", "rate", { apiKey: s.apiKey, perSecond: 1000 });
    for (const sku of [s.skus.red, s.skus.blue]) {
      const stocked = await s.m.api("POST", "/api/stock/adjustments", { idempotencyKey: crypto.randomUUID(), skuId: sku.skuId, locationId: s.m.warehouseId, quantity: 1000, reason: "receipt" });
      expect(stocked.status, JSON.stringify(stocked.body)).toBe(200);
    }
    await runJob(s, IMPORT_JOB); // wakes the forwarding through the real queue
    const accepted = async () => (await env.DB.prepare("SELECT COUNT(*) AS n FROM rsl_requests WHERE connection_id = ?1 AND state = 'accepted'").bind(s.rakutenId).first<{ n: number }>())!.n;
    await vi.waitFor(async () => expect(await accepted()).toBe(count), { timeout: 60_000, interval: 250 });
    const runs = (
      await env.DB.prepare("SELECT counts FROM sync_runs WHERE connection_id = ?1 AND job = ?2 AND status = 'succeeded' ORDER BY queued_at").bind(s.rakutenId, FORWARD_JOB).all<{ counts: string }>()
    ).results.map((r) => JSON.parse(r.counts) as Record<string, number>);
    expect(runs[0]).toMatchObject({ planned: 200, continued: 1 });
    expect(runs.reduce((n, r) => n + (r.planned ?? 0), 0)).toBe(count);
    const byOrder = (await rslState(s.apiKey)).shipmentsByOrder as Record<string, string[]>;
    expect(Object.keys(byOrder)).toHaveLength(count);
    expect(Object.values(byOrder).every((keys) => keys.length === 1)).toBe(true);
  }, 90_000); // the wait above allows 60 s: on two shared cores the default 30 s ended the test first
});

describe("two forwarding runs at once", () => {
  it("(a schedule tick beside an import's wake-up) never plan an order twice: one holds the lease, the other is retried; each order has one Renkei shipment and one RSL request", async () => {
    const s = await setup([{ orderProgress: 300, items: [item("RB-001-RED")] }, { orderProgress: 300, items: [item("RB-001-BLU")] }, { orderProgress: 300, items: [item("RB-001-RED", 2)] }]);
    const settings = (await s.m.api("GET", `/api/connections/${s.rakutenId}`)).body.settings;
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: false });
    await runJob(s, IMPORT_JOB);
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: true });
    const connection = (await loadConnection(s.m.ctx, s.rakutenId))!;
    const runs = await Promise.allSettled([forwardToRsl(s.m.ctx, connection), forwardToRsl(s.m.ctx, connection)]);
    // the second finds the lease taken and is left to the queue's retry (transient), which plans nothing new
    for (const run of runs) if (run.status === "rejected") expect(run.reason).toBeInstanceOf(TransientError);
    expect(runs.filter((r) => r.status === "fulfilled")).not.toHaveLength(0);
    const retry = await forwardToRsl(s.m.ctx, connection);
    expect(retry).toMatchObject({ planned: 0, sent: 0 });
    const requests = await env.DB.prepare("SELECT order_number, state FROM rsl_requests WHERE connection_id = ?1").bind(s.rakutenId).all<{ order_number: string; state: string }>();
    expect(requests.results.map((r) => r.state)).toEqual(["accepted", "accepted", "accepted"]);
    const byOrder = (await rslState(s.apiKey)).shipmentsByOrder as Record<string, string[]>;
    expect(Object.values(byOrder).map((keys) => keys.length)).toEqual([1, 1, 1]);
    const shipments = await env.DB.prepare("SELECT COUNT(*) AS n FROM shipments WHERE merchant_id = ?1").bind(s.m.merchantId).first<{ n: number }>();
    expect(shipments!.n).toBe(3);
  });
});

describe("あす楽 15:29 cut-off", () => {
  it("ship day of an order: 15:28 ships today, 15:30 the next day; at 15:30 an unsent 15:28 order has missed it", () => {
    const at = (t: string) => Date.parse(`2026-07-04T${t}+09:00`); // a Saturday: RSL ships every day
    expect(shipDayOf("15:29", at("15:28:00"), at("15:28:30"))).toEqual({ shipDate: "2026-07-04", shipDay: "today" });
    expect(shipDayOf("15:29", at("15:29:59"), at("15:29:59"))).toEqual({ shipDate: "2026-07-04", shipDay: "today" });
    expect(shipDayOf("15:29", at("15:30:00"), at("15:30:30"))).toEqual({ shipDate: "2026-07-05", shipDay: "next" });
    expect(shipDayOf("15:29", at("15:28:00"), at("15:30:30"))).toEqual({ shipDate: "2026-07-04", shipDay: "missed" });
    expect(shipDayOf("15:29", at("23:59:00"), Date.parse("2026-07-05T09:00:00+09:00"))).toEqual({ shipDate: "2026-07-05", shipDay: "today" });
  });

  it("the あす楽 tab lists orders placed at 15:28 and 15:30 JST: before the cut-off one ships today; after it, one missed and one ships the next day", async () => {
    const day = new Date(Date.now() - 2 * DAY + 9 * 3600_000).toISOString().slice(0, 10); // a JST day inside the import window
    const placed = (t: string) => `${day}T${t}+0900`;
    const s = await setup([
      { orderProgress: 300, asurakuFlag: 1, orderDatetime: placed("15:28:00"), items: [item("MUG-900")] },
      { orderProgress: 300, asurakuFlag: 1, orderDatetime: placed("15:30:00"), items: [item("MUG-900")] },
    ]);
    const [early, late] = s.shop.orderNumbers as [string, string];
    await runJob(s, IMPORT_JOB);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    const view = async (t: string) => {
      const status = await asurakuStatus(s.m.ctx, s.rakutenId, Date.parse(`${day}T${t}+09:00`));
      return { passed: status.passed, orders: Object.fromEntries(status.atRisk.map((o) => [o.orderNumber, [o.shipDay, o.shipDate]])) };
    };
    expect(await view("15:28:30")).toEqual({ passed: false, orders: { [early]: ["today", day], [late]: ["next", next] } });
    expect(await view("15:30:30")).toEqual({ passed: true, orders: { [early]: ["missed", day], [late]: ["next", next] } });
    const answer = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/asuraku`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.atRisk.map((o: { orderNumber: string; shipDate: string }) => [o.orderNumber, o.shipDate])).toEqual([[early, day], [late, next]]);
  });
});

describe("beyond 500 orders", () => {
  it("the 確認待 list and the orders left to the other system page by cursor; the CSV holds every one", async () => {
    const count = 520;
    const iso = (ms: number) => new Date(ms).toISOString();
    const s = await setup([], { generate: { count, from: iso(Date.now() - 3 * DAY), to: iso(Date.now() - DAY), skus: ["MUG-900"], orderProgress: 300 } });
    const { run } = await runJob(s, IMPORT_JOB);
    expect(run.counts).toMatchObject({ imported: count, unmapped: count });

    // 確認待 「全商品未マッピング」, as the screen reads it: 500 a page, then the rest
    const query = `status=awaiting_confirmation&tag=${encodeURIComponent("全商品未マッピング")}&channelId=${s.m.channelId}&limit=500`;
    const first = await s.m.api("GET", `/api/orders?${query}`);
    expect(first.body.items).toHaveLength(500);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await s.m.api("GET", `/api/orders?${query}&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    const ids = [...first.body.items, ...second.body.items].map((o: { id: string }) => o.id);
    expect(new Set(ids).size).toBe(count);

    // cancelled in Renkei only (500 per request, as the screen sends them): all left to the other system
    for (let i = 0; i < ids.length; i += 500) expect((await s.m.api("POST", "/api/orders/bulk/cancel", { orderIds: ids.slice(i, i + 500) })).body.changed).toBe(Math.min(500, ids.length - i));
    const base = `/api/rakuten/links/${s.rakutenId}/other-system`;
    const pageOne = await s.m.api("GET", base);
    expect(pageOne.status, JSON.stringify(pageOne.body)).toBe(200);
    expect(pageOne.body.items).toHaveLength(500);
    const pageTwo = await s.m.api("GET", `${base}?cursor=${encodeURIComponent(pageOne.body.nextCursor)}`);
    expect(pageTwo.body).toMatchObject({ nextCursor: null });
    const listed = [...pageOne.body.items, ...pageTwo.body.items].map((o: { orderNumber: string }) => o.orderNumber);
    expect(new Set(listed)).toEqual(new Set(s.shop.orderNumbers));
    // oldest first, and no order on two pages
    const times = [...pageOne.body.items, ...pageTwo.body.items].map((o: { orderedAt: string }) => o.orderedAt);
    expect(times).toEqual([...times].sort());

    const small = await s.m.api("GET", `${base}?limit=7`);
    expect(small.body.items.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(listed.slice(0, 7));
    const next = await s.m.api("GET", `${base}?limit=7&cursor=${encodeURIComponent(small.body.nextCursor)}`);
    expect(next.body.items.map((o: { orderNumber: string }) => o.orderNumber)).toEqual(listed.slice(7, 14));
    const bad = await s.m.api("GET", `${base}?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: ["cursor"] })]);

    const csv = await s.m.api("GET", `${base}.csv`);
    expect(csv.status).toBe(200);
    const rows = String(csv.body).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(rows).toHaveLength(count + 1);
    expect(new Set(rows.slice(1).map((r) => r.split(",")[0]))).toEqual(new Set(s.shop.orderNumbers));
  });
});
