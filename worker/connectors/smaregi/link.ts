/**
 * The Smaregi link's lifecycle: which hosts it talks to, its sealed credentials and access token,
 * the app authorization ([認証] → Smaregi's login and [許可] → back to Renkei with a code that the
 * worker exchanges, never the browser), disconnecting, and what happens when Smaregi stops
 * accepting the app (removed or authorization revoked): the link stops and keeps Smaregi's words
 * for the admin, instead of retrying forever.
 */
import { connectionCredentials, loadConnection, recordConnectionError, updateConnectionCredentials, verifyConnection, type ConnectionRecord } from "../../connections/connections";
import { openCredentials, sealCredentials } from "../../auth/credentials";
import { serviceContext, type ServiceContext } from "../../context";
import { invalid, notFound, ServiceError } from "../../errors";
import { authorizeUrl, exchangeCode, readAuthorizeCallback, SmaregiAuthError } from "./auth";
import { SmaregiClient, type SmaregiStoredToken } from "./client";
import { deleteCursorStatement, readCursor, takeCursor, saveCursor } from "../../connections/cursors";
import { TransientError } from "../../sync/messages";

export const SMAREGI = "smaregi";
const TOKEN = "smaregi:token";
const OAUTH_STATE = "smaregi:oauth-state";
const STATE_TTL_MS = 10 * 60_000;

export const REVOKED_MESSAGE =
  "スマレジがアプリを受け付けません（アプリの認可が取り消されたか、アプリが解除されました）。連携を停止しました。[認証]からやり直してください (Smaregi no longer accepts the app: authorization revoked or app removed. The link was stopped; authorize again.)";

export interface SmaregiCredentials {
  clientId: string;
  clientSecret: string;
  /** Set by the authorization: the contract that said [許可]. */
  contractId?: string;
  /** Sent back by Smaregi with every webhook (a custom header set in the app's webhook settings). */
  webhookSecret?: string;
  /** Path token of the bulk-callback URL (callbacks carry no header we choose). */
  callbackToken?: string;
  /** Renkei's public origin, as seen when the admin authorized: where callbacks are sent. */
  callbackOrigin?: string;
  refreshToken?: string;
}

/**
 * Hosts: null → production (id.smaregi.jp / api.smaregi.jp); "https://smaregi.dev" → the official
 * sandbox; any other base (the fake) → `<base>/id` and `<base>/api`.
 */
export function smaregiHosts(baseUrl: string | null): { idBaseUrl: string; apiBaseUrl: string } {
  if (!baseUrl) return { idBaseUrl: "https://id.smaregi.jp", apiBaseUrl: "https://api.smaregi.jp" };
  const base = baseUrl.replace(/\/+$/, "");
  const official = /^https:\/\/(smaregi\.(?:dev|jp))$/.exec(base);
  if (official) return { idBaseUrl: `https://id.${official[1]}`, apiBaseUrl: `https://api.${official[1]}` };
  return { idBaseUrl: `${base}/id`, apiBaseUrl: `${base}/api` };
}

export async function smaregiCredentials(ctx: ServiceContext, connectionId: string): Promise<SmaregiCredentials> {
  const raw = await connectionCredentials(ctx, connectionId).catch(() => ({}) as Record<string, string>);
  if (!raw.clientId || !raw.clientSecret) {
    throw invalid("スマレジのアプリ情報がありません (the app's client ID and secret are missing)", [
      { path: ["credentials", "clientId"], message: "クライアントIDとクライアントシークレットを登録してください (client ID and secret required)" },
    ]);
  }
  return raw as unknown as SmaregiCredentials;
}

