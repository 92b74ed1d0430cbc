import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInAdmin } from "./browser";

// Seed 000's words where the guide puts them, in a real browser: 支払方法 chosen from Smaregi's list and
// registered with [この内容で登録する]; 「商品情報・在庫情報の取得」 from the 「モール在庫連携・スマレジ商品在庫連携パネル」:
// check 「スマレジ商品連携」, the operation [スマレジから新規商品情報一括取得], [API連携する]. Self-contained: a
// contract of its own on the shared sandbox holding only products with this test's own codes (the demo
// merchant's catalogue gains those two SKUs and nothing else), a link that is never started.
const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
let page: Page;
const pageErrors: string[] = [];

signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

describe("スマレジ連携: 支払方法 and the product panel, in a real browser", () => {
  it("[この内容で登録する] saves a payment mapping; 「スマレジ商品連携」 → [API連携する] imports Smaregi's new products", async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const app = { contractId: `e2p_${suffix}`, clientId: `e2p-app-${suffix}`, clientSecret: `e2p-secret-${suffix}` };
    const codes = [`E2P-${suffix}-A`, `E2P-${suffix}-B`];
    const seeded = await fetch(`${sandbox}/__control/smaregi/seed`, {
      method: "POST",
      body: JSON.stringify({
        contractId: app.contractId,
        app: { clientId: app.clientId, clientSecret: app.clientSecret },
        installed: false,
        stores: [{ storeId: "1", storeName: "E2E店", division: "1" }],
        products: codes.map((productCode, i) => ({ productId: String(i + 1), productCode, productName: `パネル商品 ${i + 1}`, price: "500" })),
        paymentMethods: [{ paymentMethodId: "7", paymentMethodName: `E2E払い ${suffix}` }],
      }),
    });
    expect(seeded.status).toBe(200);

    await page.goto(`${hub}/admin/sync/connections`);
    await page.getByRole("link", { name: /スマレジ連携を追加/ }).click();
    await page.getByLabel("連携名").fill(`スマレジ パネル ${suffix}`);
    await page.getByLabel("クライアントID").fill(app.clientId);
    await page.getByLabel("クライアントシークレット").fill(app.clientSecret);
    await page.getByLabel(/接続先/).fill(`${sandbox}/smaregi`);
    await page.getByRole("button", { name: "追加して認証へ進む" }).click();
    await page.waitForURL(/\/admin\/smaregi\/[^/?]+$/, { timeout: 10_000 });
    const linkPath = new URL(page.url()).pathname;
    await page.getByRole("button", { name: "認証", exact: true }).click();
    await page.waitForURL(/\/smaregi\/id\/authorize/, { timeout: 10_000 });
    await page.getByLabel("契約ID").fill(app.contractId);
    await page.getByRole("button", { name: "許可" }).click();
    await page.waitForURL((url) => url.pathname === linkPath && url.searchParams.get("result") === "activated", { timeout: 15_000 });
    await expect.poll(() => page.getByTestId("smaregi-result").textContent(), { timeout: 10_000 }).toContain("結果:有効化済み");

    // 商品連携設定 [連携しない]: the panel is not offered yet
    const panel = page.locator("details.smaregi-panel");
    expect(await panel.count()).toBe(0);
    await page.locator('input[name="productSync"][value="true"]').check();

    // 支払方法の設定: the Smaregi side is chosen from the list read live, then [この内容で登録する]
    const payments = page.getByRole("group", { name: "支払方法の設定", exact: true });
    await expect.poll(() => payments.getByText(/スマレジ支払方法として受注と一緒に送られます/).count(), { timeout: 10_000 }).toBe(1);
    await payments.getByRole("button", { name: "行を追加" }).click();
    const row = page.getByRole("group", { name: "支払方法の設定 1" });
    await row.getByLabel("支払方法", { exact: true }).selectOption({ index: 1 });
    await expect.poll(() => row.getByLabel("スマレジ支払方法").locator("option").count(), { timeout: 10_000 }).toBe(2);
    await row.getByLabel("スマレジ支払方法").selectOption({ label: `E2E払い ${suffix}` });
    await payments.getByRole("button", { name: "この内容で登録する" }).click();
    await expect.poll(() => page.getByText("設定を保存しました").count(), { timeout: 10_000 }).toBe(1);
    const saved = await page.evaluate(async (path) => ((await (await fetch(`/api/connections/${path.split("/").pop()}`)).json()) as { settings: { paymentMethods: unknown[]; productSync: boolean } }).settings, linkPath);
    expect(saved.paymentMethods).toEqual([{ paymentMethodId: expect.any(String), smaregiPaymentMethodId: "7" }]);
    expect(saved.productSync).toBe(true);

    // 「モール在庫連携・スマレジ商品在庫連携パネル」: [API連携する] waits for 「スマレジ商品連携」 to be checked
    await expect.poll(() => panel.count(), { timeout: 10_000 }).toBe(1);
    expect(await panel.locator("summary").textContent()).toBe("モール在庫連携・スマレジ商品在庫連携パネル");
    const run = panel.getByRole("button", { name: "API連携する" });
    expect(await run.isDisabled()).toBe(true);
    await panel.getByLabel("スマレジ商品連携").check();
    expect(await panel.getByLabel("実行する操作").locator("option:checked").textContent()).toBe("スマレジから新規商品情報一括取得");
    await run.click();
    await expect.poll(() => page.getByText(/取得完了：新規 2件/).count(), { timeout: 20_000 }).toBe(1);
    // each under Renkei's product ID with its スマレジ商品ID
    for (const code of codes) await expect.poll(() => page.getByRole("cell", { name: code }).count(), { timeout: 10_000 }).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
