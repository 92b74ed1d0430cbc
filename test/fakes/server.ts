/**
 * Serves the fakes of external systems on a loopback port, each under its own prefix
 * (/http-json/…), plus a control API for tests and benchmarks (/__control/<fake>/…).
 * Started by vitest's globalSetup (tests) and by `npm start` (the sandbox).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHttpJsonFake } from "./http-json/index";

export function createFakes() {
  return { "http-json": createHttpJsonFake() };
}
export type Fakes = ReturnType<typeof createFakes>;

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return new Request(new URL(req.url ?? "/", base), { method: req.method, headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
}

async function send(res: ServerResponse, response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Control API: seed / inspect a fake from tests without going through its contract. */
async function control(fakes: Fakes, name: string, action: string, request: Request): Promise<Response> {
  const fake = fakes[name as keyof Fakes];
  if (!fake) return Response.json({ error: "no such fake" }, { status: 404 });
  if (action === "reset") fake.reset();
  else if (action === "seed-stock") {
    const rows = (await request.json()) as { sku: string; location: string | null; quantity: number }[];
    for (const row of rows) fake.stock.set(`${row.sku}\u0000${row.location ?? ""}`, row);
    fake.changed();
  } else if (action === "generate-stock") {
    const { skus, locations, prefix = "B" } = (await request.json()) as { skus: number; locations: number; prefix?: string };
    for (let s = 0; s < skus; s++) {
      const sku = `${prefix}${String(s).padStart(6, "0")}`;
      for (let l = 0; l < locations; l++) fake.stock.set(`${sku}\u0000L${l}`, { sku, location: `L${l}`, quantity: (s * 7 + l) % 50 });
    }
    fake.changed();
  } else if (action === "fail") fake.failures.push(...((await request.json()) as number[]));
  else if (action === "rate") fake.setRate(((await request.json()) as { perSecond: number }).perSecond);
  else if (action === "pushes") return Response.json(fake.pushes);
  else if (action === "stock") return Response.json([...fake.stock.values()]);
  else return Response.json({ error: "no such action" }, { status: 404 });
  return Response.json({ ok: true });
}

export async function startFakes(port = 0): Promise<{ url: string; server: Server; fakes: Fakes; close: () => Promise<void> }> {
  const fakes = createFakes();
  const server = createServer(async (req, res) => {
    try {
      const request = await toRequest(req, "http://127.0.0.1");
      const path = new URL(request.url).pathname;
      const controlMatch = /^\/__control\/([^/]+)\/([^/]+)$/.exec(path);
      if (controlMatch) return await send(res, await control(fakes, controlMatch[1]!, controlMatch[2]!, request));
      const name = path.split("/")[1] as keyof Fakes;
      const fake = fakes[name];
      if (!fake) return await send(res, Response.json({ error: "no such system" }, { status: 404 }));
      await send(res, await fake.fetch(request));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    fakes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// `tsx test/fakes/server.ts [port]`: the sandbox peers for `npm start`.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!)) {
  const port = Number(process.argv[2] ?? 8788);
  startFakes(port).then(({ url }) => console.log(`fakes listening on ${url}`));
}
