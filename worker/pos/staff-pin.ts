/**
 * Staff PINs. The admin sets a PIN (stored as a PBKDF2 hash); a device checks it online once to
 * enrol the clerk, then keeps its own HMAC of the PIN under a non-extractable device key to check it
 * offline. Five wrong PINs lock the clerk for 15 minutes, here as on the device.
 */
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { hashSecret, verifySecret } from "../auth/passwords";
import { notFound, ServiceError } from "../errors";

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

/** Changes whenever the admin sets a new PIN (a new salt), so a device drops the one it enrolled. */
export async function pinVersion(pinHash: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(pinHash));
  return [...new Uint8Array(digest).slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function setPin(ctx: ServiceContext, userId: string, pin: string) {
  const result = await ctx.db.run(
    "UPDATE users SET pin_hash = ?3, pin_failures = 0, pin_locked_until = NULL WHERE merchant_id = ?1 AND id = ?2",
    userId,
    await hashSecret(pin),
  );
  if (!result.meta.changes) throw notFound("user");
}

export async function checkPin(ctx: ServiceContext, staffId: string, pin: string) {
  const user = await ctx.db.first<{ role: "staff"; pin_hash: string | null; pin_failures: number; pin_locked_until: string | null }>(
    "SELECT role, pin_hash, pin_failures, pin_locked_until FROM users WHERE merchant_id = ?1 AND id = ?2",
    staffId,
  );
  if (!user?.pin_hash) throw notFound("user");
  if (user.pin_locked_until && user.pin_locked_until > nowIso()) {
    throw new ServiceError("LOCKED", "PINがロックされています。しばらくしてから再度お試しください (PIN locked, try later)");
  }
  if (!(await verifySecret(pin, user.pin_hash))) {
    const failures = user.pin_failures + 1;
    const locked = failures >= MAX_FAILURES ? nowIso(Date.now() + LOCK_MINUTES * 60_000) : null;
    await ctx.db.run("UPDATE users SET pin_failures = ?3, pin_locked_until = ?4 WHERE merchant_id = ?1 AND id = ?2", staffId, locked ? 0 : failures, locked);
    throw new ServiceError("UNAUTHORIZED", "PINが違います (wrong PIN)");
  }
  await ctx.db.run("UPDATE users SET pin_failures = 0, pin_locked_until = NULL WHERE merchant_id = ?1 AND id = ?2", staffId);
  return { ok: true as const, staffId, role: user.role, pinVersion: await pinVersion(user.pin_hash) };
}
