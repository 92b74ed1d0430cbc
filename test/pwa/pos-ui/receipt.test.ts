import { describe, expect, it } from "vitest";
import type { StoreInfo } from "../../../pwa/pos/data/contract";
import { addToCart, cartLines, EMPTY_CART, priceCart } from "../../../pwa/pos/ui/cart";
import { createDevData, DEMO_INFO, DEMO_SKUS } from "../../../pwa/pos/ui/dev-data";
import { receiptModel, receiptText, receiptTime } from "../../../pwa/pos/ui/documents";
import { translate, type MessageKey, type Vars } from "../../../pwa/pos/ui/i18n";
import { refundLine, returnableLines, subtotalShares } from "../../../pwa/pos/ui/returns";

const ja = (key: MessageKey, vars?: Vars) => translate("ja", key, vars);
const ribbon = DEMO_SKUS.find((s) => s.code === "RB-001-RED")!;
const coffee = DEMO_SKUS.find((s) => s.code === "CF-200")!;
const exclusive: StoreInfo = { ...DEMO_INFO, store: { ...DEMO_INFO.store, taxDisplay: "exclusive" } };

async function sell(info: StoreInfo, build: (cart: typeof EMPTY_CART) => typeof EMPTY_CART, cash: number) {
  const data = createDevData({ info });
  const cart = build(EMPTY_CART);
  const doc = await data.commitSale({ staffId: "usr_staff", lines: cartLines(cart.lines), subtotalDiscount: cart.subtotalDiscount, tenders: [{ method: "cash", kind: "cash", amount: cash }] });
  return { data, doc, model: receiptModel(doc, (id) => data.getSku(id), info.merchant.currency)! };
}

describe("receipt (seed 004's ribbon, 85 cm × 3 = ¥2,550)", () => {
  it("prints the unit text, the line, 10%対象 ¥2,550 (内消費税 ¥231), the tender and the change", async () => {
    const { model, doc } = await sell(DEMO_INFO, (c) => addToCart(c, ribbon, "ceil", 85, 3), 3000);
    const text = receiptText(model, DEMO_INFO, ja);
    expect(text).toEqual([
      "渋谷店",
      "領収書",
      `No. ${doc.number}`,
      receiptTime(doc.createdAt, "Asia/Tokyo"),
      "サテンリボン 25mm 赤",
      "  長さ:85cm",
      "  ¥850 × 3 = ¥2,550",
      "10%対象 ¥2,550 (内消費税 ¥231)",
      "合計 ¥2,550",
      "現金 ¥3,000",
      "お釣り ¥450",
    ]);
    expect(doc.number).toMatch(/^S001-01-\d{6}$/);
  });

  it("tax-exclusive (外税): the amount before tax, the tax on top, and the total with it", async () => {
    const { model } = await sell(exclusive, (c) => addToCart(addToCart(c, ribbon, "ceil", 85, 3), coffee, "ceil"), 5000);
    const text = receiptText(model, exclusive, ja);
    expect(text).toContain("10%対象 ¥2,550 (外税 ¥255)");
    expect(text).toContain("8%対象 ¥1,080 (外税 ¥86)");
    expect(text).toContain("※ドリップコーヒー 10袋");
    expect(text).toContain("※は軽減税率対象商品です");
    expect(text).toContain(`合計 ¥${(2550 + 255 + 1080 + 86).toLocaleString("en")}`);
  });

  it("shows the date and time in the merchant's time zone", () => {
    expect(receiptTime("2026-04-20T15:30:00.000Z", "Asia/Tokyo")).toBe("2026/04/21 00:30");
    expect(receiptTime("2026-04-20T15:30:00.000Z", "Asia/Shanghai")).toBe("2026/04/20 23:30");
  });

  it("recomputes the same totals the sale was committed with", async () => {
    const build = (c: typeof EMPTY_CART) => addToCart(addToCart(c, ribbon, "ceil", 85, 3), coffee, "ceil", null, 2);
    const { model, doc } = await sell(DEMO_INFO, build, 10000);
    const priced = priceCart(build(EMPTY_CART), "inclusive", "JPY");
    expect(model.total).toBe(priced.total);
    expect(doc.body.total).toBe(priced.total);
    expect(doc.body.tax).toBe(priced.tax.tax);
  });
});

describe("returns", () => {
  it("refunds what was paid: line and subtotal discounts shared, partial returns add up to the whole", async () => {
    const { doc } = await sell(
      DEMO_INFO,
      (c) => {
        let cart = addToCart(c, ribbon, "ceil", 85, 3); // 2,550
        cart = addToCart(cart, coffee, "ceil", null, 2); // 2,160
        return { ...cart, subtotalDiscount: 471 };
      },
      5000,
    );
    const body = doc.body as never;
    const lines = returnableLines(body, []);
    expect(subtotalShares([2550, 2160], 471)).toEqual([255, 216]);
    expect(lines.map((l) => [l.remaining, l.discountTotal])).toEqual([
      [3, 255],
      [2, 216],
    ]);
    // one ribbon now, two later: the refunds add up to the 2,295 paid for the three
    const first = refundLine(lines[0]!, 1);
    expect(first.unitPrice * first.quantity - first.discount).toBe(765);
    const later = { ...lines[0]!, returnedBefore: 1, remaining: 2 };
    const rest = refundLine(later, 2);
    expect(765 + rest.unitPrice * 2 - rest.discount).toBe(2550 - 255);
  });

  it("counts what earlier returns on this device took back, and refuses more than is left", async () => {
    const { data, doc } = await sell(DEMO_INFO, (c) => addToCart(c, coffee, "ceil", null, 2), 3000);
    const lines = returnableLines(doc.body as never, []);
    const back = await data.commitReturn({ staffId: "usr_staff", originalId: doc.id, approvedBy: null, lines: [{ ...refundLine(lines[0]!, 1), defective: true }], refunds: [{ method: "cash", kind: "cash", amount: 1080 }] });
    expect((back.body as { lines: { defective: boolean }[] }).lines[0]!.defective).toBe(true);
    const after = returnableLines(doc.body as never, await data.history({ kind: "return" }));
    expect(after[0]).toMatchObject({ sold: 2, returnedBefore: 1, remaining: 1 });
    expect(() => refundLine(after[0]!, 2)).toThrow();
  });
});
