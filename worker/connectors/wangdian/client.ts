/**
 * Client of 旺店通 ERP 企业版 openapi2 (contract: reference §4 and test/fakes/wangdian/README.md).
 * Every call is a signed form POST to `<baseUrl>/<endpoint>.php` answering `{ code, message, … }`
 * with HTTP 200. This module keeps the ERP's rules so callers cannot break them: 0-based paging,
 * windows of at most the documented span, ≤ 50 trades (≤ 30 of one buyer_nick) per trade_push,
 * ≤ 500 lines per stocktake, ≤ 50 acks per call. A repeated outer_no / api_outer_no (21000006) is
 * "already accepted", not an error; rate limits, 5xx, timeouts and network errors are transient.
 */
import { z } from "zod";
import {
  WdtEnvelope,
  WdtGoods,
  WdtGoodsClass,
  WdtLogistics,
  WdtLogisticsSync,
  WdtShop,
  WdtStock,
  WdtStockChange,
  WdtStockin,
  WdtStockout,
  WdtWarehouse,
  type WdtLogisticsAck,
  type WdtStockChangeAck,
  type WdtStockinInfo,
  type WdtStockoutInfo,
  type WdtStocktakeLine,
  type WdtTrade,
} from "../../../shared/schemas/wangdian";
import { TransientError } from "../../sync/messages";
import { signParams } from "./sign";
import { splitWindows, toBeijing } from "./time";

/** Envelope codes. 1010 / 1011 / 1050 / 1051 are not public: the fake's numbers [I]. */
export const WANGDIAN_CODES = {
  BUSINESS: 99,
  APPKEY_INVALID: 1007,
  SIGN_INVALID: 1010,
  TIMESTAMP_EXPIRED: 1011,
  DUPLICATE_OPERATION: 1020,
  RATE_LIMITED: 1050,
  DAILY_LIMIT: 1051,
  SHOP_INVALID: 2310,
  INVALID_PARAM: 2830,
  MISSING_PARAM: 21000003,
  DUPLICATE_OUTER_NO: 21000006,
  NO_GOODS_MATCHED: 21000024,
} as const;

/** The documented call limits (reference §4.2) and spans; see the fake's README for which are [I]. */
export const WANGDIAN_LIMITS = {
  tradesPerPush: 50,
  sameNickPerPush: 30,
  acksPerCall: 50,
  stocktakeLinesPerCall: 500,
  stocktakeCallsPerDay: 2000,
  logisticsQueryLimit: 100,
  windowDays: 30,
} as const;

const DAY_MS = 86_400_000;

/** An answer with a non-zero code that retrying will not fix (bad data, bad credentials, …). */
export class WangdianError extends Error {
  override name = "WangdianError";
  constructor(
    readonly code: number,
    message: string,
    readonly endpoint: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(`旺店通 ${endpoint} ${code}: ${message}`);
  }
  /** The link's credentials or clock are wrong: stop retrying and show the ERP's message. */
  get isCredentials(): boolean {
    const c: number[] = [WANGDIAN_CODES.APPKEY_INVALID, WANGDIAN_CODES.SIGN_INVALID, WANGDIAN_CODES.TIMESTAMP_EXPIRED];
    return c.includes(this.code);
  }
}

export type PushOutcome<T> = ({ status: "created" } & T) | { status: "already_accepted" };

export interface WangdianConfig {
  /** e.g. https://api.wangdian.cn/openapi2 (sandbox: https://sandbox.wangdian.cn/openapi2) */
  baseUrl: string;
  sid: string;
  appkey: string;
  appsecret: string;
  // Wrapped: workerd refuses a bare `fetch` called as a method of another object (Illegal invocation).
  fetcher?: typeof fetch;
  /** ms since epoch; the timestamp must be within 5 minutes of the ERP's clock */
  now?: () => number;
  timeoutMs?: number;
}

export interface TimeRange {
  from: Date | number;
  to: Date | number;
}

