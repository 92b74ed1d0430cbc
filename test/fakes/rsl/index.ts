/**
 * Fake of an RSL shipping API, served under /rsl. RSL publishes no API, so this contract is
 * Renkei's assumption, written down in README.md: API-key auth, a shipment request per order that
 * is idempotent by the caller's requestKey (a repeat answers the first answer), status by
 * requestKey, cancel before picking, and shipment results readable from 19:00 JST with a cursor.
 */
import type { Fake } from "../server";
import {
  accountNow, DAY_MS, DEFAULT_RSL_SETTINGS, publishResults, schedule, statusOf, view,
  type Account, type RslItem, type RslSettings, type ShipmentRequest,
} from "./account";
import { DEMO_API_KEY, DEMO_ITEMS } from "./demo";

export type RslFakeOptions = Partial<RslSettings>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const problem = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message, ...extra } }, headers);

const KEY = /^[A-Za-z0-9_.:-]{1,64}$/;
const POSTAL = /^\d{3}-?\d{4}$/;

/** Stable JSON (sorted keys), so a repeat of the same request compares equal whatever its key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function validate(body: unknown, items: Map<string, RslItem>): { request: ShipmentRequest } | { response: Response } {
  const b = (body ?? {}) as Partial<ShipmentRequest>;
  const details: { field: string; message: string }[] = [];
  if (typeof b.requestKey !== "string" || !KEY.test(b.requestKey)) details.push({ field: "requestKey", message: "1–64 characters of A–Z a–z 0–9 _ . : -" });
  if (typeof b.shopOrderNumber !== "string" || !b.shopOrderNumber) details.push({ field: "shopOrderNumber", message: "required" });
  const to = (b.shipTo ?? {}) as Partial<ShipmentRequest["shipTo"]>;
  for (const field of ["name", "prefecture", "address1", "phone"] as const) if (typeof to[field] !== "string" || !to[field]) details.push({ field: `shipTo.${field}`, message: "required" });
  if (typeof to.postalCode !== "string" || !POSTAL.test(to.postalCode)) details.push({ field: "shipTo.postalCode", message: "7 digits (123-4567)" });
  if (!Array.isArray(b.lines) || b.lines.length === 0) details.push({ field: "lines", message: "at least one line" });
  else {
    b.lines.forEach((l, i) => {
      if (typeof l?.itemCode !== "string" || !l.itemCode) details.push({ field: `lines[${i}].itemCode`, message: "required" });
      if (!Number.isInteger(l?.quantity) || l.quantity < 1) details.push({ field: `lines[${i}].quantity`, message: "a whole number ≥ 1" });
    });
  }
  if (b.deliveryDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(b.deliveryDate))) details.push({ field: "deliveryDate", message: "yyyy-MM-dd" });
  if (details.length) return { response: problem(400, "INVALID_REQUEST", "the request is not valid", { details }) };
  const unknown = b.lines!.map((l, i) => ({ line: i, itemCode: l.itemCode })).filter((l) => !items.has(l.itemCode));
  if (unknown.length) return { response: problem(422, "UNKNOWN_ITEM", "RSL does not stock these item codes", { details: unknown }) };
  return { request: b as ShipmentRequest };
}

export function createRslFake(options: RslFakeOptions = {}) {
  const defaults: RslSettings = { ...DEFAULT_RSL_SETTINGS, ...options };
  const accounts = new Map<string, Account>();

  function newAccount(apiKey: string, settings: Partial<RslSettings> = {}): Account {
    const account: Account = {
      apiKey,
      clockOffsetMs: 0,
      settings: { ...defaults, ...settings },
      items: new Map(),
      shipments: new Map(),
      results: [],
      failures: [],
      recent: [],
      counters: { shipment: 0, result: 0, tracking: 0, throttled: 0 },
    };
    accounts.set(apiKey, account);
    return account;
  }

  async function fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/rsl/, "");
    const account = accounts.get(request.headers.get("x-api-key") ?? "");
    if (!account) return problem(401, "UNAUTHORIZED", "missing or unknown X-Api-Key");
    const now = Date.now();
    account.recent = account.recent.filter((t) => now - t < 1000);
    // [A] checked before anything else: a throttled call has done nothing, so the caller may simply ask again
    if (account.recent.length >= account.settings.ratePerSecond) {
      account.counters.throttled++;
      return problem(429, "RATE_LIMITED", "too many requests", {}, { "retry-after": String(account.settings.retryAfterSeconds) });
    }
    account.recent.push(now);
    publishResults(account);

    const index = account.failures.findIndex((f) => !f.path || path.includes(f.path));
    const failure = index < 0 ? undefined : account.failures.splice(index, 1)[0];
    // A slow RSL: the answer (and the work) comes late; a caller that gave up may find it done later.
    if (failure?.delayMs) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    if (failure?.status && !failure.afterApply) return problem(failure.status, "INJECTED", "injected failure");
    const response = await route(account, request, path, url);
    // A failure after the work is done: the caller sees an error (a timeout, a 502) but the request took effect.
    if (failure?.status) return problem(failure.status, "INJECTED", "injected failure after the request was applied");
    return response;
  }

  async function route(account: Account, request: Request, path: string, url: URL): Promise<Response> {
    if (request.method === "POST" && path === "/v1/shipments") {
      const body = await request.json().catch(() => null);
      const checked = validate(body, account.items);
      if ("response" in checked) return checked.response;
      const req = checked.request;
      const fingerprint = canonical(req);
      const seen = account.shipments.get(req.requestKey);
      if (seen) {
        if (seen.fingerprint !== fingerprint) return problem(409, "REQUEST_KEY_CONFLICT", "this requestKey was used for a different request");
        return json(seen.firstAnswer.status, seen.firstAnswer.body, { "idempotent-replay": "true" });
      }
      const receivedAt = accountNow(account);
      const shipment = {
        shipmentId: `SHP-${String(++account.counters.shipment).padStart(7, "0")}`,
        request: structuredClone(req),
        fingerprint,
        receivedAt,
        ...schedule(account, receivedAt),
        cancelledAt: null,
        resultSeq: null,
        firstAnswer: { status: 201, body: null as unknown },
      };
      shipment.firstAnswer.body = view(account, shipment);
      account.shipments.set(req.requestKey, shipment);
      return json(201, shipment.firstAnswer.body);
    }
    const one = /^\/v1\/shipments\/([^/]+)(\/cancel)?$/.exec(path);
    if (one) {
      const shipment = account.shipments.get(decodeURIComponent(one[1]!));
      if (!shipment) return problem(404, "NOT_FOUND", "no shipment with this requestKey");
      if (!one[2] && request.method === "GET") return json(200, view(account, shipment));
      if (one[2] && request.method === "POST") {
        const status = statusOf(account, shipment);
        if (status === "picking" || status === "shipped") return problem(409, "CANNOT_CANCEL", `the shipment is ${status}; cancel is possible only before picking`);
        shipment.cancelledAt ??= accountNow(account);
        return json(200, view(account, shipment));
      }
    }
    if (request.method === "GET" && path === "/v1/shipment-results") {
      const after = url.searchParams.get("after");
      const from = after === null || after === "" ? 0 : Number(after);
      const limit = Number(url.searchParams.get("limit") ?? "100");
      if (!Number.isInteger(from) || from < 0) return problem(400, "INVALID_CURSOR", "after must be a cursor from a previous answer");
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return problem(400, "INVALID_REQUEST", "limit is 1–100");
      const rest = account.results.filter((r) => r.resultId > from);
      const page = rest.slice(0, limit);
      return json(200, { results: page, nextCursor: String(page.length ? page[page.length - 1]!.resultId : from), hasMore: rest.length > page.length });
    }
    return problem(404, "NOT_FOUND", "no such endpoint");
  }

  // ---- control actions (POST|GET /__control/rsl/<action>) ----

  async function params(request: Request): Promise<Record<string, unknown>> {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const text = request.method === "GET" ? "" : await request.text();
    const body = text ? (JSON.parse(text) as unknown) : {};
    return Array.isArray(body) ? { ...query, failures: body } : { ...query, ...(body as Record<string, unknown>) };
  }

  function accountFor(p: Record<string, unknown>): Account {
    const key = (p.apiKey as string | undefined) ?? DEMO_API_KEY;
    const account = accounts.get(key);
    if (!account) throw new Error(`no RSL account with apiKey ${key}: call seed or demo first`);
    publishResults(account);
    return account;
  }

  function setClock(account: Account, p: Record<string, unknown>) {
    if (typeof p.now === "string" || typeof p.set === "string") {
      const target = Date.parse((p.set ?? p.now) as string);
      if (!Number.isFinite(target)) throw new Error("bad time");
      account.clockOffsetMs = target - Date.now();
    }
    account.clockOffsetMs += Number(p.advanceMs ?? 0) + Number(p.advanceDays ?? 0) * DAY_MS;
  }

  const summary = (a: Account) => ({ apiKey: a.apiKey, now: new Date(accountNow(a)).toISOString(), settings: a.settings, items: [...a.items.values()] });

  async function control(action: string, request: Request): Promise<Response | undefined> {
    try {
      const p = await params(request);
      switch (action) {
        case "demo": {
          const account = newAccount((p.apiKey as string | undefined) ?? DEMO_API_KEY, p.settings as Partial<RslSettings> | undefined);
          for (const item of DEMO_ITEMS) account.items.set(item.itemCode, item);
          setClock(account, p);
          return json(200, summary(account));
        }
        case "seed": {
          const key = (p.apiKey as string | undefined) ?? DEMO_API_KEY;
          const account = accounts.get(key) ?? newAccount(key);
          if (p.settings) Object.assign(account.settings, p.settings);
          for (const item of (p.items as RslItem[] | undefined) ?? []) account.items.set(item.itemCode, item);
          setClock(account, p);
          return json(200, summary(account));
        }
        case "clock": {
          const account = accountFor(p);
          setClock(account, p);
          publishResults(account);
          return json(200, summary(account));
        }
        case "rate": {
          const account = accountFor(p);
          if (p.perSecond !== undefined) account.settings.ratePerSecond = Number(p.perSecond);
          if (p.retryAfter !== undefined) account.settings.retryAfterSeconds = Number(p.retryAfter);
          account.recent = [];
          return json(200, account.settings);
        }
        case "fail": {
          const account = accountFor(p);
          account.failures.push(...((p.failures as Account["failures"] | undefined) ?? []));
          return json(200, { pending: account.failures.length });
        }
        case "release-results": {
          // The evening batch, now: every shipment not cancelled ships and its result is readable.
          const account = accountFor(p);
          const now = accountNow(account);
          for (const s of account.shipments.values()) {
            if (s.cancelledAt === null && s.resultSeq === null && (!p.requestKey || s.request.requestKey === p.requestKey)) {
              s.pickingAt = Math.min(s.pickingAt, now);
              s.resultsAt = Math.min(s.resultsAt, now);
            }
          }
          publishResults(account);
          return json(200, { released: account.results.length });
        }
        case "state": {
          const account = accountFor(p);
          const byOrder: Record<string, string[]> = {};
          for (const s of account.shipments.values()) (byOrder[s.request.shopOrderNumber] ??= []).push(s.request.requestKey);
          return json(200, {
            ...summary(account),
            shipments: [...account.shipments.values()].map((s) => ({ ...view(account, s), shipTo: s.request.shipTo })),
            shipmentsByOrder: byOrder,
            results: account.results,
            throttled: account.counters.throttled,
          });
        }
        default:
          return undefined;
      }
    } catch (e) {
      return json(400, { error: String(e instanceof Error ? e.message : e) });
    }
  }

  return {
    fetch,
    control,
    accounts,
    reset() {
      accounts.clear();
    },
  } satisfies Fake & Record<string, unknown>;
}
