/**
 * Client of Rakuten RMS: 楽天ペイ受注API 2.0 (searchOrder, getOrder, confirmOrder,
 * updateOrderShippingAsync + its result) and the license API. It keeps RMS's limits so callers
 * need not: a search window of at most 63 days (longer ranges are split), 1,000 per page, at most
 * 15,000 results per search (a fuller window is halved), ≤100 orders per getOrder / confirmOrder /
 * updateOrderShippingAsync call, and one call per `minIntervalMs` (RMS publishes no rate; about
 * one a second is what clients use). Errors: see errors.ts.
 */
import {
  GetOrderResponse, LicenseExpiryResponse, MessagesResponse, ResultShippingResponse, SearchOrderResponse,
  type RmsMessage, type RmsOrderModel, type RmsOrderShippingInput,
} from "../../../shared/schemas/rakuten";
import { TransientError } from "../../sync/messages";
import { parseJstWallTime, toRmsDatetime } from "./dates";
import { readRmsAnswer, retryAfterSeconds, RmsError } from "./errors";

export const RMS_BASE_URL = "https://api.rms.rakuten.co.jp";
export const SEARCH_WINDOW_MS = 63 * 86_400_000;
export const PAGE_SIZE = 1000;
export const SEARCH_RESULT_CAP = 15_000;
export const BATCH = 100;
/** getOrder version that returns SkuModelList (SKU管理番号 / システム連携用SKU番号). */
export const ORDER_VERSION = 7;

export interface RakutenClientOptions {
  baseUrl?: string;
  serviceSecret: string;
  licenseKey: string;
  fetcher?: typeof fetch;
  /** Gap kept between two calls of this client (default 1000 ms: the assumed 1 request/s per shop). */
  minIntervalMs?: number;
  timeoutMs?: number;
  /** The most results RMS serves for one search; a window holding more is halved. */
  searchResultCap?: number;
}

export interface SearchQuery {
  /** 1 注文日, 2 注文確認日, 3 注文確定日, 4 発送日, 5 発送完了報告日, 6 決済確定日. */
  dateType?: number;
  from: Date;
  to: Date;
  orderProgressList?: number[];
  subStatusIdList?: number[];
  orderTypeList?: number[];
}

export interface OrderOutcome {
  orderNumber: string;
  ok: boolean;
  messageCode: string;
  message: string;
}

export interface ShippingResult {
  requestId: string;
  orders: { orderNumber: string; ok: boolean; messages: RmsMessage[] }[];
}

const chunk = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Throttled (429) calls asked again within one call before the error reaches the job. */
const THROTTLE_RETRIES = 2;

export class RakutenClient {
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly fetcher: typeof fetch;
  private readonly minIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly cap: number;
  private nextCallAt = 0;
  /** Calls made, per function: the benchmark reports them against the page and batch limits. */
  readonly calls: Record<string, number> = {};

  constructor(options: RakutenClientOptions) {
    this.baseUrl = (options.baseUrl ?? RMS_BASE_URL).replace(/\/$/, "");
    // ESA Base64(serviceSecret:licenseKey); both are ASCII, so btoa is exact.
    this.authorization = `ESA ${btoa(`${options.serviceSecret}:${options.licenseKey}`)}`;
    // Wrapped: workerd refuses a bare `fetch` called as a method of another object (Illegal invocation).
    this.fetcher = options.fetcher ?? ((input, init) => fetch(input, init));
    this.minIntervalMs = options.minIntervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.cap = options.searchResultCap ?? SEARCH_RESULT_CAP;
  }

  private async pace() {
    const wait = this.nextCallAt - Date.now();
    if (wait > 0) await sleep(wait);
    this.nextCallAt = Date.now() + this.minIntervalMs;
  }

