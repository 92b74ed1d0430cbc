/**
 * Benchmark — the Smaregi link (issue 5), against the fake Smaregi over loopback HTTP:
 *  1. BENCH_SMAREGI_SKUS (10k) SKUs change in Renkei at a location Renkei owns; the hub's stock
 *     push sends them to Smaregi as absolute bulk sets: wall time, bulk requests (rows per request,
 *     ≤ 100), and what the fake's per-second cap saw (most admitted in one second, 429s met).
 *  2. BENCH_SMAREGI_WEBHOOKS (100) terminal sales at a store Smaregi owns, one after another: from
 *     the pos:stock webhook reaching Renkei to Renkei's stock level showing the sale (re-read by ID,
 *     through the queue and the ledger): p50 / p95 / max latency.
 * Figures only; nothing asserts a timing.
 */
import { env, exports } from "cloudflare:workers";
import { expect, inject, it } from "vitest";
import { createConnection, setConnectionStatus, verifyConnection } from "../../worker/connections/connections";
import { bulkInsert } from "../../worker/db/bulk";
import { nowIso } from "../../worker/db/ids";
import { batchInChunks } from "../../worker/db/merchant-db";
import { movementStatements, type MovementInput } from "../../worker/inventory/ledger";
import { enqueueCoalesced } from "../../worker/sync/stock-push";
import { benchMerchant, createCatalogue, fakeControl, percentile, report } from "./support";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const SKUS = knob("BENCH_SMAREGI_SKUS", 10_000);
const WEBHOOKS = knob("BENCH_SMAREGI_WEBHOOKS", 100);
const WAREHOUSE = "1"; // Smaregi warehouse (division 2), owned by Renkei
const STORE = "2"; // Smaregi store, owned by Smaregi

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(read: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out");
    await sleep(5);
  }
}

