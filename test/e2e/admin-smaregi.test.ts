import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInAdmin } from "./browser";

// Seed 000 in a real browser, the way a merchant follows it: add the link, [認証] → the sandbox
// Smaregi's login and [許可] → back with 「結果:有効化済み」, still stopped; a §3 mapping that
// Smaregi cannot honour blocks 「連携を開始する」 with the reason at the field. Self-contained: its
// own Smaregi contract and app on the shared sandbox, its own link (never started), so the other
// browser tests see nothing of it.
const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
let page: Page;
const pageErrors: string[] = [];

signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

describe("スマレジ連携設定, in a real browser", () => {
  it("add → [認証] → Smaregi's [許可] → 「結果:有効化済み」; a mapping without a warehouse blocks the start with the reason in place", async () => {
    const suffix = crypto.randomUUID().slice(0, 8);
    const app = { contractId: `e2e_${suffix}`, clientId: `e2e-app-${suffix}`, clientSecret: `e2e-secret-${suffix}` };
    const loaded = await fetch(`${sandbox}/__control/smaregi/demo`, { method: "POST", body: JSON.stringify(app) });
    expect(loaded.status).toBe(200);

    await page.goto(`${hub}/admin/sync/connections`);
    await page.getByRole("link", { name: /スマレジ連携を追加/ }).click();
    await page.getByLabel("連携名").fill(`スマレジ e2e ${suffix}`);
    await page.getByLabel("クライアントID").fill(app.clientId);
    await page.getByLabel("クライアントシークレット").fill(app.clientSecret);
    await page.getByLabel(/接続先/).fill(`${sandbox}/smaregi`);
    await page.getByRole("button", { name: "追加して認証へ進む" }).click();
    await page.waitForURL(/\/admin\/smaregi\/[^/?]+$/, { timeout: 10_000 });
    const linkPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId("smaregi-result").textContent(), { timeout: 10_000 }).toContain("結果:未認証");

    // [認証]: Smaregi's login page, its contract, [許可]
    await page.getByRole("button", { name: "認証", exact: true }).click();
    await page.waitForURL(/\/smaregi\/id\/authorize/, { timeout: 10_000 });
    await page.getByLabel("契約ID").fill(app.contractId);
    await page.getByRole("button", { name: "許可" }).click();
    await page.waitForURL((url) => url.pathname === linkPath && url.searchParams.get("result") === "activated", { timeout: 15_000 });
    await expect.poll(() => page.getByTestId("smaregi-result").textContent(), { timeout: 10_000 }).toContain("結果:有効化済み");
    expect(await page.getByTestId("smaregi-result").textContent()).toContain(`契約ID ${app.contractId}`);
    // ■スマレジ連携開始設定 stays at [連携を停止する] until setup is done
    const startGroup = page.getByRole("radiogroup", { name: "■スマレジ連携開始設定" });
    expect(await startGroup.getByLabel("連携を停止する").isChecked()).toBe(true);

    // §3 店舗(モール)ごとの設定, from lists read live from Smaregi: 自社ECサイト has no warehouse and sells 外税
    const stores = page.getByRole("group", { name: "店舗(モール)ごとの設定", exact: true });
    await stores.getByRole("button", { name: "行を追加" }).click();
    const row = page.getByRole("group", { name: "店舗(モール)ごとの設定 1" });
    await row.getByLabel("店舗（モール）").selectOption({ label: "手入力受注 (manual)" });
    await expect.poll(() => row.getByLabel("スマレジ店舗ID").locator("option").count(), { timeout: 10_000 }).toBeGreaterThan(2);
    await row.getByLabel("スマレジ店舗ID").selectOption({ index: 2 });
    expect(await row.getByLabel("スマレジ店舗ID").locator("option:checked").textContent()).toContain("自社ECサイト");
    await page.getByRole("button", { name: "設定を保存する" }).click();
    await expect.poll(() => page.getByText("設定を保存しました").count(), { timeout: 10_000 }).toBe(1);

    // the merchant picks [連携を開始する]; refused, the choice goes back to [連携を停止する]
    await startGroup.getByLabel("連携を開始する").click();
    await expect.poll(() => row.getByText(/倉庫が紐づいていません/).count(), { timeout: 10_000 }).toBe(1);
    expect(await row.getByText(/税計算設定が一致しません/).count()).toBe(1);
    await expect.poll(() => startGroup.getByLabel("連携を停止する").isChecked()).toBe(true);
    const status = await page.evaluate(async (path) => ((await (await fetch(`/api/connections/${path.split("/").pop()}`)).json()) as { status: string }).status, linkPath);
    expect(status).toBe("authorized");
    expect(pageErrors).toEqual([]);
  });

  it("the demo's sandbox link is authorized and stopped, as the guide leaves it; the preview shows what starting would do, changing nothing", async () => {
    await page.goto(`${hub}/admin/sync/connections`);
    await page.getByRole("link", { name: "スマレジ サンドボックス (sandbox Smaregi)" }).click();
    await expect.poll(() => page.getByTestId("smaregi-result").textContent(), { timeout: 10_000 }).toContain("結果:有効化済み");
    expect(await page.getByRole("radiogroup", { name: "■スマレジ連携開始設定" }).getByLabel("連携を停止する").isChecked()).toBe(true);
    await page.getByRole("button", { name: "確認する" }).click();
    const preview = page.getByRole("region", { name: "連携開始前の確認" });
    // 8 Smaregi products: the 6 demo SKUs by their codes, and 2 Smaregi-only products
    await expect.poll(() => preview.getByText("取り込まれる商品：8件").count(), { timeout: 10_000 }).toBe(1);
    expect(await preview.getByRole("cell", { name: "同じコードの商品に紐づけ" }).count()).toBe(6);
    expect(pageErrors).toEqual([]);
  });
});
