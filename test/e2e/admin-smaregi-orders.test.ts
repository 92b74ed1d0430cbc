import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInAdmin } from "./browser";

// 受注連携 in a real browser: a merchant maps their own shop to Smaregi's 楽天市場店, sets
// ■ダミー商品番号, starts the link, and an order whose line has no product code is imported: it arrives
// in the sandbox Smaregi by itself, once, under the dummy code; then a sale on a Smaregi terminal shows on the
// link's page. Self-contained: its own Smaregi contract and app, its own channel, a line without a SKU and no
// location mapped (no demo stock is touched); the link is stopped at the end.
const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
let page: Page;
const pageErrors: string[] = [];

signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

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

describe("受注連携, in a real browser", () => {
  it("an order of a mapped shop goes to Smaregi once, a line without a product code under ■ダミー商品番号", async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const app = { contractId: `e2e_o_${suffix}`, clientId: `e2e-o-app-${suffix}`, clientSecret: `e2e-o-secret-${suffix}` };
    expect((await fetch(`${sandbox}/__control/smaregi/demo`, { method: "POST", body: JSON.stringify(app) })).status).toBe(200);
    await page.goto(`${hub}/admin/sync/connections`);
    const locations = (await api("GET", "/api/locations")).body.items as { id: string; code: string }[];
    const shop = `e2e 受注 ${suffix}`;
    const channel = await api("POST", "/api/channels", { code: `e2e-o-${suffix}`, name: shop, kind: "mall", defaultLocationId: locations.find((l) => l.code === "W001")!.id });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);

    await page.getByRole("link", { name: /スマレジ連携を追加/ }).click();
    await page.getByLabel("連携名").fill(`スマレジ 受注 e2e ${suffix}`);
    await page.getByLabel("クライアントID").fill(app.clientId);
    await page.getByLabel("クライアントシークレット").fill(app.clientSecret);
    await page.getByLabel(/接続先/).fill(`${sandbox}/smaregi`);
    await page.getByRole("button", { name: "追加して認証へ進む" }).click();
    await page.waitForURL(/\/admin\/smaregi\/[^/?]+$/, { timeout: 10_000 });
    const linkPath = new URL(page.url()).pathname;
    const linkId = linkPath.split("/").pop()!;
    await page.getByRole("button", { name: "認証", exact: true }).click();
    await page.waitForURL(/\/smaregi\/id\/authorize/, { timeout: 10_000 });
    await page.getByLabel("契約ID").fill(app.contractId);
    await page.getByRole("button", { name: "許可" }).click();
    await page.waitForURL((url) => url.pathname === linkPath && url.searchParams.get("result") === "activated", { timeout: 15_000 });

    // 店舗(モール) ↔ 楽天市場店 (内税, its warehouse linked), and ■ダミー商品番号
    const stores = page.getByRole("group", { name: "店舗(モール)ごとの設定", exact: true });
    await stores.getByRole("button", { name: "行を追加" }).click();
    const row = page.getByRole("group", { name: "店舗(モール)ごとの設定 1" });
    await row.getByLabel("店舗（モール）").selectOption({ label: `${shop} (e2e-o-${suffix})` });
    await expect.poll(() => row.getByLabel("スマレジ店舗ID").locator("option").count(), { timeout: 10_000 }).toBeGreaterThan(2);
    await row.getByLabel("スマレジ店舗ID").selectOption({ index: 1 });
    expect(await row.getByLabel("スマレジ店舗ID").locator("option:checked").textContent()).toContain("楽天市場店");
    await page.getByLabel("■ダミー商品番号").fill("SM-BAG-01");
    await page.getByRole("button", { name: "設定を保存する" }).click();
    await expect.poll(() => page.getByText("設定を保存しました").count(), { timeout: 10_000 }).toBe(1);
    const startGroup = page.getByRole("radiogroup", { name: "■スマレジ連携開始設定" });
    await startGroup.getByLabel("連携を開始する").click();
    await expect.poll(() => startGroup.getByLabel("連携を開始する").isChecked(), { timeout: 10_000 }).toBe(true);

    // an order taken in the shop: its line has no product code
    const externalId = `E2E-${suffix}`;
    const imported = await api("POST", "/api/orders/import", {
      idempotencyKey: `e2e-smaregi-orders-${suffix}`,
      orders: [{ channelId: channel.body.id, externalId, orderedAt: new Date().toISOString(), currency: "JPY", lines: [{ name: "のし", quantity: 1, unitPrice: 110, taxRate: 10 }] }],
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);

    // it goes by itself, the moment it is imported (no schedule, no button)
    const smaregiOrders = async () =>
      ((await (await fetch(`${sandbox}/__control/smaregi/state`, { method: "POST", body: JSON.stringify({ contractId: app.contractId }) })).json()).orders as any[]).filter((o) => o.orderCode === externalId);
    await expect.poll(async () => (await smaregiOrders()).length, { timeout: 20_000 }).toBe(1);
    const [sent] = await smaregiOrders();
    expect(sent).toMatchObject({ storeId: "1", total: 110, details: [expect.objectContaining({ productCode: "SM-BAG-01", productName: "のし", salesPrice: 110, quantity: 1 })] });
    await page.reload();
    const send = page.getByRole("region", { name: "受注連携（スマレジへの受注登録）" });
    await expect.poll(() => send.getByText(/受注連携 1件／スキップ 0件/).count(), { timeout: 20_000 }).toBe(1);
    // 「今すぐ受注連携」: nothing more goes
    await send.getByRole("button", { name: "今すぐ受注連携" }).click();
    await expect.poll(() => send.getByText(/受注連携 0件／スキップ 0件/).count(), { timeout: 20_000 }).toBe(1);
    expect(await smaregiOrders()).toHaveLength(1);

    // a sale on a Smaregi terminal reaches the hub as Smaregi's webhook would (the app's webhook settings
    // pointed at the address the link page shows) and is listed on the link's page
    const hook = (await api("GET", `/api/smaregi/connections/${linkId}/webhook`)).body as { url: string; secret: string };
    await fetch(`${sandbox}/__control/smaregi/webhook`, { method: "POST", body: JSON.stringify({ contractId: app.contractId, url: hook.url, secret: hook.secret }) });
    const sale = (await (
      await fetch(`${sandbox}/__control/smaregi/sale`, { method: "POST", body: JSON.stringify({ contractId: app.contractId, storeId: "1", lines: [{ productId: "8", quantity: 2 }] }) })
    ).json()) as { transactionHeadId: string };
    const recorded = async () => ((await api("GET", `/api/smaregi/connections/${linkId}/sales`)).body.items as { transactionHeadId: string }[]).length;
    await expect.poll(recorded, { timeout: 30_000 }).toBe(1);
    await page.reload();
    const sales = page.getByRole("region", { name: "スマレジPOSの売上" });
    await expect.poll(() => sales.getByRole("row").filter({ hasText: "SM-BAG-01" }).filter({ hasText: sale.transactionHeadId }).count(), { timeout: 10_000 }).toBe(1);

    await startGroup.getByLabel("連携を停止する").click();
    await expect.poll(async () => (await api("GET", `/api/connections/${linkId}`)).body.status, { timeout: 10_000 }).toBe("stopped");
    expect(pageErrors).toEqual([]);
  });
});
