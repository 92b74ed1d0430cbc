/**
 * The fake's contract, checked in Node without a server: the official signing example, the demo
 * scripts' requests (fixtures/), and the documented rules — windows, 0-based paging, dedupe keys,
 * call limits, query → ack re-serving — plus the failure injection tests rely on.
 */
import { beforeEach, describe, expect, it } from "vitest";
import calls from "./fixtures/calls.json";
import officialSeed from "./fixtures/official-sandbox.seed.json";
import signExample from "./fixtures/sign-official-example.json";
import { createWangdianFake, SANDBOX_CREDENTIALS } from "./index";
import { formatBeijing } from "./params";
import type { Seed } from "./seed";
import { packParams, signParams } from "./sign";
import type { Credentials } from "./state";

/** One entry of fixtures/calls.json: a request (or a repeat of an earlier one) and its answer. */
interface FixtureCall {
  name: string;
  endpoint: string;
  params?: Record<string, string>;
  repeatOf?: number;
  expect: Record<string, unknown>;
  expectKeys?: string[];
}

type Fake = ReturnType<typeof createWangdianFake>;
let fake: Fake;

async function post(endpoint: string, params: Record<string, string>) {
  const response = await fake.fetch(new Request(`http://fake/wangdian/openapi2/${endpoint}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params) }));
  return { status: response.status, body: response.status === 200 ? ((await response.json()) as Record<string, any>) : null };
}

/** Signed as a client would; the timestamp follows the fake's clock unless given. */
function signed(params: Record<string, string>, credentials: Credentials = SANDBOX_CREDENTIALS, timestamp = ((fake.state.fixedNow ?? Date.now()) + fake.state.offsetMs) / 1000) {
  const all = { ...params, sid: credentials.sid, appkey: credentials.appkey, timestamp: String(Math.floor(timestamp)) };
  return { ...all, sign: signParams(all, credentials.appsecret) };
}

const call = async (endpoint: string, params: Record<string, string> = {}, credentials?: Credentials) => (await post(endpoint, signed(params, credentials))).body!;
const control = async (action: string, body: unknown) => (await fake.control(action, new Request("http://fake/", { method: "POST", body: JSON.stringify(body) })))!.json() as Promise<any>;
const seed = (s: Seed) => control("seed", s);

const window = (days: number) => ({ start_time: formatBeijing(Date.now() - days * 86_400_000), end_time: formatBeijing(Date.now() + 60_000) });
const trade = (tid: string, oid = `${tid}-1`, extra: Record<string, unknown> = {}) => ({
  tid, trade_status: 30, delivery_term: 1, pay_status: 2, buyer_nick: `nick-${tid}`, post_amount: 0, cod_amount: 0, ext_cod_fee: 0, other_amount: 0, paid: 10,
  order_list: [{ oid, num: 1, price: 10, status: 30, refund_status: 0, goods_id: "G1", spec_no: "SKU-1", goods_name: "Goods", adjust_amount: 0, discount: 0, share_discount: 0 }],
  ...extra,
});

beforeEach(async () => {
  fake = createWangdianFake({ demo: false });
  await seed({
    shops: [{ shop_no: "SHOP", warehouses: ["WH"] }],
    warehouses: [{ warehouse_no: "WH" }],
    goods: [{ goods_no: "G1", goods_name: "Goods", spec_list: [{ spec_no: "SKU-1" }, { spec_no: "SKU-2" }] }],
    stock: [{ warehouse_no: "WH", spec_no: "SKU-1", stock_num: 10 }],
  });
});

describe("signature", () => {
  it("packs and signs the official example to its published sign", () => {
    expect(packParams(signExample.params)).toBe(signExample.packed);
    expect(signParams(signExample.params, signExample.appsecret)).toBe(signExample.sign);
  });

  it("accepts the official signed request verbatim at its own timestamp", async () => {
    await seed(officialSeed as Seed);
    await control("clock", { now: Number(signExample.params.timestamp) });
    const { body } = await post(signExample.replay.endpoint, { ...signExample.params, sign: signExample.sign });
    expect(body).toMatchObject({ code: 0, total_count: 0 });
  });

  it("counts characters, not bytes, as iconv_strlen does", () => {
    expect(packParams({ name: "中文" })).toBe("04-name:0002-中文");
  });

  it("refuses a changed parameter, a wrong secret, an unknown appkey and a missing sign", async () => {
    const good = signed({ shop_no: "SHOP" });
    expect((await post("shop.php", { ...good, shop_no: "OTHER" })).body).toMatchObject({ code: 1010, message: "签名错误" });
    expect((await post("shop.php", signed({}, { ...SANDBOX_CREDENTIALS, appsecret: "wrong" }))).body).toMatchObject({ code: 1010 });
    expect((await post("shop.php", signed({}, { ...SANDBOX_CREDENTIALS, appkey: "nobody" }))).body).toMatchObject({ code: 1007 });
    const { sign: _, ...unsigned } = good;
    expect((await post("shop.php", unsigned)).body).toMatchObject({ code: 21000003 });
  });

  it("accepts a timestamp within 5 minutes of its clock and refuses one beyond", async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect((await post("shop.php", signed({}, SANDBOX_CREDENTIALS, nowSeconds - 290))).body).toMatchObject({ code: 0 });
    expect((await post("shop.php", signed({}, SANDBOX_CREDENTIALS, nowSeconds - 320))).body).toMatchObject({ code: 1011 });
    await control("clock", { advanceSeconds: 3600 });
    expect((await post("shop.php", signed({}, SANDBOX_CREDENTIALS, nowSeconds))).body).toMatchObject({ code: 1011 });
  });
});

describe("contract fixtures (official demo requests)", () => {
  it("replays every call with the documented answer", async () => {
    await seed(officialSeed as Seed);
    const sent: Record<string, string>[] = [];
    for (const [i, c] of (calls.calls as FixtureCall[]).entries()) {
      const params = c.repeatOf !== undefined ? sent[c.repeatOf]! : c.params!;
      sent[i] = params;
      const body = await call(c.endpoint, params, calls.credentials);
      expect(body, c.name).toMatchObject(c.expect);
      for (const key of c.expectKeys ?? []) expect(body[key], c.name).toBeTruthy();
    }
    expect(fake.state.stock.get("001\u000099075")!.stock_num).toBe(1);
  });
});

describe("paging and windows", () => {
  beforeEach(async () => {
    await seed({ stock: Array.from({ length: 25 }, (_, i) => ({ warehouse_no: "WH", spec_no: `P-${String(i).padStart(2, "0")}`, stock_num: i })) });
  });

  it("pages stock_query from page_no 0, total_count on the first page only", async () => {
    const first = await call("stock_query.php", { warehouse_no: "WH", ...window(1), page_no: "0", page_size: "10" });
    const third = await call("stock_query.php", { warehouse_no: "WH", ...window(1), page_no: "2", page_size: "10" });
    expect(first).toMatchObject({ code: 0, total_count: 26 });
    expect(first.stocks).toHaveLength(10);
    expect(third.total_count).toBeUndefined();
    expect(third.stocks).toHaveLength(6);
    expect(first.stocks[0].stock_num).toMatch(/^\d+\.0000$/);
  });

  it("refuses a page_size beyond the endpoint's range", async () => {
    expect(await call("stock_query.php", { ...window(1), page_size: "1001" })).toMatchObject({ code: 2830 });
    expect(await call("stockin_order_query.php", { ...window(1), page_size: "101" })).toMatchObject({ code: 2830 });
  });

  it("requires a window of at most 30 days, end after start", async () => {
    expect(await call("stock_query.php", { warehouse_no: "WH" })).toMatchObject({ code: 21000003 });
    expect(await call("stock_query.php", window(30.5))).toMatchObject({ code: 2830 });
    expect(await call("stockout_order_query.php", window(29))).toMatchObject({ code: 0 });
    expect(await call("stockin_order_query.php", { start_time: "2024-01-02 00:00:00", end_time: "2024-01-01 00:00:00" })).toMatchObject({ code: 2830 });
    expect(await call("stock_query.php", { spec_no: "P-01" })).toMatchObject({ code: 0, total_count: 1 });
  });
});

describe("trade_push", () => {
  const push = (trades: unknown[], extra: Record<string, string> = {}) => call("trade_push.php", { shop_no: "SHOP", trade_list: JSON.stringify(trades), ...extra });

  it("takes at most 50 trades a call", async () => {
    expect(await push(Array.from({ length: 51 }, (_, i) => trade(`T${i}`)))).toMatchObject({ code: 2830 });
    expect(fake.state.trades.size).toBe(0);
    expect(await push(Array.from({ length: 50 }, (_, i) => trade(`T${i}`)))).toMatchObject({ code: 0, new_count: 50 });
  });

  it("takes at most 30 trades of one buyer_nick a call", async () => {
    expect(await push(Array.from({ length: 31 }, (_, i) => trade(`N${i}`, undefined, { buyer_nick: "散客" })))).toMatchObject({ code: 99 });
  });

  it("is an upsert on tid: a repeat changes nothing, a change counts as chg", async () => {
    expect(await push([trade("A")])).toMatchObject({ new_count: 1, chg_count: 0 });
    expect(await push([trade("A")])).toMatchObject({ code: 0, new_count: 0, chg_count: 0 });
    expect(await push([trade("A", undefined, { trade_status: 70 })])).toMatchObject({ new_count: 0, chg_count: 1 });
    expect((await control("writes", { kind: "trade" })).map((w: any) => w.detail.action)).toEqual(["new", "chg"]);
  });

  it("keeps oid unique and num / price fixed once pushed", async () => {
    await push([trade("A", "OID-1")]);
    expect(await push([trade("B", "OID-1")])).toMatchObject({ code: 99 });
    const changed = trade("A", "OID-1");
    changed.order_list[0]!.num = 2;
    expect(await push([changed])).toMatchObject({ code: 99 });
  });

  it("refuses an unknown shop, and an unknown spec_no only in strict mode", async () => {
    expect(await call("trade_push.php", { shop_no: "NOPE", trade_list: JSON.stringify([trade("A")]) })).toMatchObject({ code: 2310 });
    const unknown = trade("U");
    unknown.order_list[0]!.spec_no = "NOT-IN-ERP";
    expect(await push([unknown], { switch: "1" })).toMatchObject({ code: 21000024 });
    expect(await push([unknown], { switch: "0" })).toMatchObject({ code: 0, new_count: 1 });
  });
});

describe("stock-in / stock-out pushes", () => {
  const stockin = (outer: string, num = 3) => call("stockin_order_push.php", { stockin_info: JSON.stringify({ outer_no: outer, warehouse_no: "WH", goods_list: [{ spec_no: "SKU-1", stockin_num: num }] }) });

  it("applies an outer_no once and answers 21000006 to a repeat", async () => {
    expect(await stockin("RET-1")).toMatchObject({ code: 0, stockin_no: expect.any(String) });
    expect(await stockin("RET-1")).toMatchObject({ code: 21000006 });
    expect(fake.state.stock.get("WH\u0000SKU-1")!.stock_num).toBe(13);
    expect(await control("writes", { kind: "stockin" })).toHaveLength(1);
  });

  it("leaves stock alone while the ERP does not auto-approve 其他入库", async () => {
    await control("settings", { autoApproveOtherIn: false });
    expect(await stockin("RET-2")).toMatchObject({ code: 0 });
    expect(fake.state.stock.get("WH\u0000SKU-1")!.stock_num).toBe(10);
    expect(fake.state.documents.at(-1)).toMatchObject({ status: 20, order_type_name: "其他入库" });
  });

  it("refuses a stock-out beyond stock, and deducts one within it", async () => {
    const out = (outer: string, num: number) => call("stockout_order_push.php", { stockout_info: JSON.stringify({ outer_no: outer, warehouse_no: "WH", goods_list: [{ spec_no: "SKU-1", num }] }) });
    expect(await out("EX-1", 11)).toMatchObject({ code: 99 });
    expect(await out("EX-2", 4)).toMatchObject({ code: 0, stockout_no: expect.any(String) });
    expect(await out("EX-2", 4)).toMatchObject({ code: 21000006 });
    expect(fake.state.stock.get("WH\u0000SKU-1")!.stock_num).toBe(6);
  });
});

describe("stock_sync_by_pd", () => {
  const pd = (outer: string, lines: unknown[]) => call("stock_sync_by_pd.php", { warehouse_no: "WH", api_outer_no: outer, is_create_stock: "1", goods_list: JSON.stringify(lines) });

  it("overwrites with absolute counts, once per api_outer_no, and files 盘盈 / 盘亏 documents", async () => {
    expect(await pd("PD-1", [{ spec_no: "SKU-1", stock_num: 4 }, { spec_no: "SKU-2", stock_num: 2 }])).toMatchObject({ code: 0, warning: [] });
    expect(await pd("PD-1", [{ spec_no: "SKU-1", stock_num: 4 }])).toMatchObject({ code: 21000006 });
    expect(fake.state.stock.get("WH\u0000SKU-1")!.stock_num).toBe(4);
    const ins = await call("stockin_order_query.php", { warehouse_no: "WH", ...window(1) });
    const outs = await call("stockout_order_query.php", { warehouse_no: "WH", ...window(1) });
    expect(ins.stockin_list.map((d: any) => d.order_type_name)).toEqual(["盘盈入库"]);
    expect(outs.stockout_list.map((d: any) => d.order_type_name)).toEqual(["盘亏出库"]);
  });

  it("takes at most 500 lines a call and warns about unknown goods", async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ spec_no: i === 0 ? "NOT-IN-ERP" : "SKU-1", stock_num: 1 }));
    expect(await pd("PD-501", lines(501))).toMatchObject({ code: 2830 });
    const answer = await pd("PD-500", lines(500));
    expect(answer).toMatchObject({ code: 0, warning: [{ spec_no: "NOT-IN-ERP" }] });
  });

  it("takes at most 2,000 calls a Beijing day", async () => {
    await control("clock", { now: "2025-03-01 23:59:00" });
    await control("limits", { pdCallsPerDay: 3 });
    for (let i = 0; i < 3; i++) expect(await pd(`D${i}`, [{ spec_no: "SKU-1", stock_num: i }])).toMatchObject({ code: 0 });
    expect(await pd("D3", [{ spec_no: "SKU-1", stock_num: 3 }])).toMatchObject({ code: 1051 });
    await control("clock", { advanceSeconds: 120 });
    expect(await pd("D4", [{ spec_no: "SKU-1", stock_num: 4 }])).toMatchObject({ code: 0 });
  });
});

describe("query → ack queues", () => {
  it("serves a shipment again until it is acked, ≤ 50 acks a call", async () => {
    await call("trade_push.php", { shop_no: "SHOP", trade_list: JSON.stringify([trade("S1")]) });
    const row = await control("ship", { tid: "S1", logistics_no: "SF123" });
    const first = await call("logistics_sync_query.php", { shop_no: "SHOP" });
    const again = await call("logistics_sync_query.php", { shop_no: "SHOP" });
    expect(first.trades).toMatchObject([{ rec_id: row.rec_id, tid: "S1", oids: "S1-1", logistics_no: "SF123" }]);
    expect(again.trades).toHaveLength(1);
    const tooMany = Array.from({ length: 51 }, () => ({ rec_id: row.rec_id, status: 0, message: "" }));
    expect(await call("logistics_sync_ack.php", { logistics_list: JSON.stringify(tooMany) })).toMatchObject({ code: 2830 });
    expect(await call("logistics_sync_ack.php", { logistics_list: JSON.stringify([{ rec_id: row.rec_id, status: 0, message: "" }]) })).toMatchObject({ code: 0, errors: [] });
    expect((await call("logistics_sync_query.php", { shop_no: "SHOP" })).trades).toEqual([]);
  });

  it("keeps a sellable-stock row queued when its ack is stale", async () => {
    const [row] = (await call("api_goods_stock_change_query.php", { shop_no: "SHOP" })).stock_change_list;
    expect(row).toMatchObject({ spec_no: "SKU-1", sync_stock: "10.0000" });
    await seed({ stock: [{ warehouse_no: "WH", spec_no: "SKU-1", stock_num: 9 }] });
    const stale = await call("api_goods_stock_change_ack.php", { stock_sync_list: JSON.stringify([{ rec_id: row.rec_id, sync_stock: 10, stock_change_count: row.stock_change_count }]) });
    expect(stale.errors).toHaveLength(1);
    const [fresh] = (await call("api_goods_stock_change_query.php", { shop_no: "SHOP" })).stock_change_list;
    expect(fresh).toMatchObject({ rec_id: row.rec_id, sync_stock: "9.0000" });
    await call("api_goods_stock_change_ack.php", { stock_sync_list: JSON.stringify([{ rec_id: fresh.rec_id, sync_stock: 9, stock_change_count: fresh.stock_change_count }]) });
    expect((await call("api_goods_stock_change_query.php", { shop_no: "SHOP" })).stock_change_list).toEqual([]);
  });
});

describe("controls", () => {
  it("injects HTTP failures, and a lost answer after the write", async () => {
    await control("fail", [{ status: 503 }, { endpoint: "stockin_order_push.php", code: 0, afterApply: true, status: 502 }]);
    expect((await post("shop.php", signed({}))).status).toBe(503);
    const info = JSON.stringify({ outer_no: "LOST-1", warehouse_no: "WH", goods_list: [{ spec_no: "SKU-1", stockin_num: 1 }] });
    expect((await post("stockin_order_push.php", signed({ stockin_info: info }))).status).toBe(502);
    expect(await call("stockin_order_push.php", { stockin_info: info })).toMatchObject({ code: 21000006 });
  });

  it("loads the demo: S001 shop, 总仓 and S001 warehouses, Renkei's SKUs and ERP-only goods", async () => {
    const demo = await control("demo", {});
    expect(demo).toMatchObject({ shopNo: "S001", warehouses: ["W001", "S001"] });
    const goods = await call("goods_query.php", window(29.9));
    const specs = goods.goods_list.flatMap((g: any) => g.spec_list.map((s: any) => s.spec_no));
    expect(specs).toEqual(expect.arrayContaining(["00123", "0456-01", "HT-300-F"]));
    expect(specs).not.toContain("TS-100-M"); // made 60 days ago: outside a 30-day window
    const ins = await call("stockin_order_query.php", { warehouse_no: "S001", ...window(1) });
    expect(ins.stockin_list.map((d: any) => d.order_type_name)).toEqual(["采购入库", "调拨入库", "初始化入库", "盘盈入库", "预入库"]);
    const state = await control("state", {});
    expect(state.settings).toMatchObject({ forbidFetchTrades: false, matchBySpecNo: true });
  });
});

describe("pushed trades hold stock until the ERP ships them", () => {
  it("a pushed line is 待发货 (sending_num) in the trade's warehouse; `deliver` takes it out of stock_num, once", async () => {
    await seed({ stock: [{ warehouse_no: "WH", spec_no: "SKU-1", stock_num: 10 }] });
    const pushed = await call("trade_push.php", { shop_no: "SHOP", trade_list: JSON.stringify([trade("T-HOLD", "T-HOLD-1", { warehouse_no: "WH" })]) });
    expect(pushed).toMatchObject({ code: 0, new_count: 1 });
    // the same trade again holds nothing more
    await call("trade_push.php", { shop_no: "SHOP", trade_list: JSON.stringify([trade("T-HOLD", "T-HOLD-1", { warehouse_no: "WH" })]) });
    const row = () => fake.state.stock.get("WH\u0000SKU-1")!;
    expect([row().stock_num, row().sending_num]).toEqual([10, 1]);
    const listed = await call("stock_query.php", { warehouse_no: "WH", spec_no: "SKU-1" });
    expect(listed.stocks[0]).toMatchObject({ stock_num: "10.0000", sending_num: "1.0000" });
    expect(await control("deliver", { tid: "T-HOLD" })).toEqual({ delivered: ["T-HOLD"] });
    expect(await control("deliver", { tid: "T-HOLD" })).toEqual({ delivered: [] });
    expect([row().stock_num, row().sending_num]).toEqual([9, 0]);
  });
});
