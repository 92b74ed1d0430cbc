import { describe, expect, it } from "vitest";
import { key, level, newMerchant, newSku } from "./helpers";

const ribbon = { price: 999, unit: { conversion: 100, min: 1, max: 1000 } };

describe("selling by unit (seed 004)", () => {
  it.each([
    ["ceil", 850],
    ["floor", 849],
    ["round", 849],
  ] as const)("85 cm of a 999-yen-per-metre ribbon prices at 849.15 → %s = %i, × 3 on the order", async (rounding, unitPrice) => {
    const m = await newMerchant({ unitRounding: rounding });
    const { skuId } = await newSku(m, { ...ribbon, stock: 1000 });
    const order = await m.api("POST", "/api/orders", {
      idempotencyKey: key(),
      channelId: m.channelId,
      lines: [{ skuId, quantity: 3, unitValue: 85 }],
    });
    expect(order.status).toBe(201);
    expect(order.body.lines[0]).toMatchObject({ unitValue: 85, unitPrice, amount: unitPrice * 3, stockQuantity: 255, unitValueText: "長さ:85cm" });
    expect(order.body.subtotal).toBe(unitPrice * 3);
    if (rounding === "ceil") expect(order.body.subtotal).toBe(2550);
  });

  it("stock 1000 cm − 100 cm × 2 = 800 cm left to sell", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { ...ribbon, stock: 1000 });
    const order = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 2, unitValue: 100 }] });
    expect(order.status).toBe(201);
    const stock = await m.api("GET", `/api/stock?skuId=${skuId}`);
    expect(stock.body.items[0]).toMatchObject({ onHand: 1000, allocated: 200, available: 800 });
  });

  it("an order whose stock − value × qty would go below zero is refused, and nothing is written", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { ...ribbon, stock: 1000 });
    const refused = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 3, unitValue: 400 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("INSUFFICIENT_STOCK");
    expect(refused.body.issues[0].message).toContain("1000");
    expect(await level(m, skuId)).toMatchObject({ on_hand: 1000, allocated: 0 });
    const orders = await m.api("GET", "/api/orders");
    expect(orders.body.items).toHaveLength(0);
  });

  it("the order value must be entered, and within min / max", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { price: 999, unit: { conversion: 100, min: 10, max: 500 }, stock: 1000 });
    const plain = await newSku(m, { stock: 10 });
    for (const [line, path] of [
      [{ skuId, quantity: 1 }, ["lines", 0, "unitValue"]],
      [{ skuId, quantity: 1, unitValue: 9 }, ["lines", 0, "unitValue"]],
      [{ skuId, quantity: 1, unitValue: 501 }, ["lines", 0, "unitValue"]],
      [{ skuId: plain.skuId, quantity: 1, unitValue: 5 }, ["lines", 0, "unitValue"]],
    ] as const) {
      const response = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [line] });
      expect(response.status, JSON.stringify(line)).toBe(400);
      expect(response.body.issues[0].path).toEqual(path);
    }
    expect(await level(m, skuId)).toMatchObject({ allocated: 0 });
  });

  it("the same product with two different values makes two lines", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { ...ribbon, stock: 1000 });
    const order = await m.api("POST", "/api/orders", {
      idempotencyKey: key(),
      channelId: m.channelId,
      lines: [
        { skuId, quantity: 1, unitValue: 85 },
        { skuId, quantity: 2, unitValue: 100 },
      ],
    });
    expect(order.body.lines.map((l: { unitValueText: string }) => l.unitValueText)).toEqual(["長さ:85cm", "長さ:100cm"]);
    expect(await level(m, skuId)).toMatchObject({ allocated: 285 });
  });

  it.each([
    [0, "conversion"],
    [1.5, "conversion"],
    [-1, "conversion"],
  ])("a unit with conversion %s is refused with the seed's message", async (conversion) => {
    const m = await newMerchant();
    const response = await m.api("PUT", "/api/units", { code: "U1", managementUnit: "m", salesUnit: "cm", displayName: "長さ", conversion });
    expect(response.status).toBe(400);
    expect(response.body.issues[0]).toMatchObject({ path: ["conversion"] });
    expect(response.body.issues[0].message).toContain("単位換算値には1以上の整数値");
    const units = await m.api("GET", "/api/units");
    expect(units.body.items).toHaveLength(0);
  });

  it("the same management and sales unit needs conversion 1", async () => {
    const m = await newMerchant();
    const bad = await m.api("PUT", "/api/units", { code: "U1", managementUnit: "cm", salesUnit: "cm", displayName: "長さ", conversion: 10 });
    expect(bad.status).toBe(400);
    const good = await m.api("PUT", "/api/units", { code: "U1", managementUnit: "cm", salesUnit: "cm", displayName: "長さ", conversion: 1 });
    expect(good.status).toBe(200);
  });

  it.each([
    [{ kind: "set_child" }, "unitId"],
    [{ kind: "cart_option" }, "unitId"],
    [{ kind: "download" }, "unitId"],
    [{ kind: "bto_child" }, "unitId"],
    [{ packQuantity: 6 }, "packQuantity"],
    [{ backorder: true }, "backorder"],
  ])("a unit is refused on a product with %o", async (extra, field) => {
    const m = await newMerchant();
    const unit = await m.api("PUT", "/api/units", { code: "U1", managementUnit: "m", salesUnit: "cm", displayName: "長さ", conversion: 100 });
    const response = await m.api("POST", "/api/products", {
      code: "P1",
      name: "リボン",
      unitId: unit.body.id,
      unitMin: 1,
      unitMax: 100,
      ...extra,
      skus: [{ code: "P1-1", price: 999 }],
    });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((i: { path: string[] }) => i.path[0])).toContain(field);
    expect((await m.api("GET", "/api/products")).body.items).toHaveLength(0);
  });
});

