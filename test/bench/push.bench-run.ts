/**
 * Benchmark 2 — stock change → push job started, through the real local queue
 * (wrangler.toml: max_batch_timeout = 0).
 *
 * A merchant with a started `http-json` connection pointing at the fakes server; 200 stock
 * adjustments through the real HTTP API (POST /api/stock/adjustments), one after another: each
 * waits until the push run its change enqueued has started before the next adjustment.
 * Latency = the run's started_at (set by the queue consumer) − Date.now() just before the
 * adjustment call; both clocks are workerd's. Also printed: when the run finished (the fake had
 * the push), and how long the adjustment call itself took.
 */
import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { createProduct } from "../../worker/catalog/products";
import { createConnection, linkExternal, setConnectionStatus } from "../../worker/connections/connections";
import { benchMerchant, fakeControl, percentile, report, signIn } from "./support";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const ADJUSTMENTS = knob("BENCH_PUSH_N", 200);
const SKUS = 20;
const POLL_MS = 2;
const WAIT_LIMIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RunRow {
  id: string;
  status: string;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
}

it(`stock change → push job started: ${ADJUSTMENTS} adjustments`, async () => {
  const m = await benchMerchant("push");
  const api = await signIn(m.email, m.password);
  await fakeControl("http-json", "reset");
  // The fake's default limit (50 requests/s) would answer some of 200 back-to-back pushes with 429
  // and turn them into retries; this benchmark measures Renkei's path, not the fake's throttle.
  await fakeControl("http-json", "rate", { perSecond: 100_000 });
  const connection = await createConnection(m.ctx, {
    kind: "http-json",
    name: "Bench WMS",
    baseUrl: `${inject("fakesUrl")}/http-json`,
    settings: {},
    credentials: { token: "sandbox-token" },
  });
  await setConnectionStatus(m.ctx, connection.id, "started");
  await linkExternal(m.ctx, connection.id, { entity: "location", renkeiId: m.warehouseId, externalId: "L0" });
  const skuIds: string[] = [];
  for (let i = 0; i < SKUS; i++) {
    const product = await createProduct(m.ctx, {
      code: `PUSH-${i}`,
      name: `Push product ${i}`,
      kind: "normal",
      taxClass: "standard",
      backorder: false,
      listingStatus: "listed",
      skus: [{ code: `PUSH-${i}-1`, specName: "", price: 1000, listingStatus: "listed" }],
    });
    skuIds.push(product.skus[0]!.id);
  }

  const runSql = env.DB.prepare(
    "SELECT id, status, queued_at, started_at, finished_at FROM sync_runs WHERE merchant_id = ?1 AND job = 'stock.push' AND queued_at >= ?2 ORDER BY queued_at, id",
  );
  const samples: { t0: number; callMs: number; runId: string | null; startMs: number | null }[] = [];
  const seen = new Set<string>();
  for (let n = 0; n < ADJUSTMENTS; n++) {
    const t0 = Date.now();
    const adjusted = await api("POST", "/api/stock/adjustments", {
      idempotencyKey: `bench-push-${n}`,
      skuId: skuIds[n % SKUS],
      locationId: m.warehouseId,
      quantity: n % 2 === 0 ? 5 : -2,
      reason: "adjustment",
    });
    const callMs = Date.now() - t0;
    if (adjusted.status !== 200) throw new Error(`adjustment ${n}: HTTP ${adjusted.status} ${JSON.stringify(adjusted.body)}`);
    // The run this change enqueued: the first push run queued since t0 that we have not seen.
    let run: RunRow | undefined;
    for (;;) {
      const rows = (await runSql.bind(m.merchantId, new Date(t0).toISOString()).all<RunRow>()).results;
      run = rows.find((r) => !seen.has(r.id));
      if (run?.started_at) break;
      if (!run && Date.now() - t0 > 2_000) break; // no new run: coalesced into one already counted
      if (Date.now() - t0 > WAIT_LIMIT_MS) throw new Error(`push run for adjustment ${n} did not start within ${WAIT_LIMIT_MS} ms`);
      await sleep(POLL_MS);
    }
    if (run) seen.add(run.id);
    samples.push({ t0, callMs, runId: run?.id ?? null, startMs: run?.started_at ? Date.parse(run.started_at) - t0 : null });
  }

  // Let the last runs finish, then read when each finished.
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let runs: RunRow[] = [];
  for (;;) {
    runs = (
      await env.DB.prepare("SELECT id, status, queued_at, started_at, finished_at FROM sync_runs WHERE merchant_id = ?1 AND job = 'stock.push'")
        .bind(m.merchantId)
        .all<RunRow>()
    ).results;
    if (runs.every((r) => r.status === "succeeded" || r.status === "failed") || Date.now() > deadline) break;
    await sleep(20);
  }
  const byId = new Map(runs.map((r) => [r.id, r]));
  const start = samples.flatMap((s) => (s.startMs === null ? [] : [s.startMs])).sort((a, b) => a - b);
  const finish = samples
    .flatMap((s) => {
      const r = s.runId ? byId.get(s.runId) : undefined;
      return r?.finished_at ? [Date.parse(r.finished_at) - s.t0] : [];
    })
    .sort((a, b) => a - b);
  const calls = samples.map((s) => s.callMs).sort((a, b) => a - b);
  // queue hop alone: the run's started_at − its queued_at
  const hop = samples
    .flatMap((s) => {
      const r = s.runId ? byId.get(s.runId) : undefined;
      return r?.started_at ? [Date.parse(r.started_at) - Date.parse(r.queued_at)] : [];
    })
    .sort((a, b) => a - b);
  // Adjustments made while the previous push run was still running (its HTTP push / cleanup): the
  // local broker hands the consumer one batch at a time, so such a change waits for that run.
  const overlapped: number[] = [];
  const clear: number[] = [];
  samples.forEach((s, i) => {
    if (s.startMs === null) return;
    const previous = i > 0 && samples[i - 1]!.runId ? byId.get(samples[i - 1]!.runId!) : undefined;
    const busy = previous?.finished_at ? Date.parse(previous.finished_at) > s.t0 : false;
    (busy ? overlapped : clear).push(s.startMs);
  });
  overlapped.sort((a, b) => a - b);
  clear.sort((a, b) => a - b);
  const pushes = (await fakeControl("http-json", "pushes")) as unknown[];
  const statusCount = (status: string) => runs.filter((r) => r.status === status).length;
  await fakeControl("http-json", "rate", { perSecond: 50 });

  report("push", {
    adjustments: ADJUSTMENTS,
    runs_measured: start.length,
    coalesced: samples.filter((s) => s.runId === null).length,
    start_p50_ms: percentile(start, 50),
    start_p95_ms: percentile(start, 95),
    start_max_ms: start[start.length - 1] ?? NaN,
    first_ms: samples[0]?.startMs ?? NaN,
  });
  report("push.detail", {
    pushed_p50_ms: percentile(finish, 50),
    pushed_p95_ms: percentile(finish, 95),
    adjust_call_p50_ms: percentile(calls, 50),
    adjust_call_p95_ms: percentile(calls, 95),
    queued_to_started_p50_ms: percentile(hop, 50),
    queued_to_started_p95_ms: percentile(hop, 95),
    previous_run_busy: overlapped.length,
    busy_start_p50_ms: percentile(overlapped, 50),
    idle_start_p50_ms: percentile(clear, 50),
    idle_start_p95_ms: percentile(clear, 95),
    runs: runs.length,
    succeeded: statusCount("succeeded"),
    failed: statusCount("failed"),
    retrying: statusCount("retrying"),
    fake_pushes: pushes.length,
  });
});
