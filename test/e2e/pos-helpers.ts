/**
 * What the store POS browser tests share: the admin API from Node (as the demo owner), a device and
 * a clerk of a test's own at S001, pairing the tablet and signing the clerk in as a clerk would, a
 * keyboard-wedge scan, the hub's documents of the store read page by page, and an HTTP proxy that
 * can hand the browser another /pos/sw.js.
 */
import { createServer, request as forward, type IncomingHttpHeaders } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { expect } from "vitest";
import type { Page } from "playwright-core";

export type Api = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
export type HubDocument = {
  id: string;
  number: string;
  kind: string;
  status: string;
  body: Record<string, unknown> & { lines?: Record<string, unknown>[] };
};

/** The admin API as the demo owner (session cookie + CSRF token), from Node. */
export async function adminApi(hub: string): Promise<Api> {
  const response = await fetch(`${hub}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "demo@renkei.test", password: "renkei-demo-2026" }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return async (method, path, body) => {
    const r = await fetch(`${hub}${path}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
    return json as never;
  };
}

/** The demo store S001's location ID. */
export async function demoStoreId(api: Api): Promise<string> {
  const locations = await api<{ items: { id: string; code: string }[] }>("GET", "/api/locations");
  return locations.items.find((l) => l.code === "S001")!.id;
}

/**
 * A device of S001 (its one-time pairing code) and a clerk of the test's own with a PIN, so no
 * other test's PIN change can race this one's sign-in.
 */
export async function newDeviceAndClerk(
  api: Api,
  storeId: string,
  options: { deviceName: string; clerkName: string; pin: string; emailPrefix: string },
): Promise<{ pairingCode: string; clerkId: string }> {
  const device = await api<{ id: string; pairingCode: string }>("POST", "/api/devices", { locationId: storeId, name: options.deviceName });
  const clerk = await api<{ id: string }>("POST", "/api/users", {
    email: `${options.emailPrefix}-${Date.now()}@renkei.test`,
    name: options.clerkName,
    role: "staff",
    password: `${options.emailPrefix}-password`,
  });
  await api("PUT", `/api/users/${clerk.id}/pin`, { pin: options.pin });
  return { pairingCode: device.pairingCode, clerkId: clerk.id };
}

export const keypad = (page: Page, label: string) => page.getByRole("group", { name: label, exact: true });

/**
 * Opens /pos/, pairs with the admin's code, and signs the clerk in: the first sign-in on a device
 * checks the PIN with the hub (enrolPin), then keeps it for offline. Waits until the catalog is in
 * and the service worker is active (so an offline reload works).
 */
export async function pairAndSignIn(page: Page, hub: string, options: { pairingCode: string; clerkName: string; pin: string }) {
  await page.goto(`${hub}/pos/`);
  for (const digit of options.pairingCode) await keypad(page, "ペアリングコードのテンキー").getByRole("button", { name: digit, exact: true }).click();
  await page.getByRole("button", { name: "ペアリング", exact: true }).click();
  await page.getByRole("button", { name: new RegExp(options.clerkName) }).click({ timeout: 60_000 });
  for (const digit of options.pin) await keypad(page, "PINテンキー").getByRole("button", { name: digit, exact: true }).click();
  await page.getByRole("button", { name: "OK", exact: true }).click();
  await page.getByRole("searchbox", { name: "バーコード・商品コード・商品名" }).waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByRole("progressbar").count(), { timeout: 30_000 }).toBe(0);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** A keyboard-wedge scanner: the characters, then Enter, into whatever has focus. */
export async function scan(page: Page, code: string) {
  await page.getByRole("searchbox").first().waitFor();
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

/** The document screen after a commit: its receipt number. */
export async function committedNumber(page: Page): Promise<string> {
  const number = page.getByTestId("receipt-number");
  await number.waitFor({ timeout: 10_000 });
  const text = (await number.textContent())!;
  expect(text).toMatch(/^S001-\d{2}-\d{6}$/);
  return text;
}

/** Every document of a store the hub holds (of one kind, if given), newest first, all pages. */
export async function hubDocuments(api: Api, storeId: string, kind?: string): Promise<HubDocument[]> {
  const all: HubDocument[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ locationId: storeId, limit: "200" });
    if (kind) query.set("kind", kind);
    if (cursor) query.set("cursor", cursor);
    const page: { items: HubDocument[]; nextCursor: string | null } = await api("GET", `/api/documents?${query}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * A plain HTTP forward proxy for one browser (openBrowser({ proxy })): every request goes on to
 * where it was headed, except /pos/sw.js while `serveWorker` holds a body — then the browser gets
 * that body instead, as if a new version had been deployed. The browser's own service-worker update
 * check (registration.update(), a navigation) fetches the script from the network stack, where
 * neither page.route nor context.route nor the DevTools Fetch domain see it; a proxy does.
 */
export async function startProxy(): Promise<{
  server: string;
  serveWorker(body: string | null): void;
  /** how many times the replacement worker was served */
  workerServed(): number;
  close(): Promise<void>;
}> {
  let worker: string | null = null;
  let served = 0;
  const hopByHop = new Set(["proxy-connection", "proxy-authorization", "connection", "keep-alive", "transfer-encoding", "upgrade"]);
  const onward = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name.toLowerCase())));
  const proxy = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end("a proxy takes absolute URLs");
      return;
    }
    if (req.method === "GET" && url.pathname === "/pos/sw.js" && worker !== null) {
      served++;
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }).end(worker);
      return;
    }
    const upstream = forward({ host: url.hostname, port: url.port || 80, method: req.method, path: `${url.pathname}${url.search}`, headers: onward(req.headers) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, onward(answer.headers));
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.on("error", () => upstream.destroy());
    req.pipe(upstream);
  });
  // CONNECT tunnels: how Playwright's own requests through the context (route.fetch()) use a proxy
  const tunnels = new Set<Socket>();
  proxy.on("connect", (req, client: Socket, head: Buffer) => {
    const [host = "", port = "80"] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnels.add(socket);
      socket.on("close", () => tunnels.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    server: `http://127.0.0.1:${port}`,
    serveWorker: (body) => void (worker = body),
    workerServed: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}
