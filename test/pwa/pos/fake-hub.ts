/**
 * A fetch that behaves like the hub's device API (worker/http/routes/pos.ts) for the POS data
 * layer's tests: the same bodies, validated with the real zod schemas of shared/schemas, re-priced
 * with shared/receipt.ts as worker/documents/post.ts does, documents keyed by UUID (a replay is
 * 'duplicate'), the catalog feed's snapshot pages and change-log deltas, PIN checks with lockout,
 * device revocation (401). It can also fail on purpose: no answer at all, a 5xx, or the hub
 * applying a batch and the answer getting lost on the way back.
 */
import { priceReceipt } from "../../../shared/receipt";
import { StoreDocumentInput } from "../../../shared/schemas/documents";
import { CatalogQuery } from "../../../shared/schemas/pos";
import { stockQuantity } from "../../../shared/units";
import type { StoreInfo } from "../../../pwa/pos/data/contract";
import type { CatalogTuple } from "../../../pwa/pos/data/catalog";

export const BASE = "http://hub.test";
export const PAIRING_CODE = "12345678";

type Failure = "network" | "lost-answer" | 500;

export interface FakeHubOptions {
  skus?: CatalogTuple[];
  stock?: Record<string, number>;
  currency?: "JPY" | "CNY";
  taxDisplay?: "inclusive" | "exclusive";
}

export function sku(n: number, over: Partial<{ name: string; price: number; taxRate: number; barcode: string | null; unit: CatalogTuple[7] }> = {}): CatalogTuple {
  const id = `sku_${String(n).padStart(6, "0")}`;
  return [
    id,
    `C${String(n).padStart(7, "0")}`,
    over.barcode !== undefined ? over.barcode : `49${String(n).padStart(11, "0")}`,
    over.name ?? `商品 ${n}`,
    over.price ?? 100 * ((n % 50) + 1),
    over.taxRate ?? (n % 5 === 0 ? 8 : 10),
    1,
    over.unit ?? null,
  ];
}

export class FakeHub {
  readonly token = "device-token-1";
  revoked = false;
  readonly skus = new Map<string, CatalogTuple>();
  readonly stock = new Map<string, number>();
  /** change log: seq → sku id */
  readonly log: { seq: number; skuId: string }[] = [];
  /** documents taken, in the order they were taken */
  readonly taken: Record<string, unknown>[] = [];
  readonly requests: { method: string; path: string; body?: unknown }[] = [];
  readonly pins = new Map<string, { pin: string; failures: number; lockedUntil: number }>();
  readonly inbound: { id: string; kind: "purchase"; reference: string; status: "pending" | "received"; lines: { skuId: string; quantity: number }[]; createdAt: string }[] = [];
  private failures: Failure[] = [];
  private seq = 0;
  readonly currency: "JPY" | "CNY";
  readonly bootstrap: StoreInfo;

  constructor(options: FakeHubOptions = {}) {
    this.currency = options.currency ?? "JPY";
    // as in D1, creating the SKUs wrote the change log
    for (const t of options.skus ?? []) this.change(t);
    for (const [id, n] of Object.entries(options.stock ?? {})) this.stock.set(id, n);
    this.bootstrap = {
      device: { id: "dev_1", name: "レジ2", number: 2 },
      store: { id: "loc_1", code: "S001", name: "渋谷店", taxDisplay: options.taxDisplay ?? "inclusive" },
      merchant: { id: "mer_1", name: "Renkei Shop", currency: this.currency, unitRounding: "ceil", timeZone: "Asia/Tokyo" },
      tenders: [
        { code: "cash", name: "現金", kind: "cash" },
        { code: "card", name: "カード", kind: "card" },
      ],
      staff: [
        { id: "usr_clerk", name: "佐藤", role: "staff", hasPin: true, pinVersion: "v1" },
        { id: "usr_manager", name: "鈴木", role: "manager", hasPin: true, pinVersion: "v1" },
      ],
    };
    this.pins.set("usr_clerk", { pin: "1234", failures: 0, lockedUntil: 0 });
    this.pins.set("usr_manager", { pin: "9876", failures: 0, lockedUntil: 0 });
  }

  /** the next requests fail like this, one per request */
  fail(...modes: Failure[]): void {
    this.failures.push(...modes);
  }