it("Smaregi: 10k changed SKUs pushed in bulk under the per-second cap, and webhook → Renkei stock latency", { timeout: 30 * 60_000 }, async () => {
  const m = await benchMerchant("smaregi");
  const p = `SM${Date.now().toString(36).toUpperCase()}`;
  const ids = { contractId: `bench-${p}`, clientId: `bench-${p}-app`, clientSecret: `bench-${p}-secret`, webhookSecret: `bench-${p}-hook` };
  const code = (i: number) => `${p}-${String(i).padStart(6, "0")}`;
  await fakeControl("smaregi", "seed", {
    contractId: ids.contractId,
    app: { clientId: ids.clientId, clientSecret: ids.clientSecret },
    stores: [
      { storeId: WAREHOUSE, storeName: "ベンチ倉庫", division: "2" },
      { storeId: STORE, storeName: "ベンチ店舗", division: "1" },
    ],
    products: Array.from({ length: SKUS }, (_, i) => ({ productId: String(i + 1), productCode: code(i), productName: `商品 ${i}`, price: "1000" })),
    // Both sides agree before the start, so the start's reconciliation (reconcile.ts) has nothing to push.
    stock: [
      ...Array.from({ length: WEBHOOKS }, (_, i) => ({ productId: String(i + 1), storeId: STORE, stockAmount: 100 })),
      ...Array.from({ length: SKUS }, (_, i) => ({ productId: String(i + 1), storeId: WAREHOUSE, stockAmount: 50 })),
    ],
  });
  const skuIds = await createCatalogue(m.ctx, {
    count: SKUS,
    code,
    stock: { locationIds: [m.warehouseId, m.storeId], quantity: (i, l) => (l === 0 ? 50 : i < WEBHOOKS ? 100 : 0) },
  });
  const created = await createConnection(m.ctx, {
    kind: "smaregi",
    name: "Bench Smaregi",
    baseUrl: `${inject("fakesUrl")}/smaregi`,
    // As the authorization leaves them ([認証] → [許可] is not what is measured here).
    credentials: { clientId: ids.clientId, clientSecret: ids.clientSecret, contractId: ids.contractId, webhookSecret: ids.webhookSecret, callbackToken: `cb-${p}`, callbackOrigin: "http://renkei.bench" },
    settings: {
      locations: [
        { locationId: m.warehouseId, smaregiStoreId: WAREHOUSE, master: "renkei" },
        { locationId: m.storeId, smaregiStoreId: STORE, master: "smaregi" },
      ],
    },
  });
  // The product import's links (Smaregi product ID ↔ SKU), written in bulk.
  await batchInChunks(
    env.DB,
    bulkInsert(
      m.ctx.db,
      "external_links",
      ["connection_id", "entity", "renkei_id", "external_id", "external_code", "code_folded"],
      skuIds.map((skuId, i) => [created.id, "sku", skuId, String(i + 1), code(i), code(i).toLowerCase()]),
    ),
  );
  await verifyConnection(m.ctx, created.id);
  await setConnectionStatus(m.ctx, created.id, "started");
  // The start's reconciliation reads both sides first: the push below is measured alone.
  const reconciled = await until(
    () => env.DB.prepare("SELECT status, counts FROM sync_runs WHERE connection_id = ?1 AND job = 'smaregi.reconcile' AND status IN ('succeeded', 'failed')").bind(created.id).first<{ status: string; counts: string }>(),
    5 * 60_000,
  );
  expect(reconciled.status).toBe("succeeded");
  expect(JSON.parse(reconciled.counts)).toEqual({ smaregiWins: 0, renkeiWins: 0, unchanged: 0 });

  // 1. 10k SKUs change at the warehouse Renkei owns (the ledger marks them for the push), then one push drains them.
  const at = nowIso();
  const movements: MovementInput[] = skuIds.map((skuId) => ({
    skuId, locationId: m.warehouseId, bucket: "on_hand", quantity: -1, reason: "count_correction", sourceType: "adjustment", sourceId: "bench", key: `bench:${p}:${skuId}`,
  }));
  await batchInChunks(env.DB, movementStatements(m.ctx.db, movements, at, "system:bench"), 1000);
  const pending = await env.DB.prepare("SELECT COUNT(*) AS n FROM stock_push_pending WHERE connection_id = ?1").bind(created.id).first<{ n: number }>();
  const started = Date.now();
  await enqueueCoalesced(m.ctx, created.id);
  const run = await until(
    () => env.DB.prepare("SELECT status, counts, error FROM sync_runs WHERE connection_id = ?1 AND job = 'stock.push' AND status IN ('succeeded', 'failed')").bind(created.id).first<{ status: string; counts: string; error: string | null }>(),
    20 * 60_000,
  );
  const pushMs = Date.now() - started;
  expect(run.status, run.error ?? "").toBe("succeeded");
  const writes = (await fakeControl("smaregi", "writes", { contractId: ids.contractId })) as { kind: string; requestId: string | null; storeId: string; after: number }[];
  const bulk = writes.filter((w) => w.kind === "bulk-set");
  const rowsPerRequest = new Map<string, number>();
  for (const w of bulk) rowsPerRequest.set(w.requestId!, (rowsPerRequest.get(w.requestId!) ?? 0) + 1);
  const rate = await fakeControl("smaregi", "rate-stats", { contractId: ids.contractId });
  const config = await fakeControl("smaregi", "config", {});
  expect(bulk.length).toBe(SKUS);
  expect(bulk.every((w) => w.storeId === WAREHOUSE && w.after === 49)).toBe(true);
  report("smaregi.push", {
    skus: pending?.n ?? 0,
    wall_ms: pushMs,
    skus_per_s: Math.round((SKUS / pushMs) * 1000),
    bulk_requests: rowsPerRequest.size,
    max_rows_per_request: Math.max(...rowsPerRequest.values()),
    cap_per_s: config.ratePerSecond,
    peak_admitted_per_s: rate.peakPerSecond,
    refused_429: rate.refused,
  });

  // 2. Terminal sales at the store Smaregi owns: webhook → Renkei's level.
  const box = `bench-${p}`;
  await fakeControl("smaregi", "webhook", { contractId: ids.contractId, url: `${inject("fakesUrl")}/__control/smaregi/inbox?box=${box}`, secret: ids.webhookSecret });
  const latencies: number[] = [];
  for (let i = 0; i < WEBHOOKS; i++) {
    const before = (await fakeControl("smaregi", "inbox-read", { box })).length as number;
    await fakeControl("smaregi", "sale", { contractId: ids.contractId, storeId: STORE, lines: [{ productId: String(i + 1), quantity: 1 }] });
    const hook = await until(async () => {
      const inbox = (await fakeControl("smaregi", "inbox-read", { box })) as { headers: Record<string, string>; body: any }[];
      return inbox.slice(before).find((d) => d.body.event === "pos:stock");
    }, 10_000);
    const t0 = Date.now();
    const answer = await exports.default.fetch(
      new Request(`http://renkei.bench/webhooks/smaregi/${created.id}`, { method: "POST", headers: { ...hook.headers, "content-type": "application/json" }, body: JSON.stringify(hook.body) }),
    );
    expect(answer.status).toBe(200);
    await until(
      async () => (await env.DB.prepare("SELECT on_hand FROM stock_levels WHERE sku_id = ?1 AND location_id = ?2").bind(skuIds[i], m.storeId).first<{ on_hand: number }>())?.on_hand === 99,
      60_000,
    );
    latencies.push(Date.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  report("smaregi.webhook_to_stock", {
    events: latencies.length,
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    max_ms: latencies.at(-1) ?? 0,
  });
});
