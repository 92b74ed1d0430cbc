/**
 * The NextEngine client inside workerd against the fake NextEngine over loopback HTTP (no mocks):
 * the contract fixtures replayed through the client, login, token rotation saved through
 * onTokens, redirect, paging, the optimistic lock, overload and the upload whose outcome is lost.
 */
import { describe, expect, inject, it } from "vitest";
import { FIXTURES, contractProblems, fill } from "../../fakes/nextengine/fixtures/contract";
import { NextEngineClient, neDateToIso, type NextEngineClientConfig, type NextEngineTokens } from "../../../worker/connectors/nextengine/client";
import { stockDeltaCsv } from "../../../worker/connectors/nextengine/csv";
import { NextEngineApiError, NextEngineConflictError, NextEngineInputError, NextEngineRedirectError, UploadOutcomeUnknownError } from "../../../worker/connectors/nextengine/errors";
import { formatGroupingTags, parseGroupingTags } from "../../../worker/connectors/nextengine/tags";
import { orderUpdateXml } from "../../../worker/connectors/nextengine/xml";
import { TransientError } from "../../../worker/sync/messages";

const fakes = inject("fakesUrl");
type Json = Record<string, any>;

async function ctl(action: string, body: Json = {}): Promise<Json> {
  const response = await fetch(`${fakes}/__control/nextengine/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** A fresh fake company and a client logged in to it through launch → /api_neauth. */
async function connect(seed: Json = {}, action: "seed" | "demo" = "seed", options: Partial<NextEngineClientConfig> = {}) {
  const company = await ctl(action, seed);
  const saved: NextEngineTokens[] = [];
  const config: NextEngineClientConfig = {
    apiBaseUrl: `${fakes}/nextengine/api`,
    signInBaseUrl: `${fakes}/nextengine/base`,
    clientId: company.clientId,
    clientSecret: company.clientSecret,
    onTokens: (tokens) => {
      saved.push(tokens);
    },
    ...options,
  };
  const client = new NextEngineClient(config);
  const auth = await client.authorize(company.uid, company.state);
  return { client, config, saved, auth, companyId: company.companyId as string, orderIds: company.orderIds as string[] };
}

describe("contract fixtures replayed through the client", () => {
  it.each(FIXTURES.map((f) => [f.name, f] as const))("%s", async (_, fixture) => {
    if (fixture.request.path === "/api_neauth") {
      const { auth, saved } = await connect();
      expect(saved).toEqual([auth.tokens]);
      expect(auth.tokens.accessTokenEndDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(auth.company.name).toBeTruthy();
      expect(auth.company.neId).toBeTruthy();
      expect(auth.user.name).toBeTruthy();
      return;
    }
    const { client } = await connect(fixture.seed ?? {});
    const values: Record<string, string> = {};
    for (const data of fixture.seed?.uploads ?? []) values.queId = (await client.call("/api_v1_master_goods/upload", { data_type: "csv", data })).que_id!;
    const params = fill(fixture.request.params, values);
    if (fixture.response.result === "error") {
      const error = await client.call(fixture.request.path, params).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NextEngineApiError);
      expect((error as NextEngineApiError).code).toBe(fixture.expect?.code ?? fixture.response.code);
      return;
    }
    const envelope = await client.call(fixture.request.path, params);
    expect(contractProblems(envelope, fixture)).toEqual([]);
  });
});

describe("login", () => {
  it("the sign-in URL leads to NextEngine's login, which returns uid and state the client trades for tokens", async () => {
    const company = await ctl("seed", {});
    const client = new NextEngineClient({ apiBaseUrl: `${fakes}/nextengine/api`, signInBaseUrl: `${fakes}/nextengine/base`, clientId: company.clientId, clientSecret: company.clientSecret });
    const url = new URL(client.signInUrl("https://renkei.test/oauth/nextengine/callback"));
    expect(url.pathname).toBe("/nextengine/base/users/sign_in/");
    expect(url.searchParams.get("client_id")).toBe(company.clientId);
    expect((await fetch(url)).status).toBe(200);
    const login = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: company.clientId, redirect_uri: url.searchParams.get("redirect_uri")!, company_id: company.companyId }).toString(),
    });
    expect(login.status).toBe(302);
    const back = new URL(login.headers.get("location")!);
    expect(back.pathname).toBe("/oauth/nextengine/callback");
    const auth = await client.authorize(back.searchParams.get("uid")!, back.searchParams.get("state")!);
    expect(client.tokens).toEqual(auth.tokens);
    expect(await client.companyInfo()).toMatchObject({ company_id: company.companyId });
    expect(await client.loginUser()).toMatchObject({ uid: auth.user.uid });
  });

  it("a state older than 5 minutes asks for a new login", async () => {
    const company = await ctl("seed", {});
    await ctl("clock", { companyId: company.companyId, advanceMinutes: 6 });
    const client = new NextEngineClient({ apiBaseUrl: `${fakes}/nextengine/api`, clientId: company.clientId, clientSecret: company.clientSecret });
    await expect(client.authorize(company.uid, company.state)).rejects.toBeInstanceOf(NextEngineRedirectError);
  });
});

describe("tokens", () => {
  it("a call after the access token expired succeeds, and the new pair is handed to onTokens once and used next", async () => {
    const { client, saved, auth, companyId } = await connect({ goods: [{ goods_id: "A-1", stock_quantity: 1 }] });
    await client.searchGoods({ fields: ["goods_id"] });
    expect(saved).toHaveLength(1);
    await ctl("clock", { companyId, advanceDays: 1, advanceSeconds: 1 });
    await client.searchGoods({ fields: ["goods_id"] });
    expect(saved).toHaveLength(2);
    expect(saved[1]!.accessToken).not.toBe(auth.tokens.accessToken);
    expect(saved[1]!.refreshToken).not.toBe(auth.tokens.refreshToken);
    expect(Date.parse(neDateToIso(saved[1]!.accessTokenEndDate!))).toBeGreaterThan(Date.parse(neDateToIso(auth.tokens.accessTokenEndDate!)));
    expect(client.tokens).toEqual(saved[1]);
    await client.searchGoods({ fields: ["goods_id"] });
    expect(saved).toHaveLength(2);
    // a link that kept the old pair is logged out once the grace for in-flight calls has passed
    await ctl("clock", { companyId, advanceMinutes: 2 });
    const stale = new NextEngineClient({ apiBaseUrl: `${fakes}/nextengine/api`, clientId: "x", clientSecret: "y", tokens: auth.tokens });
    await expect(stale.searchGoods({ fields: ["goods_id"] })).rejects.toBeInstanceOf(NextEngineRedirectError);
    await expect(client.searchGoods({ fields: ["goods_id"] })).resolves.toHaveLength(1);
  });

  it("after 3 days without a call the link must log in again: NextEngineRedirectError, and nothing to save", async () => {
    const { client, saved, companyId } = await connect();
    await ctl("clock", { companyId, advanceDays: 3, advanceSeconds: 1 });
    const error = await client.companyInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NextEngineRedirectError);
    expect((error as NextEngineRedirectError).code).toBe("002004");
    expect((error as Error).message).toContain("再ログイン");
    expect(saved).toHaveLength(1);
  });

  it("a client without tokens refuses to call rather than sending none", async () => {
    const client = new NextEngineClient({ apiBaseUrl: `${fakes}/nextengine/api`, clientId: "x", clientSecret: "y" });
    await expect(client.companyInfo()).rejects.toBeInstanceOf(NextEngineRedirectError);
  });
});

describe("searches", () => {
  it("searchPages walks offset += limit until a short page, and stops after a full last page with one empty call", async () => {
    const goods = [...Array(25)].map((_, i) => ({ goods_id: `P-${String(i).padStart(3, "0")}`, stock_quantity: i }));
    const { client, companyId } = await connect({ goods });
    const pages: string[][] = [];
    for await (const page of client.searchPages("api_v1_master_goods", { fields: ["goods_id"], limit: 10 })) pages.push(page.map((r) => r.goods_id!));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(goods.map((g) => g.goods_id));
    const { calls } = await ctl("calls", { companyId });
    expect(calls.filter((c: Json) => c.path === "/api_v1_master_goods/search")).toHaveLength(3);

    const filtered: string[] = [];
    for await (const page of client.searchPages("api_v1_master_goods", { fields: ["goods_id"], where: { "stock_quantity-lt": 20 }, limit: 10 })) filtered.push(...page.map((r) => r.goods_id!));
    expect(filtered).toHaveLength(20);
    expect(await client.count("api_v1_master_goods", { "goods_id-in": ["P-000", "P-001", "X"] })).toBe(2);
  });

  it("order, line, tag and stock searches answer typed rows of strings", async () => {
    const { client } = await connect({}, "demo");
    const orders = await client.searchOrders({
      fields: ["receive_order_id", "receive_order_gruoping_tag", "receive_order_last_modified_date"],
      where: { "receive_order_gruoping_tag-like": "%[ロジクラ受注取込対象]%", "receive_order_order_status_id-in": [20, 40] },
    });
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) expect(parseGroupingTags(o.receive_order_gruoping_tag)).toContain("ロジクラ受注取込対象");
    const rows = await client.searchOrderRows({ fields: ["receive_order_row_goods_id", "receive_order_row_quantity"], where: { "receive_order_row_receive_order_id-eq": orders[0]!.receive_order_id! } });
    expect(rows.length).toBeGreaterThan(0);
    const tags = await client.searchGroupingTags({ fields: ["grouping_tag_id", "grouping_tag_name"] });
    expect(tags.map((t) => t.grouping_tag_name)).toContain("ロジクラ受注取込対象");
    const stock = await client.searchStock({ fields: ["stock_goods_id", "stock_quantity", "stock_allocation_quantity", "stock_free_quantity"], where: { "stock_goods_id-eq": "TS-100-M" } });
    expect(stock).toHaveLength(1);
    expect(Number(stock[0]!.stock_quantity) - Number(stock[0]!.stock_allocation_quantity)).toBe(Number(stock[0]!.stock_free_quantity));
    expect(await client.searchShops({ fields: ["shop_id", "shop_name"] })).toHaveLength(3);
  });

  it("a NextEngine error comes back as NextEngineApiError with its code", async () => {
    const { client } = await connect();
    const error = await client.searchGoods({ fields: ["goods_id", "no_such_field"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NextEngineApiError);
    expect((error as NextEngineApiError).code).toBe("004002");
  });
});

describe("order update and 出荷確定", () => {
  const seed = { goods: [{ goods_id: "A-1", stock_quantity: 5 }], orders: [{ receive_order_id: 501, receive_order_order_status_id: 20, rows: [{ receive_order_row_goods_id: "A-1", receive_order_row_quantity: 1 }] }] };
  const read = async (client: NextEngineClient) =>
    (await client.searchOrders({ fields: ["receive_order_id", "receive_order_last_modified_date", "receive_order_gruoping_tag", "receive_order_delivery_cut_form_id", "receive_order_order_status_id"], where: { "receive_order_id-eq": 501 } }))[0]!;

  it("a stale lock is a NextEngineConflictError; re-read and re-apply succeeds; then shipped with the fresh lock", async () => {
    const { client } = await connect(seed);
    const first = await read(client);
    await client.updateOrder({ receiveOrderId: "501", lastModifiedDate: first.receive_order_last_modified_date!, fields: { receive_order_gruoping_tag: formatGroupingTags(["連絡待ち"]) } });
    const conflict = await client
      .updateOrder({ receiveOrderId: "501", lastModifiedDate: first.receive_order_last_modified_date!, fields: { receive_order_delivery_cut_form_id: "1234-5678" } })
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(NextEngineConflictError);
    expect((conflict as NextEngineConflictError).receiveOrderId).toBe("501");
    const now = await read(client);
    await client.updateOrder({
      receiveOrderId: "501",
      lastModifiedDate: now.receive_order_last_modified_date!,
      fields: { receive_order_delivery_id: 1, receive_order_delivery_cut_form_id: "1234-5678", receive_order_gruoping_tag: formatGroupingTags([...parseGroupingTags(now.receive_order_gruoping_tag), "出荷済"]) },
    });
    const updated = await read(client);
    expect(updated).toMatchObject({ receive_order_delivery_cut_form_id: "1234-5678", receive_order_gruoping_tag: "[連絡待ち][出荷済]" });
    await expect(client.shipOrder({ receiveOrderId: "501", lastModifiedDate: now.receive_order_last_modified_date! })).rejects.toBeInstanceOf(NextEngineConflictError);
    await client.shipOrder({ receiveOrderId: "501", lastModifiedDate: updated.receive_order_last_modified_date! });
    expect((await read(client)).receive_order_order_status_id).toBe("50");
    const again = await client.shipOrder({ receiveOrderId: "501", lastModifiedDate: (await read(client)).receive_order_last_modified_date! }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(NextEngineApiError);
    expect(again).not.toBeInstanceOf(NextEngineConflictError);
  });

  it("update values are XML-escaped, so text cannot break out of its element", async () => {
    const { client } = await connect(seed);
    const first = await read(client);
    await client.updateOrder({ receiveOrderId: "501", lastModifiedDate: first.receive_order_last_modified_date!, fields: { receive_order_gruoping_tag: "[a<b>&c]" } });
    expect((await read(client)).receive_order_gruoping_tag).toBe("[a<b>&c]");
    expect(orderUpdateXml({ receive_order_note: `</receive_order_note><x>"'` })).toContain("&lt;/receive_order_note&gt;&lt;x&gt;&quot;&apos;");
    expect(() => orderUpdateXml({ "bad><field": "x" })).toThrow(NextEngineInputError);
  });
});

