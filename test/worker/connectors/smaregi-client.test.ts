/**
 * The Smaregi client inside workerd against the fake Smaregi over real loopback HTTP. Each test
 * loads its own copy of the demo under a fresh contract and app, so tests beside it (sharing the
 * fakes server) cannot disturb it. The public-doc fixtures are replayed through the client first.
 */
import { describe, expect, inject, it, vi } from "vitest";
import { SmaregiBulkResult, IntString } from "../../../shared/schemas/smaregi";
import { TransientError } from "../../../worker/sync/messages";
import { appAccessToken, authorizeUrl, exchangeCode, readAuthorizeCallback, SmaregiAuthError } from "../../../worker/connectors/smaregi/auth";
import { SmaregiApiError, SmaregiClient, SmaregiUncertainWriteError, nextLink, type SmaregiStoredToken } from "../../../worker/connectors/smaregi/client";
import { readSmaregiWebhook, SmaregiWebhookError } from "../../../worker/connectors/smaregi/webhook";
import { splitWindows } from "../../../worker/connectors/smaregi/windows";
import { fixtures, headerMismatches, mismatches, substitute } from "../../fakes/smaregi/fixtures/replay";

const fakes = () => inject("fakesUrl");

async function control<T = unknown>(action: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${fakes()}/__control/smaregi/${action}`, { method: "POST", body: JSON.stringify(body) });
  return (await response.json()) as T;
}

/** A fresh demo contract and app, a client on it with an in-memory token store, and a request log. */
async function sandbox(options: { initialToken?: SmaregiStoredToken } = {}) {
  const suffix = crypto.randomUUID().slice(0, 8);
  const ids = { contractId: `ct_${suffix}`, clientId: `app-${suffix}`, clientSecret: `secret-${suffix}` };
  await control("demo", ids);
  let stored: SmaregiStoredToken | null = options.initialToken ?? null;
  const saved: SmaregiStoredToken[] = [];
  const requests: { method: string; url: string; status: number }[] = [];
  const fetcher = async (input: string, init?: RequestInit) => {
    const response = await fetch(input, init);
    requests.push({ method: init?.method ?? "GET", url: input, status: response.status });
    return response;
  };
  const config = { idBaseUrl: `${fakes()}/smaregi/id`, apiBaseUrl: `${fakes()}/smaregi/api`, ...ids, fetcher };
  const client = new SmaregiClient({
    ...config,
    scopes: [],
    tokens: {
      load: async () => stored,
      save: async (token) => {
        stored = token;
        saved.push(token);
      },
    },
  });
  const inbox = `${fakes()}/__control/smaregi/inbox?box=${ids.contractId}`;
  const inboxRead = () => control<{ headers: Record<string, string>; body: unknown }[]>("inbox-read", { box: ids.contractId });
  return { ...ids, client, config, saved, requests, inbox, inboxRead };
}

describe("contract fixtures replayed through the client", () => {
  for (const raw of fixtures) {
    it(`${raw.name} (${raw.evidence})`, async () => {
      const s = await sandbox();
      const fixture = substitute(raw, { inbox: s.inbox });
      if (fixture.host === "id") {
        const response = await fetch(`${s.config.idBaseUrl}${fixture.request.path.replace("/sandbox/", `/${s.contractId}/`)}`, {
          method: fixture.request.method,
          headers: { authorization: `Basic ${btoa(`${s.clientId}:${s.clientSecret}`)}`, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fixture.request.form),
        });
        expect({ status: response.status, problems: mismatches(await response.json(), fixture.response.body) }).toEqual({ status: fixture.response.status, problems: [] });
        const typed = await appAccessToken({ ...s.config, scopes: fixture.request.form!.scope!.split(" ") });
        expect(typed.scope).toBe(fixture.request.form!.scope);
        expect(typed.expiresAt).toBeGreaterThan(Date.now());
        return;
      }
      const answer = await s.client.raw(fixture.request.method, fixture.request.path, { query: fixture.request.query, body: fixture.request.body });
      expect({ status: answer.status, problems: [...mismatches(answer.body, fixture.response.body), ...headerMismatches(answer.headers, fixture.response.headers)] }).toEqual({
        status: fixture.response.status,
        problems: [],
      });
      if (fixture.callback) {
        await vi.waitFor(async () => expect(await s.inboxRead()).toHaveLength(1));
        const [delivery] = await s.inboxRead();
        expect(mismatches(delivery!.body, fixture.callback)).toEqual([]);
        // the client's schema reads the (assumed) callback shape too
        expect(SmaregiBulkResult.parse(delivery!.body)).toHaveLength(2);
      }
      if (fixture.client) {
        const fresh = await sandbox();
        const method = (fresh.client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[fixture.client.call]!.bind(fresh.client);
        if (fixture.client.error) {
          const error = await method(...fixture.client.args).catch((e: unknown) => e);
          expect(error).toMatchObject(fixture.client.error);
        } else {
          expect(mismatches(await method(...fixture.client.args), fixture.client.expect)).toEqual([]);
        }
      }
    });
  }
});

describe("paging", () => {
  it("follows Link rel=next until the last page and returns every row once", async () => {
    const s = await sandbox();
    const products = await s.client.listProducts({ limit: 3 });
    expect(products.map((p) => p.productId)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(s.requests.filter((r) => r.url.includes("/pos/products"))).toHaveLength(3);
    expect(products[0]).toMatchObject({ productCode: "RB-001-RED", price: 8800 });
  });

  it("resolves a relative Link and ignores other relations", () => {
    expect(nextLink('</x/products?page=2>; rel="next", </x/products?page=9>; rel="last"', "https://api.smaregi.dev/x/products?page=1")).toBe("https://api.smaregi.dev/x/products?page=2");
    expect(nextLink('<https://api.smaregi.dev/a?page=9>; rel="last"', "https://api.smaregi.dev/a")).toBeNull();
  });
});

describe("errors", () => {
  it("a 429 becomes a TransientError carrying Retry-After", async () => {
    const s = await sandbox();
    await control("fail", { contractId: s.contractId, status: 429 });
    const error = await s.client.listStores().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterSeconds).toBe(1);
    expect(await s.client.listStores()).toHaveLength(3);
  });

  it("the real per-second cap turns a burst into TransientErrors, never a silent drop", async () => {
    const s = await sandbox();
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => s.client.getStore("1")));
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.every((e) => e instanceof TransientError && e.retryAfterSeconds === 1)).toBe(true);
  });

  it("5xx is transient for reads and absolute sets, but an /add that may have landed is uncertain", async () => {
    const s = await sandbox();
    await control("fail", { contractId: s.contractId, status: 503, count: 2 });
    await expect(s.client.setStock("1", { storeId: "1", stockAmount: 3 })).rejects.toBeInstanceOf(TransientError);
    await expect(s.client.addStock("1", { storeId: "1", stockAmount: 1, memo: "mv-1" })).rejects.toBeInstanceOf(SmaregiUncertainWriteError);
    await control("fail", { contractId: s.contractId, status: 429 });
    await expect(s.client.addStock("1", { storeId: "1", stockAmount: 1 })).rejects.toBeInstanceOf(TransientError);
  });

  it("a Problem-JSON 400 keeps its status, title and the detail naming the field", async () => {
    const s = await sandbox();
    const error = (await s.client.setStock("1", { storeId: "1", stockAmount: 1_000_000_000 }).catch((e: unknown) => e)) as SmaregiApiError;
    expect(error).toBeInstanceOf(SmaregiApiError);
    expect(error).toMatchObject({ status: 400, title: "Bad Request" });
    expect(error.detail).toMatch(/^stockAmount: /);
  });
});

describe("tokens", () => {
  it("fetches a token once, keeps using it, and renews once on a 401 after expiry", async () => {
    const s = await sandbox();
    await s.client.listStores();
    await s.client.listPaymentMethods();
    expect(s.saved).toHaveLength(1);
    await control("expire-tokens", { contractId: s.contractId });
    expect(await s.client.listStores()).toHaveLength(3);
    expect(s.saved).toHaveLength(2);
    expect(s.saved[1]!.accessToken).not.toBe(s.saved[0]!.accessToken);
    expect(s.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it("renews before calling when the stored token is about to expire", async () => {
    const s = await sandbox({ initialToken: { accessToken: "stale", expiresAt: Date.now() + 10_000, scope: "" } });
    await s.client.listStores();
    expect(s.requests.map((r) => r.status)).toEqual([200, 200]); // token, then the call: no 401 round trip
    expect(s.saved).toHaveLength(1);
  });

  it("a revoked app surfaces as SmaregiAuthError, not as something to retry", async () => {
    const s = await sandbox();
    await s.client.listStores();
    await control("revoke", { contractId: s.contractId, clientId: s.clientId });
    const error = await s.client.listStores().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmaregiAuthError);
    expect(error).not.toBeInstanceOf(TransientError);
  });

  it("authorize URL → login + 許可 → code and state back → code exchange names the contract", async () => {
    const s = await sandbox();
    await control("revoke", { contractId: s.contractId, clientId: s.clientId });
    const redirectUri = "https://renkei.example/oauth/smaregi/callback";
    const url = authorizeUrl({ idBaseUrl: s.config.idBaseUrl, clientId: s.clientId, redirectUri, state: "state-1", scopes: ["openid", "offline_access"] });
    expect((await fetch(url)).status).toBe(200);
    const approved = await fetch(`${s.config.idBaseUrl}/authorize`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...Object.fromEntries(new URL(url).searchParams), contract_id: s.contractId, decision: "allow" }),
    });
    const back = readAuthorizeCallback(approved.headers.get("location")!, "state-1");
    expect(readAuthorizeCallback(approved.headers.get("location")!, "other")).toEqual({ error: "state_mismatch" });
    if (!("code" in back)) throw new Error(back.error);
    const exchanged = await exchangeCode({ ...s.config, code: back.code, redirectUri });
    expect(exchanged).toMatchObject({ contractId: s.contractId, isOwner: true });
    expect(exchanged.refreshToken).toBeTruthy();
    expect(await s.client.listStores()).toHaveLength(3);
  });
});

describe("transactions over long ranges", () => {
  it("splits 70 days into ≤ 31-day windows that neither overlap nor leave a gap", () => {
    const windows = splitWindows("2026-01-01T00:00:00+09:00", "2026-03-12T00:00:00+09:00");
    expect(windows).toEqual([
      { from: "2026-01-01T00:00:00+09:00", to: "2026-02-01T00:00:00+09:00" },
      { from: "2026-02-01T00:00:01+09:00", to: "2026-03-04T00:00:01+09:00" },
      { from: "2026-03-04T00:00:02+09:00", to: "2026-03-12T00:00:00+09:00" },
    ]);
    expect(splitWindows("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z")).toHaveLength(1);
  });

  it("reads every demo sale across three windows the fake accepts", async () => {
    const s = await sandbox();
    const rows = await s.client.listTransactions({ from: Date.now() - 70 * 86400_000, to: Date.now(), by: "transaction_date_time", withDetails: "all" });
    expect(rows.map((t) => t.transactionHeadId).sort()).toEqual(["1", "2", "3"]);
    expect(s.requests.filter((r) => r.url.includes("/pos/transactions")).map((r) => r.status)).toEqual([200, 200, 200]);
    const detail = await s.client.getTransaction("1");
    expect(detail.details?.map((d) => d.productCode)).toEqual(["RB-001-RED", "SM-BAG-01"]);
  });
});

describe("stock and bulk", () => {
  it("a bulk absolute set answers 202 and the callback reports each row", async () => {
    const s = await sandbox();
    const accepted = await s.client.bulkSetStock(
      [
        { productId: "1", storeId: "1", stockAmount: 11, memo: "mv-a" },
        { productId: "2", storeId: "1", stockAmount: 12, memo: "mv-b" },
      ],
      s.inbox,
    );
    await vi.waitFor(async () => expect(await s.inboxRead()).toHaveLength(1));
    const rows = SmaregiBulkResult.parse((await s.inboxRead())[0]!.body);
    expect(rows.map((r) => [r.requestId, r.productId, r.result])).toEqual([
      [accepted.requestId, "1", "success"],
      [accepted.requestId, "2", "success"],
    ]);
    const stock = await s.client.listStock({ storeId: "1", productId: "2" });
    expect(stock[0]!.stockAmount).toBe(12);
    await expect(s.client.bulkSetStock([], s.inbox)).rejects.toThrow(RangeError);
  });

  it("our own write comes back as a webhook whose history ID and memo we can recognise", async () => {
    const s = await sandbox();
    await control("webhook", { contractId: s.contractId, url: s.inbox, secret: "link-secret" });
    const written = await s.client.setStock("6", { storeId: "2", stockAmount: 4, memo: "renkei:mv-9" });
    await vi.waitFor(async () => expect(await s.inboxRead()).toHaveLength(1));
    const [hook] = await s.inboxRead();
    const request = () => new Request("https://renkei.example/webhooks/smaregi/link-1", { method: "POST", headers: hook!.headers, body: JSON.stringify(hook!.body) });
    const event = await readSmaregiWebhook(request(), { secret: "link-secret", contractId: s.contractId });
    if (!event.known || event.body.event !== "pos:stock") throw new Error("expected pos:stock");
    expect(event.body.ids).toEqual([{ id: written.stockHistory.id, productId: "6", storeId: "2" }]);
    const [change] = await s.client.stockChanges({ id: event.body.ids[0]!.id });
    expect(change).toMatchObject({ memo: "renkei:mv-9", stockAmount: 4 });
    const forged = await readSmaregiWebhook(request(), { secret: "other", contractId: s.contractId }).catch((e: unknown) => e);
    expect(forged).toMatchObject({ name: "SmaregiWebhookError", status: 401 });
    expect(forged).toBeInstanceOf(SmaregiWebhookError);
  });
});

describe("order-shipment", () => {
  it("creates, allocates, ships in bulk and reads back orders with integer money", async () => {
    const s = await sandbox();
    const stores = await s.client.listOrderStores();
    expect(stores.map((o) => [o.storeId, o.sellDivision, o.warehouseStoreId ?? null])).toEqual([
      ["1", "included", "3"],
      ["2", "excluded", null],
    ]);
    const order = await s.client.createOrder({ storeId: "1", orderCode: "R-CLIENT-1", orderDateTime: "2026-04-01T10:00:00+09:00", total: 1620, details: [{ productCode: "CF-200", salesPrice: 1620, quantity: 1 }] });
    expect(order).toMatchObject({ status: "allocated", total: 1620 });
    const again = await s.client.createOrder({ storeId: "1", orderCode: "R-CLIENT-1", orderDateTime: "2026-04-01T10:00:00+09:00", total: 1620, details: [{ productCode: "CF-200", salesPrice: 1620, quantity: 1 }] }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 400 });
    expect((await s.client.listOrders({ orderCode: "R-CLIENT-1" })).map((o) => o.orderHeadId)).toEqual([order.orderHeadId]);
    const shipped = await s.client.shipOrders([{ orderHeadId: order.orderHeadId, shippedDateTime: "2026-04-02T09:00:00+09:00" }]);
    expect(shipped).toEqual([{ orderHeadId: order.orderHeadId, status: "shipped", shippedDateTime: "2026-04-02T09:00:00+09:00" }]);
    expect((await s.client.getOrder(order.orderHeadId)).status).toBe("shipped");
    await expect(s.client.updateOrderStatus(order.orderHeadId, "canceled")).rejects.toBeInstanceOf(SmaregiApiError);
    const held = await s.client.orderStock("1", "4");
    expect(held).toEqual([{ storeId: "1", productId: "4", productCode: "TS-100-M", stockAmount: 70, allocatedAmount: 2, availableAmount: 68 }]);
  });
});

describe("wire numbers", () => {
  it("integer strings parse strictly: decimals, exponents and blanks are refused", () => {
    expect(IntString.parse("-12")).toBe(-12);
    for (const bad of ["1.5", "1e3", "", " 1", "0x10"]) expect(IntString.safeParse(bad).success).toBe(false);
  });
});
