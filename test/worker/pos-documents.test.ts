import { describe, expect, it } from "vitest";
import { call, level, newMerchant, newSku, type TestMerchant } from "./helpers";

async function pairedDevice(m: TestMerchant) {
  const created = await m.api("POST", "/api/devices", { locationId: m.storeId, name: "レジ1" });
  expect(created.status).toBe(201);
  const paired = await call("POST", "/api/pos/pair", { pairingCode: created.body.pairingCode });
  expect(paired.status).toBe(200);
  const again = await call("POST", "/api/pos/pair", { pairingCode: created.body.pairingCode });
  expect(again.status).toBe(401); // the code works once
  const token = paired.body.token as string;
  return {
    id: created.body.id as string,
    push: (documents: unknown[]) => call("POST", "/api/pos/documents", { documents }, { authorization: `Bearer ${token}` }),
  };
}

const sale = (skuId: string, quantity: number, price = 1000, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  kind: "sale",
  number: `S001-01-${crypto.randomUUID().slice(0, 6)}`,
  occurredAt: "2026-11-26T03:00:00.000Z",
  lines: [{ skuId, quantity, unitPrice: price, amount: price * quantity }],
  total: price * quantity,
  payments: [{ method: "cash", amount: price * quantity }],
  ...extra,
});

describe("POS documents", () => {
  it("an offline sale beyond stock is accepted, flagged as negative stock, and a replay is a duplicate applied once", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 1, locationId: m.storeId });
    const device = await pairedDevice(m);
    const document = sale(skuId, 3);
    const first = await device.push([document]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toEqual({ id: document.id, status: "accepted", negativeStock: [skuId] });
    const replay = await device.push([document, document]);
    expect(replay.body.results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: -2 });
    const negative = await m.api("GET", "/api/stock?negativeOnly=true");
    expect(negative.body.items.map((l: { skuId: string }) => l.skuId)).toEqual([skuId]);
  });

  it("a defective return (残次品) comes back on hand but held, so it is not sold again", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    const result = await device.push([{ ...sale(skuId, 1), kind: "return", payments: [], lines: [{ skuId, quantity: 1, unitPrice: 1000, amount: 1000, defective: true }] }]);
    expect(result.body.results[0].status).toBe("accepted");
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 6, held: 1 });
  });

  it("a document whose amounts do not add up is rejected with reasons, and the next one still lands", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const other = await newMerchant();
    const foreign = await newSku(other, { stock: 5 });
    const device = await pairedDevice(m);
    const bad = sale(skuId, 2, 1000, { total: 1999 });
    const stranger = sale(foreign.skuId, 1);
    const good = sale(skuId, 1);
    const result = await device.push([bad, stranger, good]);
    expect(result.body.results[0]).toMatchObject({ status: "rejected", issues: [{ path: ["total"] }] });
    expect(result.body.results[1]).toMatchObject({ status: "rejected", issues: [{ path: ["lines", 0, "skuId"] }] });
    expect(result.body.results[2].status).toBe("accepted");
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 4 });
    expect(await level(other, foreign.skuId)).toMatchObject({ on_hand: 5 });
  });

  it("a revoked device is refused at once", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5, locationId: m.storeId });
    const device = await pairedDevice(m);
    await m.api("POST", `/api/devices/${device.id}/revoke`);
    const refused = await device.push([sale(skuId, 1)]);
    expect(refused.status).toBe(401);
    expect(await level(m, skuId, m.storeId)).toMatchObject({ on_hand: 5 });
  });

  it("a staff user cannot manage devices or users", async () => {
    const m = await newMerchant();
    const staff = await m.api("POST", "/api/users", { email: `staff-${crypto.randomUUID()}@example.test`, name: "店員", role: "staff", password: "a long password" });
    expect(staff.status).toBe(201);
    const { signIn } = await import("./helpers");
    const asStaff = await signIn(staff.body.email, "a long password");
    expect((await asStaff("POST", "/api/devices", { locationId: m.storeId, name: "x" })).status).toBe(403);
    expect((await asStaff("POST", "/api/users", { email: "x@example.test", name: "x", role: "owner", password: "a long password" })).status).toBe(403);
    expect((await asStaff("GET", "/api/orders")).status).toBe(200);
  });
});
