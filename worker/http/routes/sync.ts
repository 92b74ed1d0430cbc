import { z } from "zod";
import { Id, Ok } from "../../../shared/schemas/common";
import {
  ChangeFeed,
  ChangeFeedQuery,
  Connection,
  ConnectionInput,
  DeadLetterList,
  Enqueued,
  ExternalLinkInput,
  LinkActivity,
  RunJob,
  Schedule,
  ScheduleInput,
  SyncJobList,
  SyncRun,
  SyncRunList,
  SyncRunQuery,
} from "../../../shared/schemas/sync";
import {
  createConnection,
  linkExternal,
  listConnections,
  loadConnection,
  setConnectionStatus,
  updateConnectionCredentials,
  updateConnectionSettings,
  verifyConnection,
} from "../../connections/connections";
import { notFound, invalid } from "../../errors";
import { readChanges } from "../../sync/change-feed";
import { linkActivity } from "../../sync/activity";
import { listDeadLetters, replayDeadLetter } from "../../sync/dead-letters";
import { describeJobs, findJob, jobNames } from "../../sync/jobs";
import { enqueueJob, getRun, listRuns } from "../../sync/runs";
import { createSchedule, deleteSchedule, listSchedules } from "../../sync/schedules";
import { route } from "../route";

export const syncRoutes = [
  route({ method: "get", path: "/api/sync/runs", summary: "Sync runs (counts, duration, errors), newest first; connectionId: one link's runs", tag: "sync", auth: "user",
    query: SyncRunQuery, response: SyncRunList, handler: ({ ctx, query }) => listRuns(ctx, query) }),
  route({ method: "get", path: "/api/sync/runs/:id", summary: "One sync run", tag: "sync", auth: "user",
    response: SyncRun, async handler({ ctx, params }) { const run = await getRun(ctx, params.id!); if (!run) throw notFound("run"); return run; } }),
  route({ method: "get", path: "/api/sync/dead-letters", summary: "Jobs that gave up, with their raw message (pending=true: not yet replayed)", tag: "sync", auth: "user",
    query: z.object({ pending: z.enum(["true", "false"]).optional(), connectionId: Id.optional() }),
    response: DeadLetterList, handler: async ({ ctx, query }) => ({ items: await listDeadLetters(ctx, query.pending === "true", query.connectionId ?? null) }) }),
  route({ method: "post", path: "/api/sync/dead-letters/:id/replay", summary: "Replay a dead letter once, as a new run", tag: "sync", auth: "user", role: "manager",
    response: Enqueued, status: 202, handler: ({ ctx, params }) => replayDeadLetter(ctx, params.id!) }),
  route({ method: "get", path: "/api/sync/jobs", summary: "Jobs that can be scheduled or run: whether each needs a connection, and of which connector kind", tag: "sync", auth: "user",
    response: SyncJobList, handler: async () => ({ items: jobNames(), jobs: describeJobs() }) }),
  route({ method: "post", path: "/api/sync/run", summary: "Run a job now", tag: "sync", auth: "user", role: "manager",
    body: RunJob, response: Enqueued, status: 202,
    async handler({ ctx, body }) {
      if (!findJob(body.job)) throw invalid("unknown job", [{ path: ["job"], message: `no job "${body.job}"` }]);
      if (body.connectionId && !(await loadConnection(ctx, body.connectionId))) throw notFound("connection");
      return { runId: await enqueueJob(ctx, body.job, { connectionId: body.connectionId, payload: body.payload, trigger: "manual" }) };
    } }),
  route({ method: "get", path: "/api/sync/schedules", summary: "Schedules, in the merchant's time zone", tag: "sync", auth: "user",
    response: z.object({ items: z.array(Schedule) }), handler: async ({ ctx }) => ({ items: await listSchedules(ctx) }) }),
  route({ method: "post", path: "/api/sync/schedules", summary: "Schedule a job (daily HH:MM, every N minutes, hourly)", tag: "sync", auth: "user", role: "manager",
    body: ScheduleInput, response: Schedule, status: 201, handler: ({ ctx, body }) => createSchedule(ctx, body) }),
  route({ method: "delete", path: "/api/sync/schedules/:id", summary: "Delete a schedule", tag: "sync", auth: "user", role: "manager",
    response: Ok, handler: async ({ ctx, params }) => { await deleteSchedule(ctx, params.id!); return { ok: true }; } }),
  route({ method: "get", path: "/api/changes", summary: "Change feed since a cursor (seq)", tag: "sync", auth: "user",
    query: ChangeFeedQuery, response: ChangeFeed, handler: ({ ctx, query }) => readChanges(ctx, query.since, query.limit) }),
  route({ method: "get", path: "/api/connections", summary: "Linked external systems", tag: "connections", auth: "user",
    response: z.object({ items: z.array(Connection) }), handler: async ({ ctx }) => ({ items: await listConnections(ctx) }) }),
  route({ method: "get", path: "/api/connections/:id/activity", summary: "A link's activity: the last run of each job it runs, with its last success", tag: "connections", auth: "user",
    response: LinkActivity, async handler({ ctx, params }) { const c = await loadConnection(ctx, params.id!); if (!c) throw notFound("connection"); return linkActivity(ctx, c); } }),
  route({ method: "get", path: "/api/connections/:id", summary: "One connection", tag: "connections", auth: "user",
    response: Connection, async handler({ ctx, params }) { const c = await loadConnection(ctx, params.id!); if (!c) throw notFound("connection"); return c; } }),
  route({ method: "post", path: "/api/connections", summary: "Link an external system (credentials sealed with AES-GCM)", tag: "connections", auth: "user", role: "owner",
    body: ConnectionInput, response: Connection, status: 201, handler: ({ ctx, body }) => createConnection(ctx, body) }),
  route({ method: "put", path: "/api/connections/:id/credentials", summary: "Replace the credentials (sealed); a link that verifies must be verified again", tag: "connections", auth: "user", role: "owner",
    body: z.record(z.string(), z.string().max(2000)), response: Connection, handler: ({ ctx, params, body }) => updateConnectionCredentials(ctx, params.id!, body) }),
  route({ method: "post", path: "/api/connections/:id/verify", summary: "Check the credentials and the remote setup with harmless calls (已授权 when they pass)", tag: "connections", auth: "user", role: "manager",
    response: Connection, handler: ({ ctx, params }) => verifyConnection(ctx, params.id!) }),
  route({ method: "put", path: "/api/connections/:id/settings", summary: "Save settings (allowed while stopped)", tag: "connections", auth: "user", role: "manager",
    body: z.record(z.string(), z.unknown()), response: Connection, handler: ({ ctx, params, body }) => updateConnectionSettings(ctx, params.id!, body) }),
  route({ method: "post", path: "/api/connections/:id/start", summary: "Start syncing", tag: "connections", auth: "user", role: "manager",
    response: Connection, handler: ({ ctx, params }) => setConnectionStatus(ctx, params.id!, "started") }),
  route({ method: "post", path: "/api/connections/:id/stop", summary: "Stop syncing", tag: "connections", auth: "user", role: "manager",
    response: Connection, handler: ({ ctx, params }) => setConnectionStatus(ctx, params.id!, "stopped") }),
  route({ method: "put", path: "/api/connections/:id/links", summary: "Link a Renkei ID to an external code / ID", tag: "connections", auth: "user", role: "manager",
    body: ExternalLinkInput, response: Ok, handler: async ({ ctx, params, body }) => { await linkExternal(ctx, params.id!, body); return { ok: true }; } }),
];
