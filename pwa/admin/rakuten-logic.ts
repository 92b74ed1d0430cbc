/**
 * What the Rakuten screens work out without the DOM (tested in Node): the countdown text, the
 * 受注取込設定 form's draft ↔ the link's settings, and where a 商品マッピング issue belongs.
 */
import type { ApiIssue } from "./api";

/** The worker's answers (worker/http/routes/rakuten.ts). */
export interface LinkStatus {
  connectionId: string;
  status: string;
  lastError: string | null;
  license: { expiresAt: string | null; checkedAt: string | null; warnDays: number; state: "ok" | "warning" | "expired" | "unknown"; daysLeft: number | null };
  counts: { orders: number; unconfirmed: number; requested: number; reported: number };
}
export interface Mapping {
  rakutenSku: string;
  skuId: string;
  skuCode: string;
  rslItemCode: string;
  updatedAt: string;
}
export interface Asuraku {
  cutoff: string;
  todayCutoffAt: string;
  passed: boolean;
  nextCutoffAt: string;
  secondsLeft: number;
  /** shipDay: today (still in time), next (placed after a cut-off), missed (its cut-off passed). */
  atRisk: { orderId: string; orderNumber: string; status: string; orderedAt: string; shipDate: string; shipDay: "today" | "next" | "missed" }[];
}
export interface ReviewItem {
  kind: string;
  orderId: string | null;
  orderNumber: string;
  detail: string | null;
  error: string;
  at: string;
}
export interface Review {
  items: ReviewItem[];
  unmatchedResults: { resultId: number; requestKey: string; shopOrderNumber: string; receivedAt: string }[];
}
export interface OtherSystemOrder {
  orderId: string;
  orderNumber: string;
  orderedAt: string;
  scope: "whole" | "part";
  lines: { code: string; quantity: number }[];
  handling: "split" | "deleted" | "cancelled";
}

/** Seconds as h:mm:ss, counting down (never below zero). */
export function countdownText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Seconds left at `now`, from the answer read at `readAt` (the page ticks without asking again). */
export const secondsLeftAt = (answer: Pick<Asuraku, "secondsLeft">, readAt: number, now: number) => answer.secondsLeft - Math.floor((now - readAt) / 1000);

/** The 受注取込設定 form: text while typed, settings once saved. */
export interface SettingsDraft {
  channelId: string;
  rslConnectionId: string;
  importIntervalMinutes: string;
  importDays: string;
  importProgress: number[];
  autoConfirm: boolean;
  autoForward: boolean;
  asurakuCutoff: string;
  licenseWarnDays: string;
  callIntervalMs: string;
}

const text = (value: unknown, fallback: string) => (value === undefined || value === null ? fallback : String(value));

export function draftOf(settings: Record<string, unknown>): SettingsDraft {
  return {
    channelId: text(settings.channelId, ""),
    rslConnectionId: text(settings.rslConnectionId, ""),
    importIntervalMinutes: text(settings.importIntervalMinutes, "10"),
    importDays: text(settings.importDays, "7"),
    importProgress: Array.isArray(settings.importProgress) ? (settings.importProgress as number[]) : [100, 300],
    autoConfirm: settings.autoConfirm !== false,
    autoForward: settings.autoForward !== false,
    asurakuCutoff: text(settings.asurakuCutoff, "15:29"),
    licenseWarnDays: text(settings.licenseWarnDays, "14"),
    callIntervalMs: text(settings.callIntervalMs, "1000"),
  };
}

/** Numbers as numbers (the worker checks ranges and says which field); text that is no number is sent as is, and refused there. */
export function settingsOf(draft: SettingsDraft): Record<string, unknown> {
  const number = (value: string) => (value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value);
  return {
    channelId: draft.channelId,
    rslConnectionId: draft.rslConnectionId || null,
    importIntervalMinutes: number(draft.importIntervalMinutes),
    importDays: number(draft.importDays),
    importProgress: draft.importProgress,
    autoConfirm: draft.autoConfirm,
    autoForward: draft.autoForward,
    asurakuCutoff: draft.asurakuCutoff.trim(),
    licenseWarnDays: number(draft.licenseWarnDays),
    callIntervalMs: number(draft.callIntervalMs),
  };
}

/** A CSV upload's issues by file line: [line, field] paths become "line: field message" rows, in line order. */
export function uploadIssueRows(issues: readonly ApiIssue[]): { line: number | null; field: string | null; message: string }[] {
  return issues
    .map((i) => ({ line: typeof i.path[0] === "number" ? i.path[0] : null, field: typeof i.path[1] === "string" ? i.path[1] : null, message: i.message }))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
