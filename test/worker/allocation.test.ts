import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { key, ledgerSum, level, newMerchant, newSku } from "./helpers";

const importOne = (m: Awaited<ReturnType<typeof newMerchant>>, externalId: string, lines: { skuId?: string; externalCode?: string; quantity: number }[]) =>
  m.api("POST", "/api/orders/import", {
    idempotencyKey: key(),
    orders: [
      {
        channelId: m.channelId,
        externalId,
        orderedAt: "2026-11-26T01:00:00.000Z",
        currency: "JPY",
        lines: lines.map((l, i) => ({ name: `line ${i}`, externalCode: l.externalCode ?? "", skuId: l.skuId, quantity: l.quantity, unitPrice: 500, taxRate: 10 })),
      },
    ],
  });

describe("allocation (引当)", () => {
  it("50 concurrent allocations of the last unit: exactly one succeeds, and levels equal the ledger's sum", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 1 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(refused[0]!.body.code).toBe("INSUFFICIENT_STOCK");
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE merchant_id = ?1").bind(m.merchantId).first<{ n: number }>();
    expect(orders!.n).toBe(1); // refused orders left nothing behind
    expect(await level(m, skuId)).toMatchObject({ on_hand: 1, allocated: 1 });
    expect(await ledgerSum(skuId, m.warehouseId)).toEqual(await level(m, skuId));
  });

  it("demand is summed per SKU: two lines of the same SKU allocate together or wait together", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 3 });
    const short = await importOne(m, "A-1", [
      { skuId, quantity: 2 },
      { skuId, quantity: 2 },
    ]);
    expect(short.body.orders[0].status).toBe("awaiting_allocation");
    expect(await level(m, skuId)).toMatchObject({ allocated: 0 });
    const fits = await importOne(m, "A-2", [
      { skuId, quantity: 1 },
      { skuId, quantity: 2 },
    ]);
    expect(fits.body.orders[0].status).toBe("allocated");
    expect(await level(m, skuId)).toMatchObject({ on_hand: 3, allocated: 3 });
  });

  it("a cancelled order releases its allocation exactly once", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5 });
    const imported = await importOne(m, "C-1", [{ skuId, quantity: 4 }]);
    const orderId = imported.body.orders[0].orderId;
    expect(await level(m, skuId)).toMatchObject({ allocated: 4 });
    const first = await m.api("POST", "/api/orders/bulk/cancel", { orderIds: [orderId] });
    const again = await m.api("POST", "/api/orders/bulk/cancel", { orderIds: [orderId] });
    const deleted = await m.api("POST", "/api/orders/bulk/delete", { orderIds: [orderId] });
    expect(first.body.results[0]).toEqual({ orderId, ok: true });
    expect(again.body.results[0].message).toContain("already cancelled");
    expect(deleted.body.results[0].ok).toBe(true);
    expect(await level(m, skuId)).toMatchObject({ on_hand: 5, allocated: 0 });
    const releases = await env.DB.prepare("SELECT COUNT(*) AS n FROM stock_movements WHERE source_id = ?1 AND quantity < 0").bind(orderId).first<{ n: number }>();
    expect(releases!.n).toBe(1);
  });

  it("the same order imported twice is written once and answered as a duplicate", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5 });
    const first = await importOne(m, "D-1", [{ skuId, quantity: 2 }]);
    const second = await importOne(m, "D-1", [{ skuId, quantity: 2 }]);
    expect(first.body).toMatchObject({ created: 1, duplicates: 0 });
    expect(second.body).toMatchObject({ created: 0, duplicates: 1 });
    expect(second.body.orders[0].orderId).toBe(first.body.orders[0].orderId);
    expect(await level(m, skuId)).toMatchObject({ allocated: 2 });
  });

  it("a replayed idempotency key answers the same and applies once; a different body with it is refused", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5 });
    const body = { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 2 }] };
    const first = await m.api("POST", "/api/orders", body);
    const replay = await m.api("POST", "/api/orders", body);
    expect(first.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(await level(m, skuId)).toMatchObject({ allocated: 2 });
    const reused = await m.api("POST", "/api/orders", { ...body, lines: [{ skuId, quantity: 1 }] });
    expect(reused.status).toBe(409);
  });

  it("unmapped lines stop the order in 確認待 with the right system tag, and take no stock", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m, { stock: 5 });
    const all = await importOne(m, "U-1", [{ externalCode: "NOPE-1", quantity: 1 }]);
    const some = await importOne(m, "U-2", [
      { externalCode: code, quantity: 1 },
      { externalCode: "NOPE-2", quantity: 1 },
    ]);
    expect(all.body.orders[0].status).toBe("awaiting_confirmation");
    expect(some.body.orders[0].status).toBe("awaiting_confirmation");
    const allOrder = await m.api("GET", `/api/orders/${all.body.orders[0].orderId}`);
    const someOrder = await m.api("GET", `/api/orders/${some.body.orders[0].orderId}`);
    expect(allOrder.body.tags).toEqual([{ tag: "全商品未マッピング", kind: "system" }]);
    expect(someOrder.body.tags).toEqual([{ tag: "一部商品未マッピング", kind: "system" }]);
    expect(someOrder.body.lines[0].skuId).toBe(skuId); // mapped by merchant code
    expect(await level(m, skuId)).toMatchObject({ allocated: 0 });
    const byTag = await m.api("GET", `/api/orders?tag=${encodeURIComponent("一部商品未マッピング")}`);
    expect(byTag.body.items.map((o: { id: string }) => o.id)).toEqual([some.body.orders[0].orderId]);
  });

  it("the 'all locations' stock source (在庫数合算設定) counts every location", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 2, locationId: m.storeId });
    const own = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] });
    expect(own.status).toBe(409); // the warehouse alone has nothing
    const channel = await m.api("POST", "/api/channels", { code: "web", name: "Web", kind: "web", defaultLocationId: m.warehouseId, stockSource: "all" });
    expect(channel.status).toBe(201);
    const all = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: channel.body.id, lines: [{ skuId, quantity: 2 }] });
    expect(all.status).toBe(201);
    const over = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: channel.body.id, lines: [{ skuId, quantity: 1 }] });
    expect(over.status).toBe(409);
  });
});

