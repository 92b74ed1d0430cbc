/**
 * 連携を開始する / 連携を解除する (seed 001 steps 1–4). Starting sends the merchant to NextEngine's
 * login with the app's one redirect URI (NextEngine registers a single one per app in its developer
 * portal, so it names no link); NextEngine comes back with uid and state (state lives 5 minutes),
 * the signed-in merchant's one link is found, and uid / state are traded for tokens at /api_neauth
 * and sealed. The link is then started with what it needs: its order channel, the 出荷確定 action,
 * its schedules and its ledger cursor.
 * Disconnecting removes every one of those, and the tokens, in one batch.
 */
import { connectionCredentials, createConnection, loadConnection, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { newId, nowIso } from "../../db/ids";
import { invalid, notFound, ServiceError } from "../../errors";
import { createChannel } from "../../orders/channels";
import { createSchedule } from "../../sync/schedules";
import { NEXTENGINE_API_URL, NEXTENGINE_SIGN_IN_URL } from "./client";
import { NextEngineApiError, NextEngineRedirectError } from "./errors";
import { clientFromCredentials, saveCredentials, type LinkCredentials } from "./link";
import { IMPORT_ORDERS_JOB } from "./order-import";
import { MARK_SHIPPED_ACTION } from "./shipment-report";
import { MOVEMENT_CURSOR, STOCK_UPLOAD_JOB } from "./stock-upload";

export const NEXTENGINE_KIND = "nextengine";

export interface ConnectInput {
  /** The app's credentials (NextEngine アプリを作る → API); the worker's secrets when absent. */
  clientId?: string;
  clientSecret?: string;
  apiBaseUrl?: string;
  signInBaseUrl?: string;
}

/** The merchant's NextEngine link, if any (one per merchant). */
export async function findNextEngineLink(ctx: ServiceContext): Promise<ConnectionRecord | null> {
  const row = await ctx.db.first<{ id: string }>("SELECT id FROM connections WHERE merchant_id = ?1 AND kind = ?2 ORDER BY created_at LIMIT 1", NEXTENGINE_KIND);
  return row ? loadConnection(ctx, row.id) : null;
}

export async function requireNextEngineLink(ctx: ServiceContext, id: string): Promise<ConnectionRecord> {
  const connection = await loadConnection(ctx, id);
  if (!connection || connection.kind !== NEXTENGINE_KIND) throw notFound("connection");
  return connection;
}

/** Where NextEngine sends the merchant back, for every link: the app's registered redirect URI. */
export const CALLBACK_PATH = "/oauth/nextengine/callback";

/**
 * The redirect URI registered for the app: NEXTENGINE_REDIRECT_URI (a wrangler var) when the
 * deployment sets one — it must equal, byte for byte, what the developer portal has — otherwise the
 * callback on the origin the merchant is using.
 */
export function redirectUri(env: unknown, origin: string): string {
  const configured = (env as Record<string, unknown>).NEXTENGINE_REDIRECT_URI;
  return typeof configured === "string" && configured.trim() ? configured.trim() : `${origin}${CALLBACK_PATH}`;
}

/** 「連携を開始する」: keeps the app's credentials on the link and answers where to log in. */
export async function startConnect(ctx: ServiceContext, input: ConnectInput, origin: string) {
  const secrets = ctx.env as unknown as Record<string, string | undefined>;
  let link = await findNextEngineLink(ctx);
  // Logging in again from the screen sends nothing: the app and hosts the link was made with stay.
  const known: LinkCredentials = link?.hasCredentials ? await connectionCredentials(ctx, link.id) : {};
  const app: LinkCredentials = {
    clientId: input.clientId ?? (known.clientId || secrets.NEXTENGINE_CLIENT_ID) ?? "",
    clientSecret: input.clientSecret ?? (known.clientSecret || secrets.NEXTENGINE_CLIENT_SECRET) ?? "",
    signInBaseUrl: input.signInBaseUrl ?? (known.signInBaseUrl || NEXTENGINE_SIGN_IN_URL),
  };
  const issues = [];
  if (!app.clientId) issues.push({ path: ["clientId"], message: "クライアントIDを入力してください (client id is required)" });
  if (!app.clientSecret) issues.push({ path: ["clientSecret"], message: "クライアントシークレットを入力してください (client secret is required)" });
  if (issues.length) throw invalid("invalid NextEngine app", issues);
  const apiBaseUrl = input.apiBaseUrl ?? link?.baseUrl ?? NEXTENGINE_API_URL;
  if (!link) {
    link = await createConnection(ctx, { kind: NEXTENGINE_KIND, name: "ネクストエンジン", baseUrl: apiBaseUrl, settings: {}, credentials: app });
  } else {
    // logging in again keeps the settings; the new tokens replace the old ones at the callback
    await ctx.db.run("UPDATE connections SET base_url = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2", link.id, apiBaseUrl, nowIso());
    await saveCredentials(ctx, link.id, { ...known, ...app });
  }
  const client = clientFromCredentials(ctx, { id: link.id, baseUrl: apiBaseUrl }, app);
  return { connectionId: link.id, signInUrl: client.signInUrl(redirectUri(ctx.env, origin)) };
}

/**
 * Back from NextEngine's login with uid and state: trade them for tokens (saved by the client as
 * they arrive), then start the link with everything it needs.
 */
export async function finishConnect(ctx: ServiceContext, connectionId: string, uid: string, state: string): Promise<ConnectionRecord> {
  const link = await requireNextEngineLink(ctx, connectionId);
  const client = clientFromCredentials(ctx, link, await connectionCredentials(ctx, link.id));
  let company: string | null;
  try {
    company = (await client.authorize(uid, state)).company.name;
  } catch (error) {
    if (error instanceof NextEngineRedirectError || error instanceof NextEngineApiError) {
      throw new ServiceError("VALIDATION", "ネクストエンジンのログインを確認できませんでした（ログインは5分以内に完了する必要があります）。「もう一度ネクストエンジンから開く」からやり直してください (NextEngine could not confirm the login: it is valid for 5 minutes — open NextEngine again)", [
        { path: ["state"], message: error.message },
      ]);
    }
    throw error;
  }
  await ctx.db.run(
    `UPDATE connections SET status = 'started', last_error = NULL, name = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2`,
    link.id,
    company ? `ネクストエンジン (${company})` : "ネクストエンジン",
    nowIso(),
  );
  await provision(ctx, link.id);
  return (await loadConnection(ctx, link.id))!;
}

/**
 * Back at the app's one redirect URI with uid and state — from 「連携を開始する」 or from NextEngine's
 * app menu (アプリ一覧 → Renkei), which look the same: the URI names no link. The signed-in
 * merchant's one link is found — or made from the app's secrets, exactly as 「連携を開始する」 makes
 * it — and logged in, so a merchant who opens Renkei from NextEngine lands on a started link without
 * going through the settings first. A login NextEngine does not confirm (a state older than 5
 * minutes, or used) answers the link with the reason, for the link's page to offer a new login.
 */
export async function arriveFromNextEngine(
  ctx: ServiceContext,
  uid: string,
  state: string,
  origin: string,
): Promise<{ connectionId: string; link: ConnectionRecord; problem?: never } | { connectionId: string; problem: ServiceError; link?: never }> {
  const { connectionId } = await startConnect(ctx, {}, origin);
  try {
    return { connectionId, link: await finishConnect(ctx, connectionId, uid, state) };
  } catch (error) {
    if (error instanceof ServiceError && error.code === "VALIDATION") return { connectionId, problem: error };
    throw error;
  }
}

/**
 * The link's order channel. Linking again after 連携を解除する takes back the channel it had: orders
 * are known by (channel, receive_order_id), so an order imported before is found again, never doubled.
 */
async function linkChannel(ctx: ServiceContext, connectionId: string): Promise<{ id: string }> {
  const code = `nextengine-${connectionId.slice(-8)}`;
  const before = await ctx.db.first<{ id: string }>("SELECT id FROM channels WHERE merchant_id = ?1 AND code = ?2", code);
  if (before) return before;
  const warehouse = await ctx.db.first<{ id: string }>("SELECT id FROM locations WHERE merchant_id = ?1 ORDER BY kind = 'warehouse' DESC, created_at LIMIT 1");
  if (!warehouse) throw invalid("no location", [{ path: ["locationId"], message: "拠点を先に登録してください (add a location first)" }]);
  return createChannel(ctx, { code, name: "ネクストエンジン", kind: "mall", defaultLocationId: warehouse.id, stockSource: "location" });
}

/** What a started link needs; each piece is made once, so logging in again adds nothing. */
async function provision(ctx: ServiceContext, connectionId: string) {
  const have = await ctx.db.first<{ channel: string | null; action: string | null; schedules: number; cursor: string | null }>(
    `SELECT (SELECT renkei_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'channel') AS channel,
            (SELECT id FROM status_actions WHERE merchant_id = ?1 AND connection_id = ?2 AND action = ?3) AS action,
            (SELECT COUNT(*) FROM schedules WHERE merchant_id = ?1 AND connection_id = ?2) AS schedules,
            (SELECT value FROM connection_cursors WHERE connection_id = ?2 AND name = ?4) AS cursor`,
    connectionId,
    MARK_SHIPPED_ACTION,
    MOVEMENT_CURSOR,
  );
  const at = nowIso();
  if (!have?.channel) {
    const channel = await linkChannel(ctx, connectionId);
    await ctx.db.run(
      "INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id) VALUES (?1, ?2, 'channel', ?3, 'orders')",
      connectionId,
      channel.id,
    );
  }
  if (!have?.action) {
    await ctx.db.run(
      `INSERT INTO status_actions (id, merchant_id, status, connection_id, action, success_status, enabled, created_at)
       VALUES (?2, ?1, 'shipped', ?3, ?4, NULL, 1, ?5)`,
      newId("sta"),
      connectionId,
      MARK_SHIPPED_ACTION,
      at,
    );
  }
  if (!have?.schedules) {
    await createSchedule(ctx, { connectionId, job: IMPORT_ORDERS_JOB, kind: "interval", intervalMinutes: 10, enabled: true });
    await createSchedule(ctx, { connectionId, job: STOCK_UPLOAD_JOB, kind: "interval", intervalMinutes: 5, enabled: true });
  }
  if (have?.cursor == null) {
    // Only what happens from now on reaches NextEngine: the ledger so far is already in its stock.
    await ctx.db.run(
      `INSERT INTO connection_cursors (connection_id, name, value, updated_at)
       SELECT ?2, ?3, CAST(COALESCE(MAX(id), 0) AS TEXT), ?4 FROM stock_movements WHERE merchant_id = ?1
       ON CONFLICT (connection_id, name) DO NOTHING`,
      connectionId,
      MOVEMENT_CURSOR,
      at,
    );
  }
}

/**
 * 「連携を解除する」: every link of it goes — external links, cursors, schedules, the 出荷確定
 * action, pending pushes and the tokens. The row stays as an unlinked record, so past runs and
 * uploads still name it, and the orders imported stay in Renkei.
 */
export async function disconnect(ctx: ServiceContext, connectionId: string): Promise<ConnectionRecord> {
  const link = await requireNextEngineLink(ctx, connectionId);
  await ctx.db.batch([
    ctx.db.stmt("DELETE FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2", link.id),
    ctx.db.stmt("DELETE FROM connection_cursors WHERE connection_id = ?2 AND EXISTS (SELECT 1 FROM connections WHERE merchant_id = ?1 AND id = ?2)", link.id),
    ctx.db.stmt("DELETE FROM schedules WHERE merchant_id = ?1 AND connection_id = ?2", link.id),
    ctx.db.stmt("DELETE FROM status_actions WHERE merchant_id = ?1 AND connection_id = ?2", link.id),
    ctx.db.stmt("DELETE FROM stock_push_pending WHERE merchant_id = ?1 AND connection_id = ?2", link.id),
    ctx.db.stmt(
      "UPDATE connections SET status = 'pending', credentials = NULL, last_error = NULL, checks = NULL, updated_at = ?3 WHERE merchant_id = ?1 AND id = ?2",
      link.id,
      nowIso(),
    ),
  ]);
  return (await loadConnection(ctx, link.id))!;
}
