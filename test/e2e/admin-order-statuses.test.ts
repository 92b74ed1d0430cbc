import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInAdmin } from "./browser";

// A manager renames one of the merchant's own order statuses and moves it in the display order.
// Self-contained on the shared stack: its own status code, no order, stock or connection touched.
const hub = inject("hubUrl");
let page: Page;
const pageErrors: string[] = [];
const code = `e2e_${Date.now().toString(36)}`;

signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

const statusOf = () =>
  page.evaluate(async (c) => ((await (await fetch("/api/order-statuses")).json()) as { items: { code: string }[] }).items.find((s) => s.code === c), code);

describe("order statuses, edited in a real browser", () => {
  it("a custom status is renamed in three languages and moved in the display order; built-in ones offer no edit", async () => {
    await page.goto(`${hub}/admin/settings/statuses`);
    const add = page.locator("form", { has: page.getByRole("heading", { name: "ステータスを追加" }) });
    await add.getByLabel("ステータスコード").fill(code);
    await add.getByLabel("名称（日本語）").fill("検品待ち");
    await add.getByLabel("表示順").fill("900");
    await add.getByRole("button", { name: "追加" }).click();
    const row = page.getByRole("row", { name: new RegExp(code) });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    // built-in statuses are shown but not editable
    expect(await page.getByRole("row", { name: /出荷待ち/ }).first().getByRole("button", { name: "編集" }).count()).toBe(0);

    await row.getByRole("button", { name: "編集" }).click();
    const edit = page.locator("form", { has: page.getByRole("heading", { name: `「${code}」を編集` }) });
    expect(await edit.getByLabel("ステータスコード").inputValue()).toBe(code);
    expect(await edit.getByLabel("ステータスコード").getAttribute("readonly")).not.toBeNull();
    // a mistake first: the display order must be a whole number, and nothing is sent
    await edit.getByLabel("表示順").fill("早め");
    await edit.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => edit.getByText(/整数/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await statusOf()).toMatchObject({ ja: "検品待ち", sort: 900 });

    await edit.getByLabel("名称（日本語）").fill("検品中");
    await edit.getByLabel("名称（中国語）").fill("验货中");
    await edit.getByLabel("名称（英語）").fill("Inspecting");
    await edit.getByLabel("表示順").fill("５"); // full-width digits from a Japanese IME are accepted
    await edit.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => edit.getByText("ステータス「検品中」を更新しました").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/検品中.*验货中.*Inspecting.*5/);
    expect(await statusOf()).toMatchObject({ ja: "検品中", zh: "验货中", en: "Inspecting", sort: 5, builtIn: false });

    await edit.getByRole("button", { name: "編集をやめる" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "ステータスを追加" }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