  /** the admin changed a SKU (or added one) */
  change(t: CatalogTuple): void {
    this.skus.set(t[0], t);
    this.log.push({ seq: ++this.seq, skuId: t[0] });
  }
  setStock(skuId: string, onHand: number): void {
    this.stock.set(skuId, onHand);
    this.log.push({ seq: ++this.seq, skuId });
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path.startsWith(path)).length;
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = (init.method ?? "GET").toUpperCase();
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    this.requests.push({ method, path: url.pathname + url.search, body });
    const failure = this.failures.shift();
    if (failure === "network") throw new TypeError("fetch failed");
    if (failure === 500) return json(500, { code: "INTERNAL", message: "boom", requestId: "r" });
    const answer = this.route(method, url, body, new Headers(init.headers));
    if (failure === "lost-answer") throw new TypeError("network connection lost");
    return answer;
  };

  private route(method: string, url: URL, body: any, headers: Headers): Response {
    if (method === "POST" && url.pathname === "/api/pos/pair") {
      if (body?.pairingCode !== PAIRING_CODE) return json(404, { code: "NOT_FOUND", message: "pairing code not found", requestId: "r" });
      this.revoked = false;
      return json(200, { deviceId: "dev_1", locationId: "loc_1", merchantId: "mer_1", token: this.token });
    }
    if (headers.get("authorization") !== `Bearer ${this.token}` || this.revoked) {
      return json(401, { code: "DEVICE_REVOKED", message: "端末が登録されていないか、無効化されています (device not paired or revoked)", requestId: "r" });
    }
    if (method === "GET" && url.pathname === "/api/pos/bootstrap") return json(200, this.bootstrap);
    if (method === "GET" && url.pathname === "/api/pos/catalog") return json(200, this.catalog(Object.fromEntries(url.searchParams)));
    if (method === "POST" && url.pathname === "/api/pos/documents") return json(200, { results: body.documents.map((d: unknown) => this.post(d)) });
    if (method === "POST" && url.pathname === "/api/pos/staff/pin") return this.checkPin(body.staffId, body.pin);
    if (method === "GET" && url.pathname === "/api/pos/inbound") return json(200, { items: this.inbound.filter((i) => i.status === "pending") });
    return json(404, { code: "NOT_FOUND", message: "not found", requestId: "r" });
  }

  private stockTuples(ids: string[]): [string, number, number][] {
    return ids.filter((id) => this.stock.has(id)).map((id) => [id, this.stock.get(id)!, this.stock.get(id)!]);
  }

  private catalog(raw: Record<string, string>) {
    const q = CatalogQuery.parse(raw);
    if (q.since === 0) {
      const ids = [...this.skus.keys()].sort().filter((id) => !q.after || id > q.after);
      const page = ids.slice(0, q.limit);
      return {
        mode: "snapshot",
        items: page.map((id) => this.skus.get(id)),
        stock: this.stockTuples(page),
        nextAfter: page.length === q.limit ? page[page.length - 1] : null,
        cursor: this.seq,
        more: false,
        total: this.skus.size,
      };
    }
    const changes = this.log.filter((c) => c.seq > q.since).slice(0, q.limit + 1);
    const page = changes.slice(0, q.limit);
    const ids = [...new Set(page.map((c) => c.skuId))].filter((id) => this.skus.has(id));
    return {
      mode: "delta",
      items: ids.map((id) => this.skus.get(id)),
      stock: this.stockTuples(ids),
      nextAfter: null,
      cursor: page.length ? page[page.length - 1]!.seq : q.since,
      more: changes.length > q.limit,
      total: null,
    };
  }

  /** as worker/documents/post.ts: parse, duplicate by UUID, re-price, apply */
  private post(raw: unknown) {
    const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : "";
    const parsed = StoreDocumentInput.safeParse(raw);
    if (!parsed.success) {
      return { id, status: "rejected", issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) };
    }
    const doc = parsed.data;
    if (this.taken.some((d) => d.id === doc.id)) return { id, status: "duplicate" };
    const issues: { path: (string | number)[]; message: string }[] = [];
    const lines = doc.kind === "exchange" ? [...doc.returned, ...doc.given] : doc.lines;
    lines.forEach((l, i) => {
      if (!this.skus.has(l.skuId)) issues.push({ path: ["lines", i, "skuId"], message: "SKUが見つかりません (SKU not found)" });
    });
    if (doc.kind === "sale" || doc.kind === "return") {
      const priced = priceReceipt(doc.lines, doc.subtotalDiscount, doc.taxDisplay, this.currency);
      if (priced.total !== doc.total) issues.push({ path: ["total"], message: "合計が一致しません (total does not match the lines)" });
      if (priced.tax.tax !== doc.tax) issues.push({ path: ["tax"], message: "税額が一致しません (tax does not match)" });
      if (doc.kind === "sale" && doc.tenders.reduce((t, x) => t + x.amount, 0) - doc.change !== doc.total) {
        issues.push({ path: ["tenders"], message: "tenders minus change must equal the total" });
      }
    }
    if (doc.kind === "exchange") {
      if (priceReceipt(doc.returned, 0, doc.taxDisplay, this.currency).total !== doc.returnedTotal) issues.push({ path: ["returnedTotal"], message: "mismatch" });
      if (priceReceipt(doc.given, 0, doc.taxDisplay, this.currency).total !== doc.givenTotal) issues.push({ path: ["givenTotal"], message: "mismatch" });
    }
    if (issues.length) return { id, status: "rejected", issues };
    this.taken.push(doc);
    const move = (skuId: string, delta: number) => this.setStock(skuId, (this.stock.get(skuId) ?? 0) + delta);
    if (doc.kind === "sale") for (const l of doc.lines) move(l.skuId, -stockQuantity(l.quantity, l.unitValue));
    if (doc.kind === "exchange") for (const l of doc.given) move(l.skuId, -stockQuantity(l.quantity, l.unitValue));
    if (doc.kind === "receipt") for (const l of doc.lines) if (l.received > 0) move(l.skuId, l.received);
    return { id, status: "accepted" };
  }

  private checkPin(staffId: string, pin: string): Response {
    const row = this.pins.get(staffId);
    if (!row) return json(404, { code: "NOT_FOUND", message: "ユーザーが見つかりません (user not found)", requestId: "r" });
    if (row.lockedUntil > Date.now()) return json(423, { code: "LOCKED", message: "PINがロックされています。しばらくしてから再度お試しください (PIN locked, try later)", requestId: "r" });
    if (row.pin !== pin) {
      row.failures++;
      if (row.failures >= 5) {
        row.failures = 0;
        row.lockedUntil = Date.now() + 15 * 60_000;
      }
      return json(401, { code: "UNAUTHORIZED", message: "PINが違います (wrong PIN)", requestId: "r" });
    }
    row.failures = 0;
    return json(200, { ok: true, staffId, role: "staff", pinVersion: this.bootstrap.staff.find((s) => s.id === staffId)?.pinVersion ?? "v1" });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

let dbCounter = 0;
/** a fresh IndexedDB name per test */
export function dbName(): string {
  return `pos-test-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
}
