import { describe, expect, it } from "vitest";
import { capture, rakutenFixtures, resolve, type FixtureShop } from "./fixtures/index";
import { createRakutenFake } from "./index";

const fake = createRakutenFake();
const FAST = { ratePerSecond: 1000, asyncDelayMs: 0 };

async function control(action: string, body: unknown = {}) {
  const response = await fake.control(action, new Request(`http://fake/__control/rakuten/${action}`, { method: "POST", body: JSON.stringify(body) }));
  expect(response, action).toBeDefined();
  return { status: response!.status, body: (await response!.json()) as any };
}

interface Shop {
  serviceSecret: string;
  licenseKey: string;
}

/** A fresh shop per test: every shop has its own clock, limits and orders. */
async function newShop(shop: FixtureShop & { settings?: object } = {}): Promise<Shop & { orderNumbers: string[] }> {
  const serviceSecret = `SP_${crypto.randomUUID()}`;
  const { body } = await control("seed", { serviceSecret, settings: FAST, ...shop });
  return body;
}

const esa = (shop: Shop, key = shop.licenseKey) => `ESA ${btoa(`${shop.serviceSecret}:${key}`)}`;

async function call(shop: Shop, fn: string, body: unknown, key?: string) {
  const response = await fake.fetch(
    new Request(`http://fake/rakuten/es/2.0/order/${fn}/`, {
      method: "POST",
      headers: { authorization: esa(shop, key), "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const window = (start: string, end: string, extra: object = {}) => ({
  dateType: 1,
  startDatetime: start,
  endDatetime: end,
  PaginationRequestModel: { requestRecordsAmount: 1000, requestPage: 1, SortModelList: [{ sortColumn: 1, sortDirection: 1 }] },
  ...extra,
});

describe("RMS contract fixtures replayed against the fake", () => {
  for (const [fn, cases] of Object.entries(rakutenFixtures)) {
    for (const c of cases) {
      it(`${fn}: ${c.name}`, async () => {
        const shop = await newShop(c.shop);
        const vars: Record<string, unknown> = { licenseKey: shop.licenseKey };
        if (c.http) {
          const path = c.http.path.replace("$licenseKey", shop.licenseKey);
          const response = await fake.fetch(
            new Request(`http://fake/rakuten${path}`, {
              method: c.http.method,
              headers: { authorization: esa(shop, c.auth === "wrong" ? "SL_wrong" : undefined) },
              body: c.http.body ? JSON.stringify(c.http.body) : undefined,
            }),
          );
          expect(response.status).toBe(c.response!.status);
          expect(await response.json()).toEqual(c.response!.body);
          return;
        }
        for (const step of c.steps) {
          const actual = await call(shop, step.function, resolve(step.request, vars));
          expect(actual.status, step.function).toBe(step.response.status);
          expect(actual.body).toMatchObject(capture(step.response.body, actual.body, vars) as object);
        }
      });
    }
  }
});

describe("searchOrder", () => {
  it("accepts a window of exactly 63 days and refuses one second more", async () => {
    const shop = await newShop({ now: "2024-06-30T12:00:00+0900" });
    expect((await call(shop, "searchOrder", window("2024-04-01T00:00:00+0900", "2024-06-03T00:00:00+0900"))).status).toBe(200);
    const tooLong = await call(shop, "searchOrder", window("2024-04-01T00:00:00+0900", "2024-06-03T00:00:01+0900"));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.MessageModelList[0]).toMatchObject({ messageType: "ERROR", messageCode: "ORDER_EXT_API_SEARCH_ORDER_ERROR_013" });
  });

  it("refuses a start more than 730 days back and an end before the start", async () => {
    const shop = await newShop({ now: "2024-06-30T12:00:00+0900" });
    expect((await call(shop, "searchOrder", window("2022-06-01T00:00:00+0900", "2022-06-02T00:00:00+0900"))).status).toBe(400);
    expect((await call(shop, "searchOrder", window("2024-06-02T00:00:00+0900", "2024-06-01T00:00:00+0900"))).status).toBe(400);
  });

  it("pages 2,500 orders 1,000 at a time without losing or repeating one, and refuses 1,001 per page", async () => {
    const shop = await newShop({ now: "2024-06-30T12:00:00+0900", generate: { count: 2500, from: "2024-06-01T00:00:00+0900", to: "2024-06-29T00:00:00+0900", skus: ["A-1"] } });
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const r = await call(shop, "searchOrder", { ...window("2024-06-01T00:00:00+0900", "2024-06-30T00:00:00+0900"), PaginationRequestModel: { requestRecordsAmount: 1000, requestPage: page, SortModelList: [{ sortColumn: 1, sortDirection: 1 }] } });
      expect(r.body.PaginationResponseModel).toEqual({ totalRecordsAmount: 2500, totalPages: 3, requestPage: page });
      seen.push(...r.body.orderNumberList);
    }
    expect(new Set(seen).size).toBe(2500);
    expect(seen.sort()).toEqual([...shop.orderNumbers].sort());
    const tooMany = await call(shop, "searchOrder", { ...window("2024-06-01T00:00:00+0900", "2024-06-30T00:00:00+0900"), PaginationRequestModel: { requestRecordsAmount: 1001, requestPage: 1 } });
    expect(tooMany.status).toBe(400);
  });

  it("serves no result past the cap (RMS: 15,000) while the total still counts them", async () => {
    const shop = await newShop({ now: "2024-06-30T12:00:00+0900", settings: { ...FAST, searchResultCap: 50 }, generate: { count: 60, from: "2024-06-01T00:00:00+0900", to: "2024-06-29T00:00:00+0900", skus: ["A-1"] } });
    const page = (n: number) => call(shop, "searchOrder", { ...window("2024-06-01T00:00:00+0900", "2024-06-30T00:00:00+0900"), PaginationRequestModel: { requestRecordsAmount: 30, requestPage: n, SortModelList: [{ sortColumn: 1, sortDirection: 1 }] } });
    expect((await page(2)).body.orderNumberList).toHaveLength(20);
    expect((await page(2)).body.PaginationResponseModel.totalRecordsAmount).toBe(60);
  });

  it("filters by orderProgressList", async () => {
    const shop = await control("demo", { serviceSecret: `SP_${crypto.randomUUID()}`, settings: FAST }).then((r) => r.body);
    const r = await call(shop, "searchOrder", window("2000-01-01T00:00:00+0900", "2000-01-02T00:00:00+0900"));
    expect(r.status).toBe(400); // the demo shop lives in the present: 2000 is more than 730 days back
    const state = await control("state", { serviceSecret: shop.serviceSecret });
    const now = Date.parse(state.body.now.replace("+0900", "+09:00"));
    const fmt = (ms: number) => `${new Date(ms + 9 * 3600_000).toISOString().slice(0, 19)}+0900`;
    const waiting = await call(shop, "searchOrder", window(fmt(now - 10 * 86_400_000), fmt(now), { orderProgressList: [100] }));
    expect(waiting.body.orderNumberList).toHaveLength(5);
  });
});

describe("getOrder", () => {
  it("refuses more than 100 order numbers and a version below 3", async () => {
    const shop = await newShop();
    const numbers = Array.from({ length: 101 }, (_, i) => `399999-20240101-${String(i).padStart(8, "0")}`);
    expect((await call(shop, "getOrder", { orderNumberList: numbers, version: 7 })).status).toBe(400);
    expect((await call(shop, "getOrder", { orderNumberList: numbers.slice(0, 100), version: 7 })).status).toBe(200);
    expect((await call(shop, "getOrder", { orderNumberList: numbers.slice(0, 1), version: 2 })).status).toBe(400);
  });

  it("answers SkuModelList only from version 7", async () => {
    const shop = await newShop({ orders: [{ items: [{ manageNumber: "ts-100", variantId: "ts-100-s", merchantDefinedSkuId: "TS-100-S", price: 3300, units: 1 }] }] });
    const item = async (version: number) => (await call(shop, "getOrder", { orderNumberList: shop.orderNumbers, version })).body.OrderModelList[0].PackageModelList[0].ItemModelList[0];
    expect(await item(6)).not.toHaveProperty("SkuModelList");
    expect((await item(7)).SkuModelList).toEqual([{ variantId: "ts-100-s", merchantDefinedSkuId: "TS-100-S", skuInfo: null }]);
  });
});

describe("confirmOrder", () => {
  it("moves 注文確認待ち to 発送待ち once; a repeat is an ERROR with HTTP 200", async () => {
    const shop = await newShop({ orders: [{ orderProgress: 100, items: [{ manageNumber: "a", price: 100, units: 1 }] }] });
    const first = await call(shop, "confirmOrder", { orderNumberList: shop.orderNumbers });
    expect(first.body.MessageModelList[0]).toMatchObject({ messageType: "INFO", messageCode: "ORDER_EXT_API_CONFIRM_ORDER_INFO_101" });
    const order = (await call(shop, "getOrder", { orderNumberList: shop.orderNumbers, version: 7 })).body.OrderModelList[0];
    expect(order.orderProgress).toBe(300);
    expect(order.shopOrderCfmDatetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0900$/);
    const again = await call(shop, "confirmOrder", { orderNumberList: shop.orderNumbers });
    expect(again.status).toBe(200);
    expect(again.body.MessageModelList[0]).toMatchObject({ messageType: "ERROR", messageCode: "ORDER_EXT_API_CONFIRM_ORDER_ERROR_103" });
  });
});

describe("updateOrderShippingAsync", () => {
  const seedShipped = () => newShop({ orders: [{ orderProgress: 300, packages: [{ basketId: 1, items: [{ manageNumber: "a", price: 100, units: 1 }] }] }] });
  const parcel = (orderNumber: string, model: object) => ({ OrderShippingModelList: [{ orderNumber, BasketidModelList: [{ basketId: 1, ShippingModelList: [model] }] }] });

  it("refuses 101 orders, a repeated order number and 21 records for one basket, with HTTP 200 and no requestId", async () => {
    const shop = await seedShipped();
    const many = { OrderShippingModelList: Array.from({ length: 101 }, (_, i) => ({ orderNumber: `x-${i}`, BasketidModelList: [{ basketId: 1, ShippingModelList: [{ deliveryCompany: "1001" }] }] })) };
    for (const body of [
      many,
      { OrderShippingModelList: [...parcel("o", { deliveryCompany: "1001" }).OrderShippingModelList, ...parcel("o", { deliveryCompany: "1001" }).OrderShippingModelList] },
      { OrderShippingModelList: [{ orderNumber: "o", BasketidModelList: [{ basketId: 1, ShippingModelList: Array.from({ length: 21 }, () => ({ deliveryCompany: "1001" })) }] }] },
    ]) {
      const r = await call(shop, "updateOrderShippingAsync", body);
      expect(r.status).toBe(200);
      expect(r.body.MessageModelList[0].messageType).toBe("ERROR");
      expect(r.body.MessageModelList[0].requestId).toBeUndefined();
    }
  });

  it("applies later: the result is absent until the update has run", async () => {
    const shop = await seedShipped();
    await control("settings", { serviceSecret: shop.serviceSecret, asyncDelayMs: 150 });
    const accepted = await call(shop, "updateOrderShippingAsync", parcel(shop.orderNumbers[0]!, { deliveryCompany: "1001", shippingNumber: "111", shippingDate: "2024-01-02" }));
    const { requestId } = accepted.body.MessageModelList[0];
    const early = await call(shop, "getResultUpdateOrderShippingAsync", { requestId });
    expect(early.body.ResultShippingModelList[0].MessageModelList[0].messageCode).toBe("ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_INFO_101");
    expect((await control("shipping-records", { serviceSecret: shop.serviceSecret })).body[0].log).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    const late = await call(shop, "getResultUpdateOrderShippingAsync", { requestId });
    expect(late.body.ResultShippingModelList[0]).toMatchObject({ orderNumber: shop.orderNumbers[0], MessageModelList: [{ messageCode: "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101" }] });
    const order = (await call(shop, "getOrder", { orderNumberList: shop.orderNumbers, version: 7 })).body.OrderModelList[0];
    expect(order.orderProgress).toBe(500);
    expect(order.PackageModelList[0].ShippingModelList).toMatchObject([{ deliveryCompany: "1001", deliveryCompanyName: "ヤマト運輸", shippingNumber: "111", shippingDate: "2024-01-02" }]);
  });

  it("a retried add without shippingDetailId leaves a second record, which shipping-records reports", async () => {
    const shop = await seedShipped();
    const add = parcel(shop.orderNumbers[0]!, { deliveryCompany: "1001", shippingNumber: "222", shippingDate: "2024-01-02" });
    await call(shop, "updateOrderShippingAsync", add);
    await call(shop, "updateOrderShippingAsync", add);
    const [records] = (await control("shipping-records", { serviceSecret: shop.serviceSecret, orderNumber: shop.orderNumbers[0] })).body;
    expect(records.packages[0].ShippingModelList).toHaveLength(2);
    expect(records.log.map((l: { action: string }) => l.action)).toEqual(["add", "add"]);
    expect(records.duplicates).toEqual([{ basketId: 1, deliveryCompany: "1001", shippingNumber: "222", shippingDetailIds: records.packages[0].ShippingModelList.map((s: { shippingDetailId: number }) => s.shippingDetailId) }]);
  });

  it("with shippingDetailId the same record is updated, and shippingDeleteFlag removes it", async () => {
    const shop = await seedShipped();
    const accepted = await call(shop, "updateOrderShippingAsync", parcel(shop.orderNumbers[0]!, { deliveryCompany: "1001", shippingNumber: "333", shippingDate: "2024-01-02" }));
    const result = await call(shop, "getResultUpdateOrderShippingAsync", { requestId: accepted.body.MessageModelList[0].requestId });
    const id = result.body.ResultShippingModelList[0].MessageModelList[0].shippingDetailId;
    await call(shop, "updateOrderShippingAsync", parcel(shop.orderNumbers[0]!, { shippingDetailId: id, shippingNumber: "334" }));
    let [records] = (await control("shipping-records", { serviceSecret: shop.serviceSecret })).body;
    expect(records.packages[0].ShippingModelList).toEqual([{ shippingDetailId: id, deliveryCompany: "1001", deliveryCompanyName: "ヤマト運輸", shippingNumber: "334", shippingDate: "2024-01-02" }]);
    expect(records.duplicates).toEqual([]);
    await call(shop, "updateOrderShippingAsync", parcel(shop.orderNumbers[0]!, { shippingDetailId: id, shippingDeleteFlag: 1 }));
    [records] = (await control("shipping-records", { serviceSecret: shop.serviceSecret })).body;
    expect(records.packages[0].ShippingModelList).toEqual([]);
    expect(records.log.map((l: { action: string }) => l.action)).toEqual(["add", "update", "delete"]);
  });

  it("an update for an unknown shippingDetailId fails the whole order and changes nothing", async () => {
    const shop = await seedShipped();
    const body = { OrderShippingModelList: [{ orderNumber: shop.orderNumbers[0], BasketidModelList: [{ basketId: 1, ShippingModelList: [{ deliveryCompany: "1001", shippingNumber: "1" }, { shippingDetailId: 424242, shippingNumber: "2" }] }] }] };
    const accepted = await call(shop, "updateOrderShippingAsync", body);
    const result = await call(shop, "getResultUpdateOrderShippingAsync", { requestId: accepted.body.MessageModelList[0].requestId });
    expect(result.body.ResultShippingModelList[0].MessageModelList).toMatchObject([{ messageType: "ERROR", dataNumber: 2, shippingDetailId: 424242 }]);
    expect((await control("shipping-records", { serviceSecret: shop.serviceSecret })).body[0].packages[0].ShippingModelList).toEqual([]);
  });

  it("a lost answer (`lose`) carries the call out: the shipping update is applied though the caller heard 504; without it nothing is", async () => {
    const shop = await seedShipped();
    const add = (n: string) => parcel(shop.orderNumbers[0]!, { deliveryCompany: "1001", shippingNumber: n, shippingDate: "2024-01-02" });
    await control("fail", { serviceSecret: shop.serviceSecret, failures: [{ function: "updateOrderShippingAsync", status: 504, lose: true }, { function: "updateOrderShippingAsync", status: 500 }] });
    expect((await call(shop, "updateOrderShippingAsync", add("L-1"))).status).toBe(504);
    expect((await call(shop, "updateOrderShippingAsync", add("D-1"))).status).toBe(500);
    const [records] = (await control("shipping-records", { serviceSecret: shop.serviceSecret, orderNumber: shop.orderNumbers[0] })).body;
    expect(records.packages[0].ShippingModelList.map((s: { shippingNumber: string }) => s.shippingNumber)).toEqual(["L-1"]);
  });
});

describe("faults, limits and the license", () => {
  it("an injected 200-with-ERROR and an injected 503 reach the caller once each", async () => {
    const shop = await newShop();
    await control("fail", { serviceSecret: shop.serviceSecret, failures: [{ function: "getOrder", messageCode: "ORDER_EXT_API_GET_ORDER_ERROR_999", message: "システムエラー" }, { status: 503, retryAfter: 5 }] });
    const first = await call(shop, "getOrder", { orderNumberList: ["x"], version: 7 });
    expect(first.status).toBe(200);
    expect(first.body.MessageModelList).toEqual([{ messageType: "ERROR", messageCode: "ORDER_EXT_API_GET_ORDER_ERROR_999", message: "システムエラー" }]);
    const second = await call(shop, "confirmOrder", { orderNumberList: ["x"] });
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("5");
    expect((await call(shop, "getOrder", { orderNumberList: ["x"], version: 7 })).status).toBe(200);
  });

  it("allows 1 request per second per shop by default and answers 429 with Retry-After beyond it", async () => {
    const shop = await newShop({ settings: { asyncDelayMs: 0 } });
    const other = await newShop({ settings: { asyncDelayMs: 0 } });
    const body = { orderNumberList: ["x"], version: 7 };
    expect((await call(shop, "getOrder", body)).status).toBe(200);
    const limited = await call(shop, "getOrder", body);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.body).toEqual({ Results: { errorCode: "ES03-01", message: "Too Many Requests" } });
    expect((await call(other, "getOrder", body)).status).toBe(200); // per shop
    await new Promise((r) => setTimeout(r, 1000));
    expect((await call(shop, "getOrder", body)).status).toBe(200);
  });

  it("the license key works through 23:59:59 JST of day 90, then every call is 401 until a new key is issued", async () => {
    const shop = await newShop({ now: "2026-08-30T10:00:00+0900", licenseIssuedAt: "2026-08-30T10:00:00+0900" });
    const body = { orderNumberList: ["x"], version: 7 };
    await control("clock", { serviceSecret: shop.serviceSecret, set: "2026-11-28T23:59:58+0900" });
    expect((await call(shop, "getOrder", body)).status).toBe(200);
    await control("clock", { serviceSecret: shop.serviceSecret, set: "2026-11-29T00:00:00+0900" });
    expect((await call(shop, "getOrder", body)).body).toEqual({ Results: { errorCode: "ES01-01", message: "Un-Authorised" } });
    const renewed = await control("license", { serviceSecret: shop.serviceSecret });
    expect(renewed.body.licenseExpiryDate).toBe("2027-02-27T23:59:59");
    expect((await call(shop, "getOrder", body, renewed.body.licenseKey)).status).toBe(200);
    expect((await call(shop, "getOrder", body)).status).toBe(401); // the old key is gone
  });
});

describe("demo shop", () => {
  it("holds orders that are fully mapped, partly mapped and fully unmapped against Renkei's demo SKUs", async () => {
    const demo = (await control("demo", { serviceSecret: `SP_${crypto.randomUUID()}` })).body;
    const renkei = new Set(["RB-001-RED", "RB-001-BLU", "TS-100-S", "TS-100-M", "TS-100-L", "CF-200"]);
    const kinds = demo.orders.map((o: { skus: string[] }) => {
      const mapped = o.skus.filter((s) => renkei.has(s)).length;
      return mapped === o.skus.length ? "mapped" : mapped === 0 ? "unmapped" : "partly";
    });
    expect(new Set(kinds)).toEqual(new Set(["mapped", "partly", "unmapped"]));
    expect(new Set(demo.orders.map((o: { orderProgress: number }) => o.orderProgress))).toEqual(new Set([100, 300, 500, 900]));
    expect(demo.orders.length).toBe(10);
  });
});
