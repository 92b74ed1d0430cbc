/**
 * The 旺店通 client against the fake ERP over real loopback HTTP (no mocks): the official signing
 * example, the demo scripts' requests replayed through the client, and the rules the client keeps
 * for its callers — chunking, 0-based paging over split windows, repeats answered "already
 * accepted", query → ack, and which failures are transient. Each test seeds its own codes.
 */
import { describe, expect, inject, it } from "vitest";
import calls from "../../fakes/wangdian/fixtures/calls.json";
import officialSeed from "../../fakes/wangdian/fixtures/official-sandbox.seed.json";
import signExample from "../../fakes/wangdian/fixtures/sign-official-example.json";
import { chunkTrades, WangdianClient, WangdianError } from "../../../worker/connectors/wangdian/client";
import { md5Hex } from "../../../worker/connectors/wangdian/md5";
import { packParams, signParams } from "../../../worker/connectors/wangdian/sign";
import { splitWindows } from "../../../worker/connectors/wangdian/time";
import { TransientError } from "../../../worker/sync/messages";
import type { WdtTrade } from "../../../shared/schemas/wangdian";

/** One entry of fixtures/calls.json: a request (or a repeat of an earlier one) and its answer. */
interface FixtureCall {
  name: string;
  endpoint: string;
  params?: Record<string, string>;
  repeatOf?: number;
  expect: Record<string, unknown>;
  expectKeys?: string[];
}

