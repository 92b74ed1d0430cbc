/**
 * 出库开单 and transfers from the store back office: stock leaves through the ledger once per
 * idempotency key, never beyond what the store holds; a transfer waits at the other store as a
 * delivery its POS receives.
 */
import { describe, expect, it } from "vitest";
import { key, level, newMerchant, newSku } from "./helpers";
import { number, ownerId, pairedDevice } from "./store-documents";

describe("goods leaving a store outside a sale", () => {
  it("出库开单 takes the goods at once, once per key, and is refused beyond the store's stock", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const body = { idempotencyKey: key(), locationId: m.storeId, reason: "破損", lines: [{ skuId, quantity: 2 }] };
    const made = await m.api("POST", "/api/outbound", body);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: "other_out", status: "posted", body: { reason: "破損" } });
    expect((await m.api("POST", "/api/outbound", body)).body.id).toBe(made.body.id);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 3 });
    const refused = await m.api("POST", "/api/outbound", { ...body, idempotencyKey: key(), lines: [{ skuId, quantity: 4 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.issues[0].path).toEqual(["lines", 0, "quantity"]);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 3 });
  });

  it("the same key sent twice at once (a double click) makes one document and takes the goods once", async () => {
    const m = await newMerchant();
    const other = await m.api("POST", "/api/locations", { code: `S${Date.now().toString(36)}`, name: "新宿店", kind: "store" });
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const out = { idempotencyKey: key(), locationId: m.storeId, reason: "サンプル", lines: [{ skuId, quantity: 2 }] };
    const outs = await Promise.all([m.api("POST", "/api/outbound", out), m.api("POST", "/api/outbound", out)]);
    expect(outs.map((r) => r.status)).toEqual([201, 201]);
    expect(outs[1]!.body.id).toBe(outs[0]!.body.id);
    const move = { idempotencyKey: key(), fromLocationId: m.storeId, toLocationId: other.body.id, lines: [{ skuId, quantity: 1 }] };
    const moves = await Promise.all([m.api("POST", "/api/transfers", move), m.api("POST", "/api/transfers", move)]);
    expect(moves.map((r) => r.status)).toEqual([201, 201]);
    expect(moves[1]!.body.id).toBe(moves[0]!.body.id);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 2 });
    expect((await m.api("GET", `/api/documents?locationId=${other.body.id}&kind=inbound`)).body.items).toHaveLength(1);
  });

  it("a transfer leaves one store now and is received at the other with its counts", async () => {
    const m = await newMerchant();
    const staff = await ownerId(m);
    const other = await m.api("POST", "/api/locations", { code: `S${Date.now().toString(36)}`, name: "新宿店", kind: "store" });
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const made = await m.api("POST", "/api/transfers", { idempotencyKey: key(), fromLocationId: m.storeId, toLocationId: other.body.id, lines: [{ skuId, quantity: 3 }] });
    expect(made.status).toBe(201);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 2 });
    const device = await pairedDevice(m, other.body.id);
    const waiting = (await device.get("/api/pos/inbound")).body.items as { id: string; kind: string; lines: unknown[] }[];
    expect(waiting).toEqual([expect.objectContaining({ kind: "transfer", lines: [{ skuId, quantity: 3 }] })]);
    const receipt = { id: crypto.randomUUID(), kind: "receipt", number: number(), occurredAt: "2026-11-26T07:00:00.000Z", staffId: staff, inboundId: waiting[0]!.id, lines: [{ skuId, received: 3 }] };
    expect((await device.push([receipt])).body.results[0].status).toBe("accepted");
    expect(await level(m, skuId, other.body.id)).toMatchObject({ on_hand: 3 });
    const same = await m.api("POST", "/api/transfers", { idempotencyKey: key(), fromLocationId: m.storeId, toLocationId: m.storeId, lines: [{ skuId, quantity: 1 }] });
    expect(same.status).toBe(400);
  });
});
