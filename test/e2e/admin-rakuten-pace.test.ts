/**
 * Seed 002's time-bound screens in a real browser: the あす楽 tab (ship day of each order and the
 * countdown to the 締め時間) and the 確認待 list beyond one page. Deterministic without touching any
 * clock: the cut-off is the merchant's setting, so the test sets it (on 受注取込設定, as a merchant
 * would) a little after or before the real JST time and places its orders around it; the view the
 * worker computes from those data is then known. Self-contained: its own sandbox shops, sales
 * channels and links (the stack is shared; the demo's stock is not touched).
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { pageApi, sandboxControl, signedInAdmin } from "./browser";

const hub = inject("hubUrl");
const sandbox = inject("sandboxUrl");
const run = crypto.randomUUID().slice(0, 8);
let page: Page;
const pageErrors: string[] = [];

const JST_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const jstDate = (ms: number) => new Date(ms + JST_MS).toISOString().slice(0, 10);
const rmsDatetime = (ms: number) => `${new Date(ms + JST_MS).toISOString().slice(0, 19)}+0900`;
const minuteOfJstDay = (ms: number) => Math.floor(((ms + JST_MS) % DAY_MS) / 60_000);
/** "h:mm:ss" as the countdown shows it, in seconds. */
const seconds = (text: string) => {
  const [h, m, s] = text.split(":").map(Number) as [number, number, number];
  return h * 3600 + m * 60 + s;
};

const control = (system: string, action: string, body: unknown) => sandboxControl(sandbox, system, action, body);

const api = (method: string, path: string, body?: unknown) => pageApi(page, method, path, body);

const item = (sku: string) => ({ manageNumber: sku.toLowerCase(), variantId: sku.toLowerCase(), merchantDefinedSkuId: sku, itemName: `商品 ${sku}`, price: 1980, units: 1 });

/** A sandbox shop with these orders, its own sales channel, and a started link to it (no RSL: nothing leaves 確認待). */
async function linkWith(tag: string, seed: object) {
  const shop = await control("rakuten", "seed", { serviceSecret: `SP_e2e_${tag}_${run}`, settings: { ratePerSecond: 1000, asyncDelayMs: 0 }, ...seed });
  const locations = (await api("GET", "/api/locations")).items as { id: string; code: string }[];
  const channel = await api("POST", "/api/channels", { code: `rk-${tag}-${run}`, name: `楽天 ${tag} ${run}`, kind: "mall", defaultLocationId: locations.find((l) => l.code === "W001")!.id });
  const link = await api("POST", "/api/connections", {
    kind: "rakuten",
    name: `楽天 ${tag} ${run}`,
    baseUrl: `${sandbox}/rakuten`,
    credentials: { serviceSecret: shop.serviceSecret, licenseKey: shop.licenseKey },
    settings: { channelId: channel.id, callIntervalMs: 0 },
  });
  await api("POST", `/api/connections/${link.id}/verify`);
  await api("POST", `/api/connections/${link.id}/start`);
  await api("POST", "/api/sync/run", { job: "rakuten.import-orders", connectionId: link.id });
  const count = (shop.orderNumbers as string[]).length;
  await expect.poll(async () => (await api("GET", `/api/rakuten/links/${link.id}/status`)).counts.orders, { timeout: 30_000, interval: 500 }).toBe(count);
  return { id: link.id as string, orderNumbers: shop.orderNumbers as string[] };
}

signedInAdmin(hub, pageErrors, (session) => ({ page } = session));

