/** Debian's Chromium through playwright-core, headless, with a fresh profile each time. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export async function openBrowser(options: { proxy?: { server: string } } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "pw-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    // an HTTP proxy for every request of the browser, loopback included (Playwright adds <-loopback>)
    ...(options.proxy ? { proxy: options.proxy } : {}),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs the demo owner in to /admin in this page and waits until the admin shows it. */
export async function signInToAdmin(page: import("playwright-core").Page, hub: string) {
  await page.goto(`${hub}/admin/`);
  await page.getByLabel(/メールアドレス/).fill("demo@renkei.test");
  await page.getByLabel(/パスワード/).fill("renkei-demo-2026");
  await page.getByRole("button", { name: /サインイン|ログイン/ }).click();
  await page.getByRole("button", { name: "ログアウト" }).waitFor({ timeout: 10_000 });
}

/**
 * One browser for a test file, signed in to /admin as the demo owner before the file's tests (after
 * any beforeAll registered earlier, which may seed what the page shows) and closed after them; the
 * page's errors go into `pageErrors`, which a test ends by expecting empty.
 */
export function signedInAdmin(hub: string, pageErrors: string[], ready: (session: { page: Page; context: BrowserContext }) => void) {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await openBrowser();
    close = opened.close;
    const page = await opened.context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await signInToAdmin(page, hub);
    ready({ page, context: opened.context });
  });
  afterAll(async () => {
    await close?.();
  });
}

/** The admin's API from a signed-in page, with its cookie and CSRF token — what the screens call. */
export function pageApi(page: Page, method: string, path: string, body?: unknown): Promise<any> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      const response = await fetch(path, { method, headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
      return text.startsWith("{") ? JSON.parse(text) : text;
    },
    { method, path, body },
  );
}

/** A sandbox peer's control action (POST /__control/<system>/<action>, see test/fakes/<system>), answered 200. */
export async function sandboxControl(sandbox: string, system: string, action: string, body: unknown): Promise<any> {
  const response = await fetch(`${sandbox}/__control/${system}/${action}`, { method: "POST", body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`${system} ${action} → ${response.status} ${await response.text()}`);
  return response.json();
}
