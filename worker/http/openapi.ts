/**
 * /api/openapi.json, generated from the route list and its zod schemas (zod's own JSON Schema).
 */
import { z } from "zod";
import { ErrorBody } from "../../shared/schemas/common";
import type { RouteSpec } from "./route";

const json = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" }) as Record<string, unknown>;

export function openApiDocument(routes: RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    const path = spec.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const params = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const queryParams = spec.query
      ? Object.entries((json(spec.query, "input").properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({
          name,
          in: "query",
          schema,
        }))
      : [];
    const ok = spec.produces
      ? { description: "OK", content: { [spec.produces]: { schema: { type: "string" } } } }
      : { description: "OK", content: { "application/json": { schema: spec.response ? json(spec.response, "output") : {} } } };
    const error = { description: "Error", content: { "application/json": { schema: json(ErrorBody, "output") } } };
    (paths[path] ??= {})[spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      "x-renkei-auth": spec.auth,
      ...(spec.role ? { "x-renkei-role": spec.role } : {}),
      security: spec.auth === "user" ? [{ session: [] }] : spec.auth === "device" ? [{ device: [] }] : [],
      parameters: [...params, ...queryParams],
      ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: json(spec.body, "input") } } } } : {}),
      responses: { [String(spec.status ?? 200)]: ok, "400": error, "401": error, "404": error, "409": error },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: "Renkei API", version: "0.1.0", description: "Admin (session cookie + X-CSRF-Token) and POS (device bearer token) APIs." },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "renkei_session" },
        device: { type: "http", scheme: "bearer" },
      },
    },
    paths,
  };
}
