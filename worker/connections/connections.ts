/**
 * Connections: one row per linked external system, settings validated by the connector's own
 * schema, credentials sealed with AES-GCM, status pending → authorized → started ⇄ stopped.
 */
import { openCredentials, sealCredentials } from "../auth/credentials";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, notFound } from "../errors";
import { findConnector } from "./registry";

export interface ConnectionRecord {
  id: string;
  kind: string;
  name: string;
  status: "pending" | "authorized" | "started" | "stopped";
  baseUrl: string | null;
  settings: Record<string, unknown>;
  hasCredentials: boolean;
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
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const COLUMNS = "id, kind, name, status, base_url, settings, credentials, created_at, updated_at";

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
  const id = newId("con");
  const at = nowIso();
  const sealed = input.credentials ? await sealCredentials(ctx.env, id, input.credentials) : null;
  await ctx.db.run(
    `INSERT INTO connections (id, merchant_id, kind, name, status, settings, credentials, base_url, pushes_stock, created_at, updated_at)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?9, ?9)`,
    id,
    input.kind,
    input.name,
    sealed ? "authorized" : "pending",
    JSON.stringify(settings),
    sealed,
    input.baseUrl ?? null,
    at,
    findConnector(input.kind)?.stock ? 1 : 0,
  );
  return (await loadConnection(ctx, id))!;
}

export async function updateConnectionSettings(ctx: ServiceContext, id: string, settings: Record<string, unknown>) {
  const connection = await loadConnection(ctx, id);
  if (!connection) throw notFound("connection");
  const valid = validateSettings(connection.kind, settings);
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
  await ctx.db.run("UPDATE connections SET status = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND id = ?2", id, status, nowIso());
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