describe("shipping", () => {
  it("a split shipment ships part of the order; confirming twice ships once; the last part ships the order", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 10 });
    const order = await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 4 }] });
    const lineId = order.body.lines[0].id;
    const part = await m.api("POST", `/api/orders/${order.body.id}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: lineId, quantity: 3 }] });
    expect(part.status).toBe(201);
    const confirm = { idempotencyKey: key(), carrier: "ヤマト", trackingNumber: "1234-5678-9012" };
    const first = await m.api("POST", `/api/shipments/${part.body.id}/confirm`, confirm);
    const again = await m.api("POST", `/api/shipments/${part.body.id}/confirm`, { ...confirm, idempotencyKey: key() });
    expect(first.body.orderStatus).toBe("allocated");
    expect(again.body.alreadyShipped).toBe(true);
    expect(await level(m, skuId)).toMatchObject({ on_hand: 7, allocated: 1 });
    const tooMany = await m.api("POST", `/api/orders/${order.body.id}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: lineId, quantity: 2 }] });
    expect(tooMany.status).toBe(400);
    const rest = await m.api("POST", `/api/orders/${order.body.id}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: lineId, quantity: 1 }] });
    const last = await m.api("POST", `/api/shipments/${rest.body.id}/confirm`, { idempotencyKey: key(), carrier: "", trackingNumber: "" });
    expect(last.body.orderStatus).toBe("shipped");
    expect(await level(m, skuId)).toMatchObject({ on_hand: 6, allocated: 0 });
    expect(await ledgerSum(skuId, m.warehouseId)).toEqual(await level(m, skuId));
  });
});
