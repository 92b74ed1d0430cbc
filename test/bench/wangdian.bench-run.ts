/**
 * Benchmark — the 旺店通 link (issue 4), against the fake ERP over loopback HTTP:
 *  1. BENCH_WDT_DOCS (10k) store sales, taken by the hub as a device pushes them (100 a push),
 *     then delivered to the ERP by the export job until nothing waits: documents / s and the ERP
 *     calls made (trade_push carries ≤ 50 trades).
 *  2. The 02:10 stock sync for BENCH_WDT_SKUS (100k) SKUs at a store of which BENCH_WDT_CHANGED
 *     (5k) changed since the last sync, once with the stores as master (a 盘点 of ≤ 500 lines a
 *     call, against the ERP's 2,000 calls a day) and once with the ERP as master (Renkei set to
 *     the ERP's figures through the ledger): duration and calls.
 *  3. ERP → store: BENCH_WDT_STOCKINS (1,000) completed stock-in documents of BENCH_WDT_LINES (20)
 *     lines for one store's warehouse, all pulled in one 10-minute tick (stockin / stockout order
 *     queries, 100 a page): duration, documents / s and calls; each becomes a delivery the POS receives.
 * Figures only; nothing asserts a timing.
 */
import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { createDevice } from "../../worker/auth/devices";
import { createConnection, loadConnection, verifyConnection } from "../../worker/connections/connections";
import { saveCursor } from "../../worker/connections/cursors";
import { changeStockMaster } from "../../worker/connectors/wangdian/admin";
import { exportDocuments } from "../../worker/connectors/wangdian/exports";
import { pullDocuments } from "../../worker/connectors/wangdian/inbound";
import { syncStock } from "../../worker/connectors/wangdian/stock-sync";
import { createLocation } from "../../worker/inventory/locations";
import { movementStatements } from "../../worker/inventory/ledger";
import { batchInChunks } from "../../worker/db/merchant-db";
import { nowIso } from "../../worker/db/ids";
import { postMany } from "../../worker/documents/post";
import { benchMerchant, benchSale, createCatalogue, fakeControl, prng, report } from "./support";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const DOCS = knob("BENCH_WDT_DOCS", 10_000);
const SKUS = knob("BENCH_WDT_SKUS", 100_000);
const CHANGED = knob("BENCH_WDT_CHANGED", 5_000);
const SELLING = 1_000;
const STOCKINS = knob("BENCH_WDT_STOCKINS", 1_000);
const LINES = knob("BENCH_WDT_LINES", 20);

async function erpCalls(endpoint: string): Promise<number> {
  // a read, so tried twice: after a long job the pooled connection to the fakes may have timed out idle
  const read = () => fakeControl("wangdian", "calls") as Promise<Record<string, number>>;
  const calls = await read().catch(read);
  return Object.entries(calls)
    .filter(([key]) => key.endsWith(`|${endpoint}`))
    .reduce((n, [, calls]) => n + calls, 0);
}

