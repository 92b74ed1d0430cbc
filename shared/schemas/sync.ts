import { z } from "zod";
import { Id } from "./common";

export const ScheduleInput = z
  .object({
    connectionId: Id.optional().nullable(),
    job: z.string().trim().min(1).max(64),
    kind: z.enum(["daily", "interval", "hourly"]),
    timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 00:00–23:59").optional().nullable(),
    intervalMinutes: z.number().int().min(1).max(1440).optional().nullable(),
    minute: z.number().int().min(0).max(59).optional().nullable(),
    timeZone: z.string().max(64).optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((s, ctx) => {
    if (s.kind === "daily" && !s.timeOfDay) ctx.addIssue({ code: "custom", path: ["timeOfDay"], message: "a daily schedule needs its time (HH:MM)" });
    if (s.kind === "interval" && !s.intervalMinutes) ctx.addIssue({ code: "custom", path: ["intervalMinutes"], message: "an interval schedule needs its minutes" });
  });
export const Schedule = z.object({
  id: Id,
  connectionId: Id.nullable(),
  job: z.string(),
  kind: z.enum(["daily", "interval", "hourly"]),
  timeOfDay: z.string().nullable(),
  intervalMinutes: z.number().nullable(),
  minute: z.number().nullable(),
  timeZone: z.string(),
  enabled: z.boolean(),
  nextDueAt: z.string(),
  lastEnqueuedAt: z.string().nullable(),
});

export const SyncRun = z.object({
  id: Id,
  connectionId: Id.nullable(),
  job: z.string(),
  trigger: z.enum(["schedule", "event", "manual", "replay"]),
  status: z.enum(["queued", "running", "succeeded", "retrying", "failed"]),
  attempts: z.number(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});
export const SyncRunList = z.object({ items: z.array(SyncRun), nextCursor: z.string().nullable() });
/** GET /api/sync/runs: newest first, paged by `cursor` (the last ID seen); a link's page passes its connectionId. */
export const SyncRunQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
  job: z.string().max(64).optional(),
  status: z.enum(["queued", "running", "succeeded", "retrying", "failed"]).optional(),
  connectionId: Id.optional(),
});
/** A job that can be scheduled or run: whether it needs a connection, and for a connector's job, which kind of link. */
export const SyncJob = z.object({
  name: z.string(),
  needsConnection: z.boolean(),
  connectorKind: z.string().nullable(),
});
/** `items` keeps the bare names (older screens read them); `jobs` says what each one needs. */
export const SyncJobList = z.object({ items: z.array(z.string()), jobs: z.array(SyncJob) });
export const DeadLetter = z.object({
  id: Id,
  runId: Id,
  job: z.string(),
  payload: z.unknown(),
  error: z.string(),
  attempts: z.number(),
  createdAt: z.string(),
  replayedAt: z.string().nullable(),
  replayRunId: Id.nullable(),
});
export const DeadLetterList = z.object({ items: z.array(DeadLetter) });
/** GET /api/connections/:id/activity: per job of the link, its last run and when it last succeeded. */
export const LinkActivity = z.object({
  jobs: z.array(z.object({ job: z.string(), lastRun: SyncRun.nullable(), lastSucceededAt: z.string().nullable() })),
});
export const RunJob = z.object({ job: z.string().trim().min(1).max(64), connectionId: Id.optional().nullable(), payload: z.record(z.string(), z.unknown()).default({}) });
export const Enqueued = z.object({ runId: Id });

export const ConnectionInput = z.object({
  kind: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(100),
  baseUrl: z.url().optional().nullable(),
  settings: z.record(z.string(), z.unknown()).default({}),
  credentials: z.record(z.string(), z.string()).optional(),
});
const Labels = z.object({ ja: z.string(), zh: z.string(), en: z.string() });
/** One item of a link's setup checklist: checked through the API (ok true/false) or ticked by hand (null). */
export const LinkCheck = z.object({
  key: z.string(),
  label: Labels,
  /** true / false when the API can tell; null when only the implementer can (then `ticked` counts) */
  ok: z.boolean().nullable(),
  detail: z.string().optional(),
});
export const LinkChecks = z.object({ ok: z.boolean(), checkedAt: z.string(), items: z.array(LinkCheck) });
export type LinkChecks = z.infer<typeof LinkChecks>;

export const Connection = z.object({
  id: Id,
  kind: z.string(),
  name: z.string(),
  status: z.enum(["pending", "authorized", "started", "stopped"]),
  baseUrl: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  hasCredentials: z.boolean(),
  /** what the last verification found */
  checks: LinkChecks.nullable(),
  /** the remote's message that stopped the link (bad credentials, revoked authorization), until fixed */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ExternalLinkInput = z.object({
  entity: z.enum(["location", "sku", "payment_method", "order", "product", "channel", "document"]),
  renkeiId: Id,
  externalId: z.string().trim().min(1).max(128),
  externalCode: z.string().trim().max(128).optional().nullable(),
});

export const ChangeFeedQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const ChangeFeed = z.object({
  changes: z.array(z.object({ seq: z.number(), entity: z.string(), entityId: z.string() })),
  cursor: z.number(),
  more: z.boolean(),
});
