import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, signInToAdmin } from "./browser";

// Seed 001 walked as a merchant does it, in a real browser against the sandbox NextEngine: 外部連携 →
// ネクストエンジン連携設定へ → 基本設定 (a refused combination shows its reason) → 連携を解除する →
// 連携を開始する → NextEngine's login page → back, linked → 今すぐ受注を取り込む → 出荷確定 with a
// tracking number, which NextEngine then shows as 出荷確定済. It logs in to a NextEngine company of its
// own (made here), so it shares nothing with other tests but the demo merchant's one NextEngine link.
const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
let context: BrowserContext;
let close: () => Promise<void>;
let page: Page;
const pageErrors: string[] = [];

async function control(action: string, body: Record<string, unknown>) {
  const response = await fetch(`${sandbox}/__control/nextengine/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

beforeAll(async () => {
  ({ context, close } = await openBrowser());
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await signInToAdmin(page, hub);
});
afterAll(async () => {
  await close?.();
});

describe("ネクストエンジン連携 in the admin, in a real browser", () => {
  it("settings refuse ② without ① with the reason; unlink, link again through NextEngine's login; import and ship an order; receive a delivery (④)", async () => {
    const companyName = `E2E商店 ${Date.now()}`;
    // its own company, and an order number of its own (NextEngine numbers orders per company)
    const neId = String(700_000_000 + (Date.now() % 100_000_000));
    const company = await control("seed", {
      companyName,
      goods: [{ goods_id: "TS-100-M", stock_quantity: 30 }],
      orders: [{ receive_order_id: neId, receive_order_gruoping_tag: "[ロジクラ受注取込対象]", rows: [{ receive_order_row_goods_id: "TS-100-M", receive_order_row_quantity: 1, receive_order_row_unit_price: 3300 }] }],
    });

    await page.goto(`${hub}/admin/sync/connections`);
    // the demo merchant is linked by the seed: the card offers its settings
    await page.getByRole("link", { name: "ネクストエンジン連携設定へ" }).click();
    await page.getByRole("heading", { name: "基本設定" }).or(page.getByText("基本設定", { exact: true })).first().waitFor({ timeout: 10_000 });
    const one = page.getByLabel("① 出荷確定時、受注伝票のステータスを「出荷済み」に更新する");
    const two = page.getByLabel("② ステータス更新時、受注伝票の追跡番号を更新する");
    await expect.poll(() => one.isChecked(), { timeout: 10_000 }).toBe(true);
    await page.getByLabel(/⑤ 受注取り込み時、受注分類タグに「ロジクラ受注取込対象」タグがある受注伝票のみ取り込む/).waitFor();
    await page.getByLabel("⑥ 受注取り込み時、紐付けコードの大文字小文字を区別しない").waitFor();
    // 拠点設定 as the seed left it: 本倉庫 syncs, 渋谷店 does not
    expect(await page.getByLabel("ネクストエンジン連携: 本倉庫").isChecked()).toBe(true);
    expect(await page.getByLabel("ネクストエンジン連携: 渋谷店").isChecked()).toBe(false);

    await one.uncheck();
    await two.check();
    await page.getByRole("button", { name: "保存する" }).click();
    await page.locator('[data-setting="writeTrackingNumber"] .field__error').getByText(/追跡番号のみを更新することはできません/).waitFor({ timeout: 10_000 });
    await one.check();
    await page.getByRole("button", { name: "保存する" }).click();
    await page.getByText("保存しました").waitFor({ timeout: 10_000 });

    // 連携を解除する: the confirmation says every link goes
    await page.getByRole("button", { name: "連携を解除する" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(/すべてのネクストエンジン連携が解除されます/).waitFor();
    await dialog.getByRole("button", { name: "連携を解除する" }).click();
    await page.locator('[data-state="pending"]').waitFor({ timeout: 10_000 });

    // 連携を開始する → NextEngine's login (the sandbox app's fields, as the app's owner would type them)
    await page.getByRole("button", { name: "アプリ設定（通常は入力不要）" }).click();
    await page.getByLabel("クライアントID").fill(company.clientId);
    await page.getByLabel("クライアントシークレット").fill(company.clientSecret);
    await page.getByLabel("API URL").fill(`${sandbox}/nextengine/api`);
    await page.getByLabel("ログイン URL").fill(`${sandbox}/nextengine/base`);
    await page.getByRole("button", { name: "連携を開始する" }).click();
    await page.getByRole("heading", { name: /ネクストエンジン ログイン/ }).waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: `${companyName} でログイン` }).click();
    await page.getByText("ネクストエンジンとの連携が完了しました").waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get("connected")).toBe("1");
    await page.locator('[data-state="started"]').waitFor();
    await page.getByText(companyName).first().waitFor();

    // the warehouse work: import now, then ship the first tagged order with a tracking number
    await page.getByRole("button", { name: "今すぐ受注を取り込む" }).click();
    const tracking = page.locator(`input[name="tracking-${neId}"]`);
    await tracking.waitFor({ timeout: 20_000 });
    // the 納品書's barcode: scanning the order number picks the row and puts the cursor in its tracking number
    const scan = page.locator('input[name="scanOrder"]');
    await scan.fill("999999999");
    await scan.press("Enter");
    await page.getByText("受注 999999999 は出荷待ちにありません").waitFor();
    await scan.fill(neId);
    await scan.press("Enter");
    await expect.poll(() => tracking.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type("bad number!");
    await page.locator(`input[name="carrier-${neId}"]`).fill("ヤマト運輸");
    await page.getByRole("button", { name: "選択した1件を出荷確定" }).click();
    await page.getByText(/0-9/).first().waitFor({ timeout: 10_000 });
    await tracking.fill("4321-8765-0000");
    await page.getByRole("button", { name: "選択した1件を出荷確定" }).click();
    await page.getByText("1件を出荷確定しました").waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => ((await control("orders", { companyId: company.companyId })).orders as any[]).find((o) => o.base.receive_order_id === neId)?.base, { timeout: 20_000, interval: 500 })
      .toMatchObject({ receive_order_order_status_id: "50", receive_order_delivery_cut_form_id: "4321-8765-0000" });

    // 入荷予定 at 本倉庫 (announced through the API, as a purchase system would) → 入荷確定 of what was counted
    const reference = `PO-E2E-${Date.now()}`;
    await page.evaluate(async (reference) => {
      const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
      const locations = (await (await fetch("/api/locations")).json()) as { items: { id: string; code: string }[] };
      const products = (await (await fetch("/api/products?q=TS-100")).json()) as { items: { skus: { id: string; code: string }[] }[] };
      const skuId = products.items.flatMap((p) => p.skus).find((s) => s.code === "TS-100-M")!.id;
      const response = await fetch("/api/inbound", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ locationId: locations.items.find((l) => l.code === "W001")!.id, kind: "purchase", reference, lines: [{ skuId, quantity: 3 }] }),
      });
      if (response.status !== 201) throw new Error(await response.text());
    }, reference);
    const neStock = async () => Number(((await control("stock", { companyId: company.companyId })).stock as any[]).find((r) => r.stock_goods_id === "TS-100-M").stock_quantity);
    const before = await neStock();
    await page.locator('select[name="receiveLocation"]').selectOption({ label: "本倉庫 (W001)" });
    const delivery = page.locator(`[data-delivery="${reference}"]`);
    await delivery.getByLabel("入荷数: TS-100-M").fill("2");
    await delivery.getByRole("button", { name: "入荷確定" }).click();
    await page.getByText(`${reference} を入荷確定しました`).waitFor({ timeout: 10_000 });
    // ④ with 本倉庫 ticked: NextEngine's stock goes up by what was counted, promptly
    await expect.poll(neStock, { timeout: 20_000, interval: 500 }).toBe(before + 2);
    await page.locator("section.card", { has: page.getByRole("heading", { name: "在庫アップロード" }) }).getByRole("button", { name: "再読み込み" }).click();
    await page.locator('[data-upload-status="applied"]').first().waitFor({ timeout: 10_000 });
    // each job's last run, for this link
    const jobs = page.locator("section.card", { has: page.getByRole("heading", { name: "ジョブの実行状況" }) });
    await jobs.getByRole("button", { name: "再読み込み" }).click();
    await jobs.getByRole("row", { name: /受注取り込み.*成功/ }).waitFor({ timeout: 10_000 });
    expect(pageErrors).toEqual([]);
  });
});
