/**
 * Rakuten RMS + RSL, after the import (seed 002): cancel / delete in Renkei of an order already at RSL
 * (taken back from RSL first, or refused with the reason), orders cancelled in RMS followed, the
 * 確認待 work beside another order system (saved search, bulk delete / cancel, split, the CSV of the
 * orders left to it), the license re-check and the import interval after start. Real fakes over
 * loopback HTTP, real D1 and Queues.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { FORWARD_JOB, IMPORT_JOB, RESULTS_JOB } from "../../worker/connectors/rakuten/link";
import { control, item, orderByNumber, rslState, runJob, setup, type Setup } from "./rakuten-setup";

const shipmentStatus = async (s: Setup, orderNumber: string) =>
  ((await rslState(s.apiKey)).shipments as { shopOrderNumber: string; status: string }[]).filter((x) => x.shopOrderNumber === orderNumber).map((x) => x.status);

/** Imports and waits until every fully mapped order is with RSL (出荷待ち). */
async function importAndForward(s: Setup, forwarded: string[]) {
  await runJob(s, IMPORT_JOB);
  for (const n of forwarded) await vi.waitFor(async () => expect((await orderByNumber(s, n)).status).toBe("awaiting_shipment"), { timeout: 10_000, interval: 100 });
}

describe("cancel / delete in Renkei of an order already at RSL", () => {
  it("is cancelled at RSL first (before picking); once RSL is picking it is refused with the reason and stays with RSL", async () => {
    const s = await setup([{ orderProgress: 300, items: [item("RB-001-RED")] }, { orderProgress: 300, items: [item("RB-001-BLU")] }, { orderProgress: 300, items: [item("RB-001-RED", 2)] }]);
    const [early, late, deleted] = s.shop.orderNumbers as [string, string, string];
    await importAndForward(s, [early, late, deleted]);
    const lateRequest = (await rslState(s.apiKey)).shipments.find((x: { shopOrderNumber: string }) => x.shopOrderNumber === late).requestKey;
    await control("rsl", "release-results", { apiKey: s.apiKey, requestKey: lateRequest }); // picked and shipped at RSL

    const ids = await Promise.all([early, late].map(async (n) => (await orderByNumber(s, n)).id));
    const cancel = await s.m.api("POST", "/api/orders/bulk/cancel", { orderIds: ids });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body.changed).toBe(1);
    expect(cancel.body.results).toEqual(
      expect.arrayContaining([
        { orderId: ids[0], ok: true },
        { orderId: ids[1], ok: false, message: expect.stringContaining("ピッキング") },
      ]),
    );
    expect(await shipmentStatus(s, early)).toEqual(["cancelled"]);
    expect((await orderByNumber(s, early)).status).toBe("cancelled");
    expect((await orderByNumber(s, late)).status).toBe("awaiting_shipment");

    const del = await s.m.api("POST", "/api/orders/bulk/delete", { orderIds: [(await orderByNumber(s, deleted)).id] });
    expect(del.body.changed).toBe(1);
    expect(await shipmentStatus(s, deleted)).toEqual(["cancelled"]);
    const states = await env.DB.prepare("SELECT order_number, state FROM rsl_requests WHERE connection_id = ?1 ORDER BY order_number").bind(s.rakutenId).all<{ order_number: string; state: string }>();
    expect(Object.fromEntries(states.results.map((r) => [r.order_number, r.state]))).toEqual({ [early]: "cancelled", [late]: "accepted", [deleted]: "cancelled" });
  });

  it("a request not yet sent is withdrawn in Renkei and never leaves; RSL unreachable refuses the cancel", async () => {
    const s = await setup([{ orderProgress: 300, items: [item("RB-001-BLU"), item("MUG-900")] }, { orderProgress: 300, items: [item("RB-001-RED")] }]);
    const [partly, full] = s.shop.orderNumbers as [string, string];
    const settings = (await s.m.api("GET", `/api/connections/${s.rakutenId}`)).body.settings;
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: false });
    await runJob(s, IMPORT_JOB);
    const p = await orderByNumber(s, partly);
    expect((await s.m.api("POST", `/api/rakuten/links/${s.rakutenId}/split`, { orderIds: [p.id] })).body.changed).toBe(1);
    const cancel = await s.m.api("POST", "/api/orders/bulk/cancel", { orderIds: [p.id] });
    expect(cancel.body).toEqual({ changed: 1, results: [{ orderId: p.id, ok: true }] });
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: true });
    await runJob(s, FORWARD_JOB);
    const shipments = (await rslState(s.apiKey)).shipmentsByOrder;
    expect(Object.keys(shipments)).toEqual([full]);

    await control("rsl", "fail", { apiKey: s.apiKey, failures: [{ status: 503, path: `/v1/shipments/${encodeURIComponent(shipments[full][0])}/cancel` }] });
    const f = await orderByNumber(s, full);
    await vi.waitFor(async () => expect((await orderByNumber(s, full)).status).toBe("awaiting_shipment"), { timeout: 5000, interval: 100 });
    const refused = await s.m.api("POST", "/api/orders/bulk/cancel", { orderIds: [f.id] });
    expect(refused.body.results).toEqual([{ orderId: f.id, ok: false, message: expect.stringContaining("RSLに接続できない") }]);
    expect((await orderByNumber(s, full)).status).toBe("awaiting_shipment");
    expect(await shipmentStatus(s, full)).toEqual(["received"]);
  });
});

