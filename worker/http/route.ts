/**
 * Route definitions: one object per endpoint holding its method, path, auth, zod schemas and
 * handler. The same list mounts the Hono routes and generates /api/openapi.json, so the
 * documentation cannot drift from what the worker validates — and the tenancy test walks it.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { resolveDevice } from "../auth/devices";
import { resolveSession, SESSION_COOKIE } from "../auth/sessions";
import { serviceContext, type Role, type ServiceContext } from "../context";
import { ServiceError } from "../errors";

export type Method = "get" | "post" | "put" | "patch" | "delete";
export type Auth = "public" | "user" | "device";
export type AppEnv = { Bindings: Env; Variables: { requestId: string; csrfToken?: string } };

export interface HandlerArgs<B, Q> {
  ctx: ServiceContext;
  body: B;
  query: Q;
  params: Record<string, string>;
  c: Context<AppEnv>;
}

export interface RouteSpec<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: Method;
  /** Hono path, e.g. /api/products/:id */
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  /** Lowest role allowed (user routes): staff < manager < owner. */
  role?: Role;
  body?: B;
  query?: Q;
  response?: z.ZodType;
  /** Non-JSON answer (CSV, text), documented as such. */
  produces?: string;
  status?: 200 | 201 | 202;
  handler: (args: HandlerArgs<z.output<B>, z.output<Q>>) => Promise<unknown>;
}

/** Identity helper that keeps body / query types flowing into the handler. */
export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(spec: RouteSpec<B, Q>) {
  return spec as unknown as RouteSpec;
}

const ROLE_RANK: Record<Role, number> = { staff: 0, manager: 1, owner: 2 };
const PARAM = /^[A-Za-z0-9_-]{1,64}$/;

export function mountRoutes(app: import("hono").Hono<AppEnv>, routes: RouteSpec[]) {
  for (const spec of routes) {
    app.on(spec.method.toUpperCase(), spec.path, async function handleRoute(c) {
      const ctx = await authenticate(c, spec);
      const params = c.req.param() as Record<string, string>;
      for (const [name, value] of Object.entries(params)) {
        if (!PARAM.test(value)) throw new ServiceError("NOT_FOUND", `${name} not found`);
      }
      const query = spec.query ? parse(spec.query, c.req.query(), "query") : undefined;
      const body = spec.body ? parse(spec.body, await readJson(c), "body") : undefined;
      const result = await spec.handler({ ctx, body, query, params, c });
      if (result instanceof Response) return result;
      return c.json(result ?? { ok: true }, spec.status ?? 200);
    });
  }
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new ServiceError("VALIDATION", "Content-Type must be application/json", [{ path: [], message: "expected JSON" }]);
  }
  try {
    return await c.req.json();
  } catch {
    throw new ServiceError("VALIDATION", "body is not valid JSON", [{ path: [], message: "invalid JSON" }]);
  }
}

export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ServiceError(
    "VALIDATION",
    `invalid ${where}`,
    result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })),
  );
}

async function authenticate(c: Context<AppEnv>, spec: RouteSpec): Promise<ServiceContext> {
  if (spec.auth === "public") return serviceContext(c.env, "", { kind: "system", id: "public" });
  if (spec.auth === "device") {
    const header = c.req.header("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    const device = token ? await resolveDevice(c.env.DB, token) : null;
    if (!device) throw new ServiceError("DEVICE_REVOKED", "端末が登録されていないか、無効化されています (device not paired or revoked)");
    return serviceContext(c.env, device.merchant_id, { kind: "device", id: device.id, locationId: device.location_id });
  }
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await resolveSession(c.env.DB, token) : null;
  if (!session) throw new ServiceError("UNAUTHORIZED", "サインインしてください (sign in first)");
  if (spec.method !== "get" && c.req.header("x-csrf-token") !== session.csrfToken) {
    throw new ServiceError("FORBIDDEN", "CSRF token missing or wrong");
  }
  if (spec.role && ROLE_RANK[session.role] < ROLE_RANK[spec.role]) {
    throw new ServiceError("FORBIDDEN", `needs the ${spec.role} role`);
  }
  c.set("csrfToken", session.csrfToken);
  return serviceContext(c.env, session.merchantId, { kind: "user", id: session.userId, role: session.role });
}
