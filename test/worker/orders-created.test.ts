/**
 * The hub's "orders created" hook (worker/orders/created.ts), which Smaregi's instant 受注連携 uses:
 * the order import and manual entry tell every listener once per created order — a repeated import
 * tells nothing — and a listener that fails neither fails nor undoes the creation.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { registerOrdersCreated, type CreatedOrder } from "../../worker/orders/created";
import { key, newMerchant, newSku } from "./helpers";

const heard = new Map<string, CreatedOrder[][]>();
registerOrdersCreated(async (ctx, orders) => {
  heard.set(ctx.merchantId, [...(heard.get(ctx.merchantId) ?? []), orders]);
});
const failing = new Set<string>();
registerOrdersCreated(async (ctx) => {
  if (failing.has(ctx.merchantId)) throw new Error("a listener that is down");
});

const importBody = (channelId: string, skuId: string, externalIds: string[]) => ({
  idempotencyKey: key(),
  orders: externalIds.map((externalId) => ({
    channelId,
    externalId,
    orderedAt: "2026-11-26T01:00:00.000Z",
    currency: "JPY",
    lines: [{ name: "item", externalCode: "", skuId, quantity: 1, unitPrice: 500, taxRate: 10 }],
  })),
});

describe("orders created", () => {
  it("an import tells the listeners once, with every created order and its channel; a repeated import tells nothing", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 10 });
    const first = await m.api("POST", "/api/orders/import", importBody(m.channelId, skuId, ["A-1", "A-2"]));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const ids = (first.body.orders as { orderId: string }[]).map((o) => o.orderId);
    expect(heard.get(m.merchantId)).toEqual([ids.map((orderId) => ({ orderId, channelId: m.channelId }))]);
    const again = await m.api("POST", "/api/orders/import", importBody(m.channelId, skuId, ["A-1", "A-2"]));
    expect(again.body).toMatchObject({ created: 0, duplicates: 2 });
    expect(heard.get(m.merchantId)).toHaveLength(1);
  });

  it("an order entered in the admin tells them too", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 10 });
    const entered = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    expect(heard.get(m.merchantId)).toEqual([[{ orderId: entered.body.id, channelId: m.channelId }]]);
  });

  it("a listener that fails does not fail the import, and the orders stay written", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 10 });
    failing.add(m.merchantId);
    const imported = await m.api("POST", "/api/orders/import", importBody(m.channelId, skuId, ["B-1"]));
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ created: 1 });
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE merchant_id = ?1 AND external_id = 'B-1'").bind(m.merchantId).first<{ n: number }>();
    expect(row!.n).toBe(1);
    // the listeners registered before the failing one still heard of it
    expect(heard.get(m.merchantId)).toHaveLength(1);
  });
});
