/**
 * A NextEngine client for one link. The link's credentials (the app's client id / secret and the
 * token pair) are sealed in the connection row; every new pair an answer carries is sealed and
 * saved before the call returns, so the only valid refresh token is never lost. When NextEngine
 * answers `redirect` (the refresh token is gone), the link stops with a message asking the
 * merchant to log in again — nothing retries it.
 */
import { sealCredentials } from "../../auth/credentials";
import { connectionCredentials, recordConnectionError, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { NextEngineClient, type NextEngineTokens } from "./client";
import { NextEngineRedirectError } from "./errors";
import { NextEngineSettings } from "./settings";

export const LOGIN_AGAIN_MESSAGE =
  "ネクストエンジンのログインが切れました。外部連携の「連携を開始する」から再度ログインしてください (the NextEngine login has expired: log in again from 外部連携)";

export type LinkCredentials = Record<string, string>;

export function tokensOf(credentials: LinkCredentials): NextEngineTokens | null {
  if (!credentials.accessToken || !credentials.refreshToken) return null;
  return {
    accessToken: credentials.accessToken,
    refreshToken: credentials.refreshToken,
    accessTokenEndDate: credentials.accessTokenEndDate || null,
    refreshTokenEndDate: credentials.refreshTokenEndDate || null,
  };
}

export function withTokens(credentials: LinkCredentials, tokens: NextEngineTokens): LinkCredentials {
  return {
    ...credentials,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenEndDate: tokens.accessTokenEndDate ?? "",
    refreshTokenEndDate: tokens.refreshTokenEndDate ?? "",
  };
}

export async function saveCredentials(ctx: ServiceContext, connectionId: string, credentials: LinkCredentials) {
  await ctx.db.run(
    "UPDATE connections SET credentials = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2",
    connectionId,
    await sealCredentials(ctx.env, connectionId, credentials),
    nowIso(),
  );
}

/** A client for the link whose new tokens are saved as they come. */
export function clientFromCredentials(ctx: ServiceContext, connection: Pick<ConnectionRecord, "id" | "baseUrl">, credentials: LinkCredentials) {
  let current = credentials;
  return new NextEngineClient({
    apiBaseUrl: connection.baseUrl ?? undefined,
    signInBaseUrl: credentials.signInBaseUrl || undefined,
    clientId: credentials.clientId ?? "",
    clientSecret: credentials.clientSecret ?? "",
    tokens: tokensOf(credentials),
    async onTokens(tokens) {
      current = withTokens(current, tokens);
      await saveCredentials(ctx, connection.id, current);
    },
  });
}

export interface NextEngineLink {
  connection: ConnectionRecord;
  settings: NextEngineSettings;
  client: NextEngineClient;
}

/**
 * Runs `work` with the link's client. A `redirect` answer stops the link and keeps the message for
 * the admin; the error is rethrown so the run records it and nothing retries it.
 */
export async function withLink<T>(ctx: ServiceContext, connection: ConnectionRecord, work: (link: NextEngineLink) => Promise<T>): Promise<T> {
  const client = clientFromCredentials(ctx, connection, await connectionCredentials(ctx, connection.id));
  try {
    return await work({ connection, settings: NextEngineSettings.parse(connection.settings), client });
  } catch (error) {
    if (error instanceof NextEngineRedirectError) await recordConnectionError(ctx, connection.id, `${LOGIN_AGAIN_MESSAGE} [${error.code}]`, true);
    throw error;
  }
}
