import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, signInToAdmin } from "./browser";

// 支払方法 on an order (issue 5), in a real browser: the merchant enters an order by hand, chooses
// 「クレジットカード」 from their payment methods, and the order's page says so. Self-contained: its own
// product with its own stock and its own channel (no demo stock is touched, no link sends it).
const hub = inject("hubUrl");
let context: BrowserContext;
let close: () => Promise<void>;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ({ context, close } = await openBrowser());
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signInToAdmin(page, hub);
});
afterAll(async () => {
  await close?.();
});

/** The admin's own API from the signed-in page (CSRF token from /api/auth/me). */
const api = (method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      const response = await fetch(path, { method, headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as any };
    },
    { method, path, body },
  );

describe("支払方法, in a real browser", () => {
  it("an order entered by hand with 支払方法 クレジットカード shows it on the order's page", async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    await page.goto(`${hub}/admin/orders`);
    const locations = (await api("GET", "/api/locations")).body.items as { id: string; code: string }[];
    const warehouse = locations.find((l) => l.code === "W001")!.id;
    const code = `PAY-${suffix}`;
    const product = await api("POST", "/api/products", { code, name: `支払テスト ${suffix}`, skus: [{ code: `${code}-1`, price: 1200 }] });
    expect(product.status, JSON.stringify(product.body)).toBe(201);
    const adjusted = await api("POST", "/api/stock/adjustments", { idempotencyKey: `e2e-pay-${suffix}`, skuId: product.body.skus[0].id, locationId: warehouse, quantity: 5, reason: "receipt" });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    const shop = `e2e 支払 ${suffix}`;
    const channel = await api("POST", "/api/channels", { code: `e2e-pay-${suffix}`, name: shop, kind: "web", defaultLocationId: warehouse });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);

    await page.goto(`${hub}/admin/orders/new`);
    await page.getByLabel("販売チャネル").selectOption({ label: shop });
    const method = page.getByLabel("支払方法");
    await expect.poll(() => method.locator("option").count(), { timeout: 10_000 }).toBe(4); // なし + the merchant's three
    await method.selectOption({ label: "クレジットカード" });
    await page.getByRole("searchbox", { name: "商品検索" }).fill(`${code}-1`);
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await page.getByRole("button", { name: new RegExp(`${code}-1`) }).click();
    await page.getByLabel("数量", { exact: true }).fill("2");
    await page.getByRole("button", { name: "受注を登録" }).click();
    await page.waitForURL(/\/admin\/orders\/ord_[A-Za-z0-9]+\?created=1$/, { timeout: 10_000 });

    const facts = page.locator("dl.facts");
    await expect.poll(() => facts.locator("dt", { hasText: "支払方法" }).count(), { timeout: 10_000 }).toBe(1);
    expect(await facts.locator("dt:has-text('支払方法') + dd").textContent()).toBe("クレジットカード");
    const orderId = new URL(page.url()).pathname.split("/").pop()!;
    expect((await api("GET", `/api/orders/${orderId}`)).body.paymentMethod).toMatchObject({ code: "card", name: "クレジットカード" });
    expect(pageErrors).toEqual([]);
  });
});
