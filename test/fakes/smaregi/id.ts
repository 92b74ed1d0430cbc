/**
 * The fake ID host (id.smaregi.dev, served under /smaregi/id): the app access token per contract
 * (client credentials, Basic auth), and the user authorization an admin goes through once —
 * authorize page (login + 許可) → redirect back with `code` + `state` → code exchanged at
 * /authorize/token → /userinfo names the contract. Approving installs the app on that contract,
 * which is what lets the client-credentials grant succeed afterwards.
 */
import { json } from "./http";
import { ALL_SCOPES, USER_SCOPES, type App } from "./state";
import type { SmaregiWorld, Token } from "./world";

/** OAuth 2 errors (RFC 6749 §5.2); the ID host's own error body is undocumented [I]. */
const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });

function basicApp(world: SmaregiWorld, request: Request): App | null {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return null;
  let decoded: string;
  try {
    decoded = atob(match[1]!);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  const app = world.apps.get(decoded.slice(0, colon));
  return app && colon > 0 && app.clientSecret === decoded.slice(colon + 1) ? app : null;
}

async function form(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) return new URLSearchParams();
  return new URLSearchParams(await request.text());
}

function issue(world: SmaregiWorld, token: Omit<Token, "value" | "expiresAt">): Token {
  const issued: Token = { ...token, value: crypto.randomUUID().replace(/-/g, "") + crypto.randomUUID().replace(/-/g, ""), expiresAt: world.now() + world.config.tokenTtlSeconds * 1000 };
  world.tokens.set(issued.value, issued);
  return issued;
}

const tokenBody = (world: SmaregiWorld, token: Token, extra: Record<string, unknown> = {}) => ({
  access_token: token.value,
  token_type: "Bearer",
  expires_in: world.config.tokenTtlSeconds,
  scope: token.scopes.join(" "),
  ...extra,
});

function redirectAllowed(app: App, uri: string | null): uri is string {
  if (!uri) return false;
  if (app.redirectUris.length) return app.redirectUris.includes(uri);
  return /^https?:\/\//.test(uri);
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function authorizePage(params: URLSearchParams, app: App): Response {
  const hidden = ["response_type", "client_id", "scope", "state", "redirect_uri"]
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? "")}">`)
    .join("");
  const html = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>スマレジ ログイン (fake)</title>
