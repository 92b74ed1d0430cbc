/**
 * Benchmark — the NextEngine link (issue 6), against the fake NextEngine over loopback HTTP (its
 * default overload rule: 003002 beyond 3 concurrent calls per company):
 *   BENCH_NE_SHIPMENTS (1,000) imported NextEngine orders confirmed on the shipping desk in a burst
 *   (requests of 200, as the admin sends them), with ① ② on, beside BENCH_NE_OTHER (200) shipments of
 *   Renkei's own orders at the linked warehouse (③). Figures: time until NextEngine shows every order
 *   出荷確定済, the API calls that took (and how many were refused with 003002), and the stock
 *   uploads ③ made — how many, how many lines, and whether NextEngine's stock moved by exactly the
 *   shipped quantity (never doubled).
 * Figures only; nothing asserts a timing.
 */
import { env } from "cloudflare:workers";
import { inject, it } from "vitest";
import { loadConnection, updateConnectionSettings } from "../../worker/connections/connections";
import { finishConnect, startConnect } from "../../worker/connectors/nextengine/connect";
import { importNextEngineOrders } from "../../worker/connectors/nextengine/order-import";
import { confirmOrderShipments } from "../../worker/connectors/nextengine/shipping";
import { withLink } from "../../worker/connectors/nextengine/link";
import { confirmShipment, createShipment } from "../../worker/orders/shipments";
import { createManualOrder } from "../../worker/orders/manual";
import { benchMerchant, createCatalogue, fakeControl, report } from "./support";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const SHIPMENTS = knob("BENCH_NE_SHIPMENTS", 1_000);
const OTHER = knob("BENCH_NE_OTHER", 200);
const GOODS = 50;

