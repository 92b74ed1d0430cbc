/**
 * Fake NextEngine (API v1), served under /nextengine: the sign-in page at /nextengine/base/… and
 * the API at /nextengine/api/… (README.md beside this file lists the contract and every
 * assumption). Companies are isolated — each has its own clock, data, overload setting and
 * injected failures — so tests running side by side never see each other's time jumps.
 */
import type { Fake } from "../server";
import { answer, runQueue, type Envelope } from "./api";
import { createAuth, tokenFields, type App } from "./auth";
import { companyNow, createCompany, seedGoods, seedOrder, seedShops, seedTags, type CompanyDefaults, type GoodsSeed, type OrderSeed } from "./company";
import { seedDemo } from "./demo";
import { neDate, stockRow, type Company, type Failure, type OverloadConfig, type QueueTiming } from "./model";

export interface NextEngineFakeOptions {
  /** The sandbox app's credentials (NextEngine's 「アプリを作る」 → API tab). */
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  overload?: Partial<OverloadConfig>;
  queue?: Partial<QueueTiming>;
  /** 商品コード matching: exact (default, as NextEngine documents 完全一致) or case-insensitive. */
  skuMatching?: "exact" | "case-insensitive";
  /** Start (and reset) with one demo company, for `npm start`'s sandbox. Default true. */
  demo?: boolean;
}

