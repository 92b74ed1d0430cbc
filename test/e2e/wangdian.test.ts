import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { signedInAdmin } from "./browser";
import { adminApi } from "./pos-helpers";

// A 旺店通 ERP link set up through the admin the way an implementer following seed 003 would: in a
// store and an ERP tenant of its own (unique codes seeded through the sandbox's control), so the
// other browser tests — and the demo's own 旺店通 link — see nothing of it. Its goods import asks
// for a range with no goods in it, so no product reaches the shared demo merchant.
const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
const code = `WD${Date.now().toString(36).toUpperCase()}`;
let page: Page;
const pageErrors: string[] = [];

async function control(action: string, body: unknown) {
  const response = await fetch(`${sandbox}/__control/wangdian/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

let api: Awaited<ReturnType<typeof adminApi>>;

beforeAll(async () => {
  api = await adminApi(hub);
  await api("POST", "/api/locations", { code, name: `旺店通E2E店 ${code}`, kind: "store" });
  await control("seed", {
    credentials: [{ sid: `${code}-sid`, appkey: `${code}-key`, appsecret: `${code}-secret` }],
    warehouses: [{ warehouse_no: code, name: `门店 ${code}` }],
    shops: [{ shop_no: `${code}-SHOP`, platform_id: 127, warehouses: [code] }],
    logistics: [
      { logistics_no: `${code}-WDH`, logistics_name: "门店自提(无单号)", is_no_waybill: 1 },
      { logistics_no: `${code}-COD`, logistics_name: "货到付款", is_support_cod: 1 },
    ],
    // the ERP counted 7 of a demo SKU at this store's warehouse: the daily sync's drift report shows it
    stock: [{ warehouse_no: code, spec_no: "CF-200", stock_num: 7 }],
  });
});
signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

const status = () => page.getByTestId("wd-status");
const region = (name: RegExp) => page.getByRole("region", { name });

describe("旺店通 ERP link in the admin, in a real browser", () => {
  it("is set up from the connections screen, verified (已授权), checked by hand, given its master, started, and shows its status", async () => {
    await page.goto(`${hub}/admin/sync/connections`);
    await page.getByRole("link", { name: /旺店通 ERP 連携を追加/ }).click();

    // the form, Chinese terms first; the lock of the store ID is said before anything is linked
    await expect.poll(() => page.getByText(/連携した後は店舗IDを変更できません/).count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel(/^对接名称/).fill(`旺店通 E2E ${code}`);
    await page.getByLabel(/^ERP接口地址/).fill(`${sandbox}/wangdian/openapi2`);
    await page.getByLabel(/^sid/).fill(`${code}-sid`);
    await page.getByLabel(/^appkey/).fill(`${code}-key`);
    await page.getByLabel(/^appsecret/).fill(`${code}-typo`);
    // no shop code and no store: the worker's messages land on those fields, nothing is created
    await page.getByRole("button", { name: /创建对接/ }).click();
    await expect.poll(() => page.getByText("店铺编号を入力してください (shop code required)").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText("連携する店舗を1つ以上選んでください (link at least one store)").count()).toBe(1);
    await page.getByLabel(/^店铺编号/).fill(`${code}-SHOP`);
    await page.getByRole("checkbox", { name: new RegExp(code) }).check();
    await page.getByRole("button", { name: /创建对接/ }).click();

    // the link's page: waiting for authorization until verified
    await expect.poll(() => status().textContent(), { timeout: 10_000 }).toBe("待授权 · 認証待ち");
    expect(await page.getByText("まだ確認していません。「验证/授权」を押してください。").count()).toBe(1);
    // a wrong secret: the ERP's own words stay on the link; new credentials, verified again
    await page.getByRole("button", { name: /验证\/授权/ }).click();
    const erpError = page.getByRole("alert").filter({ hasText: "ERP からのエラー" });
    await expect.poll(() => erpError.textContent(), { timeout: 15_000 }).toContain("签名错误");
    expect(await status().textContent()).toBe("待授权 · 認証待ち");
    await page.getByText(/^修改接口账号/).click();
    const credentials = page.locator("details");
    await credentials.getByLabel(/^sid/).fill(`${code}-sid`);
    await credentials.getByLabel(/^appkey/).fill(`${code}-key`);
    await credentials.getByLabel(/^appsecret/).fill(`${code}-secret`);
    await credentials.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => credentials.getByLabel(/^sid/).inputValue(), { timeout: 10_000 }).toBe("");
    await page.getByRole("button", { name: /验证\/授权/ }).click();
    await expect.poll(() => status().textContent(), { timeout: 15_000 }).toBe("已授权 · 認証済み");
    expect(await erpError.count()).toBe(0);
    const apiChecks = page.getByTestId("wd-api-checks");
    await expect.poll(() => apiChecks.getByText("✓").count()).toBe(5);
    expect(await apiChecks.textContent()).toContain(`仓库 ${code}`);
    expect(await apiChecks.getByText("✗").count()).toBe(0);

    // start is refused while hand checks and the master are missing: the reasons are listed
    await page.getByRole("button", { name: /启动对接/ }).click();
    const refusal = page.getByRole("alert").filter({ hasText: "開始できません" });
    await expect.poll(() => refusal.count(), { timeout: 10_000 }).toBe(1);
    expect(await refusal.textContent()).toContain("未確認: 已勾选【自动审核盘点入库】【自动审核盘点出库】");
    expect(await refusal.textContent()).toContain("在庫同期のマスターを選んでください");

    // the §2.3 checklist, ticked by the implementer, kept in the link's settings
    const checklist = region(/ERP端设置检查/).getByRole("checkbox");
    await expect.poll(() => checklist.count()).toBe(9);
    for (let i = 0; i < 9; i++) {
      await checklist.nth(i).check();
      await expect.poll(() => checklist.nth(i).isChecked(), { timeout: 10_000 }).toBe(true);
    }

    // the one-time stock master
    const master = region(/库存同步以谁为主/);
    await master.getByRole("combobox").selectOption("erp");
    await master.getByRole("button", { name: /确定/ }).click();
    await expect.poll(() => page.getByTestId("wd-master-current").textContent(), { timeout: 10_000 }).toContain("以ERP为主");

    await page.getByRole("button", { name: /启动对接/ }).click();
    await expect.poll(() => status().textContent(), { timeout: 10_000 }).toBe("同步中 · 連携中");

    // changing the master: a preview of what it overwrites first; refused while the link runs
    await master.getByRole("combobox").selectOption("stores");
    await master.getByRole("button", { name: /更改/ }).click();
    const preview = page.getByRole("dialog");
    await expect.poll(() => preview.getByTestId("wd-master-preview").textContent(), { timeout: 10_000 }).toContain("ERP の在庫が上書きされます");
    expect(await preview.textContent()).toMatch(/対象: 連携店舗で在庫のある \d+ 件の SKU/);
    await preview.getByRole("button", { name: "上書きを承知で変更する" }).click();
    await expect.poll(() => master.getByText("連携を停止してから変更してください (stop the link before changing the master)").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId("wd-master-current").textContent()).toContain("以ERP为主");

    // ERP商品导入: more than a month is refused on the field; a month with no new goods runs
    const goods = page.getByRole("form", { name: /ERP商品导入/ });
    await goods.getByLabel(/^开始日期/).fill("2020-01-01");
    await goods.getByLabel(/^截止日期/).fill("2020-03-01");
    await goods.getByRole("button", { name: /导入/ }).click();
    await expect.poll(() => goods.getByText(/期間は1か月以内です/).count(), { timeout: 10_000 }).toBe(1);
    await goods.getByLabel(/^截止日期/).fill("2020-01-31");
    await goods.getByRole("button", { name: /导入/ }).click();
    await expect.poll(() => page.getByTestId("wd-import-run").textContent(), { timeout: 20_000 }).toContain("成功");

    // the daily stock sync, run now (cron runs it at 02:10): the ERP is master, so Renkei takes its 7
    const linkId = new URL(page.url()).pathname.split("/").pop()!;
    await api("POST", "/api/sync/run", { job: "wangdian.stock-sync", connectionId: linkId });

    // the status page: export queue, last run of each job, dead letters, drift report
    await page.getByRole("link", { name: /对接状态/ }).click();
    await expect.poll(() => page.getByTestId("wd-export-totals").textContent(), { timeout: 10_000 }).toBe("送信待ち 0 件（うち失敗 0 件）");
    const runs = region(/連携ジョブの状況/);
    await expect.poll(() => runs.getByRole("row", { name: /ERP商品导入/ }).textContent(), { timeout: 10_000 }).toContain("成功");
    // the five jobs of the link (and the header); the link's own dead letters: none
    expect(await runs.getByRole("table").first().getByRole("row").count()).toBe(6);
    await expect.poll(() => runs.getByText("失敗したジョブはありません").count(), { timeout: 10_000 }).toBe(1);
    const drift = region(/库存同步差异报告/);
    await expect.poll(async () => (await page.reload(), await drift.getByTestId("wd-drift-summary").textContent({ timeout: 5_000 }).catch(() => "")), { timeout: 30_000 }).toMatch(/1 件（Renkei を更新 1 \/ ERP を更新 0 \/ 一致 0）/);
    const row = drift.getByRole("row", { name: /CF-200/ });
    await expect.poll(() => row.getByRole("cell").allTextContents(), { timeout: 10_000 }).toEqual([code, "CF-200", "0", "7", "7", "门店库存已按ERP更新 · Renkei を ERP に合わせた"]);
    await drift.getByRole("checkbox", { name: /只看有差异的/ }).check();
    await expect.poll(() => drift.getByRole("row").count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => (await runs.getByRole("button", { name: "最新の情報に更新" }).first().click(), await runs.getByRole("row", { name: /在庫同期/ }).textContent()), { timeout: 10_000 }).toContain("renkeiSet: 1");
    // the setup view is a link away and keeps its state
    await page.reload();
    await expect.poll(() => page.getByTestId("wd-export-totals").count(), { timeout: 10_000 }).toBe(1);

    // stop, after saying what stopping means; the connections list links to the page
    await page.getByRole("link", { name: /对接设置/ }).click();
    await page.getByRole("button", { name: /停止对接/ }).click();
    expect(await page.getByRole("dialog").textContent()).toContain("送信待ちの伝票は残り");
    await page.getByRole("dialog").getByRole("button", { name: /停止对接/ }).click();
    await expect.poll(() => status().textContent(), { timeout: 10_000 }).toBe("已停止 · 停止中");
    await page.goto(`${hub}/admin/sync/connections`);
    await page.getByRole("link", { name: `旺店通 E2E ${code}` }).click();
    await expect.poll(() => status().textContent(), { timeout: 10_000 }).toBe("已停止 · 停止中");
    expect(pageErrors).toEqual([]);
  });

  it("adds a store to the link, keeps one whose documents wait for the ERP, and says what each export is in words", async () => {
    const second = `${code}B`;
    await api("POST", "/api/locations", { code: second, name: `旺店通E2E二号店 ${second}`, kind: "store" });
    // 出库开单 at the linked store (it holds the 7 the ERP-master sync brought): waits for the ERP, the link being stopped
    const { items } = await api<{ items: { id: string; code: string }[] }>("GET", "/api/locations");
    const storeId = items.find((l) => l.code === code)!.id;
    const products = await api<{ items: { skus: { id: string; code: string }[] }[] }>("GET", "/api/products?q=CF-200");
    const skuId = products.items.flatMap((p) => p.skus).find((s) => s.code === "CF-200")!.id;
    await api("POST", "/api/outbound", { idempotencyKey: `e2e-wd-out-${code}`, locationId: storeId, reason: "破損", lines: [{ skuId, quantity: 1 }] });

    // a fresh load: the admin keeps the locations it read for the session, and the second store is new
    await page.reload();
    await page.getByRole("button", { name: /修改对接门店/ }).click();
    const stores = page.getByRole("form", { name: /修改对接门店/ });
    expect(await stores.textContent()).toContain("送信待ちの伝票がある店舗は、送信が終わるまで外せません");
    await stores.getByRole("checkbox", { name: new RegExp(second) }).check();
    await stores.getByRole("checkbox", { name: new RegExp(`${code} `) }).uncheck();
    await stores.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => stores.getByText(new RegExp(`${code} has 1 documents waiting for the ERP`)).count(), { timeout: 10_000 }).toBe(1);
    // kept whole: refused, nothing half-applied; then only the new store is added
    await stores.getByRole("checkbox", { name: new RegExp(`${code} `) }).check();
    await stores.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "連携店舗を保存しました" }).count(), { timeout: 10_000 }).toBe(1);
    const linked = await api<{ settings: { locationIds: string[] } }>("GET", `/api/connections/${new URL(page.url()).pathname.split("/").pop()}`);
    expect(linked.settings.locationIds).toHaveLength(2);

    // the export queue names the document and what the ERP gets
    await page.getByRole("link", { name: /对接状态/ }).click();
    await expect.poll(() => page.getByTestId("wd-export-totals").textContent(), { timeout: 10_000 }).toBe("送信待ち 1 件（うち失敗 0 件）");
    const queue = region(/回传ERP的单据|ERP への送信/);
    await expect.poll(() => queue.getByRole("row").nth(1).textContent(), { timeout: 10_000 }).toContain("出库开单 · 出庫 → 其他出库 · その他出庫");
    // the drift report's run is picked by its time
    const drift = region(/库存同步差异报告/);
    await expect.poll(() => drift.getByRole("combobox").locator("option").count(), { timeout: 10_000 }).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
