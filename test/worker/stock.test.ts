import { describe, expect, it } from "vitest";
import { key, ledgerSum, level, newMerchant, newSku } from "./helpers";

describe("stock ledger", () => {
  it("the same movement twice is applied once and answered as a replay", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m);
    const body = { idempotencyKey: key(), skuId, locationId: m.warehouseId, quantity: 7, reason: "receipt" };
    const first = await m.api("POST", "/api/stock/adjustments", body);
    const second = await m.api("POST", "/api/stock/adjustments", body);
    expect(first.status).toBe(200);
    expect(first.body.applied).toBe(true);
    expect(second.body.applied).toBe(false);
    expect(second.body.level.onHand).toBe(7);
    expect(await level(m, skuId)).toMatchObject({ on_hand: 7 });
    expect(await ledgerSum(skuId, m.warehouseId)).toMatchObject({ on_hand: 7 });
  });

  it("a reused key with another quantity is refused and changes nothing", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m);
    const k = key();
    await m.api("POST", "/api/stock/adjustments", { idempotencyKey: k, skuId, locationId: m.warehouseId, quantity: 5 });
    const reused = await m.api("POST", "/api/stock/adjustments", { idempotencyKey: k, skuId, locationId: m.warehouseId, quantity: 9 });
    expect(reused.status).toBe(409);
    expect(await level(m, skuId)).toMatchObject({ on_hand: 5 });
  });
});

describe("admin sign-in", () => {
  it("five wrong passwords lock the account; the right one is then refused with LOCKED", async () => {
    const { newMerchant, call } = await import("./helpers");
    const m = await newMerchant();
    for (let i = 0; i < 5; i++) {
      const wrong = await call("POST", "/api/auth/sign-in", { email: m.email, password: "not it" });
      expect(wrong.status).toBe(401);
    }
    const right = await call("POST", "/api/auth/sign-in", { email: m.email, password: m.password });
    expect(right.status).toBe(423);
    expect(right.body.code).toBe("LOCKED");
  });

  it("an unknown email and a wrong password get the same answer", async () => {
    const { newMerchant, call } = await import("./helpers");
    const m = await newMerchant();
    const unknown = await call("POST", "/api/auth/sign-in", { email: `nobody-${crypto.randomUUID()}@example.test`, password: "x" });
    const wrong = await call("POST", "/api/auth/sign-in", { email: m.email, password: "x" });
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(unknown.status).toBe(wrong.status);
  });
});
