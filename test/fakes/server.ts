/**
 * Serves the fakes of external systems on a loopback port, each under its own prefix
 * (/http-json/…), plus a control API for tests and benchmarks (/__control/<fake>/…).
 * Started by vitest's globalSetup (tests) and by `npm start` (the sandbox).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHttpJsonFake } from "./http-json/index";
import { createNextEngineFake } from "./nextengine/index";
import { createRakutenFake } from "./rakuten/index";
import { createRslFake } from "./rsl/index";
import { createSmaregiFake } from "./smaregi/index";
import { createWangdianFake } from "./wangdian/index";

/** What every fake offers the server: its contract, a reset, and test-only control actions. */
export interface Fake {
  fetch(request: Request): Promise<Response>;
  reset(): void;
  /** Answers a control action, or undefined when the fake has no such action. */
  control(action: string, request: Request): Promise<Response | undefined>;
}

/** One entry per external system; the key is its URL prefix and control name. */
export function createFakes() {
  return {
    "http-json": createHttpJsonFake(),
    nextengine: createNextEngineFake(),
    smaregi: createSmaregiFake(),
    rakuten: createRakutenFake(),
    rsl: createRslFake(),
    wangdian: createWangdianFake(),
  } satisfies Record<string, Fake>;
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
  const fake: Fake | undefined = fakes[name as keyof Fakes];
  if (!fake) return Response.json({ error: "no such fake" }, { status: 404 });
  if (action === "reset") {
    fake.reset();
    return Response.json({ ok: true });
  }
  return (await fake.control(action, request)) ?? Response.json({ error: "no such action" }, { status: 404 });
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
  startFakes(port).then(async ({ url, fakes }) => {
    // The sandbox: every peer with its demo data (shops, stores, products, orders, documents).
    for (const [name, fake] of Object.entries(fakes) as [string, Fake][]) {
      const request = new Request(`${url}/__control/${name}/demo`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const answer = await fake.control("demo", request);
      if (answer && !answer.ok) console.warn(`fakes: ${name} demo data not loaded: HTTP ${answer.status} ${await answer.text()}`);
    }
    console.log(`fakes listening on ${url}`);
  });
}
