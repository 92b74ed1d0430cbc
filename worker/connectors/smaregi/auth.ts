/**
 * Smaregi's ID host: the app access token per contract (client credentials, Basic auth), and the
 * one-time user authorization an admin walks through ([認証] → Smaregi login → [許可] → back
 * with `code` + `state`). The code exchange and /userinfo tell us which contract authorized us.
 * Web APIs only (fetch, btoa, URL), so it runs in workerd.
 */
import { SmaregiTokenResponse, SmaregiUserInfo } from "../../../shared/schemas/smaregi";
import { TransientError } from "../../sync/messages";

export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;
// Wrapped: workerd refuses a bare `fetch` called as a method of another object (Illegal invocation).
export const defaultFetcher: Fetcher = (input, init) => fetch(input, init);

export interface SmaregiIdConfig {
  /** https://id.smaregi.jp (production) or https://id.smaregi.dev (sandbox). */
  idBaseUrl: string;
  clientId: string;
  clientSecret: string;
  fetcher?: Fetcher;
}

/** The ID host refused us: wrong credentials, or the merchant removed / never authorized the app. */
export class SmaregiAuthError extends Error {
  override name = "SmaregiAuthError";
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description?: string,
  ) {
    super(`Smaregi authorization refused (${status} ${error}${description ? `: ${description}` : ""})`);
  }
}

export interface IssuedToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  scope: string;
  refreshToken?: string;
}

const trim = (url: string) => url.replace(/\/+$/, "");
const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

async function tokenCall(config: SmaregiIdConfig, path: string, form: Record<string, string>, now: number): Promise<IssuedToken> {
  const fetcher = config.fetcher ?? defaultFetcher;
  let response: Response;
  try {
    response = await fetcher(`${trim(config.idBaseUrl)}${path}`, {
      method: "POST",
      headers: { authorization: basic(config.clientId, config.clientSecret), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new TransientError(`Smaregi ID host unreachable: ${String(error)}`);
  }
  if (response.status === 429 || response.status >= 500) {
    throw new TransientError(`Smaregi ID host HTTP ${response.status}`, retryAfterSeconds(response));
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) throw new SmaregiAuthError(response.status, String(body?.error ?? "error"), typeof body?.error_description === "string" ? body.error_description : undefined);
  const token = SmaregiTokenResponse.parse(body);
  return { accessToken: token.access_token, expiresAt: now + token.expires_in * 1000, scope: token.scope ?? "", refreshToken: token.refresh_token };
}

/** POST /app/{contract_id}/token — the app access token every API call carries. */
export function appAccessToken(config: SmaregiIdConfig & { contractId: string; scopes: string[] }, now = Date.now()): Promise<IssuedToken> {
  const form: Record<string, string> = { grant_type: "client_credentials" };
  if (config.scopes.length) form.scope = config.scopes.join(" ");
  return tokenCall(config, `/app/${encodeURIComponent(config.contractId)}/token`, form, now);
}

/** Where the admin's browser goes for [認証]. `state` must be unguessable and checked on return. */
export function authorizeUrl(input: { idBaseUrl: string; clientId: string; redirectUri: string; state: string; scopes?: string[] }): string {
  const url = new URL(`${trim(input.idBaseUrl)}/authorize`);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("scope", (input.scopes ?? ["openid"]).join(" "));
  url.searchParams.set("state", input.state);
  url.searchParams.set("redirect_uri", input.redirectUri);
  return url.toString();
}

/** The redirect back: `code` + `state`, or `error` (e.g. access_denied when the user refused). */
export function readAuthorizeCallback(url: URL | string, expectedState: string): { code: string } | { error: string } {
  const params = new URL(url).searchParams;
  if (params.get("state") !== expectedState) return { error: "state_mismatch" };
  const error = params.get("error");
  if (error) return { error };
  const code = params.get("code");
  return code ? { code } : { error: "missing_code" };
}

/** POST /authorize/token (authorization_code), then GET /userinfo: which contract said 許可. */
export async function exchangeCode(config: SmaregiIdConfig & { code: string; redirectUri: string }, now = Date.now()): Promise<IssuedToken & { contractId: string; isOwner: boolean }> {
  const token = await tokenCall(config, "/authorize/token", { grant_type: "authorization_code", code: config.code, redirect_uri: config.redirectUri }, now);
  const fetcher = config.fetcher ?? defaultFetcher;
  let response: Response;
  try {
    response = await fetcher(`${trim(config.idBaseUrl)}/userinfo`, { headers: { authorization: `Bearer ${token.accessToken}` }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new TransientError(`Smaregi ID host unreachable: ${String(error)}`);
  }
  if (response.status >= 500) throw new TransientError(`Smaregi userinfo HTTP ${response.status}`, retryAfterSeconds(response));
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) throw new SmaregiAuthError(response.status, String(body?.error ?? "error"));
  const info = SmaregiUserInfo.parse(body);
  return { ...token, contractId: info.contract.id, isOwner: info.contract.is_owner ?? false };
}

/** Retry-After in seconds (delta form; an HTTP date is converted), or undefined. */
export function retryAfterSeconds(response: Response): number | undefined {
  const raw = response.headers.get("retry-after");
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}
