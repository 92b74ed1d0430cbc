import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROUNDINGS, type Rounding } from "../../shared/money";
import { ApiError } from "../../pwa/admin/api";
import {
  addLine,
  emptyEntry,
  entryFieldPaths,
  linePreview,
  outOfRange,
  roundingOf,
  skuChoices,
  subtotalPreview,
  toManualOrder,
  wholeNumber,
  type EntryLine,
  type EntrySku,
} from "../../pwa/admin/order-entry";
import type { Product } from "../../pwa/admin/types";
import { priceCatalogLine } from "../../worker/orders/pricing";
import type { Issue } from "../../worker/errors";

const ribbonUnit = { id: "unt_1", code: "LEN-CM", managementUnit: "m", salesUnit: "cm", displayName: "長さ", conversion: 100 };
const ribbon: Product = {
  id: "prd_rb",
  code: "RB-001",
  name: "サテンリボン 25mm",
  categoryId: null,
  brandId: null,
  kind: "normal",
  taxClass: "standard",
  unitId: ribbonUnit.id,
  unitMin: 10,
  unitMax: 1000,
  packQuantity: null,
  backorder: false,
  listingStatus: "listed",
  unit: ribbonUnit,
  skus: ["RED", "BLU"].map((c) => ({
    id: `sku_${c}`,
    productId: "prd_rb",
    code: `RB-001-${c}`,
    barcode: null,
    specName: c === "RED" ? "赤" : "青",
    price: 999,
    costPrice: null,
    listingStatus: "listed" as const,
  })),
  updatedAt: "2026-01-01T00:00:00Z",
};
const coffee: Product = {
  ...ribbon,
  id: "prd_cf",
  code: "CF-200",
  name: "ドリップコーヒー 10袋",
  taxClass: "reduced",
  unitId: null,
  unitMin: null,
  unitMax: null,
  unit: null,
  skus: [{ id: "sku_CF", productId: "prd_cf", code: "CF-200", barcode: "4901234567890", specName: "", price: 1080, costPrice: null, listingStatus: "listed" }],
};
const [red, blue] = skuChoices([ribbon], "") as [EntrySku, EntrySku];
const cf = skuChoices([coffee], "")[0]!;
const line = (sku: EntrySku, unitValue: string, quantity: string, key = 1): EntryLine => ({ key, sku, unitValue, quantity });

describe("the unit price preview (seed 004)", () => {
  it("prices 85 cm of ¥999 per 100 cm as the seed does: 849.15 → 850 / 849 / 849, × 3 = 2,550 when rounding up", () => {
    expect(linePreview(line(blue, "85", "3"), "ceil")).toEqual({ unitPrice: 850, amount: 2550 });
    expect(linePreview(line(blue, "85", "3"), "floor")).toEqual({ unitPrice: 849, amount: 2547 });
    expect(linePreview(line(blue, "85", "3"), "round")).toEqual({ unitPrice: 849, amount: 2547 });
  });

  it("equals the worker's own pricing of a manual order line, for any value in range, quantity, conversion, price and rounding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(...ROUNDINGS),
        (conversion, price, quantity, min, span, rounding: Rounding) => {
          const max = min + span;
          const value = min + ((price + quantity) % (span + 1));
          const sku: EntrySku = { skuId: "sku_1", code: "X", label: "x", price, unit: { displayName: "長さ", salesUnit: "cm", conversion, min, max } };
          const issues: Issue[] = [];
          const server = priceCatalogLine(
            { skuId: "sku_1", code: "X", name: "x", price, taxClass: "standard", unit: { conversion, salesUnit: "cm", displayName: "長さ", min, max } },
            { quantity, unitValue: value },
            0,
            "JPY",
            rounding,
            issues,
          );
          expect(issues).toEqual([]);
          expect(linePreview(line(sku, String(value), String(quantity)), rounding)).toEqual({ unitPrice: server!.unitPrice, amount: server!.amount });
        },
      ),
    );
  });

  it("prices a plain product as price × quantity, and the subtotal as the sum the order will carry", () => {
    expect(linePreview(line(cf, "", "2"), "ceil")).toEqual({ unitPrice: 1080, amount: 2160 });
    expect(subtotalPreview([line(blue, "85", "3", 1), line(cf, "", "2", 2)], "ceil")).toBe(2550 + 2160);
  });

  it("shows no price for an incomplete line or an order value outside 最低〜最高注文単位, and says which", () => {
    expect(linePreview(line(blue, "", "3"), "ceil")).toBeNull();
    expect(linePreview(line(blue, "85", "0"), "ceil")).toBeNull();
    expect(linePreview(line(blue, "9", "1"), "ceil")).toBeNull();
    expect(outOfRange(line(blue, "9", "1"))).toBe(true);
    expect(outOfRange(line(blue, "1001", "1"))).toBe(true);
    expect(outOfRange(line(blue, "1000", "1"))).toBe(false);
    expect(subtotalPreview([line(blue, "85", "3", 1), line(blue, "", "1", 2)], "ceil")).toBeNull();
    // An unknown rounding setting gives no preview rather than a wrong one.
    expect(roundingOf("bankers")).toBeNull();
    expect(linePreview(line(blue, "85", "3"), roundingOf("bankers"))).toBeNull();
    expect(roundingOf("ceil")).toBe("ceil");
  });

  it("reads full-width digits as typed with a Japanese IME", () => {
    expect(wholeNumber("８５")).toBe(85);
    expect(wholeNumber(" 85 ")).toBe(85);
    expect(wholeNumber("8.5")).toBeNull();
    expect(wholeNumber("-1")).toBeNull();
    expect(linePreview(line(blue, "８５", "３"), "ceil")).toEqual({ unitPrice: 850, amount: 2550 });
  });
});

