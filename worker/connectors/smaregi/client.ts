/**
 * Client of Smaregi's Platform API: the POS API and the order-shipment (受注管理) API of one
 * contract. It keeps an app access token through the caller's store (renewed before expiry, and
 * once more on a 401), follows `Link: rel="next"` paging (same origin only: the bearer token never
 * leaves Smaregi's host), cuts ranges into ≤ 31-day windows, and parses every wire shape with the
 * zod schemas in shared/schemas/smaregi.ts (string numbers → integers, strictly).
 *
 * Errors: 429, 5xx, timeouts and network → TransientError (with Retry-After seconds); the ID host
 * refusing us → SmaregiAuthError; other Problem-JSON answers → SmaregiApiError. A relative stock
 * write (`/add`) that may or may not have landed → SmaregiUncertainWriteError, never transient:
 * retrying it blindly would apply the delta twice.
 */
import type { z } from "zod";
import {
  SmaregiBulkAccepted,
  SmaregiOrder,
  SmaregiOrderStock,
  SmaregiOrderStore,
  SmaregiPaymentMethod,
  SmaregiProblem,
  SmaregiProduct,
  SmaregiShippedRow,
  SmaregiStock,
  SmaregiStockChange,
  SmaregiStockWrite,
  SmaregiStore,
  SmaregiTransaction,
  type SmaregiOrderInput,
} from "../../../shared/schemas/smaregi";
import { TransientError } from "../../sync/messages";
import { appAccessToken, defaultFetcher, retryAfterSeconds, type Fetcher, type IssuedToken } from "./auth";
import { splitWindows } from "./windows";

export const BULK_MAX = 100;
/** Renew this long before Smaregi's expiry, so a token never dies in flight. */
const RENEW_MARGIN_MS = 60_000;

export interface SmaregiStoredToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  scope: string;
}

/** Where the connector keeps the token (D1, encrypted): the client reads and replaces it. */
export interface SmaregiTokenStore {
  load(): Promise<SmaregiStoredToken | null>;
  save(token: SmaregiStoredToken): Promise<void>;
}

export interface SmaregiClientOptions {
  /** https://id.smaregi.jp / https://id.smaregi.dev (the fake: <fakes>/smaregi/id). */
  idBaseUrl: string;
  /** https://api.smaregi.jp / https://api.smaregi.dev (the fake: <fakes>/smaregi/api). */
  apiBaseUrl: string;
  contractId: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  tokens: SmaregiTokenStore;
  fetcher?: Fetcher;
  now?: () => number;
  timeoutMs?: number;
}

export class SmaregiApiError extends Error {
  override name = "SmaregiApiError";
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly type = "about:blank",
  ) {
    super(`Smaregi ${status} ${title}${detail ? `: ${detail}` : ""}`);
  }
}

/** A non-idempotent write whose fate is unknown (timeout, 5xx): check the stock history before acting again. */
export class SmaregiUncertainWriteError extends Error {
  override name = "SmaregiUncertainWriteError";
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

export type Area = "pos" | "order-shipment";
type Query = Record<string, string | number | undefined | null>;
interface CallInit {
  method?: string;
  query?: Query;
  body?: unknown;
}
export interface RawAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface StockRowInput {
  productId: string;
  storeId: string;
  stockAmount: number;
  memo?: string;
}

const str = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  return String(n);
};
const memoOf = (memo?: string) => (memo === undefined ? {} : { stockHistory: { memo } });

export class SmaregiClient {
  private readonly fetcher: Fetcher;
  private readonly now: () => number;
  private token: SmaregiStoredToken | null = null;

  constructor(private readonly options: SmaregiClientOptions) {
    this.fetcher = options.fetcher ?? defaultFetcher;
    this.now = options.now ?? Date.now;
  }

  private get apiRoot() {
    return `${this.options.apiBaseUrl.replace(/\/+$/, "")}/${encodeURIComponent(this.options.contractId)}`;
  }

  // ---- token ------------------------------------------------------------------------------

  private async accessToken(forceRenew: boolean): Promise<string> {
    if (!forceRenew) {
      this.token ??= await this.options.tokens.load();
      if (this.token && this.token.expiresAt - RENEW_MARGIN_MS > this.now()) return this.token.accessToken;
    }
    const issued: IssuedToken = await appAccessToken({ ...this.options, fetcher: this.fetcher }, this.now());
    this.token = { accessToken: issued.accessToken, expiresAt: issued.expiresAt, scope: issued.scope };
    await this.options.tokens.save(this.token);
    return this.token.accessToken;
  }

  // ---- transport --------------------------------------------------------------------------

