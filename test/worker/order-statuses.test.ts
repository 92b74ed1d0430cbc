import { describe, expect, it } from "vitest";
import { key, newMerchant, newSku, signIn } from "./helpers";

describe("custom order statuses", () => {
  it("a custom status is renamed in ja / zh / en and moved in the display order; its orders keep it", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 5 });
    await m.api("POST", "/api/order-statuses", { code: "gift_wrap", ja: "ラッピング", sort: 500 });
    await m.api("POST", "/api/order-statuses", { code: "rsl_wait", ja: "RSL待ち", zh: "RSL等待", en: "RSL wait", sort: 600 });
    const order = (await m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: m.channelId, lines: [{ skuId, quantity: 1 }] })).body.id;
    await m.api("POST", "/api/orders/bulk/status", { orderIds: [order], status: "gift_wrap" });

    const renamed = await m.api("PATCH", "/api/order-statuses/gift_wrap", { ja: "ギフト包装", zh: "礼品包装", en: "Gift wrap", sort: 700 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ code: "gift_wrap", ja: "ギフト包装", zh: "礼品包装", en: "Gift wrap", builtIn: false, sort: 700 });
    const custom = (await m.api("GET", "/api/order-statuses")).body.items.filter((s: { builtIn: boolean }) => !s.builtIn);
    expect(custom.map((s: { code: string }) => s.code)).toEqual(["rsl_wait", "gift_wrap"]);
    expect((await m.api("GET", `/api/orders/${order}`)).body.status).toBe("gift_wrap");

    // only the sort: the names stay; an empty Chinese / English name takes the Japanese one
    expect((await m.api("PATCH", "/api/order-statuses/gift_wrap", { sort: 10 })).body).toMatchObject({ ja: "ギフト包装", en: "Gift wrap", sort: 10 });
    expect((await m.api("PATCH", "/api/order-statuses/gift_wrap", { en: "" })).body).toMatchObject({ ja: "ギフト包装", zh: "礼品包装", en: "ギフト包装" });
  });

  it("bad edits are refused by field and change nothing; built-in and unknown statuses are refused", async () => {
    const m = await newMerchant();
    await m.api("POST", "/api/order-statuses", { code: "hold", ja: "保留", sort: 300 });
    const bad = await m.api("PATCH", "/api/order-statuses/hold", { ja: "", sort: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(expect.arrayContaining(["ja", "sort"]));
    const empty = await m.api("PATCH", "/api/order-statuses/hold", {});
    expect(empty.status).toBe(400);
    expect((await m.api("GET", "/api/order-statuses")).body.items.find((s: { code: string }) => s.code === "hold")).toMatchObject({ ja: "保留", sort: 300 });

    const builtIn = await m.api("PATCH", "/api/order-statuses/shipped", { ja: "発送済" });
    expect(builtIn.status).toBe(409);
    expect(builtIn.body.issues).toEqual([{ path: ["code"], message: "built-in" }]);
    const unknown = await m.api("PATCH", "/api/order-statuses/nope", { ja: "x" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain("受注ステータス");
  });

  it("staff cannot edit statuses; managers can", async () => {
    const m = await newMerchant();
    await m.api("POST", "/api/order-statuses", { code: "hold", ja: "保留" });
    const staff = await m.api("POST", "/api/users", { email: `staff-${key()}@example.test`, name: "Staff", role: "staff", password: "correct horse battery" });
    expect(staff.status).toBe(201);
    const asStaff = await signIn(staff.body.email, "correct horse battery");
    expect((await asStaff("PATCH", "/api/order-statuses/hold", { ja: "x" })).status).toBe(403);
  });
});