describe("bad input", () => {
  it.each([
    [1.5, "JPY"],
    [1234.5, "CNY"],
  ])("a price of %s minor units (finer than the currency allows) is refused", async (price, currency) => {
    const m = await newMerchant({ currency: currency as "JPY" | "CNY", timeZone: currency === "CNY" ? "Asia/Shanghai" : "Asia/Tokyo" });
    const response = await m.api("POST", "/api/products", { code: "P1", name: "x", skus: [{ code: "P1-1", price }] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: "VALIDATION", issues: [{ path: ["skus", 0, "price"] }] });
    expect(typeof response.body.requestId).toBe("string");
  });

  it("a body that is not JSON, or has unknown shapes, answers 400 with issues", async () => {
    const m = await newMerchant();
    const notJson = await m.api("POST", "/api/products", undefined, { "content-type": "application/json" });
    expect(notJson.status).toBe(400);
    const missing = await m.api("POST", "/api/products", { name: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string[] }) => i.path[0])).toEqual(expect.arrayContaining(["code", "skus"]));
    // Japanese first: zod's own messages come in Japanese
    expect(missing.body.issues[0].message).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  });

  it("writes without the CSRF token are refused", async () => {
    const m = await newMerchant();
    const response = await m.api("POST", "/api/brands", { name: "b" }, { "x-csrf-token": "wrong" });
    expect(response.status).toBe(403);
    expect((await m.api("GET", "/api/brands")).body.items).toHaveLength(0);
  });
});

describe("stock list paging", () => {
  it("pages through SKU codes that share a prefix without skipping any (A, A-1, A-2 …)", async () => {
    const m = await newMerchant();
    for (const code of ["A", "A-1", "A-2", "AB"]) {
      const product = await m.api("POST", "/api/products", { code: `P${code}`, name: code, skus: [{ code, price: 100 }] });
      for (const locationId of [m.warehouseId, m.storeId]) {
        await m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId: product.body.skus[0].id, locationId, quantity: 1 });
      }
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { skuCode: string; locationCode: string }[]; nextCursor: string | null } } = await m.api(
        "GET",
        `/api/stock?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      seen.push(...page.body.items.map((i) => `${i.skuCode}@${i.locationCode}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });
});
