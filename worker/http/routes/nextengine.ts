/**
 * NextEngine link routes (seed 001): 連携を開始する → NextEngine's login → the callback, 連携を解除する,
 * the shipping desk and each order's 出荷済み result, and the stock uploads with their que_id results. Settings, start / stop, runs,
 * schedules and dead letters go through the generic /api/connections and /api/sync routes.
 */
import { z } from "zod";
import { IdempotencyKey } from "../../../shared/schemas/common";
import { Connection } from "../../../shared/schemas/sync";
import { ServiceError } from "../../errors";
import { getCookie } from "hono/cookie";
import { resolveSession, SESSION_COOKIE } from "../../auth/sessions";
import { serviceContext } from "../../context";
import { arriveFromNextEngine, CALLBACK_PATH, disconnect, requireNextEngineLink, startConnect } from "../../connectors/nextengine/connect";
import { confirmOrderShipments, ordersToShip } from "../../connectors/nextengine/shipping";
import { withLink } from "../../connectors/nextengine/link";
import { confirmReceipt, deliveriesToReceive } from "../../connectors/nextengine/receiving";
import { createExpectedReceipts } from "../../connectors/nextengine/expected-receipts";
import { listShipmentResults } from "../../connectors/nextengine/shipment-results";
import { replayShipmentReports } from "../../connectors/nextengine/shipment-replay";
import { listUploads, resolveUpload } from "../../connectors/nextengine/stock-upload";
import { route } from "../route";

const ConnectInput = z.object({
  clientId: z.string().trim().min(1).max(200).optional(),
  clientSecret: z.string().trim().min(1).max(200).optional(),
  apiBaseUrl: z.url().max(300).optional(),
  signInBaseUrl: z.url().max(300).optional(),
});

// cells stay strings (as a CSV gives them): the service names each bad one by its row
const Cell = z.union([z.string().max(200), z.number().transform(String)]).default("");
const ExpectedInput = z.object({
  idempotencyKey: IdempotencyKey,
  kind: z.enum(["purchase", "transfer", "other_in"]).default("purchase"),
  rows: z.array(z.object({ location: Cell, code: Cell, quantity: Cell, reference: Cell, kind: Cell })).max(1000),
});

const ReportOutcomeSchema = z.enum(["shipped", "already-shipped", "cancelled", "refused", "lock-busy"]);

const ShipmentResult = z.object({
  orderId: z.string(),
  receiveOrderId: z.string(),
  outcome: ReportOutcomeSchema,
  detail: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingWritten: z.boolean(),
  otherTracking: z.array(z.string()),
  attempts: z.number(),
  reportedAt: z.string(),
  replay: z.object({ status: z.enum(["pending", "done"]), outcome: ReportOutcomeSchema.nullable(), requestedAt: z.string(), finishedAt: z.string().nullable() }).nullable(),
});

const Replay = z.object({ orderId: z.string(), status: z.enum(["pending", "done"]), outcome: ReportOutcomeSchema.nullable(), requestedAt: z.string(), finishedAt: z.string().nullable() });

