/**
 * Small named values a link keeps between runs in connection_cursors: how far a pull has read, a
 * sealed token, a pending authorization's state, bulk requests awaiting their callback. The table
 * has no merchant column, so every statement reaches it through the merchant's own connection row:
 * one merchant can never read or move another's cursor.
 */
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";

export async function readCursor(ctx: ServiceContext, connectionId: string, name: string): Promise<string | null> {
  const row = await ctx.db.first<{ value: string }>(
    `SELECT cc.value FROM connection_cursors cc JOIN connections c ON c.id = cc.connection_id
     WHERE c.merchant_id = ?1 AND cc.connection_id = ?2 AND cc.name = ?3`,
    connectionId,
    name,
  );
  return row?.value ?? null;
}

export function saveCursorStatement(ctx: ServiceContext, connectionId: string, name: string, value: string) {
  return ctx.db.stmt(
    `INSERT INTO connection_cursors (connection_id, name, value, updated_at)
     SELECT id, ?3, ?4, ?5 FROM connections WHERE merchant_id = ?1 AND id = ?2
     ON CONFLICT (connection_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    connectionId,
    name,
    value,
    nowIso(),
  );
}

export async function saveCursor(ctx: ServiceContext, connectionId: string, name: string, value: string) {
  await saveCursorStatement(ctx, connectionId, name, value).run();
}

/** Deletes one cursor, or every cursor whose name starts with `prefix` when it ends in "*". */
export function deleteCursorStatement(ctx: ServiceContext, connectionId: string, name: string) {
  const prefix = name.endsWith("*");
  return ctx.db.stmt(
    `DELETE FROM connection_cursors WHERE connection_id IN (SELECT id FROM connections WHERE merchant_id = ?1 AND id = ?2)
     AND ${prefix ? "substr(name, 1, length(?3)) = ?3" : "name = ?3"}`,
    connectionId,
    prefix ? name.slice(0, -1) : name,
  );
}

/** Takes a cursor once: it is deleted as it is read, so a second reader finds nothing. */
export async function takeCursor(ctx: ServiceContext, connectionId: string, name: string): Promise<string | null> {
  const row = await ctx.db.first<{ value: string }>(
    `DELETE FROM connection_cursors WHERE connection_id IN (SELECT id FROM connections WHERE merchant_id = ?1 AND id = ?2) AND name = ?3
     RETURNING value`,
    connectionId,
    name,
  );
  return row?.value ?? null;
}
