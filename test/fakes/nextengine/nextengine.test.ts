import { describe, expect, it } from "vitest";
import { FIXTURES, contractProblems, fill } from "./fixtures/contract";
import { createNextEngineFake } from "./index";

// One fake for the file; every test makes its own company, as the shared server's users do.
const fake = createNextEngineFake();
type Json = Record<string, any>;

async function ctl(action: string, body: Json = {}): Promise<Json> {
  const response = await fake.control(action, new Request(`http://fakes/__control/nextengine/${action}`, { method: "POST", body: JSON.stringify(body) }));
  if (!response) throw new Error(`no control ${action}`);
  return (await response.json()) as Json;
}

async function post(path: string, params: Record<string, string>): Promise<{ status: number; body: Json }> {
  const response = await fake.fetch(
    new Request(`http://fakes/nextengine/api${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params).toString() }),
  );
  const text = await response.text();
  return { status: response.status, body: text.startsWith("{") ? (JSON.parse(text) as Json) : { raw: text } };
}

/** A fresh company (seeded or demo), logged in through launch → /api_neauth. */
async function login(seed: Json = {}, action: "seed" | "demo" = "seed") {
  const company = await ctl(action, seed);
  const auth = await post("/api_neauth", { uid: company.uid, state: company.state, client_id: company.clientId, client_secret: company.clientSecret });
  expect(auth.body.result).toBe("success");
  const tokens = { access_token: auth.body.access_token as string, refresh_token: auth.body.refresh_token as string };
  return {
    companyId: company.companyId as string,
    orderIds: company.orderIds as string[],
    tokens,
    call: (path: string, params: Record<string, string> = {}) => post(path, { ...tokens, ...params }),
  };
}

describe("contract fixtures replayed against the fake", () => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))("%s", async (_, fixture) => {
    const company = await ctl("seed", fixture.seed ?? {});
    const values: Record<string, string> = { uid: company.uid, state: company.state, clientId: company.clientId, clientSecret: company.clientSecret };
    let tokens: Record<string, string> = {};
    if (fixture.request.path !== "/api_neauth") {
      const auth = await post("/api_neauth", fill({ uid: "$uid", state: "$state", client_id: "$clientId", client_secret: "$clientSecret" }, values));
      tokens = { access_token: auth.body.access_token, refresh_token: auth.body.refresh_token };
      for (const data of fixture.seed?.uploads ?? []) {
        values.queId = (await post("/api_v1_master_goods/upload", { ...tokens, data_type: "csv", data })).body.que_id;
      }
    }
    const answer = await post(fixture.request.path, { ...tokens, ...fill(fixture.request.params, values) });
    expect(answer.status).toBe(200);
    expect(contractProblems(answer.body, fixture)).toEqual([]);
  });
});

describe("login: uid / state launch and /api_neauth", () => {
  it("the sign-in page sends the merchant back to the redirect URI with uid and state, which trade for tokens and company info", async () => {
    const { companyId, clientId, clientSecret } = await ctl("seed", {});
    const page = await fake.fetch(new Request(`http://fakes/nextengine/base/users/sign_in/?client_id=${clientId}&redirect_uri=${encodeURIComponent("https://renkei.test/oauth/nextengine")}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`value="${companyId}"`);
    const form = new URLSearchParams({ client_id: clientId, redirect_uri: "https://renkei.test/oauth/nextengine", company_id: companyId });
    const back = await fake.fetch(new Request("http://fakes/nextengine/base/users/sign_in/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() }));
    expect(back.status).toBe(302);
    const location = new URL(back.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("https://renkei.test/oauth/nextengine");
    const auth = await post("/api_neauth", { uid: location.searchParams.get("uid")!, state: location.searchParams.get("state")!, client_id: clientId, client_secret: clientSecret });
    expect(auth.body).toMatchObject({ result: "success", company_ne_id: expect.any(String), company_name: expect.any(String), pic_name: expect.any(String) });
    expect(auth.body.access_token_end_date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("an app with a registered redirect URI is sent back only there: any other redirect_uri is refused, on the page and on the login", async () => {
    const { companyId } = await ctl("seed", {});
    const app = { clientId: `app-${crypto.randomUUID()}`, clientSecret: "s", redirectUri: "https://renkei.test/oauth/nextengine/callback" };
    expect((await ctl("app", app)).redirectUri).toBe(app.redirectUri);
    const page = (redirect: string) => fake.fetch(new Request(`http://fakes/nextengine/base/users/sign_in/?client_id=${app.clientId}&redirect_uri=${encodeURIComponent(redirect)}`));
    expect((await page(app.redirectUri)).status).toBe(200);
    const refused = await page("https://renkei.test/oauth/nextengine/lnk_1/callback");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("redirect_uri");
    const login = (redirect: string) =>
      fake.fetch(new Request("http://fakes/nextengine/base/users/sign_in/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ client_id: app.clientId, redirect_uri: redirect, company_id: companyId }).toString() }));
    expect((await login("https://evil.example/oauth/nextengine/callback")).status).toBe(400);
    const back = await login(app.redirectUri);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toMatch(/^https:\/\/renkei\.test\/oauth\/nextengine\/callback\?uid=.+&state=/);
    // without redirect_uri the registered one is used
    const bare = await fake.fetch(new Request("http://fakes/nextengine/base/users/sign_in/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ client_id: app.clientId, company_id: companyId }).toString() }));
    expect(bare.headers.get("location")).toMatch(/^https:\/\/renkei\.test\/oauth\/nextengine\/callback\?/);
  });

  it("an unknown client is refused at the sign-in page and at /api_neauth", async () => {
    const { uid, state } = await ctl("seed", {});
    expect((await fake.fetch(new Request("http://fakes/nextengine/base/users/sign_in/?client_id=nope&redirect_uri=https://x.test/"))).status).toBe(400);
    expect((await post("/api_neauth", { uid, state, client_id: "sandbox-client-id", client_secret: "wrong" })).body).toMatchObject({ result: "error", code: "001002" });
  });

  it("state lives 5 minutes and is used once", async () => {
    const c = await ctl("seed", {});
    const trade = (state: string) => post("/api_neauth", { uid: c.uid, state, client_id: c.clientId, client_secret: c.clientSecret });
    await ctl("clock", { companyId: c.companyId, advanceSeconds: 301 });
    expect((await trade(c.state)).body).toMatchObject({ result: "redirect", code: "001007" });
    const fresh = await ctl("launch", { companyId: c.companyId });
    expect((await trade(fresh.state)).body.result).toBe("success");
    expect((await trade(fresh.state)).body).toMatchObject({ result: "redirect", code: "001007" });
  });
});

describe("tokens: 1-day access, 3-day refresh, rotation in any answer", () => {
  it("an expired access token with a valid refresh token succeeds and answers a new pair with end dates", async () => {
    const c = await login({ goods: [{ goods_id: "A-1", stock_quantity: 3 }] });
    const before = await c.call("/api_v1_master_goods/search", { fields: "goods_id" });
    expect(before.body.access_token).toBe(c.tokens.access_token);
    await ctl("clock", { companyId: c.companyId, advanceHours: 24, advanceSeconds: 1 });
    const rotated = await c.call("/api_v1_master_goods/search", { fields: "goods_id" });
    expect(rotated.body.result).toBe("success");
    expect(rotated.body.access_token).not.toBe(c.tokens.access_token);
    expect(rotated.body.refresh_token).not.toBe(c.tokens.refresh_token);
    const end = (s: string) => Date.parse(`${s.replace(" ", "T")}+09:00`);
    expect(end(rotated.body.refresh_token_end_date) - end(rotated.body.access_token_end_date)).toBe(2 * 86_400_000);
    // the new pair works; the superseded one still rotates (to the same pair) for a minute, then not
    const again = await post("/api_v1_master_goods/search", { access_token: rotated.body.access_token, refresh_token: rotated.body.refresh_token, fields: "goods_id" });
    expect(again.body.access_token).toBe(rotated.body.access_token);
    expect((await c.call("/api_v1_master_goods/search", { fields: "goods_id" })).body.access_token).toBe(rotated.body.access_token);
    await ctl("clock", { companyId: c.companyId, advanceSeconds: 61 });
    expect((await c.call("/api_v1_master_goods/search", { fields: "goods_id" })).body).toMatchObject({ result: "redirect", code: "002004" });
  });

  it("an expired access token without a refresh token answers redirect, and no tokens", async () => {
    const c = await login();
    await ctl("clock", { companyId: c.companyId, advanceDays: 1, advanceSeconds: 1 });
    const answer = await post("/api_v1_login_company/info", { access_token: c.tokens.access_token });
    expect(answer.body).toMatchObject({ result: "redirect", code: "002002" });
    expect(answer.body.access_token).toBeUndefined();
  });

  it("after 3 days both tokens are gone: redirect even with the refresh token", async () => {
    const c = await login();
    await ctl("clock", { companyId: c.companyId, advanceDays: 3, advanceSeconds: 1 });
    expect((await c.call("/api_v1_login_company/info")).body).toMatchObject({ result: "redirect", code: "002004" });
  });

  it("a missing or unknown access token answers redirect", async () => {
    expect((await post("/api_v1_login_company/info", {})).body).toMatchObject({ result: "redirect", code: "002001" });
    expect((await post("/api_v1_login_company/info", { access_token: "at-nope" })).body).toMatchObject({ result: "redirect", code: "002002" });
  });

  it("one company's clock jump leaves another company's tokens alone", async () => {
    const a = await login();
    const b = await login();
    await ctl("clock", { companyId: a.companyId, advanceDays: 4 });
    expect((await a.call("/api_v1_login_company/info")).body.result).toBe("redirect");
    expect((await b.call("/api_v1_login_company/info")).body.result).toBe("success");
  });
});

describe("searches: required fields, filters, paging", () => {
  it("fields are required and must exist; a condition must be <field>-<op> on a known field", async () => {
    const c = await login();
    expect((await c.call("/api_v1_master_stock/search", {})).body).toMatchObject({ result: "error", code: "004001", access_token: c.tokens.access_token });
    expect((await c.call("/api_v1_master_stock/search", { fields: "stock_goods_id,nope" })).body).toMatchObject({ result: "error", code: "004002" });
    expect((await c.call("/api_v1_master_stock/search", { fields: "stock_goods_id", "nope-eq": "1" })).body).toMatchObject({ result: "error", code: "004002" });
    expect((await c.call("/api_v1_master_stock/search", { fields: "stock_goods_id", stock_goods_id: "1" })).body).toMatchObject({ result: "error", code: "004003" });
    expect((await c.call("/api_v1_master_stock/search", { fields: "stock_goods_id", limit: "10001" })).body.result).toBe("error");
  });

  it("each operator filters as documented, numbers compare as numbers, and offset / limit page", async () => {
    const goods = ["A-1", "A-2", "A-10", "B-1", "b-2"].map((id, i) => ({ goods_id: id, stock_quantity: (i + 1) * 5, goods_jan_code: i === 0 ? null : i === 1 ? "" : `49${i}` }));
    const c = await login({ goods });
    const ids = async (params: Record<string, string>) => ((await c.call("/api_v1_master_goods/search", { fields: "goods_id", ...params })).body.data as Json[]).map((r) => r.goods_id);
    expect(await ids({ "goods_id-eq": "A-1" })).toEqual(["A-1"]);
    expect(await ids({ "goods_id-neq": "A-1" })).toEqual(["A-10", "A-2", "B-1", "b-2"]);
    expect(await ids({ "stock_quantity-gt": "10" })).toEqual(["A-10", "B-1", "b-2"]);
    expect(await ids({ "stock_quantity-gte": "10" })).toEqual(["A-10", "A-2", "B-1", "b-2"]);
    expect(await ids({ "stock_quantity-lt": "10" })).toEqual(["A-1"]);
    expect(await ids({ "stock_quantity-lte": "10" })).toEqual(["A-1", "A-2"]);
    expect(await ids({ "goods_id-like": "A-%" })).toEqual(["A-1", "A-10", "A-2"]);
    expect(await ids({ "goods_id-nlike": "A-%" })).toEqual(["B-1", "b-2"]);
    expect(await ids({ "goods_id-in": "A-2,B-1,Z" })).toEqual(["A-2", "B-1"]);
    expect(await ids({ "goods_id-nin": "A-2,B-1" })).toEqual(["A-1", "A-10", "b-2"]);
    expect(await ids({ "goods_jan_code-null": "" })).toEqual(["A-1"]);
    expect(await ids({ "goods_jan_code-nnull": "" })).toEqual(["A-10", "A-2", "B-1", "b-2"]);
    expect(await ids({ "goods_jan_code-blank": "" })).toEqual(["A-1", "A-2"]);
    expect(await ids({ "goods_jan_code-nblank": "" })).toEqual(["A-10", "B-1", "b-2"]);
    expect(await ids({ "goods_id-like": "A-%", "stock_quantity-gte": "10" })).toEqual(["A-10", "A-2"]);
    expect(await ids({ offset: "1", limit: "2" })).toEqual(["A-10", "A-2"]);
    expect(await ids({ offset: "4", limit: "2" })).toEqual(["b-2"]);
    const count = await c.call("/api_v1_master_goods/count", { "goods_id-like": "A-%" });
    expect(count.body).toMatchObject({ result: "success", count: "3" });
  });

  it("商品コード match exactly by default; the company can switch to case-insensitive", async () => {
    const c = await login({}, "demo");
    const find = async (code: string) => ((await c.call("/api_v1_master_stock/search", { fields: "stock_goods_id", "stock_goods_id-eq": code })).body.data as Json[]).length;
    expect(await find("ts-100-m")).toBe(0);
    // the demo order whose line says "ts-100-m" was not allocated and is flagged as an unknown code
    const rows = (await c.call("/api_v1_receiveorder_row/search", { fields: "receive_order_row_goods_id,receive_order_row_stock_allocation_quantity", "receive_order_row_goods_id-eq": "ts-100-m" })).body.data as Json[];
    expect(rows).toEqual([{ receive_order_row_goods_id: "ts-100-m", receive_order_row_stock_allocation_quantity: "0" }]);
    await ctl("matching", { companyId: c.companyId, caseInsensitive: true });
    expect(await find("ts-100-m")).toBe(1);
  });
});

describe("the demo company", () => {
  it("has Renkei's demo SKUs, shops, the 受注分類タグ master and orders in several statuses, some tagged for import", async () => {
    const c = await login({}, "demo");
    const goods = (await c.call("/api_v1_master_goods/search", { fields: "goods_id" })).body.data as Json[];
    expect(goods.map((g) => g.goods_id).sort()).toEqual(["CF-200", "RB-001-BLU", "RB-001-RED", "TS-100-L", "TS-100-M", "TS-100-S"]);
    const tags = (await c.call("/api_v1_receiveorder_groupingtag/search", { fields: "grouping_tag_name" })).body.data as Json[];
    expect(tags.map((t) => t.grouping_tag_name)).toContain("ロジクラ受注取込対象");
    const orders = (await c.call("/api_v1_receiveorder_base/search", { fields: "receive_order_id,receive_order_order_status_id,receive_order_gruoping_tag,receive_order_cancel_type_id" })).body.data as Json[];
    expect(orders.length).toBeGreaterThanOrEqual(10);
    expect(new Set(orders.map((o) => o.receive_order_order_status_id))).toEqual(new Set(["1", "20", "40", "50"]));
    expect(orders.filter((o) => o.receive_order_gruoping_tag.includes("[ロジクラ受注取込対象]")).length).toBeGreaterThanOrEqual(5);
    expect(orders.some((o) => o.receive_order_cancel_type_id !== "0")).toBe(true);
    const tagged = await c.call("/api_v1_receiveorder_base/count", { "receive_order_gruoping_tag-like": "%[ロジクラ受注取込対象]%" });
    expect(Number(tagged.body.count)).toBe(orders.filter((o) => o.receive_order_gruoping_tag.includes("[ロジクラ受注取込対象]")).length);
    const stock = (await c.call("/api_v1_master_stock/search", { fields: "stock_goods_id,stock_quantity,stock_allocation_quantity,stock_free_quantity", "stock_goods_id-eq": "CF-200" })).body.data as Json[];
    expect(Number(stock[0]!.stock_quantity) - Number(stock[0]!.stock_allocation_quantity)).toBe(Number(stock[0]!.stock_free_quantity));
    expect(Number(stock[0]!.stock_allocation_quantity)).toBeGreaterThan(0);
  });
});

describe("order update and 出荷確定: the optimistic lock", () => {
  const order = { receive_order_id: 7, receive_order_order_status_id: 20, rows: [{ receive_order_row_goods_id: "A-1", receive_order_row_quantity: 2 }] };
  const xml = (inner: string) => `<?xml version="1.0" encoding="utf-8"?><root><receiveorder_base>${inner}</receiveorder_base></root>`;
  const lockOf = async (c: Awaited<ReturnType<typeof login>>) =>
    ((await c.call("/api_v1_receiveorder_base/search", { fields: "receive_order_last_modified_date,receive_order_order_status_id,receive_order_gruoping_tag,receive_order_delivery_cut_form_id", "receive_order_id-eq": "7" })).body.data as Json[])[0]!;

  it("an update with the current lock applies and moves the lock; the old lock is then stale", async () => {
    const c = await login({ goods: [{ goods_id: "A-1", stock_quantity: 5 }], orders: [order] });
    const first = await lockOf(c);
    const update = (lock: string, inner: string) => c.call("/api_v1_receiveorder_base/update", { receive_order_id: "7", receive_order_last_modified_date: lock, data: xml(inner) });
    expect((await update(first.receive_order_last_modified_date, "<receive_order_gruoping_tag>[A][B]</receive_order_gruoping_tag>")).body.result).toBe("success");
    const second = await lockOf(c);
    expect(second.receive_order_gruoping_tag).toBe("[A][B]");
    expect(second.receive_order_last_modified_date > first.receive_order_last_modified_date).toBe(true);
    expect((await update(first.receive_order_last_modified_date, "<receive_order_worker_text>x</receive_order_worker_text>")).body).toMatchObject({ result: "error", code: "020003" });
    // twice within the same second still moves the lock
    expect((await update(second.receive_order_last_modified_date, "<receive_order_delivery_cut_form_id>1234</receive_order_delivery_cut_form_id>")).body.result).toBe("success");
    expect((await lockOf(c)).receive_order_last_modified_date > second.receive_order_last_modified_date).toBe(true);
  });

  it("bad XML, a read-only field and an unknown order are refused", async () => {
    const c = await login({ orders: [order] });
    const { receive_order_last_modified_date: lock } = await lockOf(c);
    const update = (params: Record<string, string>) => c.call("/api_v1_receiveorder_base/update", { receive_order_id: "7", receive_order_last_modified_date: lock, ...params });
    expect((await update({ data: "<nope/>" })).body).toMatchObject({ result: "error", code: "020004" });
    expect((await update({ data: xml("<receive_order_order_status_id>50</receive_order_order_status_id>") })).body).toMatchObject({ result: "error", code: "020004" });
    expect((await update({ receive_order_id: "999", data: xml("<receive_order_note>x</receive_order_note>") })).body).toMatchObject({ result: "error", code: "020002" });
    expect((await update({})).body).toMatchObject({ result: "error", code: "020001" });
  });

  it("shipped needs the fresh lock, moves the order to 50 and takes the stock out; a shipped order updates only with the flag", async () => {
    const c = await login({ goods: [{ goods_id: "A-1", stock_quantity: 5 }], orders: [order] });
    const { receive_order_last_modified_date: lock } = await lockOf(c);
    await c.call("/api_v1_receiveorder_base/update", { receive_order_id: "7", receive_order_last_modified_date: lock, data: xml("<receive_order_delivery_cut_form_id>1234</receive_order_delivery_cut_form_id>") });
    expect((await c.call("/api_v1_receiveorder_base/shipped", { receive_order_id: "7", receive_order_last_modified_date: lock })).body).toMatchObject({ result: "error", code: "020003" });
    const fresh = (await lockOf(c)).receive_order_last_modified_date;
    expect((await c.call("/api_v1_receiveorder_base/shipped", { receive_order_id: "7", receive_order_last_modified_date: fresh })).body.result).toBe("success");
    const shipped = await lockOf(c);
    expect(shipped.receive_order_order_status_id).toBe("50");
    const stock = ((await c.call("/api_v1_master_stock/search", { fields: "stock_quantity,stock_allocation_quantity", "stock_goods_id-eq": "A-1" })).body.data as Json[])[0];
    expect(stock).toEqual({ stock_quantity: "3", stock_allocation_quantity: "0" });
    const again = await c.call("/api_v1_receiveorder_base/shipped", { receive_order_id: "7", receive_order_last_modified_date: shipped.receive_order_last_modified_date });
    expect(again.body).toMatchObject({ result: "error", code: "020005" });
    const note = xml("<receive_order_note>late note</receive_order_note>");
    expect((await c.call("/api_v1_receiveorder_base/update", { receive_order_id: "7", receive_order_last_modified_date: shipped.receive_order_last_modified_date, data: note })).body.code).toBe("020005");
    const withFlag = await c.call("/api_v1_receiveorder_base/update", { receive_order_id: "7", receive_order_last_modified_date: shipped.receive_order_last_modified_date, data: note, receive_order_shipped_update_flag: "1" });
    expect(withFlag.body.result).toBe("success");
  });

  it("an order still 受注メール取込済 takes only the tag, the worker text and the cancel", async () => {
    const c = await login({ orders: [{ ...order, receive_order_order_status_id: 1 }] });
    const { receive_order_last_modified_date: lock } = await lockOf(c);
    const update = (inner: string) => c.call("/api_v1_receiveorder_base/update", { receive_order_id: "7", receive_order_last_modified_date: lock, data: xml(inner) });
    expect((await update("<receive_order_delivery_cut_form_id>1</receive_order_delivery_cut_form_id>")).body.code).toBe("020004");
    expect((await update("<receive_order_gruoping_tag>[X]</receive_order_gruoping_tag>")).body.result).toBe("success");
  });
});

describe("stock upload: zaiko_su adds, through the queue", () => {
  const upload = (c: Awaited<ReturnType<typeof login>>, data: string) => c.call("/api_v1_master_goods/upload", { data_type: "csv", data });
  const que = async (c: Awaited<ReturnType<typeof login>>, id: string) =>
    ((await c.call("/api_v1_system_que/search", { fields: "que_id,que_status_id,que_message", "que_id-eq": id })).body.data as Json[])[0]!;
  const stockOf = async (c: Awaited<ReturnType<typeof login>>, code: string) =>
    Number(((await c.call("/api_v1_master_stock/search", { fields: "stock_quantity", "stock_goods_id-eq": code })).body.data as Json[])[0]!.stock_quantity);

  it("an upload answers a que_id that goes waiting → running → done, and only then changes stock", async () => {
    const c = await login({ goods: [{ goods_id: "A-1", stock_quantity: 10 }] });
    await ctl("queue", { companyId: c.companyId, pendingMs: 60_000, runMs: 60_000 });
    const answer = await upload(c, "syohin_code,zaiko_su\nA-1,5\n");
    expect(answer.body).toMatchObject({ result: "success", que_id: expect.stringMatching(/^\d+$/) });
    const id = answer.body.que_id as string;
    expect((await que(c, id)).que_status_id).toBe("0");
    await ctl("clock", { companyId: c.companyId, advanceSeconds: 61 });
    expect((await que(c, id)).que_status_id).toBe("1");
    expect(await stockOf(c, "A-1")).toBe(10);
    await ctl("clock", { companyId: c.companyId, advanceSeconds: 60 });
    expect((await que(c, id)).que_status_id).toBe("2");
    expect(await stockOf(c, "A-1")).toBe(15);
  });

  it("the same upload sent twice counts twice, and every application is recorded", async () => {
    const c = await login({ goods: [{ goods_id: "A-1", stock_quantity: 10 }, { goods_id: "B-1", stock_quantity: 4 }] });
    await upload(c, "syohin_code,zaiko_su\nA-1,3\nB-1,-2\n");
    await upload(c, "syohin_code,zaiko_su\nA-1,3\nB-1,-2\n");
    expect(await stockOf(c, "A-1")).toBe(16);
    expect(await stockOf(c, "B-1")).toBe(0);
    const { applications } = await ctl("uploads", { companyId: c.companyId });
    expect(applications.map((a: Json) => [a.queId, a.goodsId, a.delta, a.before, a.after])).toEqual([
      ["1", "A-1", 3, 10, 13],
      ["1", "B-1", -2, 4, 2],
      ["2", "A-1", 3, 13, 16],
      ["2", "B-1", -2, 2, 0],
    ]);
  });

  it("a file that would take stock below the free stock, or names an unknown code, fails whole (-1) and changes nothing", async () => {
    const c = await login({ goods: [{ goods_id: "A-1", stock_quantity: 2 }] });
    const below = await upload(c, "syohin_code,zaiko_su\nA-1,-3\n");
    expect(await que(c, below.body.que_id)).toMatchObject({ que_status_id: "-1", que_message: expect.stringContaining("フリー在庫数") });
    const unknown = await upload(c, "syohin_code,zaiko_su\nA-1,1\nZ-9,1\n");
    expect((await que(c, unknown.body.que_id)).que_status_id).toBe("-1");
    expect(await stockOf(c, "A-1")).toBe(2);
    expect((await upload(c, "zaiko_su\n1\n")).body).toMatchObject({ result: "error", code: "030002" });
    expect((await c.call("/api_v1_master_goods/upload", { data_type: "xml", data: "x" })).body).toMatchObject({ result: "error", code: "030001" });
  });

  it("a dropped answer: applied, but no que_id reaches the caller", async () => {
    const c = await login({ goods: [{ goods_id: "A-1", stock_quantity: 10 }] });
    await ctl("fail", { companyId: c.companyId, kind: "drop", path: "/api_v1_master_goods/upload" });
    const lost = await upload(c, "syohin_code,zaiko_su\nA-1,4\n");
    expect(lost.status).toBe(502);
    expect(lost.body.que_id).toBeUndefined();
    expect(await stockOf(c, "A-1")).toBe(14);
    const { applications } = await ctl("uploads", { companyId: c.companyId });
    expect(applications).toHaveLength(1);
  });

  it("case-insensitive matching applies a lower-case code to the master's goods", async () => {
    const c = await login({ goods: [{ goods_id: "CF-200", stock_quantity: 1 }] });
    const exact = await upload(c, "syohin_code,zaiko_su\ncf-200,1\n");
    expect((await que(c, exact.body.que_id)).que_status_id).toBe("-1");
    await ctl("matching", { companyId: c.companyId, caseInsensitive: true });
    const folded = await upload(c, "syohin_code,zaiko_su\ncf-200,1\n");
    expect((await que(c, folded.body.que_id)).que_status_id).toBe("2");
    expect(await stockOf(c, "CF-200")).toBe(2);
  });
});

describe("overload: 003002, wait_flag and injected failures", () => {
  it("a fourth concurrent call of one company gets 003002; another company is not affected", async () => {
    const c = await login();
    const other = await login();
    await ctl("overload", { companyId: c.companyId, latencyMs: 60 });
    const answers = await Promise.all([...Array(4)].map(() => c.call("/api_v1_login_company/info")));
    expect(answers.map((a) => a.body.code ?? "ok").sort()).toEqual(["003002", "ok", "ok", "ok"]);
    expect(answers.find((a) => a.body.code)!.body.access_token).toBe(c.tokens.access_token);
    expect((await other.call("/api_v1_login_company/info")).body.result).toBe("success");
  });

  it("with wait_flag=1 the call waits for a slot, and gives up with 003001 when none frees in time", async () => {
    const c = await login();
    await ctl("overload", { companyId: c.companyId, latencyMs: 60, waitMs: 1000 });
    const waited = await Promise.all([...Array(5)].map(() => c.call("/api_v1_login_company/info", { wait_flag: "1" })));
    expect(waited.every((a) => a.body.result === "success")).toBe(true);
    await ctl("overload", { companyId: c.companyId, latencyMs: 200, waitMs: 20, maxConcurrent: 1 });
    const gaveUp = await Promise.all([...Array(2)].map(() => c.call("/api_v1_login_company/info", { wait_flag: "1" })));
    expect(gaveUp.map((a) => a.body.code ?? "ok").sort()).toEqual(["003001", "ok"]);
  });

  it("injected: overload twice on one path, an http 503, an error code", async () => {
    const c = await login({ goods: [{ goods_id: "A-1" }] });
    await ctl("fail", { companyId: c.companyId, kind: "overload", path: "/api_v1_master_goods/search", count: 2 });
    const search = () => c.call("/api_v1_master_goods/search", { fields: "goods_id" });
    expect((await search()).body.code).toBe("003002");
    expect((await c.call("/api_v1_login_company/info")).body.result).toBe("success");
    expect((await search()).body.code).toBe("003002");
    expect((await search()).body.result).toBe("success");
    await ctl("fail", { companyId: c.companyId, kind: "http", status: 503 });
    expect((await search()).status).toBe(503);
    await ctl("fail", { companyId: c.companyId, kind: "error", code: "999999", message: "boom" });
    expect((await search()).body).toMatchObject({ result: "error", code: "999999" });
    const { calls } = await ctl("calls", { companyId: c.companyId });
    expect(calls.filter((x: Json) => x.code === "003002")).toHaveLength(2);
  });
});