describe("picking SKUs for an order", () => {
  it("offers only the SKUs a code or barcode search names, and every SKU for a name search", () => {
    expect(skuChoices([ribbon], "RB-001-BLU").map((s) => s.code)).toEqual(["RB-001-BLU"]);
    expect(skuChoices([ribbon], "rb-001-b").map((s) => s.code)).toEqual(["RB-001-BLU"]);
    expect(skuChoices([ribbon], "リボン").map((s) => s.code)).toEqual(["RB-001-RED", "RB-001-BLU"]);
    expect(skuChoices([coffee], "4901234567890").map((s) => s.code)).toEqual(["CF-200"]);
  });

  it("carries the unit's names, conversion and order-value range to the line", () => {
    expect(blue).toEqual({
      skuId: "sku_BLU",
      code: "RB-001-BLU",
      label: "サテンリボン 25mm / 青",
      price: 999,
      unit: { displayName: "長さ", salesUnit: "cm", conversion: 100, min: 10, max: 1000 },
    });
    expect(cf.unit).toBeNull();
  });

  it("adds the same unit product again as a second line, and a plain product again as one more of it", () => {
    const twice = addLine(addLine([], blue, 1), blue, 2);
    expect(twice.map((l) => [l.key, l.sku.code])).toEqual([
      [1, "RB-001-BLU"],
      [2, "RB-001-BLU"],
    ]);
    const coffeeTwice = addLine(addLine([], cf, 1), cf, 2);
    expect(coffeeTwice).toEqual([{ key: 1, sku: cf, quantity: "2", unitValue: "" }]);
  });
});

describe("the manual order body", () => {
  const draft = (lines: EntryLine[], extra: Partial<ReturnType<typeof emptyEntry>> = {}) => ({ ...emptyEntry("chn_manual"), lines, ...extra });

  it("sends the order value of unit lines, whole yen of shipping, and no location unless one is chosen", () => {
    const { values, issues } = toManualOrder(
      draft([line(blue, "85", "3", 1), line(blue, "120", "1", 2), line(cf, "", "2", 3)], { shippingFee: "¥1,280", customerName: " 山田 花子 " }),
      "JPY",
    );
    expect(issues).toEqual([]);
    expect(values).toEqual({
      channelId: "chn_manual",
      customerName: "山田 花子",
      shippingAddress: "",
      shippingFee: 1280,
      note: "",
      lines: [
        { skuId: "sku_BLU", quantity: 3, unitValue: 85 },
        { skuId: "sku_BLU", quantity: 1, unitValue: 120 },
        { skuId: "sku_CF", quantity: 2 },
      ],
    });
    expect(toManualOrder(draft([line(cf, "", "1")], { locationId: "loc_w" }), "JPY").values.locationId).toBe("loc_w");
    // 支払方法 only when one is chosen
    expect(toManualOrder(draft([line(cf, "", "1")], { paymentMethodId: "pay_card" }), "JPY").values.paymentMethodId).toBe("pay_card");
    expect("paymentMethodId" in toManualOrder(draft([line(cf, "", "1")]), "JPY").values).toBe(false);
    expect(toManualOrder(draft([line(cf, "", "1")], { shippingFee: "12.30" }), "CNY").values.shippingFee).toBe(1230);
  });

  it("names each problem at the field that shows it", () => {
    const { issues } = toManualOrder(
      draft([line(blue, "", "3", 1), line(blue, "8.5", "1", 2), line(cf, "", "x", 3)], { channelId: "", shippingFee: "1.5" }),
      "JPY",
    );
    expect(issues).toEqual([
      { path: ["channelId"], message: "form.required" },
      { path: ["shippingFee"], message: "form.amountJpy" },
      { path: ["lines", 0, "unitValue"], message: "entry.unitRequired" },
      { path: ["lines", 1, "unitValue"], message: "form.wholeNumber" },
      { path: ["lines", 2, "quantity"], message: "form.wholeNumber" },
    ]);
    expect(toManualOrder(draft([]), "JPY").issues).toEqual([{ path: ["lines"], message: "entry.noLines" }]);
  });

  it("refuses the same product at the same order value twice (seed 004: only a different 注文単位 makes another line)", () => {
    const { issues } = toManualOrder(draft([line(blue, "85", "1", 1), line(blue, "８５", "2", 2), line(red, "85", "1", 3)]), "JPY");
    expect(issues).toEqual([{ path: ["lines", 1, "unitValue"], message: "entry.duplicateLine" }]);
  });

  it("leaves the range to the worker, whose message quotes the seed", () => {
    expect(toManualOrder(draft([line(blue, "5000", "1")]), "JPY").issues).toEqual([]);
  });

  it("shows every line's fields, the stock problem included", () => {
    expect(entryFieldPaths(2)).toEqual(
      expect.arrayContaining(["channelId", "paymentMethodId", "shippingFee", "lines", "lines.0.unitValue", "lines.1.quantity", "lines.1.stock", "lines.1.skuId"]),
    );
  });
});
