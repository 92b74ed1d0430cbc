/**
 * 支払方法 on orders (issue 5, seed 000 §3): the import API takes the merchant's payment-method code,
 * manual entry takes one of its payment methods, the order detail names it; an unknown one refuses
 * the request by field with nothing written; an order without one keeps none.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { key, newMerchant, newSku, type TestMerchant } from "./helpers";

const methodId = async (m: TestMerchant, code: string) =>
  (await env.DB.prepare("SELECT id FROM payment_methods WHERE merchant_id = ?1 AND code = ?2").bind(m.merchantId, code).first<{ id: string }>())!.id;

const importBody = (m: TestMerchant, orders: { externalId: string; paymentMethodCode?: string }[]) => ({
  idempotencyKey: key(),
  orders: orders.map((o) => ({
    channelId: m.channelId,
    externalId: o.externalId,
    orderedAt: "2026-11-26T00:00:00Z",
    currency: "JPY",
    ...(o.paymentMethodCode ? { paymentMethodCode: o.paymentMethodCode } : {}),
    lines: [{ name: "x", externalCode: "NOPE", quantity: 1, unitPrice: 100, taxRate: 10 }],
  })),
});

const orderCount = async (m: TestMerchant) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE merchant_id = ?1").bind(m.merchantId).first<{ n: number }>())!.n;

describe("支払方法 on orders", () => {
  it("an import naming a payment method by code stores it and the order shows it; one without keeps none", async () => {
    const m = await newMerchant();
    const imported = await m.api("POST", "/api/orders/import", importBody(m, [{ externalId: "P-1", paymentMethodCode: "card" }, { externalId: "P-2" }]));
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const [paid, unpaid] = imported.body.orders as { orderId: string }[];
    const card = await methodId(m, "card");
    expect((await m.api("GET", `/api/orders/${paid!.orderId}`)).body.paymentMethod).toEqual({ id: card, code: "card", name: "クレジットカード" });
    expect((await m.api("GET", `/api/orders/${unpaid!.orderId}`)).body.paymentMethod).toBeNull();
    const row = await env.DB.prepare("SELECT payment_method_id FROM orders WHERE id = ?1").bind(paid!.orderId).first();
    expect(row).toEqual({ payment_method_id: card });
  });

  it("an unknown payment-method code is refused by order and field, and nothing of the request is written", async () => {
    const m = await newMerchant();
    const refused = await m.api("POST", "/api/orders/import", importBody(m, [{ externalId: "P-1", paymentMethodCode: "cash" }, { externalId: "P-2", paymentMethodCode: "paypay" }]));
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: ["orders", 1, "paymentMethodCode"], message: expect.stringContaining("「paypay」") }]);
    expect(await orderCount(m)).toBe(0);
    // another merchant's code is not this merchant's
    const other = await newMerchant();
    await env.DB.prepare("INSERT INTO payment_methods (id, merchant_id, code, name, kind) VALUES (?1, ?2, 'paypay', 'PayPay', 'qr')").bind(`pay_${crypto.randomUUID().slice(0, 8)}`, other.merchantId).run();
    expect((await m.api("POST", "/api/orders/import", importBody(m, [{ externalId: "P-3", paymentMethodCode: "paypay" }]))).status).toBe(400);
    expect(await orderCount(m)).toBe(0);
  });

  it("GET /api/payment-methods lists the merchant's own methods, cash first", async () => {
    const m = await newMerchant();
    const listed = await m.api("GET", "/api/payment-methods");
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { code: string; name: string; kind: string }) => [p.code, p.name, p.kind])).toEqual([
      ["cash", "現金", "cash"],
      ["card", "クレジットカード", "card"],
      ["qr", "QR決済", "qr"],
    ]);
    expect(listed.body.items[0].id).toBe(await methodId(m, "cash"));
  });

  it("manual entry takes one of the merchant's payment methods; another merchant's is refused by field, nothing written", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5 });
    const cash = await methodId(m, "cash");
    const entered = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, paymentMethodId: cash, lines: [{ skuId, quantity: 1 }] });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    expect(entered.body.paymentMethod).toEqual({ id: cash, code: "cash", name: "現金" });
    const plain = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] });
    expect(plain.body.paymentMethod).toBeNull();

    const other = await newMerchant();
    const foreign = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, paymentMethodId: await methodId(other, "cash"), lines: [{ skuId, quantity: 1 }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.issues).toEqual([{ path: ["paymentMethodId"], message: expect.stringContaining("支払方法") }]);
    expect(await orderCount(m)).toBe(2);
  });
});
