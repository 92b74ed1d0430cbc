/**
 * Fake of 旺店通 ERP 企业版 openapi2 (see README.md beside this file), served under /wangdian:
 * POST /wangdian/openapi2/<endpoint>.php with a form body. In memory and honest: sid / appkey /
 * timestamp (±5 min of the fake's clock) / MD5 sign checked on every call, envelope errors with
 * HTTP 200, 0-based paging, time windows, the documented dedupe keys and call limits, query → ack
 * queues, injectable HTTP and envelope failures, and a log of every applied write.
 */
import type { Fake } from "../server";
import { goodsClassQuery, goodsPush, goodsQuery } from "./endpoints/goods";
import { logisticsQuery, shopQuery, warehouseQuery } from "./endpoints/basic";
import { stockinOrderPush, stockinOrderQuery, stockoutOrderPush, stockoutOrderQuery } from "./endpoints/documents";
import { stockQuery, stockSyncByPd } from "./endpoints/stock";
import { deliverTrades, tradePush } from "./endpoints/trades";
import { logisticsSyncAck, logisticsSyncQuery, stockChangeAck, stockChangeQuery } from "./endpoints/queues";
import { demoSeed, SANDBOX_CREDENTIALS, type DemoOptions } from "./demo";
import { CODES, WdtFault } from "./errors";
import { formatBeijing, type Params } from "./params";
import { addShipment, applySeed, toMs, type Seed, type SeedShipment } from "./seed";
import { signParams } from "./sign";
import { beijingDay, createState, now, type Credentials, type Failure, type Limits, type Settings, type State } from "./state";

export { SANDBOX_CREDENTIALS } from "./demo";
export { signParams, packParams } from "./sign";

type Endpoint = (state: State, params: Params, sid: string) => Record<string, unknown>;

const ENDPOINTS: Record<string, Endpoint> = {
  "shop.php": shopQuery,
  "warehouse_query.php": warehouseQuery,
  "logistics.php": logisticsQuery,
  "goods_query.php": goodsQuery,
  "goods_push.php": goodsPush,
  "goods_class_query.php": goodsClassQuery,
  "stock_query.php": stockQuery,
  "stock_sync_by_pd.php": stockSyncByPd,
  "trade_push.php": tradePush,
  "stockin_order_push.php": stockinOrderPush,
  "stockout_order_push.php": stockoutOrderPush,
  "stockin_order_query.php": stockinOrderQuery,
  "stockout_order_query.php": stockoutOrderQuery,
  "logistics_sync_query.php": logisticsSyncQuery,
  "logistics_sync_ack.php": logisticsSyncAck,
  "api_goods_stock_change_query.php": stockChangeQuery,
  "api_goods_stock_change_ack.php": stockChangeAck,
};

