/**
 * Client of NextEngine API v1 (reference §2; developer.next-engine.com). Every call is a form POST
 * with access_token and refresh_token in the body; any answer may carry a new token pair (the
 * access token lives 1 day, the refresh token 3), and the client hands every new pair to
 * `onTokens` before returning, so the link never loses the only valid refresh token.
 * `result: "redirect"` → NextEngineRedirectError (log in again); 003001 / 003002 (overload), 5xx
 * and network → TransientError; other errors → NextEngineApiError (NextEngineConflictError for a
 * stale optimistic lock). Runs in Workers: fetch and Web APIs only.
 */
import { NE_QUE_STATUS, NeAuthorization, NeEnvelope, type NeQueState, type NeRow } from "../../../shared/schemas/nextengine";
import { TransientError } from "../../sync/messages";
import { stockDeltaCsv, type StockDelta } from "./csv";
import { NextEngineApiError, NextEngineConflictError, NextEngineOverloadError, NextEngineRedirectError, UploadOutcomeUnknownError } from "./errors";
import { orderUpdateXml, type OrderUpdateFields } from "./xml";

export const NEXTENGINE_API_URL = "https://api.next-engine.org";
export const NEXTENGINE_SIGN_IN_URL = "https://base.next-engine.org";

/** Overload: the call did not run; back off and call again (reference §2.2). */
const OVERLOAD_CODES = new Set(["003001", "003002"]);
/**
 * Stale receive_order_last_modified_date. NextEngine documents the failure but not its code; this
 * is the fake's code (test/fakes/nextengine/README.md) — confirm against the sandbox. [I]
 */
export const LOCK_CONFLICT_CODES = new Set(["020003"]);

export interface NextEngineTokens {
  accessToken: string;
  refreshToken: string;
  /** "YYYY-MM-DD HH:MM:SS", Japan time */
  accessTokenEndDate: string | null;
  refreshTokenEndDate: string | null;
}

export interface NextEngineClientConfig {
  apiBaseUrl?: string;
  signInBaseUrl?: string;
  clientId: string;
  clientSecret: string;
  tokens?: NextEngineTokens | null;
  /** Called with every new token pair an answer carries; persist it before anything else. */
  onTokens?: (tokens: NextEngineTokens) => void | Promise<void>;
  /**
   * wait_flag=1: an overloaded NextEngine holds the call (up to 60 minutes) instead of answering
   * 003002. Off by default: a queued job would rather back off than hold a Worker.
   */
  waitFlag?: boolean;
  timeoutMs?: number;
  fetcher?: typeof fetch;
}

export const NE_OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "like", "nlike", "null", "nnull", "blank", "nblank"] as const;
export type NeOperator = (typeof NE_OPERATORS)[number];
/** Search conditions, `<field>-<op>` → value (an array for -in / -nin); all are ANDed. */
export type NeConditions = { [K in `${string}-${NeOperator}`]?: string | number | readonly (string | number)[] };

export interface SearchOptions<F extends string> {
  fields: readonly F[];
  where?: NeConditions;
  offset?: number;
  /** NextEngine's default and the fake's maximum: 10000 */
  limit?: number;
}

export type Rows<F extends string> = Array<{ [K in F]: string | null }>;

export interface NextEngineAuthorization {
  tokens: NextEngineTokens;
  company: { neId: string | null; name: string | null; appHeader: string | null };
  user: { uid: string | null; neId: string | null; name: string | null; mail: string | null };
}

export interface QueStatus {
  queId: string;
  state: NeQueState;
  statusId: string | null;
  message: string | null;
}

/** NextEngine's Japan-time "YYYY-MM-DD HH:MM:SS" as an ISO instant. */
export function neDateToIso(text: string): string {
  return new Date(`${text.replace(" ", "T")}+09:00`).toISOString();
}

export class NextEngineClient {
  private readonly apiBaseUrl: string;
  private readonly signInBaseUrl: string;
  private readonly fetcher: typeof fetch;
  private current: NextEngineTokens | null;

  constructor(private readonly config: NextEngineClientConfig) {
    this.apiBaseUrl = (config.apiBaseUrl ?? NEXTENGINE_API_URL).replace(/\/+$/, "");
    this.signInBaseUrl = (config.signInBaseUrl ?? NEXTENGINE_SIGN_IN_URL).replace(/\/+$/, "");
    // Wrapped: workerd refuses a bare `fetch` called as a method of another object (Illegal invocation).
    this.fetcher = config.fetcher ?? ((input, init) => fetch(input, init));
    this.current = config.tokens ?? null;
  }

  /** The pair the next call will send (the latest NextEngine answered). */
  get tokens(): NextEngineTokens | null {
    return this.current;
  }

  /** Where to send a merchant who opened the link from Renkei rather than from NextEngine's app menu. */
  signInUrl(redirectUri: string): string {
    const url = new URL(`${this.signInBaseUrl}/users/sign_in/`);
    url.searchParams.set("client_id", this.config.clientId);
    url.searchParams.set("redirect_uri", redirectUri);
    return url.toString();
  }

