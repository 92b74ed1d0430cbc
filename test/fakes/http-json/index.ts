/**
 * Fake of the generic HTTP stock contract (see README.md beside this file). In memory, honest:
 * bearer auth, paging, Idempotency-Key on writes (a replay answers the first result and changes
 * nothing), a configurable rate limit answering 429 with Retry-After, and injectable failures.
 */
export interface HttpJsonFakeOptions {
  token?: string;
  /** Requests allowed per second (per token); beyond it 429 with Retry-After: 1. */
  ratePerSecond?: number;
}

export interface StockRow {
  sku: string;
  location: string | null;
  quantity: number;
}

export function createHttpJsonFake(options: HttpJsonFakeOptions = {}) {
  const token = options.token ?? "sandbox-token";
  const stock = new Map<string, StockRow>();
  // Sorted view for paging, rebuilt only after a write (sorting 500k rows per page request would
  // make the fake, not the client, the slow part of a reconciliation).
  let sorted: StockRow[] | null = null;
  const idempotency = new Map<string, { status: number; body: unknown }>();
  const pushes: { key: string; items: StockRow[]; at: number }[] = [];
  /** Answer the next n requests with this status (e.g. 503), then behave. */
  const failures: number[] = [];
  let window = { second: 0, count: 0 };
  let ratePerSecond = options.ratePerSecond ?? 50;

  const keyOf = (sku: string, location: string | null) => `${sku}\u0000${location ?? ""}`;
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

  async function fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/http-json/, "");
    if (request.headers.get("authorization") !== `Bearer ${token}`) return json(401, { error: "unauthorized" });
    const second = Math.floor(Date.now() / 1000);
    if (window.second !== second) window = { second, count: 0 };
    if (++window.count > ratePerSecond) return json(429, { error: "rate limited" }, { "retry-after": "1" });
    const failure = failures.shift();
    if (failure) return json(failure, { error: "injected failure" });

    if (request.method === "GET" && path === "/stock") {
      const page = Number(url.searchParams.get("page") ?? "1");
      const perPage = Math.min(5000, Number(url.searchParams.get("per_page") ?? "100"));
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) return json(400, { error: "bad paging" });
      sorted ??= [...stock.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
      const rows = sorted;
      const items = rows.slice((page - 1) * perPage, page * perPage);
      return json(200, { items, next_page: page * perPage < rows.length ? page + 1 : null });
    }
    if (request.method === "POST" && path === "/stock") {
      const idempotencyKey = request.headers.get("idempotency-key");
      if (!idempotencyKey) return json(400, { error: "Idempotency-Key required" });
      const seen = idempotency.get(idempotencyKey);
      if (seen) return json(seen.status, seen.body);
      const body = (await request.json().catch(() => null)) as { items?: StockRow[] } | null;
      if (!body || !Array.isArray(body.items)) return json(400, { error: "items required" });
      for (const [i, item] of body.items.entries()) {
        if (typeof item.sku !== "string" || !Number.isInteger(item.quantity)) return json(400, { error: `items[${i}] invalid` });
      }
      for (const item of body.items) stock.set(keyOf(item.sku, item.location ?? null), { sku: item.sku, location: item.location ?? null, quantity: item.quantity });
      sorted = null;
      pushes.push({ key: idempotencyKey, items: body.items, at: Date.now() });
      const answer = { status: 200, body: { accepted: body.items.length } };
      idempotency.set(idempotencyKey, answer);
      return json(answer.status, answer.body);
    }
    return json(404, { error: "not found" });
  }

  /** Control actions (POST /__control/http-json/<action>): seed and inspect without the contract. */
  async function control(action: string, request: Request): Promise<Response | undefined> {
    if (action === "seed-stock") {
      const rows = (await request.json()) as StockRow[];
      for (const row of rows) stock.set(keyOf(row.sku, row.location ?? null), row);
      sorted = null;
    } else if (action === "generate-stock") {
      const { skus, locations, prefix = "B" } = (await request.json()) as { skus: number; locations: number; prefix?: string };
      for (let s = 0; s < skus; s++) {
        const sku = `${prefix}${String(s).padStart(6, "0")}`;
        for (let l = 0; l < locations; l++) stock.set(keyOf(sku, `L${l}`), { sku, location: `L${l}`, quantity: (s * 7 + l) % 50 });
      }
      sorted = null;
    } else if (action === "fail") failures.push(...((await request.json()) as number[]));
    else if (action === "rate") ratePerSecond = ((await request.json()) as { perSecond: number }).perSecond;
    else if (action === "pushes") return json(200, pushes);
    else if (action === "stock") return json(200, [...stock.values()]);
    else return undefined;
    return json(200, { ok: true });
  }

  return {
    fetch,
    control,
    stock,
    /** Call after changing `stock` directly (the control API does). */
    changed() {
      sorted = null;
    },
    pushes,
    failures,
    setRate(perSecond: number) {
      ratePerSecond = perSecond;
    },
    reset() {
      stock.clear();
      sorted = null;
      idempotency.clear();
      pushes.length = 0;
      failures.length = 0;
    },
  };
}
