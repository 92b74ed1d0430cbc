import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { key, level, newMerchant, newSku } from "./helpers";

describe("orders", () => {
  it("status-triggered action: entering 引当待ち runs 引当, and on success the order moves on", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 1 });
    const action = await m.api("POST", "/api/status-actions", { status: "awaiting_allocation", action: "allocate", successStatus: "awaiting_shipment" });
    expect(action.status).toBe(201);
    const imported = await m.api("POST", "/api/orders/import", {
      idempotencyKey: key(),
      orders: [
        {
          channelId: m.channelId,
          externalId: "W-1",
          orderedAt: "2026-11-26T00:00:00Z",
          currency: "JPY",
          lines: [{ name: "x", skuId, quantity: 3, unitPrice: 100, taxRate: 10 }],
        },
      ],
    });
    const orderId = imported.body.orders[0].orderId;
    expect(imported.body.orders[0].status).toBe("awaiting_allocation");
    // the action ran (through the real queue) and failed to allocate: the order stays
    await vi.waitFor(async () => {
      const runs = await m.api("GET", "/api/sync/runs?job=orders.status-action");
      expect(runs.body.items[0]).toMatchObject({ status: "succeeded", counts: { orders: 1, succeeded: 0, moved: 0 } });
    });
    await m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId, locationId: m.warehouseId, quantity: 2 });
    // moving it back into 引当待ち by hand triggers the action again, which now succeeds
    await m.api("POST", "/api/orders/bulk/status", { orderIds: [orderId], status: "new" });
    const back = await m.api("POST", "/api/orders/bulk/status", { orderIds: [orderId], status: "awaiting_allocation" });
    expect(back.body.changed).toBe(1);
    await vi.waitFor(async () => expect((await m.api("GET", `/api/orders/${orderId}`)).body.status).toBe("awaiting_shipment"));
    expect(await level(m, skuId)).toMatchObject({ on_hand: 3, allocated: 3 });
  });

  it("custom statuses, bulk status change and saved searches work together", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 10 });
    const status = await m.api("POST", "/api/order-statuses", { code: "rsl_shipping", ja: "RSL出荷", zh: "RSL发货", en: "Ships via RSL" });
    expect(status.status).toBe(201);
    const reserved = await m.api("POST", "/api/order-statuses", { code: "shipped", ja: "x" });
    expect(reserved.status).toBe(409);
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] })).body.id);
    }
    const moved = await m.api("POST", "/api/orders/bulk/status", { orderIds: ids.slice(0, 2), status: "rsl_shipping" });
    expect(moved.body.changed).toBe(2);
    const unknown = await m.api("POST", "/api/orders/bulk/status", { orderIds: ids, status: "nope" });
    expect(unknown.status).toBe(400);
    const terminal = await m.api("POST", "/api/orders/bulk/status", { orderIds: ids, status: "shipped" });
    expect(terminal.status).toBe(400);
    const search = await m.api("POST", "/api/saved-searches", { name: "RSL出荷分", query: { status: "rsl_shipping" } });
    expect(search.status).toBe(201);
    const listed = await m.api("GET", `/api/orders?status=${search.body.query.status}`);
    expect(listed.body.items.map((o: { id: string }) => o.id).sort()).toEqual(ids.slice(0, 2).sort());
    const tags = await m.api("POST", "/api/orders/bulk/tags", { orderIds: [ids[2]], add: ["自社出荷"] });
    expect(tags.body.changed).toBe(1);
    expect((await m.api("GET", `/api/orders?tag=${encodeURIComponent("自社出荷")}`)).body.items).toHaveLength(1);
    const system = await m.api("POST", "/api/orders/bulk/tags", { orderIds: [ids[2]], remove: ["全商品未マッピング"] });
    expect(system.status).toBe(400);
    expect(system.body.issues[0].path).toEqual(["remove", 0]);
    expect((await m.api("GET", "/api/order-tags")).body.items).toEqual([{ tag: "自社出荷", kind: "user", orders: 1 }]);
    const page = await m.api("GET", "/api/orders?limit=1");
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.items).toHaveLength(1);
    const bySku = await m.api("GET", `/api/orders?q=${encodeURIComponent((await m.api("GET", `/api/orders/${ids[0]}`)).body.lines[0].externalCode)}`);
    expect(bySku.body.total).toBe(3);
  });

  it("a deleted order leaves the lists but its mall order number stays known: a re-import is a duplicate", async () => {
    const m = await newMerchant();
    const body = (k: string) => ({
      idempotencyKey: k,
      orders: [{ channelId: m.channelId, externalId: "R-100", orderedAt: "2026-11-26T00:00:00Z", currency: "JPY", lines: [{ name: "x", externalCode: "NOPE", quantity: 1, unitPrice: 100, taxRate: 10 }] }],
    });
    const first = await m.api("POST", "/api/orders/import", body(key()));
    const orderId = first.body.orders[0].orderId;
    await m.api("POST", "/api/orders/bulk/delete", { orderIds: [orderId] });
    expect((await m.api("GET", "/api/orders")).body.items).toHaveLength(0);
    expect((await m.api("GET", `/api/orders/${orderId}`)).status).toBe(404);
    const again = await m.api("POST", "/api/orders/import", body(key()));
    expect(again.body).toMatchObject({ created: 0, duplicates: 1 });
    expect((await m.api("GET", "/api/orders?includeDeleted=true")).body.items).toHaveLength(1);
  });

  it("order totals carry tax per rate with one rounding per rate", async () => {
    const m = await newMerchant();
    const food = await newSku(m, { price: 1080, taxClass: "reduced", stock: 5 });
    const goods = await newSku(m, { price: 3300, stock: 5 });
    const order = await m.api("POST", "/api/orders", {
      idempotencyKey: key(),
      channelId: m.channelId,
      shippingFee: 500,
      lines: [
        { skuId: food.skuId, quantity: 2 },
        { skuId: goods.skuId, quantity: 1 },
      ],
    });
    // tax-inclusive: 2160 × 8/108 = 160, 3300 × 10/110 = 300
    expect(order.body).toMatchObject({ subtotal: 5460, tax: 460, shippingFee: 500, total: 5960 });
  });
});