  /** /api_neauth: the uid and state NextEngine handed the redirect URI (state lives 5 minutes). */
  async authorize(uid: string, state: string): Promise<NextEngineAuthorization> {
    const envelope = await this.post("/api_neauth", { uid, state, client_id: this.config.clientId, client_secret: this.config.clientSecret }, { withTokens: false });
    const auth = NeAuthorization.safeParse(envelope);
    if (!auth.success) throw new NextEngineApiError("INVALID", `unexpected /api_neauth answer: ${auth.error.message}`, "/api_neauth");
    const a = auth.data;
    return {
      tokens: this.current!,
      company: { neId: a.company_ne_id ?? null, name: a.company_name ?? null, appHeader: a.company_app_header ?? null },
      user: { uid: a.uid ?? null, neId: a.pic_ne_id ?? null, name: a.pic_name ?? null, mail: a.pic_mail_address ?? null },
    };
  }

  /** Any API path with its parameters; answers the success envelope, throws for everything else. */
  async call(path: string, params: Record<string, string> = {}): Promise<NeEnvelope> {
    return this.post(path, params, { withTokens: true });
  }

  /** `/api_v1_<entity>/search` with the required fields list, conditions and paging. */
  async search<F extends string>(entity: string, options: SearchOptions<F>): Promise<Rows<F>> {
    if (options.fields.length === 0) throw new NextEngineApiError("INPUT", "fields is required", `/${entity}/search`);
    const params: Record<string, string> = { ...conditionParams(options.where), fields: options.fields.join(",") };
    if (options.offset != null) params.offset = String(options.offset);
    if (options.limit != null) params.limit = String(options.limit);
    const envelope = await this.call(`/${entity}/search`, params);
    return (envelope.data ?? []) as Rows<F>;
  }

  async count(entity: string, where?: NeConditions): Promise<number> {
    const envelope = await this.call(`/${entity}/count`, conditionParams(where));
    return Number(envelope.count ?? "0");
  }