const randomToken = () => [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** A client on the link's contract; its access token is kept sealed beside the link and renewed by the client. */
export async function smaregiClient(ctx: ServiceContext, connection: ConnectionRecord): Promise<SmaregiClient> {
  const credentials = await smaregiCredentials(ctx, connection.id);
  if (!credentials.contractId) {
    throw new ServiceError("CONFLICT", "スマレジの[認証]が済んでいません (authorize the Smaregi link first)", [{ path: ["status"], message: "not authorized" }]);
  }
  return new SmaregiClient({
    ...smaregiHosts(connection.baseUrl),
    contractId: credentials.contractId,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    // Every scope the app was granted (the ID host's default when none is asked for).
    scopes: [],
    tokens: {
      async load() {
        const sealed = await readCursor(ctx, connection.id, TOKEN);
        if (!sealed) return null;
        const open = await openCredentials(ctx.env, connection.id, sealed);
        return { accessToken: open.accessToken!, expiresAt: Number(open.expiresAt), scope: open.scope ?? "" } satisfies SmaregiStoredToken;
      },
      async save(token) {
        const sealed = await sealCredentials(ctx.env, connection.id, { accessToken: token.accessToken, expiresAt: String(token.expiresAt), scope: token.scope });
        await saveCursor(ctx, connection.id, TOKEN, sealed);
      },
    },
  });
}

/**
 * Runs `work` against Smaregi. When Smaregi refuses the app itself (SmaregiAuthError), the link is
 * stopped with a message for the admin and the error is rethrown as permanent: retrying cannot help.
 */
export async function withSmaregi<T>(ctx: ServiceContext, connection: ConnectionRecord, work: (client: SmaregiClient) => Promise<T>): Promise<T> {
  const client = await smaregiClient(ctx, connection);
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof SmaregiAuthError) {
      await recordConnectionError(ctx, connection.id, REVOKED_MESSAGE, true);
      throw new ServiceError("UPSTREAM", REVOKED_MESSAGE);
    }
    throw error;
  }
}

/** The longest Retry-After a request-time read waits out once before giving up (Smaregi's cap is per second). */
const PATIENT_WAIT_S = 2;

/**
 * withSmaregi for reads made while someone waits (allocation's stock source, the preview): a 429
 * asking to wait a second or two is waited out once, since the per-second cap refills by then;
 * anything else (or a second 429) is thrown as usual. Reads only: repeating them is harmless.
 */
export async function readSmaregiPatiently<T>(ctx: ServiceContext, connection: ConnectionRecord, read: (client: SmaregiClient) => Promise<T>): Promise<T> {
  try {
    return await withSmaregi(ctx, connection, read);
  } catch (error) {
    const wait = error instanceof TransientError ? error.retryAfterSeconds : undefined;
    if (wait === undefined || wait > PATIENT_WAIT_S) throw error;
    await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 1) * 1000));
    return withSmaregi(ctx, connection, read);
  }
}

async function smaregiConnection(ctx: ServiceContext, id: string) {
  const connection = await loadConnection(ctx, id);
  if (!connection || connection.kind !== SMAREGI) throw notFound("connection");
  return connection;
}

/** [認証]: where the admin's browser goes; the state binds the return to this link, once, for 10 minutes. */
export async function beginAuthorization(ctx: ServiceContext, connectionId: string, origin: string): Promise<{ url: string }> {
  const connection = await smaregiConnection(ctx, connectionId);
  const credentials = await smaregiCredentials(ctx, connection.id);
  const state = `${connection.id}.${randomToken()}`;
  const redirectUri = `${origin}/oauth/smaregi/callback`;
  await saveCursor(ctx, connection.id, OAUTH_STATE, JSON.stringify({ state, redirectUri, expiresAt: Date.now() + STATE_TTL_MS }));
  const { idBaseUrl } = smaregiHosts(connection.baseUrl);
  return { url: authorizeUrl({ idBaseUrl, clientId: credentials.clientId, redirectUri, state, scopes: ["openid", "offline_access"] }) };
}

/**
 * Smaregi's redirect back. Answers where the admin's browser goes next: the link's screen with
 * `result=activated` (「結果:有効化済み」) or `error=<reason>`. Nothing changes unless the state is
 * the one this link issued (single use) and the code exchange succeeds.
 */
