/**
 * Device pairing: the admin creates a device for a store and gets a one-time 8-digit code
 * (valid 15 minutes, stored hashed); the tablet trades it once for a long random token, also stored
 * only as a hash. Revoking a device stops its token at once.
 */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { notFound, ServiceError } from "../errors";
import { randomToken, tokenHash } from "./passwords";

const PAIRING_MINUTES = 15;

export async function createDevice(ctx: ServiceContext, input: { locationId: string; name: string }) {
  const location = await ctx.db.first<{ id: string }>(
    "SELECT id FROM locations WHERE merchant_id = ?1 AND id = ?2 AND kind = 'store'",
    input.locationId,
  );
  if (!location) throw notFound("store");
  const id = newId("dev");
  const pairingCode = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 100_000_000).padStart(8, "0");
  const expiresAt = nowIso(Date.now() + PAIRING_MINUTES * 60_000);
  // The device's number in its store goes into its receipt numbers (S001-02-000123).
  await ctx.db.run(
    `INSERT INTO devices (id, merchant_id, location_id, name, pairing_code_hash, pairing_expires_at, created_at, number)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, (SELECT COALESCE(MAX(number), 0) + 1 FROM devices WHERE merchant_id = ?1 AND location_id = ?3))`,
    id,
    input.locationId,
    input.name,
    await tokenHash(pairingCode),
    expiresAt,
    nowIso(),
  );
  return { id, pairingCode, expiresAt };
}

/** Unauthenticated: the code itself is the credential, usable once. */
export async function pairDevice(db: D1Database, pairingCode: string) {
  const token = randomToken();
  const codeHash = await tokenHash(pairingCode);
  const row = await db
    .prepare(
      `UPDATE devices SET token_hash = ?2, paired_at = ?3, pairing_code_hash = NULL, pairing_expires_at = NULL
       WHERE pairing_code_hash = ?1 AND pairing_expires_at > ?3 AND revoked_at IS NULL
       RETURNING id, merchant_id, location_id`,
    )
    .bind(codeHash, await tokenHash(token), nowIso())
    .first<{ id: string; merchant_id: string; location_id: string }>();
  if (!row) throw new ServiceError("UNAUTHORIZED", "ペアリングコードが無効か期限切れです (pairing code invalid or expired)");
  return { deviceId: row.id, merchantId: row.merchant_id, locationId: row.location_id, token };
}

export async function revokeDevice(ctx: ServiceContext, id: string) {
  const result = await ctx.db.run(
    "UPDATE devices SET revoked_at = ?3, token_hash = NULL WHERE merchant_id = ?1 AND id = ?2 AND revoked_at IS NULL",
    id,
    nowIso(),
  );
  if (!result.meta.changes) throw notFound("device");
}

export async function listDevices(ctx: ServiceContext) {
  const rows = await ctx.db.all<{
    id: string;
    location_id: string;
    name: string;
    paired_at: string | null;
    revoked_at: string | null;
    created_at: string;
  }>("SELECT id, location_id, name, paired_at, revoked_at, created_at FROM devices WHERE merchant_id = ?1 ORDER BY created_at", );
  return rows.map((r) => ({
    id: r.id,
    locationId: r.location_id,
    name: r.name,
    pairedAt: r.paired_at,
    revokedAt: r.revoked_at,
    createdAt: r.created_at,
  }));
}

export async function resolveDevice(db: D1Database, token: string) {
  return db
    .prepare("SELECT id, merchant_id, location_id FROM devices WHERE token_hash = ?1 AND revoked_at IS NULL")
    .bind(await tokenHash(token))
    .first<{ id: string; merchant_id: string; location_id: string }>();
}