<body><h1>スマレジ・アプリ連携の許可</h1><p>アプリ <b>${escapeHtml(app.clientId)}</b> が次の権限を求めています: ${escapeHtml(params.get("scope") ?? "")}</p>
<form method="post">${hidden}
<label>契約ID <input name="contract_id" value="sandbox"></label>
<label>ログインID <input name="login_id" value="sandbox@example.com"></label>
<button name="decision" value="allow">許可</button> <button name="decision" value="deny">拒否</button></form></body></html>`;
  return new Response(html, { status: 200, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** GET shows the login + 許可 page; POST is the user's answer on it. */
async function authorize(world: SmaregiWorld, request: Request): Promise<Response> {
  const params = request.method === "POST" ? await form(request) : new URL(request.url).searchParams;
  const app = world.apps.get(params.get("client_id") ?? "");
  if (!app) return oauthError(400, "invalid_client", "client_id が不正です");
  const redirectUri = params.get("redirect_uri");
  // Before the redirect URI is known to be the app's, errors are shown here, never redirected.
  if (!redirectAllowed(app, redirectUri)) return oauthError(400, "invalid_request", "redirect_uri が不正です");
  const back = (query: Record<string, string>) => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const state = params.get("state");
    if (state !== null) url.searchParams.set("state", state);
    return new Response(null, { status: 302, headers: { location: url.toString() } });
  };
  if (params.get("response_type") !== "code") return back({ error: "unsupported_response_type" });
  const scopes = (params.get("scope") ?? "").split(" ").filter(Boolean);
  if (!scopes.includes("openid") || scopes.some((s) => !USER_SCOPES.includes(s))) return back({ error: "invalid_scope" });
  if (request.method !== "POST") return authorizePage(params, app);
  if (params.get("decision") !== "allow") return back({ error: "access_denied" });
  const contractId = params.get("contract_id") ?? "";
  if (!world.contracts.has(contractId)) return oauthError(400, "invalid_request", `契約ID ${contractId} は存在しません`);
  world.contract(contractId).apps.add(app.clientId);
  const code = crypto.randomUUID();
  world.codes.set(code, { code, clientId: app.clientId, contractId, redirectUri, scopes, expiresAt: world.now() + 10 * 60_000, used: false });
  return back({ code });
}

async function authorizeToken(world: SmaregiWorld, request: Request): Promise<Response> {
  const app = basicApp(world, request);
  if (!app) return oauthError(401, "invalid_client", "クライアント認証に失敗しました");
  const params = await form(request);
  const grant = params.get("grant_type");
  if (grant === "authorization_code") {
    const code = world.codes.get(params.get("code") ?? "");
    if (!code || code.clientId !== app.clientId || code.used || code.expiresAt < world.now()) return oauthError(400, "invalid_grant", "認可コードが不正です");
    if (code.redirectUri !== params.get("redirect_uri")) return oauthError(400, "invalid_grant", "redirect_uri が一致しません");
    code.used = true;
    const base = { kind: "user" as const, clientId: app.clientId, contractId: code.contractId, scopes: code.scopes };
    const token = issue(world, base);
    const extra: Record<string, unknown> = {};
    if (code.scopes.includes("offline_access")) {
      const refresh = crypto.randomUUID();
      world.refreshTokens.set(refresh, base);
      extra.refresh_token = refresh;
    }
    return json(200, tokenBody(world, token, extra));
  }
  if (grant === "refresh_token") {
    const base = world.refreshTokens.get(params.get("refresh_token") ?? "");
    if (!base || base.clientId !== app.clientId) return oauthError(400, "invalid_grant", "リフレッシュトークンが不正です");
    return json(200, tokenBody(world, issue(world, base)));
  }
  return oauthError(400, "unsupported_grant_type", "grant_type が不正です");
}

function userinfo(world: SmaregiWorld, request: Request): Response {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const token = bearer ? world.tokens.get(bearer) : undefined;
  if (!token || token.kind !== "user" || token.expiresAt <= world.now()) return oauthError(401, "invalid_token", "アクセストークンが不正です");
  return json(200, {
    sub: `user-${token.contractId}`,
    contract: { id: token.contractId, user_id: "1", is_owner: true },
    ...(token.scopes.includes("email") ? { email: "sandbox@example.com", email_verified: true } : {}),
  });
}

/** POST /app/{contract_id}/token: the app access token every API call needs. */
async function appToken(world: SmaregiWorld, request: Request, contractId: string): Promise<Response> {
  const app = basicApp(world, request);
  if (!app) return oauthError(401, "invalid_client", "クライアント認証に失敗しました");
  const params = await form(request);
  if (params.get("grant_type") !== "client_credentials") return oauthError(400, "unsupported_grant_type", "grant_type が不正です");
  const contract = world.contracts.get(contractId);
  // Uninstalled (or revoked) apps get no token: the link must be authorized again.
  if (!contract || !contract.apps.has(app.clientId)) return oauthError(401, "invalid_client", "この契約でアプリが利用できません");
  const requested = (params.get("scope") ?? "").split(" ").filter(Boolean);
  const unknown = requested.find((s) => !ALL_SCOPES.includes(s) || !app.scopes.includes(s));
  if (unknown) return oauthError(400, "invalid_scope", `scope ${unknown} は利用できません`);
  const token = issue(world, { kind: "app", clientId: app.clientId, contractId, scopes: requested.length ? requested : app.scopes });
  return json(200, tokenBody(world, token));
}

export async function idHost(world: SmaregiWorld, request: Request, path: string): Promise<Response> {
  const tokenPath = /^\/app\/([^/]+)\/token$/.exec(path);
  if (tokenPath && request.method === "POST") return appToken(world, request, decodeURIComponent(tokenPath[1]!));
  if (path === "/authorize" && (request.method === "GET" || request.method === "POST")) return authorize(world, request);
  if (path === "/authorize/token" && request.method === "POST") return authorizeToken(world, request);
  if (path === "/userinfo" && (request.method === "GET" || request.method === "POST")) return userinfo(world, request);
  return oauthError(404, "not_found", path);
}