it("NextEngine: 1,000 shipments confirmed in a burst → 出荷確定済 in NextEngine, calls, and ③ uploads", { timeout: 60 * 60_000 }, async () => {
  const fakes = inject("fakesUrl");
  const m = await benchMerchant("nextengine");
  const p = `NE${Date.now().toString(36).toUpperCase()}`;
  const code = (i: number) => `${p}-${String(i).padStart(3, "0")}`;
  const skuIds = await createCatalogue(m.ctx, { count: GOODS, code, stock: { locationIds: [m.warehouseId], quantity: () => 100_000 } });
  const company = await fakeControl("nextengine", "seed", {
    goods: Array.from({ length: GOODS }, (_, i) => ({ goods_id: code(i), stock_quantity: 100_000 })),
    orders: Array.from({ length: SHIPMENTS }, (_, i) => ({ rows: [{ receive_order_row_goods_id: code(i % GOODS), receive_order_row_quantity: 1, receive_order_row_unit_price: 1000 }] })),
  });
  const started = await startConnect(m.ctx, { clientId: company.clientId, clientSecret: company.clientSecret, apiBaseUrl: `${fakes}/nextengine/api`, signInBaseUrl: `${fakes}/nextengine/base` }, "http://renkei.bench");
  await finishConnect(m.ctx, started.connectionId, company.uid, company.state);
  await updateConnectionSettings(m.ctx, started.connectionId, {
    markShipped: true,
    writeTrackingNumber: true,
    subtractStockOnShipment: true,
    syncedLocationIds: [m.warehouseId],
  });
  const connection = (await loadConnection(m.ctx, started.connectionId))!;
  const importStart = performance.now();
  const imported = await withLink(m.ctx, connection, (link) => importNextEngineOrders(m.ctx, link));
  const importMs = performance.now() - importStart;
  const orders = await env.DB.prepare("SELECT renkei_id FROM external_links WHERE connection_id = ?1 AND entity = 'order'").bind(started.connectionId).all<{ renkei_id: string }>();
  const callsBefore = ((await fakeControl("nextengine", "calls", { companyId: company.companyId })).calls as unknown[]).length;

  // the burst: NextEngine orders on the desk, 200 a request, and Renkei's own orders shipped beside them
  const burstStart = performance.now();
  const ids = orders.results.map((r) => r.renkei_id);
  const requests = [];
  for (let i = 0; i < ids.length; i += 200) {
    requests.push(
      confirmOrderShipments(m.ctx, started.connectionId, {
        idempotencyKey: `bench-${p}-${i}`,
        items: ids.slice(i, i + 200).map((orderId, k) => ({ orderId, carrier: "ヤマト", trackingNumber: `${String(i + k).padStart(12, "0")}` })),
      }),
    );
  }
  // Renkei's own orders go one after another, as a packing desk confirms them (beside the five requests)
  const own = async (i: number) => {
        const order = await createManualOrder(m.ctx, {
          idempotencyKey: `bench-${p}-own-${i}`,
          channelId: m.channelId,
          locationId: m.warehouseId,
          customerName: "",
          shippingAddress: "",
          shippingFee: 0,
          note: "",
          lines: [{ skuId: skuIds[i % GOODS]!, quantity: 1 }],
        });
        const shipment = await createShipment(m.ctx, order.id, { idempotencyKey: `bench-${p}-own-${i}`, lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }] });
        await confirmShipment(m.ctx, shipment.result.id, { idempotencyKey: `bench-${p}-own-${i}`, carrier: "", trackingNumber: "" });
  };
  requests.push(
    (async () => {
      for (let i = 0; i < OTHER; i++) await own(i);
    })(),
  );
  await Promise.all(requests);
  const confirmedMs = performance.now() - burstStart;

  let shippedMs = 0;
  let uploadsMs = 0;
  // the fake's control API answers beside 4,000 API calls; a dropped keep-alive socket is asked again
  const ask = async (action: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fakeControl("nextengine", action, { companyId: company.companyId });
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  for (;;) {
    const all = (await ask("orders")).orders as { base: { receive_order_order_status_id: string } }[];
    const shipped = all.filter((o) => o.base.receive_order_order_status_id === "50").length;
    const uploads = await env.DB.prepare("SELECT COUNT(*) AS open FROM nextengine_stock_uploads WHERE connection_id = ?1 AND status IN ('sending', 'unknown', 'queued')")
      .bind(started.connectionId)
      .first<{ open: number }>();
    const stockUp = await ask("uploads");
    const applied = (stockUp.applications as { delta?: number; quantity?: number }[]).length;
    if (shipped === SHIPMENTS && !shippedMs) shippedMs = performance.now() - burstStart;
    if (applied > 0 && uploads!.open === 0 && !uploadsMs) uploadsMs = performance.now() - burstStart;
    if (shippedMs && uploadsMs) break;
    if (performance.now() - burstStart > 30 * 60_000) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const calls = ((await ask("calls")).calls as { path: string; code?: string }[]).slice(callsBefore);
  const uploads = await env.DB.prepare("SELECT status, lines FROM nextengine_stock_uploads WHERE connection_id = ?1").bind(started.connectionId).all<{ status: string; lines: string }>();
  const uploadLines = uploads.results.reduce((n, u) => n + (JSON.parse(u.lines) as unknown[]).length, 0);
  const stock = (await ask("stock")).stock as { stock_goods_id: string; stock_quantity: string }[];
  const stockMoved = stock.filter((s) => s.stock_goods_id.startsWith(p)).reduce((n, s) => n + (100_000 - Number(s.stock_quantity)), 0);
  report("nextengine.import", { orders: imported.created, ms: Math.round(importMs) });
  report("nextengine.burst", {
    shipments: ids.length,
    own: OTHER,
    confirmMs: Math.round(confirmedMs),
    allShippedInNextEngineMs: Math.round(shippedMs),
    uploadsSettledMs: Math.round(uploadsMs),
    calls: calls.length,
    shippedCalls: calls.filter((c) => c.path.endsWith("/shipped")).length,
    refused003002: calls.filter((c) => c.code === "003002").length,
    uploads: uploads.results.length,
    uploadLines,
    // NextEngine takes its own orders' stock at /shipped (1 each) and ③ the rest: exactly once each
    stockMoved,
    stockExpected: ids.length + OTHER,
  });
});
