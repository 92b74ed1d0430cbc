import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { priceReceipt } from "../../shared/receipt";
import { signedInAdmin } from "./browser";

// The admin's store screens (店舗) as the demo owner: a device for S001 and its one-time code, the
// owner's POS PIN, then — in a store of its own, so the other browser tests (the POS sells at S001)
// see nothing of it — count sheets pushed by a paired tablet, submitted and approved into the stock,
// an inbound delivery received with a shortfall, and a defective return received into held stock.
const hub = inject("hubUrl");
// The POS browser test signs the owner in with this PIN too: setting the same one keeps it working.
const PIN = "2468";
let page: Page;
const pageErrors: string[] = [];

type Api = <T = unknown>(method: string, path: string, body?: unknown, token?: string) => Promise<T>;
let api: Api;
let ownerId: string;

/** The API from Node: as the demo owner (cookie + CSRF), or as a device with its token. */
async function connect(): Promise<Api> {
  const response = await fetch(`${hub}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "demo@renkei.test", password: "renkei-demo-2026" }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const me = (await response.json()) as { csrfToken: string; user: { id: string } };
  ownerId = me.user.id;
  return async (method, path, body, token) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    else Object.assign(headers, { cookie, "x-csrf-token": me.csrfToken });
    const r = await fetch(`${hub}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
    return json as never;
  };
}

beforeAll(async () => {
  api = await connect();
});
signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

const dialog = () => page.getByRole("dialog");

