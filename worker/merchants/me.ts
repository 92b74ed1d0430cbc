/** The signed-in user and their merchant, for the admin's header and settings. */
import { notFound } from "../errors";

export async function getMe(db: D1Database, userId: string, csrfToken: string) {
  const row = await db
    .prepare(
      `SELECT u.id, u.name, u.email, u.role, m.id AS merchant_id, m.name AS merchant_name, m.currency, m.time_zone, m.unit_rounding
       FROM users u JOIN merchants m ON m.id = u.merchant_id WHERE u.id = ?1`,
    )
    .bind(userId)
    .first<Record<string, string>>();
  if (!row) throw notFound("user");
  return {
    user: { id: row.id!, name: row.name!, email: row.email!, role: row.role as "owner" },
    merchant: {
      id: row.merchant_id!,
      name: row.merchant_name!,
      currency: row.currency as "JPY" | "CNY",
      timeZone: row.time_zone!,
      unitRounding: row.unit_rounding as "ceil" | "floor" | "round",
    },
    csrfToken,
  };
}
