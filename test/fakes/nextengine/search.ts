/**
 * NextEngine's search contract over in-memory rows: `fields` is required and acts as SELECT,
 * `<field>-<op>=<value>` conditions are ANDed, `offset` (default 0) / `limit` (default 10000)
 * page the result. Comparisons follow SQL: a null value matches no comparison.
 */
import type { Row } from "./model";

export const OPERATORS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "nin", "like", "nlike", "null", "nnull", "blank", "nblank"] as const;
export type Operator = (typeof OPERATORS)[number];

/** Form parameters every call may carry; never search conditions. */
const RESERVED = new Set(["access_token", "refresh_token", "wait_flag", "fields", "offset", "limit"]);
const CONDITION = new RegExp(`^(.+)-(${OPERATORS.join("|")})$`);

export const MAX_LIMIT = 10000;

export interface SearchSpec {
  fields: readonly string[];
  /** Rows come back ordered by this field (numerically when it is a number), or by this function's key. */
  key: string | ((row: Row) => string);
  /** Fields compared without regard to case (the company's 商品コード setting). */
  foldCase?: ReadonlySet<string>;
}

export type SearchError = { code: string; message: string };

interface Condition {
  field: string;
  op: Operator;
  value: string;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function compare(a: string, b: string): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function likeRegex(pattern: string, fold: boolean): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(`^${body}$`, fold ? "is" : "s");
}

function matches(row: Row, c: Condition, fold: boolean): boolean {
  const raw = row[c.field] ?? null;
  const value = raw !== null && fold ? raw.toLowerCase() : raw;
  const target = fold ? c.value.toLowerCase() : c.value;
  switch (c.op) {
    case "null":
      return raw === null;
    case "nnull":
      return raw !== null;
    case "blank":
      return raw === null || raw === "";
    case "nblank":
      return raw !== null && raw !== "";
  }
  if (value === null) return false;
  switch (c.op) {
    case "eq":
      return compare(value, target) === 0;
    case "neq":
      return compare(value, target) !== 0;
    case "gt":
      return compare(value, target) > 0;
    case "gte":
      return compare(value, target) >= 0;
    case "lt":
      return compare(value, target) < 0;
    case "lte":
      return compare(value, target) <= 0;
    case "in":
      return target.split(",").some((v) => compare(value, v.trim()) === 0);
    case "nin":
      return !target.split(",").some((v) => compare(value, v.trim()) === 0);
    case "like":
      return likeRegex(c.value, fold).test(raw!);
    case "nlike":
      return !likeRegex(c.value, fold).test(raw!);
  }
}

/** Parses the conditions of a search or count call; an unknown field or parameter is an error. */
export function parseConditions(params: URLSearchParams, spec: SearchSpec, extraAllowed: readonly string[] = []): Condition[] | SearchError {
  const conditions: Condition[] = [];
  for (const [name, value] of params) {
    if (RESERVED.has(name) || extraAllowed.includes(name)) continue;
    const m = CONDITION.exec(name);
    if (!m) return { code: "004003", message: `検索条件 ${name} の形式が正しくありません (expected <field>-<op>)` };
    const field = m[1]!;
    if (!spec.fields.includes(field)) return { code: "004002", message: `検索条件のフィールド ${field} は存在しません` };
    conditions.push({ field, op: m[2] as Operator, value });
  }
  return conditions;
}

export function filterRows(rows: Iterable<Row>, conditions: Condition[], spec: SearchSpec): Row[] {
  const out: Row[] = [];
  for (const row of rows) {
    if (conditions.every((c) => matches(row, c, spec.foldCase?.has(c.field) ?? false))) out.push(row);
  }
  const key = typeof spec.key === "function" ? spec.key : (row: Row) => row[spec.key as string] ?? "";
  return out.sort((a, b) => compare(key(a), key(b)));
}

/** A whole search call: required fields, conditions, paging. */
export function search(rows: Iterable<Row>, params: URLSearchParams, spec: SearchSpec): { count: number; data: Row[] } | SearchError {
  const fieldsParam = params.get("fields");
  if (!fieldsParam || !fieldsParam.trim()) return { code: "004001", message: "fieldsが指定されていません (fields is required)" };
  const fields = fieldsParam.split(",").map((f) => f.trim()).filter(Boolean);
  const unknown = fields.find((f) => !spec.fields.includes(f));
  if (unknown) return { code: "004002", message: `フィールド ${unknown} は存在しません` };
  const offset = Number(params.get("offset") ?? "0");
  const limit = Number(params.get("limit") ?? String(MAX_LIMIT));
  if (!Number.isInteger(offset) || offset < 0) return { code: "004004", message: "offsetが正しくありません" };
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { code: "004004", message: `limitは1〜${MAX_LIMIT}で指定して下さい` };
  const conditions = parseConditions(params, spec);
  if (!Array.isArray(conditions)) return conditions;
  const page = filterRows(rows, conditions, spec).slice(offset, offset + limit);
  const data = page.map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null])) as Row);
  return { count: data.length, data };
}

export function count(rows: Iterable<Row>, params: URLSearchParams, spec: SearchSpec): { count: number } | SearchError {
  const conditions = parseConditions(params, spec);
  if (!Array.isArray(conditions)) return conditions;
  return { count: filterRows(rows, conditions, spec).length };
}
