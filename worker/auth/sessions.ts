/**
 * Admin sign-in: PBKDF2 passwords, an HttpOnly session cookie holding a random token (stored only
 * as its SHA-256), and a CSRF token the admin sends back in X-CSRF-Token on every write.
 * Repeated failures lock the account for a while so a password cannot be guessed online.
 */
import type { Role } from "../context";
import { newId, nowIso } from "../db/ids";
import { ServiceError } from "../errors";
import { hashSecret, randomToken, tokenHash, verifySecret } from "./passwords";

export const SESSION_COOKIE = "renkei_session";
export const SESSION_HOURS = 12;
const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

export interface SessionUser {
  userId: string;
  merchantId: string;
  role: Role;
  csrfToken: string;
}

interface UserRow {
  id: string;
  merchant_id: string;
  role: Role;
  password_hash: string;
  failed_logins: number;
  locked_until: string | null;
}

export async function signIn(db: D1Database, email: string, password: string) {
  const user = await db
    .prepare("SELECT id, merchant_id, role, password_hash, failed_logins, locked_until FROM users WHERE email = ?1")
    .bind(email)
    .first<UserRow>();
  // Same answer for an unknown email and a wrong password: no account enumeration.
  const refused = new ServiceError("UNAUTHORIZED", "メールアドレスまたはパスワードが違います (wrong email or password)");
  if (!user) {
    await hashSecret(password); // spend the same time as a real check
    throw refused;
  }
  if (user.locked_until && user.locked_until > nowIso()) {
    throw new ServiceError("LOCKED", "ロック中です。しばらくしてから再度お試しください (account locked, try later)");
  }
  if (!(await verifySecret(password, user.password_hash))) {
    const failures = user.failed_logins + 1;
    const lockedUntil = failures >= MAX_FAILURES ? nowIso(Date.now() + LOCK_MINUTES * 60_000) : null;
    await db
      .prepare("UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1")
      .bind(user.id, lockedUntil ? 0 : failures, lockedUntil)
      .run();
    throw refused;
  }
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = nowIso(Date.now() + SESSION_HOURS * 3600_000);
  await db.batch([
    db.prepare("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?1").bind(user.id),
    db
      .prepare(
        "INSERT INTO sessions (token_hash, merchant_id, user_id, csrf_token, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      )
      .bind(await tokenHash(token), user.merchant_id, user.id, csrfToken, expiresAt, nowIso()),
  ]);
  return { token, csrfToken, expiresAt, userId: user.id, merchantId: user.merchant_id };
}

export async function resolveSession(db: D1Database, token: string): Promise<SessionUser | null> {
  const row = await db
    .prepare(
      `SELECT s.user_id, s.merchant_id, s.csrf_token, u.role FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ?1 AND s.expires_at > ?2`,
    )
    .bind(await tokenHash(token), nowIso())
    .first<{ user_id: string; merchant_id: string; csrf_token: string; role: Role }>();
  return row ? { userId: row.user_id, merchantId: row.merchant_id, role: row.role, csrfToken: row.csrf_token } : null;
}

export async function signOut(db: D1Database, token: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE token_hash = ?1").bind(await tokenHash(token)).run();
}

/** Creates a merchant's user (owner creates managers and staff). */
export function userId() {
  return newId("usr");
}
