import { describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser, signedInAdmin } from "./browser";

// Seed 001 walked as a merchant does it, in a real browser against the sandbox NextEngine: 外部連携 →
// ネクストエンジン連携設定へ → 基本設定 (a refused combination shows its reason) → 連携を解除する →
// 連携を開始する → NextEngine's login page → back, linked → 今すぐ受注を取り込む → 出荷確定 with a
// tracking number, which NextEngine then shows as 出荷確定済 and the link's page lists per order →
// 入荷予定 registered on the page (a bad CSV row named first) → 入荷確定. It logs in to a NextEngine
// company of its own and ships and receives a product of its own (made here), so it shares nothing with
// other tests — not even the demo stock they read — but the demo merchant's one NextEngine link. The
// later tests open Renkei from NextEngine's app menu (signed out, then signed in) and replay a refused
// 出荷確定 report, each with a NextEngine company and product of its own.
const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function control(action: string, body: Record<string, unknown>) {
  const response = await fetch(`${sandbox}/__control/nextengine/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, any>;
}

/** A product of its own with 10 at 本倉庫, made through the API as a merchant's import would. */
async function ownProduct(code: string) {
  await page.evaluate(async (code) => {
    const me = (await (await fetch("/api/auth/me")).json()) as { csrfToken: string };
    const post = async (path: string, body: unknown) => {
      const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: JSON.stringify(body) });
      if (response.status >= 300) throw new Error(`${path}: ${await response.text()}`);
      return response.json();
    };
    const locations = (await (await fetch("/api/locations")).json()) as { items: { id: string; code: string }[] };
    const product = await post("/api/products", { code, name: `E2E ${code}`, skus: [{ code, price: 1500 }] });
    await post("/api/stock/adjustments", { idempotencyKey: `e2e-${code}`, skuId: product.skus[0].id, locationId: locations.items.find((l) => l.code === "W001")!.id, quantity: 10, reason: "receipt" });
  }, code);
}

signedInAdmin(hub, pageErrors, (session) => ({ page, context } = session));

describe("ネクストエンジン連携 in the admin, in a real browser", () => {
  it("settings refuse ② without ① with the reason; unlink, link again through NextEngine's login; import and ship an order, listed as 出荷済み; register a delivery (a bad CSV row named) and receive it (④)", async () => {
    const companyName = `E2E商店 ${Date.now()}`;
    const code = `NE-E2E-${Date.now()}`;
    await ownProduct(code);
    // its own company, and an order number of its own (NextEngine numbers orders per company)
    const neId = String(700_000_000 + (Date.now() % 100_000_000));
    const company = await control("seed", {
      companyName,
      goods: [{ goods_id: code, stock_quantity: 30 }],
      orders: [{ receive_order_id: neId, receive_order_gruoping_tag: "[ロジクラ受注取込対象]", rows: [{ receive_order_row_goods_id: code, receive_order_row_quantity: 1, receive_order_row_unit_price: 3300 }] }],
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

    // each order's result of reporting back: this one NextEngine now shows as 出荷済み, with its number
    const results = page.locator("section.card", { has: page.getByRole("heading", { name: "出荷確定の反映結果（受注ごと）" }) });
    await results.getByRole("button", { name: "再読み込み" }).click();
    await results.getByRole("row", { name: new RegExp(`${neId}.*出荷済みに更新.*4321-8765-0000`) }).waitFor({ timeout: 10_000 });

    // 入荷予定 at 本倉庫, registered on the page: a CSV row with an unknown code is named, nothing registered
    const reference = `PO-E2E-${Date.now()}`;
    const register = page.locator("section.card", { has: page.getByRole("heading", { name: "入荷予定の登録" }) });
    await register.getByText("CSVで登録").click();
    await register.locator('textarea[name="expectedCsv"]').fill(`拠点コード,商品コード,数量,発注番号,種別\nW001,${code},3,${reference},仕入\nW001,NO-SUCH-CODE,1,${reference}\nW001,${code},1,${reference}-R,返品`);
    await register.getByRole("button", { name: "CSVの入荷予定を登録する" }).click();
    await register.getByText(/3行目: code: 商品コード「NO-SUCH-CODE」が見つかりません/).waitFor({ timeout: 10_000 });
    // a 種別 that is none of 仕入 / 移動 / その他 is named by its row and column
    await register.getByText(/4行目: kind: 種別「返品」/).waitFor();
    // by hand instead, as a 移動 (transfer): the delivery keeps its kind
    await register.getByLabel("種別", { exact: true }).selectOption({ label: "移動" });
    await register.getByLabel("拠点 1").selectOption({ label: "本倉庫 (W001)" });
    await register.getByLabel("商品コード 1").fill(code);
    await register.getByLabel("数量 1").fill("3");
    await register.getByLabel("発注番号 1").fill(reference);
    await register.getByRole("button", { name: "入荷予定を登録する", exact: true }).click();
    await register.getByText("1件の入荷予定を登録しました").waitFor({ timeout: 10_000 });
    const neStock = async () => Number(((await control("stock", { companyId: company.companyId })).stock as any[]).find((r) => r.stock_goods_id === code).stock_quantity);
    const before = await neStock();
    await page.locator('select[name="receiveLocation"]').selectOption({ label: "本倉庫 (W001)" });
    const delivery = page.locator(`[data-delivery="${reference}"]`);
    await delivery.locator('[data-kind="transfer"]').getByText("移動").waitFor({ timeout: 10_000 });
    await delivery.getByLabel(`入荷数: ${code}`).fill("2");
    await delivery.getByRole("button", { name: "入荷確定" }).click();
    await page.getByText(`${reference} を入荷確定しました`).waitFor({ timeout: 10_000 });
    // ④ with 本倉庫 ticked: NextEngine's stock goes up by what was counted, promptly
    await expect.poll(neStock, { timeout: 20_000, interval: 500 }).toBe(before + 2);
    await page.locator("section.card", { has: page.getByRole("heading", { name: "在庫アップロード" }) }).getByRole("button", { name: "再読み込み" }).click();
    await page.locator('[data-upload-status="applied"]').first().waitFor({ timeout: 10_000 });
    // each job's last run, for this link
    const jobs = page.getByRole("region", { name: "連携ジョブの状況" });
    await jobs.getByRole("button", { name: "最新の情報に更新" }).first().click();
    await jobs.getByRole("row", { name: /受注取り込み.*成功/ }).waitFor({ timeout: 10_000 });
    expect(pageErrors).toEqual([]);
  });

  it("opened from NextEngine's app menu while signed out of Renkei: sign in, and the launch completes — the link is active", async () => {
    // a browser of its own, signed out; its own NextEngine company
    const signedOut = await openBrowser();
    try {
      const outPage = await signedOut.context.newPage();
      const errors: string[] = [];
      outPage.on("pageerror", (error) => errors.push(error.message));
      const companyName = `起動E2E商店 ${Date.now()}`;
      const company = await control("seed", { companyName });
      const launched = await control("launch", { companyId: company.companyId, redirectUri: `${hub}/oauth/nextengine/callback` });
      await outPage.goto(launched.url);
      // Renkei asks to sign in first, and says it will come back
      await outPage.getByText("ログインすると、開いていた操作").waitFor({ timeout: 15_000 });
      expect(new URL(outPage.url()).searchParams.get("next")).toMatch(/^\/oauth\/nextengine\/callback\?uid=/);
      await outPage.getByLabel(/メールアドレス/).fill("demo@renkei.test");
      await outPage.getByLabel(/パスワード/).fill("renkei-demo-2026");
      await outPage.getByRole("button", { name: /サインイン|ログイン/ }).click();
      await outPage.getByText("ネクストエンジンとの連携が完了しました").waitFor({ timeout: 15_000 });
      expect(new URL(outPage.url()).pathname).toMatch(/^\/admin\/nextengine\//);
      await outPage.locator('[data-state="started"]').waitFor();
      await outPage.getByText(companyName).first().waitFor();
      expect(errors).toEqual([]);
    } finally {
      await signedOut.close();
    }
  });

  it("an order NextEngine refused to mark 出荷済み is replayed from its row (再送) and then shows 出荷済み", async () => {
    const code = `NE-RP-${Date.now()}`;
    await ownProduct(code);
    const neId = String(800_000_000 + (Date.now() % 100_000_000));
    const companyName = `再送E2E商店 ${Date.now()}`;
    const company = await control("seed", {
      companyName,
      goods: [{ goods_id: code, stock_quantity: 30 }],
      orders: [{ receive_order_id: neId, receive_order_gruoping_tag: "[ロジクラ受注取込対象]", rows: [{ receive_order_row_goods_id: code, receive_order_row_quantity: 1, receive_order_row_unit_price: 2200 }] }],
    });
    // opened from NextEngine's app menu, signed in: the link logs in to this company
    const launched = await control("launch", { companyId: company.companyId, redirectUri: `${hub}/oauth/nextengine/callback` });
    await page.goto(launched.url);
    await page.getByText("ネクストエンジンとの連携が完了しました").waitFor({ timeout: 15_000 });
    await page.getByText(companyName).first().waitFor();
    // NextEngine refuses the next 出荷確定 it is sent
    await control("fail", { companyId: company.companyId, kind: "error", path: "/api_v1_receiveorder_base/shipped", code: "020100", message: "出荷確定できない受注伝票です" });
    await page.getByRole("button", { name: "今すぐ受注を取り込む" }).click();
    const tracking = page.locator(`input[name="tracking-${neId}"]`);
    await tracking.waitFor({ timeout: 20_000 });
    await tracking.fill("5555-0000-1111");
    await page.locator(`input[name="carrier-${neId}"]`).fill("佐川急便");
    await page.getByRole("button", { name: "選択した1件を出荷確定" }).click();
    await page.getByText("1件を出荷確定しました").waitFor({ timeout: 10_000 });

    const results = page.locator("section.card", { has: page.getByRole("heading", { name: "出荷確定の反映結果（受注ごと）" }) });
    const row = results.getByRole("row", { name: new RegExp(neId) });
    await expect
      .poll(async () => {
        await results.getByRole("button", { name: "再読み込み" }).click();
        return (await row.count()) ? row.locator("[data-outcome]").getAttribute("data-outcome") : null;
      }, { timeout: 20_000, interval: 500 })
      .toBe("refused");
    await row.getByText("出荷確定できない受注伝票です").waitFor();
    await row.getByRole("button", { name: "再送" }).click();
    await results.getByText("1件の再送を開始しました").waitFor({ timeout: 10_000 });
    // the row follows the replay by itself until it has its outcome
    await row.getByText("再送結果: 出荷済みに更新").waitFor({ timeout: 20_000 });
    expect(await row.locator("[data-outcome]").getAttribute("data-outcome")).toBe("shipped");
    await expect
      .poll(async () => ((await control("orders", { companyId: company.companyId })).orders as any[]).find((o) => o.base.receive_order_id === neId)?.base, { timeout: 10_000, interval: 500 })
      .toMatchObject({ receive_order_order_status_id: "50", receive_order_delivery_cut_form_id: "5555-0000-1111" });
    expect(pageErrors).toEqual([]);
  });
});
