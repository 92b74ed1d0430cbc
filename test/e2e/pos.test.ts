import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { openBrowser } from "./browser";
import { adminApi, committedNumber, demoStoreId, hubDocuments as storeDocuments, newDeviceAndClerk, pairAndSignIn, scan as scanInto, type Api } from "./pos-helpers";

// The store POS as a clerk uses it, against the stack `npm start` runs: pair a tablet with a code
// from the admin API, sign in with a PIN, go offline, sell seed 004's ribbon (85 cm × 3 = ¥2,550)
// and more, take a return (one line defective), an exchange and a stocktake sheet — all offline —
// reload while offline (the app and every document are still there), come back online and see
// each document reach the hub exactly once. The stack is shared with the other browser tests: this
// file makes its own device and touches only the demo store's documents.
const hub = inject("hubUrl");
const PIN = "2468";
const CLERK = "POS 試験 担当";
let context: BrowserContext;
let close: () => Promise<void>;
let page: Page;
const pageErrors: string[] = [];

let api: Api;
let storeId: string;
let pairingCode: string;
/** receipt number → kind, of every document made on the tablet */
const made = new Map<string, string>();

beforeAll(async () => {
  api = await adminApi(hub);
  storeId = await demoStoreId(api);
  ({ pairingCode } = await newDeviceAndClerk(api, storeId, { deviceName: "e2e レジ", clerkName: CLERK, pin: PIN, emailPrefix: "pos-e2e" }));

  ({ context, close } = await openBrowser());
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
});
afterAll(async () => {
  await close?.();
});

/** A keyboard-wedge scanner: the characters, then Enter, into whatever has focus. */
const scan = (code: string) => scanInto(page, code);
/** The document screen after a commit: its receipt number, remembered with its kind. */
async function committed(kind: string): Promise<string> {
  const text = await committedNumber(page);
  made.set(text, kind);
  return text;
}
const hubDocuments = () => storeDocuments(api, storeId);

