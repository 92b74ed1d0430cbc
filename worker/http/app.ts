/**
 * The Hono app: request IDs, the route list, one error handler, and the PWA shells for misses.
 */
import { Hono } from "hono";
import { ServiceError } from "../errors";
import { openApiDocument } from "./openapi";
import { mountRoutes, type AppEnv, type RouteSpec } from "./route";
import { serveShell } from "./shells";
import { authRoutes } from "./routes/auth";
import { catalogRoutes } from "./routes/catalog";
import { catalogFileRoutes } from "./routes/catalog-files";
import { productFileRoutes } from "./routes/product-files";
import { inventoryRoutes } from "./routes/inventory";
import { orderRoutes } from "./routes/orders";
import { documentRoutes } from "./routes/documents";
import { posRoutes } from "./routes/pos";
import { nextEngineRoutes } from "./routes/nextengine";
import { smaregiRoutes } from "./routes/smaregi";
import { syncRoutes } from "./routes/sync";
import { templateRoutes } from "./routes/templates";
import { rakutenRoutes } from "./routes/rakuten";
import { wangdianRoutes } from "./routes/wangdian";

/** Every API route; the OpenAPI document and the tenancy test are built from this list. */
export const routes: RouteSpec[] = [...authRoutes, ...catalogRoutes, ...catalogFileRoutes, ...productFileRoutes, ...inventoryRoutes, ...orderRoutes, ...templateRoutes, ...documentRoutes, ...posRoutes, ...syncRoutes, ...nextEngineRoutes, ...smaregiRoutes, ...rakutenRoutes, ...wangdianRoutes];

export const app = new Hono<AppEnv>();

app.use("*", async function requestId(c, next) {
  c.set("requestId", c.req.header("cf-ray") ?? crypto.randomUUID());
  await next();
});

app.get("/api/health", (c) => c.json({ ok: true }));
const document = openApiDocument(routes);
app.get("/api/openapi.json", (c) => c.json(document));
mountRoutes(app, routes);

app.notFound(function notFound(c) {
  const path = new URL(c.req.url).pathname;
  if (/^\/(api|oauth|webhooks)(\/|$)/.test(path)) {
    return c.json({ code: "NOT_FOUND", message: `no route ${c.req.method} ${path}`, requestId: c.get("requestId") }, 404);
  }
  return serveShell(c);
});

app.onError(function onError(error, c) {
  const requestId = c.get("requestId") ?? "";
  if (error instanceof ServiceError) {
    return c.json(
      { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}), requestId },
      error.status as 400,
    );
  }
  console.error(JSON.stringify({ level: "error", requestId, message: String(error), stack: (error as Error).stack }));
  return c.json({ code: "INTERNAL", message: "internal error", requestId }, 500);
});
