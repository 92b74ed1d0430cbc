/** Order statuses: the built-in ones and the merchant's own (seed 002: 注文ステータスを追加). */
import { BUILT_IN_STATUSES, BUILT_IN_STATUS_CODES } from "../../shared/orders";
import type { ServiceContext } from "../context";
import { ServiceError } from "../errors";

export async function listStatuses(ctx: ServiceContext) {
  const custom = await ctx.db.all<{ code: string; name_ja: string; name_zh: string; name_en: string; sort: number }>(
    "SELECT code, name_ja, name_zh, name_en, sort FROM order_statuses WHERE merchant_id = ?1 ORDER BY sort, code",
  );
  return [
    ...BUILT_IN_STATUSES.map((s, i) => ({ ...s, builtIn: true, sort: i * 10 })),
    ...custom.map((c) => ({ code: c.code, ja: c.name_ja, zh: c.name_zh, en: c.name_en, builtIn: false, sort: c.sort })),
  ];
}

export async function isKnownStatus(ctx: ServiceContext, code: string): Promise<boolean> {
  if (BUILT_IN_STATUS_CODES.includes(code)) return true;
  return !!(await ctx.db.first("SELECT code FROM order_statuses WHERE merchant_id = ?1 AND code = ?2", code));
}

export async function createStatus(ctx: ServiceContext, input: { code: string; ja: string; zh: string; en: string; sort: number }) {
  if (BUILT_IN_STATUS_CODES.includes(input.code)) {
    throw new ServiceError("CONFLICT", "a built-in status has this code", [{ path: ["code"], message: "reserved" }]);
  }
  await ctx.db
    .run(
      "INSERT INTO order_statuses (merchant_id, code, name_ja, name_zh, name_en, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      input.code,
      input.ja,
      input.zh || input.ja,
      input.en || input.ja,
      input.sort,
    )
    .catch((error) => {
      if (String(error).includes("UNIQUE")) throw new ServiceError("CONFLICT", "status exists", [{ path: ["code"], message: "already exists" }]);
      throw error;
    });
  return { code: input.code, ja: input.ja, zh: input.zh || input.ja, en: input.en || input.ja, builtIn: false, sort: input.sort };
}

/**
 * Renames a custom status or moves it in the display order. Its code stays (orders, status actions
 * and saved searches hold it); built-in statuses keep their names. Chinese or English left empty
 * take the Japanese name, as when adding.
 */
export async function updateStatus(ctx: ServiceContext, code: string, input: { ja?: string; zh?: string; en?: string; sort?: number }) {
  if (BUILT_IN_STATUS_CODES.includes(code)) {
    throw new ServiceError("CONFLICT", "標準ステータスは変更できません (a built-in status cannot be changed)", [{ path: ["code"], message: "built-in" }]);
  }
  const row = await ctx.db.first<{ code: string; name_ja: string; name_zh: string; name_en: string; sort: number }>(
    `UPDATE order_statuses SET
       name_ja = COALESCE(?3, name_ja),
       name_zh = CASE WHEN ?4 IS NULL THEN name_zh WHEN ?4 = '' THEN COALESCE(?3, name_ja) ELSE ?4 END,
       name_en = CASE WHEN ?5 IS NULL THEN name_en WHEN ?5 = '' THEN COALESCE(?3, name_ja) ELSE ?5 END,
       sort = COALESCE(?6, sort)
     WHERE merchant_id = ?1 AND code = ?2
     RETURNING code, name_ja, name_zh, name_en, sort`,
    code,
    input.ja ?? null,
    input.zh ?? null,
    input.en ?? null,
    input.sort ?? null,
  );
  if (!row) throw new ServiceError("NOT_FOUND", "受注ステータスが見つかりません (order status not found)");
  return { code: row.code, ja: row.name_ja, zh: row.name_zh, en: row.name_en, builtIn: false, sort: row.sort };
}
