/** Debian's Chromium through playwright-core, headless, with a fresh profile each time. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

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