describe("楽天: あす楽 and 確認待 paging, in a real browser", () => {
  it("あす楽: before the cut-off every order ships today and the countdown runs to it; after it, the countdown is to tomorrow's, orders in time have missed it and one placed after it ships the next day", async () => {
    // a few minutes either side of JST midnight would let "today" move under the test: start after it
    while (minuteOfJstDay(Date.now()) >= 1436) await new Promise((resolve) => setTimeout(resolve, 5_000));
    const now = Date.now();
    const minute = minuteOfJstDay(now);
    const midnight = Math.floor((now + JST_MS) / DAY_MS) * DAY_MS - JST_MS;
    const at = (day: number, m: number) => midnight + day * DAY_MS + m * 60_000;
    const today = jstDate(now);
    const tomorrow = jstDate(now + DAY_MS);
    // before: the cut-off half an hour ahead (at most 23:58); after: three minutes ago
    const before = minute <= 1430 ? Math.min(minute + 30, 1438) : null;
    const after = minute >= 5 ? minute - 3 : null;
    const placed = [
      { key: "x", at: at(-1, (before ?? 1438) + 1) }, // yesterday after any of today's cut-offs: ships today
      ...(after !== null ? [{ key: "y", at: at(0, after + 1) }, { key: "z", at: at(0, after - 1) }] : []), // today either side of `after`
    ];
    const link = await linkWith("asu", { orders: placed.map((p) => ({ orderProgress: 300, asurakuFlag: 1, orderDatetime: rmsDatetime(p.at), items: [item("MUG-900")] })) });
    const number = Object.fromEntries(placed.map((p, i) => [p.key, link.orderNumbers[i]!]));

    const setCutoff = async (cutoff: string) => {
      await page.goto(`${hub}/admin/sync/rakuten/${encodeURIComponent(link.id)}?tab=settings`);
      const field = page.getByLabel("あす楽 締め時間", { exact: true });
      await field.fill(cutoff);
      await page.getByRole("button", { name: "受注取込設定を保存" }).click();
      await expect.poll(() => page.getByText("保存しました。").count(), { timeout: 10_000 }).toBe(1);
      await page.getByRole("link", { name: "あす楽 締め時間" }).click();
    };
    const countdown = () => page.getByTestId("asuraku-countdown").textContent();
    const shipDays = async () => {
      const rows = page.getByRole("row").filter({ has: page.locator("[data-ship-day]") });
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(placed.length);
      return Object.fromEntries(
        await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector("a")!.textContent!, [tr.querySelector("[data-ship-day]")!.getAttribute("data-ship-day"), tr.querySelector("[data-ship-day]")!.textContent]])),
      ) as Record<string, [string, string]>;
    };

    if (before !== null) {
      await setCutoff(hhmm(before));
      await expect.poll(countdown, { timeout: 10_000 }).toMatch(new RegExp(`^本日の締め時間 ${hhmm(before)} まであと \\d+:\\d{2}:\\d{2}$`));
      const shown = seconds(/あと (\S+)$/.exec((await countdown())!)![1]!);
      expect(Math.abs(shown - (at(0, before + 1) - Date.now()) / 1000)).toBeLessThan(5);
      // it ticks on the page
      await expect.poll(async () => seconds(/あと (\S+)$/.exec((await countdown())!)![1]!), { timeout: 5_000 }).toBeLessThan(shown);
      const days = await shipDays();
      for (const p of placed) expect(days[number[p.key]!], p.key).toEqual(["today", `本日 ${today}（締め時間までにRSLへ）`]);
    }

    if (after !== null) {
      await setCutoff(hhmm(after));
      await expect.poll(countdown, { timeout: 10_000 }).toMatch(new RegExp(`^本日の締め時間 ${hhmm(after)} は過ぎました。次の締めまで \\d+:\\d{2}:\\d{2}$`));
      const shown = seconds(/まで (\S+)$/.exec((await countdown())!)![1]!);
      expect(Math.abs(shown - (at(1, after + 1) - Date.now()) / 1000)).toBeLessThan(5);
      const days = await shipDays();
      expect(days[number.x!]).toEqual(["missed", `締め時間超過（${today} の当日出荷に間に合いませんでした）`]);
      expect(days[number.z!]).toEqual(["missed", `締め時間超過（${today} の当日出荷に間に合いませんでした）`]);
      expect(days[number.y!]).toEqual(["next", `翌日 ${tomorrow}（締め時間後の注文）`]);
    }
    expect(pageErrors).toEqual([]);
  });

  it("API呼び出し間隔 on API接続設定: its meaning and RMS's limit are shown, a sandbox gap under the limit is flagged, a value out of range is refused on the field", async () => {
    const link = await linkWith("gap", { orders: [] });
    await page.goto(`${hub}/admin/sync/rakuten/${encodeURIComponent(link.id)}?tab=link`);
    const form = page.getByTestId("call-gap");
    await expect.poll(() => form.textContent(), { timeout: 10_000 }).toContain("1店舗あたり1秒に1回");
    expect(await form.textContent()).toContain("1000ミリ秒未満にはできません");
    expect(await form.getByRole("alert").textContent()).toContain("サンドボックスでのみ使えます");
    const field = form.getByLabel("API呼び出し間隔 (ミリ秒)");
    expect(await field.inputValue()).toBe("0");
    await field.fill("20000");
    await form.getByRole("button", { name: "呼び出し間隔を保存" }).click();
    await expect.poll(() => form.textContent(), { timeout: 10_000 }).toContain("10000ミリ秒 (10秒) までです");
    expect((await api("GET", `/api/connections/${link.id}`)).settings.callIntervalMs).toBe(0);
    await field.fill("1000");
    await form.getByRole("button", { name: "呼び出し間隔を保存" }).click();
    await expect.poll(() => form.textContent(), { timeout: 10_000 }).toContain("API呼び出し間隔を保存しました");
    expect((await api("GET", `/api/connections/${link.id}`)).settings.callIntervalMs).toBe(1000);
    await expect.poll(() => form.getByRole("alert").count(), { timeout: 10_000 }).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("確認待 beyond one page: 50 a page, さらに表示 loads the rest, no order twice and none missing", async () => {
    const count = 60;
    const now = Date.now();
    const link = await linkWith("page", { generate: { count, from: new Date(now - 3 * DAY_MS).toISOString(), to: new Date(now - DAY_MS).toISOString(), skus: ["MUG-900"], orderProgress: 300 } });

    await page.goto(`${hub}/admin/sync/rakuten/${encodeURIComponent(link.id)}?tab=waiting`);
    await page.getByLabel("1ページの表示件数").selectOption("50");
    const all = page.getByRole("region", { name: "全商品未マッピング（自社出荷分）" });
    const numbers = () => all.getByRole("row").locator("a").allTextContents();
    await expect.poll(async () => (await numbers()).length, { timeout: 15_000 }).toBe(50);
    expect(await all.getByRole("heading").first().textContent()).toContain("(50+)");
    const first = await numbers();
    await all.getByRole("button", { name: "さらに表示" }).click();
    await expect.poll(async () => (await numbers()).length, { timeout: 15_000 }).toBe(count);
    const listed = await numbers();
    expect(listed.slice(0, 50)).toEqual(first);
    expect(new Set(listed).size).toBe(count);
    expect([...listed].sort()).toEqual([...link.orderNumbers].sort());
    expect(await all.getByRole("button", { name: "さらに表示" }).count()).toBe(0);
    expect(await all.getByRole("heading").first().textContent()).toContain(`(${count})`);

    // leave the demo merchant's order list as it was (Renkei only; nothing at Rakuten changes)
    const ids = ((await api("GET", `/api/orders?channelId=${encodeURIComponent((await api("GET", `/api/connections/${link.id}`)).settings.channelId)}&limit=100`)).items as { id: string }[]).map((o) => o.id);
    expect(ids).toHaveLength(count);
    expect((await api("POST", "/api/orders/bulk/delete", { orderIds: ids })).changed).toBe(count);
    expect(pageErrors).toEqual([]);
  });
});
