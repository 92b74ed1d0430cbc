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
    await page.goto(`${hub}/admin/orders`);
    await expect.poll(() => page.getByText("EC-10001").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // a deep link reloads into the same screen
    await page.reload();
    await expect.poll(() => page.getByText("EC-10002").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // the hand-entered ribbon order: 85 cm × 3 at 850 yen (seed 004, 切り上げ)
    const manual = await page.evaluate(async () => {
      const list = (await (await fetch("/api/orders?status=allocated")).json()) as { items: { id: string; externalId: string }[] };
      return list.items.find((o) => o.externalId === o.id)!.id;
    });
    await page.goto(`${hub}/admin/orders/${manual}`);
    await expect.poll(() => page.getByText("長さ:85cm").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByText("¥2,550").count()).toBeGreaterThan(0);
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
    await expect
      .poll(
        async () => {
          const stock = (await (await fetch(`${sandbox}/__control/http-json/stock`)).json()) as { sku: string; location: string; quantity: number }[];
          return stock.find((s) => s.sku === "TS-100-M");
        },
        { timeout: 15_000 },
      )
      .toEqual({ sku: "TS-100-M", location: "WH-TOKYO", quantity: 18 });
  });
});
