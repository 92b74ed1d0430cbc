/**
 * Idempotent requests: the answer to a key is stored and replayed to every retry with the same
 * key; the same key with a different body is a client bug and is refused (409).
 * The work itself must also be safe to repeat (natural keys, ledger keys), because a crash
 * between doing the work and storing the answer leads the retry to do it again.
 */
import type { ServiceContext } from "../context";
import { ServiceError } from "../errors";
import { nowIso } from "./ids";

async function hashBody(body: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(body)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function idempotent<T>(
  ctx: ServiceContext,
  scope: string,
  key: string,
  body: unknown,
  work: () => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const requestHash = await hashBody(body);
  const stored = await ctx.db.first<{ request_hash: string; response: string }>(
    "SELECT request_hash, response FROM idempotency_keys WHERE merchant_id = ?1 AND scope = ?2 AND key = ?3",
    scope,
    key,
  );
  if (stored) {
    if (stored.request_hash !== requestHash) {
      throw new ServiceError("CONFLICT", "idempotency key reused with a different request", [
        { path: ["idempotencyKey"], message: "already used for another request" },
      ]);
    }
    return { result: JSON.parse(stored.response) as T, replayed: true };
  }
  const result = await work();
  await ctx.db.run(
    `INSERT INTO idempotency_keys (merchant_id, scope, key, request_hash, status, response, created_at)
     VALUES (?1, ?2, ?3, ?4, 200, ?5, ?6) ON CONFLICT DO NOTHING`,
    scope,
    key,
    requestHash,
    JSON.stringify(result),
    nowIso(),
  );
  return { result, replayed: false };
}
