import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { encoderFor } from "../pwa/admin/legacy-encoding";
import { workbook } from "../pwa/admin/xlsx-fixture";
import { openBrowser, signInToAdmin } from "./browser";

const hub = inject("hubUrl");
let context: BrowserContext;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ context, close } = await openBrowser());
});
afterAll(async () => {
  await close?.();
});

const HEADER = ["货品编号", "货品名称", "分类", "品牌", "规格名称", "商家编码", "零售价", "基本单位", "属性1", "属性2", "属性3", "属性4"];

/** An .xlsx of one two-spec product whose codes start with zeros, stored as text as Excel stores them. */
async function xlsxFile(codes: [string, string]) {
  const strings = [...HEADER, "E2E-T1", "E2E 綿Tシャツ", "颜色:红;尺码:S", "颜色:红;尺码:M", ...codes].map((s) => `<t>${s}</t>`);
  const at = (text: string) => strings.indexOf(`<t>${text}</t>`);
  const cell = (ref: string, text: string) => `<c r="${ref}" t="s"><v>${at(text)}</v></c>`;
  const header = `<row r="1">${HEADER.map((h, i) => cell(`${String.fromCharCode(65 + i)}1`, h)).join("")}</row>`;
  const row = (r: number, spec: string, code: string) =>
    `<row r="${r}">${cell(`A${r}`, "E2E-T1")}${cell(`B${r}`, "E2E 綿Tシャツ")}${cell(`E${r}`, spec)}${cell(`F${r}`, code)}<c r="G${r}"><v>1980</v></c></row>`;
  return Buffer.from(await workbook(header + row(2, "颜色:红;尺码:S", codes[0]) + row(3, "颜色:红;尺码:M", codes[1]), strings));
}

describe("商品批量导入 / 商品批量更新 in the admin, in a real browser", () => {
  it("an .xlsx is read in the browser, checked, imported with its leading zeros; the same file again is refused by the worker, row by row", async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await signInToAdmin(page, hub);
    await page.goto(`${hub}/admin/products/import`);
    await page.getByRole("heading", { name: "商品一括取込（ファイル）" }).waitFor();

    const file = { name: "商品.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await xlsxFile(["000777", "000778"]) };
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => page.locator(".file-summary").textContent(), { timeout: 10_000 }).toContain("2行を読み込みました（Excel）");
    await page.getByRole("button", { name: "取り込む" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "取り込みました" }).textContent(), { timeout: 10_000 }).toContain("商品 1件、SKU 2件");
    const skus = await page.evaluate(async () => {
      const list = (await (await fetch("/api/products?q=E2E-T1")).json()) as { items: { skus: { code: string; price: number; specName: string }[] }[] };
      return list.items.flatMap((p) => p.skus.map((s) => [s.code, s.price, s.specName]));
    });
    expect(skus).toEqual([
      ["000777", 1980, "颜色:红;尺码:S"],
      ["000778", 1980, "颜色:红;尺码:M"],
    ]);

    // Choosing the same file again: the browser finds nothing wrong, the worker finds the codes taken.
    await page.reload();
    await page.locator('input[type="file"]').setInputFiles(file);
    await expect.poll(() => page.locator(".file-summary").count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole("button", { name: "取り込む" }).click();
    await expect.poll(() => page.locator("table").getByText("already exists").count(), { timeout: 10_000 }).toBe(2);
    await page.close();
  });

  it("a Shift_JIS CSV with a bad price and a repeated code lists both by row and column, offers them as CSV, and cannot be sent", async () => {
    await context.clearCookies();
    const page = await context.newPage();
    await signInToAdmin(page, hub);
    await page.goto(`${hub}/admin/products/update`);
    await page.getByRole("heading", { name: "商品一括更新（ファイル）" }).waitFor();
    const csv = "貨品編号,貨品名称,分類,品牌,規格名称,商家編碼,零售価,基本単位,上下架\r\nE2E-T1,,,,,000777,1.5,,2\r\nE2E-T1,,,,,000777,,,1\r\n";
    await page.locator('input[type="file"]').setInputFiles({ name: "更新.csv", mimeType: "text/csv", buffer: Buffer.from(encoderFor("shift_jis")(csv)) });
    const table = page.locator("table");
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 10_000 }).toBe(2);
    expect(await table.locator("tbody tr").nth(0).textContent()).toContain("零售価");
    expect(await table.locator("tbody tr").nth(1).textContent()).toContain("商家編碼");
    expect(await page.getByRole("button", { name: "更新する" }).isDisabled()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "エラー一覧をCSVでダウンロード" }).click()]);
    const saved = readFileSync((await download.path())!, "utf8");
    expect(saved.charCodeAt(0)).toBe(0xfeff);
    expect(saved).toContain("1,零售価,");
    expect(saved).toContain("2,商家編碼,");
    await page.close();
  });
});