  private url(path: string, query?: Query): string {
    const url = new URL(`${this.apiRoot}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v));
    return url.toString();
  }

  /** One HTTP exchange with token handling; answers any status (errors are classified by the caller). */
  private async exchange(url: string, init: CallInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const response = await this.fetcher(url, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      // A 401 means the token was not accepted, so nothing was applied: renewing once is safe for every verb.
      if (response.status === 401 && attempt === 0) {
        await response.body?.cancel();
        continue;
      }
      return response;
    }
  }

  private async call(url: string, init: CallInit): Promise<{ body: unknown; headers: Headers }> {
    let response: Response;
    try {
      response = await this.exchange(url, init);
    } catch (error) {
      if (error instanceof TransientError || (error instanceof Error && error.name === "SmaregiAuthError")) throw error;
      throw new TransientError(`Smaregi unreachable: ${String(error)}`);
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    if (response.status === 429 || response.status >= 500) {
      throw new TransientError(`Smaregi HTTP ${response.status} ${init.method ?? "GET"} ${new URL(url).pathname}`, retryAfterSeconds(response));
    }
    if (!response.ok) {
      const problem = SmaregiProblem.safeParse(body);
      const p = problem.success ? problem.data : {};
      throw new SmaregiApiError(response.status, p.title ?? `HTTP ${response.status}`, p.detail ?? (typeof body === "string" ? body : undefined), p.type);
    }
    return { body, headers: response.headers };
  }

  private async send<S extends z.ZodType>(area: Area, path: string, schema: S, init: CallInit = {}): Promise<z.output<S>> {
    const { body } = await this.call(this.url(`/${area}${path}`, init.query), init);
    return schema.parse(body);
  }

  /** Any request relative to the contract (e.g. "/pos/stock"), unparsed — for contract fixtures and diagnostics. */
  async raw(method: string, path: string, init: { query?: Query; body?: unknown } = {}): Promise<RawAnswer> {
    const response = await this.exchange(this.url(path, init.query), { method, body: init.body });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Every page of a list, following `Link: <…>; rel="next"`. */
  async *pages<S extends z.ZodType>(area: Area, path: string, schema: S, query: Query = {}): AsyncGenerator<z.output<S>[]> {
    let url: string | null = this.url(`/${area}${path}`, { limit: 1000, ...query });
    const origin = new URL(this.apiRoot).origin;
    while (url) {
      const { body, headers } = await this.call(url, {});
      if (!Array.isArray(body)) throw new SmaregiApiError(200, "Unexpected body", `expected a JSON array from ${path}`);
      yield body.map((row) => schema.parse(row));
      const next = nextLink(headers.get("link"), url);
      if (next && new URL(next).origin !== origin) throw new SmaregiApiError(200, "Unexpected Link", `next page on another origin: ${next}`);
      url = next;
    }
  }

  async all<S extends z.ZodType>(area: Area, path: string, schema: S, query: Query = {}): Promise<z.output<S>[]> {
    const rows: z.output<S>[] = [];
    for await (const page of this.pages(area, path, schema, query)) rows.push(...page);
    return rows;
  }

  // ---- products ---------------------------------------------------------------------------

  listProducts(filter: { productCode?: string; updatedFrom?: string; updatedTo?: string; limit?: number } = {}) {
    return this.all("pos", "/products", SmaregiProduct, {
      product_code: filter.productCode,
      "upd_date_time-from": filter.updatedFrom,
      "upd_date_time-to": filter.updatedTo,
      limit: filter.limit,
    });
  }
  getProduct(productId: string) {
    return this.send("pos", `/products/${encodeURIComponent(productId)}`, SmaregiProduct);
  }
  /** Product fields travel as strings; pass integers for money and they are stringified here. */
  async createProduct(input: { categoryId: string; productCode: string; productName: string; price: number; taxDivision?: "0" | "1" | "2"; [field: string]: unknown }) {
    return this.send("pos", "/products", SmaregiProduct, { method: "POST", body: { ...input, price: str(input.price) } });
  }
  async updateProduct(productId: string, patch: { productName?: string; price?: number; [field: string]: unknown }) {
    const body = { ...patch, ...(patch.price === undefined ? {} : { price: str(patch.price) }) };
    return this.send("pos", `/products/${encodeURIComponent(productId)}`, SmaregiProduct, { method: "PATCH", body });
  }
  /** Async (202): ≤ 100 rows; the outcome arrives at `callbackUrl`. Safe to resend (an update sets fields). */
  async bulkUpdateProducts(products: ({ productId: string; price?: number } & Record<string, unknown>)[], callbackUrl: string) {
    chunkGuard(products);
    const rows = products.map((p) => ({ ...p, ...(p.price === undefined ? {} : { price: str(p.price) }) }));
    return this.send("pos", "/products/bulk", SmaregiBulkAccepted, { method: "PATCH", body: { products: rows, callbackUrl } });
  }

  // ---- stock ------------------------------------------------------------------------------

  /** Rows appear only once a product's stock has changed at a store. */
  listStock(filter: { storeId?: string; productId?: string; updatedFrom?: string; updatedTo?: string; limit?: number } = {}) {
    return this.all("pos", "/stock", SmaregiStock, {
      store_id: filter.storeId,
      product_id: filter.productId,
      "upd_date_time-from": filter.updatedFrom,
      "upd_date_time-to": filter.updatedTo,
      limit: filter.limit,
    });
  }
  stockPages(filter: { storeId?: string; limit?: number } = {}) {
    return this.pages("pos", "/stock", SmaregiStock, { store_id: filter.storeId, limit: filter.limit });
  }
  /**
   * PATCH /stock/{id}: set the figure (absolute). Idempotent: a retry writes the same number, so
   * transient failures may simply be retried. Put our movement ID in `memo` to recognise the echo.
   */
  async setStock(productId: string, row: Omit<StockRowInput, "productId">) {
    return this.send("pos", `/stock/${encodeURIComponent(productId)}`, SmaregiStockWrite, {
      method: "PATCH",
      body: { storeId: row.storeId, stockAmount: str(row.stockAmount), ...memoOf(row.memo) },
    });
  }
  /**
   * POST /stock/{id}/add: change the figure by a delta. NOT idempotent — a timeout or 5xx may have
   * applied it, so those raise SmaregiUncertainWriteError (look for `memo` in the stock history
   * before trying again). 429 and 4xx were refused before applying and surface as usual.
   */
  async addStock(productId: string, row: Omit<StockRowInput, "productId">) {
    try {
      return await this.send("pos", `/stock/${encodeURIComponent(productId)}/add`, SmaregiStockWrite, {
        method: "POST",
        body: { storeId: row.storeId, stockAmount: str(row.stockAmount), ...memoOf(row.memo) },
      });
    } catch (error) {
      throw uncertainUnlessRefused(error, `stock add ${productId}@${row.storeId}`);
    }
  }
  /** PATCH /stock/bulk (absolute, ≤ 100 rows, async 202 + callback). Safe to resend. */
  async bulkSetStock(rows: StockRowInput[], callbackUrl: string) {
    chunkGuard(rows);
    return this.send("pos", "/stock/bulk", SmaregiBulkAccepted, { method: "PATCH", body: { stock: rows.map(stockRow), callbackUrl } });
  }
  /** POST /stock/add/bulk (relative, ≤ 100 rows, no zero deltas). NOT idempotent, like addStock. */
  async bulkAddStock(rows: StockRowInput[], callbackUrl: string) {
    chunkGuard(rows);
    if (rows.some((r) => r.stockAmount === 0)) throw new RangeError("a relative stock row of 0 is refused by Smaregi");
    try {
      return await this.send("pos", "/stock/add/bulk", SmaregiBulkAccepted, { method: "POST", body: { stock: rows.map(stockRow), callbackUrl } });
    } catch (error) {
      throw uncertainUnlessRefused(error, "stock add bulk");
    }
  }
  /** [I] stock history (modelled): find our own write by memo, or look up a webhook's history ID. */
  stockChanges(filter: { id?: string; productId?: string; storeId?: string; updatedFrom?: string; updatedTo?: string }) {
    return this.all("pos", "/stock_changes", SmaregiStockChange, {
      id: filter.id,
      product_id: filter.productId,
      store_id: filter.storeId,
      "upd_date_time-from": filter.updatedFrom,
      "upd_date_time-to": filter.updatedTo,
    });
  }

  // ---- stores, payment methods ------------------------------------------------------------

  /** Stores and warehouses alike; a warehouse has division "2". */
  listStores() {
    return this.all("pos", "/stores", SmaregiStore);
  }
  getStore(storeId: string) {
    return this.send("pos", `/stores/${encodeURIComponent(storeId)}`, SmaregiStore);
  }
  listPaymentMethods() {
    return this.all("pos", "/payment_methods", SmaregiPaymentMethod);
  }

  // ---- transactions -----------------------------------------------------------------------

  /**
   * Transactions in [from, to], cut into ≤ 31-day windows (Smaregi refuses longer ones); a
   * transaction seen in two windows is returned once. `by` chooses the range filter.
   */
  async listTransactions(input: {
    from: Date | number | string;
    to: Date | number | string;
    by?: "transaction_date_time" | "upd_date_time" | "terminal_tran_date_time";
    storeId?: string;
    withDetails?: "none" | "summary" | "all";
  }) {
    const by = input.by ?? "upd_date_time";
    const withDetails = input.withDetails ?? "none";
    const seen = new Map<string, SmaregiTransaction>();
    for (const window of splitWindows(input.from, input.to)) {
      const rows = await this.all("pos", "/transactions", SmaregiTransaction, {
        [`${by}-from`]: window.from,
        [`${by}-to`]: window.to,
        store_id: input.storeId,
        with_details: withDetails,
        // Smaregi caps pages at 100 once details are asked for.
        limit: withDetails === "none" ? 1000 : 100,
      });
      for (const row of rows) seen.set(row.transactionHeadId, row);
    }
    return [...seen.values()];
  }
  getTransaction(transactionHeadId: string) {
    return this.send("pos", `/transactions/${encodeURIComponent(transactionHeadId)}`, SmaregiTransaction, { query: { with_details: "all" } });
  }

  // ---- order-shipment (受注管理) -----------------------------------------------------------

  listOrderStores() {
    return this.all("order-shipment", "/stores", SmaregiOrderStore, { limit: 100 });
  }
  getOrderStore(storeId: string) {
    return this.send("order-shipment", `/stores/${encodeURIComponent(storeId)}`, SmaregiOrderStore);
  }
  /** [I] the order store's warehouse stock with what orders hold (受注在庫引当数量). */
  orderStock(storeId: string, productId?: string) {
    return this.all("order-shipment", "/stock", SmaregiOrderStock, { store_id: storeId, product_id: productId, limit: 100 });
  }
  listOrders(filter: { storeId?: string; orderCode?: string; status?: string; updatedFrom?: string; updatedTo?: string } = {}) {
    return this.all("order-shipment", "/orders", SmaregiOrder, {
      store_id: filter.storeId,
      order_code: filter.orderCode,
      status: filter.status,
      "upd_date_time-from": filter.updatedFrom,
      "upd_date_time-to": filter.updatedTo,
      limit: 100,
    });
  }
  getOrder(orderHeadId: string) {
    return this.send("order-shipment", `/orders/${encodeURIComponent(orderHeadId)}`, SmaregiOrder);
  }
  /**
   * POST /orders. Smaregi documents no idempotency key; the fake refuses a second `orderCode` in
   * the same store (400) [I]. After a transient failure, look the code up with listOrders first.
   */
  createOrder(input: SmaregiOrderInput) {
    return this.send("order-shipment", "/orders", SmaregiOrder, { method: "POST", body: input });
  }
  /** PATCH /orders/{id} [I]: shipped (needs full allocation) or canceled. Repeating it answers 400, nothing more. */
  updateOrderStatus(orderHeadId: string, status: "shipped" | "canceled", opts: { shippedDateTime?: string } = {}) {
    return this.send("order-shipment", `/orders/${encodeURIComponent(orderHeadId)}`, SmaregiOrder, { method: "PATCH", body: { status, ...opts } });
  }
  /** POST /orders/{id}/allocate [I]: 在庫引当 for a store whose automatic allocation is off. */
  allocateOrder(orderHeadId: string) {
    return this.send("order-shipment", `/orders/${encodeURIComponent(orderHeadId)}/allocate`, SmaregiOrder, { method: "POST" });
  }
  /** POST /orders/shipped [I]: 受注一括出荷, ≤ 100 orders, all or nothing. */
  async shipOrders(orders: { orderHeadId: string; shippedDateTime?: string }[]) {
    chunkGuard(orders);
    const { body } = await this.call(this.url("/order-shipment/orders/shipped"), { method: "POST", body: { orders } });
    return SmaregiShippedRow.array().parse(body);
  }
}

function stockRow(row: StockRowInput) {
  return { productId: row.productId, storeId: row.storeId, stockAmount: str(row.stockAmount), ...memoOf(row.memo) };
}

function chunkGuard(rows: unknown[]) {
  if (rows.length === 0 || rows.length > BULK_MAX) throw new RangeError(`a bulk call takes 1–${BULK_MAX} rows, got ${rows.length}`);
}

/** 429 and 4xx were refused before anything changed; anything else leaves a delta's fate unknown. */
function uncertainUnlessRefused(error: unknown, what: string): unknown {
  if (error instanceof SmaregiApiError) return error;
  // 429 and the ID host failing (no token yet) both happen before the write was sent.
  if (error instanceof TransientError && /HTTP 429|ID host/.test(error.message)) return error;
  if (error instanceof TransientError) return new SmaregiUncertainWriteError(`${what}: outcome unknown (${error.message}); check the stock history before retrying`, error);
  return error;
}

/** The `rel="next"` target of a Link header, resolved against the URL that answered. */
export function nextLink(header: string | null, base: string): string | null {
  if (!header) return null;
  for (const part of header.split(",")) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel="?next"?/i.test(m[2]!)) return new URL(m[1]!, base).toString();
  }
  return null;
}

export const isWarehouse = (store: { division: string }) => store.division === "2";