  /**
   * Every page of a search: offset += limit until a page comes back short. Rows that change while
   * paging can shift between pages; filter on a stable condition (e.g. a modified-date window).
   */
  async *searchPages<F extends string>(entity: string, options: Omit<SearchOptions<F>, "offset">): AsyncGenerator<Rows<F>> {
    const limit = options.limit ?? 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.search(entity, { ...options, offset, limit });
      if (page.length > 0) yield page;
      if (page.length < limit) return;
    }
  }

  searchOrders<F extends string>(options: SearchOptions<F>) {
    return this.search("api_v1_receiveorder_base", options);
  }

  searchOrderRows<F extends string>(options: SearchOptions<F>) {
    return this.search("api_v1_receiveorder_row", options);
  }

  searchGroupingTags<F extends string>(options: SearchOptions<F>) {
    return this.search("api_v1_receiveorder_groupingtag", options);
  }

  searchGoods<F extends string>(options: SearchOptions<F>) {
    return this.search("api_v1_master_goods", options);
  }

  searchStock<F extends string>(options: SearchOptions<F>) {
    return this.search("api_v1_master_stock", options);
  }

  searchShops<F extends string>(options: SearchOptions<F>) {
    return this.search("api_v1_master_shop", options);
  }

  async companyInfo(): Promise<NeRow | null> {
    return (await this.call("/api_v1_login_company/info")).data?.[0] ?? null;
  }

  async loginUser(): Promise<NeRow | null> {
    return (await this.call("/api_v1_login_user/info")).data?.[0] ?? null;
  }

  /**
   * Updates one order's base fields. `lastModifiedDate` is the order's receive_order_last_modified_date
   * as last read: if the order changed since, NextEngineConflictError — re-read and re-apply.
   */
  async updateOrder(input: { receiveOrderId: string; lastModifiedDate: string; fields: OrderUpdateFields; shippedUpdate?: boolean }): Promise<void> {
    const params: Record<string, string> = {
      receive_order_id: input.receiveOrderId,
      receive_order_last_modified_date: input.lastModifiedDate,
      data: orderUpdateXml(input.fields),
    };
    if (input.shippedUpdate) params.receive_order_shipped_update_flag = "1";
    await this.lockedCall("/api_v1_receiveorder_base/update", input.receiveOrderId, params);
  }

  /** 出荷確定: the order moves to 50 出荷確定済(完了). The lock must be fresh (an update moves it). */
  async shipOrder(input: { receiveOrderId: string; lastModifiedDate: string }): Promise<void> {
    await this.lockedCall("/api_v1_receiveorder_base/shipped", input.receiveOrderId, {
      receive_order_id: input.receiveOrderId,
      receive_order_last_modified_date: input.lastModifiedDate,
    });
  }

  /**
   * Uploads stock deltas (zaiko_su adds or subtracts) and answers the que_id to poll. Not
   * idempotent: when the answer is lost, UploadOutcomeUnknownError — reconcile before resending.
   * Overload (003001 / 003002) means it was not taken, so that stays a TransientError.
   */
  async uploadStock(lines: readonly StockDelta[]): Promise<{ queId: string; csv: string }> {
    const csv = stockDeltaCsv(lines);
    let envelope: NeEnvelope;
    try {
      envelope = await this.call("/api_v1_master_goods/upload", { data_type: "csv", data: csv });
    } catch (error) {
      // overload means NextEngine did not take the file: safe to retry as it is
      if (error instanceof TransientError && !(error instanceof NextEngineOverloadError)) throw new UploadOutcomeUnknownError(error.message, csv);
      throw error;
    }
    if (!envelope.que_id) throw new UploadOutcomeUnknownError("success without que_id", csv);
    return { queId: envelope.que_id, csv };
  }

  /** The upload queue's view of one job: waiting / running / completed / failed (message says why). */
  async queStatus(queId: string): Promise<QueStatus> {
    const [row] = await this.search("api_v1_system_que", {
      fields: ["que_id", "que_status_id", "que_message"],
      where: { "que_id-eq": queId },
    });
    if (!row) return { queId, state: "unknown", statusId: null, message: null };
    const statusId = row.que_status_id;
    return { queId, state: NE_QUE_STATUS[(statusId ?? "") as keyof typeof NE_QUE_STATUS] ?? "unknown", statusId, message: row.que_message };
  }

  private async lockedCall(path: string, receiveOrderId: string, params: Record<string, string>): Promise<void> {
    try {
      await this.call(path, params);
    } catch (error) {
      if (error instanceof NextEngineApiError && LOCK_CONFLICT_CODES.has(error.code)) {
        throw new NextEngineConflictError(error.code, error.detail, path, receiveOrderId);
      }
      throw error;
    }
  }

  private async post(path: string, params: Record<string, string>, { withTokens }: { withTokens: boolean }): Promise<NeEnvelope> {
    const body = new URLSearchParams(params);
    if (withTokens) {
      if (!this.current) throw new NextEngineRedirectError("NO_TOKENS", "no tokens for this link", path);
      body.set("access_token", this.current.accessToken);
      body.set("refresh_token", this.current.refreshToken);
      if (this.config.waitFlag) body.set("wait_flag", "1");
    }
    let response: Response;
    try {
      response = await this.fetcher(`${this.apiBaseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? (this.config.waitFlag ? 600_000 : 60_000)),
      });
    } catch (error) {
      throw new TransientError(`network: ${String(error)} ${path}`);
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get("retry-after") ?? "");
      throw new TransientError(`HTTP ${response.status} ${path}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    const text = await response.text();
    let parsed: ReturnType<typeof NeEnvelope.safeParse>;
    try {
      parsed = NeEnvelope.safeParse(JSON.parse(text));
    } catch {
      if (!response.ok) throw new NextEngineApiError(`HTTP_${response.status}`, text.slice(0, 200), path);
      throw new TransientError(`unreadable answer (HTTP ${response.status}) ${path}`);
    }
    if (!parsed.success) throw new TransientError(`unexpected answer (HTTP ${response.status}) ${path}: ${parsed.error.message}`);
    const envelope = parsed.data;
    // Tokens first: an error answer may carry a rotated pair too, and it must not be lost.
    await this.keepTokens(envelope);
    const code = envelope.code ?? "";
    const message = typeof envelope.message === "string" ? envelope.message : JSON.stringify(envelope.message ?? "");
    if (envelope.result === "redirect") throw new NextEngineRedirectError(code, message, path);
    if (envelope.result === "error") {
      if (OVERLOAD_CODES.has(code)) throw new NextEngineOverloadError(code, message, path);
      throw new NextEngineApiError(code, message, path);
    }
    return envelope;
  }

  private async keepTokens(envelope: NeEnvelope): Promise<void> {
    if (!envelope.access_token || !envelope.refresh_token) return;
    const next: NextEngineTokens = {
      accessToken: envelope.access_token,
      refreshToken: envelope.refresh_token,
      accessTokenEndDate: envelope.access_token_end_date ?? null,
      refreshTokenEndDate: envelope.refresh_token_end_date ?? null,
    };
    const changed = next.accessToken !== this.current?.accessToken || next.refreshToken !== this.current?.refreshToken;
    this.current = next;
    if (changed) await this.config.onTokens?.(next);
  }
}

function conditionParams(where: NeConditions | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(where ?? {})) {
    if (value === undefined) continue;
    if (!NE_OPERATORS.some((op) => key.endsWith(`-${op}`))) throw new NextEngineApiError("INPUT", `condition ${key} has no -<op>`, "search");
    params[key] = Array.isArray(value) ? value.join(",") : String(value);
  }
  return params;
}
