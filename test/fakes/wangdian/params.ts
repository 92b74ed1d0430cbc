/**
 * Reading the business parameters of a form POST the way the ERP does: everything is a string,
 * lists arrive as JSON text, times are "YYYY-MM-DD HH:MM:SS" Beijing time (UTC+8, no DST), and a
 * missing or bad value is an envelope error, never an HTTP error.
 */
import { CODES, WdtFault } from "./errors";

export type Params = Record<string, string>;

const BEIJING_OFFSET_MS = 8 * 3600_000;

export function formatBeijing(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Accepts unpadded parts too ("2017-4-12 23:59:59" is in an official sample). */
export function parseBeijing(text: string): number | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) - BEIJING_OFFSET_MS;
  return Number.isNaN(ms) ? null : ms;
}

export function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value.trim() === "") throw new WdtFault(CODES.MISSING_PARAM, `缺少必要参数 ${name}`);
  return value;
}

export function optionalInt(params: Params, name: string, fallback: number, min: number, max: number): number {
  const raw = params[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new WdtFault(CODES.INVALID_PARAM, `${name} 取值范围 ${min}-${max}`);
  return value;
}

export function jsonList<T>(params: Params, name: string): T[] {
  const raw = required(params, name);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new WdtFault(CODES.INVALID_PARAM, `${name} 不是合法的JSON`);
  }
  if (!Array.isArray(value) || value.length === 0) throw new WdtFault(CODES.INVALID_PARAM, `${name} 必须是非空数组`);
  return value as T[];
}

export function jsonObject<T>(params: Params, name: string): T {
  const raw = required(params, name);
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as T;
  } catch {
    // answered below
  }
  throw new WdtFault(CODES.INVALID_PARAM, `${name} 不是合法的JSON对象`);
}

export interface PageRequest {
  pageNo: number;
  pageSize: number;
}

/** 0-based page_no; page_size within the endpoint's range (out of range is refused, not clamped [I]). */
export function paging(params: Params, defaultSize: number, maxSize: number): PageRequest {
  return { pageNo: optionalInt(params, "page_no", 0, 0, 1_000_000), pageSize: optionalInt(params, "page_size", defaultSize, 1, maxSize) };
}

export function page<T>(rows: T[], { pageNo, pageSize }: PageRequest): T[] {
  return rows.slice(pageNo * pageSize, (pageNo + 1) * pageSize);
}

export interface Window {
  start: number;
  end: number;
}

/**
 * start_time / end_time, both inclusive [I]; end before start, or a span over `maxDays`, is an
 * error (2830 — the code is ours [I], the spans are documented per endpoint in the README).
 */
export function timeWindow(params: Params, maxDays: number, isRequired: boolean): Window | null {
  const startText = params.start_time;
  const endText = params.end_time;
  if (!startText && !endText && !isRequired) return null;
  const start = parseBeijing(required(params, "start_time"));
  const end = parseBeijing(required(params, "end_time"));
  if (start === null || end === null) throw new WdtFault(CODES.INVALID_PARAM, "时间格式错误，应为 yyyy-mm-dd hh:ii:ss");
  if (end < start) throw new WdtFault(CODES.INVALID_PARAM, "结束时间不能早于开始时间");
  if (end - start > maxDays * 86_400_000) throw new WdtFault(CODES.INVALID_PARAM, `开始时间和结束时间跨度不能超过${maxDays}天`);
  return { start, end };
}

export const inWindow = (ms: number, window: Window | null) => window === null || (ms >= window.start && ms <= window.end);

/** Quantities go out as decimal strings with four places, as MySQL decimals do [I]. */
export const quantity = (n: number) => n.toFixed(4);
