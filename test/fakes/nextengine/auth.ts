/**
 * NextEngine's login and token lifecycle (reference §2.1; developer.next-engine.com/api/auth):
 * a launch gives uid + state (state valid 5 minutes, used once), /api_neauth trades them with the
 * app's client_id/secret for an access token (1 day) and a refresh token (3 days); a call whose
 * access token has expired succeeds when a valid refresh token rides along, and answers a new
 * pair; without one the answer is `redirect`.
 */
import { companyNow } from "./company";
import { neDate, type Company } from "./model";

export const STATE_TTL_MS = 5 * 60_000;
export const ACCESS_TTL_MS = 24 * 3600_000;
export const REFRESH_TTL_MS = 3 * 24 * 3600_000;
/** A superseded pair still rotates (to the same new pair) this long, for calls already in flight. Assumed. */
export const ROTATION_GRACE_MS = 60_000;

export interface App {
  clientId: string;
  clientSecret: string;
  redirectUri?: string;
}

interface Launch {
  uid: string;
  state: string;
  companyId: string;
  expiresAt: number;
  used: boolean;
}

export interface TokenPair {
  companyId: string;
  accessToken: string;
  refreshToken: string;
  accessExpires: number;
  refreshExpires: number;
  rotatedTo?: TokenPair;
  rotatedAt?: number;
}

export type AuthOutcome =
  | { ok: true; company: Company; tokens: TokenPair; rotated: boolean }
  | { ok: false; result: "redirect" | "error"; code: string; message: string };

export function tokenFields(t: TokenPair) {
  return {
    access_token: t.accessToken,
    access_token_end_date: neDate(t.accessExpires),
    refresh_token: t.refreshToken,
    refresh_token_end_date: neDate(t.refreshExpires),
  };
}

export function createAuth(companies: Map<string, Company>) {
  const apps = new Map<string, App>();
  const launches = new Map<string, Launch>();
  const byAccess = new Map<string, TokenPair>();
  const byRefresh = new Map<string, TokenPair>();

  function issue(company: Company): TokenPair {
    const now = companyNow(company);
    const pair: TokenPair = {
      companyId: company.id,
      accessToken: `at-${crypto.randomUUID()}`,
      refreshToken: `rt-${crypto.randomUUID()}`,
      accessExpires: now + ACCESS_TTL_MS,
      refreshExpires: now + REFRESH_TTL_MS,
    };
    byAccess.set(pair.accessToken, pair);
    byRefresh.set(pair.refreshToken, pair);
    return pair;
  }

  /** What NextEngine does when the merchant opens the app: a fresh uid/state for the redirect URI. */
  function launch(company: Company): { uid: string; state: string } {
    const state = `st-${crypto.randomUUID()}`;
    launches.set(state, { uid: company.user.uid, state, companyId: company.id, expiresAt: companyNow(company) + STATE_TTL_MS, used: false });
    return { uid: company.user.uid, state };
  }

  /** POST /api_neauth: uid, state, client_id, client_secret → tokens and company / user info. */
  function neauth(params: URLSearchParams): Record<string, unknown> {
    const uid = params.get("uid");
    const state = params.get("state");
    const clientId = params.get("client_id");
    const clientSecret = params.get("client_secret");
    if (!uid || !state) return { result: "error", code: "001001", message: "POSTパラメータにuid,stateが指定されていません" };
    const app = clientId ? apps.get(clientId) : undefined;
    if (!app || app.clientSecret !== clientSecret) return { result: "error", code: "001002", message: "client_idまたはclient_secretが正しくありません" };
    const l = launches.get(state);
    const company = l ? companies.get(l.companyId) : undefined;
    if (!l || !company || l.uid !== uid) return { result: "redirect", code: "001003", message: "uidまたはstateが正しくありません。再ログインして下さい" };
    if (l.used || companyNow(company) >= l.expiresAt) return { result: "redirect", code: "001007", message: "stateの有効期限が切れています。再ログインして下さい" };
    l.used = true;
    const pair = issue(company);
    return {
      result: "success",
      ...tokenFields(pair),
      company_app_header: company.appHeader,
      company_ne_id: company.neId,
      company_name: company.name,
      company_kana: company.kana,
      uid: company.user.uid,
      pic_ne_id: company.user.picNeId,
      pic_name: company.user.name,
      pic_kana: company.user.kana,
      pic_mail_address: company.user.mail,
    };
  }

  /** The token check every API call goes through, rotating the pair when the access token has expired. */
  function authenticate(params: URLSearchParams): AuthOutcome {
    const access = params.get("access_token");
    if (!access) return { ok: false, result: "redirect", code: "002001", message: "POSTパラメータにaccess_tokenが指定されていません" };
    const pair = byAccess.get(access);
    const company = pair ? companies.get(pair.companyId) : undefined;
    if (!pair || !company) return { ok: false, result: "redirect", code: "002002", message: "access_tokenが無効です。再ログインして下さい" };
    const now = companyNow(company);
    if (now < pair.accessExpires) return { ok: true, company, tokens: pair, rotated: false };
    const refresh = params.get("refresh_token");
    if (!refresh) return { ok: false, result: "redirect", code: "002002", message: "access_tokenの有効期限が切れています。再ログインして下さい" };
    const r = byRefresh.get(refresh);
    if (!r || r.companyId !== company.id || now >= r.refreshExpires) {
      return { ok: false, result: "redirect", code: "002004", message: "refresh_tokenの有効期限が切れています。再ログインして下さい" };
    }
    if (r.rotatedTo) {
      // superseded: only calls that were already under way may still use it
      if (now - (r.rotatedAt ?? 0) <= ROTATION_GRACE_MS) return { ok: true, company, tokens: r.rotatedTo, rotated: true };
      return { ok: false, result: "redirect", code: "002004", message: "refresh_tokenは既に更新されています。再ログインして下さい" };
    }
    const next = issue(company);
    r.rotatedTo = next;
    r.rotatedAt = now;
    return { ok: true, company, tokens: next, rotated: true };
  }

  return {
    apps,
    launch,
    neauth,
    authenticate,
    /** Test shortcut: a valid pair without the browser round trip. */
    issue,
    reset() {
      apps.clear();
      launches.clear();
      byAccess.clear();
      byRefresh.clear();
    },
  };
}
export type Auth = ReturnType<typeof createAuth>;