describe("the store POS, offline, in a real browser", () => {
  it("pairs with the admin's code, loads the catalog, and signs the clerk in with a PIN checked by the hub", async () => {
    // first sign-in on this device: the PIN is checked with the hub (enrolPin), then kept for offline;
    // then the catalog is in (no progress bar), and the service worker is active for the offline reload
    await pairAndSignIn(page, hub, { pairingCode, clerkName: CLERK, pin: PIN });
  });

  it("offline: sells 85 cm × 3 of RB-001-RED for ¥2,550 (seed 004), refusing 5 cm; the receipt shows only once it is saved", async () => {
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId("status-online").textContent(), { timeout: 10_000 }).toBe("オフライン");

    await scan("RB-001-RED");
    const value = page.getByLabel("長さ (cm) 10〜1000", { exact: true });
    await value.fill("5");
    await expect.poll(() => page.getByText("10〜1000cm の範囲で入力してください").count()).toBe(1);
    expect(await page.getByRole("button", { name: "カートに追加" }).isDisabled()).toBe(true);
    await value.fill("85");
    await expect.poll(() => page.getByTestId("unit-price").textContent()).toBe("¥850");
    await page.getByRole("button", { name: "1つ増やす", exact: true }).click();
    await page.getByRole("button", { name: "1つ増やす", exact: true }).click();
    await page.getByRole("button", { name: "カートに追加" }).click();
    await expect.poll(() => page.getByTestId("cart-total").textContent()).toBe("¥2,550");
    expect(await page.getByText("長さ:85cm").count()).toBe(1);
    expect(await page.getByText("10%対象 ¥2,550 (内消費税 ¥231)").count()).toBe(1);

    await page.getByRole("button", { name: "会計", exact: true }).click();
    await expect.poll(() => page.getByTestId("pay-total").textContent()).toBe("¥2,550");
    await page.getByRole("button", { name: "¥3,000" }).click();
    await expect.poll(() => page.getByTestId("pay-change").textContent()).toBe("¥450");
    await page.getByRole("button", { name: "会計を確定" }).click();
    await committed("sale");
    const receipt = page.getByRole("article", { name: "レシート" });
    expect(await receipt.getByText("長さ:85cm").count()).toBe(1);
    expect(await receipt.getByText("10%対象 ¥2,550 (内消費税 ¥231)").count()).toBe(1);
    expect(await page.getByTestId("receipt-total-sale").textContent()).toBe("¥2,550");
    expect(await page.getByTestId("receipt-change").textContent()).toBe("¥450");
    expect(await receipt.getByRole("img", { name: "伝票IDのバーコード" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("status-waiting").textContent()).toBe("送信待ち 1件");
    await page.getByRole("button", { name: "次のお客様" }).click();
  });

  it("offline: a second sale by card, a return with a defective line, an exchange and a stocktake sheet", async () => {
    // a T-shirt by barcode, paid by card
    await scan("4901234567828");
    await expect.poll(() => page.getByTestId("cart-total").textContent()).toBe("¥3,300");
    await page.getByRole("button", { name: "会計", exact: true }).click();
    await page.getByRole("radio", { name: "クレジットカード" }).click();
    await page.getByRole("button", { name: "クレジットカード で受け取る" }).click();
    await page.getByRole("button", { name: "会計を確定" }).click();
    const shirtSale = await committed("sale");
    await page.getByRole("button", { name: "次のお客様" }).click();

    // return: one ribbon of the first sale, defective, refunded in cash
    const ribbonSale = [...made.keys()][0]!;
    await page.getByRole("link", { name: "返品・交換" }).click();
    await scan(ribbonSale);
    const ribbonLine = page.locator('li[data-sku="RB-001-RED"]');
    await ribbonLine.getByRole("button", { name: /1つ増やす/ }).click();
    await ribbonLine.getByRole("button", { name: /残次品/ }).click();
    await expect.poll(() => page.getByTestId("return-total").textContent()).toBe("¥850");
    await page.getByRole("button", { name: /返品を確定/ }).click();
    await committed("return");
    expect(await page.getByText("[残次品]").count()).toBe(1);

    // exchange: the M T-shirt of the second sale for an L, same price, nothing to pay
    await page.getByRole("link", { name: "返品・交換" }).click();
    await scan(shirtSale);
    await page.locator('li[data-sku="TS-100-M"]').getByRole("button", { name: /1つ増やす/ }).click();
    await page.getByRole("button", { name: "交換商品を追加" }).click();
    await scan("4901234567835");
    await expect.poll(() => page.getByTestId("return-due").textContent()).toBe("¥0");
    await page.getByRole("button", { name: "交換を確定" }).click();
    await committed("exchange");

    // stocktake: three coffees counted on shelf A-1 by scanning the same code three times
    await page.getByRole("link", { name: "棚卸" }).click();
    await page.getByLabel("エリア・棚").fill("A-1");
    await page.getByRole("button", { name: "数え始める" }).click();
    for (let i = 0; i < 3; i++) await scan("CF-200");
    await expect.poll(() => page.locator('li[data-sku="CF-200"] .qty').textContent()).toBe("3");
    await page.getByRole("button", { name: "確認して提出" }).click();
    await page.getByRole("button", { name: "この棚を提出" }).click();
    await committed("stocktake");

    await expect.poll(() => page.getByTestId("status-waiting").textContent()).toBe("送信待ち 5件");
  });

  it("reloads while offline: the app comes from the service worker, the documents and catalog from IndexedDB", async () => {
    await page.reload();
    await page.getByRole("link", { name: "履歴" }).click({ timeout: 20_000 });
    for (const number of made.keys()) await expect.poll(() => page.getByText(number, { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId("status-online").textContent()).toBe("オフライン");
    expect(await page.getByTestId("status-waiting").textContent()).toBe("送信待ち 5件");
    await page.getByRole("link", { name: "販売" }).click();
    await page.getByRole("searchbox", { name: "バーコード・商品コード・商品名" }).fill("RB-001");
    await expect.poll(() => page.getByRole("button", { name: /RB-001-RED/ }).count(), { timeout: 10_000 }).toBe(1);
  });

  it("back online: every document reaches the hub exactly once, as the device priced it", async () => {
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId("status-waiting").textContent(), { timeout: 60_000 }).toBe("送信待ち 0件");
    // the data layer keeps pushing on an interval and on 'online': give it time to (not) send twice
    await page.waitForTimeout(2000);

    const docs = (await hubDocuments()).filter((d) => made.has(d.number));
    expect(docs.map((d) => d.number).sort()).toEqual([...made.keys()].sort());
    for (const d of docs) expect(d.kind).toBe(made.get(d.number));

    const [ribbonSale] = made.keys();
    const sale = docs.find((d) => d.number === ribbonSale)!;
    expect(sale.body.total).toBe(2550);
    expect(sale.body.tax).toBe(231);
    expect(sale.body.change).toBe(450);
    expect(sale.body.lines).toEqual([expect.objectContaining({ unitValue: 85, quantity: 3, unitPrice: 850 })]);
    const back = docs.find((d) => d.kind === "return")!;
    expect(back.body.originalId).toBe(sale.id);
    expect(back.body.lines).toEqual([expect.objectContaining({ unitValue: 85, quantity: 1, unitPrice: 850, defective: true })]);
    const exchange = docs.find((d) => d.kind === "exchange")!;
    expect(exchange.body).toMatchObject({ returnedTotal: 3300, givenTotal: 3300 });
    const sheet = docs.find((d) => d.kind === "stocktake")!;
    expect(sheet.body).toMatchObject({ area: "A-1", lines: [expect.objectContaining({ counted: 3 })] });
    expect(pageErrors).toEqual([]);
  });
});
