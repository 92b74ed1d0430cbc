import { describe, expect, inject, it } from "vitest";
import { RakutenClient } from "../../../worker/connectors/rakuten/client";
import { RmsAuthError, RmsError } from "../../../worker/connectors/rakuten/errors";
import { TransientError } from "../../../worker/sync/messages";
import { rakutenFixtures, resolve, capture, type FixtureShop } from "../../fakes/rakuten/fixtures/index";

// Real HTTP over loopback to the fakes server the worker project's globalSetup started.
const fakes = inject("fakesUrl");
const FAST = { ratePerSecond: 1000, asyncDelayMs: 0 };

async function control(action: string, body: unknown): Promise<any> {
  const response = await fetch(`${fakes}/__control/rakuten/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status, `${action}: ${response.status}`).toBe(200);
  return response.json();
}

async function newShop(shop: FixtureShop & { settings?: object } = {}): Promise<{ serviceSecret: string; licenseKey: string; orderNumbers: string[] }> {
  return control("seed", { serviceSecret: `SP_${crypto.randomUUID()}`, settings: FAST, ...shop });
}

const clientFor = (shop: { serviceSecret: string; licenseKey: string }, options: { minIntervalMs?: number; searchResultCap?: number; licenseKey?: string } = {}) =>
  new RakutenClient({ baseUrl: `${fakes}/rakuten`, serviceSecret: shop.serviceSecret, licenseKey: options.licenseKey ?? shop.licenseKey, minIntervalMs: options.minIntervalMs ?? 0, searchResultCap: options.searchResultCap });

async function caught(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

const messagesOf = (body: any) => body?.MessageModelList ?? body?.ResultShippingModelList?.flatMap((r: any) => r.MessageModelList) ?? [];

describe("RMS contract fixtures replayed through the client", () => {
  for (const [fn, cases] of Object.entries(rakutenFixtures)) {
    for (const c of cases) {
      it(`${fn}: ${c.name}`, async () => {
        const shop = await newShop(c.shop);
        if (c.http) {
          const client = clientFor(shop, { licenseKey: c.auth === "wrong" ? "SL_wrong" : undefined });
          if (c.response!.status === 200) {
            expect(await client.getLicenseExpiry()).toEqual(new Date(`${(c.response!.body as { expiryDate: string }).expiryDate}+09:00`));
          } else {
            const error = await caught(client.searchOrderPage(c.http.body as Record<string, unknown>));
            expect(error).toBeInstanceOf(RmsAuthError);
            expect(error.code).toBe("ES01-01");
          }
          return;
        }
        const client = clientFor(shop);
        const vars: Record<string, unknown> = {};
        for (const step of c.steps) {
          const expected = step.response.body as any;
          const perOrder = step.function === "confirmOrder";
          const failing = step.response.status !== 200 || messagesOf(expected).some((m: any) => m.messageType === "ERROR" && !(perOrder && m.orderNumber) && !expected.ResultShippingModelList);
          const sent = client.call(step.function, resolve(step.request, vars), perOrder);
          if (failing) {
            // An ERROR is an error, whatever the HTTP status.
            const error = await caught(sent);
            expect(error).toBeInstanceOf(RmsError);
            expect(error.status).toBe(step.response.status);
            expect(error.messages).toMatchObject(messagesOf(expected));
          } else {
            const body = await sent;
            expect(body).toMatchObject(capture(expected, body, vars) as object);
          }
        }
      });
    }
  }
});

describe("RakutenClient", () => {
  it("splits a half-year search into windows of at most 63 days and finds every order once", async () => {
    const shop = await newShop({ now: "2026-06-30T12:00:00+0900", generate: { count: 300, from: "2026-01-05T00:00:00+0900", to: "2026-06-25T00:00:00+0900", skus: ["RB-001-RED"] } });
    const client = clientFor(shop);
    const found: string[] = [];
    for await (const page of client.searchOrderNumbers({ from: new Date("2026-01-01T00:00:00+09:00"), to: new Date("2026-06-30T00:00:00+09:00") })) found.push(...page);
    expect(found.sort()).toEqual([...shop.orderNumbers].sort());
    expect(client.calls.searchOrder).toBe(3); // 181 days → 63 + 63 + 55
  });

  it("pages 1,000 at a time and halves a window holding more than RMS serves", async () => {
    const shop = await newShop({ now: "2026-06-30T12:00:00+0900", settings: { ...FAST, searchResultCap: 2000 }, generate: { count: 2500, from: "2026-06-01T00:00:00+0900", to: "2026-06-10T00:00:00+0900", skus: ["CF-200"] } });
    const client = clientFor(shop, { searchResultCap: 2000 });
    const found: string[] = [];
    for await (const page of client.searchOrderNumbers({ from: new Date("2026-06-01T00:00:00+09:00"), to: new Date("2026-06-11T00:00:00+09:00") })) {
      expect(page.length).toBeLessThanOrEqual(1000);
      found.push(...page);
    }
    expect(new Set(found).size).toBe(2500);
    expect(found.length).toBe(2500);
  });

  it("reads orders 100 per getOrder call, with SKU fields, and reports numbers RMS does not know", async () => {
    const shop = await newShop({ now: "2026-06-30T12:00:00+0900", generate: { count: 250, from: "2026-06-01T00:00:00+0900", to: "2026-06-10T00:00:00+0900", skus: ["TS-100-M"] } });
    const client = clientFor(shop);
    const { orders, missing } = await client.getOrders([...shop.orderNumbers, "399999-20260601-99999999"]);
    expect(orders).toHaveLength(250);
    expect(missing).toEqual(["399999-20260601-99999999"]);
    expect(client.calls.getOrder).toBe(3);
    expect(orders[0]!.PackageModelList[0]!.ItemModelList[0]!.SkuModelList).toEqual([{ variantId: "ts-100-m", merchantDefinedSkuId: "TS-100-M", skuInfo: null }]);
  });

  it("confirms orders per order: the first time ok, a repeat answers ERROR_103 for that order without failing the call", async () => {
    const shop = await newShop({ generate: { count: 120, from: "2026-06-01T00:00:00+0900", to: "2026-06-10T00:00:00+0900", skus: ["CF-200"], orderProgress: 100 }, now: "2026-06-30T12:00:00+0900" });
    const client = clientFor(shop);
    const first = await client.confirmOrders(shop.orderNumbers);
    expect(first.filter((o) => o.ok)).toHaveLength(120);
    expect(client.calls.confirmOrder).toBe(2);
    const again = await client.confirmOrders(shop.orderNumbers.slice(0, 1));
    expect(again).toEqual([expect.objectContaining({ ok: false, messageCode: "ORDER_EXT_API_CONFIRM_ORDER_ERROR_103" })]);
  });

  it("an ERROR in a 200 answer is an RmsError, a 503 and a rate limit that persists are TransientError with Retry-After; a throttled call is asked again", async () => {
    const shop = await newShop();
    await control("fail", { serviceSecret: shop.serviceSecret, failures: [{ function: "getOrder", messageCode: "ORDER_EXT_API_GET_ORDER_ERROR_999", message: "システムエラー" }, { status: 503, retryAfter: 7 }] });
    const client = clientFor(shop);
    const business = await caught(client.getOrders(["x"]));
    expect(business).toBeInstanceOf(RmsError);
    expect(business).toMatchObject({ status: 200, code: "ORDER_EXT_API_GET_ORDER_ERROR_999" });
    const outage = await caught(client.getOrders(["x"]));
    expect(outage).toBeInstanceOf(TransientError);
    expect(outage.retryAfterSeconds).toBe(7);

    const limited = await newShop({ settings: { ratePerSecond: 1, asyncDelayMs: 0 } });
    const eager = clientFor(limited, { minIntervalMs: 0 });
    await eager.getOrders(["x"]);
    // throttled (not carried out): asked again after Retry-After, within the same call
    await eager.getOrders(["x"]);
    const statuses = async () => ((await control("state", { serviceSecret: limited.serviceSecret })).callLog as { status: number }[]).map((c) => c.status);
    expect(await statuses()).toEqual([200, 429, 200]);
    // still throttled after two more tries: the job gets a TransientError with RMS's Retry-After
    await control("fail", { serviceSecret: limited.serviceSecret, failures: [1, 2, 3].map(() => ({ status: 429, retryAfter: 1 })) });
    const throttled = await caught(eager.getOrders(["x"]));
    expect(throttled).toBeInstanceOf(TransientError);
    expect(throttled.retryAfterSeconds).toBe(1);
    expect((await statuses()).slice(3)).toEqual([429, 429, 429]);
  });

  it("paced at one call a second, a client never meets the 1 request/s limit", async () => {
    const shop = await newShop({ settings: { ratePerSecond: 1, asyncDelayMs: 0 } });
    const client = clientFor(shop, { minIntervalMs: 1050 });
    for (let i = 0; i < 3; i++) await client.getOrders(["x"]);
    const state = await control("state", { serviceSecret: shop.serviceSecret });
    expect(state.callLog.map((c: { status: number }) => c.status)).toEqual([200, 200, 200]);
  });

  it("an expired license key stops the client with RmsAuthError; the expiry date is readable before that", async () => {
    const shop = await newShop({ now: "2026-11-20T09:00:00+0900", licenseIssuedAt: "2026-08-30T10:00:00+0900" });
    const client = clientFor(shop);
    expect(await client.getLicenseExpiry()).toEqual(new Date("2026-11-28T23:59:59+09:00"));
    await control("clock", { serviceSecret: shop.serviceSecret, set: "2026-11-29T00:00:00+0900" });
    const error = await caught(client.getOrders(["x"]));
    expect(error).toBeInstanceOf(RmsAuthError);
    expect(error.message).toContain("90 days");
  });

  it("reports shipping for 150 orders in two calls, polls the results, and an upsert by shippingDetailId adds no second parcel", async () => {
    const shop = await newShop({ now: "2026-06-30T12:00:00+0900", settings: { ...FAST, asyncDelayMs: 300 }, generate: { count: 150, from: "2026-06-20T00:00:00+0900", to: "2026-06-29T00:00:00+0900", skus: ["RB-001-BLU"], orderProgress: 300 } });
    const client = clientFor(shop);
    const { orders } = await client.getOrders(shop.orderNumbers);
    const report = orders.map((o) => ({
      orderNumber: o.orderNumber,
      BasketidModelList: [{ basketId: o.PackageModelList[0]!.basketId, ShippingModelList: [{ deliveryCompany: "1001", shippingNumber: `T${o.orderNumber.slice(-6)}`, shippingDate: "2026-06-30" }] }],
    }));
    const requests = await client.updateOrderShippingAsync(report);
    expect(requests.map((r) => r.orderNumbers.length)).toEqual([100, 50]);
    expect(await client.getShippingResult(requests[0]!.requestId)).toBeNull(); // not applied yet
    const results = await Promise.all(requests.map((r) => client.waitForShippingResult(r.requestId, { intervalMs: 100, timeoutMs: 5000 })));
    const outcomes = results.flatMap((r) => r.orders);
    expect(outcomes).toHaveLength(150);
    expect(outcomes.every((o) => o.ok && o.messages[0]!.messageCode === "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101")).toBe(true);

    // A retry done right: read the record RMS created and send its shippingDetailId.
    const first = outcomes[0]!;
    const retry = await client.updateOrderShippingAsync([{ orderNumber: first.orderNumber, BasketidModelList: [{ basketId: report[0]!.BasketidModelList[0]!.basketId, ShippingModelList: [{ shippingDetailId: first.messages[0]!.shippingDetailId!, shippingNumber: report[0]!.BasketidModelList[0]!.ShippingModelList[0]!.shippingNumber }] }] }]);
    const again = await client.waitForShippingResult(retry[0]!.requestId, { intervalMs: 100, timeoutMs: 5000 });
    expect(again.orders[0]!.messages[0]!.messageCode).toBe("ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_102");
    const records = await control("shipping-records", { serviceSecret: shop.serviceSecret, orderNumber: first.orderNumber });
    expect(records[0].packages[0].ShippingModelList).toHaveLength(1);
    expect(records[0].duplicates).toEqual([]);
    expect(records[0].orderProgress).toBe(500);
  });

  it("a refused shipping report (HTTP 200, ERROR, no requestId) throws RmsError with RMS's per-line messages", async () => {
    const shop = await newShop({ orders: [{ orderProgress: 300, packages: [{ basketId: 7, items: [{ manageNumber: "a", price: 1, units: 1 }] }] }] });
    const error = await caught(clientFor(shop).updateOrderShippingAsync([{ orderNumber: shop.orderNumbers[0]!, BasketidModelList: [{ basketId: 7, ShippingModelList: [{ deliveryCompany: "ヤマト" }] }] }]));
    expect(error).toBeInstanceOf(RmsError);
    expect(error.status).toBe(200);
    expect(error.messages).toMatchObject([{ messageType: "ERROR", messageCode: "ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011", dataNumber: 1 }]);
    expect(error.accepted).toEqual([]);
  });
});
