/**
 * Seed 002 in a real browser, the way a merchant walks it: a Rakuten link (API接続設定, with a new RSL
 * link) made from the connections screen against the sandbox mall and warehouse, a 商品マッピング by
 * hand and a CSV refused line by line, then 受注取込 and the 確認待 work — the fully unmapped order
 * deleted in Renkei only (the screen says Rakuten is not touched), the partly mapped one split so only
 * its mapped line goes to RSL — and the mall order numbers left to the other system. Self-contained:
 * its own sandbox shop, RSL account, sales channel and codes (the stack is shared).
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { pageApi, sandboxControl, signedInAdmin } from "./browser";

const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
const run = crypto.randomUUID().slice(0, 8);
let page: Page;
const pageErrors: string[] = [];

const control = (system: string, action: string, body: unknown) => sandboxControl(sandbox, system, action, body);

const api = (method: string, path: string, body?: unknown) => pageApi(page, method, path, body);

const item = (sku: string, units = 1) => ({ manageNumber: sku.toLowerCase(), variantId: sku.toLowerCase(), merchantDefinedSkuId: sku, itemName: `商品 ${sku}`, price: 1980, units });

signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

describe("楽天 + RSL in the admin, in a real browser", () => {
  it("the demo merchant has its sandbox Rakuten and RSL links verified, mapped and waiting to be started", async () => {
    const links = (await api("GET", "/api/connections")).items as { id: string; kind: string; status: string; settings: Record<string, unknown> }[];
    const rakuten = links.find((c) => c.kind === "rakuten" && String(c.settings.channelId ?? "").length && c.status === "authorized" && (c as { name?: string }).name?.includes("sandbox RMS"));
    expect(rakuten, JSON.stringify(links.map((c) => [c.kind, c.status]))).toBeDefined();
    expect(links.find((c) => c.id === rakuten!.settings.rslConnectionId)).toMatchObject({ kind: "rsl", status: "authorized" });
    expect((await api("GET", `/api/rakuten/links/${rakuten!.id}/mappings`)).items).toHaveLength(6);
    const status = await api("GET", `/api/rakuten/links/${rakuten!.id}/status`);
    expect(status.license.state).not.toBe("unknown");
  });


  it("a link is made and verified, mapped by hand, and its 確認待 orders are deleted (Renkei only) or split, leaving their mall order numbers for the other system", async () => {
    const shop = await control("rakuten", "seed", {
      serviceSecret: `SP_e2e_${run}`,
      settings: { ratePerSecond: 1000, asyncDelayMs: 0 },
      orders: [{ orderProgress: 100, items: [item("RB-001-RED")] }, { orderProgress: 100, items: [item("RB-001-RED"), item("MUG-900", 2)] }, { orderProgress: 100, items: [item("BAG-300-NVY")] }],
    });
    const [full, partly, unmapped] = shop.orderNumbers as [string, string, string];
    const apiKey = `rsl_e2e_${run}`;
    await control("rsl", "demo", { apiKey });
    const locations = (await api("GET", "/api/locations")).items as { id: string; code: string }[];
    await api("POST", "/api/channels", { code: `rk-${run}`, name: `楽天E2E ${run}`, kind: "mall", defaultLocationId: locations.find((l) => l.code === "W001")!.id });

    // ① API接続設定, reached from the connections screen, with a new RSL link
    await page.goto(`${hub}/admin/sync/connections`);
    await page.getByRole("link", { name: /楽天市場 \(RMS\) 連携を追加/ }).click();
    await page.getByLabel("連携名").first().fill(`楽天E2E ${run}`);
    await page.getByLabel("APIのURL").first().fill(`${sandbox}/rakuten`);
    await page.getByLabel("serviceSecret").fill(shop.serviceSecret);
    await page.getByLabel(/licenseKey/).fill(shop.licenseKey);
    await page.getByLabel("取込先の販売チャネル").selectOption({ label: `楽天E2E ${run} (rk-${run})` });
    await page.getByLabel("出荷依頼先 (RSL)").selectOption({ label: "＋ RSL連携を追加" });
    const rslForm = page.getByRole("group", { name: "RSL連携を追加" });
    await rslForm.getByLabel("連携名").fill(`RSL E2E ${run}`);
    await rslForm.getByLabel("APIのURL").fill(`${sandbox}/rsl`);
    await rslForm.getByLabel("RSL APIキー").fill(apiKey);
    await page.getByRole("button", { name: "連携を作成" }).click();
    await page.waitForURL(/\/admin\/sync\/rakuten\/con_/, { timeout: 10_000 });
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await expect.poll(() => page.getByTestId("license-expiry").textContent(), { timeout: 10_000 }).toMatch(/残り\d+日/);
    expect(await page.getByText("認証済み").count()).toBeGreaterThan(0);

    // ② 商品マッピング by hand; a CSV with a wrong line is refused line by line, nothing saved
    await page.getByRole("link", { name: "商品マッピング" }).click();
    await page.getByLabel("楽天SKU", { exact: true }).fill("RB-001-RED");
    await page.getByLabel("商品コード", { exact: true }).fill("RB-001-RED");
    await page.getByLabel("RSL商品コード").fill("RSL-10001");
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect.poll(() => page.getByRole("cell", { name: "RSL-10001" }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByLabel("CSVファイルで登録").setInputFiles({ name: "m.csv", mimeType: "text/csv", buffer: Buffer.from("楽天SKU,商品コード,RSL商品コード\nTS-100-S,TS-100-S,RSL-10003\nMUG-900,NO-SUCH-SKU,RSL-1\n", "utf8") });
    await expect.poll(() => page.getByTestId("upload-issues").textContent(), { timeout: 10_000 }).toMatch(/3行目.*商品コード.*NO-SUCH-SKU/);
    expect((await api("GET", `/api/rakuten/links/${id}/mappings`)).items).toHaveLength(1);

    // ③ 受注取込: started, one import run
    await api("POST", `/api/connections/${id}/start`);
    await api("POST", "/api/sync/run", { job: "rakuten.import-orders", connectionId: id });
    await expect.poll(async () => (await api("GET", `/api/rakuten/links/${id}/status`)).counts.orders, { timeout: 20_000, interval: 500 }).toBe(3);

    // the 確認待 work
    await page.getByRole("link", { name: "確認待" }).click();
    const all = page.getByRole("region", { name: "全商品未マッピング（自社出荷分）" });
    const some = page.getByRole("region", { name: /一部商品未マッピング/ });
    await expect.poll(() => all.getByRole("link", { name: unmapped }).count(), { timeout: 20_000, interval: 500 }).toBe(1);
    expect(await all.getByText(/楽天RMSの注文はキャンセルされません/).count()).toBe(1);
    await all.getByLabel(`${unmapped}を選択`).check();
    await all.getByRole("button", { name: "注文削除" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toMatch(/楽天RMSの注文はキャンセルされません/);
    await dialog.getByRole("button", { name: "注文削除" }).click();
    await expect.poll(() => page.getByText("注文削除: 1件を処理しました").count(), { timeout: 10_000 }).toBe(1);

    await expect.poll(() => page.getByRole("region", { name: /一部商品未マッピング/ }).getByRole("link", { name: partly }).count(), { timeout: 10_000 }).toBe(1);
    await some.getByLabel(`${partly}を選択`).check();
    await some.getByRole("button", { name: "出荷分割" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "出荷分割" }).click();
    await expect.poll(() => page.getByText("出荷分割: 1件を処理しました").count(), { timeout: 10_000 }).toBe(1);

    // only mapped lines reached RSL: the whole fully mapped order, and the split's RB-001-RED
    await expect
      .poll(async () => Object.keys((await control("rsl", "state", { apiKey })).shipmentsByOrder).sort(), { timeout: 20_000, interval: 500 })
      .toEqual([full, partly].sort());
    const shipments = (await control("rsl", "state", { apiKey })).shipments as { shopOrderNumber: string; lines: unknown[] }[];
    expect(shipments.find((s) => s.shopOrderNumber === partly)!.lines).toEqual([{ itemCode: "RSL-10001", quantity: 1 }]);

    // the orders left to the other system, by mall order number
    const other = page.getByRole("region", { name: "他の受注管理システムへ移す受注" });
    await expect.poll(() => other.getByRole("cell", { name: unmapped }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => other.getByRole("cell", { name: partly }).count(), { timeout: 10_000 }).toBe(1);
    expect(await other.getByRole("cell", { name: "MUG-900×2" }).count()).toBe(1);
    const csv = (await api("GET", `/api/rakuten/links/${id}/other-system.csv`)) as string;
    expect(csv).toContain(unmapped);

    // あす楽: the cut-off as a countdown
    await page.getByRole("link", { name: "あす楽 締め時間" }).click();
    await expect.poll(() => page.getByTestId("asuraku-countdown").textContent(), { timeout: 10_000 }).toMatch(/15:29.*\d+:\d{2}:\d{2}/);
    expect(pageErrors).toEqual([]);
  });
});