describe("orders cancelled in RMS after the import", () => {
  it("are cancelled in Renkei and at RSL; one RSL is already picking is kept for review as a system error", async () => {
    const s = await setup([{ orderProgress: 300, items: [item("RB-001-RED")] }, { orderProgress: 300, items: [item("RB-001-BLU")] }, { orderProgress: 300, items: [item("MUG-900")] }]);
    const [followed, tooLate, unmapped] = s.shop.orderNumbers as [string, string, string];
    await importAndForward(s, [followed, tooLate]);
    const tooLateKey = (await rslState(s.apiKey)).shipmentsByOrder[tooLate][0];
    await control("rsl", "release-results", { apiKey: s.apiKey, requestKey: tooLateKey });
    for (const orderNumber of s.shop.orderNumbers) await control("rakuten", "update-order", { serviceSecret: s.shop.serviceSecret, orderNumber, orderProgress: 900 });

    const run = await runJob(s, IMPORT_JOB);
    expect(run.run.counts).toMatchObject({ imported: 0, rmsCancelled: 2, rmsCancelRefused: 1 });
    expect(await orderByNumber(s, followed)).toMatchObject({ status: "cancelled" });
    expect(await shipmentStatus(s, followed)).toEqual(["cancelled"]);
    expect(await orderByNumber(s, unmapped)).toMatchObject({ status: "cancelled" });
    expect(await orderByNumber(s, tooLate)).toMatchObject({ status: "awaiting_shipment", tags: ["システムエラー"] });
    const review = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/review`);
    expect(review.body.items).toEqual([expect.objectContaining({ kind: "rms_cancel", orderNumber: tooLate, error: expect.stringContaining("ピッキング") })]);

    // followed once: the next import finds nothing new to cancel
    const again = await runJob(s, IMPORT_JOB);
    expect(again.run.counts).toMatchObject({ rmsCancelled: 0, rmsCancelRefused: 1 });
    // none of them is for the other system: Rakuten cancelled them
    expect((await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/other-system`)).body.items).toEqual([]);
  });
});

describe("beside another order system (確認待)", () => {
  it("a saved search finds the 確認待 orders by their system tag; bulk delete / cancel and split act on them; the orders left to the other system export as CSV", async () => {
    const s = await setup([
      { orderProgress: 300, items: [item("MUG-900")] },
      { orderProgress: 300, items: [item("RB-001-RED"), item("BAG-300-NVY", 2)] },
      { orderProgress: 300, items: [item("RB-001-BLU"), item("MUG-900")] },
      { orderProgress: 300, items: [item("BAG-300-NVY")] },
      { orderProgress: 300, items: [item("RB-001-RED")] },
    ]);
    const [unmappedDeleted, partlySplit, partlyCancelled, unmappedCancelled, full] = s.shop.orderNumbers as [string, string, string, string, string];
    await importAndForward(s, [full]);

    const saved = await s.m.api("POST", "/api/saved-searches", { name: "楽天 全商品未マッピング", query: { status: "awaiting_confirmation", tag: "全商品未マッピング", channelId: s.m.channelId } });
    expect(saved.status).toBe(201);
    const found = await s.m.api("GET", `/api/orders?${new URLSearchParams({ ...saved.body.query, limit: "100" })}`);
    expect(found.body.items.map((o: { externalId: string }) => o.externalId).sort()).toEqual([unmappedDeleted, unmappedCancelled].sort());
    const partly = await s.m.api("GET", `/api/orders?${new URLSearchParams({ status: "awaiting_confirmation", tag: "一部商品未マッピング", limit: "100" })}`);
    expect(partly.body.items.map((o: { externalId: string }) => o.externalId).sort()).toEqual([partlySplit, partlyCancelled].sort());

    const id = async (n: string) => (await orderByNumber(s, n)).id;
    expect((await s.m.api("POST", "/api/orders/bulk/delete", { orderIds: [await id(unmappedDeleted)] })).body.changed).toBe(1);
    expect((await s.m.api("POST", "/api/orders/bulk/cancel", { orderIds: [await id(unmappedCancelled), await id(partlyCancelled)] })).body.changed).toBe(2);
    expect((await s.m.api("POST", `/api/rakuten/links/${s.rakutenId}/split`, { orderIds: [await id(partlySplit)] })).body.changed).toBe(1);
    await vi.waitFor(async () => expect((await orderByNumber(s, partlySplit)).status).toBe("awaiting_shipment"), { timeout: 10_000, interval: 100 });
    // nothing of theirs reached RSL but the split's mapped line
    expect(Object.keys((await rslState(s.apiKey)).shipmentsByOrder).sort()).toEqual([full, partlySplit].sort());

    const list = (await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/other-system`)).body.items as { orderNumber: string; scope: string; handling: string; lines: unknown[] }[];
    expect(Object.fromEntries(list.map((o) => [o.orderNumber, [o.scope, o.handling, o.lines]]))).toEqual({
      [unmappedDeleted]: ["whole", "deleted", [{ code: "MUG-900", quantity: 1 }]],
      [partlySplit]: ["part", "split", [{ code: "BAG-300-NVY", quantity: 2 }]],
      [partlyCancelled]: ["whole", "cancelled", [{ code: "RB-001-BLU", quantity: 1 }, { code: "MUG-900", quantity: 1 }]],
      [unmappedCancelled]: ["whole", "cancelled", [{ code: "BAG-300-NVY", quantity: 1 }]],
    });
    const csv = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/other-system.csv`);
    expect(csv.status).toBe(200);
    const text = String(csv.body).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toBe("モール注文番号,注文日時,自社出荷の範囲,自社出荷の商品,Renkeiでの扱い");
    expect(text).toMatch(new RegExp(`${partlySplit},\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2},一部商品（出荷分割）,BAG-300-NVY×2,出荷分割`));
    expect(text).not.toContain(full);
  });
});

