/**
 * Merchant A cannot read or change merchant B's anything. The table below must name every
 * operation in /api/openapi.json, so a new route fails here until it is listed with a request
 * that aims at B's data.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, key, newMerchant, newSku, type TestMerchant } from "./helpers";

const B_MARKER = "B-ONLY-TEMPLATE-TEXT";

interface BData {
  m: TestMerchant;
  unitId: string;
  productId: string;
  skuId: string;
  orderId: string;
  orderLineId: string;
  shipmentId: string;
  connectionId: string;
  scheduleId: string;
  savedSearchId: string;
  statusActionId: string;
  deviceId: string;
  runId: string;
  deadLetterId: string;
  inboundId: string;
  ownerId: string;
}

async function makeB(): Promise<BData> {
  const m = await newMerchant();
  const unit = await m.api("PUT", "/api/units", { code: "UB", managementUnit: "m", salesUnit: "cm", displayName: "長さ", conversion: 100 });
  const { productId, skuId } = await newSku(m, { stock: 10 });
  const order = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 2 }] });
  const shipment = await m.api("POST", `/api/orders/${order.body.id}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: order.body.lines[0].id, quantity: 1 }] });
  const connection = await m.api("POST", "/api/connections", { kind: "http-json", name: "B WMS", baseUrl: "http://127.0.0.1:9/http-json", credentials: { token: "b-secret" } });
  const schedule = await m.api("POST", "/api/sync/schedules", { job: "maintenance.retention", kind: "hourly", minute: 5 });
  const search = await m.api("POST", "/api/saved-searches", { name: "B search", query: { status: "allocated" } });
  const status = await m.api("POST", "/api/order-statuses", { code: "b_only", ja: "B専用" });
  const action = await m.api("POST", "/api/status-actions", { status: "awaiting_allocation", action: "allocate", successStatus: "allocated" });
  const device = await m.api("POST", "/api/devices", { locationId: m.storeId, name: "B tablet" });
  const run = await m.api("POST", "/api/sync/run", { job: "maintenance.retention" });
  const inbound = await m.api("POST", "/api/inbound", { locationId: m.storeId, kind: "purchase", lines: [{ skuId, quantity: 3 }] });
  expect(inbound.status).toBe(201);
  const template = await m.api("PUT", "/api/templates/order_confirmation", { body: `${B_MARKER}\n#LINES#`, lineFormat: "#ITEM_NAME#" });
  expect(template.status, JSON.stringify(template.body)).toBe(200);
  const deadLetterId = `dlq_b_${key()}`;
  await env.DB.prepare(
    "INSERT INTO dead_letters (id, merchant_id, run_id, job, payload, error, attempts, created_at) VALUES (?1, ?2, ?3, 'maintenance.retention', '{}', 'x', 1, ?4)",
  )
    .bind(deadLetterId, m.merchantId, run.body.runId, new Date().toISOString())
    .run();
  for (const [name, r] of Object.entries({ unit, order, shipment, connection, schedule, search, status, action, device, run })) {
    expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  }
  return {
    m,
    unitId: unit.body.id,
    productId,
    skuId,
    orderId: order.body.id,
    orderLineId: order.body.lines[0].id,
    shipmentId: shipment.body.id,
    connectionId: connection.body.id,
    scheduleId: schedule.body.id,
    savedSearchId: search.body.id,
    statusActionId: action.body.id,
    deviceId: device.body.id,
    runId: run.body.runId,
    deadLetterId,
    inboundId: inbound.body.id,
    ownerId: (await m.api("GET", "/api/auth/me")).body.user.id,
  };
}

/** Every table's row count for B, stock levels, and B's mutable fields: must not move. */
async function snapshot(merchantId: string) {
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%merchant_id%'").all<{ name: string }>();
  const counts: Record<string, unknown> = {};
  for (const { name } of tables.results) {
    if (name === "sync_runs" || name === "change_log") continue; // B's own queued jobs may run meanwhile
    counts[name] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${name} WHERE merchant_id = ?1`).bind(merchantId).first<{ n: number }>())!.n;
  }
  const state = await env.DB.prepare(
    `SELECT (SELECT json_group_array(json_array(sku_id, on_hand, allocated, held)) FROM stock_levels WHERE merchant_id = ?1) AS levels,
            (SELECT json_group_array(json_array(id, status, deleted_at)) FROM orders WHERE merchant_id = ?1) AS orders,
            (SELECT json_group_array(json_array(id, status, settings)) FROM connections WHERE merchant_id = ?1) AS connections,
            (SELECT json_group_array(json_array(id, price, code)) FROM skus WHERE merchant_id = ?1) AS skus,
            (SELECT json_group_array(json_array(id, name, unit_id)) FROM products WHERE merchant_id = ?1) AS products,
            (SELECT json_group_array(json_array(id, conversion)) FROM units WHERE merchant_id = ?1) AS units,
            (SELECT json_group_array(json_array(id, revoked_at)) FROM devices WHERE merchant_id = ?1) AS devices,
            (SELECT json_group_array(json_array(id, replayed_at)) FROM dead_letters WHERE merchant_id = ?1) AS dead_letters,
            (SELECT json_group_array(json_array(id, status)) FROM shipments WHERE merchant_id = ?1) AS shipments,
            (SELECT json_group_array(json_array(kind, body, line_format)) FROM templates WHERE merchant_id = ?1) AS templates,
            (SELECT json_group_array(json_array(id, status)) FROM store_documents WHERE merchant_id = ?1) AS documents,
            (SELECT json_group_array(json_array(id, pin_hash)) FROM users WHERE merchant_id = ?1) AS users,
            (SELECT json_group_array(json_array(code, name_ja, name_zh, name_en, sort)) FROM order_statuses WHERE merchant_id = ?1) AS statuses`,
  )
    .bind(merchantId)
    .first();
  return { counts, state };
}

type Attempt = { params?: Record<string, string>; body?: unknown; query?: string; expect?: number };

/** For each operation: a request from A aimed at B's data. */
function attempts(b: BData): Record<string, Attempt> {
  const ids = b;
  return {
    "post /api/auth/sign-out": {},
    "get /api/auth/me": {},
    "get /api/users": {},
    "post /api/users": { body: { email: b.m.email, name: "x", role: "owner", password: "long enough password" } },
    "get /api/devices": {},
    "get /api/documents": {},
    "get /api/documents/{id}": { params: { id: ids.inboundId } },
    "post /api/documents/{id}/receive": { params: { id: ids.inboundId } },
    "post /api/documents/{id}/reverse": { params: { id: ids.inboundId }, body: { idempotencyKey: key() } },
    "post /api/stocktakes": { body: { locationId: b.m.storeId, sheetIds: [crypto.randomUUID()] } },
    "post /api/stocktakes/{id}/approve": { params: { id: ids.inboundId } },
    "post /api/stocktakes/{id}/reject": { params: { id: ids.inboundId } },
    "post /api/inbound": { body: { locationId: b.m.storeId, kind: "purchase", lines: [{ skuId: ids.skuId, quantity: 1 }] } },
    "post /api/inbound/import": { body: { idempotencyKey: key(), locationId: b.m.storeId, header: ["商家编码", "数量"], rows: [["x", "1"]] } },
    "put /api/users/{id}/pin": { params: { id: ids.ownerId }, body: { pin: "1234" } },
    "post /api/devices": { body: { locationId: b.m.storeId, name: "steal" } },
    "post /api/devices/{id}/revoke": { params: { id: ids.deviceId } },
    "get /api/units": {},
    "get /api/units/{id}": { params: { id: ids.unitId } },
    "post /api/units/upload": { body: { kind: "units", csv: "単位コード,管理用単位,販売用単位,画面表示名,単位換算値\nUB,m,mm,x,1000\n" } },
    "get /api/units.csv": {},
    // A's own file: an update naming B's 商家编码 finds no such SKU in A's catalog
    "post /api/products/import": {
      body: { mode: "update", header: ["货品编号", "货品名称", "分类", "品牌", "规格名称", "商家编码", "零售价", "基本单位", "上下架"], rows: [["P", "stolen", "", "", "", "B-ONLY", "1", "", "2"]] },
    },
    "get /api/products/import/template.csv": { query: "mode=update" },
    // {kind} is not an ID: A reads and writes its own template of that kind, never B's
    "get /api/templates/{kind}": { params: { kind: "order_confirmation" }, expect: 200 },
    "put /api/templates/{kind}": { params: { kind: "order_confirmation" }, body: { body: "#LINES#", lineFormat: "#ITEM_NAME#" }, expect: 200 },
    "delete /api/templates/{kind}": { params: { kind: "order_confirmation" }, expect: 200 },
    "get /api/orders/{id}/render/{kind}": { params: { id: ids.orderId, kind: "order_confirmation" } },
    "put /api/units": { body: { code: "UA", managementUnit: "m", salesUnit: "cm", displayName: "x", conversion: 10 } },
    "delete /api/units/{id}": { params: { id: ids.unitId } },
    "get /api/products": { query: `q=P-` },
    "get /api/products/{id}": { params: { id: ids.productId } },
    "post /api/products": { body: { code: "PA", name: "a", unitId: ids.unitId, unitMin: 1, unitMax: 2, skus: [{ code: "PA-1", price: 1 }] } },
    "patch /api/products/{id}": { params: { id: ids.productId }, body: { name: "stolen" } },
    "post /api/products/{id}/skus": { params: { id: ids.productId }, body: { code: "X-1", price: 1 } },
    "get /api/skus": { query: `ids=${ids.skuId}` },
    "patch /api/skus/{id}": { params: { id: ids.skuId }, body: { price: 1 } },
    "get /api/categories": {},
    "post /api/categories": { body: { name: "c" } },
    "get /api/brands": {},
    "post /api/brands": { body: { name: "b" } },
    "get /api/stock": { query: `skuId=${ids.skuId}` },
    "get /api/stock/movements": { query: `skuId=${ids.skuId}` },
    "post /api/stock/adjustments": { body: { idempotencyKey: key(), skuId: ids.skuId, locationId: b.m.warehouseId, quantity: 100 } },
    "get /api/locations": {},
    "post /api/locations": { body: { code: "LA", name: "a", kind: "warehouse" } },
    "get /api/channels": {},
    "post /api/channels": { body: { code: "ca", name: "a", kind: "web", defaultLocationId: b.m.warehouseId } },
    "get /api/orders": { query: `q=${ids.orderId}` },
    "get /api/orders/{id}": { params: { id: ids.orderId } },
    "post /api/orders/import": {
      body: {
        idempotencyKey: key(),
        orders: [{ channelId: b.m.channelId, externalId: "X", orderedAt: "2026-11-26T00:00:00Z", currency: "JPY", lines: [{ name: "x", skuId: ids.skuId, quantity: 1, unitPrice: 1, taxRate: 10 }] }],
      },
    },
    "post /api/orders": { body: { idempotencyKey: key(), channelId: b.m.channelId, lines: [{ skuId: ids.skuId, quantity: 1 }] } },
    "get /api/payment-methods": {},
    "post /api/orders/bulk/status": { body: { orderIds: [ids.orderId], status: "awaiting_shipment" } },
    "post /api/orders/bulk/tags": { body: { orderIds: [ids.orderId], add: ["mine"] } },
    "post /api/orders/bulk/allocate": { body: { orderIds: [ids.orderId] } },
    "post /api/orders/bulk/cancel": { body: { orderIds: [ids.orderId] } },
    "post /api/orders/bulk/delete": { body: { orderIds: [ids.orderId] } },
    "post /api/orders/{id}/shipments": { params: { id: ids.orderId }, body: { idempotencyKey: key(), lines: [{ orderLineId: ids.orderLineId, quantity: 1 }] } },
    "post /api/shipments/{id}/confirm": { params: { id: ids.shipmentId }, body: { idempotencyKey: key() } },
    "get /api/order-statuses": {},
    "post /api/order-statuses": { body: { code: "mine", ja: "私の" } },
    "patch /api/order-statuses/{code}": { params: { code: "b_only" }, body: { ja: "乗っ取り", sort: 1 } },
    "get /api/order-tags": {},
    "get /api/saved-searches": {},
    "post /api/saved-searches": { body: { name: "B search", query: {} } },
    "delete /api/saved-searches/{id}": { params: { id: ids.savedSearchId } },
    "get /api/status-actions": {},
    "post /api/status-actions": { body: { status: "allocated", action: "allocate", connectionId: ids.connectionId } },
    "delete /api/status-actions/{id}": { params: { id: ids.statusActionId } },
    "get /api/sync/runs": {},
    "get /api/sync/runs/{id}": { params: { id: ids.runId } },
    "get /api/sync/dead-letters": {},
    "post /api/sync/dead-letters/{id}/replay": { params: { id: ids.deadLetterId } },
    "get /api/sync/jobs": {},
    "post /api/sync/run": { body: { job: "maintenance.retention", connectionId: ids.connectionId } },
    "get /api/sync/schedules": {},
    "post /api/sync/schedules": { body: { job: "maintenance.retention", kind: "hourly", connectionId: ids.connectionId } },
    "delete /api/sync/schedules/{id}": { params: { id: ids.scheduleId } },
    "get /api/changes": {},
    "get /api/connections": {},
    "get /api/connections/{id}": { params: { id: ids.connectionId } },
    "get /api/connections/{id}/activity": { params: { id: ids.connectionId } },
    "post /api/connections": { body: { kind: "http-json", name: "A" } },
    "put /api/connections/{id}/settings": { params: { id: ids.connectionId }, body: { pushStock: false } },
    "put /api/connections/{id}/credentials": { params: { id: ids.connectionId }, body: { token: "stolen" } },
    "post /api/connections/{id}/verify": { params: { id: ids.connectionId } },
    "post /api/connections/{id}/start": { params: { id: ids.connectionId } },
    "post /api/connections/{id}/stop": { params: { id: ids.connectionId } },
    "put /api/connections/{id}/links": { params: { id: ids.connectionId }, body: { entity: "sku", renkeiId: ids.skuId, externalId: "E" } },
    // NextEngine: A's own link is made by connect; B's link (any of B's connections) is never found
    "post /api/nextengine/connect": { body: { clientId: "a-app", clientSecret: "a-secret", apiBaseUrl: "http://127.0.0.1:9/nextengine/api" } },
    "post /api/nextengine/{id}/disconnect": { params: { id: ids.connectionId } },
    "get /api/nextengine/{id}/uploads": { params: { id: ids.connectionId } },
    "get /api/nextengine/{id}/shipment-results": { params: { id: ids.connectionId } },
    "post /api/nextengine/{id}/shipment-results/replay": { params: { id: ids.connectionId }, body: { idempotencyKey: key(), orderIds: [ids.orderId] } },
    "post /api/nextengine/{id}/expected-receipts": { params: { id: ids.connectionId }, body: { idempotencyKey: key(), rows: [{ location: "W001", code: "X", quantity: "1", reference: "PO-1" }] } },
    "post /api/nextengine/{id}/uploads/{uploadId}/resolve": { params: { id: ids.connectionId, uploadId: "neu_x" }, body: { decision: "applied" } },
    "get /api/nextengine/{id}/to-ship": { params: { id: ids.connectionId } },
    "get /api/nextengine/{id}/to-receive": { params: { id: ids.connectionId } },
    "post /api/nextengine/{id}/receipts/{inboundId}": { params: { id: ids.connectionId, inboundId: ids.inboundId }, body: { lines: [{ skuId: ids.skuId, received: 1 }] } },
    "post /api/nextengine/{id}/shipments": { params: { id: ids.connectionId }, body: { idempotencyKey: key(), items: [{ orderId: ids.orderId }] } },
    "post /api/smaregi/connections/{id}/authorize": { params: { id: ids.connectionId } },
    "post /api/smaregi/connections/{id}/disconnect": { params: { id: ids.connectionId } },
    "get /api/smaregi/connections/{id}/choices": { params: { id: ids.connectionId } },
    "get /api/smaregi/connections/{id}/webhook": { params: { id: ids.connectionId } },
    "get /api/smaregi/connections/{id}/products": { params: { id: ids.connectionId } },
    "get /api/smaregi/connections/{id}/preview": { params: { id: ids.connectionId } },
    "get /api/smaregi/connections/{id}/shipments": { params: { id: ids.connectionId } },
    "get /api/smaregi/connections/{id}/orders-sent": { params: { id: ids.connectionId } },
    "get /api/smaregi/connections/{id}/sales": { params: { id: ids.connectionId } },
    "post /api/smaregi/connections/{id}/shipping-csv": { params: { id: ids.connectionId }, body: { status: "allocated" } },
    "get /api/rakuten/links/{id}/status": { params: { id: ids.connectionId } },
    "get /api/rakuten/links/{id}/mappings": { params: { id: ids.connectionId } },
    "put /api/rakuten/links/{id}/mappings": { params: { id: ids.connectionId }, body: { rows: [{ rakutenSku: "X", skuCode: "X", rslItemCode: "X" }] } },
    "post /api/rakuten/links/{id}/mappings/delete": { params: { id: ids.connectionId }, body: { rakutenSku: "X" } },
    "post /api/rakuten/links/{id}/mappings/upload": { params: { id: ids.connectionId }, body: { csv: "楽天SKU,商品コード,RSL商品コード\nX,X,X\n" } },
    "get /api/rakuten/links/{id}/mappings.csv": { params: { id: ids.connectionId } },
    "get /api/rakuten/links/{id}/review": { params: { id: ids.connectionId } },
    "post /api/rakuten/links/{id}/split": { params: { id: ids.connectionId }, body: { orderIds: [ids.orderId] } },
    "get /api/rakuten/links/{id}/asuraku": { params: { id: ids.connectionId } },
    "post /api/rakuten/links/{id}/license/check": { params: { id: ids.connectionId } },
    "get /api/rakuten/links/{id}/other-system": { params: { id: ids.connectionId } },
    "get /api/rakuten/links/{id}/other-system.csv": { params: { id: ids.connectionId } },
    "post /api/outbound": { body: { idempotencyKey: key(), locationId: b.m.storeId, reason: "x", lines: [{ skuId: ids.skuId, quantity: 1 }] } },
    "post /api/transfers": { body: { idempotencyKey: key(), fromLocationId: b.m.storeId, toLocationId: b.m.warehouseId, lines: [{ skuId: ids.skuId, quantity: 1 }] } },
    "get /api/wangdian/{id}/exports": { params: { id: ids.connectionId } },
    "post /api/wangdian/{id}/exports/retry": { params: { id: ids.connectionId } },
    "post /api/wangdian/{id}/import-goods": { params: { id: ids.connectionId }, body: { from: "2026-11-01", to: "2026-11-26" } },
    "get /api/wangdian/{id}/drift": { params: { id: ids.connectionId } },
    "get /api/wangdian/{id}/drift/runs": { params: { id: ids.connectionId } },
    "post /api/wangdian/{id}/stock-master": { params: { id: ids.connectionId }, body: { master: "erp", confirm: true } },
  };
}

describe("tenancy", () => {
  it("every operation in the OpenAPI document keeps merchant B's data from merchant A", async () => {
    const b = await makeB();
    const a = await newMerchant();
    const document = (await call("GET", "/api/openapi.json")).body as { paths: Record<string, Record<string, { "x-renkei-auth": string }>> };
    const table = attempts(b);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op["x-renkei-auth"] === "user")
        .map(([method]) => `${method} ${path}`),
    );
    expect(operations.filter((op) => !(op in table)), "operations missing from the tenancy table").toEqual([]);

    const bIds = Object.values(b).filter((v): v is string => typeof v === "string" && /^[a-z]+_/.test(v));
    const before = await snapshot(b.m.merchantId);
    for (const operation of operations.filter((op) => op !== "post /api/auth/sign-out")) {
      const [method, template] = operation.split(" ") as [string, string];
      const attempt = table[operation]!;
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => attempt.params?.[name] ?? "missing");
      const response = await a.api(method.toUpperCase(), `${path}${attempt.query ? `?${attempt.query}` : ""}`, attempt.body);
      const text = JSON.stringify(response.body);
      expect(text.includes(B_MARKER), `${operation} leaked B's template`).toBe(false);
      if (attempt.params) {
        expect(response.status, `${operation} → ${text}`).toBe(attempt.expect ?? 404);
      } else {
        expect(response.status, `${operation} → ${text}`).not.toBe(500);
        // An ID the request itself carried may be echoed back (e.g. "not found" per order); any other is a leak.
        const asked = JSON.stringify(attempt.body ?? "") + (attempt.query ?? "");
        for (const id of bIds.filter((i) => !asked.includes(i))) {
          expect(text.includes(id) && response.status < 300 ? `${operation} leaked ${id}` : "", text).toBe("");
        }
        if (response.status < 300 && Array.isArray(response.body?.results)) {
          expect(response.body.results.every((r: { ok: boolean }) => !r.ok), `${operation} changed B's order`).toBe(true);
        }
      }
    }
    expect(await snapshot(b.m.merchantId)).toEqual(before);
  });

  it("another merchant's ID answers 404, not 403", async () => {
    const b = await makeB();
    const a = await newMerchant();
    const response = await a.api("GET", `/api/orders/${b.orderId}`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe("NOT_FOUND");
  });

  it("a signed-out caller gets 401 from every non-public operation", async () => {
    const document = (await call("GET", "/api/openapi.json")).body as { paths: Record<string, Record<string, { "x-renkei-auth": string }>> };
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (op["x-renkei-auth"] !== "user") continue;
        const response = await call(method.toUpperCase(), path.replace(/\{\w+\}/g, "x1"), method === "get" ? undefined : {});
        expect(response.status, `${method} ${path}`).toBe(401);
      }
    }
  });
});
