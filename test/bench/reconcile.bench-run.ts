/**
 * Benchmark 3 — reconciliation of 100k SKUs × 5 locations against the http-json fake.
 *
 * Setup (timed and printed, not part of the figure): 100k SKUs B000000… in Renkei with on-hand stock
 * in 5 locations (through the ledger), the locations linked to the fake's L0…L4 (external_links,
 * entity 'location'), and the fake filled with the same SKU codes by its control API
 * `generate-stock`. Renkei's quantity equals the fake's except at L0 of every 10th SKU (+1), so
 * the comparison has something to find. Then `reconcileStock` (worker/connectors/http-json/jobs.ts)
 * runs with the connection's settings (page size 1000 by default), timed inside workerd, while the
 * Node-side probe samples the workerd process's memory and CPU and times the fake's answers.
 */
import { env } from "cloudflare:workers";
import { expect, inject, it } from "vitest";
import { createConnection, linkExternal, loadConnection, setConnectionStatus, updateConnectionSettings } from "../../worker/connections/connections";
import { reconcileStock } from "../../worker/connectors/http-json/jobs";
import { HttpJsonSettings } from "../../worker/connectors/http-json/settings";
import { addLocations, benchMerchant, createCatalogue, fakeControl, mb, probe, report, sum } from "./support";
import { timedContext } from "./timed-db";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const SKUS = knob("BENCH_RECONCILE_SKUS", 100_000);
/** A second pass with this page size, for comparison (0 = none). */
const SECOND_PAGE_SIZE = knob("BENCH_RECONCILE_PAGE2", 5000);
const LOCATIONS = 5;

const code = (s: number) => `B${String(s).padStart(6, "0")}`; // the fake's generate-stock codes
const fakeQuantity = (s: number, l: number) => (s * 7 + l) % 50; // what generate-stock puts in the fake
const ourQuantity = (s: number, l: number) => fakeQuantity(s, l) + (s % 10 === 0 && l === 0 ? 1 : 0);

it(`reconciliation: ${SKUS} SKUs × ${LOCATIONS} locations`, async () => {
  const m = await benchMerchant("reconcile");
  const setupStarted = Date.now();
  const locationIds = [m.storeId, m.warehouseId, ...(await addLocations(m.ctx, LOCATIONS - 2))];
  const connection = await createConnection(m.ctx, {
    kind: "http-json",
    name: "Bench WMS",
    baseUrl: `${inject("fakesUrl")}/http-json`,
    settings: {},
    credentials: { token: "sandbox-token" },
  });
  for (const [l, locationId] of locationIds.entries()) {
    await linkExternal(m.ctx, connection.id, { entity: "location", renkeiId: locationId, externalId: `L${l}` });
  }
  await fakeControl("http-json", "reset");
  // 500+ page reads back to back; the fake's default 50 requests/s would answer 429 (the job then
  // fails as transient and waits for a retry). The figure is Renkei's, not the fake's throttle.
  await fakeControl("http-json", "rate", { perSecond: 100_000 });
  const fakeStarted = Date.now();
  await fakeControl("http-json", "generate-stock", { skus: SKUS, locations: LOCATIONS, prefix: "B" });
  const fakeSetupMs = Date.now() - fakeStarted;
  await createCatalogue(m.ctx, { count: SKUS, code, stock: { locationIds, quantity: ourQuantity } });
  // Started after the stock is in, so the setup's 500k movements do not mark 100k SKUs pending for
  // a push (the ledger trigger of migration 0002 does that for started connections).
  await setConnectionStatus(m.ctx, connection.id, "started");
  const setupMs = Date.now() - setupStarted;
  const levels = (await env.DB.prepare("SELECT COUNT(*) AS n FROM stock_levels WHERE merchant_id = ?1").bind(m.merchantId).first<{ n: number }>())!.n;
  report("reconcile.setup", { skus: SKUS, locations: LOCATIONS, stock_levels: levels, ms: setupMs, fake_generate_ms: fakeSetupMs });

  let expectedDifferent = 0;
  for (let s = 0; s < SKUS; s++) for (let l = 0; l < LOCATIONS; l++) if (ourQuantity(s, l) !== fakeQuantity(s, l)) expectedDifferent++;

  const passes = [HttpJsonSettings.parse(connection.settings).pageSize, ...(SECOND_PAGE_SIZE ? [SECOND_PAGE_SIZE] : [])];
  for (const [pass, pageSize] of passes.entries()) {
    if (pass > 0) await updateConnectionSettings(m.ctx, connection.id, { ...connection.settings, pageSize });
    const current = (await loadConnection(m.ctx, connection.id))!;
    const timed = timedContext(m.ctx);
    const before = await probe.start(`reconcile page ${pageSize}`);
    const started = Date.now();
    const counts = await reconcileStock(timed.ctx, current);
    const ms = Date.now() - started;
    const p = await probe.stop();
    const readMs = timed.db.readMs();
    const name = pass === 0 ? "reconcile" : "reconcile.page-size";
    report(name, {
      skus: SKUS,
      locations: LOCATIONS,
      page_size: pageSize,
      ms,
      peak_rss_mb: mb(sum(p.rssPeakKb)),
      rss_before_mb: mb(sum(p.rssStartKb)),
      peak_growth_mb: mb(sum(p.rssPeakKb) - sum(p.rssStartKb)),
      hwm_mb: mb(sum(p.hwmKb)),
      hwm_reset: Object.values(before.resetHwm).every(Boolean),
      workerd_pids: p.pids.join("+"),
      compared: counts.compared,
      matching: counts.matching,
      different: counts.different,
      unknown_sku: counts.unknownSku,
      pages: counts.pages,
    });
    report(`${name}.breakdown`, {
      fake_requests: p.fake.requests,
      fake_server_ms: p.fake.ms,
      renkei_d1_reads_ms: Math.round(readMs),
      d1_reads: [...timed.db.reads.values()].reduce((a, r) => a + r.calls, 0),
      rest_ms: Math.round(ms - p.fake.ms - readMs),
      workerd_cpu_ms: sum(p.workerdCpuMs),
      node_cpu_ms: p.nodeCpuMs,
      rss_samples: p.samples,
    });
    // Correctness of the comparison (not a timing): every pair compared, the planted differences found.
    expect(counts).toMatchObject({ compared: SKUS * LOCATIONS, different: expectedDifferent, unknownSku: 0 });
  }
  await fakeControl("http-json", "reset");
  await fakeControl("http-json", "rate", { perSecond: 50 });
});