const fakes = inject("fakesUrl");
const control = async (action: string, body: unknown = {}) => {
  const response = await fetch(`${fakes}/__control/wangdian/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return response.json() as Promise<any>;
};

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A tenant of its own: credentials, a shop, a warehouse and two goods with unique codes. */
async function tenant() {
  const p = unique("t");
  const credentials = { sid: `${p}-sid`, appkey: `${p}-key`, appsecret: `${p}-secret` };
  const shop = `${p}-SHOP`;
  const warehouse = `${p}-WH`;
  const sku = (n: number) => `${p}-SKU-${n}`;
  await control("seed", {
    credentials: [credentials],
    warehouses: [{ warehouse_no: warehouse }],
    shops: [{ shop_no: shop, warehouses: [warehouse] }],
    goods: [{ goods_no: `${p}-G`, goods_name: "测试货品", spec_list: [{ spec_no: sku(1) }, { spec_no: sku(2) }] }],
    stock: [{ warehouse_no: warehouse, spec_no: sku(1), stock_num: 10 }],
  });
  const client = new WangdianClient({ baseUrl: `${fakes}/wangdian/openapi2`, ...credentials });
  return { p, credentials, shop, warehouse, sku, client };
}

const trade = (tid: string, spec: string, nick = `nick-${tid}`): WdtTrade => ({
  tid, trade_status: 30, delivery_term: 1, pay_status: 2, buyer_nick: nick, post_amount: 0, cod_amount: 0, ext_cod_fee: 0, other_amount: 0, paid: 10,
  order_list: [{ oid: `${tid}-1`, num: 1, price: 10, status: 30, refund_status: 0, goods_id: "G", spec_no: spec, goods_name: "测试货品", adjust_amount: 0, discount: 0, share_discount: 0 }],
});

describe("signing", () => {
  it("signs the official example to its published sign, in workerd", () => {
    expect(md5Hex("")).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(md5Hex("中文")).toBe("a7bac2239fcdcb3a067903d8077c4a07");
    expect(packParams(signExample.params)).toBe(signExample.packed);
    expect(signParams(signExample.params, signExample.appsecret)).toBe(signExample.sign);
  });

  it("counts characters of multi-byte values (iconv_strlen), and the fake accepts the signature", async () => {
    expect(packParams({ remark: "退货·残次" })).toBe("06-remark:0005-退货·残次");
    const { client, warehouse, sku } = await tenant();
    const outcome = await client.pushStockin({ outer_no: unique("R"), warehouse_no: warehouse, remark: "门店退货（残次）😀", goods_list: [{ spec_no: sku(1), stockin_num: 1 }] });
    expect(outcome.status).toBe("created");
  });

  it("reports wrong credentials as a permanent, credentials error with the ERP's message", async () => {
    const { credentials } = await tenant();
    const client = new WangdianClient({ baseUrl: `${fakes}/wangdian/openapi2`, ...credentials, appsecret: "wrong" });
    const error = await client.shops().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WangdianError);
    expect(error).toMatchObject({ code: 1010, isCredentials: true });
    const late = new WangdianClient({ baseUrl: `${fakes}/wangdian/openapi2`, ...credentials, now: () => Date.now() - 600_000 });
    expect(await late.shops().catch((e: unknown) => e)).toMatchObject({ code: 1011, isCredentials: true });
  });
});

describe("contract fixtures through the client", () => {
  it("replays the official demo requests with the documented answers", async () => {
    await control("seed", officialSeed);
    const client = new WangdianClient({ baseUrl: `${fakes}/wangdian/openapi2`, ...calls.credentials });
    const sent: Record<string, string>[] = [];
    for (const [i, c] of (calls.calls as FixtureCall[]).entries()) {
      const params = c.repeatOf !== undefined ? sent[c.repeatOf]! : c.params!;
      sent[i] = params;
      const body = await client.call(c.endpoint, params).catch((e: unknown) => (e instanceof WangdianError ? { code: e.code } : Promise.reject(e)));
      expect(body, c.name).toMatchObject(c.expect);
      for (const key of c.expectKeys ?? []) expect((body as Record<string, unknown>)[key], c.name).toBeTruthy();
    }
  });
});

describe("chunking", () => {
  it("pushes trades ≤ 50 a call and ≤ 30 per buyer_nick, and a replay is unchanged", async () => {
    const { client, shop, sku, p } = await tenant();
    const trades = Array.from({ length: 120 }, (_, i) => trade(`${p}-T${i}`, sku(1), i < 70 ? "门店散客" : undefined));
    const parts = chunkTrades(trades);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(50);
      expect(part.filter((t) => t.buyer_nick === "门店散客").length).toBeLessThanOrEqual(30);
    }
    expect(await client.pushTrades(shop, trades)).toEqual({ newCount: 120, chgCount: 0, unchanged: 0, calls: parts.length });
    expect(await client.pushTrades(shop, trades)).toMatchObject({ newCount: 0, chgCount: 0, unchanged: 120 });
  });

  it("sends a 1,200-line stocktake as three calls of ≤ 500, each once", async () => {
    const { client, warehouse, sku, p } = await tenant();
    const lines = Array.from({ length: 1200 }, (_, i) => ({ spec_no: i === 0 ? sku(1) : sku(2), stock_num: i === 0 ? 7 : 3 }));
    const first = await client.stocktake({ warehouseNo: warehouse, apiOuterNo: `${p}-PD`, lines });
    expect(first.map((r) => [r.apiOuterNo, r.status, r.lines])).toEqual([
      [`${p}-PD-1`, "created", 500],
      [`${p}-PD-2`, "created", 500],
      [`${p}-PD-3`, "created", 200],
    ]);
    const again = await client.stocktake({ warehouseNo: warehouse, apiOuterNo: `${p}-PD`, lines });
    expect(again.map((r) => r.status)).toEqual(["already_accepted", "already_accepted", "already_accepted"]);
    const [row] = await client.stockOf(sku(1), warehouse);
    expect(row).toMatchObject({ stock_num: 7 });
    const writes = await control("writes", { kind: "stocktake" });
    expect(writes.filter((w: any) => w.key.startsWith(`${p}-PD`))).toHaveLength(3);
  });

  it("acks in calls of ≤ 50", async () => {
    const { client, shop, sku, p } = await tenant();
    await client.pushTrades(shop, [trade(`${p}-A`, sku(1))]);
    for (let i = 0; i < 60; i++) await control("ship", { tid: `${p}-A`, logistics_no: `SF${i}` });
    const rows = await client.logisticsSyncQuery(shop);
    expect(rows).toHaveLength(60);
    const result = await client.logisticsSyncAck(rows.map((r) => ({ rec_id: r.rec_id, status: 0 as const, message: "" })));
    expect(result).toEqual({ errors: [], calls: 2 });
  });
});

describe("paging and windows", () => {
  it("reads every row once across split windows and 0-based pages", async () => {
    const { client, warehouse, p } = await tenant();
    await control("seed", { stock: Array.from({ length: 250 }, (_, i) => ({ warehouse_no: warehouse, spec_no: `${p}-P${i}`, stock_num: i })) });
    const range = { from: Date.now() - 45 * 86_400_000, to: Date.now() + 60_000 };
    expect(splitWindows(range.from, range.to, 30 * 86_400_000)).toHaveLength(2);
    const seen: string[] = [];
    let pages = 0;
    for await (const rows of client.stock(warehouse, range, 100)) {
      pages++;
      seen.push(...rows.map((r) => r.spec_no));
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(251);
    expect(seen).toHaveLength(251);
  });

  it("lists the store's ERP documents by warehouse and window", async () => {
    const { client, warehouse, sku } = await tenant();
    await control("seed", { documents: [{ direction: "in", order_type: "purchase", warehouse_no: warehouse, lines: [{ spec_no: sku(1), num: 4 }] }, { direction: "out", order_type: "pdDeficit", warehouse_no: warehouse, lines: [{ spec_no: sku(1), num: 1 }] }] });
    const range = { from: Date.now() - 3600_000, to: Date.now() + 60_000 };
    const ins = [];
    for await (const rows of client.stockinOrders(warehouse, range)) ins.push(...rows);
    const outs = [];
    for await (const rows of client.stockoutOrders(warehouse, range)) outs.push(...rows);
    expect(ins).toMatchObject([{ order_type_name: "采购入库", details_list: [{ spec_no: sku(1), num: 4 }] }]);
    expect(outs).toMatchObject([{ order_type_name: "盘亏出库" }]);
  });
});

describe("repeats and failures", () => {
  it("answers a repeated outer_no as already accepted, stock moved once", async () => {
    const { client, warehouse, sku } = await tenant();
    const info = { outer_no: unique("EX"), warehouse_no: warehouse, goods_list: [{ spec_no: sku(1), num: 2 }] };
    expect(await client.pushStockout(info)).toMatchObject({ status: "created", stockoutNo: expect.any(String) });
    expect(await client.pushStockout(info)).toEqual({ status: "already_accepted" });
    expect((await client.stockOf(sku(1), warehouse))[0]).toMatchObject({ stock_num: 8 });
  });

  it("a lost answer is transient, and the retry is already accepted", async () => {
    const { client, warehouse, sku } = await tenant();
    const info = { outer_no: unique("IN"), warehouse_no: warehouse, goods_list: [{ spec_no: sku(1), stockin_num: 5 }] };
    await control("fail", [{ endpoint: "stockin_order_push.php", status: 502, afterApply: true }]);
    await expect(client.pushStockin(info)).rejects.toBeInstanceOf(TransientError);
    expect(await client.pushStockin(info)).toEqual({ status: "already_accepted" });
    expect((await client.stockOf(sku(1), warehouse))[0]).toMatchObject({ stock_num: 15 });
  });

  it("treats 429, 5xx, rate-limit codes, the daily budget and timeouts as transient", async () => {
    const { client, warehouse, credentials } = await tenant();
    await control("fail", [
      { endpoint: "warehouse_query.php", status: 429 },
      { endpoint: "warehouse_query.php", status: 503 },
      { endpoint: "warehouse_query.php", code: 1050, message: "超过每分钟最大调用频率限制，请稍后重试" },
      { endpoint: "warehouse_query.php", code: 1051, message: "超过每日最大调用次数" },
    ]);
    for (let i = 0; i < 4; i++) await expect(client.warehouses(warehouse)).rejects.toBeInstanceOf(TransientError);
    const slow = new WangdianClient({ baseUrl: `${fakes}/wangdian/openapi2`, ...credentials, timeoutMs: 200 });
    await control("fail", [{ endpoint: "warehouse_query.php", delayMs: 1000 }]);
    await expect(slow.warehouses(warehouse)).rejects.toBeInstanceOf(TransientError);
    expect(await client.warehouses(warehouse)).toMatchObject([{ warehouse_no: warehouse }]);
  });

  it("serves a shipment again until it is acked", async () => {
    const { client, shop, sku, p } = await tenant();
    await client.pushTrades(shop, [trade(`${p}-S`, sku(1))]);
    await control("ship", { tid: `${p}-S`, logistics_no: "SF-1" });
    const [first] = await client.logisticsSyncQuery(shop);
    expect(first).toMatchObject({ tid: `${p}-S`, oids: `${p}-S-1`, logistics_no: "SF-1" });
    expect(await client.logisticsSyncQuery(shop)).toHaveLength(1);
    await client.logisticsSyncAck([{ rec_id: first!.rec_id, status: 0, message: "" }]);
    expect(await client.logisticsSyncQuery(shop)).toEqual([]);
  });
});