it("旺店通: 10k store documents to the ERP, and the 02:10 sync of 100k SKUs with 5k changed", { timeout: 60 * 60_000 }, async () => {
  const m = await benchMerchant("wangdian");
  const p = `B${Date.now().toString(36).toUpperCase()}`;
  const store = await createLocation(m.ctx, { code: p, name: `Bench ${p}`, kind: "store", taxDisplay: "inclusive" });
  const codes = (i: number) => `${p}-${String(i).padStart(6, "0")}`;
  const skuIds = await createCatalogue(m.ctx, { count: SKUS, code: codes, stock: { locationIds: [store.id], quantity: (i) => (i < SELLING ? 100_000 : 20) } });
  const credentials = { sid: `${p}-sid`, appkey: `${p}-key`, appsecret: `${p}-secret` };
  await fakeControl("wangdian", "seed", {
    credentials: [credentials],
    warehouses: [{ warehouse_no: p }],
    shops: [{ shop_no: `${p}-SHOP`, warehouses: [p] }],
    logistics: [{ logistics_no: `${p}-W`, logistics_name: "无单号", is_no_waybill: 1 }, { logistics_no: `${p}-C`, logistics_name: "货到付款", is_support_cod: 1 }],
    goods: Array.from({ length: Math.max(SELLING, CHANGED) }, (_, i) => ({ goods_no: `G-${codes(i)}`, goods_name: `货品 ${i}`, spec_list: [{ spec_no: codes(i) }] })),
    limits: { callsPerMinute: 0 },
  });
  const created = await createConnection(m.ctx, {
    kind: "wangdian",
    name: "Bench ERP",
    baseUrl: `${inject("fakesUrl")}/wangdian/openapi2`,
    credentials,
    settings: { shopNo: `${p}-SHOP`, locationIds: [store.id], stockMaster: "stores" },
  });
  await verifyConnection(m.ctx, created.id);
  const device = await createDevice(m.ctx, { locationId: store.id, name: "bench" });

  // 1. 10k sales taken by the hub, then delivered to the ERP
  const random = prng(20261126);
  const docs = Array.from({ length: DOCS }, (_, i) =>
    benchSale({
      number: `${p}-01-${String(i + 1).padStart(6, "0")}`,
      occurredAt: new Date(Date.now() - (DOCS - i) * 1000).toISOString(),
      staffId: m.ownerId,
      lines: [0, 1].map(() => ({ skuId: skuIds[Math.floor(random() * SELLING)]!, quantity: 1, unitPrice: 1000 + Math.floor(random() * 50) * 10, taxRate: 10 })),
      currency: "CNY",
      tender: i % 2 === 0 ? "cash" : "card",
    }),
  );
  for (let i = 0; i < docs.length; i += 100) await postMany(m.ctx, store.id, device.id, docs.slice(i, i + 100));
  const tradeCallsBefore = await erpCalls("trade_push.php");
  let connection = (await loadConnection(m.ctx, created.id))!;
  const started = performance.now();
  let runs = 0;
  let trades = 0;
  for (;;) {
    const counts = await exportDocuments(m.ctx, connection);
    runs++;
    trades += counts.trades + counts.alreadyAccepted;
    if (counts.trades + counts.alreadyAccepted + counts.failed === 0) break;
  }
  const ms = performance.now() - started;
  const calls = (await erpCalls("trade_push.php")) - tradeCallsBefore;
  report("wangdian.export", { documents: DOCS, delivered: trades, ms, "docs/s": Math.round(trades / (ms / 1000)), trade_push_calls: calls, per_call: Math.round(trades / Math.max(1, calls)), job_runs: runs });

  // 2. the 02:10 sync: the last sync was "now"; then CHANGED SKUs move in Renkei
  const top = await m.ctx.db.first<{ id: number }>("SELECT MAX(id) AS id FROM stock_movements WHERE merchant_id = ?1");
  await saveCursor(m.ctx, created.id, "stock-sync-movement", String(top!.id));
  await saveCursor(m.ctx, created.id, "stock-sync-at", new Date().toISOString());
  const moved = Array.from({ length: CHANGED }, (_, i) => ({
    skuId: skuIds[i]!,
    locationId: store.id,
    bucket: "on_hand" as const,
    quantity: -1,
    reason: "adjustment",
    sourceType: "adjustment",
    sourceId: "bench",
    key: `bench-wdt-change:${i}`,
  }));
  await batchInChunks(env.DB, movementStatements(m.ctx.db, moved, nowIso(), "system:bench"), 100);
  const pdBefore = await erpCalls("stock_sync_by_pd.php");
  connection = (await loadConnection(m.ctx, created.id))!;
  let t0 = performance.now();
  const stores = await syncStock(m.ctx, connection, `bench-stores-${p}`);
  const storesMs = performance.now() - t0;
  const pdCalls = (await erpCalls("stock_sync_by_pd.php")) - pdBefore;
  const state = await fakeControl("wangdian", "state");
  const today = Object.entries(state.dailyCalls as Record<string, number>).filter(([k]) => k.endsWith("|stock_sync_by_pd.php")).map(([, n]) => n).reduce((a, b) => a + b, 0);
  report("wangdian.sync.stores-master", { skus: SKUS, changed: CHANGED, ms: storesMs, erp_set: stores.erpSet, stocktake_calls: pdCalls, lines_per_call: Math.round(stores.erpSet / Math.max(1, pdCalls)), daily_budget: 2000, used_today: today });

  // the ERP as master: CHANGED of its figures differ and changed since the last sync
  await changeStockMaster(m.ctx, created.id, { master: "erp", confirm: true });
  await saveCursor(m.ctx, created.id, "stock-sync-at", new Date(Date.now() - 1000).toISOString());
  await fakeControl("wangdian", "seed", { stock: Array.from({ length: CHANGED }, (_, i) => ({ warehouse_no: p, spec_no: codes(SELLING + i), stock_num: 7 })) });
  connection = (await loadConnection(m.ctx, created.id))!;
  t0 = performance.now();
  const erp = await syncStock(m.ctx, connection, `bench-erp-${p}`);
  report("wangdian.sync.erp-master", { skus: SKUS, changed: CHANGED, ms: performance.now() - t0, renkei_set: erp.renkeiSet, equal: erp.equal, read_skus: erp.skus });
});

