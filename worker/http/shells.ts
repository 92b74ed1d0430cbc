/**
 * The two PWA shells. Assets are served before the worker runs; a miss (a deep link such as
 * /pos/sale/123 or /admin/orders) reaches here and gets its own shell, never the other one.
 * The worker's own paths (/api, /oauth, /webhooks) never reach this.
 */
import type { Context } from "hono";
import type { AppEnv } from "./route";

export async function serveShell(c: Context<AppEnv>): Promise<Response> {
  const path = new URL(c.req.url).pathname;
  if (path === "/") return c.redirect("/admin/", 302);
  const shell = path === "/pos" || path.startsWith("/pos/") ? "/pos/" : path === "/admin" || path.startsWith("/admin/") ? "/admin/" : null;
  if (!shell) return c.json({ code: "NOT_FOUND", message: "not found", requestId: c.get("requestId") }, 404);
  // A file-looking miss (an old hashed asset) is a real 404, not the shell.
  if (/\.[a-z0-9]{1,5}$/i.test(path)) return c.text("not found", 404);
  const response = await c.env.ASSETS.fetch(new Request(new URL(shell, c.req.url)));
  return new Response(response.body, {
    status: response.ok ? 200 : response.status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-cache" },
  });
}