describe("the link after start", () => {
  it("a reissued license key is re-checked: refused with the old key (per-field), read with the new one", async () => {
    const s = await setup();
    const reissued = await control("rakuten", "license", { serviceSecret: s.shop.serviceSecret });
    const refused = await s.m.api("POST", `/api/rakuten/links/${s.rakutenId}/license/check`);
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: ["credentials", "licenseKey"] })]);
    expect((await s.m.api("PUT", `/api/connections/${s.rakutenId}/credentials`, { serviceSecret: s.shop.serviceSecret, licenseKey: reissued.licenseKey })).status).toBe(200);
    const checked = await s.m.api("POST", `/api/rakuten/links/${s.rakutenId}/license/check`);
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body.license).toMatchObject({ state: "ok" });
    expect(checked.body.license.daysLeft).toBeGreaterThanOrEqual(88);
  });

  it("changing 受注取込間隔 after start moves the import schedule (one schedule, the new interval)", async () => {
    const s = await setup();
    const schedules = async () => (await s.m.api("GET", "/api/sync/schedules")).body.items.filter((x: { connectionId: string; job: string }) => x.connectionId === s.rakutenId && x.job === IMPORT_JOB);
    expect((await schedules()).map((x: { intervalMinutes: number }) => x.intervalMinutes)).toEqual([10]);
    const settings = (await s.m.api("GET", `/api/connections/${s.rakutenId}`)).body.settings;
    expect((await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, importIntervalMinutes: 30 })).status).toBe(200);
    expect((await schedules()).map((x: { intervalMinutes: number; enabled: boolean }) => [x.intervalMinutes, x.enabled])).toEqual([[30, true]]);
    expect((await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, importIntervalMinutes: 2 })).status).toBe(400);
    expect((await schedules()).map((x: { intervalMinutes: number }) => x.intervalMinutes)).toEqual([30]);
  });

  it("an RSL link set after start gets its forwarding and results schedules; a link never started gets none from saving settings", async () => {
    const s = await setup();
    const all = async (connectionId: string) => ((await s.m.api("GET", "/api/sync/schedules")).body.items as { connectionId: string; job: string }[]).filter((x) => x.connectionId === connectionId).map((x) => x.job).sort();
    await env.DB.prepare("DELETE FROM schedules WHERE connection_id = ?1 AND job IN (?2, ?3)").bind(s.rakutenId, RESULTS_JOB, FORWARD_JOB).run(); // as if started without RSL
    const settings = (await s.m.api("GET", `/api/connections/${s.rakutenId}`)).body.settings;
    expect((await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, importDays: 3 })).status).toBe(200);
    expect(await all(s.rakutenId)).toEqual([FORWARD_JOB, IMPORT_JOB, RESULTS_JOB].sort());

    const fresh = await s.m.api("POST", "/api/connections", { kind: "rakuten", name: "未開始", credentials: { serviceSecret: "a", licenseKey: "b" }, settings: { channelId: s.m.channelId } });
    expect((await s.m.api("PUT", `/api/connections/${fresh.body.id}/settings`, { ...fresh.body.settings, importIntervalMinutes: 15, rslConnectionId: s.rslId })).status).toBe(200);
    expect(await all(fresh.body.id)).toEqual([]);
  });
});
