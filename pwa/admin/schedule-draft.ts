/**
 * Sync schedules: the add form's values → POST /api/sync/schedules, and a schedule's rule in words
 * ("毎日 03:30", "10分ごと", "毎時 05分"). Times are wall-clock times in the schedule's zone (the
 * merchant's unless it says otherwise); the worker works out the next UTC run. Only what belongs to
 * the chosen kind is sent, and only "is it a whole number" is checked here.
 */
import type { MessageKey, Vars } from "./i18n";
import type { DraftIssue } from "./product-draft";
import type { Schedule, ScheduleInput } from "./types";

export const SCHEDULE_KINDS = ["daily", "interval", "hourly"] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface ScheduleDraft {
  job: string;
  connectionId: string;
  kind: ScheduleKind;
  timeOfDay: string;
  intervalMinutes: string;
  minute: string;
}

export const emptySchedule = (): ScheduleDraft => ({ job: "", connectionId: "", kind: "daily", timeOfDay: "", intervalMinutes: "", minute: "" });

function whole(text: string, path: string, issues: DraftIssue[]): number | null {
  const t = text.normalize("NFKC").trim();
  if (t === "") return null;
  if (!/^\d+$/.test(t)) {
    issues.push({ path: [path], message: "form.wholeNumber" });
    return null;
  }
  return Number(t);
}

export function toScheduleInput(draft: ScheduleDraft): { input: ScheduleInput; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  if (!draft.job) issues.push({ path: ["job"], message: "form.required" });
  const input: ScheduleInput = {
    job: draft.job,
    connectionId: draft.connectionId || null,
    kind: draft.kind,
    timeOfDay: draft.kind === "daily" ? draft.timeOfDay.trim() || null : null,
    intervalMinutes: draft.kind === "interval" ? whole(draft.intervalMinutes, "intervalMinutes", issues) : null,
    minute: draft.kind === "hourly" ? whole(draft.minute, "minute", issues) : null,
  };
  return { input, issues };
}

const two = (n: number) => String(n).padStart(2, "0");

/** The rule as words: a message key and its values. */
export function scheduleRule(s: Pick<Schedule, "kind" | "timeOfDay" | "intervalMinutes" | "minute">): { key: MessageKey; vars: Vars } {
  if (s.kind === "daily") return { key: "schedule.daily", vars: { time: s.timeOfDay ?? "00:00" } };
  if (s.kind === "interval") return { key: "schedule.interval", vars: { minutes: s.intervalMinutes ?? 0 } };
  return { key: "schedule.hourly", vars: { minute: two(s.minute ?? 0) } };
}
