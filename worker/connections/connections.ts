/**
 * Connections: one row per linked external system, settings validated by the connector's own
 * schema, credentials sealed with AES-GCM, status pending → authorized → started ⇄ stopped.
 */
import type { LinkChecks } from "../../shared/schemas/sync";
import { openCredentials, sealCredentials } from "../auth/credentials";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, notFound, ServiceError } from "../errors";
import { TransientError } from "../sync/messages";
import { findConnector } from "./registry";

export interface ConnectionRecord {
  id: string;
  kind: string;
  name: string;
  status: "pending" | "authorized" | "started" | "stopped";
  baseUrl: string | null;
  settings: Record<string, unknown>;
  hasCredentials: boolean;
  checks: LinkChecks | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ConnectionRow {
  id: string;
  kind: string;
  name: string;
  status: ConnectionRecord["status"];
  base_url: string | null;
  settings: string;
  credentials: string | null;
  checks: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

const toConnection = (r: ConnectionRow): ConnectionRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  status: r.status,
  baseUrl: r.base_url,
  settings: JSON.parse(r.settings) as Record<string, unknown>,
  hasCredentials: r.credentials !== null,
  checks: r.checks ? (JSON.parse(r.checks) as LinkChecks) : null,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const COLUMNS = "id, kind, name, status, base_url, settings, credentials, checks, last_error, created_at, updated_at";

export async function loadConnection(ctx: ServiceContext, id: string): Promise<ConnectionRecord | null> {
  const row = await ctx.db.first<ConnectionRow>(`SELECT ${COLUMNS} FROM connections WHERE merchant_id = ?1 AND id = ?2`, id);
  return row ? toConnection(row) : null;
}

export async function listConnections(ctx: ServiceContext): Promise<ConnectionRecord[]> {
  const rows = await ctx.db.all<ConnectionRow>(`SELECT ${COLUMNS} FROM connections WHERE merchant_id = ?1 ORDER BY created_at`);
  return rows.map(toConnection);
}

function validateSettings(kind: string, settings: Record<string, unknown>) {
  const connector = findConnector(kind);
  if (!connector) throw invalid("unknown connector", [{ path: ["kind"], message: `no connector "${kind}"` }]);
  const parsed = connector.settings.safeParse(settings);
  if (!parsed.success) {
    throw invalid(
      "invalid settings",
      parsed.error.issues.map((i) => ({ path: ["settings", ...i.path.map(String)], message: i.message })),
    );
  }
  return parsed.data;
}

export async function createConnection(
  ctx: ServiceContext,
  input: { kind: string; name: string; baseUrl?: string | null; settings: Record<string, unknown>; credentials?: Record<string, string> },
) {
  const settings = validateSettings(input.kind, input.settings);
  const connector = findConnector(input.kind)!;
  const id = newId("con");
  const at = nowIso();
  const sealed = input.credentials ? await sealCredentials(ctx.env, id, input.credentials) : null;
  await ctx.db.run(
    `INSERT INTO connections (id, merchant_id, kind, name, status, settings, credentials, base_url, pushes_stock, exports_documents, created_at, updated_at)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11, ?9, ?9)`,
    id,
    input.kind,
    input.name,
    // a connector that can check its credentials is authorized by a verification, not by having them
    sealed && !connector.verify ? "authorized" : "pending",
    JSON.stringify(settings),
    sealed,
    input.baseUrl ?? null,
    at,
    connector.stock ? 1 : 0,
    connector.exportsDocuments ? 1 : 0,
  );
  const created = (await loadConnection(ctx, id))!;
  if (connector.applySettings) {
    try {
      await connector.applySettings(ctx, created, settings);
    } catch (error) {
      // nothing half-made: a link whose settings do not fit Renkei's data is not kept
      await ctx.db.batch([
        ctx.db.stmt("DELETE FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2", id),
        ctx.db.stmt("DELETE FROM connections WHERE merchant_id = ?1 AND id = ?2", id),
      ]);
      throw error;
    }
  }
  return created;
}

/**
 * Runs the connector's verification: the checks are kept for the admin; passing authorizes a
 * pending link and clears the error that stopped it; bad credentials leave the remote's message.
 */
export async function verifyConnection(ctx: ServiceContext, id: string): Promise<ConnectionRecord> {
  const connection = await loadConnection(ctx, id);
  if (!connection) throw notFound("connection");
  const connector = findConnector(connection.kind);
  if (!connector?.verify) throw invalid("nothing to verify", [{ path: ["kind"], message: `"${connection.kind}" has no verification` }]);
  let checks: LinkChecks;
  try {
    checks = await connector.verify(ctx, connection);
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await recordConnectionError(ctx, id, message);
    // The remote's own words, as an answer the admin can show (not a 500 of Renkei's).
    if (error instanceof TransientError) throw new ServiceError("UPSTREAM", message);
    throw invalid("verification failed", [{ path: ["credentials"], message }]);
  }
  await ctx.db.run(
    `UPDATE connections SET checks = ?3, last_error = NULL, updated_at = ?4,
       status = CASE WHEN status = 'pending' AND ?5 THEN 'authorized' ELSE status END
     WHERE merchant_id = ?1 AND id = ?2`,
    id,
    JSON.stringify(checks),
    nowIso(),
    checks.ok ? 1 : 0,
  );
  return (await loadConnection(ctx, id))!;
}

/** The remote refused the link itself (credentials, authorization): keep its words and stop syncing. */
export async function recordConnectionError(ctx: ServiceContext, id: string, message: string, stop = false) {
  await ctx.db.run(
    `UPDATE connections SET last_error = ?3, updated_at = ?4, status = CASE WHEN ?5 AND status = 'started' THEN 'stopped' ELSE status END
     WHERE merchant_id = ?1 AND id = ?2`,
    id,
    message.slice(0, 1000),
    nowIso(),
    stop ? 1 : 0,
  );
}

export async function updateConnectionSettings(ctx: ServiceContext, id: string, settings: Record<string, unknown>) {
  const connection = await loadConnection(ctx, id);
  if (!connection) throw notFound("connection");
  const valid = validateSettings(connection.kind, settings);
  await findConnector(connection.kind)?.applySettings?.(ctx, connection, valid);
  await ctx.db.run(
    "UPDATE connections SET settings = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2",
    id,
    JSON.stringify(valid),
    nowIso(),
  );
  return (await loadConnection(ctx, id))!;
}

/** Start / stop: settings can be saved while stopped; only a started link syncs. */
export async function setConnectionStatus(ctx: ServiceContext, id: string, status: "started" | "stopped") {
  const connection = await loadConnection(ctx, id);
  if (!connection) throw notFound("connection");
  if (connection.status === "pending") throw invalid("not authorized yet", [{ path: ["status"], message: "authorize the connection first" }]);
  if (status === "started") await findConnector(connection.kind)?.beforeStart?.(ctx, connection);
  await ctx.db.run("UPDATE connections SET status = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2", id, status, nowIso());
  const saved = (await loadConnection(ctx, id))!;
  if (status === "started" && connection.status !== "started") await findConnector(connection.kind)?.afterStart?.(ctx, saved);
  return saved;
}

/** New credentials (a changed secret, a fixed typo): the link must be verified again before it syncs. */
export async function updateConnectionCredentials(ctx: ServiceContext, id: string, credentials: Record<string, string>) {
  const connection = await loadConnection(ctx, id);
  if (!connection) throw notFound("connection");
  const verifies = !!findConnector(connection.kind)?.verify;
  await ctx.db.run(
    `UPDATE connections SET credentials = ?3, updated_at = ?4, status = CASE WHEN ?5 THEN 'pending' ELSE status END
     WHERE merchant_id = ?1 AND id = ?2`,
    id,
    await sealCredentials(ctx.env, id, credentials),
    nowIso(),
    verifies ? 1 : 0,
  );
  return (await loadConnection(ctx, id))!;
}

export async function connectionCredentials(ctx: ServiceContext, id: string): Promise<Record<string, string>> {
  const row = await ctx.db.first<{ credentials: string | null }>("SELECT credentials FROM connections WHERE merchant_id = ?1 AND id = ?2", id);
  if (!row?.credentials) throw notFound("connection credentials");
  return openCredentials(ctx.env, id, row.credentials);
}

export async function linkExternal(
  ctx: ServiceContext,
  connectionId: string,
  link: { entity: string; renkeiId: string; externalId: string; externalCode?: string | null },
) {
  if (!(await loadConnection(ctx, connectionId))) throw notFound("connection");
  await ctx.db.run(
    `INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id, external_code, code_folded)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, lower(?6))
     ON CONFLICT (connection_id, entity, external_id) DO UPDATE SET renkei_id = excluded.renkei_id,
       external_code = excluded.external_code, code_folded = excluded.code_folded`,
    connectionId,
    link.entity,
    link.renkeiId,
    link.externalId,
    link.externalCode ?? null,
  );
}
