/**
 * A 旺店通 link for a worker test: its own ERP tenant in the shared fake (credentials, shop,
 * warehouse = a store with a unique code), the fake's control API, and the ERP goods file.
 */
import { expect, inject } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { newMerchant } from "./helpers";
import { useNumberPrefix } from "./store-documents";

const fakes = inject("fakesUrl");
export const control = async (action: string, body: unknown = {}) => {
  const response = await fetch(`${fakes}/__control/wangdian/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return response.json() as Promise<any>;
};
/** Today in the test merchants' zone (Asia/Shanghai): ERP商品导入's dates are the merchant's days, not UTC's. */
export const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
let counter = 0;
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase();

/** A merchant, a store with a unique code (= its ERP warehouse), an ERP tenant for it, and a link. */
export async function linkedStore(options: { settings?: Record<string, unknown>; verify?: boolean } = {}) {
  const m = await newMerchant({ currency: "CNY", timeZone: "Asia/Shanghai" });
  const p = `T${unique()}`;
  useNumberPrefix(`${p}-01`);
  const store = await m.api("POST", "/api/locations", { code: p, name: `门店 ${p}`, kind: "store" });
  expect(store.status).toBe(201);
  const credentials = { sid: `${p}-sid`, appkey: `${p}-key`, appsecret: `${p}-secret` };
  await control("seed", {
    credentials: [credentials],
    warehouses: [{ warehouse_no: p, name: `门店 ${p}` }],
    shops: [{ shop_no: `${p}-SHOP`, warehouses: [p] }],
    logistics: [
      { logistics_no: `${p}-WDH`, logistics_name: "无单号", is_no_waybill: 1 },
      { logistics_no: `${p}-COD`, logistics_name: "货到付款", is_support_cod: 1 },
    ],
  });
  const created = await m.api("POST", "/api/connections", {
    kind: "wangdian",
    name: "旺店通",
    baseUrl: `${fakes}/wangdian/openapi2`,
    credentials,
    settings: { shopNo: `${p}-SHOP`, locationIds: [store.body.id], ...options.settings },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const connectionId = created.body.id as string;
  if (options.verify !== false) expect((await m.api("POST", `/api/connections/${connectionId}/verify`)).body.status).toBe("authorized");
  const connection = async () => (await loadConnection(m.ctx, connectionId))!;
  return { m, p, storeId: store.body.id as string, credentials, connectionId, connection };
}

/** The ERP's goods file must hold Renkei's SKUs (matched by 商家编码) before stock documents name them. */
export async function erpGoods(...codes: string[]) {
  await control("seed", { goods: codes.map((code) => ({ goods_no: `G-${code}`, goods_name: `货品 ${code}`, spec_list: [{ spec_no: code }] })) });
}