describe("admin store screens, in a real browser", () => {
  it("creates a device for S001, shows its one-time 8-digit code with the expiry, and revokes it after asking", async () => {
    await page.getByRole("link", { name: "店舗", exact: true }).click();
    await page.getByRole("link", { name: "端末", exact: true }).click();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "端末を追加" }) });
    await form.getByLabel("店舗").selectOption({ label: "渋谷店 (S001)" });
    await form.getByLabel("端末名").fill("E2E 管理画面テスト端末");
    await form.getByRole("button", { name: "端末を追加" }).click();

    const code = page.locator("output.pairing-code");
    await expect.poll(() => code.textContent(), { timeout: 10_000 }).toMatch(/^\d{8}$/);
    await expect.poll(() => page.getByText(/^有効期限 .*（Asia\/Tokyo）$/).count()).toBe(1);
    expect(await page.getByText(/1回だけ使え/).count()).toBe(1);

    const row = page.getByRole("row", { name: /E2E 管理画面テスト端末/ });
    await expect.poll(() => row.locator(".run").textContent(), { timeout: 10_000 }).toBe("登録待ち");
    expect(await row.textContent()).toContain("渋谷店");
    await row.getByRole("button", { name: "無効化" }).click();
    expect(await dialog().textContent()).toContain("未送信の伝票は端末に残り");
    await dialog().getByRole("button", { name: "無効化" }).click();
    await expect.poll(() => row.locator(".run").textContent(), { timeout: 10_000 }).toBe("無効");
    expect(await row.getByRole("button").count()).toBe(0);
    // the code was shown once: gone with the revoked device
    expect(await code.count()).toBe(0);
  });

  it("sets the owner's POS PIN: the worker's rule shows under the field, then it is saved", async () => {
    await page.getByRole("link", { name: "スタッフ・PIN" }).click();
    const row = page.getByRole("row", { name: /デモ オーナー/ });
    await row.getByRole("button", { name: "PINを設定" }).click({ timeout: 10_000 });
    const form = page.locator("form", { has: page.getByRole("heading", { name: "「デモ オーナー」のPOS用PIN" }) });
    await form.getByLabel("PINを設定").fill("12a");
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => form.getByText(/4〜8桁の数字/).count(), { timeout: 10_000 }).toBe(1);
    await form.getByLabel("PINを設定").fill(PIN);
    await form.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent(), { timeout: 10_000 }).toBe("「デモ オーナー」のPINを設定しました");
  });

  describe("in a store of its own, with a paired tablet", () => {
    let storeId: string;
    let storeLabel: string;
    let token: string;
    const sku: Record<string, string> = {};
    const level = async (code: string) =>
      (await api<{ items: { onHand: number; held: number; available: number }[] }>("GET", `/api/stock?locationId=${storeId}&skuId=${sku[code]}`)).items[0];
    const push = async (document: Record<string, unknown>) => {
      const { results } = await api<{ results: { status: string; issues?: unknown }[] }>("POST", "/api/pos/documents", { documents: [document] }, token);
      expect(results[0], JSON.stringify(results[0])).toMatchObject({ status: "accepted" });
    };
    let counter = 0;
    const base = () => ({ id: randomUUID(), number: `E2E-01-${String(++counter).padStart(6, "0")}`, occurredAt: new Date().toISOString(), staffId: ownerId });

    beforeAll(async () => {
      const code = `E2E${Date.now().toString(36).toUpperCase()}`;
      storeLabel = `E2E店 (${code})`;
      storeId = (await api<{ id: string }>("POST", "/api/locations", { code, name: "E2E店", kind: "store" })).id;
      for (const q of ["TS-100", "CF-200"]) {
        const products = await api<{ items: { skus: { id: string; code: string }[] }[] }>("GET", `/api/products?q=${q}`);
        for (const s of products.items.flatMap((p) => p.skus)) sku[s.code] = s.id;
      }
      await api("POST", "/api/stock/adjustments", { idempotencyKey: `e2e-store-${code}`, skuId: sku["TS-100-S"], locationId: storeId, quantity: 5, reason: "receipt" });
      const device = await api<{ pairingCode: string }>("POST", "/api/devices", { locationId: storeId, name: "E2E店 レジ1" });
      token = (await api<{ token: string }>("POST", "/api/pos/pair", { pairingCode: device.pairingCode })).token;
    });

    it("the tablet checks the owner's new PIN with the hub", async () => {
      expect(await api("POST", "/api/pos/staff/pin", { staffId: ownerId, pin: PIN }, token)).toMatchObject({ ok: true, staffId: ownerId });
    });

    it("two count sheets are submitted with their expected surplus / deficit, approved by the owner, and the stock follows", async () => {
      await push({ ...base(), kind: "stocktake", area: "棚A", lines: [{ skuId: sku["TS-100-S"], counted: 2 }, { skuId: sku["CF-200"], counted: 4 }] });
      await push({ ...base(), kind: "stocktake", area: "棚B", lines: [{ skuId: sku["TS-100-S"], counted: 1 }] });

      // a fresh load: the admin keeps the locations it read for the session, and this store is new
      await page.goto(`${hub}/admin/store/documents`);
      await page.getByRole("link", { name: "棚卸", exact: true }).click();
      await page.getByLabel("店舗").selectOption({ label: storeLabel });
      const sheets = page.getByRole("table").first();
      await expect.poll(() => sheets.getByRole("row").count(), { timeout: 10_000 }).toBe(3);
      expect(await sheets.textContent()).toContain("棚A");
      await page.getByRole("checkbox", { name: "すべて選択" }).check();
      // the selection's preview: TS-100-S 2 + 1 = 3 counted against 5 on hand; CF-200 4 against none
      await expect.poll(() => page.getByText(/^棚卸増 1品目（\+4）／棚卸減 1品目（−2）/).count(), { timeout: 10_000 }).toBe(1);
      await page.getByRole("button", { name: "選択した2枚を提出" }).click();
      const notice = page.getByRole("status");
      await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain("棚卸を提出しました");
      await expect.poll(() => sheets.getByRole("row").count(), { timeout: 10_000 }).toBe(1);

      await notice.getByRole("link").click();
      await expect.poll(() => page.getByText("承認待ち").count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.getByText(/在庫台帳に計上/).count()).toBeGreaterThan(0);
      const deficit = page.getByRole("row", { name: /TS-100-S/ });
      await expect.poll(() => deficit.textContent(), { timeout: 10_000 }).toMatch(/3\s*5\s*−2 棚卸減（盘亏）/);
      expect(await page.getByRole("row", { name: /CF-200/ }).textContent()).toMatch(/4\s*0\s*\+4 棚卸増（盘盈）/);
      await page.getByRole("button", { name: "承認", exact: true }).click();
      await dialog().getByRole("button", { name: "承認", exact: true }).click();
      await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toBe("承認しました。在庫の調整 2件を計上しました");
      await expect.poll(() => page.getByText("計上済み").count()).toBeGreaterThan(0);
      expect(await page.getByRole("button", { name: "承認", exact: true }).count()).toBe(0);

      await page.goto(`${hub}/admin/stock?locationId=${storeId}`);
      await expect.poll(() => page.getByRole("row", { name: /TS-100-S/ }).getByRole("cell").nth(3).textContent(), { timeout: 10_000 }).toBe("3");
      expect(await page.getByRole("row", { name: /CF-200/ }).getByRole("cell").nth(3).textContent()).toBe("4");
    });

    it("an inbound delivery is entered with the SKU search, received short by the tablet, and shows the difference", async () => {
      await page.goto(`${hub}/admin/store/inbound`);
      await page.getByRole("button", { name: "入荷予定を登録" }).click();
      const form = page.locator("form", { has: page.getByRole("heading", { name: "入荷予定を登録" }) });
      await form.getByLabel("店舗").selectOption({ label: storeLabel });
      await form.getByLabel("参照番号").fill("PO-E2E-1");
      for (const [code, quantity] of [["TS-100-L", "6"], ["CF-200", "2"]] as const) {
        await form.getByRole("searchbox", { name: "商品検索" }).fill(code);
        await form.getByRole("button", { name: "検索", exact: true }).click();
        await form.getByRole("button", { name: new RegExp(`^${code} `) }).click();
        await form.getByLabel("数量").last().fill(quantity);
      }
      await form.getByRole("button", { name: "入荷予定を登録" }).click();
      await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toMatch(/^入荷予定 inb_\w+ を登録しました$/);
      const row = page.getByRole("row", { name: /PO-E2E-1(?!\d)/ });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("入荷待ち");
      expect(await row.textContent()).toContain("仕入");

      // the tablet of that store sees the delivery, and receives one T-shirt short
      const { items } = await api<{ items: { id: string; reference: string }[] }>("GET", "/api/pos/inbound", undefined, token);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ reference: "PO-E2E-1" });
      await push({ ...base(), kind: "receipt", inboundId: items[0]!.id, lines: [{ skuId: sku["TS-100-L"], received: 5 }, { skuId: sku["CF-200"], received: 2 }] });

      await page.reload();
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("受付済み");
      await row.getByRole("link").click();
      await expect.poll(() => page.getByRole("row", { name: /TS-100-L/ }).textContent(), { timeout: 10_000 }).toMatch(/6\s*5\s*−1$/);
      expect(await page.getByRole("row", { name: /CF-200/ }).textContent()).toMatch(/2\s*2\s*0$/);
      expect(await page.getByRole("link", { name: "E2E-01-000003" }).count()).toBe(1);
    });

    it("a return with a defective line is received into stock from its document: held, not sellable", async () => {
      const lines = [{ skuId: sku["TS-100-S"]!, quantity: 1, unitPrice: 3300, discount: 0, taxRate: 10, defective: true }];
      const priced = priceReceipt(lines, 0, "inclusive", "JPY");
      await push({
        ...base(),
        kind: "return",
        taxDisplay: "inclusive",
        subtotalDiscount: 0,
        total: priced.total,
        tax: priced.tax.tax,
        originalId: null,
        approvedBy: ownerId,
        lines,
        refunds: [{ method: "現金", kind: "cash", amount: priced.total }],
      });

      await page.goto(`${hub}/admin/store/documents`);
      await page.getByLabel("店舗").selectOption({ label: storeLabel });
      await page.getByLabel("種類").selectOption({ label: "返品" });
      await page.getByRole("button", { name: "検索", exact: true }).click();
      await page.getByRole("link", { name: "E2E-01-000004" }).click({ timeout: 10_000 });
      const line = page.getByRole("row", { name: /TS-100-S/ });
      await expect.poll(() => line.textContent(), { timeout: 10_000 }).toContain("不良品（残次品）");
      expect(await line.textContent()).toContain("¥3,300");
      expect(await page.getByText("¥300", { exact: true }).count()).toBe(1);
      await page.getByRole("button", { name: "入庫", exact: true }).click();
      expect(await dialog().textContent()).toMatch(/不良品（残次品）は在庫数に入りますが「保留」/);
      await dialog().getByRole("button", { name: "入庫", exact: true }).click();
      await expect.poll(() => page.getByRole("status").textContent(), { timeout: 10_000 }).toBe("入庫しました");
      await expect.poll(() => page.getByText("計上済み").count()).toBeGreaterThan(0);
      expect(await page.getByRole("button", { name: "入庫", exact: true }).count()).toBe(0);
      expect(await level("TS-100-S")).toMatchObject({ onHand: 4, held: 1, available: 3 });
      expect(pageErrors).toEqual([]);
    });
  });
});
