import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { openBrowser } from "./browser";

const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
let context: BrowserContext;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ context, close } = await openBrowser());
});
afterAll(async () => {
  await close?.();
});

describe("npm start, in a real browser", () => {
  it("the demo merchant signs in to /admin and sees the seeded orders, with unit text", async () => {
    const page = await context.newPage();
    await page.goto(`${hub}/admin/`);
    await page.getByLabel(/メールアドレス/).fill("demo@renkei.test");
    await page.getByLabel(/パスワード/).fill("renkei-demo-2026");
    await page.getByRole("button", { name: /サインイン|ログイン/ }).click();
    // signed in (the shell is up) before leaving the page, or the navigation cancels the sign-in
    await page.getByRole("button", { name: "ログアウト" }).waitFor({ timeout: 10_000 });
    await page.goto(`${hub}/admin/orders`);
    await expect.poll(() => page.getByText("EC-10001").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // a deep link reloads into the same screen
    await page.reload();
    await expect.poll(() => page.getByText("EC-10002").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // the hand-entered ribbon order: 85 cm × 3 at 850 yen (seed 004, 切り上げ)
    const manual = await page.evaluate(async () => {
      // the seed's own (other browser tests enter manual orders of their own)
      const list = (await (await fetch("/api/orders?status=allocated&limit=500")).json()) as { items: { id: string; externalId: string; customerName: string | null }[] };
      return list.items.find((o) => o.externalId === o.id && o.customerName === "山田 花子")!.id;
    });
    await page.goto(`${hub}/admin/orders/${manual}`);
    await expect.poll(() => page.getByText("長さ:85cm").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("¥2,550").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("a manual order of ribbon by length (seed 004): ¥2,550 previewed for 85 cm × 3, entered with 長さ:85cm; 600 cm beyond stock refused", async () => {
    // the browser is shared: start signed out, whatever ran before
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${hub}/admin/`);
    await page.getByLabel(/メールアドレス/).fill("demo@renkei.test");
    await page.getByLabel(/パスワード/).fill("renkei-demo-2026");
    await page.getByRole("button", { name: /サインイン|ログイン/ }).click();
    await page.getByRole("link", { name: "受注登録", exact: true }).click();

    const addRibbon = async (value: string, quantity: string) => {
      await page.getByRole("searchbox", { name: "商品検索" }).fill("RB-001-BLU");
      await page.getByRole("button", { name: "検索", exact: true }).click();
      await page.getByRole("button", { name: /RB-001-BLU/ }).click();
      // the order value in the sales unit, named by the unit and its range
      await page.getByLabel("長さ (cm) 10〜1000", { exact: true }).fill(value);
      await page.getByLabel("数量", { exact: true }).fill(quantity);
    };

    // 85 cm of ¥999 per 100 cm, 切り上げ: ¥850 each, × 3 = ¥2,550 — shown before submitting
    await addRibbon("85", "3");
    await expect.poll(() => page.getByText("¥850", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("¥2,550", { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "受注を登録" }).click();
    await page.waitForURL(/\/admin\/orders\/ord_[A-Za-z0-9]+\?created=1$/, { timeout: 10_000 });
    await expect.poll(() => page.getByText("長さ:85cm").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("¥2,550").count()).toBeGreaterThan(0);

    // 500 cm were in stock, 255 now allocated: 600 cm × 1 is refused with the stock message, nothing entered
    await page.goto(`${hub}/admin/orders/new`);
    await addRibbon("600", "1");
    await expect.poll(() => page.getByText("¥5,994", { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole("button", { name: "受注を登録" }).click();
    await expect.poll(() => page.getByText(/在庫数を超える注文はできません/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/在庫数 245 − 注文 600 < 0/).count()).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe("/admin/orders/new");
    await page.close();
  });

  it("/pos serves the POS shell, not the admin", async () => {
    const page = await context.newPage();
    const response = await page.goto(`${hub}/pos/sale/123`);
    expect(response!.status()).toBe(200);
    expect(await page.locator('meta[name="renkei-shell"]').getAttribute("content")).toBe("pos");
    await page.close();
  });

  it("the sandbox WMS heard the demo stock through the queue", async () => {
    // Renkei's available figure of TS-100-M at the main warehouse (20 seeded, 2 allocated to
    // EC-10001; other browser tests on this shared stack may move it since), as the admin reads it
    const page = await context.newPage();
    await page.goto(`${hub}/admin/`);
    const renkei = () =>
      page.evaluate(async () => {
        const levels = (await (await fetch("/api/stock?q=TS-100-M")).json()) as { items: { skuCode: string; locationCode: string; available: number }[] };
        return levels.items.find((l) => l.skuCode === "TS-100-M" && l.locationCode === "W001")!.available;
      });
    // the WMS holds what Renkei has (the push follows every change within moments)
    await expect
      .poll(
        async () => {
          const stock = (await (await fetch(`${sandbox}/__control/http-json/stock`)).json()) as { sku: string; location: string; quantity: number }[];
          const heard = stock.find((s) => s.sku === "TS-100-M");
          const figure = await renkei();
          return { location: heard?.location, same: heard?.quantity === figure, positive: figure > 0 };
        },
        { timeout: 15_000 },
      )
      .toEqual({ location: "WH-TOKYO", same: true, positive: true });
    await page.close();
  });
});
