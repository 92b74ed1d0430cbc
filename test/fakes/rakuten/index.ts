/**
 * Fake of Rakuten RMS (楽天ペイ受注API 2.0 + the license-management API), served under /rakuten.
 * In memory and honest about what the sources say (README.md beside this file lists every
 * assumption): ESA auth with a license key that expires after 90 days, a per-shop rate limit,
 * errors that come with HTTP 200 and messageType ERROR, the 63-day search window, 1,000 per page,
 * ≤100 orders per getOrder / confirmOrder / updateOrderShippingAsync, and async shipping updates
 * whose ShippingModel without shippingDetailId adds a second tracking record.
 */
import type { Fake } from "../server";
import { DAY_MS, parseLooseInstant, parseRmsDatetime, rmsDatetime, rmsLocalDatetime } from "./dates";
import { DEMO_CREDENTIALS, demoOrders } from "./demo";
import { buildOrder, renderOrder, searchOrders, type SeedOrder } from "./orders";
import { settleShipping, shippingRecords, validateShippingRequest, type Message } from "./shipping";
import {
  createShop, DEFAULT_SETTINGS, isLicenseExpired, licenseExpiry, newRequestId, setClock, shopNow, takeRateSlot,
  type InjectedFailure, type Shop, type ShopSettings,
} from "./shop";

export type RakutenFakeOptions = Partial<ShopSettings>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json;charset=utf-8", ...headers } });
const info = (messageCode: string, message: string, extra: Record<string, unknown> = {}): Message => ({ messageType: "INFO", messageCode, message, ...extra });
const error = (messageCode: string, message: string, extra: Record<string, unknown> = {}): Message => ({ messageType: "ERROR", messageCode, message, ...extra });
/** Gateway-level errors (auth, limits) use RMS's `Results` envelope, not MessageModelList. */
const gateway = (status: number, errorCode: string, message: string, headers: Record<string, string> = {}) => json(status, { Results: { errorCode, message } }, headers);

const ORDER_PATH = /^\/rakuten\/es\/2\.0\/order\/([A-Za-z]+)\/?$/;
const EXPIRY_PATH = /^\/rakuten\/es\/1\.0\/license-management\/license-key\/expiry-date\/?$/;