/** Control actions that act on one company (`companyId`, or the latest created). */
const COMPANY_ACTIONS = ["launch", "tokens", "clock", "overload", "queue", "matching", "fail", "uploads", "orders", "stock", "calls"];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readParams(request: Request): Promise<URLSearchParams | null> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("multipart/form-data")) {
    const form = await request.formData();
    const params = new URLSearchParams();
    for (const [k, v] of form) if (typeof v === "string") params.append(k, v);
    return params;
  }
  if (type.includes("application/x-www-form-urlencoded")) return new URLSearchParams(await request.text());
  return null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function createNextEngineFake(options: NextEngineFakeOptions = {}) {
  const app: App = { clientId: options.clientId ?? "sandbox-client-id", clientSecret: options.clientSecret ?? "sandbox-client-secret", redirectUri: options.redirectUri };
  const defaults: CompanyDefaults = {
    overload: { maxConcurrent: 3, latencyMs: 0, waitMs: 2000, ...options.overload },
    queueTiming: { pendingMs: 0, runMs: 0, ...options.queue },
    caseInsensitive: options.skuMatching === "case-insensitive",
    clockOffsetMs: 0,
  };
  const companies = new Map<string, Company>();
  const auth = createAuth(companies);
  let sequence = 0;
  let latest: string | undefined;

  function newCompany(name?: string): Company {
    const id = `co-${++sequence}`;
    const company = createCompany(id, name ?? `サンドボックス株式会社 ${sequence}`, defaults);
    companies.set(id, company);
    latest = id;
    return company;
  }

  function start() {
    auth.apps.set(app.clientId, { ...app });
    if (options.demo ?? true) seedDemo(newCompany("サンドボックス株式会社"));
  }
  start();

  /** The failure injected for this call, if any (consumed). */
  function takeFailure(company: Company, path: string): Failure | undefined {
    const index = company.failures.findIndex((f) => (f.path ?? (f.kind === "queue" ? "/api_v1_master_goods/upload" : path)) === path);
    if (index < 0) return undefined;
    const failure = company.failures[index]!;
    if (--failure.count <= 0) company.failures.splice(index, 1);
    return failure;
  }

  async function api(path: string, request: Request): Promise<Response> {
    if (request.method !== "POST") return json({ result: "error", code: "000001", message: "APIはPOSTで呼び出して下さい" }, 405);
    const params = await readParams(request);
    if (!params) return json({ result: "error", code: "000001", message: "POSTパラメータはapplication/x-www-form-urlencodedで指定して下さい" });
    if (path === "/api_neauth") return json(auth.neauth(params));

    const outcome = auth.authenticate(params);
    if (!outcome.ok) return json({ result: outcome.result, code: outcome.code, message: outcome.message });
    const { company } = outcome;
    const tokens = tokenFields(outcome.tokens);
    const reply = (envelope: Envelope) => {
      company.calls.push({ path, result: envelope.result, code: envelope.code as string | undefined });
      return json({ ...envelope, ...tokens });
    };
    runQueue(company);
    const waitFlag = params.get("wait_flag") === "1";
    const failure = takeFailure(company, path);
    if (failure?.kind === "http") {
      company.calls.push({ path, result: `http ${failure.status ?? 503}` });
      return new Response("Service Unavailable", { status: failure.status ?? 503 });
    }
    if (failure?.kind === "error") return reply({ result: "error", code: failure.code ?? "999999", message: failure.message ?? "injected error" });
    if (failure?.kind === "overload") return reply(overloaded(failure.code ?? (waitFlag ? "003001" : "003002")));

    // More than maxConcurrent calls of one company at once: 003002 at once, or with wait_flag=1
    // wait for a slot and give up with 003001 (NextEngine waits up to 60 minutes).
    if (company.inFlight >= company.overload.maxConcurrent) {
      if (!waitFlag) return reply(overloaded("003002"));
      const until = Date.now() + company.overload.waitMs;
      while (company.inFlight >= company.overload.maxConcurrent && Date.now() < until) await sleep(5);
      if (company.inFlight >= company.overload.maxConcurrent) return reply(overloaded("003001"));
    }
    company.inFlight++;
    let envelope: Envelope | undefined;
    try {
      if (company.overload.latencyMs > 0) await sleep(company.overload.latencyMs);
      envelope = answer(path, { company, params, forcedQueueFailure: failure?.kind === "queue" ? (failure.message ?? "injected queue failure") : undefined });
    } finally {
      company.inFlight--;
    }
    if (!envelope) return json({ result: "error", code: "000404", message: `API ${path} はありません` }, 404);
    if (failure?.kind === "drop") {
      // applied, but the answer never reaches the caller (a proxy timeout, a cut connection)
      company.calls.push({ path, result: `dropped after ${envelope.result}` });
      return new Response("<html><body>502 Bad Gateway</body></html>", { status: failure.status ?? 502, headers: { "content-type": "text/html" } });
    }
    return reply(envelope);
  }

  function overloaded(code: string): Envelope {
    return code === "003001"
      ? { result: "error", code, message: "メイン機能が過負荷のため、サーバーに接続できませんでした" }
      : { result: "error", code, message: "メイン機能が過負荷のため実行できませんでした。しばらくしてから再度実行して下さい" };
  }

  /** The sign-in page the app sends a merchant to: log in, come back to redirect_uri with uid/state. */
  async function signIn(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const form = request.method === "POST" ? await readParams(request) : null;
    const get = (name: string) => form?.get(name) ?? url.searchParams.get(name);
    const clientId = get("client_id");
    const registered = clientId ? auth.apps.get(clientId) : undefined;
    if (!registered) return new Response("client_idが正しくありません", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    const redirectUri = get("redirect_uri") ?? registered.redirectUri;
    if (!redirectUri) return new Response("redirect_uriがありません", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    // NextEngine keeps one redirect URI per app (developer portal → アプリ → API): any other is refused
    if (registered.redirectUri && redirectUri !== registered.redirectUri) {
      return new Response(`redirect_uriがアプリに登録されたものと一致しません: ${redirectUri}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    if (request.method === "POST") {
      const company = companies.get(get("company_id") ?? "");
      if (!company) return new Response("企業が見つかりません", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
      const { uid, state } = auth.launch(company);
      const target = new URL(redirectUri);
      target.searchParams.set("uid", uid);
      target.searchParams.set("state", state);
      return new Response(null, { status: 302, headers: { location: target.toString() } });
    }
    const buttons = [...companies.values()]
      .map((c) => `<button type="submit" name="company_id" value="${escapeHtml(c.id)}">${escapeHtml(c.name)} でログイン</button>`)
      .join("<br>");
    const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>ネクストエンジン ログイン (sandbox)</title></head><body>
<h1>ネクストエンジン ログイン (sandbox)</h1>
<form method="post"><input type="hidden" name="client_id" value="${escapeHtml(clientId!)}"><input type="hidden" name="redirect_uri" value="${escapeHtml(redirectUri)}">${buttons}</form>
</body></html>`;
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
  }

  async function fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/^\/nextengine/, "").replace(/\/+$/, "");
    if (path === "/base/users/sign_in") return signIn(request);
    if (path.startsWith("/api/")) return api(path.slice("/api".length), request);
    return json({ error: "not found" }, 404);
  }

  function pick(body: { companyId?: string }): Company | undefined {
    return companies.get(body.companyId ?? latest ?? "");
  }

  function launchAnswer(company: Company, redirectUri?: string) {
    const { uid, state } = auth.launch(company);
    const target = redirectUri ?? app.redirectUri;
    let url: string | undefined;
    if (target) {
      const u = new URL(target);
      u.searchParams.set("uid", uid);
      u.searchParams.set("state", state);
      url = u.toString();
    }
    return { companyId: company.id, uid, state, url };
  }

  function tokensAnswer(company: Company) {
    const pair = auth.issue(company);
    return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, ...tokenFields(pair) };
  }

  type Body = Record<string, unknown> & { companyId?: string };

  /** Control actions (POST /__control/nextengine/<action>); README.md lists them. */
  async function control(action: string, request: Request): Promise<Response | undefined> {
    const text = request.method === "POST" ? await request.text() : "";
    const body = (text ? JSON.parse(text) : {}) as Body;
    if (action === "demo" || action === "seed") {
      // a seed into an existing company names it; otherwise both make a new company
      const existing = action === "seed" && body.companyId ? companies.get(body.companyId) : undefined;
      if (action === "seed" && body.companyId && !existing) return json({ error: "no such company" }, 404);
      const company = existing ?? newCompany(body.companyName as string | undefined);
      if (action === "demo") seedDemo(company);
      if (Array.isArray(body.shops)) seedShops(company, body.shops as Parameters<typeof seedShops>[1]);
      if (Array.isArray(body.goods)) seedGoods(company, body.goods as GoodsSeed[]);
      if (Array.isArray(body.tags)) seedTags(company, body.tags as Parameters<typeof seedTags>[1]);
      const orderIds = Array.isArray(body.orders) ? (body.orders as OrderSeed[]).map((o) => seedOrder(company, o)) : [];
      return json({
        companyName: company.name,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
        orderIds: action === "demo" ? [...company.orders.keys()] : orderIds,
        ...launchAnswer(company, body.redirectUri as string | undefined),
        ...(body.issueTokens ? tokensAnswer(company) : {}),
      });
    }
    if (action === "app") {
      const registered = { clientId: String(body.clientId), clientSecret: String(body.clientSecret), redirectUri: body.redirectUri as string | undefined };
      auth.apps.set(registered.clientId, registered);
      return json(registered);
    }
    if (!COMPANY_ACTIONS.includes(action)) return undefined;
    const company = pick(body);
    if (!company) return json({ error: "no such company" }, 404);
    switch (action) {
      case "launch":
        return json(launchAnswer(company, body.redirectUri as string | undefined));
      case "tokens":
        return json(tokensAnswer(company));
      case "clock": {
        const n = (k: string) => Number(body[k] ?? 0);
        company.clockOffsetMs += n("advanceMs") + n("advanceSeconds") * 1000 + n("advanceMinutes") * 60_000 + n("advanceHours") * 3600_000 + n("advanceDays") * 86_400_000;
        runQueue(company);
        return json({ companyId: company.id, now: neDate(companyNow(company)) });
      }
      case "overload":
        Object.assign(company.overload, pickNumbers(body, ["maxConcurrent", "latencyMs", "waitMs"]));
        return json({ companyId: company.id, overload: company.overload });
      case "queue":
        Object.assign(company.queueTiming, pickNumbers(body, ["pendingMs", "runMs"]));
        return json({ companyId: company.id, queue: company.queueTiming });
      case "matching":
        company.caseInsensitive = Boolean(body.caseInsensitive);
        return json({ companyId: company.id, caseInsensitive: company.caseInsensitive });
      case "fail": {
        const kind = body.kind as Failure["kind"];
        if (!["drop", "http", "error", "overload", "queue"].includes(kind)) return json({ error: "kind: drop | http | error | overload | queue" }, 400);
        company.failures.push({
          kind,
          path: body.path as string | undefined,
          count: Number(body.count ?? 1),
          status: body.status as number | undefined,
          code: body.code as string | undefined,
          message: body.message as string | undefined,
        });
        return json({ companyId: company.id, failures: company.failures });
      }
      case "uploads":
        runQueue(company);
        return json({ companyId: company.id, applications: company.applications, queue: company.queue.map(({ deltas, ...q }) => ({ ...q, deltas })) });
      case "orders":
        return json({ companyId: company.id, orders: [...company.orders.values()] });
      case "stock":
        runQueue(company);
        return json({ companyId: company.id, stock: [...company.goods.values()].map(stockRow) });
      case "calls":
        return json({ companyId: company.id, calls: company.calls });
    }
    return undefined;
  }

  function pickNumbers(body: Body, keys: string[]): Record<string, number> {
    return Object.fromEntries(keys.filter((k) => typeof body[k] === "number").map((k) => [k, body[k] as number]));
  }

  return {
    fetch,
    control,
    companies,
    auth,
    app,
    /** The company a control call without companyId acts on (the latest created). */
    company(id?: string): Company | undefined {
      return companies.get(id ?? latest ?? "");
    },
    newCompany,
    reset() {
      companies.clear();
      auth.reset();
      sequence = 0;
      latest = undefined;
      start();
    },
  } satisfies Fake & Record<string, unknown>;
}
export type NextEngineFake = ReturnType<typeof createNextEngineFake>;