  /**
   * One call, paced. A 429 is asked again here (up to THROTTLE_RETRIES times, after Retry-After or
   * the pacing interval): a throttled call was not carried out, so repeating it is safe for every
   * function, and a long run (5,000 orders ≈ 75 calls) would otherwise start over from its first
   * search each time network jitter puts two paced calls a little under a second apart at RMS.
   */
  private async send(fn: string, path: string, init: RequestInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      await this.pace();
      this.calls[fn] = (this.calls[fn] ?? 0) + 1;
      let response: Response;
      try {
        response = await this.fetcher(`${this.baseUrl}${path}`, {
          ...init,
          headers: { authorization: this.authorization, "content-type": "application/json; charset=utf-8", ...(init.headers ?? {}) },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw new TransientError(`RMS ${fn}: network: ${String(error)}`);
      }
      if (response.status !== 429 || attempt >= THROTTLE_RETRIES) return response;
      await response.body?.cancel();
      await sleep(Math.max((retryAfterSeconds(response) ?? 0) * 1000, this.minIntervalMs));
    }
  }

  /** One order-API call: POST /es/2.0/order/<fn>/ with a JSON body; the answer checked by readRmsAnswer. */
  async call(fn: string, body: unknown, perOrder = false): Promise<unknown> {
    const response = await this.send(fn, `/es/2.0/order/${fn}/`, { method: "POST", body: JSON.stringify(body) });
    return readRmsAnswer(fn, response, perOrder);
  }

  /** One searchOrder page, as RMS answers it. */
  async searchOrderPage(body: Record<string, unknown>) {
    return SearchOrderResponse.parse(await this.call("searchOrder", body));
  }

  /**
   * Every order number in [from, to], page by page (ascending by 注文日時). The range is split into
   * windows of at most 63 days; a window with more results than RMS serves is halved until it fits.
   */
  async *searchOrderNumbers(query: SearchQuery): AsyncGenerator<string[]> {
    // RMS compares whole seconds and includes both ends, so windows meet at second boundaries without overlap.
    const from = Math.floor(query.from.getTime() / 1000) * 1000;
    const to = Math.floor(query.to.getTime() / 1000) * 1000;
    for (let start = from; start <= to; start += SEARCH_WINDOW_MS + 1000) {
      yield* this.searchWindow(query, start, Math.min(to, start + SEARCH_WINDOW_MS));
    }
  }

  private async *searchWindow(query: SearchQuery, start: number, end: number): AsyncGenerator<string[]> {
    const body = (page: number) => ({
      dateType: query.dateType ?? 1,
      startDatetime: toRmsDatetime(start),
      endDatetime: toRmsDatetime(end),
      ...(query.orderProgressList ? { orderProgressList: query.orderProgressList } : {}),
      ...(query.subStatusIdList ? { subStatusIdList: query.subStatusIdList } : {}),
      ...(query.orderTypeList ? { orderTypeList: query.orderTypeList } : {}),
      PaginationRequestModel: { requestRecordsAmount: PAGE_SIZE, requestPage: page, SortModelList: [{ sortColumn: 1, sortDirection: 1 }] },
    });
    const first = await this.searchOrderPage(body(1));
    const total = first.PaginationResponseModel?.totalRecordsAmount ?? 0;
    if (total > this.cap && end - start >= 2000) {
      const middle = start + Math.floor((end - start) / 2000) * 1000;
      yield* this.searchWindow(query, start, middle);
      yield* this.searchWindow(query, middle + 1000, end);
      return;
    }
    if (first.orderNumberList.length) yield first.orderNumberList;
    const pages = Math.min(first.PaginationResponseModel?.totalPages ?? 1, Math.ceil(this.cap / PAGE_SIZE));
    for (let page = 2; page <= pages; page++) {
      const next = await this.searchOrderPage(body(page));
      if (next.orderNumberList.length) yield next.orderNumberList;
    }
  }

  /** Full orders, 100 per call. `missing`: numbers RMS did not find (INFO_102). */
  async getOrders(orderNumbers: string[], version = ORDER_VERSION): Promise<{ orders: RmsOrderModel[]; missing: string[] }> {
    const orders: RmsOrderModel[] = [];
    const missing: string[] = [];
    for (const batch of chunk([...new Set(orderNumbers)], BATCH)) {
      const answer = GetOrderResponse.parse(await this.call("getOrder", { orderNumberList: batch, version }));
      orders.push(...answer.OrderModelList);
      const found = new Set(answer.OrderModelList.map((o) => o.orderNumber));
      missing.push(...batch.filter((n) => !found.has(n)));
    }
    return { orders, missing };
  }

  /** 注文確認, 100 per call. Each order gets its own outcome (a repeat is ERROR_103, not a failure of the call). */
  async confirmOrders(orderNumbers: string[]): Promise<OrderOutcome[]> {
    const outcomes: OrderOutcome[] = [];
    for (const batch of chunk([...new Set(orderNumbers)], BATCH)) {
      const answer = MessagesResponse.parse(await this.call("confirmOrder", { orderNumberList: batch }, true));
      for (const m of answer.MessageModelList) {
        if (m.orderNumber) outcomes.push({ orderNumber: m.orderNumber, ok: m.messageType !== "ERROR", messageCode: m.messageCode, message: m.message ?? "" });
      }
    }
    return outcomes;
  }

  /**
   * 発送完了報告 (async), 100 orders per call; answers one requestId per call. A ShippingModel
   * without shippingDetailId ADDS a record: to retry safely, read the order (or the earlier
   * result) first and send the shippingDetailId it got. A refused call throws RmsError with RMS's
   * messages, `accepted` holding the calls already taken.
   */
  async updateOrderShippingAsync(orders: RmsOrderShippingInput[]): Promise<{ requestId: string; orderNumbers: string[] }[]> {
    const seen = new Set<string>();
    for (const order of orders) {
      if (seen.has(order.orderNumber)) throw new Error(`order ${order.orderNumber} appears twice: RMS refuses a repeated order number in one request`);
      seen.add(order.orderNumber);
      for (const basket of order.BasketidModelList) {
        if (basket.ShippingModelList.length > 20) throw new Error(`order ${order.orderNumber} basket ${basket.basketId}: RMS takes at most 20 shipping records per basket`);
      }
    }
    const accepted: { requestId: string; orderNumbers: string[] }[] = [];
    for (const batch of chunk(orders, BATCH)) {
      let answer;
      try {
        answer = MessagesResponse.parse(await this.call("updateOrderShippingAsync", { OrderShippingModelList: batch }));
      } catch (error) {
        if (error instanceof RmsError || error instanceof TransientError) Object.assign(error, { accepted });
        throw error;
      }
      const requestId = answer.MessageModelList.find((m) => m.requestId)?.requestId;
      if (!requestId) throw Object.assign(new RmsError("RMS updateOrderShippingAsync: no requestId in the answer", 200, "NO_REQUEST_ID", answer.MessageModelList), { accepted });
      accepted.push({ requestId, orderNumbers: batch.map((o) => o.orderNumber) });
    }
    return accepted;
  }

  /** The result of an async shipping update, or null while RMS has none (processing, unknown or older than 30 days). */
  async getShippingResult(requestId: string): Promise<ShippingResult | null> {
    const answer = ResultShippingResponse.parse(await this.call("getResultUpdateOrderShippingAsync", { requestId }));
    const orders = answer.ResultShippingModelList.filter((r) => r.orderNumber);
    if (!orders.length) return null;
    return {
      requestId,
      orders: orders.map((r) => ({ orderNumber: r.orderNumber!, ok: !r.MessageModelList.some((m) => m.messageType === "ERROR"), messages: r.MessageModelList })),
    };
  }

  /** Polls until the result is there; gives up with a TransientError (keep the requestId, ask again later). */
  async waitForShippingResult(requestId: string, { intervalMs = 2000, timeoutMs = 60_000 } = {}): Promise<ShippingResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await this.getShippingResult(requestId);
      if (result) return result;
      if (Date.now() + intervalMs > deadline) throw new TransientError(`RMS shipping result ${requestId} not ready after ${timeoutMs} ms`, Math.ceil(intervalMs / 1000));
      await sleep(intervalMs);
    }
  }

  /** When the license key in use expires (RMS license-management API), for the "reissue soon" warning. */
  async getLicenseExpiry(licenseKey?: string): Promise<Date> {
    const key = licenseKey ?? atob(this.authorization.slice(4)).split(":").slice(1).join(":");
    const response = await this.send("licenseExpiryDate", `/es/1.0/license-management/license-key/expiry-date?licenseKey=${encodeURIComponent(key)}`, { method: "GET" });
    const body = LicenseExpiryResponse.parse(await readRmsAnswer("licenseExpiryDate", response));
    return parseJstWallTime(body.expiryDate);
  }
}
