/**
 * Wire helpers shared by the fake's hosts: Problem-JSON errors, bare-array paging with a `Link`
 * next header, Smaregi's `sort` / `fields` parameters, range windows and the JST date-time format.
 * Every answer the fake gives goes through these, so the conventions hold on every endpoint.
 */

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${title}: ${detail ?? ""}`);
  }
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "Method Not Allowed",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** A validation failure naming the field, as Smaregi's 400s do in `detail`. */
export const invalid = (field: string, reason: string) => new Problem(400, "Bad Request", `${field}: ${reason}`);
export const notFound = (detail = "指定されたIDのリソースが見つかりません") => new Problem(404, "NotFound", detail);

export function problemResponse(status: number, detail?: string, headers: Record<string, string> = {}): Response {
  const body = { type: "about:blank", title: TITLES[status] ?? "Error", ...(detail ? { detail } : {}), status };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text) throw new Problem(400, "Bad Request", "リクエストボディが空です");
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new Problem(400, "Bad Request", "リクエストボディが不正なJSONです");
}

// ---- numbers as strings -------------------------------------------------------------------

/** An integer carried as a JSON string ("12"), as Smaregi documents; a JSON number is taken too (assumed lenient). */
export function intField(body: Record<string, unknown>, field: string, opts: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null || raw === "") {
    if (opts.required) throw invalid(field, "必須項目です");
    return undefined;
  }
  const text = typeof raw === "number" ? String(raw) : raw;
  if (typeof text !== "string" || !/^-?\d+$/.test(text)) throw invalid(field, "整数を指定してください");
  const value = Number(text);
  if (opts.min !== undefined && value < opts.min) throw invalid(field, `${opts.min}以上を指定してください`);
  if (opts.max !== undefined && value > opts.max) throw invalid(field, `${opts.max}以下を指定してください`);
  return value;
}

export function stringField(body: Record<string, unknown>, field: string, opts: { max?: number; required?: boolean; pattern?: RegExp } = {}): string | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null || raw === "") {
    if (opts.required) throw invalid(field, "必須項目です");
    return undefined;
  }
  if (typeof raw !== "string" && typeof raw !== "number") throw invalid(field, "文字列を指定してください");
  const value = String(raw);
  if (opts.max !== undefined && value.length > opts.max) throw invalid(field, `${opts.max}文字以内で指定してください`);
  if (opts.pattern && !opts.pattern.test(value)) throw invalid(field, "形式が不正です");
  return value;
}

// ---- dates ---------------------------------------------------------------------------------

const JST_MS = 9 * 3600_000;

/** `YYYY-MM-DDThh:mm:ss+09:00`, the form Smaregi answers in. */
export function jst(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + JST_MS).toISOString().replace(/\.\d{3}Z$/, "+09:00");
}
export const jstDate = (ms: number) => jst(ms).slice(0, 10);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDateTime(field: string, value: string): number {
  const ms = DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw invalid(field, "日時はYYYY-MM-DDThh:mm:ssTZD形式で指定してください");
  return ms;
}

export const WINDOW_DAYS = 31;

/**
 * A `<name>-from` / `<name>-to` range (both required once either is given, at most 31 days).
 * `kind: "date"` ranges (sum_date) take whole JST days. Undefined when the range is absent.
 */
export function rangeParam(url: URL, name: string, kind: "date-time" | "date" = "date-time"): { from: number; to: number } | undefined {
  const fromRaw = url.searchParams.get(`${name}-from`);
  const toRaw = url.searchParams.get(`${name}-to`);
  if (fromRaw === null && toRaw === null) return undefined;
  if (fromRaw === null) throw invalid(`${name}-from`, "必須項目です");
  if (toRaw === null) throw invalid(`${name}-to`, "必須項目です");
  const parse = (field: string, v: string) => {
    if (kind === "date") {
      if (!DATE.test(v)) throw invalid(field, "日付はYYYY-MM-DD形式で指定してください");
      return Date.parse(`${v}T00:00:00+09:00`);
    }
    return parseDateTime(field, v);
  };
  const from = parse(`${name}-from`, fromRaw);
  const to = parse(`${name}-to`, toRaw);
  if (to < from) throw invalid(`${name}-to`, `${name}-from以降を指定してください`);
  if (to - from > WINDOW_DAYS * 86400_000) throw invalid(`${name}-to`, `期間は${WINDOW_DAYS}日以内で指定してください`);
  return { from, to: kind === "date" ? to + 86400_000 - 1 : to };
}

// ---- lists: sort, fields, paging ----------------------------------------------------------

function compare(a: unknown, b: unknown): number {
  const na = typeof a === "string" && /^-?\d+$/.test(a) ? Number(a) : a;
  const nb = typeof b === "string" && /^-?\d+$/.test(b) ? Number(b) : b;
  if (typeof na === "number" && typeof nb === "number") return na - nb;
  return String(a ?? "") < String(b ?? "") ? -1 : String(a ?? "") > String(b ?? "") ? 1 : 0;
}

/**
 * Applies `sort`, `fields`, `limit` (1–maxLimit, default 100) and `page` (1-based) to rows that
 * are already filtered, and answers a bare JSON array with `Link: <…page=n+1>; rel="next"` when
 * more rows follow.
 */
export function listResponse<T extends object>(
  request: Request,
  rows: T[],
  opts: { sortable: string[]; defaultSort: string; maxLimit?: number },
): Response {
  const url = new URL(request.url);
  const limit = intField(Object.fromEntries(url.searchParams), "limit", { min: 1, max: opts.maxLimit ?? 1000 }) ?? 100;
  const page = intField(Object.fromEntries(url.searchParams), "page", { min: 1 }) ?? 1;
  const sort = (url.searchParams.get("sort") ?? opts.defaultSort).split(",").map((part) => {
    const [field, direction] = part.split(":");
    if (!field || !opts.sortable.includes(field)) throw invalid("sort", `並び替えできない項目です (${field ?? ""})`);
    if (direction !== undefined && direction !== "desc" && direction !== "asc") throw invalid("sort", "並び順はasc / descで指定してください");
    return { field, sign: direction === "desc" ? -1 : 1 };
  });
  const sorted = [...rows].sort((a, b) => {
    for (const { field, sign } of sort) {
      const c = compare((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field]);
      if (c !== 0) return c * sign;
    }
    return 0;
  });
  const slice = sorted.slice((page - 1) * limit, page * limit);
  const fields = url.searchParams.get("fields");
  const projected = fields
    ? slice.map((row) => Object.fromEntries(fields.split(",").filter((f) => f in row).map((f) => [f, (row as Record<string, unknown>)[f]])))
    : slice;
  const headers: Record<string, string> = {};
  if (page * limit < sorted.length) {
    const next = publicUrl(request);
    next.searchParams.set("page", String(page + 1));
    next.searchParams.set("limit", String(limit));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return json(200, projected, headers);
}

/** The URL the caller used (the loopback server hands us a path on 127.0.0.1 and the real Host header). */
export function publicUrl(request: Request): URL {
  const url = new URL(request.url);
  const host = request.headers.get("host");
  if (host) url.host = host;
  return url;
}