type Param = string | number | boolean | object | undefined | null;

function serialise(params: Record<string, Param>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    out[key] = typeof value === "object" ? JSON.stringify(value) : typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  }
  return out;
}

/** Seconds until the next Beijing midnight, when the ERP's daily budgets reset [I]. */
function untilBeijingMidnight(nowMs: number): number {
  const beijing = nowMs + 8 * 3600_000;
  return Math.ceil((DAY_MS - (beijing % DAY_MS)) / 1000);
}

/** Splits trades into pushes of ≤ 50, with ≤ 30 sharing a buyer_nick (walk-in sales often do). */
export function chunkTrades(trades: WdtTrade[], size: number = WANGDIAN_LIMITS.tradesPerPush, perNick: number = WANGDIAN_LIMITS.sameNickPerPush): WdtTrade[][] {
  const chunks: { trades: WdtTrade[]; nicks: Map<string, number> }[] = [];
  for (const trade of trades) {
    const nick = trade.buyer_nick ?? "";
    let chunk = chunks.find((c) => c.trades.length < size && (c.nicks.get(nick) ?? 0) < perNick);
    if (!chunk) chunks.push((chunk = { trades: [], nicks: new Map() }));
    chunk.trades.push(trade);
    chunk.nicks.set(nick, (chunk.nicks.get(nick) ?? 0) + 1);
  }
  return chunks.map((c) => c.trades);
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class WangdianClient {
  private readonly fetcher: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly config: WangdianConfig) {
    this.fetcher = config.fetcher ?? ((input, init) => fetch(input, init));
    this.now = config.now ?? Date.now;
  }

  /** The signed form body of one call (exposed for tests and logs; holds no secret). */
  signedBody(params: Record<string, Param>): URLSearchParams {
    const all = { ...serialise(params), sid: this.config.sid, appkey: this.config.appkey, timestamp: String(Math.floor(this.now() / 1000)) };
    return new URLSearchParams({ ...all, sign: signParams(all, this.config.appsecret) });
  }

  /** One call: answers the body when code is 0; throws WangdianError or TransientError. */
  async call(endpoint: string, params: Record<string, Param> = {}): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.config.baseUrl.replace(/\/$/, "")}/${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: this.signedBody(params).toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new TransientError(`旺店通 ${endpoint}: network: ${String(error)}`);
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get("retry-after") ?? "");
      throw new TransientError(`旺店通 ${endpoint}: HTTP ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    if (!response.ok) throw new Error(`旺店通 ${endpoint}: HTTP ${response.status}`);
    const raw = await response.json().catch(() => null);
    const envelope = WdtEnvelope.safeParse(raw);
    // A 200 that is not the envelope is a gateway page in front of the ERP, not an answer.
    if (!envelope.success) throw new TransientError(`旺店通 ${endpoint}: answer is not the JSON envelope`);
    const { code, message } = envelope.data;
    if (code === 0) return envelope.data;
    if (code === WANGDIAN_CODES.RATE_LIMITED || /调用频率/.test(message)) throw new TransientError(`旺店通 ${endpoint} ${code}: ${message}`, 60);
    if (code === WANGDIAN_CODES.DAILY_LIMIT) throw new TransientError(`旺店通 ${endpoint} ${code}: ${message}`, untilBeijingMidnight(this.now()));
    throw new WangdianError(code, message, endpoint, envelope.data);
  }

  /** Every page of a paged query, page_no from 0, until a short page or total_count is reached. */
  async *pages<T>(endpoint: string, params: Record<string, Param>, listKey: string, row: z.ZodType<T>, pageSize: number): AsyncGenerator<T[]> {
    let total: number | undefined;
    for (let pageNo = 0; ; pageNo++) {
      const body = await this.call(endpoint, { ...params, page_no: pageNo, page_size: pageSize });
      if (pageNo === 0 && body.total_count !== undefined) total = Number(body.total_count);
      const rows = z.array(row).parse(body[listKey] ?? []);
      if (rows.length) yield rows;
      if (rows.length < pageSize || (total !== undefined && (pageNo + 1) * pageSize >= total)) return;
    }
  }

  /** A time-ranged query over any range: windows of the endpoint's span, each paged. */
  async *windowed<T>(endpoint: string, params: Record<string, Param>, range: TimeRange, listKey: string, row: z.ZodType<T>, pageSize: number, spanDays: number = WANGDIAN_LIMITS.windowDays): AsyncGenerator<T[]> {
    for (const window of splitWindows(range.from, range.to, spanDays * DAY_MS)) {
      yield* this.pages(endpoint, { ...params, ...window }, listKey, row, pageSize);
    }
  }

  // — master data: the harmless calls that verify a link —

  async shops(shopNo?: string) {
    return collect(this.pages("shop.php", { shop_no: shopNo }, "shoplist", WdtShop, 100));
  }
  async warehouses(warehouseNo?: string) {
    return collect(this.pages("warehouse_query.php", { warehouse_no: warehouseNo }, "warehouses", WdtWarehouse, 100));
  }
  async logistics() {
    return collect(this.pages("logistics.php", {}, "logistics_list", WdtLogistics, 100));
  }

  // — goods —

  /** Goods modified in the range (the import by date range filters on `created` itself). */
  goods(range: TimeRange, pageSize = 100) {
    return this.windowed("goods_query.php", {}, range, "goods_list", WdtGoods, pageSize);
  }
  async goodsBySpec(specNo: string) {
    return collect(this.pages("goods_query.php", { spec_no: specNo }, "goods_list", WdtGoods, 100));
  }
  async goodsClasses() {
    return collect(this.pages("goods_class_query.php", {}, "class_list", WdtGoodsClass, 1000));
  }

  // — stock —

  /** Stock rows of a warehouse modified in the range. */
  stock(warehouseNo: string, range: TimeRange, pageSize = 1000) {
    return this.windowed("stock_query.php", { warehouse_no: warehouseNo }, range, "stocks", WdtStock, pageSize);
  }
  async stockOf(specNo: string, warehouseNo?: string) {
    return collect(this.pages("stock_query.php", { spec_no: specNo, warehouse_no: warehouseNo }, "stocks", WdtStock, 100));
  }

  /**
   * 盘点 with absolute counts, in calls of ≤ 500 lines. A stocktake of more lines sends
   * `${apiOuterNo}-1`, `-2`, … so each call stays idempotent on its own when replayed.
   */
  async stocktake(input: { warehouseNo: string; apiOuterNo: string; lines: WdtStocktakeLine[]; createStock?: boolean; allOrNothing?: boolean }) {
    const chunks = chunk(input.lines, WANGDIAN_LIMITS.stocktakeLinesPerCall);
    const results: (PushOutcome<{ pdNo: string; warning: { spec_no: string; error_msg: string }[] }> & { apiOuterNo: string; lines: number })[] = [];
    for (const [i, lines] of chunks.entries()) {
      const apiOuterNo = chunks.length === 1 ? input.apiOuterNo : `${input.apiOuterNo}-${i + 1}`;
      const outcome = await this.idempotent("stock_sync_by_pd.php", {
        warehouse_no: input.warehouseNo,
        api_outer_no: apiOuterNo,
        is_create_stock: input.createStock ?? true,
        is_post_error: input.allOrNothing ?? false,
        goods_list: lines,
      });
      results.push(
        outcome === null
          ? { status: "already_accepted", apiOuterNo, lines: lines.length }
          : { status: "created", pdNo: String(outcome.pd_no ?? ""), warning: (outcome.warning as { spec_no: string; error_msg: string }[] | undefined) ?? [], apiOuterNo, lines: lines.length },
      );
    }
    return results;
  }

  // — store → ERP —

  /** Raw trades in pushes of ≤ 50; a trade pushed before with the same content counts as unchanged. */
  async pushTrades(shopNo: string, trades: WdtTrade[], options: { strict?: boolean } = {}) {
    let newCount = 0;
    let chgCount = 0;
    let calls = 0;
    for (const part of chunkTrades(trades)) {
      const body = await this.call("trade_push.php", { shop_no: shopNo, switch: options.strict ? 1 : 0, trade_list: part });
      newCount += Number(body.new_count ?? 0);
      chgCount += Number(body.chg_count ?? 0);
      calls++;
    }
    return { newCount, chgCount, unchanged: trades.length - newCount - chgCount, calls };
  }

  /** 其他入库 keyed by outer_no. */
  async pushStockin(info: WdtStockinInfo): Promise<PushOutcome<{ stockinNo: string }>> {
    const body = await this.idempotent("stockin_order_push.php", { stockin_info: info });
    return body === null ? { status: "already_accepted" } : { status: "created", stockinNo: String(body.stockin_no ?? "") };
  }

  /** 其他出库 keyed by outer_no. */
  async pushStockout(info: WdtStockoutInfo): Promise<PushOutcome<{ stockoutNo: string }>> {
    const body = await this.idempotent("stockout_order_push.php", { stockout_info: info });
    return body === null ? { status: "already_accepted" } : { status: "created", stockoutNo: String(body.stockout_no ?? "") };
  }

  // — ERP → store —

  stockinOrders(warehouseNo: string, range: TimeRange, pageSize = 100) {
    return this.windowed("stockin_order_query.php", { warehouse_no: warehouseNo }, range, "stockin_list", WdtStockin, pageSize);
  }
  stockoutOrders(warehouseNo: string, range: TimeRange, pageSize = 100) {
    return this.windowed("stockout_order_query.php", { warehouse_no: warehouseNo }, range, "stockout_list", WdtStockout, pageSize);
  }

  // — query → ack queues: a row comes back until acked, so ack only what really reached the shop —

  async logisticsSyncQuery(shopNo: string, limit: number = WANGDIAN_LIMITS.logisticsQueryLimit) {
    const body = await this.call("logistics_sync_query.php", { shop_no: shopNo, limit: Math.min(limit, WANGDIAN_LIMITS.logisticsQueryLimit) });
    return z.array(WdtLogisticsSync).parse(body.trades ?? []);
  }
  async logisticsSyncAck(acks: WdtLogisticsAck[]) {
    return this.ackInChunks("logistics_sync_ack.php", "logistics_list", acks);
  }
  async stockChangeQuery(shopNo: string, limit = 100) {
    const body = await this.call("api_goods_stock_change_query.php", { shop_no: shopNo, limit });
    return z.array(WdtStockChange).parse(body.stock_change_list ?? []);
  }
  async stockChangeAck(acks: WdtStockChangeAck[]) {
    return this.ackInChunks("api_goods_stock_change_ack.php", "stock_sync_list", acks);
  }

  private async ackInChunks(endpoint: string, listKey: string, acks: object[]) {
    const errors: { rec_id: number; error: string }[] = [];
    let calls = 0;
    for (const part of chunk(acks, WANGDIAN_LIMITS.acksPerCall)) {
      const body = await this.call(endpoint, { [listKey]: part });
      errors.push(...((body.errors as { rec_id: number; error: string }[] | undefined) ?? []));
      calls++;
    }
    return { errors, calls };
  }

  /** A push keyed by an outer number: null when the ERP already has it (21000006). */
  private async idempotent(endpoint: string, params: Record<string, Param>): Promise<Record<string, unknown> | null> {
    try {
      return await this.call(endpoint, params);
    } catch (error) {
      if (error instanceof WangdianError && error.code === WANGDIAN_CODES.DUPLICATE_OUTER_NO) return null;
      throw error;
    }
  }
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const rows of pages) all.push(...rows);
  return all;
}

export { toBeijing };
