import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInAdmin } from "./browser";

// Read-mostly walks through the admin's setting screens against the demo data. They write nothing
// the other browser tests look at (no order, no stock, no connection change): the stack is shared.
const hub = inject("hubUrl");
let page: Page;
const pageErrors: string[] = [];

signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

/** The seeded hand-entered order: 山田 花子, ribbon 85 cm × 3. */
async function seededManualOrder(): Promise<string> {
  return page.evaluate(async () => {
    const list = (await (await fetch("/api/orders?limit=200")).json()) as { items: { id: string; externalId: string; customerName: string }[] };
    return list.items.find((o) => o.externalId === o.id && o.customerName === "山田 花子")!.id;
  });
}

describe("admin settings screens, in a real browser", () => {
  it("a unit CSV with mistakes is refused with a table of row, column and the seed's message; nothing is written", async () => {
    await page.goto(`${hub}/admin/units`);
    await page.getByRole("link", { name: "一括アップロード" }).click();
    await page.getByLabel("アップロード種別").selectOption("units");
    await page.getByLabel("CSVファイル（UTF-8）").setInputFiles({
      name: "units.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("単位コード,管理用単位,販売用単位,画面表示名,単位換算値\nWT-G,kg,g,重さ,1.5\n,m,cm,長さ,100\n", "utf8"),
    });
    await page.getByRole("button", { name: "アップロード", exact: true }).click();
    const table = page.getByRole("table");
    await expect.poll(() => table.getByRole("row").count(), { timeout: 10_000 }).toBe(3);
    const cells = await table.getByRole("row").evaluateAll((rows) => rows.slice(1).map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    expect(cells[0]!.slice(0, 2)).toEqual(["1", "単位換算値"]);
    expect(cells[0]![2]).toMatch(/単位換算値には1以上の整数値を入力してください/);
    expect(cells[1]!.slice(0, 2)).toEqual(["2", "単位コード"]);
    expect(await page.getByText(/何も登録していません/).count()).toBeGreaterThan(0);
    const units = await page.evaluate(async () => ((await (await fetch("/api/units")).json()) as { items: { code: string }[] }).items.map((u) => u.code));
    expect(units).not.toContain("WT-G");
  });

  it("templates list the seed 004 placeholders and preview an order with its unit text", async () => {
    await page.goto(`${hub}/admin/settings/templates?kind=order_confirmation`);
    for (const token of ["#ORDER_UNIT_VALUE#", "#SALE_UNIT#", "#UNIT_DISP_NAME#", "#ORDER_UNIT_VALUE_TEXT#", "#UNIT_ITEM_TEIKA#", "#UNIT_VALUE#", "#UNIT_ITEM_SHIRE_PRICE#"]) {
      await expect.poll(() => page.getByRole("cell", { name: token, exact: true }).count(), { timeout: 10_000 }).toBe(1);
    }
    await expect.poll(() => page.getByLabel("本文", { exact: true }).inputValue(), { timeout: 10_000 }).toContain("#LINES#");
    const orderId = await seededManualOrder();
    await page.getByLabel("表示する受注").selectOption(orderId);
    await expect.poll(() => page.locator("pre").textContent(), { timeout: 10_000 }).toContain("長さ:85cm 100cmあたり¥999");
  });

  it("an order shows its delivery note and downloads its shipping CSV line", async () => {
    await page.goto(`${hub}/admin/orders/${await seededManualOrder()}`);
    await page.getByRole("button", { name: "納品書" }).click();
    await expect.poll(() => page.locator("pre").textContent(), { timeout: 10_000 }).toMatch(/長さ 85cm/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "配送CSVをダウンロード" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.startsWith("\uFEFF受注番号,")).toBe(true);
    expect(csv).toMatch(/RB-001-RED,.*,長さ:85cm,3/);
  });

  it("connections and schedules read in the merchant's terms", async () => {
    await page.goto(`${hub}/admin/sync`);
    await page.getByRole("link", { name: "連携先・スケジュール" }).click();
    await expect.poll(() => page.getByRole("table").first().getByRole("row", { name: /サンドボックス倉庫/ }).textContent(), { timeout: 10_000 }).toContain("連携中");
    await expect.poll(() => page.getByText("毎日 03:30").count()).toBe(1);
    // the WMS's stock push (the demo's 旺店通 link has a 10-minute schedule of its own)
    await expect.poll(() => page.getByRole("row", { name: /stock\.push.*サンドボックス倉庫.*10分ごと/ }).count()).toBe(1);
    expect(await page.getByText("日時は Asia/Tokyo で表示").count()).toBe(1);
  });

  it("a custom status and a status action on it are added, listed and deleted", async () => {
    await page.goto(`${hub}/admin/`);
    await page.getByRole("link", { name: "設定", exact: true }).click();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "ステータスを追加" }) });
    await form.getByLabel("ステータスコード").fill("gift_wrap");
    await form.getByLabel("名称（日本語）").fill("ギフト包装");
    await form.getByRole("button", { name: "追加" }).click();
    await expect.poll(() => page.getByRole("cell", { name: "gift_wrap", exact: true }).count(), { timeout: 10_000 }).toBe(1);

    const action = page.locator("form", { has: page.getByRole("heading", { name: "処理を追加" }) });
    await action.getByLabel("対象ステータス").selectOption("gift_wrap");
    await action.getByLabel("成功時のステータス").selectOption("awaiting_shipment");
    await action.getByRole("button", { name: "追加" }).click();
    const row = page.getByRole("row", { name: /ギフト包装.*引当.*出荷待ち/ });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole("button", { name: "削除" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "削除" }).click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
