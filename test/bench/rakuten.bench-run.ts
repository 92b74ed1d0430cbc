/**
 * Benchmark — the Rakuten RMS + RSL link (issue 7), against the fake RMS and the fake RSL over
 * loopback HTTP: BENCH_RAKUTEN_ORDERS (5,000) Rakuten orders, every line mapped, imported by one
 * 受注取込 run through the real queue and forwarded to RSL by the forwarding jobs it wakes.
 * Figures: time from the start of the import until RSL holds every request, each order's time from
 * its import to RSL's acceptance (p50 / p95 / max), the RMS calls made against the page (1,000
 * orders per searchOrder) and batch (100 per getOrder / confirmOrder) limits, the pacing kept
 * (callIntervalMs) and the rate the fake RMS measured, the 注文確認 done by the first run, and the RSL
 * calls (one per request, none twice). Forwarding starts when the import run ends (it wakes it), and
 * continues slice after slice (200 orders / 500 requests a run) through the real queue.
 * Rate limits are set through the fakes' control actions and printed: RMS keeps the assumed one
 * call a second per shop (Renkei paces itself to it); RSL's assumed 10 / s is raised for the bench
 * (BENCH_RSL_RATE, 1,000 / s) and the RSL link paced at BENCH_RSL_PACE (100 / s, the setting's
 * most), because at the link's default pace (8 / s, under the assumed 10 / s) 5,000 requests take
 * 625 s by design — a figure of the pace, printed as such, rather than of the link.
 * Figures only; nothing asserts a timing.
 */
import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { IMPORT_JOB } from "../../worker/connectors/rakuten/link";
import { enqueueJob } from "../../worker/sync/runs";
import { benchMerchant, createCatalogue, fakeControl, percentile, report, signIn } from "./support";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const ORDERS = knob("BENCH_RAKUTEN_ORDERS", 5_000);
const RMS_RATE = knob("BENCH_RMS_RATE", 1);
const RSL_RATE = knob("BENCH_RSL_RATE", 1_000);
const RSL_PACE = knob("BENCH_RSL_PACE", 100);
const GOODS = 6;
const DAY = 86_400_000;

