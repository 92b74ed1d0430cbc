import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInAdmin } from "./browser";
import { adminApi, type Api } from "./pos-helpers";

// The store back office's 出库开单 and 调拨 (店舗 → 出庫・店間移動) as the demo owner, in two stores of
// its own so no other browser test sees the stock move: a line beyond stock is refused and named, a
// double submit makes one document, a transfer waits at the other store as a delivery.
const hub = inject("hubUrl");
let page: Page;
const pageErrors: string[] = [];

let api: Api;

const suffix = Date.now().toString(36).toUpperCase();
const from = { code: `OA${suffix}`, name: "E2E出庫元", id: "" };
const to = { code: `OB${suffix}`, name: "E2E移動先", id: "" };
const label = (s: { code: string; name: string }) => `${s.name} (${s.code})`;
let skuId = "";

beforeAll(async () => {
  api = await adminApi(hub);
  for (const store of [from, to]) store.id = (await api<{ id: string }>("POST", "/api/locations", { code: store.code, name: store.name, kind: "store" })).id;
  const products = await api<{ items: { skus: { id: string; code: string }[] }[] }>("GET", "/api/products?q=CF-200");
  skuId = products.items.flatMap((p) => p.skus).find((s) => s.code === "CF-200")!.id;
  await api("POST", "/api/stock/adjustments", { idempotencyKey: `e2e-out-${suffix}`, skuId, locationId: from.id, quantity: 5, reason: "receipt" });
});
signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

const onHand = async (locationId: string) =>
  (await api<{ items: { onHand: number }[] }>("GET", `/api/stock?locationId=${locationId}&skuId=${skuId}`)).items[0]?.onHand ?? 0;
const documents = async (kind: string, locationId: string) =>
  (await api<{ items: { id: string; number: string; status: string }[] }>("GET", `/api/documents?kind=${kind}&locationId=${locationId}`)).items;
const form = () => page.locator("form", { has: page.getByRole("heading", { name: "出庫を登録" }) });

async function pick(code: string, quantity: string) {
  await form().getByRole("searchbox", { name: "商品検索" }).fill(code);
  await form().getByRole("button", { name: "検索", exact: true }).click();
  await form().getByRole("button", { name: new RegExp(`^${code} `) }).click();
  await form().getByLabel("数量").last().fill(quantity);
}

describe("goods out and transfers from the store back office, in a real browser", () => {
  it("refuses a line beyond the store's stock and names it, then a double submit makes one 出库开单", async () => {
    // a fresh load: the admin keeps the locations it read for the session, and these stores are new
    await page.goto(`${hub}/admin/store/documents`);
    await page.getByRole("link", { name: "出庫・店間移動", exact: true }).click();
    await form().getByLabel("区分").selectOption({ label: "出庫" });
    await form().getByLabel("出庫する店舗").selectOption({ label: label(from) });
    await form().getByLabel("出庫理由").fill("破損（E2E）");
    await pick("CF-200", "7");
    await expect.poll(() => form().getByText("在庫 5").count(), { timeout: 10_000 }).toBe(1);
    await form().getByRole("button", { name: "出庫を登録" }).click();
    const line = form().locator(".sku-row").first();
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toMatch(/在庫が足りません（5）/);
    expect(await onHand(from.id)).toBe(5);
    expect(await documents("other_out", from.id)).toEqual([]);

    await form().getByLabel("数量").last().fill("2");
    // two submits in one tick, as a double click before the button can wait: one key, one document
    await form().evaluate((f: HTMLFormElement) => {
      f.requestSubmit();
      f.requestSubmit();
    });
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/^OUT-.+ を登録しました$/);
    const made = await documents("other_out", from.id);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ status: "posted" });
    expect(await onHand(from.id)).toBe(3);
    const row = page.getByRole("row", { name: new RegExp(made[0]!.number) });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("破損（E2E）");
    expect(await row.textContent()).toContain("計上済み");
  });

  it("a 店間移動 leaves one store now and waits at the other as an inbound delivery", async () => {
    await form().getByLabel("区分").selectOption({ label: "店間移動" });
    await expect.poll(() => page.url()).toContain("kind=transfer");
    await form().getByLabel("出庫する店舗").selectOption({ label: label(from) });
    // the store goods leave is not offered as where they go
    expect(await form().getByLabel("移動先の店舗").locator("option", { hasText: label(from) }).count()).toBe(0);
    await form().getByLabel("移動先の店舗").selectOption({ label: label(to) });
    await pick("CF-200", "1");
    await form().getByRole("button", { name: "出庫を登録" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/^TR-.+ を登録しました$/);
    expect(await documents("transfer", from.id)).toHaveLength(1);
    expect(await onHand(from.id)).toBe(2);
    const waiting = await documents("inbound", to.id);
    expect(waiting).toEqual([expect.objectContaining({ status: "pending" })]);
    const row = page.getByRole("row", { name: /TR-/ }).filter({ hasText: label(from).split(" ")[0]! });
    await expect.poll(() => row.first().textContent(), { timeout: 10_000 }).toContain(to.name);
    expect(pageErrors).toEqual([]);
  });
});