describe("overload", () => {
  it("003002 is a TransientError; the next call goes through", async () => {
    const { client, companyId } = await connect();
    await ctl("fail", { companyId, kind: "overload", count: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await client.companyInfo().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toContain("003002");
    }
    await expect(client.companyInfo()).resolves.toBeTruthy();
  });

  it("more than 3 concurrent calls of one company: the extra one is a TransientError", async () => {
    const { client, companyId } = await connect();
    await ctl("overload", { companyId, latencyMs: 80 });
    const outcomes = await Promise.allSettled([...Array(4)].map(() => client.companyInfo()));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(TransientError);
  });

  it("with waitFlag the client asks NextEngine to wait instead, and all calls succeed", async () => {
    const { client, companyId } = await connect({}, "seed", { waitFlag: true });
    await ctl("overload", { companyId, latencyMs: 50, waitMs: 2000 });
    const outcomes = await Promise.allSettled([...Array(5)].map(() => client.companyInfo()));
    expect(outcomes.every((o) => o.status === "fulfilled")).toBe(true);
  });

  it("a 5xx is a TransientError", async () => {
    const { client, companyId } = await connect();
    await ctl("fail", { companyId, kind: "http", status: 503 });
    await expect(client.companyInfo()).rejects.toBeInstanceOf(TransientError);
  });
});

describe("stock upload", () => {
  it("answers a que_id whose status the client reads: waiting, then completed with the stock changed", async () => {
    const { client, companyId } = await connect({ goods: [{ goods_id: "A-1", stock_quantity: 10 }, { goods_id: "B-2", stock_quantity: 3 }] });
    await ctl("queue", { companyId, pendingMs: 30_000, runMs: 0 });
    const { queId, csv } = await client.uploadStock([
      { goodsId: "A-1", delta: 4 },
      { goodsId: "B-2", delta: -1 },
    ]);
    expect(csv).toBe("syohin_code,zaiko_su\nA-1,4\nB-2,-1\n");
    expect(await client.queStatus(queId)).toMatchObject({ queId, state: "waiting", statusId: "0" });
    await ctl("clock", { companyId, advanceSeconds: 31 });
    expect(await client.queStatus(queId)).toMatchObject({ state: "completed", statusId: "2" });
    const stock = await client.searchStock({ fields: ["stock_goods_id", "stock_quantity"], where: { "stock_goods_id-in": ["A-1", "B-2"] } });
    expect(stock).toEqual([
      { stock_goods_id: "A-1", stock_quantity: "14" },
      { stock_goods_id: "B-2", stock_quantity: "2" },
    ]);
    expect(await client.queStatus("999999")).toMatchObject({ state: "unknown" });
  });

  it("a job NextEngine rejects reads as failed with its message", async () => {
    const { client } = await connect({ goods: [{ goods_id: "A-1", stock_quantity: 1 }] });
    const { queId } = await client.uploadStock([{ goodsId: "A-1", delta: -5 }]);
    expect(await client.queStatus(queId)).toMatchObject({ state: "failed", statusId: "-1", message: expect.stringContaining("フリー在庫数") });
  });

  it("an answer lost after NextEngine took the file is UploadOutcomeUnknownError, and master_stock shows it was applied", async () => {
    const { client, companyId } = await connect({ goods: [{ goods_id: "A-1", stock_quantity: 10 }] });
    await ctl("fail", { companyId, kind: "drop", path: "/api_v1_master_goods/upload" });
    const error = await client.uploadStock([{ goodsId: "A-1", delta: 2 }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadOutcomeUnknownError);
    expect(error).not.toBeInstanceOf(TransientError);
    expect((error as UploadOutcomeUnknownError).csv).toBe("syohin_code,zaiko_su\nA-1,2\n");
    // reconcile before resending: NextEngine has counted it already
    const [row] = await client.searchStock({ fields: ["stock_quantity"], where: { "stock_goods_id-eq": "A-1" } });
    expect(row!.stock_quantity).toBe("12");
    const { applications } = await ctl("uploads", { companyId });
    expect(applications).toHaveLength(1);
  });

  it("overload on the upload means it was not taken: TransientError, nothing applied", async () => {
    const { client, companyId } = await connect({ goods: [{ goods_id: "A-1", stock_quantity: 10 }] });
    await ctl("fail", { companyId, kind: "overload", path: "/api_v1_master_goods/upload" });
    await expect(client.uploadStock([{ goodsId: "A-1", delta: 2 }])).rejects.toBeInstanceOf(TransientError);
    expect((await ctl("uploads", { companyId })).applications).toHaveLength(0);
  });

  it("codes outside NextEngine's rule and zero deltas are refused before sending", () => {
    expect(() => stockDeltaCsv([{ goodsId: "=HYPERLINK(1)", delta: 1 }])).toThrow(NextEngineInputError);
    expect(() => stockDeltaCsv([{ goodsId: "A-1", delta: 0 }])).toThrow(NextEngineInputError);
    expect(() => stockDeltaCsv([])).toThrow(NextEngineInputError);
    expect(() => stockDeltaCsv([{ goodsId: "A".repeat(31), delta: 1 }])).toThrow(NextEngineInputError);
  });
});

describe("受注分類タグ field", () => {
  it("reads and writes [A][B], keeping order and dropping duplicates", () => {
    expect(parseGroupingTags("[ロジクラ受注取込対象][ギフト]")).toEqual(["ロジクラ受注取込対象", "ギフト"]);
    expect(parseGroupingTags("")).toEqual([]);
    expect(parseGroupingTags(null)).toEqual([]);
    expect(formatGroupingTags(["A", "B", "A", " "])).toBe("[A][B]");
  });
});
