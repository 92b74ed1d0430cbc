// Seeds the demo merchant for `npm start` on first run: the merchant and its owner straight into
// local D1 (there is no public sign-up), then everything else through the real API, so the demo
// data is exactly what the product itself writes.
import { spawnSync } from "node:child_process";
import { pbkdf2Sync, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DEMO = { email: "demo@renkei.test", password: "renkei-demo-2026" };

function passwordHash(password) {
  // Same format as worker/auth/passwords.ts: PBKDF2-SHA256, 100,000 iterations.
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, "sha256");
  return `pbkdf2-sha256$100000$${salt.toString("base64")}$${hash.toString("base64")}`;
}

function sql(text, { root, env, persist }) {
  const dir = mkdtempSync(join(tmpdir(), "renkei-seed-"));
  const file = join(dir, "seed.sql");
  writeFileSync(file, text);
  const result = spawnSync(join(root, "node_modules", ".bin", "wrangler"), ["d1", "execute", "renkei", "--local", ...persist, "--file", file, "--json"], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`seed SQL failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

async function signIn(hub) {
  const response = await fetch(`${hub}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(DEMO),
  });
  if (!response.ok) return null;
  const cookie = response.headers.get("set-cookie").split(";")[0];
  const { csrfToken, merchant } = await response.json();
  const api = async (method, path, body) => {
    const r = await fetch(`${hub}${path}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { api, merchant };
}

export async function seedDemo({ hub, fakes, root, env, persist = [] }) {
  if (await signIn(hub)) {
    console.log("▸ demo merchant already seeded");
    return;
  }
  console.log("▸ seeding the demo merchant");
  const now = new Date().toISOString();
  const id = (p) => `${p}_demo${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const m = id("mer");
  const [store, warehouse, channel, web] = [id("loc"), id("loc"), id("chn"), id("chn")];
  sql(
    `INSERT INTO merchants (id, name, currency, time_zone, unit_rounding, created_at) VALUES ('${m}', 'デモ商店 (Renkei demo)', 'JPY', 'Asia/Tokyo', 'ceil', '${now}');
     INSERT INTO users (id, merchant_id, email, name, role, password_hash, created_at) VALUES ('${id("usr")}', '${m}', '${DEMO.email}', 'デモ オーナー', 'owner', '${passwordHash(DEMO.password)}', '${now}');
     INSERT INTO locations (id, merchant_id, code, name, kind, created_at) VALUES ('${store}', '${m}', 'S001', '渋谷店', 'store', '${now}');
     INSERT INTO locations (id, merchant_id, code, name, kind, created_at) VALUES ('${warehouse}', '${m}', 'W001', '本倉庫', 'warehouse', '${now}');
     INSERT INTO channels (id, merchant_id, code, name, kind, default_location_id, created_at) VALUES ('${channel}', '${m}', 'manual', '手入力受注', 'manual', '${warehouse}', '${now}');
     INSERT INTO channels (id, merchant_id, code, name, kind, default_location_id, stock_source, created_at) VALUES ('${web}', '${m}', 'web', '自社EC', 'web', '${warehouse}', 'all', '${now}');
     INSERT INTO payment_methods (id, merchant_id, code, name, kind) VALUES ('${id("pay")}', '${m}', 'cash', '現金', 'cash'), ('${id("pay")}', '${m}', 'card', 'クレジットカード', 'card'), ('${id("pay")}', '${m}', 'qr', 'QR決済', 'qr');`,
    { root, env, persist },
  );
  const { api } = await signIn(hub);
  await api("POST", "/api/sync/schedules", { job: "maintenance.retention", kind: "daily", timeOfDay: "03:30" });
  const ribbonUnit = await api("PUT", "/api/units", { code: "LEN-CM", managementUnit: "m", salesUnit: "cm", displayName: "長さ", conversion: 100 });
  const products = [
    { code: "RB-001", name: "サテンリボン 25mm", unitId: ribbonUnit.id, unitMin: 10, unitMax: 1000, skus: [{ code: "RB-001-RED", specName: "赤", price: 999 }, { code: "RB-001-BLU", specName: "青", price: 999 }] },
    { code: "TS-100", name: "オーガニックコットン Tシャツ", skus: ["S", "M", "L"].map((size) => ({ code: `TS-100-${size}`, specName: size, price: 3300, barcode: `49012345678${{ S: "11", M: "28", L: "35" }[size]}`.slice(0, 13) })) },
    { code: "CF-200", name: "ドリップコーヒー 10袋", taxClass: "reduced", skus: [{ code: "CF-200", price: 1080 }] },
  ];
  const skus = {};
  for (const product of products) {
    const created = await api("POST", "/api/products", product);
    for (const sku of created.skus) skus[sku.code] = sku.id;
  }
  const stock = { "RB-001-RED": 1000, "RB-001-BLU": 500, "TS-100-S": 12, "TS-100-M": 20, "TS-100-L": 8, "CF-200": 40 };
  for (const [code, quantity] of Object.entries(stock)) {
    await api("POST", "/api/stock/adjustments", { idempotencyKey: `seed-${code}`, skuId: skus[code], locationId: warehouse, quantity, reason: "receipt" });
  }
  await api("POST", "/api/stock/adjustments", { idempotencyKey: "seed-store-TS-M", skuId: skus["TS-100-M"], locationId: store, quantity: 5, reason: "receipt" });
  // A sandbox WMS on the fakes server, started: stock changes reach it within a second.
  const wms = await api("POST", "/api/connections", {
    kind: "http-json",
    name: "サンドボックス倉庫 (sandbox WMS)",
    baseUrl: `${fakes}/http-json`,
    settings: { pushStock: true, stockFigure: "available" },
    credentials: { token: "sandbox-token" },
  });
  await api("PUT", `/api/connections/${wms.id}/links`, { entity: "location", renkeiId: warehouse, externalId: "WH-TOKYO" });
  await api("POST", `/api/connections/${wms.id}/start`);
  await api("POST", "/api/sync/schedules", { job: "http-json.reconcile", connectionId: wms.id, kind: "daily", timeOfDay: "02:10" });
  await api("POST", "/api/sync/schedules", { job: "stock.push", connectionId: wms.id, kind: "interval", intervalMinutes: 10 });
  await api("POST", "/api/orders", { idempotencyKey: "seed-order-1", channelId: channel, customerName: "山田 花子", lines: [{ skuId: skus["RB-001-RED"], quantity: 3, unitValue: 85 }, { skuId: skus["CF-200"], quantity: 2 }] });
  await api("POST", "/api/orders/import", {
    idempotencyKey: "seed-import-1",
    orders: [
      { channelId: web, externalId: "EC-10001", orderedAt: now, currency: "JPY", customerName: "佐藤 太郎", lines: [{ externalCode: "TS-100-M", name: "Tシャツ M", quantity: 2, unitPrice: 3300, taxRate: 10 }] },
      { channelId: web, externalId: "EC-10002", orderedAt: now, currency: "JPY", customerName: "鈴木 一郎", lines: [{ externalCode: "TS-100-L", name: "Tシャツ L", quantity: 1, unitPrice: 3300, taxRate: 10 }, { externalCode: "GIFT-BOX", name: "ギフトボックス", quantity: 1, unitPrice: 300, taxRate: 10 }] },
      { channelId: web, externalId: "EC-10003", orderedAt: now, currency: "JPY", customerName: "高橋 次郎", lines: [{ externalCode: "TS-100-S", name: "Tシャツ S", quantity: 20, unitPrice: 3300, taxRate: 10 }] },
    ],
  });
}
