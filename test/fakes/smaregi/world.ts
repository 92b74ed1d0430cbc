/**
 * The fake's shared engine: configuration, apps, contracts, tokens, and the two things every host
 * needs — stock writes (the only path that changes stock, each one recorded in `writes` with its
 * before / after so a double-applied delta shows) and outgoing notifications (webhooks with an
 * event ID that can be sent again, bulk callbacks delivered later, as the real service does).
 */
import { Problem, invalid, jst, notFound } from "./http";
import { newContract, stockKey, type App, type Contract, type StockHistory, type StockRow, type WebhookTarget } from "./state";

export interface SmaregiFakeOptions {
  /** Requests per second per app × contract; beyond it 429 with Retry-After (default 10 [I]). */
  ratePerSecond?: number;
  /** Access-token lifetime in seconds (default 3600 [W]). */
  tokenTtlSeconds?: number;
  /** How `productCode` lookups compare codes (exact by default; Smaregi's rule is undocumented). */
  skuMatch?: "exact" | "case-insensitive";
  /** Delay before a bulk call's callback is POSTed, in ms. */
  callbackDelayMs?: number;
  now?: () => number;
}

export interface StockWrite {
  seq: number;
  contractId: string;
  kind: "set" | "add" | "bulk-set" | "bulk-add" | "sale" | "shipment";
  productId: string;
  storeId: string;
  /** What the write asked for: the new figure for a set, the delta for an add. */
  amount: number;
  before: number;
  after: number;
  memo: string | null;
  stockHistoryId: string;
  requestId: string | null;
  at: string;
}

export interface Delivery {
  kind: "webhook" | "callback";
  url: string;
  eventId: string | null;
  headers: Record<string, string>;
  body: unknown;
  status: number | null;
  error?: string;
  at: string;
}

export interface Token {
  value: string;
  kind: "app" | "user";
  clientId: string;
  contractId: string;
  scopes: string[];
  expiresAt: number;
}

export interface AuthCode {
  code: string;
  clientId: string;
  contractId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

export const STOCK_LIMIT = 999_999_999;
export const WEBHOOK_USER_AGENT = "Smaregi-Platform-Api-Webhook/1.2.4(sandbox)";
export const DEFAULT_SECRET_HEADER = "x-renkei-webhook-secret";

export class SmaregiWorld {
  readonly config: Required<Omit<SmaregiFakeOptions, "now">>;
  readonly now: () => number;
  readonly apps = new Map<string, App>();
  readonly contracts = new Map<string, Contract>();
  readonly tokens = new Map<string, Token>();
  readonly refreshTokens = new Map<string, Omit<Token, "value" | "expiresAt">>();
  readonly codes = new Map<string, AuthCode>();
  readonly writes: StockWrite[] = [];
  readonly deliveries: Delivery[] = [];
  /** Test-only receiver (POST /__control/smaregi/inbox): callbacks and webhooks sent to it land here. */
  readonly inbox: { box: string; headers: Record<string, string>; body: unknown; at: string }[] = [];
  /** Per contract: statuses its next API requests answer with (control `fail`). */
  readonly failures = new Map<string, number[]>();
  /** Per-contract caps (control `rate` with a contractId): a test's storm stays on its own contract. */
  readonly contractRates = new Map<string, number>();
  /** Per contract: requests admitted, refused with 429, and the most admitted in one second (control `rate-stats`). */
  readonly rateStats = new Map<string, { admitted: number; refused: number; peakPerSecond: number }>();
  /** How many coming bulk callbacks are silently dropped (control `drop-callbacks`). */
  dropCallbacks = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(private readonly options: SmaregiFakeOptions = {}) {
    this.now = options.now ?? Date.now;
    this.config = SmaregiWorld.defaults(options);
  }

  static defaults(options: SmaregiFakeOptions) {
    return {
      ratePerSecond: options.ratePerSecond ?? 10,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
      skuMatch: options.skuMatch ?? "exact",
      callbackDelayMs: options.callbackDelayMs ?? 20,
    } as const satisfies Required<Omit<SmaregiFakeOptions, "now">>;
  }

  reset() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    Object.assign(this.config, SmaregiWorld.defaults(this.options));
    this.apps.clear();
    this.contracts.clear();
    this.tokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
    this.writes.length = 0;
    this.deliveries.length = 0;
    this.inbox.length = 0;
    this.failures.clear();
    this.contractRates.clear();
    this.rateStats.clear();
    this.dropCallbacks = 0;
    this.windows.clear();
  }

  stamp = () => jst(this.now());

  contract(id: string): Contract {
    let contract = this.contracts.get(id);
    if (!contract) this.contracts.set(id, (contract = newContract(id)));
    return contract;
  }

  /** Counts one request against the app × contract per-second cap; false when over it. */
  admit(clientId: string, contractId: string): boolean {
    const key = `${clientId}\u0000${contractId}`;
    const second = Math.floor(this.now() / 1000);
    let window = this.windows.get(key);
    if (!window || window.second !== second) this.windows.set(key, (window = { second, count: 0 }));
    const ok = ++window.count <= (this.contractRates.get(contractId) ?? this.config.ratePerSecond);
    const stats = this.rateStats.get(contractId) ?? { admitted: 0, refused: 0, peakPerSecond: 0 };
    if (ok) stats.admitted++;
    else stats.refused++;
    stats.peakPerSecond = Math.max(stats.peakPerSecond, Math.min(window.count, this.contractRates.get(contractId) ?? this.config.ratePerSecond));
    this.rateStats.set(contractId, stats);
    return ok;
  }

