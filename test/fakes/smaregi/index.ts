/**
 * Fake of Smaregi's Platform API (see README.md beside this file for the contract and every
 * assumption). Served under /smaregi by test/fakes/server.ts:
 *   /smaregi/id/…                               the ID host (tokens, authorization, userinfo)
 *   /smaregi/api/{contract_id}/pos/…            the POS API
 *   /smaregi/api/{contract_id}/order-shipment/… the order-shipment (受注管理) API
 * Every API request passes, in order: bearer token (401) → per app × contract rate cap (429 +
 * Retry-After) → injected failures → the endpoint (scope 403, validation 400, 404).
 */
import { loadDemo, seed, DEMO, type SeedInput } from "./demo";
import { Problem, json, notFound, problemResponse } from "./http";
import { idHost } from "./id";
import { orderShipmentApi } from "./order-shipment";
import { posApi, recordSale } from "./pos";
import { SmaregiWorld, DEFAULT_SECRET_HEADER, type SmaregiFakeOptions } from "./world";

export type { SmaregiFakeOptions, StockWrite, Delivery } from "./world";
export { DEMO } from "./demo";

export function createSmaregiFake(options: SmaregiFakeOptions = {}) {
  const world = new SmaregiWorld(options);

  async function api(contractId: string, area: string, path: string, request: Request): Promise<Response> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!bearer) throw new Problem(401, "Unauthorized", "アクセストークンが指定されていません");
    const token = world.tokens.get(bearer);
    if (!token || token.kind !== "app" || token.contractId !== contractId) throw new Problem(401, "Unauthorized", "アクセストークンが不正です");
    if (token.expiresAt <= world.now()) throw new Problem(401, "Unauthorized", "アクセストークンの有効期限が切れています");
    const contract = world.contracts.get(contractId);
    if (!contract?.apps.has(token.clientId)) throw new Problem(401, "Unauthorized", "アプリの利用が許可されていません");
    if (!world.admit(token.clientId, contractId)) throw new Problem(429, "Too Many Requests", "リクエスト数が上限を超えました", { "retry-after": "1" });
    const failure = world.failures.get(contractId)?.shift();
    if (failure) throw new Problem(failure, "Injected", "injected failure (control fail)", failure === 429 || failure === 503 ? { "retry-after": "1" } : {});
    return area === "pos" ? posApi(world, contract, token, request, path) : orderShipmentApi(world, contract, token, request, path);
  }

  async function fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname.replace(/^\/smaregi/, "");
    try {
      if (path.startsWith("/id/")) return await idHost(world, request, path.slice(3));
      const m = /^\/api\/([^/]+)\/(pos|order-shipment)(\/.*)?$/.exec(path);
      if (!m) throw notFound(`${path} はありません`);
      return await api(decodeURIComponent(m[1]!), m[2]!, (m[3] ?? "/").replace(/\/$/, "") || "/", request);
    } catch (error) {
      if (error instanceof Problem) return problemResponse(error.status, error.detail, error.headers);
      throw error;
    }
  }

  const body = async <T>(request: Request): Promise<T> => {
    const text = await request.text();
    return (text ? JSON.parse(text) : {}) as T;
  };
  const contractOf = (input: { contractId?: string }) => world.contract(input.contractId ?? DEMO.contractId);

  /** Control actions (POST /__control/smaregi/<action>): seed and inspect without the contract. */
  async function control(action: string, request: Request): Promise<Response | undefined> {
    const ok = json(200, { ok: true });
    switch (action) {
      case "demo": {
        // Another contract ID / app gives a test its own copy, untouched by tests running beside it.
        const input = await body<{ contractId?: string; clientId?: string; clientSecret?: string }>(request);
        const ids = { contractId: input.contractId ?? DEMO.contractId, clientId: input.clientId ?? DEMO.clientId, clientSecret: input.clientSecret ?? DEMO.clientSecret };
        world.contracts.delete(ids.contractId);
        loadDemo(world, ids);
        return json(200, { ...ids, scopes: world.apps.get(ids.clientId)!.scopes });
      }
      case "seed": {
        const contract = seed(world, await body<SeedInput>(request));
        return json(200, { contractId: contract.id });
      }
      case "rate": {
        // With a contractId the cap is that contract's only, so tests beside it keep the default.
        const input = await body<{ perSecond: number; contractId?: string }>(request);
        if (input.contractId) world.contractRates.set(input.contractId, input.perSecond);
        else world.config.ratePerSecond = input.perSecond;
        return ok;
      }
      case "config": {
        const input = await body<Partial<SmaregiWorld["config"]>>(request);
        Object.assign(world.config, input);
        return json(200, world.config);
      }
      case "fail": {
        const input = await body<{ contractId?: string; status: number; count?: number }>(request);
        const contractId = input.contractId ?? DEMO.contractId;
        world.failures.set(contractId, [...(world.failures.get(contractId) ?? []), ...Array<number>(input.count ?? 1).fill(input.status)]);
        return ok;
      }
      case "writes": {
        const input = await body<{ contractId?: string }>(request);
        return json(200, world.writes.filter((w) => !input.contractId || w.contractId === input.contractId));
      }
      case "rate-stats": {
        const input = await body<{ contractId?: string }>(request);
        return json(200, world.rateStats.get(input.contractId ?? DEMO.contractId) ?? { admitted: 0, refused: 0, peakPerSecond: 0 });
      }
      case "deliveries":
        return json(200, world.deliveries);
      case "webhook": {
        const input = await body<{ contractId?: string; url: string; secret: string; secretHeader?: string }>(request);
        contractOf(input).webhook = { url: input.url, secret: input.secret, secretHeader: (input.secretHeader ?? DEFAULT_SECRET_HEADER).toLowerCase() };
        return ok;
      }
      case "emit-webhook": {
        const input = await body<{ contractId?: string; resend?: string; event?: string; action?: string; eventId?: string; [field: string]: unknown }>(request);
        if (input.resend) {
          const delivery = await world.resend(input.resend);
          return delivery ? json(200, delivery) : json(404, { error: "no such event" });
        }
        const { contractId, event, action: eventAction, eventId, resend: _resend, ...fields } = input;
        if (!event || !eventAction) return json(400, { error: "event and action are required" });
        const { sent } = world.emit(contractOf({ contractId }), event, eventAction, fields, eventId);
        return json(200, await sent);
      }
      case "sale": {
        const input = await body<{ contractId?: string; storeId: string; lines: { productId: string; quantity: number; price?: number }[]; paymentMethodId?: string }>(request);
        try {
          return json(200, recordSale(world, contractOf(input), input));
        } catch (error) {
          if (error instanceof Problem) return problemResponse(error.status, error.detail);
          throw error;
        }
      }
      case "expire-tokens": {
        const input = await body<{ contractId?: string }>(request);
        for (const token of world.tokens.values()) if (!input.contractId || token.contractId === input.contractId) token.expiresAt = 0;
        return ok;
      }
      case "revoke": {
        // The merchant removed the app in Smaregi: no new tokens, and the ones out there stop working.
        const input = await body<{ contractId?: string; clientId?: string }>(request);
        const contract = contractOf(input);
        const clientId = input.clientId ?? DEMO.clientId;
        contract.apps.delete(clientId);
        for (const [value, token] of world.tokens) if (token.contractId === contract.id && token.clientId === clientId) world.tokens.delete(value);
        return ok;
      }
      case "drop-callbacks":
        world.dropCallbacks += (await body<{ count?: number }>(request)).count ?? 1;
        return ok;
      case "inbox": {
        // A receiver for callbacks and webhooks in tests that cannot be reached over HTTP (workerd).
        const text = await request.text();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // keep the raw text
        }
        const box = new URL(request.url).searchParams.get("box") ?? "default";
        world.inbox.push({ box, headers: Object.fromEntries(request.headers), body: parsed, at: world.stamp() });
        return new Response(null, { status: 200 });
      }
      case "inbox-read": {
        const box = (await body<{ box?: string }>(request)).box ?? "default";
        return json(200, world.inbox.filter((d) => d.box === box));
      }
      case "state": {
        const input = await body<{ contractId?: string }>(request);
        const dump = (id: string) => {
          const c = world.contract(id);
          return {
            contractId: c.id,
            apps: [...c.apps],
            products: [...c.products.values()],
            stores: [...c.stores.values()],
            stock: [...c.stock.values()],
            stockHistories: c.histories,
            paymentMethods: [...c.paymentMethods.values()],
            transactions: [...c.transactions.values()],
            orderStores: [...c.orderStores.values()],
            orders: [...c.orders.values()],
            webhook: c.webhook,
          };
        };
        return json(200, input.contractId ? dump(input.contractId) : { config: world.config, contracts: [...world.contracts.keys()].map(dump) });
      }
      default:
        return undefined;
    }
  }

  return {
    fetch,
    control,
    reset: () => world.reset(),
    /** Direct access for in-process tests and benchmarks. */
    world,
    writes: world.writes,
    deliveries: world.deliveries,
    inbox: world.inbox,
  };
}
export type SmaregiFake = ReturnType<typeof createSmaregiFake>;
