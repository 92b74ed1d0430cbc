/**
 * 旺店通 link routes beyond the generic /api/connections ones (create, settings, verify, start /
 * stop) and /api/sync (runs, dead letters): the export queue, the ERP goods import by date range,
 * the drift report of the daily sync (its runs, paged by cursor), and the one-time stock master with its confirmation.
 */
import { z } from "zod";
import { Enqueued } from "../../../shared/schemas/sync";
import { changeStockMaster, driftReport, driftRuns, listExports, retryExports, wangdianLink } from "../../connectors/wangdian/admin";
import { checkImportRange, IMPORT_GOODS_JOB } from "../../connectors/wangdian/catalog-jobs";
import { enqueueJob } from "../../sync/runs";
import { route } from "../route";

const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const ExportItem = z.object({
  id: z.number(),
  documentId: z.string(),
  number: z.string(),
  kind: z.string(),
  /** a receipt of a delivery imported from a file (入库单导入): "file" */
  origin: z.string().nullable(),
  event: z.string(),
  queuedAt: z.string(),
  sentAt: z.string().nullable(),
  externalNo: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
});
const Drift = z.object({
  runId: z.string().nullable(),
  at: z.string().nullable(),
  summary: z.object({ skus: z.number(), renkeiSet: z.number(), erpSet: z.number(), equal: z.number() }),
  items: z.array(z.object({ locationId: z.string(), skuId: z.string(), code: z.string(), renkei: z.number(), erp: z.number().nullable(), difference: z.number().nullable(), action: z.string() })),
  /** the next page of this run's report, or null at its end */
  nextCursor: z.string().nullable(),
});
const MasterChange = z.object({
  current: z.enum(["erp", "stores"]).nullable(),
  next: z.enum(["erp", "stores"]),
  overwrites: z.enum(["erp", "renkei"]),
  skus: z.number(),
  message: z.string(),
  changed: z.boolean(),
});

export const wangdianRoutes = [
  route({ method: "get", path: "/api/wangdian/:id/exports", summary: "Store documents for the ERP: waiting, failed (with the ERP's reason) or sent", tag: "wangdian", auth: "user",
    query: z.object({ state: z.enum(["waiting", "failed", "sent"]).default("waiting"), limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ waiting: z.number(), failed: z.number(), items: z.array(ExportItem) }),
    handler: ({ ctx, params, query }) => listExports(ctx, params.id!, query) }),
  route({ method: "post", path: "/api/wangdian/:id/exports/retry", summary: "Send the failed documents again (after their cause was fixed)", tag: "wangdian", auth: "user", role: "manager",
    response: z.object({ retried: z.number() }), handler: ({ ctx, params }) => retryExports(ctx, params.id!) }),
  route({ method: "post", path: "/api/wangdian/:id/import-goods", summary: "ERP商品导入: new goods created in a date range of at most one month (§3.3.1)", tag: "wangdian", auth: "user", role: "manager",
    body: z.object({ from: DateOnly, to: DateOnly }), response: Enqueued, status: 202,
    async handler({ ctx, params, body }) {
      await wangdianLink(ctx, params.id!);
      checkImportRange(body.from, body.to);
      return { runId: await enqueueJob(ctx, IMPORT_GOODS_JOB, { connectionId: params.id!, payload: body, trigger: "manual" }) };
    } }),
  route({ method: "get", path: "/api/wangdian/:id/drift", summary: "Drift report of the daily stock sync (per SKU: Renkei, ERP, difference, what was done)", tag: "wangdian", auth: "user",
    query: z.object({ runId: z.string().max(64).optional(), onlyDifferent: z.enum(["true", "false"]).default("false"), limit: z.coerce.number().int().min(1).max(5000).default(500), cursor: z.string().max(400).optional() }),
    response: Drift, handler: ({ ctx, params, query }) => driftReport(ctx, params.id!, { ...query, onlyDifferent: query.onlyDifferent === "true" }) }),
  route({ method: "get", path: "/api/wangdian/:id/drift/runs", summary: "The daily syncs that left a drift report, newest first (to pick an older one)", tag: "wangdian", auth: "user",
    query: z.object({ limit: z.coerce.number().int().min(1).max(60).default(30) }),
    response: z.object({ items: z.array(z.object({ runId: z.string(), at: z.string() })) }), handler: ({ ctx, params, query }) => driftRuns(ctx, params.id!, query.limit) }),
  route({ method: "post", path: "/api/wangdian/:id/stock-master", summary: "The stock master (§5, a one-time choice): a preview of what changing it overwrites, applied with confirm", tag: "wangdian", auth: "user", role: "owner",
    body: z.object({ master: z.enum(["erp", "stores"]), confirm: z.boolean().default(false) }), response: MasterChange,
    handler: ({ ctx, params, body }) => changeStockMaster(ctx, params.id!, body) }),
];
