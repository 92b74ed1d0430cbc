import { describe, expect, it } from "vitest";
import { parseCsv } from "../../shared/csv";
import { key, newMerchant, newSku, type TestMerchant } from "./helpers";

/** Seed 004's ribbon: 999 yen per metre sold by the cm (conversion 100, 1–1000 cm), cost 500 yen. */
async function ribbonOrder(m: TestMerchant, customerName = "山田 太郎") {
  const ribbon = await newSku(m, { price: 999, unit: { conversion: 100, min: 1, max: 1000 }, stock: 1000 });
  const cost = await m.api("PATCH", `/api/skus/${ribbon.skuId}`, { costPrice: 500 });
  expect(cost.status, JSON.stringify(cost.body)).toBe(200);
  const plain = await newSku(m, { price: 1000, stock: 10 });
  const order = await m.api("POST", "/api/orders", {
    idempotencyKey: key(),
    channelId: m.channelId,
    customerName,
    shippingAddress: "東京都千代田区1-1",
    lines: [
      { skuId: ribbon.skuId, quantity: 3, unitValue: 85 },
      { skuId: plain.skuId, quantity: 1 },
    ],
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  return { orderId: order.body.id as string, order: order.body, ribbon, plain };
}

const EVERY_LINE_PLACEHOLDER = [
  "#ITEM_CODE#",
  "#ORDER_UNIT_VALUE#",
  "#SALE_UNIT#",
  "#UNIT_DISP_NAME#",
  "#ORDER_UNIT_VALUE_TEXT#",
  "#UNIT_ITEM_TEIKA#",
  "#UNIT_VALUE#",
  "#UNIT_ITEM_SHIRE_PRICE#",
  "#QUANTITY#",
  "#UNIT_PRICE#",
  "#AMOUNT#",
].join("|");

describe("mail and document templates (seed 004 置換文字)", () => {
  it("85 cm × 3 of the ribbon renders 長さ:85cm, 100cmあたり¥999, ¥850 and ¥2,550; a plain line leaves the unit placeholders empty", async () => {
    const m = await newMerchant({ unitRounding: "ceil" });
    const { orderId, order, ribbon, plain } = await ribbonOrder(m);
    const saved = await m.api("PUT", "/api/templates/order_confirmation", { body: "#ORDER_ID# #CUSTOMER_NAME#\n#LINES#\n計 #TOTAL#", lineFormat: EVERY_LINE_PLACEHOLDER });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ kind: "order_confirmation", isDefault: false });

    const rendered = await m.api("GET", `/api/orders/${orderId}/render/order_confirmation`);
    expect(rendered.status, JSON.stringify(rendered.body)).toBe(200);
    expect(rendered.body.kind).toBe("order_confirmation");
    const [head, unitLine, plainLine, total] = (rendered.body.text as string).split("\n");
    expect(head).toBe(`${orderId} 山田 太郎`);
    expect(unitLine).toBe(`${ribbon.code}|85|cm|長さ|長さ:85cm|100cmあたり¥999|85|500|3|¥850|¥2,550`);
    expect(plainLine).toBe(`${plain.code}||||||||1|¥1,000|¥1,000`);
    expect(total).toBe(`計 ${"¥" + order.total.toLocaleString("en")}`);
    expect(order.subtotal).toBe(3550);
  });

  it("with no template saved the Japanese default is used, and a plain line drops the empty unit line", async () => {
    const m = await newMerchant({ unitRounding: "ceil" });
    const { orderId, plain } = await ribbonOrder(m);
    const template = await m.api("GET", "/api/templates/order_confirmation");
    expect(template.body).toMatchObject({ kind: "order_confirmation", isDefault: true, updatedAt: null });
    expect(template.body.lineFormat).toContain("#ORDER_UNIT_VALUE_TEXT#");

    const mail = (await m.api("GET", `/api/orders/${orderId}/render/order_confirmation`)).body.text as string;
    expect(mail).toContain("山田 太郎 様");
    expect(mail).toContain("長さ:85cm 100cmあたり¥999");
    expect(mail).toContain("¥850 × 3 = ¥2,550");
    expect(mail).not.toContain("#");
    const lines = mail.split("\n");
    const plainAt = lines.findIndex((l) => l.includes(plain.code));
    expect(lines[plainAt + 1]).toBe("  ¥1,000 × 1 = ¥1,000");

    const note = (await m.api("GET", `/api/orders/${orderId}/render/delivery_note`)).body.text as string;
    expect(note).toContain("納品書");
    expect(note).toContain("長さ 85cm");
  });

  it("the shipping CSV escapes every cell, whatever the order holds", async () => {
    const m = await newMerchant({ unitRounding: "ceil" });
    const { orderId, ribbon, plain } = await ribbonOrder(m, '山田, "太郎"\n2行目');
    const rendered = await m.api("GET", `/api/orders/${orderId}/render/shipping_csv`);
    expect(rendered.status).toBe(200);
    const rows = parseCsv(rendered.body.text);
    expect(rows).toHaveLength(3);
    expect(rows[0]![0]).toBe("受注番号");
    expect(rows[1]).toEqual([expect.any(String), '山田, "太郎"\n2行目', "東京都千代田区1-1", ribbon.code, expect.any(String), "長さ:85cm", "3"]);
    expect(rows[2]).toEqual([expect.any(String), '山田, "太郎"\n2行目', "東京都千代田区1-1", plain.code, expect.any(String), "", "1"]);

    const custom = await m.api("PUT", "/api/templates/shipping_csv", {
      body: "code,detail,amount\n#LINES#\ntotal,,#TOTAL#",
      lineFormat: '#ITEM_CODE#,"#ITEM_NAME# (#ORDER_UNIT_VALUE_TEXT#)",#AMOUNT#',
    });
    expect(custom.status, JSON.stringify(custom.body)).toBe(200);
    const again = parseCsv((await m.api("GET", `/api/orders/${orderId}/render/shipping_csv`)).body.text);
    expect(again[1]).toEqual([ribbon.code, expect.stringMatching(/ \(長さ:85cm\)$/), "2550"]);
    expect(again[3]).toEqual(["total", "", expect.stringMatching(/^\d+$/)]);
  });

  it("text taken from the order is never expanded as a placeholder", async () => {
    const m = await newMerchant();
    const { orderId } = await ribbonOrder(m, "#TOTAL# #LINES#");
    await m.api("PUT", "/api/templates/order_confirmation", { body: "#CUSTOMER_NAME#", lineFormat: "#ITEM_CODE#" });
    const rendered = await m.api("GET", `/api/orders/${orderId}/render/order_confirmation`);
    expect(rendered.body.text).toBe("#TOTAL# #LINES#");
  });

  it("another merchant's order is not found, and an unknown kind is refused", async () => {
    const m = await newMerchant();
    const other = await newMerchant();
    const { orderId } = await ribbonOrder(m);
    const foreign = await other.api("GET", `/api/orders/${orderId}/render/order_confirmation`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("NOT_FOUND");
    const badKind = await m.api("GET", `/api/orders/${orderId}/render/invoice`);
    expect(badKind.status).toBe(400);
    expect(badKind.body.issues[0].path).toEqual(["kind"]);
    expect((await m.api("GET", "/api/templates/invoice")).status).toBe(400);
  });

  it("a template is saved per merchant; typos and misplaced placeholders are refused; DELETE goes back to the default", async () => {
    const m = await newMerchant();
    const other = await newMerchant();
    const typo = await m.api("PUT", "/api/templates/delivery_note", { body: "#LINES#", lineFormat: "#ORDER_UNIT_VALUE_TXT#" });
    expect(typo.status).toBe(400);
    expect(typo.body.issues).toEqual([{ path: ["lineFormat"], message: expect.stringContaining("#ORDER_UNIT_VALUE_TXT#") }]);
    const misplaced = await m.api("PUT", "/api/templates/delivery_note", { body: "#ITEM_NAME#", lineFormat: "#LINES#" });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(["body", "lineFormat"]);

    const saved = await m.api("PUT", "/api/templates/delivery_note", { body: "納品書 #EXTERNAL_ID#\n#LINES#", lineFormat: "#UNIT_VALUE##SALE_UNIT#" });
    expect(saved.status).toBe(200);
    expect((await m.api("GET", "/api/templates/delivery_note")).body).toMatchObject({ body: "納品書 #EXTERNAL_ID#\n#LINES#", isDefault: false });
    expect((await other.api("GET", "/api/templates/delivery_note")).body.isDefault).toBe(true);

    const reset = await m.api("DELETE", "/api/templates/delivery_note");
    expect(reset.body).toMatchObject({ isDefault: true });
    expect(reset.body.body).toContain("納品書");
  });
});
