/**
 * The floor the ingest is held against: the fastest plain D1 insert of the same rows.
 * Shadow tables copy the real tables' DDL (columns, keys, UNIQUE, CHECK, foreign keys, indexes)
 * under a prefix, without triggers unless asked. Rows go in with multi-row INSERTs within D1's
 * 100-bound-parameter limit (a column with one value in every row is bound once and shared),
 * statements run in large batches; statement building is inside the timing.
 */
import { env } from "cloudflare:workers";

export const LEDGER_TABLES = ["orders", "order_lines", "order_tags", "stock_movements", "stock_levels", "change_log", "idempotency_keys"] as const;

const MAX_PARAMS = 100;

interface SchemaRow {
  type: "table" | "index" | "trigger";
  name: string;
  tbl_name: string;
  sql: string | null;
}

/**
 * Creates `<prefix><table>` for each table with the real DDL renamed (references between the
 * shadowed tables point at the shadows; other references, e.g. merchants, stay on the real tables).
 */
export async function createShadows(prefix: string, tables: readonly string[], options: { triggers?: boolean; bare?: boolean } = {}) {
  const d1 = env.DB;
  const rename = new RegExp(`\\b(${tables.join("|")})\\b`, "g");
  const schema = (
    await d1
      .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(tables))
      .all<SchemaRow>()
  ).results;
  const statements: D1PreparedStatement[] = [];
  // children before parents: dropping a referenced table deletes its rows first
  for (const table of [...tables].reverse()) statements.push(d1.prepare(`DROP TABLE IF EXISTS ${prefix}${table}`));
  for (const table of tables) {
    const row = schema.find((s) => s.type === "table" && s.name === table);
    if (!row) throw new Error(`no table ${table}`);
    if (options.bare) {
      statements.push(d1.prepare(`CREATE TABLE ${prefix}${table} AS SELECT * FROM ${table} WHERE 0`));
      continue;
    }
    statements.push(d1.prepare(row.sql!.replace(rename, (t) => `${prefix}${t}`)));
  }
  if (!options.bare) {
    for (const row of schema.filter((s) => s.type === "index" || (options.triggers && s.type === "trigger"))) {
      const match = /^(CREATE (?:UNIQUE )?(?:INDEX|TRIGGER) )(\w+)([\s\S]*)$/.exec(row.sql!);
      if (!match) throw new Error(`unexpected DDL: ${row.sql!.slice(0, 80)}`);
      statements.push(d1.prepare(`${match[1]}${prefix}${match[2]}${match[3]!.replace(rename, (t) => `${prefix}${t}`)}`));
    }
  }
  await d1.batch(statements);
}

/** Multi-row INSERT statements for `rows` (columns with one value throughout are bound once). */
export function insertStatements(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { verb?: string; share?: readonly string[] | "constant" } = {},
): D1PreparedStatement[] {
  if (!rows.length) return [];
  const verb = options.verb ?? "INSERT";
  const first = rows[0]!;
  const share = options.share ?? "constant";
  const shared = columns.map((name, c) => (share === "constant" ? rows.every((r) => r[c] === first[c]) : share.includes(name)));
  const sharedIndex: number[] = [];
  const varying: number[] = [];
  shared.forEach((isShared, c) => (isShared ? sharedIndex : varying).push(c));
  const perRow = varying.length;
  const rowsPerStatement = perRow === 0 ? 1 : Math.max(1, Math.floor((MAX_PARAMS - sharedIndex.length) / perRow));
  const sharedParam = new Map(sharedIndex.map((c, k) => [c, k + 1]));
  const sharedValues = sharedIndex.map((c) => first[c]);
  const d1 = env.DB;
  const head = `${verb} INTO ${table} (${columns.join(", ")}) VALUES `;
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    const chunk = rows.slice(i, i + rowsPerStatement);
    const params: unknown[] = [...sharedValues];
    const tuples: string[] = [];
    chunk.forEach((row, r) => {
      const base = sharedIndex.length + r * perRow;
      tuples.push(`(${columns.map((_, c) => `?${sharedParam.get(c) ?? base + varying.indexOf(c) + 1}`).join(", ")})`);
      for (const c of varying) params.push(row[c]);
    });
    statements.push(d1.prepare(head + tuples.join(", ")).bind(...params));
  }
  return statements;
}

export interface RawTable {
  table: string;
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
}

/** Inserts every table's rows into `<prefix><table>`; returns the time per table and in all. */
export async function rawInsert(prefix: string, tables: readonly RawTable[], statementsPerBatch = 1000) {
  const d1 = env.DB;
  const perTable: { table: string; rows: number; statements: number; buildMs: number; ms: number }[] = [];
  const started = Date.now();
  for (const t of tables) {
    const t0 = Date.now();
    const statements = insertStatements(`${prefix}${t.table}`, t.columns, t.rows);
    const t1 = Date.now();
    for (let i = 0; i < statements.length; i += statementsPerBatch) await d1.batch(statements.slice(i, i + statementsPerBatch));
    perTable.push({ table: t.table, rows: t.rows.length, statements: statements.length, buildMs: t1 - t0, ms: Date.now() - t0 });
  }
  return { ms: Date.now() - started, perTable };
}
