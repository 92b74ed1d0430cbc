/**
 * The fake Smaregi against its contract, over real loopback HTTP (the same server `npm start` and
 * the worker tests use): the public-doc fixtures, then the behaviours a connector leans on —
 * rate cap, 31-day windows, Link paging, token expiry and revocation, bulk callbacks, the record of
 * relative adds, webhooks with re-sendable event IDs, the authorization flow and 受注 allocation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakes } from "../server";
import { DEMO } from "./index";
import { fixtures, headerMismatches, mismatches, substitute } from "./fixtures/replay";

let base = "";
let close: () => Promise<void> = async () => {};
beforeAll(async () => {
  const started = await startFakes(0);
  base = started.url;
  close = started.close;
});
afterAll(() => close());

const basic = `Basic ${btoa(`${DEMO.clientId}:${DEMO.clientSecret}`)}`;
const inboxUrl = () => `${base}/__control/smaregi/inbox`;

async function control<T = unknown>(action: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${base}/__control/smaregi/${action}`, { method: "POST", body: JSON.stringify(body) });
  return (await response.json()) as T;
}

async function token(scope?: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: "client_credentials", ...(scope ? { scope } : {}) });
  const response = await fetch(`${base}/smaregi/id/app/sandbox/token`, { method: "POST", headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" }, body: form });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function api(path: string, init: { method?: string; body?: unknown; token?: string; query?: Record<string, string> } = {}) {
  const url = new URL(`${base}/smaregi/api/sandbox${path}`);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  return fetch(url, {
    method: init.method ?? "GET",
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { "content-type": "application/json" } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

beforeEach(async () => {
  await control("reset");
  await control("demo");
});

describe("contract fixtures from the public docs", () => {
  for (const raw of fixtures) {
    it(`${raw.name} (${raw.evidence})`, async () => {
      const fixture = substitute(raw, { inbox: inboxUrl() });
      let response: Response;
      if (fixture.host === "id") {
        response = await fetch(`${base}/smaregi/id${fixture.request.path}`, {
          method: fixture.request.method,
          headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fixture.request.form),
        });
      } else {
        response = await api(fixture.request.path, { method: fixture.request.method, body: fixture.request.body, query: fixture.request.query, token: await token() });
      }
      const body = await response.json();
      expect({ status: response.status, problems: [...mismatches(body, fixture.response.body), ...headerMismatches(response.headers, fixture.response.headers)] }).toEqual({ status: fixture.response.status, problems: [] });
      if (fixture.callback) {
        await vi.waitFor(async () => expect((await control<unknown[]>("inbox-read")).length).toBe(1));
        const [delivery] = await control<{ headers: Record<string, string>; body: unknown }[]>("inbox-read");
        expect(mismatches(delivery!.body, fixture.callback)).toEqual([]);
        expect(delivery!.headers["content-type"]).toBe("application/json;charset=UTF-8");
      }
    });
  }
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past 10 requests in one second per contract, and the cap is configurable", async () => {
    const t = await token();
    // Align to the start of a second so all requests land in one window.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
    const statuses = await Promise.all(Array.from({ length: 12 }, () => api("/pos/stores", { token: t }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const limited = await api("/pos/stores", { token: t });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toMatchObject({ type: "about:blank", title: "Too Many Requests", status: 429 });

    await control("rate", { perSecond: 2 });
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
    const few = await Promise.all(Array.from({ length: 3 }, () => api("/pos/stores", { token: t }).then((r) => r.status)));
    expect(few.sort()).toEqual([200, 200, 429]);
  });
});

describe("ranges and paging", () => {
  it("takes a window of exactly 31 days and refuses one a second longer", async () => {
    const t = await token();
    const from = "2026-03-01T00:00:00+09:00";
    const ok = await api("/pos/transactions", { token: t, query: { "upd_date_time-from": from, "upd_date_time-to": "2026-04-01T00:00:00+09:00" } });
    expect(ok.status).toBe(200);
    const tooLong = await api("/pos/transactions", { token: t, query: { "upd_date_time-from": from, "upd_date_time-to": "2026-04-01T00:00:01+09:00" } });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { detail: string }).detail).toContain("upd_date_time-to");
    const stock = await api("/pos/stock", { token: t, query: { "upd_date_time-from": from, "upd_date_time-to": "2026-05-01T00:00:00+09:00" } });
    expect(stock.status).toBe(400);
  });

  it("lists the demo sales inside a window, with details capped at 100 per page", async () => {
    const t = await token();
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    const query = { "transaction_date_time-from": iso(now - 10 * 86400_000), "transaction_date_time-to": iso(now), with_details: "all" };
    const rows = (await (await api("/pos/transactions", { token: t, query })).json()) as { details: unknown[] }[];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.details.length > 0)).toBe(true);
    expect((await api("/pos/transactions", { token: t, query: { ...query, limit: "101" } })).status).toBe(400);
  });

  it("follows Link rel=next through every page, each row once, and refuses a limit over 1000", async () => {
    const t = await token();
    const seen: string[] = [];
    let next: string | null = `${base}/smaregi/api/sandbox/pos/products?limit=3`;
    let pages = 0;
    while (next) {
      const response: Response = await fetch(next, { headers: { authorization: `Bearer ${t}` } });
      const rows = (await response.json()) as { productId: string }[];
      seen.push(...rows.map((r) => r.productId));
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1] ?? null;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect((await api("/pos/products", { token: t, query: { limit: "1001" } })).status).toBe(400);
    const desc = (await (await api("/pos/products", { token: t, query: { sort: "productId:desc", limit: "1" } })).json()) as { productId: string }[];
    expect(desc[0]!.productId).toBe("8");
  });
});

describe("tokens", () => {
  it("an expired token answers 401 until the client fetches a new one", async () => {
    const t = await token();
    expect((await api("/pos/stores", { token: t })).status).toBe(200);
    await control("expire-tokens");
    const expired = await api("/pos/stores", { token: t });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ title: "Unauthorized", status: 401 });
    expect((await api("/pos/stores", { token: await token() })).status).toBe(200);
  });

  it("honours the configured lifetime and reports it in expires_in", async () => {
    await control("config", { tokenTtlSeconds: 1 });
    const response = await fetch(`${base}/smaregi/id/app/sandbox/token`, { method: "POST", headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
    const body = (await response.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await api("/pos/stores", { token: body.access_token })).status).toBe(401);
  });

  it("a token without the scope gets 403; wrong client credentials get 401", async () => {
    const readOnly = await token("pos.stock:read");
    const refused = await api("/pos/stock/1", { method: "PATCH", token: readOnly, body: { storeId: "1", stockAmount: "1" } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain("pos.stock:write");
    const wrong = await fetch(`${base}/smaregi/id/app/sandbox/token`, { method: "POST", headers: { authorization: `Basic ${btoa("x:y")}`, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
    expect(wrong.status).toBe(401);
  });

  it("a revoked app gets no new token and its tokens stop working", async () => {
    const t = await token();
    await control("revoke", {});
    expect((await api("/pos/stores", { token: t })).status).toBe(401);
    const again = await fetch(`${base}/smaregi/id/app/sandbox/token`, { method: "POST", headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: "invalid_client" });
  });
});

describe("user authorization", () => {
  it("login + 許可 redirects back with code and state; the code is exchanged once; userinfo names the contract", async () => {
    await control("revoke", {});
    const redirectUri = "https://renkei.example/oauth/smaregi/callback";
    const query = new URLSearchParams({ response_type: "code", client_id: DEMO.clientId, scope: "openid offline_access", state: "st-123", redirect_uri: redirectUri });
    const page = await fetch(`${base}/smaregi/id/authorize?${query}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("許可");
    const answer = await fetch(`${base}/smaregi/id/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...Object.fromEntries(query), contract_id: "sandbox", decision: "allow" }),
    });
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get("location")!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("st-123");
    const code = back.searchParams.get("code")!;
    const exchange = (c: string) =>
      fetch(`${base}/smaregi/id/authorize/token`, { method: "POST", headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "authorization_code", code: c, redirect_uri: redirectUri }) });
    const tokens = (await (await exchange(code)).json()) as { access_token: string; refresh_token?: string };
    expect(tokens.refresh_token).toBeTruthy();
    expect((await exchange(code)).status).toBe(400);
    const info = await (await fetch(`${base}/smaregi/id/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json();
    expect(info).toMatchObject({ contract: { id: "sandbox" } });
    // Authorizing installed the app: client credentials work again.
    expect(await token()).toBeTruthy();
  });

  it("拒否 redirects back with error=access_denied and the state", async () => {
    const answer = await fetch(`${base}/smaregi/id/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ response_type: "code", client_id: DEMO.clientId, scope: "openid", state: "s", redirect_uri: "https://renkei.example/cb", decision: "deny" }),
    });
    const back = new URL(answer.headers.get("location")!);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: "access_denied", state: "s" });
  });
});

describe("stock writes", () => {
  it("records every applied relative add, so a retried delta shows up as applied twice", async () => {
    const t = await token();
    for (let i = 0; i < 2; i++) {
      const r = await api("/pos/stock/2/add", { method: "POST", token: t, body: { storeId: "3", stockAmount: "-1", stockHistory: { memo: "renkei:mv-42" } } });
      expect(r.status).toBe(200);
    }
    await api("/pos/stock/2", { method: "PATCH", token: t, body: { storeId: "3", stockAmount: "10", stockHistory: { memo: "renkei:mv-43" } } });
    const writes = await control<{ kind: string; memo: string; before: number; after: number; amount: number }[]>("writes");
    expect(writes.filter((w) => w.memo === "renkei:mv-42")).toMatchObject([
      { kind: "add", amount: -1, before: 50, after: 49 },
      { kind: "add", amount: -1, before: 49, after: 48 },
    ]);
    expect(writes.at(-1)).toMatchObject({ kind: "set", amount: 10, before: 48, after: 10 });
  });

  it("a bulk call over 100 rows, or without a callback URL, is refused whole", async () => {
    const t = await token();
    const rows = Array.from({ length: 101 }, () => ({ productId: "1", storeId: "1", stockAmount: "1" }));
    const tooMany = await api("/pos/stock/bulk", { method: "PATCH", token: t, body: { stock: rows, callbackUrl: inboxUrl() } });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { detail: string }).detail).toContain("stock");
    const noCallback = await api("/pos/stock/bulk", { method: "PATCH", token: t, body: { stock: rows.slice(0, 2) } });
    expect(((await noCallback.json()) as { detail: string }).detail).toContain("callbackUrl");
    const zero = await api("/pos/stock/add/bulk", { method: "POST", token: t, body: { stock: [{ productId: "1", storeId: "1", stockAmount: "0" }], callbackUrl: inboxUrl() } });
    expect(((await zero.json()) as { detail: string }).detail).toBe("stock[0].stockAmount: 0は指定できません");
    expect(await control<unknown[]>("writes")).toEqual([]);
  });

  it("a bulk add is applied after 202 and its callback arrives later, per row; a dropped callback never comes", async () => {
    const t = await token();
    const accepted = await api("/pos/stock/add/bulk", { method: "POST", token: t, body: { stock: [{ productId: "4", storeId: "1", stockAmount: "5" }], callbackUrl: inboxUrl() } });
    expect(accepted.status).toBe(202);
    const { requestId } = (await accepted.json()) as { requestId: string };
    await vi.waitFor(async () => expect(await control<unknown[]>("inbox-read")).toHaveLength(1));
    const [callback] = await control<{ body: unknown }[]>("inbox-read");
    expect(callback!.body).toEqual([{ requestId, productId: "4", storeId: "1", result: "success", stockHistoryId: expect.any(String) }]);
    expect((await control<{ kind: string; requestId: string }[]>("writes")).map((w) => [w.kind, w.requestId])).toEqual([["bulk-add", requestId]]);

    await control("drop-callbacks", { count: 1 });
    expect((await api("/pos/stock/bulk", { method: "PATCH", token: t, body: { stock: [{ productId: "4", storeId: "1", stockAmount: "1" }], callbackUrl: inboxUrl() } })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
    expect(await control<unknown[]>("inbox-read")).toHaveLength(1);
  });

  it("a product that is not stock-managed refuses stock writes", async () => {
    const r = await api("/pos/stock/7", { method: "PATCH", token: await token(), body: { storeId: "1", stockAmount: "1" } });
    expect(r.status).toBe(400);
  });
});

describe("webhooks", () => {
  it("a stock change notifies the registered URL with the event, contract, event ID and the link's secret header", async () => {
    await control("webhook", { url: inboxUrl(), secret: "s3cret" });
    const r = await api("/pos/stock/1", { method: "PATCH", token: await token(), body: { storeId: "1", stockAmount: "9", stockHistory: { memo: "renkei:mv-7" } } });
    const { stockHistory } = (await r.json()) as { stockHistory: { id: string } };
    await vi.waitFor(async () => expect(await control<unknown[]>("inbox-read")).toHaveLength(1));
    const [hook] = await control<{ headers: Record<string, string>; body: unknown }[]>("inbox-read");
    expect(hook!.headers).toMatchObject({ "smaregi-event": "pos:stock", "smaregi-contract-id": "sandbox", "x-renkei-webhook-secret": "s3cret", "user-agent": expect.stringContaining("Smaregi-Platform-Api-Webhook") });
    expect(hook!.headers["smaregi-event-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(hook!.body).toEqual({ contractId: "sandbox", event: "pos:stock", action: "edited", ids: [{ id: stockHistory.id, productId: "1", storeId: "1" }] });
  });

  it("emit-webhook sends an event now, and resend delivers the same event ID again", async () => {
    await control("webhook", { url: inboxUrl(), secret: "s" });
    const first = await control<{ eventId: string; status: number }>("emit-webhook", { event: "pos:products", action: "edited", productIds: ["1"] });
    expect(first.status).toBe(200);
    await control("emit-webhook", { resend: first.eventId });
    const inbox = await control<{ headers: Record<string, string>; body: unknown }[]>("inbox-read");
    expect(inbox.map((d) => d.headers["smaregi-event-id"])).toEqual([first.eventId, first.eventId]);
    expect(inbox[1]!.body).toEqual(inbox[0]!.body);
  });

  it("a sale at a terminal records a transaction, takes the stock, and announces both", async () => {
    await control("webhook", { url: inboxUrl(), secret: "s" });
    const sale = await control<{ transactionHeadId: string }>("sale", { storeId: "2", lines: [{ productId: "5", quantity: 2 }], paymentMethodId: "3" });
    await vi.waitFor(async () => expect(await control<unknown[]>("inbox-read")).toHaveLength(2));
    const events = (await control<{ body: { event: string } }[]>("inbox-read")).map((d) => d.body.event).sort();
    expect(events).toEqual(["pos:stock", "pos:transactions"]);
    const detail = await (await api(`/pos/transactions/${sale.transactionHeadId}`, { token: await token(), query: { with_details: "all" } })).json();
    expect(detail).toMatchObject({ storeId: "2", total: "5960", depositOthers: [{ paymentMethodName: "QR" }] });
  });

  it("a sale's stock-history rows name their transaction in the memo", async () => {
    const sale = await control<{ transactionHeadId: string }>("sale", { storeId: "1", lines: [{ productId: "2", quantity: 1 }] });
    const rows = (await (await api("/pos/stock_changes", { token: await token(), query: { product_id: "2", store_id: "1" } })).json()) as { memo: string | null; amount: string }[];
    expect(rows.at(-1)).toMatchObject({ memo: `取引 ${sale.transactionHeadId}`, amount: "-1" });
  });

  it("a deleted product answers 204, is gone with its stock rows, and pos:products 'deleted' is announced", async () => {
    await control("webhook", { url: inboxUrl(), secret: "s" });
    const t = await token();
    expect((await api("/pos/products/6", { method: "DELETE", token: t })).status).toBe(204);
    expect((await api("/pos/products/6", { token: t })).status).toBe(404);
    expect(await (await api("/pos/stock", { token: t, query: { product_id: "6" } })).json()).toEqual([]);
    await vi.waitFor(async () => expect(await control<unknown[]>("inbox-read")).toHaveLength(1));
    const [hook] = await control<{ body: unknown }[]>("inbox-read");
    expect(hook!.body).toEqual({ contractId: "sandbox", event: "pos:products", action: "deleted", productIds: ["6"] });
    expect((await api("/pos/products/6", { method: "DELETE", token: t })).status).toBe(404);
  });
});

describe("order-shipment (受注)", () => {
  it("a store with allocation off waits for an allocation request; shipping takes warehouse stock and notifies", async () => {
    await control("webhook", { url: inboxUrl(), secret: "s" });
    await control("seed", { orderStores: [{ storeId: "3", storeName: "Yahoo!店", warehouseStoreId: "3", autoAllocationFlag: 0 }] });
    const t = await token();
    const body = { storeId: "3", orderCode: "Y-1", orderDateTime: "2026-04-01T10:00:00+09:00", total: 8800 * 100, details: [{ productCode: "RB-001-RED", salesPrice: 8800, quantity: 100 }] };
    const created = (await (await api("/order-shipment/orders", { method: "POST", token: t, body })).json()) as { orderHeadId: string; status: string; details: { allocatedQuantity: number }[] };
    expect(created).toMatchObject({ status: "accepted", details: [{ allocatedQuantity: 0 }] });
    const duplicate = await api("/order-shipment/orders", { method: "POST", token: t, body });
    expect(((await duplicate.json()) as { detail: string }).detail).toContain("orderCode");
    // 40 at the warehouse, 1 already held by demo order 1 → 39 allocatable of 100.
    const partial = await (await api(`/order-shipment/orders/${created.orderHeadId}/allocate`, { method: "POST", token: t })).json();
    expect(partial).toMatchObject({ status: "accepted", details: [{ allocatedQuantity: 39 }] });
    expect((await api(`/order-shipment/orders/${created.orderHeadId}`, { method: "PATCH", token: t, body: { status: "shipped" } })).status).toBe(400);

    const shipped = await (await api("/order-shipment/orders/shipped", { method: "POST", token: t, body: { orders: [{ orderHeadId: "1" }, { orderHeadId: "2" }] } })).json();
    expect(shipped).toMatchObject([{ orderHeadId: "1", status: "shipped" }, { orderHeadId: "2", status: "shipped" }]);
    const stock = (await (await api("/pos/stock", { token: t, query: { store_id: "3", product_id: "1" } })).json()) as { stockAmount: string }[];
    expect(stock[0]!.stockAmount).toBe("39");
    await vi.waitFor(async () => expect((await control<{ body: { event: string } }[]>("inbox-read")).some((d) => d.body.event === "order-shipment:orders")).toBe(true));
    const hook = (await control<{ body: Record<string, unknown> }[]>("inbox-read")).find((d) => d.body.event === "order-shipment:orders")!;
    expect(hook.body).toEqual({ contractId: "sandbox", event: "order-shipment:orders", action: "shipped", storeId: "1", orderHeadIds: ["1", "2"] });
    const view = (await (await api("/order-shipment/stock", { token: t, query: { store_id: "3", product_id: "1" } })).json()) as unknown[];
    expect(view).toEqual([{ storeId: "3", productId: "1", productCode: "RB-001-RED", stockAmount: 39, allocatedAmount: 39, availableAmount: 0 }]);
  });

  it("an unknown product code in a line is refused naming the line; money must be JSON integers", async () => {
    const t = await token();
    const unknown = await api("/order-shipment/orders", { method: "POST", token: t, body: { storeId: "1", orderCode: "X", orderDateTime: "2026-04-01T10:00:00+09:00", total: 1, details: [{ productCode: "NOPE", salesPrice: 1, quantity: 1 }] } });
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(/^details\[0\]\.productCode: /);
    const strings = await api("/order-shipment/orders", { method: "POST", token: t, body: { storeId: "1", orderCode: "X", orderDateTime: "2026-04-01T10:00:00+09:00", total: "1", details: [{ productCode: "CF-200", salesPrice: 1, quantity: 1 }] } });
    expect(((await strings.json()) as { detail: string }).detail).toMatch(/^total: /);
  });

  it("paymentMethodId [I] on the head: a known one is kept and read back, an unknown one is refused naming the field with nothing written, none is null", async () => {
    const t = await token();
    const order = (orderCode: string, paymentMethodId?: string) => ({
      storeId: "1",
      orderCode,
      orderDateTime: "2026-04-01T10:00:00+09:00",
      total: 1620,
      ...(paymentMethodId ? { paymentMethodId } : {}),
      details: [{ productCode: "CF-200", salesPrice: 1620, quantity: 1 }],
    });
    const paid = await api("/order-shipment/orders", { method: "POST", token: t, body: order("PAY-1", "2") });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({ orderCode: "PAY-1", paymentMethodId: "2" });
    const unknown = await api("/order-shipment/orders", { method: "POST", token: t, body: order("PAY-2", "99") });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ type: "about:blank", status: 400, detail: expect.stringMatching(/^paymentMethodId: /) });
    const none = await api("/order-shipment/orders", { method: "POST", token: t, body: order("PAY-3") });
    expect(await none.json()).toMatchObject({ orderCode: "PAY-3", paymentMethodId: null });
    const listed = (await (await api("/order-shipment/orders", { token: t, query: { store_id: "1" } })).json()) as { orderCode: string; paymentMethodId: string | null }[];
    expect(listed.filter((o) => o.orderCode.startsWith("PAY-")).map((o) => [o.orderCode, o.paymentMethodId])).toEqual([["PAY-1", "2"], ["PAY-3", null]]);
  });
});

describe("SKU matching", () => {
  it("is exact by default and case-insensitive when configured", async () => {
    const t = await token();
    const lookup = async () => ((await (await api("/pos/products", { token: t, query: { product_code: "rb-001-red" } })).json()) as unknown[]).length;
    expect(await lookup()).toBe(0);
    await control("config", { skuMatch: "case-insensitive" });
    expect(await lookup()).toBe(1);
  });
});

describe("injected failures", () => {
  it("answers the next requests with the given status, then behaves", async () => {
    const t = await token();
    await control("fail", { status: 503, count: 2 });
    expect((await api("/pos/stores", { token: t })).status).toBe(503);
    const second = await api("/pos/stores", { token: t });
    expect([second.status, second.headers.get("retry-after")]).toEqual([503, "1"]);
    expect((await api("/pos/stores", { token: t })).status).toBe(200);
  });
});
