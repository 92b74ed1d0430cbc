/** The merchant's users and their roles (owner / manager / staff). */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { ServiceError } from "../errors";
import { hashSecret } from "./passwords";

export async function listUsers(ctx: ServiceContext) {
  const rows = await ctx.db.all<{ id: string; email: string; name: string; role: "owner"; created_at: string; has_pin: number }>(
    "SELECT id, email, name, role, created_at, pin_hash IS NOT NULL AS has_pin FROM users WHERE merchant_id = ?1 ORDER BY created_at",
  );
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, createdAt: r.created_at, hasPin: r.has_pin === 1 }));
}

export async function createUser(ctx: ServiceContext, input: { email: string; name: string; role: "owner" | "manager" | "staff"; password?: string }) {
  const id = newId("usr");
  const createdAt = nowIso();
  await ctx.db
    .run(
      "INSERT INTO users (id, merchant_id, email, name, role, password_hash, created_at) VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7)",
      id,
      input.email,
      input.name,
      input.role,
      // A POS-only clerk signs in with a PIN, never to the admin: a random password nobody knows.
      await hashSecret(input.password ?? crypto.randomUUID() + crypto.randomUUID()),
      createdAt,
    )
    .catch((error) => {
      // Emails are unique across merchants; say only that it cannot be used.
      if (String(error).includes("UNIQUE")) throw new ServiceError("CONFLICT", "this email cannot be used", [{ path: ["email"], message: "already in use" }]);
      throw error;
    });
  return { id, email: input.email, name: input.name, role: input.role, createdAt, hasPin: false };
}