  sameCode(a: string, b: string): boolean {
    return this.config.skuMatch === "exact" ? a === b : a.toLowerCase() === b.toLowerCase();
  }

  // ---- stock -------------------------------------------------------------------------------

  /**
   * Applies one stock write: validates the product and store, checks the ±999999999 bounds,
   * writes the row, a history row and a `writes` entry. Throws a Problem without changing anything.
   */
  writeStock(
    contract: Contract,
    input: { productId: string; storeId: string; mode: "set" | "add"; amount: number; memo: string | null; kind: StockWrite["kind"]; requestId?: string | null },
  ): { row: StockRow; history: StockHistory } {
    const product = contract.products.get(input.productId);
    if (!product) throw notFound("指定された商品IDのリソースが見つかりません");
    if (!contract.stores.has(input.storeId)) throw new Problem(400, "Bad Request", "指定された店舗IDのリソースが見つかりません");
    if (product.stockControlDivision === "1") throw invalid("productId", "在庫管理しない商品です");
    const key = stockKey(input.productId, input.storeId);
    const before = Number(contract.stock.get(key)?.stockAmount ?? "0");
    const after = input.mode === "set" ? input.amount : before + input.amount;
    if (after > STOCK_LIMIT) throw invalid("stockAmount", `更新後の在庫数は[${STOCK_LIMIT}]以下である必要があります`);
    if (after < -STOCK_LIMIT) throw invalid("stockAmount", `更新後の在庫数は[-${STOCK_LIMIT}]以上である必要があります`);
    const at = this.stamp();
    const row: StockRow = {
      productId: input.productId,
      storeId: input.storeId,
      stockAmount: String(after),
      layawayStockAmount: contract.stock.get(key)?.layawayStockAmount ?? "0",
      updDateTime: at,
    };
    contract.stock.set(key, row);
    const division = { set: "01", "bulk-set": "01", add: "02", "bulk-add": "02", sale: "03", shipment: "04" }[input.kind];
    const history: StockHistory = {
      id: String(++contract.seq.history),
      productId: input.productId,
      storeId: input.storeId,
      amount: String(after - before),
      stockAmount: String(after),
      stockDivision: division,
      memo: input.memo,
      updDateTime: at,
    };
    contract.histories.push(history);
    this.writes.push({
      seq: this.writes.length + 1,
      contractId: contract.id,
      kind: input.kind,
      productId: input.productId,
      storeId: input.storeId,
      amount: input.amount,
      before,
      after,
      memo: input.memo,
      stockHistoryId: history.id,
      requestId: input.requestId ?? null,
      at,
    });
    return { row, history };
  }

  // ---- notifications -----------------------------------------------------------------------

  /** Builds a webhook for the contract's registered target and sends it (awaitable). */
  emit(contract: Contract, event: string, action: string, fields: Record<string, unknown>, eventId: string = crypto.randomUUID()): { delivery: Delivery | null; sent: Promise<Delivery | null> } {
    const body = { contractId: contract.id, event, action, ...fields };
    const target: WebhookTarget | null = contract.webhook;
    if (!target) {
      // Nobody subscribed: Smaregi sends nothing. Recorded so a test can still see it happened.
      const delivery: Delivery = { kind: "webhook", url: "", eventId, headers: this.webhookHeaders(contract, event, eventId, null), body, status: null, error: "no webhook registered", at: this.stamp() };
      this.deliveries.push(delivery);
      return { delivery, sent: Promise.resolve(delivery) };
    }
    const delivery: Delivery = { kind: "webhook", url: target.url, eventId, headers: this.webhookHeaders(contract, event, eventId, target), body, status: null, at: this.stamp() };
    this.deliveries.push(delivery);
    return { delivery, sent: this.send(delivery) };
  }

  /** Sends an earlier webhook again, same event ID and body (Smaregi may deliver twice). */
  resend(eventId: string): Promise<Delivery | null> {
    const first = this.deliveries.find((d) => d.kind === "webhook" && d.eventId === eventId);
    if (!first) return Promise.resolve(null);
    const again: Delivery = { ...first, status: null, error: undefined, at: this.stamp() };
    this.deliveries.push(again);
    return again.url ? this.send(again) : Promise.resolve(again);
  }

  webhookHeaders(contract: Contract, event: string, eventId: string, target: WebhookTarget | null): Record<string, string> {
    return {
      "content-type": "application/json",
      "smaregi-event": event,
      "smaregi-contract-id": contract.id,
      "smaregi-event-id": eventId,
      "user-agent": WEBHOOK_USER_AGENT,
      ...(target ? { [target.secretHeader]: target.secret } : {}),
    };
  }

  /** Posts a bulk call's result to its callback URL a little later, unless told to drop it. */
  scheduleCallback(url: string, body: unknown) {
    if (this.dropCallbacks > 0) {
      this.dropCallbacks--;
      this.deliveries.push({ kind: "callback", url, eventId: null, headers: {}, body, status: null, error: "dropped (control drop-callbacks)", at: this.stamp() });
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const delivery: Delivery = { kind: "callback", url, eventId: null, headers: { "content-type": "application/json;charset=UTF-8" }, body, status: null, at: this.stamp() };
      this.deliveries.push(delivery);
      void this.send(delivery);
    }, this.config.callbackDelayMs);
    this.timers.add(timer);
  }

  private async send(delivery: Delivery): Promise<Delivery> {
    try {
      const response = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: JSON.stringify(delivery.body), signal: AbortSignal.timeout(5000) });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      delivery.error = String(error);
    }
    return delivery;
  }
}