it("旺店通: 1,000 ERP stock-in documents of 20 lines pulled to one store in one tick", { timeout: 30 * 60_000 }, async () => {
  const m = await benchMerchant("wangdian-in");
  const p = `BI${Date.now().toString(36).toUpperCase()}`;
  const store = await createLocation(m.ctx, { code: p, name: `Bench ${p}`, kind: "store", taxDisplay: "inclusive" });
  const codes = (i: number) => `${p}-${String(i).padStart(5, "0")}`;
  // every line names a SKU both sides know, so the figure is the pull itself, not product creation
  const catalogue = Math.max(LINES * 10, 200);
  await createCatalogue(m.ctx, { count: catalogue, code: codes });
  const credentials = { sid: `${p}-sid`, appkey: `${p}-key`, appsecret: `${p}-secret` };
  const random = prng(20261127);
  await fakeControl("wangdian", "seed", {
    credentials: [credentials],
    warehouses: [{ warehouse_no: p }],
    shops: [{ shop_no: `${p}-SHOP`, warehouses: [p] }],
    limits: { callsPerMinute: 0 },
  });
  // seeded in slices: one control request stays small
  for (let at = 0; at < STOCKINS; at += 200) {
    await fakeControl("wangdian", "seed", {
      documents: Array.from({ length: Math.min(200, STOCKINS - at) }, (_, k) => ({
        direction: "in",
        order_type: (at + k) % 2 === 0 ? "purchase" : "transfer",
        warehouse_no: p,
        order_no: `${p}-RK${String(at + k).padStart(5, "0")}`,
        lines: Array.from({ length: LINES }, (_, j) => ({ spec_no: codes((j * 10 + Math.floor(random() * 10)) % catalogue), num: 1 + Math.floor(random() * 5) })),
      })),
    });
  }
  const created = await createConnection(m.ctx, {
    kind: "wangdian",
    name: "Bench ERP in",
    baseUrl: `${inject("fakesUrl")}/wangdian/openapi2`,
    credentials,
    settings: { shopNo: `${p}-SHOP`, locationIds: [store.id], stockMaster: "stores" },
  });
  await verifyConnection(m.ctx, created.id);
  const connection = (await loadConnection(m.ctx, created.id))!;
  const [inBefore, outBefore] = [await erpCalls("stockin_order_query.php"), await erpCalls("stockout_order_query.php")];
  const started = performance.now();
  const counts = await pullDocuments(m.ctx, connection);
  const ms = performance.now() - started;
  const [inCalls, outCalls] = [(await erpCalls("stockin_order_query.php")) - inBefore, (await erpCalls("stockout_order_query.php")) - outBefore];
  const waiting = await m.ctx.db.first<{ n: number }>("SELECT COUNT(*) AS n FROM store_documents WHERE merchant_id = ?1 AND location_id = ?2 AND kind = 'inbound' AND status = 'pending'", store.id);
  report("wangdian.pull-stockins", {
    documents: STOCKINS,
    lines_each: LINES,
    taken: counts.taken,
    deliveries_waiting: waiting!.n,
    ms,
    "docs/s": Math.round(counts.taken / (ms / 1000)),
    stockin_query_calls: inCalls,
    stockout_query_calls: outCalls,
  });
});
