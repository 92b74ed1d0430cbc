/**
 * Multi-row INSERT statements within D1's limit of 100 bound parameters per statement
 * (?1 is the merchant, shared by every row). Multi-row inserts run ≈ 4× faster than one
 * statement per row on D1 (reference/limits-measured.md).
 */
import type { MerchantDb } from "./merchant-db";

export function bulkInsert(
  db: MerchantDb,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { onConflict?: string; orIgnore?: boolean } = {},
): D1PreparedStatement[] {
  const perRow = columns.length;
  const rowsPerStatement = Math.max(1, Math.floor(99 / perRow));
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    const values = chunk.map((_, r) => `(?1, ${columns.map((_, c) => `?${2 + r * perRow + c}`).join(", ")})`);
    statements.push(
      db.stmt(
        `INSERT ${options.orIgnore ? "OR IGNORE " : ""}INTO ${table} (merchant_id, ${columns.join(", ")}) VALUES ${values.join(", ")}${
          options.onConflict ? ` ${options.onConflict}` : ""
        }`,
        ...chunk.flat(),
      ),
    );
  }
  return statements;
}