describe("connections", () => {
  it("credentials are sealed at rest and never answered", async () => {
    const m = await newMerchant();
    const connection = await m.api("POST", "/api/connections", { kind: "http-json", name: "x", credentials: { token: "very-secret-token" } });
    const row = await env.DB.prepare("SELECT credentials FROM connections WHERE id = ?1").bind(connection.body.id).first<{ credentials: string }>();
    expect(row!.credentials.startsWith("v1.")).toBe(true);
    expect(row!.credentials).not.toContain("very-secret-token");
    expect(JSON.stringify((await m.api("GET", `/api/connections/${connection.body.id}`)).body)).not.toContain("very-secret");
  });

  it("settings are checked by the connector's own schema", async () => {
    const m = await newMerchant();
    const bad = await m.api("POST", "/api/connections", { kind: "http-json", name: "x", settings: { pageSize: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["settings", "pageSize"]);
    const unknown = await m.api("POST", "/api/connections", { kind: "nope", name: "x" });
    expect(unknown.status).toBe(400);
  });
});

describe("retention", () => {
  it("prunes idempotency keys after 30 days and compacts the change log behind the slowest cursor", async () => {
    const m = await newMerchant();
    const old = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 29 * 86_400_000).toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO idempotency_keys (merchant_id, scope, key, request_hash, status, response, created_at) VALUES (?1, 's', 'old', 'h', 200, '{}', ?2)").bind(m.merchantId, old),
      env.DB.prepare("INSERT INTO idempotency_keys (merchant_id, scope, key, request_hash, status, response, created_at) VALUES (?1, 's', 'recent', 'h', 200, '{}', ?2)").bind(m.merchantId, recent),
    ]);
    await newSku(m); // writes change-log entries
    await newSku(m);
    const log = await env.DB.prepare("SELECT seq FROM change_log WHERE merchant_id = ?1 ORDER BY seq").bind(m.merchantId).all<{ seq: number }>();
    const middle = log.results[Math.floor(log.results.length / 2)]!.seq;
    const feed = await m.api("GET", `/api/changes?since=0&limit=1000`);
    expect(feed.body.changes.length).toBe(log.results.length);
    await env.DB.prepare("INSERT INTO sync_cursors (merchant_id, consumer, seq, updated_at) VALUES (?1, 'device:x', ?2, ?3)").bind(m.merchantId, middle, new Date().toISOString()).run();
    const run = await m.api("POST", "/api/sync/run", { job: "maintenance.retention" });
    await vi.waitFor(async () => expect((await m.api("GET", `/api/sync/runs/${run.body.runId}`)).body.status).toBe("succeeded"));
    const keys = await env.DB.prepare("SELECT key FROM idempotency_keys WHERE merchant_id = ?1 AND scope = 's'").bind(m.merchantId).all<{ key: string }>();
    expect(keys.results.map((k) => k.key)).toEqual(["recent"]);
    const left = await env.DB.prepare("SELECT MIN(seq) AS first FROM change_log WHERE merchant_id = ?1").bind(m.merchantId).first<{ first: number }>();
    expect(left!.first).toBe(middle);
  });
});