export interface WangdianFakeOptions {
  credentials?: Credentials;
  /** load the demo data at start (default true, for `npm start`); reset() always empties */
  demo?: boolean;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Public parameters first: an unknown or unsigned caller learns nothing about the tenant. */
function authenticate(state: State, params: Params): string {
  for (const name of ["sid", "appkey", "timestamp", "sign"]) {
    if (!params[name]) throw new WdtFault(CODES.MISSING_PARAM, `缺少必要参数 ${name}`);
  }
  const credentials = state.credentials.find((c) => c.sid === params.sid && c.appkey === params.appkey);
  if (!credentials) throw new WdtFault(CODES.APPKEY_INVALID, "appkey不存在或已停用");
  if (signParams(params, credentials.appsecret) !== params.sign!.toLowerCase()) throw new WdtFault(CODES.SIGN_INVALID, "签名错误");
  const skew = Math.abs(now(state) / 1000 - Number(params.timestamp));
  if (!(skew <= state.limits.timestampSkewSeconds)) throw new WdtFault(CODES.TIMESTAMP_EXPIRED, "timestamp已过期，与服务器时间相差超过5分钟");
  return credentials.sid;
}

function countCall(state: State, endpoint: string) {
  const minute = Math.floor(now(state) / 60_000);
  if (state.minuteCalls.minute !== minute) state.minuteCalls = { minute, count: 0 };
  if (state.limits.callsPerMinute > 0 && ++state.minuteCalls.count > state.limits.callsPerMinute) {
    throw new WdtFault(CODES.RATE_LIMITED, "超过每分钟最大调用频率限制，请稍后重试");
  }
  const key = `${beijingDay(now(state))}|${endpoint}`;
  state.dailyCalls.set(key, (state.dailyCalls.get(key) ?? 0) + 1);
}

function takeFailure(state: State, endpoint: string, sid: string | undefined): Failure | undefined {
  const index = state.failures.findIndex((f) => (!f.endpoint || f.endpoint === endpoint) && (!f.sid || f.sid === sid));
  return index < 0 ? undefined : state.failures.splice(index, 1)[0];
}

function failureResponse(failure: Failure): Response | null {
  if (failure.status) return new Response(failure.status === 429 ? "Too Many Requests" : "Service Unavailable", { status: failure.status, headers: failure.status === 429 ? { "retry-after": "1" } : {} });
  if (failure.code !== undefined) return json({ code: failure.code, message: failure.message ?? "injected failure" });
  return null;
}

export function createWangdianFake(options: WangdianFakeOptions = {}) {
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS;
  let state = createState(credentials);
  if (options.demo ?? true) applySeed(state, demoSeed(now(state)));

  async function fetch(request: Request): Promise<Response> {
    const match = /^\/wangdian\/openapi2\/([a-z0-9_]+\.php)$/.exec(new URL(request.url).pathname);
    const endpoint = match?.[1];
    const handler = endpoint ? ENDPOINTS[endpoint] : undefined;
    if (!endpoint || !handler) return new Response("404 Not Found", { status: 404 });
    if (request.method !== "POST") return new Response("405 Method Not Allowed", { status: 405 });
    const params: Params = Object.fromEntries(new URLSearchParams(await request.text()));

    const failure = takeFailure(state, endpoint, params.sid);
    if (failure?.delayMs) await sleep(failure.delayMs);
    if (failure && !failure.afterApply) {
      const injected = failureResponse(failure);
      if (injected) return injected;
    }
    let body: Record<string, unknown>;
    try {
      const sid = authenticate(state, params);
      countCall(state, endpoint);
      body = { code: CODES.OK, message: "", ...handler(state, params, sid) };
    } catch (error) {
      if (!(error instanceof WdtFault)) throw error;
      body = { code: error.code, message: error.message, ...error.extra };
    }
    if (failure?.afterApply) return failureResponse(failure) ?? json(body);
    return json(body);
  }

  /** Control actions (POST /__control/wangdian/<action>): seed and inspect without the contract. */
  async function control(action: string, request: Request): Promise<Response | undefined> {
    const body = async <T>(): Promise<T> => {
      const text = await request.text();
      return (text ? JSON.parse(text) : {}) as T;
    };
    switch (action) {
      case "demo": {
        const demo = await body<DemoOptions>();
        state = createState(credentials);
        applySeed(state, demoSeed(now(state), demo));
        return json({ ok: true, credentials: SANDBOX_CREDENTIALS, shopNo: demo.storeNo ?? "S001", warehouses: [...state.warehouses.keys()] });
      }
      case "seed":
        applySeed(state, await body<Seed>());
        return json({ ok: true });
      case "clock": {
        const clock = await body<{ now?: string | number; advanceSeconds?: number; real?: boolean }>();
        if (clock.real) {
          state.fixedNow = null;
          state.offsetMs = 0;
        }
        if (clock.now !== undefined) {
          state.fixedNow = toMs(state, clock.now);
          state.offsetMs = 0;
        }
        if (clock.advanceSeconds) state.offsetMs += clock.advanceSeconds * 1000;
        return json({ now: new Date(now(state)).toISOString(), beijing: formatBeijing(now(state)), timestamp: Math.floor(now(state) / 1000) });
      }
      case "fail":
        state.failures.push(...(await body<Failure[]>()));
        return json({ ok: true, pending: state.failures.length });
      case "limits":
        Object.assign(state.limits, await body<Partial<Limits>>());
        return json(state.limits);
      case "settings":
        Object.assign(state.settings, await body<Partial<Settings>>());
        return json(state.settings);
      case "deliver":
        return json(deliverTrades(state, await body<{ shop_no?: string; tid?: string }>()));
      case "ship":
        return json(addShipment(state, await body<SeedShipment>()));
      case "writes": {
        const { kind, since = 0 } = await body<{ kind?: string; since?: number }>();
        return json(state.writes.filter((w) => w.seq > since && (!kind || w.kind === kind)));
      }
      case "state":
        return json(snapshot(state));
      case "calls":
        // the daily call counters alone: a benchmark's state can be too large to read whole
        return json(Object.fromEntries(state.dailyCalls));
      default:
        return undefined;
    }
  }

  return {
    fetch,
    control,
    get state() {
      return state;
    },
    reset() {
      state = createState(credentials);
    },
  } satisfies Fake & { state: State };
}

function snapshot(state: State) {
  return {
    now: new Date(now(state)).toISOString(),
    credentials: state.credentials.map(({ sid, appkey }) => ({ sid, appkey })),
    shops: [...state.shops.values()],
    warehouses: [...state.warehouses.values()],
    logistics: [...state.logistics.values()],
    goods: [...state.goods.values()],
    stock: [...state.stock.values()],
    trades: [...state.trades.values()].map(({ content: _, ...t }) => t),
    documents: state.documents,
    logisticsSync: state.logisticsSync,
    stockChanges: [...state.stockChanges.values()],
    settings: state.settings,
    limits: state.limits,
    dailyCalls: Object.fromEntries(state.dailyCalls),
    failures: state.failures,
    writes: state.writes.length,
  };
}