export async function finishAuthorization(env: Env, url: URL): Promise<string> {
  const state = url.searchParams.get("state") ?? "";
  const connectionId = state.split(".")[0] ?? "";
  const fail = (reason: string, id = "") => `/admin/smaregi${id ? `/${id}` : ""}?error=${encodeURIComponent(reason)}`;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(connectionId)) return fail("state_mismatch");
  const row = await env.DB.prepare("SELECT merchant_id FROM connections WHERE id = ?1 AND kind = ?2").bind(connectionId, SMAREGI).first<{ merchant_id: string }>();
  if (!row) return fail("state_mismatch");
  const ctx = serviceContext(env, row.merchant_id, { kind: "system", id: "smaregi-authorization" });
  const pending = JSON.parse((await takeCursor(ctx, connectionId, OAUTH_STATE)) ?? "null") as { state: string; redirectUri: string; expiresAt: number } | null;
  if (!pending || pending.state !== state || pending.expiresAt < Date.now()) return fail("state_mismatch", connectionId);
  const back = readAuthorizeCallback(url, pending.state);
  if ("error" in back) return fail(back.error, connectionId);
  const connection = await smaregiConnection(ctx, connectionId);
  const credentials = await smaregiCredentials(ctx, connectionId);
  let exchanged: Awaited<ReturnType<typeof exchangeCode>>;
  try {
    exchanged = await exchangeCode({ ...smaregiHosts(connection.baseUrl), ...credentials, code: back.code, redirectUri: pending.redirectUri });
  } catch (error) {
    await recordConnectionError(ctx, connectionId, `スマレジの認証に失敗しました (authorization failed): ${error instanceof Error ? error.message : String(error)}`);
    return fail("exchange_failed", connectionId);
  }
  const next: SmaregiCredentials = {
    ...credentials,
    contractId: exchanged.contractId,
    webhookSecret: credentials.webhookSecret ?? randomToken(),
    callbackToken: credentials.callbackToken ?? randomToken(),
    callbackOrigin: new URL(pending.redirectUri).origin,
    ...(exchanged.refreshToken ? { refreshToken: exchanged.refreshToken } : {}),
  };
  // A token of an earlier contract must not be used for this one.
  await deleteCursorStatement(ctx, connectionId, TOKEN).run();
  await updateConnectionCredentials(ctx, connectionId, next as unknown as Record<string, string>);
  try {
    const verified = await verifyConnection(ctx, connectionId);
    if (verified.status === "pending") return fail("verification_failed", connectionId);
  } catch {
    return fail("verification_failed", connectionId);
  }
  return `/admin/smaregi/${connectionId}?result=activated`;
}

/**
 * Disconnect: forget the contract, the tokens, the webhook secret and every link between Renkei and Smaregi IDs; the
 * settings stay, so authorizing again starts from them. The link is 'pending' until then.
 */
export async function disconnect(ctx: ServiceContext, connectionId: string): Promise<ConnectionRecord> {
  await smaregiConnection(ctx, connectionId);
  const { clientId, clientSecret } = await smaregiCredentials(ctx, connectionId);
  // The app's own client ID and secret stay: they are Renkei's, not the contract's.
  const kept = await sealCredentials(ctx.env, connectionId, { clientId, clientSecret });
  await ctx.db.batch([
    ctx.db.stmt(
      `UPDATE connections SET credentials = ?3, status = 'pending', checks = NULL, last_error = NULL, updated_at = ?4
       WHERE merchant_id = ?1 AND id = ?2`,
      connectionId,
      kept,
      new Date().toISOString(),
    ),
    ctx.db.stmt("DELETE FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2", connectionId),
    ctx.db.stmt("DELETE FROM stock_push_pending WHERE merchant_id = ?1 AND connection_id = ?2", connectionId),
    ctx.db.stmt("DELETE FROM smaregi_webhook_events WHERE merchant_id = ?1 AND connection_id = ?2", connectionId),
    deleteCursorStatement(ctx, connectionId, "*"),
  ]);
  return (await loadConnection(ctx, connectionId))!;
}

/** The webhook / callback addresses and the secret header the admin enters in Smaregi's app settings. */
export async function webhookSetup(ctx: ServiceContext, connectionId: string) {
  const connection = await smaregiConnection(ctx, connectionId);
  const credentials = await smaregiCredentials(ctx, connection.id);
  if (!credentials.webhookSecret || !credentials.callbackOrigin) return null;
  return {
    url: `${credentials.callbackOrigin}/webhooks/smaregi/${connection.id}`,
    secretHeader: "X-Renkei-Webhook-Secret",
    secret: credentials.webhookSecret,
  };
}