export function createRakutenFake(options: RakutenFakeOptions = {}) {
  const defaults: ShopSettings = { ...DEFAULT_SETTINGS, ...options };
  const shops = new Map<string, Shop>();

  function authenticate(request: Request): Shop | null {
    const header = request.headers.get("authorization") ?? "";
    const match = /^ESA (\S+)$/.exec(header);
    if (!match) return null;
    let decoded: string;
    try {
      decoded = atob(match[1]!);
    } catch {
      return null;
    }
    const colon = decoded.indexOf(":");
    const shop = shops.get(decoded.slice(0, colon));
    if (!shop || colon < 0 || decoded.slice(colon + 1) !== shop.licenseKey) return null;
    return shop;
  }

  async function fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const orderMatch = ORDER_PATH.exec(path);
    const isExpiry = EXPIRY_PATH.test(path);
    if (!orderMatch && !isExpiry) return gateway(404, "ES02-01", "Not Found"); // [assumed code]
    const fn = orderMatch ? orderMatch[1]! : "licenseExpiryDate";
    if (request.method !== (orderMatch ? "POST" : "GET")) return gateway(405, "ES02-02", "Method Not Allowed"); // [assumed code]

    // Wrong or expired credentials: 401 ES01-01 "Un-Authorised" (integrator FAQs; one client saw GA0001).
    const shop = authenticate(request);
    if (!shop || isLicenseExpired(shop)) return gateway(401, "ES01-01", "Un-Authorised");
    // [assumed] RMS publishes no limit or error for throttling; 1 request/s per shop, answered 429 + Retry-After.
    if (!takeRateSlot(shop)) {
      shop.calls.push({ function: fn, at: Date.now(), status: shop.settings.rateStatus });
      return gateway(shop.settings.rateStatus, "ES03-01", "Too Many Requests", { "retry-after": "1" }); // [assumed code]
    }
    settleShipping(shop);
    const response = await answer(shop, fn, request);
    shop.calls.push({ function: fn, at: Date.now(), status: response.status });
    return response;
  }

  async function answer(shop: Shop, fn: string, request: Request, failure: InjectedFailure | null | undefined = takeFailure(shop, fn)): Promise<Response> {
    if (failure?.lose) {
      // a lost answer: RMS carries the call out (an async update is accepted), the caller hears only the failure
      await (await answer(shop, fn, request, null)).body?.cancel();
      return injected(failure);
    }
    if (failure) return injected(failure);
    if (fn === "licenseExpiryDate") {
      const key = new URL(request.url).searchParams.get("licenseKey");
      if (key !== null && key !== shop.licenseKey) return gateway(400, "ES04-01", "Bad Request"); // [assumed]
      return json(200, { expiryDate: rmsLocalDatetime(licenseExpiry(shop)) });
    }
    let body: Record<string, unknown>;
    try {
      body = (await request.json()) as Record<string, unknown>;
      if (!body || typeof body !== "object") throw new Error("not an object");
    } catch {
      return gateway(400, "ES04-01", "Bad Request"); // [assumed] malformed JSON
    }
    switch (fn) {
      case "searchOrder": return searchOrder(shop, body);
      case "getOrder": return getOrder(shop, body);
      case "confirmOrder": return confirmOrder(shop, body);
      case "updateOrderShippingAsync": return updateOrderShippingAsync(shop, body);
      case "getResultUpdateOrderShippingAsync": return getResult(shop, body);
      default: return gateway(404, "ES02-01", "Not Found"); // functions the fake does not offer
    }
  }

  function takeFailure(shop: Shop, fn: string): InjectedFailure | undefined {
    const index = shop.failures.findIndex((f) => !f.orderNumber && (!f.function || f.function === fn));
    return index < 0 ? undefined : shop.failures.splice(index, 1)[0];
  }

  function injected(f: InjectedFailure): Response {
    const headers: Record<string, string> = f.retryAfter !== undefined ? { "retry-after": String(f.retryAfter) } : {};
    if (f.messageCode) return json(f.status ?? 200, { MessageModelList: [error(f.messageCode, f.message ?? "injected error")] }, headers);
    const status = f.status ?? 500;
    return gateway(status, status === 503 ? "ES05-03" : "ES05-01", status === 503 ? "Service Unavailable" : "Internal Server Error", headers); // [assumed codes]
  }

  function searchOrder(shop: Shop, body: Record<string, unknown>): Response {
    const CODE = "ORDER_EXT_API_SEARCH_ORDER";
    const errors: Message[] = [];
    const { dateType } = body;
    if (dateType === undefined || dateType === null) errors.push(error(`${CODE}_ERROR_009`, "dateTypeの項目を指定して下さい。"));
    else if (![1, 2, 3, 4, 5, 6].includes(dateType as number)) errors.push(error(`${CODE}_ERROR_011`, "dateTypeの書式が不正です。"));
    const instant = (field: "startDatetime" | "endDatetime") => {
      const value = body[field];
      if (value === undefined || value === null || value === "") errors.push(error(`${CODE}_ERROR_010`, `${field}の値を指定して下さい。`));
      else {
        const ms = parseRmsDatetime(value);
        if (ms === null) errors.push(error(`${CODE}_ERROR_011`, `${field}の書式が不正です。`));
        return ms;
      }
      return null;
    };
    const start = instant("startDatetime");
    const end = instant("endDatetime");
    const paging = (body.PaginationRequestModel ?? {}) as { requestRecordsAmount?: unknown; requestPage?: unknown; SortModelList?: { sortColumn?: unknown; sortDirection?: unknown }[] };
    const perPage = paging.requestRecordsAmount ?? 30;
    const page = paging.requestPage ?? 1;
    if (!Number.isInteger(perPage) || (perPage as number) < 1 || (perPage as number) > 1000) errors.push(error(`${CODE}_ERROR_011`, "requestRecordsAmountの書式が不正です。"));
    if (!Number.isInteger(page) || (page as number) < 1) errors.push(error(`${CODE}_ERROR_011`, "requestPageの書式が不正です。"));
    if (!errors.length && start !== null && end !== null) {
      // [assumed codes] the limits are documented (63 days, past 730 days); their error codes are not.
      if (end < start) errors.push(error(`${CODE}_ERROR_015`, "endDatetimeはstartDatetime以降を指定して下さい。"));
      else if (end - start > 63 * DAY_MS) errors.push(error(`${CODE}_ERROR_013`, "期間は開始日から63日以内で指定して下さい。"));
      if (start < shopNow(shop) - 730 * DAY_MS) errors.push(error(`${CODE}_ERROR_014`, "startDatetimeは過去730日以内を指定して下さい。"));
    }
    if (errors.length) return json(400, { orderNumberList: null, MessageModelList: errors, PaginationResponseModel: null });

    const sort = paging.SortModelList?.[0];
    const list = (v: unknown) => (Array.isArray(v) ? (v as number[]) : undefined);
    const all = searchOrders(shop.orders.values(), {
      dateType: dateType as number,
      start: start!,
      end: end!,
      orderProgressList: list(body.orderProgressList),
      subStatusIdList: list(body.subStatusIdList),
      orderTypeList: list(body.orderTypeList),
      asurakuFlag: body.asurakuFlag as number | undefined,
      shippingNumberBlankFlag: body.shippingNumberBlankFlag as number | undefined,
      // [assumed] without a SortModel the newest come first (the documented default direction is 2, 降順).
      ascending: sort?.sortDirection === 1,
    });
    if (all.length === 0) {
      return json(200, {
        orderNumberList: [],
        MessageModelList: [info(`${CODE}_INFO_102`, "注文検索に成功しました。(検索結果０件)")],
        PaginationResponseModel: { totalRecordsAmount: null, totalPages: null, requestPage: null },
      });
    }
    // RMS serves at most 15,000 results of one search; later pages answer nothing. [assumed] the totals still count them all.
    const served = all.slice(0, shop.settings.searchResultCap);
    const n = perPage as number;
    const p = page as number;
    return json(200, {
      orderNumberList: served.slice((p - 1) * n, p * n).map((o) => o.model.orderNumber),
      MessageModelList: [info(`${CODE}_INFO_101`, "注文検索に成功しました。")],
      PaginationResponseModel: { totalRecordsAmount: all.length, totalPages: Math.ceil(all.length / n), requestPage: p },
    });
  }

  function orderNumbers(body: Record<string, unknown>, code: string): string[] | Response {
    const list = body.orderNumberList;
    if (!Array.isArray(list) || list.length === 0) return json(400, { MessageModelList: [error(`${code}_ERROR_009`, "orderNumberListの項目を指定してください。")] });
    // [assumed code] the 100-order limit is documented; the code for breaking it is not.
    if (list.length > 100) return json(400, { MessageModelList: [error(`${code}_ERROR_012`, "orderNumberListは100件以内で指定してください。")] });
    if (list.some((n) => typeof n !== "string")) return json(400, { MessageModelList: [error(`${code}_ERROR_011`, "orderNumberListの書式が不正です。")] });
    return [...new Set(list as string[])];
  }

  function getOrder(shop: Shop, body: Record<string, unknown>): Response {
    const CODE = "ORDER_EXT_API_GET_ORDER";
    const numbers = orderNumbers(body, CODE);
    if (numbers instanceof Response) return numbers;
    const { version } = body;
    if (version === undefined || version === null) return json(400, { MessageModelList: [error(`${CODE}_ERROR_009`, "versionの項目を指定してください。")] });
    // A client's dry run against RMS: 1 and 2 are refused; 3 … 9 are in use.
    if (!Number.isInteger(version) || (version as number) < 3 || (version as number) > 9) return json(400, { MessageModelList: [error(`${CODE}_ERROR_011`, "versionの書式が不正です。")] });
    const found = numbers.map((n) => shop.orders.get(n)).filter((o) => o !== undefined);
    const messages: Message[] = [];
    if (found.length) messages.push(info(`${CODE}_INFO_101`, `受注情報取得に成功しました。(取得件数${found.length}件)`));
    for (const n of numbers) if (!shop.orders.has(n)) messages.push(info(`${CODE}_INFO_102`, "受注情報が取得できませんでした。", { orderNumber: n }));
    return json(200, { MessageModelList: messages, OrderModelList: found.map((o) => renderOrder(o, version as number)), version });
  }

  function confirmOrder(shop: Shop, body: Record<string, unknown>): Response {
    const CODE = "ORDER_EXT_API_CONFIRM_ORDER";
    const numbers = orderNumbers(body, CODE);
    if (numbers instanceof Response) return numbers;
    const now = rmsDatetime(shopNow(shop));
    // Per-order outcome, always HTTP 200: a repeat gives ERROR_103, not a second effect.
    const messages = numbers.map((orderNumber): Message => {
      const refusal = shop.failures.findIndex((f) => f.orderNumber === orderNumber && (!f.function || f.function === "confirmOrder"));
      if (refusal >= 0) {
        const f = shop.failures.splice(refusal, 1)[0]!;
        return error(f.messageCode ?? `${CODE}_ERROR_999`, f.message ?? "injected error", { orderNumber });
      }
      const order = shop.orders.get(orderNumber);
      if (!order) return error(`${CODE}_ERROR_101`, "指定された注文番号は存在しませんでした。", { orderNumber }); // [assumed code]
      const m = order.model;
      if (m.orderProgress === 800 || m.orderProgress === 900) return error(`${CODE}_ERROR_102`, "指定された注文は既にキャンセルされています。", { orderNumber });
      if (m.orderProgress !== 100) return error(`${CODE}_ERROR_103`, "指定された注文は既にステータスが移動されています。", { orderNumber });
      m.orderProgress = 300;
      m.shopOrderCfmDatetime = now;
      m.orderFixDatetime = now;
      m.shippingInstDatetime = now;
      return info(`${CODE}_INFO_101`, "注文確認に成功しました。", { orderNumber });
    });
    return json(200, { MessageModelList: messages });
  }

  function updateOrderShippingAsync(shop: Shop, body: Record<string, unknown>): Response {
    const { errors, orders } = validateShippingRequest(body);
    if (errors.length) return json(200, { MessageModelList: errors });
    const requestId = newRequestId(shop);
    shop.asyncRequests.set(requestId, { requestId, dueAt: Date.now() + shop.settings.asyncDelayMs, acceptedAt: shopNow(shop), body: structuredClone(orders) });
    return json(200, {
      MessageModelList: [info("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_INFO_101", "発送情報の更新を受付けました。", { requestId, dataNumber: null, shippingDetailId: null })],
    });
  }

  function getResult(shop: Shop, body: Record<string, unknown>): Response {
    const CODE = "ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC";
    const { requestId } = body;
    if (typeof requestId !== "string" || !requestId) {
      return json(400, { ResultShippingModelList: [{ MessageModelList: [error(`${CODE}_ERROR_009`, "requestIdの項目を指定して下さい。")] }] });
    }
    const request = shop.asyncRequests.get(requestId);
    // Still processing, unknown, or older than 30 days: RMS cannot tell them apart, nor can the fake.
    if (!request?.result || shopNow(shop) - request.acceptedAt > 30 * DAY_MS) {
      return json(200, { ResultShippingModelList: [{ MessageModelList: [info(`${CODE}_INFO_101`, "指定されたリクエストIDの処理結果は存在しませんでした。")] }] });
    }
    return json(200, { ResultShippingModelList: request.result });
  }

  // ---- control actions (POST|GET /__control/rakuten/<action>), not part of the contract ----

  async function params(request: Request): Promise<Record<string, unknown>> {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const text = request.method === "GET" ? "" : await request.text();
    const body = text ? (JSON.parse(text) as unknown) : {};
    return Array.isArray(body) ? { ...query, failures: body } : { ...query, ...(body as Record<string, unknown>) };
  }

  function shopFor(p: Record<string, unknown>): Shop {
    const secret = (p.serviceSecret as string | undefined) ?? DEMO_CREDENTIALS.serviceSecret;
    const shop = shops.get(secret);
    if (!shop) throw new ControlError(`no shop with serviceSecret ${secret}: call seed or demo first`);
    settleShipping(shop);
    return shop;
  }

  function ensureShop(p: Record<string, unknown>, replace: boolean): Shop {
    const serviceSecret = (p.serviceSecret as string | undefined) ?? DEMO_CREDENTIALS.serviceSecret;
    let shop = shops.get(serviceSecret);
    if (!shop || replace) {
      shop = createShop(
        {
          serviceSecret,
          licenseKey: (p.licenseKey as string | undefined) ?? (serviceSecret === DEMO_CREDENTIALS.serviceSecret ? DEMO_CREDENTIALS.licenseKey : `SL_${crypto.randomUUID()}`),
          shopId: (p.shopId as string | undefined) ?? DEMO_CREDENTIALS.shopId,
          licenseIssuedAt: p.licenseIssuedAt as string | undefined,
          now: p.now as string | undefined,
        },
        { ...defaults, ...((p.settings as Partial<ShopSettings> | undefined) ?? {}) },
      );
      shops.set(serviceSecret, shop);
    } else if (p.settings) Object.assign(shop.settings, p.settings);
    return shop;
  }

  const credentials = (shop: Shop) => ({
    serviceSecret: shop.serviceSecret,
    licenseKey: shop.licenseKey,
    shopId: shop.shopId,
    licenseExpiryDate: rmsLocalDatetime(licenseExpiry(shop)),
    now: rmsDatetime(shopNow(shop)),
  });

  function addOrders(shop: Shop, seeds: SeedOrder[]): string[] {
    return seeds.map((seed) => {
      const order = buildOrder(seed, shop.shopId, shopNow(shop), shop);
      shop.orders.set(order.model.orderNumber, order);
      return order.model.orderNumber;
    });
  }

  function generate(g: { count: number; from: string; to: string; skus: string[]; orderProgress?: number }): SeedOrder[] {
    const from = parseLooseInstant(g.from)!;
    const to = parseLooseInstant(g.to)!;
    return Array.from({ length: g.count }, (_, i) => {
      const sku = g.skus[i % g.skus.length]!;
      return {
        orderDatetime: rmsDatetime(from + Math.floor(((to - from) * i) / Math.max(1, g.count))),
        orderProgress: g.orderProgress ?? 100,
        items: [{ manageNumber: sku.toLowerCase(), variantId: sku.toLowerCase(), merchantDefinedSkuId: sku, price: 1000, units: 1 + (i % 3) }],
      };
    });
  }

  async function control(action: string, request: Request): Promise<Response | undefined> {
    try {
      const p = await params(request);
      switch (action) {
        case "demo": {
          const shop = ensureShop(p, true);
          const seeds = demoOrders(shopNow(shop));
          const numbers = addOrders(shop, seeds);
          return json(200, {
            ...credentials(shop),
            orders: seeds.map((s, i) => ({
              orderNumber: numbers[i],
              orderProgress: s.orderProgress,
              note: s.note,
              skus: (s.packages ?? [{ items: s.items ?? [] }]).flatMap((pkg) => pkg.items.map((item) => item.merchantDefinedSkuId)),
            })),
          });
        }
        case "seed": {
          const shop = ensureShop(p, false);
          const seeds = [...((p.orders as SeedOrder[] | undefined) ?? []), ...(p.generate ? generate(p.generate as Parameters<typeof generate>[0]) : [])];
          return json(200, { ...credentials(shop), orderNumbers: addOrders(shop, seeds) });
        }
        case "clock": {
          const shop = shopFor(p);
          if (typeof p.set === "string") setClock(shop, p.set);
          shop.clockOffsetMs += Number(p.advanceMs ?? 0) + Number(p.advanceDays ?? 0) * DAY_MS;
          return json(200, credentials(shop));
        }
        case "rate": {
          const shop = shopFor(p);
          if (p.perSecond !== undefined) shop.settings.ratePerSecond = Number(p.perSecond);
          if (p.status !== undefined) shop.settings.rateStatus = Number(p.status) as 429 | 503;
          shop.recent = [];
          return json(200, shop.settings);
        }
        case "settings": {
          const shop = shopFor(p);
          const { serviceSecret: _, ...rest } = p;
          Object.assign(shop.settings, rest);
          return json(200, shop.settings);
        }
        case "license": {
          // Reissue (RMS: 新しいキーを発行): a new key, valid 90 days from its issue date.
          const shop = shopFor(p);
          shop.licenseKey = (p.licenseKey as string | undefined) ?? `SL_${crypto.randomUUID()}`;
          shop.licenseIssuedAt = typeof p.issuedAt === "string" ? (parseLooseInstant(p.issuedAt) ?? shopNow(shop)) : shopNow(shop);
          return json(200, credentials(shop));
        }
        case "fail": {
          const shop = shopFor(p);
          shop.failures.push(...((p.failures as InjectedFailure[] | undefined) ?? []));
          return json(200, { pending: shop.failures.length });
        }
        case "shipping-records": {
          const shop = shopFor(p);
          const orders = p.orderNumber ? [shop.orders.get(p.orderNumber as string)].filter((o) => o !== undefined) : [...shop.orders.values()];
          return json(200, orders.map((o) => shippingRecords(shop, o)));
        }
        case "update-order": {
          // What happens in RMS outside Renkei (a cancellation by the customer, a status move by hand).
          const shop = shopFor(p);
          const order = shop.orders.get(p.orderNumber as string);
          if (!order) throw new ControlError("no such order");
          if (p.orderProgress !== undefined) order.model.orderProgress = Number(p.orderProgress);
          return json(200, renderOrder(order, 9));
        }
        case "orders": {
          const shop = shopFor(p);
          return json(200, [...shop.orders.values()].map((o) => renderOrder(o, 9)));
        }
        case "state": {
          const shop = shopFor(p);
          const calls: Record<string, number> = {};
          for (const c of shop.calls) calls[c.function] = (calls[c.function] ?? 0) + 1;
          return json(200, {
            ...credentials(shop),
            settings: shop.settings,
            orders: [...shop.orders.values()].map((o) => ({ orderNumber: o.model.orderNumber, orderProgress: o.model.orderProgress, orderDatetime: o.model.orderDatetime })),
            asyncRequests: [...shop.asyncRequests.values()].map((r) => ({ requestId: r.requestId, orders: r.body.map((b) => b.orderNumber), done: !!r.result })),
            calls,
            callLog: shop.calls,
          });
        }
        default:
          return undefined;
      }
    } catch (e) {
      return json(e instanceof ControlError ? 404 : 400, { error: String(e instanceof Error ? e.message : e) });
    }
  }

  return {
    fetch,
    control,
    shops,
    reset() {
      shops.clear();
    },
  } satisfies Fake & Record<string, unknown>;
}

class ControlError extends Error {}
