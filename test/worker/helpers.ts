/**
 * Test factories: each test makes its own merchant and data through the real services and the
 * real HTTP API (no fixed seed IDs), and talks to the worker through `exports.default.fetch`.
 */
import { env, exports } from "cloudflare:workers";
import { serviceContext } from "../../worker/context";
import { createMerchant } from "../../worker/merchants/create";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export interface TestMerchant {
  merchantId: string;
  storeId: string;
  warehouseId: string;
  channelId: string;
  email: string;
  password: string;
  api: Api;
  ctx: ReturnType<typeof serviceContext>;
}

export async function newMerchant(options: { currency?: "JPY" | "CNY"; timeZone?: string; unitRounding?: "ceil" | "floor" | "round" } = {}) {
  const email = `owner-${unique()}@example.test`;
  const password = "correct horse battery";
  const created = await createMerchant(env, {
    name: `Shop ${unique()}`,
    currency: options.currency ?? "JPY",
    timeZone: options.timeZone ?? "Asia/Tokyo",
    unitRounding: options.unitRounding,
    owner: { email, password, name: "Owner" },
  });
  const api = await signIn(email, password);
  return {
    ...created,
    email,
    password,
    api,
    ctx: serviceContext(env, created.merchantId, { kind: "system", id: "test" }),
  } satisfies TestMerchant;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export type Api = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;

export async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
  const response = await exports.default.fetch(
    new Request(`http://renkei.test${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    }),
  );
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function signIn(email: string, password: string): Promise<Api> {
  const response = await call("POST", "/api/auth/sign-in", { email, password });
  if (response.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const csrf = response.body.csrfToken as string;
  return (method, path, body, headers = {}) => call(method, path, body, { cookie, "x-csrf-token": csrf, ...headers });
}

export const key = () => `k-${unique()}`;

/** A product with one SKU (optionally a unit product) and stock at a location. */
export async function newSku(
  m: TestMerchant,
  options: { price?: number; stock?: number; locationId?: string; unit?: { conversion: number; min: number; max: number }; taxClass?: "standard" | "reduced" } = {},
) {
  let unitId: string | undefined;
  if (options.unit) {
    const unit = await m.api("PUT", "/api/units", {
      code: `U-${unique()}`,
      managementUnit: "m",
      salesUnit: "cm",
      displayName: "長さ",
      conversion: options.unit.conversion,
    });
    unitId = unit.body.id;
  }
  const code = `P-${unique()}`;
  const product = await m.api("POST", "/api/products", {
    code,
    name: `商品 ${code}`,
    taxClass: options.taxClass ?? "standard",
    ...(unitId ? { unitId, unitMin: options.unit!.min, unitMax: options.unit!.max } : {}),
    skus: [{ code: `${code}-1`, price: options.price ?? 1000 }],
  });
  if (product.status !== 201) throw new Error(`product: ${JSON.stringify(product.body)}`);
  const skuId = product.body.skus[0].id as string;
  if (options.stock) {
    const adjusted = await m.api("POST", "/api/stock/adjustments", {
      idempotencyKey: key(),
      skuId,
      locationId: options.locationId ?? m.warehouseId,
      quantity: options.stock,
      reason: "receipt",
    });
    if (adjusted.status !== 200) throw new Error(`stock: ${JSON.stringify(adjusted.body)}`);
  }
  return { productId: product.body.id as string, skuId, code: `${code}-1` };
}

export async function level(m: TestMerchant, skuId: string, locationId = m.warehouseId) {
  return env.DB.prepare("SELECT on_hand, allocated, held, incoming FROM stock_levels WHERE sku_id = ?1 AND location_id = ?2")
    .bind(skuId, locationId)
    .first<{ on_hand: number; allocated: number; held: number; incoming: number }>();
}

export async function ledgerSum(skuId: string, locationId: string) {
  return env.DB.prepare(
    `SELECT COALESCE(SUM(CASE bucket WHEN 'on_hand' THEN quantity END), 0) AS on_hand,
            COALESCE(SUM(CASE bucket WHEN 'allocated' THEN quantity END), 0) AS allocated,
            COALESCE(SUM(CASE bucket WHEN 'held' THEN quantity END), 0) AS held,
            COALESCE(SUM(CASE bucket WHEN 'incoming' THEN quantity END), 0) AS incoming
     FROM stock_movements WHERE sku_id = ?1 AND location_id = ?2`,
  )
    .bind(skuId, locationId)
    .first<{ on_hand: number; allocated: number; held: number; incoming: number }>();
}

/** A product with one SKU, any fields of ProductInput (kind, packQuantity, backorder, unit…) on top. */
export async function newProduct(m: TestMerchant, fields: Record<string, unknown> = {}) {
  const code = (fields.code as string | undefined) ?? `P-${unique()}`;
  const product = await m.api("POST", "/api/products", { code, name: `商品 ${code}`, skus: [{ code: `${code}-1`, price: 1000 }], ...fields });
  if (product.status !== 201) throw new Error(`product: ${JSON.stringify(product.body)}`);
  return { productId: product.body.id as string, skuId: product.body.skus[0].id as string, code };
}