const Upload = z.object({
  id: z.string(),
  movements: z.object({ from: z.number(), to: z.number() }),
  // goodsId: the code NextEngine has (what the CSV carried); code: Renkei's, kept for audit (absent on older uploads)
  lines: z.array(z.object({ goodsId: z.string(), delta: z.number(), code: z.string().optional() })),
  skipped: z.array(z.object({ code: z.string(), delta: z.number(), reason: z.string() })),
  status: z.enum(["sending", "unknown", "queued", "applied", "failed", "review", "skipped", "discarded"]),
  queId: z.string().nullable(),
  queMessage: z.string().nullable(),
  attempts: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Delivery = z.object({
  id: z.string(),
  locationId: z.string(),
  locationName: z.string(),
  kind: z.string(),
  reference: z.string(),
  createdAt: z.string(),
  lines: z.array(z.object({ skuId: z.string(), code: z.string(), name: z.string(), expected: z.number() })),
});

const ShipInput = z.object({
  idempotencyKey: z.string().min(8).max(100),
  items: z
    .array(z.object({ orderId: z.string().max(64), carrier: z.string().trim().max(64).default(""), trackingNumber: z.string().trim().max(64).default("") }))
    .min(1)
    .max(200),
});

const OWNER_ONLY = "ネクストエンジン連携はオーナーのみ開始できます (only the owner can link NextEngine)";

/** A small page for a launch that cannot finish here: what to do, and the way to the admin. */
const launchPage = (message: string) =>
  `<!doctype html><html lang="ja"><meta charset="utf-8"><title>ネクストエンジン連携</title><body><p>${message.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)}</p><p><a href="/admin/">Renkei 管理画面へ (to the admin)</a></p></body></html>`;

/** A missing app names its fields in the issues. */
const launchProblem = (error: ServiceError) => (error.issues?.length ? error.issues.map((i) => i.message).join(" / ") : error.message);

export const nextEngineRoutes = [
  route({ method: "post", path: "/api/nextengine/connect", summary: "連携を開始する: answers NextEngine's login URL for this link", tag: "nextengine", auth: "user", role: "owner",
    body: ConnectInput, response: z.object({ connectionId: z.string(), signInUrl: z.string() }),
    handler: ({ ctx, body, c }) => startConnect(ctx, body, new URL(c.req.url).origin) }),
  // The app's one redirect URI (registered in NextEngine's developer portal): 「連携を開始する」 and the
  // app menu both come back here with uid / state only; the merchant's session says whose link it is.
  // Public, so a signed-out merchant is sent to sign in and then brought back here (the admin follows
  // `next`, a same-origin path only) while the state is still within its 5 minutes.
  route({ method: "get", path: CALLBACK_PATH, summary: "NextEngine's redirect URI (one per app): back from the login or opened from the app menu with uid / state (valid 5 minutes); the signed-in owner's one NextEngine link is found or made and logged in; signed out, sign in first and come back", tag: "nextengine", auth: "public",
    query: z.object({ uid: z.string().min(1).max(200), state: z.string().min(1).max(200) }), produces: "text/html",
    async handler({ query, c }) {
      const token = getCookie(c, SESSION_COOKIE);
      const session = token ? await resolveSession(c.env.DB, token) : null;
      const here = new URL(c.req.url);
      if (!session) return c.redirect(`/admin/?next=${encodeURIComponent(`${here.pathname}${here.search}`)}`, 302);
      if (session.role !== "owner") return c.html(launchPage(OWNER_ONLY), 403);
      const ctx = serviceContext(c.env, session.merchantId, { kind: "user", id: session.userId, role: session.role });
      try {
        const arrived = await arriveFromNextEngine(ctx, query.uid, query.state, here.origin);
        const target = `/admin/nextengine/${arrived.connectionId}`;
        // a login NextEngine did not confirm: the link's page says why and offers to open NextEngine again
        if (arrived.problem) return c.redirect(`${target}?error=${encodeURIComponent(arrived.problem.message)}`, 302);
        return c.redirect(`${target}?connected=1`, 302);
      } catch (error) {
        // no app to log in with: the page names what is missing
        if (error instanceof ServiceError && error.code === "VALIDATION") return c.html(launchPage(launchProblem(error)), 400);
        throw error;
      }
    } }),
  route({ method: "post", path: "/api/nextengine/:id/disconnect", summary: "連携を解除する: removes every link (external links, cursors, schedules, actions, tokens)", tag: "nextengine", auth: "user", role: "owner",
    response: Connection, handler: ({ ctx, params }) => disconnect(ctx, params.id!) }),
  route({ method: "get", path: "/api/nextengine/:id/uploads", summary: "Stock uploads that changed NextEngine stock, with their que_id results", tag: "nextengine", auth: "user",
    response: z.object({ items: z.array(Upload) }),
    async handler({ ctx, params }) { await requireNextEngineLink(ctx, params.id!); return { items: await listUploads(ctx, params.id!) }; } }),
  route({ method: "post", path: "/api/nextengine/:id/expected-receipts", summary: "入荷予定 at any location, by hand or from a CSV: rows of location code, product code, quantity, 発注番号 and an optional 種別 (仕入 / 移動 / その他; blank: the request's kind); each bad cell named by its row, nothing written then", tag: "nextengine", auth: "user", role: "manager",
    body: ExpectedInput, response: z.object({ items: z.array(z.object({ id: z.string(), locationId: z.string(), reference: z.string(), kind: z.enum(["purchase", "transfer", "other_in"]), lines: z.array(z.object({ skuId: z.string(), quantity: z.number() })) })) }), status: 201,
    handler: ({ ctx, params, body }) => createExpectedReceipts(ctx, params.id!, body) }),
  route({ method: "get", path: "/api/nextengine/:id/shipment-results", summary: "① ② per order: which orders NextEngine shows as 出荷済み, which it refused and why (problems=true: only those)", tag: "nextengine", auth: "user",
    query: z.object({ problems: z.enum(["true", "false"]).optional() }), response: z.object({ items: z.array(ShipmentResult) }),
    async handler({ ctx, params, query }) { return { items: await listShipmentResults(ctx, params.id!, { problems: query.problems === "true" }) }; } }),
  route({ method: "post", path: "/api/nextengine/:id/shipment-results/replay", summary: "再送: report 出荷確定 again for orders that kept changing in NextEngine (lock-busy) or were refused — one, or the page's list (まとめて再送); once per key, an order in one replay at a time; each bad order named by its index", tag: "nextengine", auth: "user", role: "manager",
    body: z.object({ idempotencyKey: IdempotencyKey, orderIds: z.array(z.string().min(1).max(64)).min(1).max(200) }), response: z.object({ items: z.array(Replay) }), status: 202,
    async handler({ ctx, params, body }) { return { items: await replayShipmentReports(ctx, params.id!, body) }; } }),
  route({ method: "post", path: "/api/nextengine/:id/uploads/:uploadId/resolve", summary: "An upload held for review: applied (close), discard (close unsent) or resend (from a fresh stock snapshot); one NextEngine refused (failed) or with every line skipped: resend, its codes looked up again, once; one applied with lines skipped: resend sends those lines as an upload of their own, once (lines still unknown are named by index, nothing written)", tag: "nextengine", auth: "user", role: "manager",
    body: z.object({ decision: z.enum(["applied", "resend", "discard"]) }), response: z.object({ items: z.array(Upload) }),
    async handler({ ctx, params, body }) {
      const connection = await requireNextEngineLink(ctx, params.id!);
      await withLink(ctx, connection, (link) => resolveUpload(ctx, link, params.uploadId!, body.decision));
      return { items: await listUploads(ctx, params.id!) };
    } }),
  route({ method: "get", path: "/api/nextengine/:id/to-ship", summary: "The link's orders that can ship now, by location (the shipping desk)", tag: "nextengine", auth: "user",
    query: z.object({ locationId: z.string().max(64).optional() }),
    response: z.object({ items: z.array(z.object({ orderId: z.string(), receiveOrderId: z.string(), locationId: z.string(), locationName: z.string(), customerName: z.string(), orderedAt: z.string(), status: z.string(), quantity: z.number() })) }),
    async handler({ ctx, params, query }) { return { items: await ordersToShip(ctx, params.id!, query.locationId ?? null) }; } }),
  route({ method: "get", path: "/api/nextengine/:id/to-receive", summary: "入荷予定 waiting at a location (the receiving desk)", tag: "nextengine", auth: "user",
    query: z.object({ locationId: z.string().max(64).optional() }),
    response: z.object({ items: z.array(Delivery) }),
    async handler({ ctx, params, query }) { return { items: await deliveriesToReceive(ctx, params.id!, query.locationId ?? null) }; } }),
  route({ method: "post", path: "/api/nextengine/:id/receipts/:inboundId", summary: "入荷確定 with the counted quantities (④ adds them to NextEngine at linked locations)", tag: "nextengine", auth: "user",
    body: z.object({ lines: z.array(z.object({ skuId: z.string().max(64), received: z.number().int().min(0).max(1_000_000) })).min(1).max(500) }),
    response: z.object({ id: z.string(), status: z.literal("received"), lines: z.number() }),
    handler: ({ ctx, params, body }) => confirmReceipt(ctx, params.id!, params.inboundId!, body) }),
  route({ method: "post", path: "/api/nextengine/:id/shipments", summary: "出荷確定 of one or many NextEngine orders with carrier and tracking number", tag: "nextengine", auth: "user",
    body: ShipInput, response: z.object({ items: z.array(z.object({ orderId: z.string(), shipmentId: z.string(), orderStatus: z.string() })) }),
    handler: ({ ctx, params, body }) => confirmOrderShipments(ctx, params.id!, body) }),
];