it("Rakuten: 5,000 orders imported from RMS and forwarded to RSL — time, calls against the limits, pacing", { timeout: 60 * 60_000 }, async () => {
  const fakes = inject("fakesUrl");
  const m = await benchMerchant("rakuten");
  const p = `RK${Date.now().toString(36).toUpperCase()}`;
  const code = (i: number) => `${p}-${i}`;
  await createCatalogue(m.ctx, { count: GOODS, code, stock: { locationIds: [m.warehouseId], quantity: () => 1_000_000 } });

  const iso = (ms: number) => new Date(ms).toISOString();
  const shop = await fakeControl("rakuten", "seed", {
    serviceSecret: `SP_bench_${p}`,
    settings: { ratePerSecond: RMS_RATE, asyncDelayMs: 0 },
    generate: { count: ORDERS, from: iso(Date.now() - 3 * DAY), to: iso(Date.now() - 60_000), skus: Array.from({ length: GOODS }, (_, i) => `R-${code(i)}`), orderProgress: 100 },
  });
  const apiKey = `rsl_bench_${p}`;
  await fakeControl("rsl", "seed", { apiKey, items: Array.from({ length: GOODS }, (_, i) => ({ itemCode: `RSL-${code(i)}`, name: code(i) })) });
  await fakeControl("rsl", "rate", { apiKey, perSecond: RSL_RATE });

  // linked as a merchant does it: create, verify, start, 商品マッピング
  const api = await signIn(m.email, m.password);
  const ok = (r: { status: number; body: unknown }, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string };
  };
  const rsl = ok(await api("POST", "/api/connections", { kind: "rsl", name: "RSL", baseUrl: `${fakes}/rsl`, credentials: { apiKey }, settings: { requestsPerSecond: RSL_PACE } }), "rsl link");
  ok(await api("POST", `/api/connections/${rsl.id}/verify`), "rsl verify");
  const rakuten = ok(
    await api("POST", "/api/connections", {
      kind: "rakuten",
      name: "楽天市場店",
      baseUrl: `${fakes}/rakuten`,
      credentials: { serviceSecret: shop.serviceSecret, licenseKey: shop.licenseKey },
      settings: { channelId: m.channelId, rslConnectionId: rsl.id },
    }),
    "rakuten link",
  );
  ok(await api("POST", `/api/connections/${rakuten.id}/verify`), "rakuten verify");
  ok(await api("POST", `/api/connections/${rakuten.id}/start`), "rakuten start");
  ok(
    await api("PUT", `/api/rakuten/links/${rakuten.id}/mappings`, { rows: Array.from({ length: GOODS }, (_, i) => ({ rakutenSku: `R-${code(i)}`, skuCode: code(i), rslItemCode: `RSL-${code(i)}` })) }),
    "mappings",
  );
  const pacingMs = 1000; // the link's default API呼び出し間隔

  // one 受注取込 run through the real queue; it wakes the forwarding, which continues slice after slice
  const started = performance.now();
  const startedAt = Date.now();
  await enqueueJob(m.ctx, IMPORT_JOB, { connectionId: rakuten.id, trigger: "manual" });
  const count = (sql: string) => env.DB.prepare(sql).bind(rakuten.id).first<{ n: number }>().then((r) => r!.n);
  let importedMs = 0;
  let forwardedMs = 0;
  let printed = performance.now();
  for (;;) {
    const imported = await count("SELECT COUNT(*) AS n FROM rakuten_orders WHERE connection_id = ?1");
    const accepted = await count("SELECT COUNT(*) AS n FROM rsl_requests WHERE connection_id = ?1 AND state = 'accepted'");
    if (imported === ORDERS && !importedMs) importedMs = performance.now() - started;
    if (accepted === ORDERS) {
      forwardedMs = performance.now() - started;
      break;
    }
    const failed = await count("SELECT COUNT(*) AS n FROM sync_runs WHERE connection_id = ?1 AND status = 'failed'");
    if (performance.now() - printed > 15_000) {
      printed = performance.now();
      const states = await env.DB.prepare("SELECT job, status FROM sync_runs WHERE connection_id = ?1 ORDER BY queued_at").bind(rakuten.id).all<{ job: string; status: string }>();
      const tally = new Map<string, number>();
      for (const r of states.results) tally.set(`${r.job.split(".")[1]}:${r.status}`, (tally.get(`${r.job.split(".")[1]}:${r.status}`) ?? 0) + 1);
      const runs = [...tally].map(([k, n]) => `${k}×${n}`).join(" ");
      console.log(`[progress] imported=${imported} atRsl=${accepted} failedRuns=${failed} runs=${runs}`);
    }
    if (failed || performance.now() - started > 40 * 60_000) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  // each order: from its import (the RMS answer written) to RSL's acceptance of its request
  const latencies = (
    await env.DB.prepare(
      `SELECT (julianday(r.updated_at) - julianday(ro.imported_at)) * 86400000.0 AS ms FROM rsl_requests r
       JOIN rakuten_orders ro ON ro.connection_id = r.connection_id AND ro.order_id = r.order_id
       WHERE r.connection_id = ?1 AND r.state = 'accepted' ORDER BY ms`,
    )
      .bind(rakuten.id)
      .all<{ ms: number }>()
  ).results.map((r) => r.ms);
  const runs = (
    await env.DB.prepare("SELECT job, status, attempts, counts, error FROM sync_runs WHERE connection_id = ?1").bind(rakuten.id).all<{ job: string; status: string; attempts: number; counts: string; error: string | null }>()
  ).results;
  for (const r of runs.filter((r) => r.status === "failed")) console.log(`[bench] rakuten.failed-run job=${r.job} attempts=${r.attempts} error=${JSON.stringify(r.error)}`);
  const rms = await fakeControl("rakuten", "state", { serviceSecret: shop.serviceSecret });
  const callLog = rms.callLog as { function: string; at: number; status: number }[];
  const mine = callLog.filter((c) => c.at >= startedAt);
  const calls = (fn: string) => mine.filter((c) => c.function === fn).length;
  const spanS = mine.length > 1 ? (mine[mine.length - 1]!.at - mine[0]!.at) / 1000 : 0;
  const gaps = mine.slice(1).map((c, i) => c.at - mine[i]!.at).sort((a, b) => a - b);
  const rslState = await fakeControl("rsl", "state", { apiKey });
  const byOrder = rslState.shipmentsByOrder as Record<string, string[]>;

  report("rakuten.limits", {
    rmsRatePerSecond: RMS_RATE,
    rmsPacingMs: pacingMs,
    rslRatePerSecond: RSL_RATE,
    rslAssumedRatePerSecond: 10,
    rslPacePerSecond: RSL_PACE,
    rslDefaultPaceSecondsFor5000: Math.ceil(5_000 / 8),
    note: "rates_set_through_fake_control",
  });
  report("rakuten.forward", {
    orders: ORDERS,
    importedMs: Math.round(importedMs),
    allAtRslMs: Math.round(forwardedMs),
    accepted: latencies.length,
    importToRslP50Ms: Math.round(percentile(latencies, 50)),
    importToRslP95Ms: Math.round(percentile(latencies, 95)),
    importToRslMaxMs: Math.round(latencies[latencies.length - 1] ?? NaN),
    forwardRuns: runs.filter((r) => r.job.endsWith("forward-rsl")).length,
    retriedRuns: runs.filter((r) => r.attempts > 1).length,
    failedRuns: runs.filter((r) => r.status === "failed").length,
  });
  report("rakuten.rms-calls", {
    searchOrder: calls("searchOrder"),
    searchOrderMin: Math.ceil(ORDERS / 1000),
    getOrder: calls("getOrder"),
    getOrderMin: Math.ceil(ORDERS / 100),
    confirmOrder: calls("confirmOrder"),
    confirmOrderMin: Math.ceil(ORDERS / 100),
    total: mine.length,
    refused429: mine.filter((c) => c.status === 429).length,
    callsPerSecond: spanS ? mine.length / spanS : 0,
    minGapMs: gaps[0] ?? 0,
  });
  // 注文確認 takes 1,000 orders a run (10 calls of 100); the rest wait for the next runs
  const unconfirmed = await count("SELECT COUNT(*) AS n FROM rakuten_orders WHERE connection_id = ?1 AND confirmed_at IS NULL");
  report("rakuten.confirm", { confirmedInFirstRun: ORDERS - unconfirmed, leftForNextRuns: unconfirmed });
  report("rakuten.rsl-calls", {
    shipments: (rslState.shipments as unknown[]).length,
    ordersSentTwice: Object.values(byOrder).filter((keys) => keys.length > 1).length,
  });
});
