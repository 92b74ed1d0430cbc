import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { priceReceipt } from "../../shared/receipt";
import { signedInAdmin } from "./browser";
import { adminApi, type Api } from "./pos-helpers";

// 冲单 and 入库单导入 in the store back office (seed 003 §2.3.2) as the demo owner, in a store of its own
// so no other browser test sees its stock move: a sale rung up by mistake is reversed from its
// document after a confirmation that says what happens, and a delivery is imported from a CSV file.
const hub = inject("hubUrl");
let page: Page;
const pageErrors: string[] = [];
let api: Api;

const suffix = Date.now().toString(36).toUpperCase();
const store = { code: `RV${suffix}`, name: "E2E冲单店", id: "" };
const storeLabel = `${store.name} (${store.code})`;
let sku = { id: "", code: "CF-200", price: 0 };
let token = "";
let staffId = "";

const onHand = async () => (await api<{ items: { onHand: number }[] }>("GET", `/api/stock?locationId=${store.id}&skuId=${sku.id}`)).items[0]?.onHand ?? 0;

beforeAll(async () => {
  api = await adminApi(hub);
  store.id = (await api<{ id: string }>("POST", "/api/locations", { code: store.code, name: store.name, kind: "store" })).id;
  const products = await api<{ items: { skus: { id: string; code: string; price: number }[] }[] }>("GET", "/api/products?q=CF-200");
  const found = products.items.flatMap((p) => p.skus).find((s) => s.code === "CF-200")!;
  sku = { id: found.id, code: found.code, price: found.price };
  staffId = (await api<{ user: { id: string } }>("GET", "/api/auth/me")).user.id;
  await api("POST", "/api/stock/adjustments", { idempotencyKey: `e2e-rv-${suffix}`, skuId: sku.id, locationId: store.id, quantity: 5, reason: "receipt" });
  const device = await api<{ pairingCode: string }>("POST", "/api/devices", { locationId: store.id, name: "E2E冲单 レジ" });
  token = ((await (await fetch(`${hub}/api/pos/pair`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ pairingCode: device.pairingCode }) })).json()) as { token: string }).token;
});
signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

const dialog = () => page.getByRole("dialog");

describe("冲单 and 入库单导入 from the store back office, in a real browser", () => {
  it("a sale rung up by mistake is reversed from its document once, after a confirmation; the goods come back", async () => {
    const lines = [{ skuId: sku.id, quantity: 2, unitPrice: sku.price, discount: 0, taxRate: 8 }];
    const priced = priceReceipt(lines, 0, "inclusive", "JPY");
    const number = `${store.code}-01-000001`;
    const sale = {
      id: crypto.randomUUID(),
      kind: "sale",
      number,
      occurredAt: new Date().toISOString(),
      staffId,
      taxDisplay: "inclusive",
      subtotalDiscount: 0,
      total: priced.total,
      tax: priced.tax.tax,
      lines,
      tenders: [{ method: "現金", kind: "cash", amount: priced.total }],
      change: 0,
    };
    const pushed = await fetch(`${hub}/api/pos/documents`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ documents: [sale] }) });
    expect(((await pushed.json()) as { results: { status: string }[] }).results[0]).toMatchObject({ status: "accepted" });
    expect(await onHand()).toBe(3);

    await page.goto(`${hub}/admin/store/documents/${sale.id}`);
    await page.getByRole("button", { name: "販売を取り消す（冲单）" }).click({ timeout: 10_000 });
    expect(await dialog().textContent()).toContain("全商品をE2E冲单店の在庫に戻します");
    expect(await dialog().textContent()).toContain("その他入庫");
    await dialog().getByRole("button", { name: "販売を取り消す（冲单）" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 10_000 }).toBe(`販売を取り消しました（CD-${number}）`);
    await expect.poll(() => page.getByTestId("sale-reversed").textContent(), { timeout: 10_000 }).toContain(`CD-${number}`);
    expect(await page.getByRole("button", { name: "販売を取り消す（冲单）" }).count()).toBe(0);
    expect(await onHand()).toBe(5);

    // the reversal is a document of its own, referring to the sale
    await page.getByTestId("sale-reversed").getByRole("link").click();
    await expect.poll(() => page.getByRole("heading", { level: 2 }).first().textContent(), { timeout: 10_000 }).toContain("取消伝票");
    expect(await page.getByRole("row", { name: /CF-200/ }).textContent()).toMatch(/2/);
    expect(pageErrors).toEqual([]);
  });

  it("a delivery is imported from a CSV file: a bad row is named, the fixed file makes one pending delivery", async () => {
    await page.goto(`${hub}/admin/store/inbound`);
    await page.getByRole("button", { name: "ファイルから取込（入库单导入）" }).click();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "ファイルから取込（入库单导入）" }) });
    await form.getByLabel("店舗").selectOption({ label: storeLabel });
    await form.getByLabel("参照番号").fill(`IMP-${suffix}`);
    const csv = (rows: string) => ({ name: "入库单.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF商家编码,数量,备注\r\n${rows}`) });
    await form.getByLabel("ファイル（CSV・Excel .xlsx）").setInputFiles(csv("CF-200,0,\r\n"));
    await expect.poll(() => page.getByRole("row", { name: /数量/ }).last().textContent(), { timeout: 10_000 }).toContain("1以上の整数");
    expect(await form.getByRole("button", { name: "入荷予定として登録" }).isDisabled()).toBe(true);

    await form.getByLabel("ファイル（CSV・Excel .xlsx）").setInputFiles(csv("CF-200,4,箱1\r\n"));
    await expect.poll(() => form.locator(".file-summary").textContent(), { timeout: 10_000 }).toContain("1行・合計4点");
    await form.getByRole("button", { name: "入荷予定として登録" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 10_000 }).toMatch(/^入荷予定 inb_\w+ を登録しました$/);
    const row = page.getByRole("row", { name: new RegExp(`IMP-${suffix}`) });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("入荷待ち");
    const { items } = await api<{ items: { body: { source: string; lines: unknown[] } }[] }>("GET", `/api/documents?kind=inbound&locationId=${store.id}`);
    expect(items).toHaveLength(1);
    expect(items[0]!.body).toMatchObject({ source: "file", lines: [{ skuId: sku.id, quantity: 4, remark: "箱1" }] });
    expect(pageErrors).toEqual([]);
  });
});
