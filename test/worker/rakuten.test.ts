/**
 * Rakuten RMS + RSL (seed 002) through the real fakes over loopback HTTP, real D1 and Queues: link
 * setup (API接続設定, license expiry), 商品マッピング, 受注取込 + 注文確認, RSL自動出荷依頼 and the
 * results written back to RMS once per parcel.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { importRakutenOrders } from "../../worker/connectors/rakuten/import-orders";
import { FORWARD_JOB, IMPORT_JOB, RESULTS_JOB } from "../../worker/connectors/rakuten/link";
import { asurakuCountdown } from "../../worker/connectors/rakuten/asuraku";
import { pullRslResults } from "../../worker/connectors/rakuten/results";
import { newMerchant } from "./helpers";
import { control, DAY, FAST, fakes, item, orderByNumber, rmsCalls, rslState, runJob, setup } from "./rakuten-setup";

describe("Rakuten link setup (API接続設定)", () => {
  it("wrong credentials answer a per-field error and the link stays pending; a good key is verified and its expiry warned ahead", async () => {
    const m = await newMerchant();
    const issued = new Date(Date.now() - 80 * DAY).toISOString();
    const shop = await control("rakuten", "seed", { serviceSecret: `SP_${crypto.randomUUID()}`, settings: FAST, licenseIssuedAt: issued });
    const wrong = await m.api("POST", "/api/connections", {
      kind: "rakuten", name: "x", baseUrl: `${fakes}/rakuten`, credentials: { serviceSecret: shop.serviceSecret, licenseKey: "SL_wrong" }, settings: { channelId: m.channelId, callIntervalMs: 0 },
    });
    const refused = await m.api("POST", `/api/connections/${wrong.body.id}/verify`);
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: ["credentials", "licenseKey"] })]);
    expect((await m.api("GET", `/api/connections/${wrong.body.id}`)).body.status).toBe("pending");

    const badChannel = await m.api("POST", "/api/connections", { kind: "rakuten", name: "x", credentials: { serviceSecret: "a", licenseKey: "b" }, settings: { channelId: "chn_nope" } });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.issues).toEqual([expect.objectContaining({ path: ["settings", "channelId"] })]);

    const good = await m.api("POST", "/api/connections", {
      kind: "rakuten", name: "楽天", baseUrl: `${fakes}/rakuten`, credentials: { serviceSecret: shop.serviceSecret, licenseKey: shop.licenseKey }, settings: { channelId: m.channelId, callIntervalMs: 0 },
    });
    const verified = await m.api("POST", `/api/connections/${good.body.id}/verify`);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.status).toBe("authorized");
    const status = await m.api("GET", `/api/rakuten/links/${good.body.id}/status`);
    expect(status.body.license).toMatchObject({ state: "warning", warnDays: 14 });
    expect(status.body.license.daysLeft).toBeGreaterThanOrEqual(9);
    expect(status.body.license.daysLeft).toBeLessThanOrEqual(10);
    // 23:59:59 JST of the 90th day after the JST day of issue
    expect(status.body.license.expiresAt).toMatch(/T14:59:59\.000Z$/);
  });

  it("an expired license key stops the link with a clear message instead of retrying", async () => {
    const s = await setup([{ items: [item("RB-001-RED")] }]);
    const connection = (await loadConnection(s.m.ctx, s.rakutenId))!;
    await control("rakuten", "clock", { serviceSecret: s.shop.serviceSecret, advanceDays: 91 });
    const failure = await importRakutenOrders(s.m.ctx, connection, "run_test", Date.now() + 91 * DAY).catch((e: Error) => e);
    expect(String(failure)).toContain("ライセンスキーの有効期限が切れた");
    const after = await s.m.api("GET", `/api/connections/${s.rakutenId}`);
    expect(after.body).toMatchObject({ status: "stopped", lastError: expect.stringContaining("再発行") });
    const skipped = await runJob(s, IMPORT_JOB);
    expect(skipped.run.counts).toEqual({ skipped: 1 });
  });
});

describe("商品マッピング", () => {
  it("by hand and by CSV: every row is checked first, errors name the row and field, and nothing is half-written", async () => {
    const s = await setup();
    const path = `/api/rakuten/links/${s.rakutenId}/mappings`;
    const bad = await s.m.api("PUT", path, { rows: [{ rakutenSku: "TS-100-S", skuCode: s.skus.other.code, rslItemCode: "RSL-10003" }, { rakutenSku: "ts-100-s", skuCode: "NOPE", rslItemCode: "" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([[1, "rakutenSku"], [1, "skuCode"], [1, "rslItemCode"]]);
    expect((await s.m.api("GET", path)).body.items).toHaveLength(2);

    const csvBad = await s.m.api("POST", `${path}/upload`, { csv: `楽天SKU,商品コード,RSL商品コード\nTS-100-S,${s.skus.other.code},RSL-10003\nTS-100-M,MISSING,RSL-10004\n` });
    expect(csvBad.status).toBe(400);
    expect(csvBad.body.issues).toEqual([expect.objectContaining({ path: [3, "skuCode"] })]);
    expect((await s.m.api("GET", path)).body.items).toHaveLength(2);

    const csv = await s.m.api("POST", `${path}/upload`, { csv: `\uFEFF楽天SKU,商品コード,RSL商品コード\r\nTS-100-S,${s.skus.other.code},RSL-10003\r\nRB-001-RED,${s.skus.red.code},RSL-10009\r\n` });
    expect(csv.body).toEqual({ saved: 2 });
    const items = (await s.m.api("GET", path)).body.items;
    expect(items.map((i: { rakutenSku: string; rslItemCode: string }) => [i.rakutenSku, i.rslItemCode])).toEqual([
      ["rb-001-blu", "RSL-10002"],
      ["RB-001-RED", "RSL-10009"],
      ["TS-100-S", "RSL-10003"],
    ]);
    const file = await s.m.api("GET", `${path}.csv`);
    expect(file.body).toContain(`TS-100-S,${s.skus.other.code},RSL-10003`);
    expect((await s.m.api("POST", `${path}/delete`, { rakutenSku: "ts-100-s" })).status).toBe(200);
    expect((await s.m.api("GET", path)).body.items).toHaveLength(2);
  });
});

describe("受注取込 → RSL → RMS", () => {
  it("fully mapped, partly mapped and unmapped orders end where the seed says; each is imported and confirmed once, and only the mapped go to RSL", async () => {
    const s = await setup([
      { orderProgress: 100, items: [item("RB-001-RED", 2)] },
      { orderProgress: 100, items: [item("RB-001-BLU"), item("MUG-900")] },
      { orderProgress: 100, items: [item("BAG-300-NVY")] },
      { orderProgress: 300, items: [item("RB-001-RED")] },
    ]);
    // a Renkei SKU sharing an unmapped Rakuten code does not make the line mapped
    await s.m.api("POST", "/api/products", { code: "MUG", name: "マグ", skus: [{ code: "MUG-900", price: 1000 }] });
    const [full, partly, none, confirmedElsewhere] = s.shop.orderNumbers as [string, string, string, string];

    const first = await runJob(s, IMPORT_JOB);
    expect(first.result.explicitAcks).toHaveLength(1);
    expect(first.run).toMatchObject({ status: "succeeded", counts: { found: 4, imported: 4, unmapped: 2, confirmed: 3, confirmFailed: 0 } });
    expect(await orderByNumber(s, full)).toMatchObject({ status: "allocated", tags: [] });
    expect(await orderByNumber(s, partly)).toMatchObject({ status: "awaiting_confirmation", tags: ["一部商品未マッピング"] });
    expect(await orderByNumber(s, none)).toMatchObject({ status: "awaiting_confirmation", tags: ["全商品未マッピング"] });
    const rms = (await control("rakuten", "state", { serviceSecret: s.shop.serviceSecret })).orders as { orderNumber: string; orderProgress: number }[];
    expect(rms.every((o) => o.orderProgress === 300)).toBe(true);

    // the import queued the forwarding: the two fully mapped orders reach RSL, the others never
    await vi.waitFor(async () => expect(Object.keys((await rslState(s.apiKey)).shipmentsByOrder).sort()).toEqual([full, confirmedElsewhere].sort()), { timeout: 10_000, interval: 100 });
    await vi.waitFor(async () => expect((await orderByNumber(s, full)).status).toBe("awaiting_shipment"), { timeout: 5000, interval: 100 });
    const shipments = (await rslState(s.apiKey)).shipments as { shopOrderNumber: string; lines: { itemCode: string; quantity: number }[] }[];
    expect(shipments.find((x) => x.shopOrderNumber === full)!.lines).toEqual([{ itemCode: "RSL-10001", quantity: 2 }]);

    // again: nothing new, nothing confirmed twice, nothing requested twice
    const calls = await rmsCalls(s.shop.serviceSecret);
    const second = await runJob(s, IMPORT_JOB);
    expect(second.run.counts).toMatchObject({ found: 4, imported: 0, known: 4, confirmed: 0 });
    expect((await rmsCalls(s.shop.serviceSecret)).confirmOrder ?? 0).toBe(calls.confirmOrder);
    expect((await rmsCalls(s.shop.serviceSecret)).getOrder ?? 0).toBe(calls.getOrder);
    await runJob(s, FORWARD_JOB);
    expect(Object.values((await rslState(s.apiKey)).shipmentsByOrder).flat()).toHaveLength(2);
  });

  it("an RSL request whose answer was lost is looked up before it is sent again: one shipment", async () => {
    const s = await setup([{ orderProgress: 300, items: [item("RB-001-RED")] }]);
    await control("rsl", "fail", { apiKey: s.apiKey, failures: [{ status: 504, path: "/v1/shipments", afterApply: true }] });
    const settings = (await s.m.api("GET", `/api/connections/${s.rakutenId}`)).body.settings;
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: false });
    await runJob(s, IMPORT_JOB);
    await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, autoForward: true });
    const lost = await runJob(s, FORWARD_JOB);
    expect(lost.result.retryMessages).toHaveLength(1);
    expect(lost.run.status).toBe("retrying");
    const retried = await runJob(s, FORWARD_JOB);
    expect(retried.run).toMatchObject({ status: "succeeded", counts: { found: 1, sent: 0 } });
    const state = await rslState(s.apiKey);
    expect(Object.values(state.shipmentsByOrder).flat()).toHaveLength(1);
    expect((await orderByNumber(s, s.shop.orderNumbers[0]!)).status).toBe("awaiting_shipment");
  });

  it("RSL's results reach RMS at once, one record per parcel even when the write is repeated; the order is shipped; an unknown result is kept", async () => {
    const s = await setup([{ orderProgress: 100, items: [item("RB-001-RED", 4)] }]);
    const [orderNumber] = s.shop.orderNumbers as [string];
    await runJob(s, IMPORT_JOB);
    await vi.waitFor(async () => expect((await orderByNumber(s, orderNumber)).status).toBe("awaiting_shipment"), { timeout: 10_000, interval: 100 });
    // a shipment Renkei never asked for (made at RSL by someone else)
    const stray = await fetch(`${fakes}/rsl/v1/shipments`, {
      method: "POST",
      headers: { "x-api-key": s.apiKey, "content-type": "application/json" },
      body: JSON.stringify({ requestKey: "manual-1", shopOrderNumber: "999999-20260101-00000001", shipTo: { name: "x", postalCode: "1000001", prefecture: "東京都", address1: "千代田区1", phone: "0300000000" }, lines: [{ itemCode: "RSL-10001", quantity: 1 }] }),
    });
    expect(stray.status).toBe(201);
    await control("rsl", "release-results", { apiKey: s.apiKey });

    const connection = (await loadConnection(s.m.ctx, s.rakutenId))!;
    const counts = await pullRslResults(s.m.ctx, connection, { pollIntervalMs: 50, pollTimeoutMs: 5000 });
    expect(counts).toMatchObject({ results: 2, parcels: 2, unmatched: 1, shipped: 1, reported: 2, reportFailed: 0 }); // 4 units, 3 per parcel
    const records = (await control("rakuten", "shipping-records", { serviceSecret: s.shop.serviceSecret, orderNumber }))[0];
    expect(records.packages[0].ShippingModelList).toHaveLength(2);
    expect(records.packages[0].ShippingModelList[0]).toMatchObject({ deliveryCompany: expect.stringMatching(/^100[123]$/), shippingDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(records.orderProgress).toBe(500);
    expect((await orderByNumber(s, orderNumber)).status).toBe("shipped");

    // the answer to the write was lost (a crash before it was recorded): the parcels are sent again
    await env.DB.prepare("UPDATE rakuten_parcels SET state = 'pending', rms_request_id = NULL, shipping_detail_id = NULL WHERE connection_id = ?1").bind(s.rakutenId).run();
    const again = await pullRslResults(s.m.ctx, connection, { pollIntervalMs: 50, pollTimeoutMs: 5000 });
    expect(again).toMatchObject({ results: 0, adopted: 2, reported: 0 });
    const after = (await control("rakuten", "shipping-records", { serviceSecret: s.shop.serviceSecret, orderNumber }))[0];
    expect(after.duplicates).toEqual([]);
    expect(after.packages[0].ShippingModelList).toHaveLength(2);

    const review = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/review`);
    expect(review.body.unmatchedResults).toEqual([expect.objectContaining({ requestKey: "manual-1", shopOrderNumber: "999999-20260101-00000001" })]);
    const status = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/status`);
    expect(status.body.counts).toMatchObject({ orders: 1, requested: 1, reported: 2 });
  });
});

describe("確認待 work", () => {
  it("出荷分割 sends exactly the mapped lines of a partly mapped order to RSL; the rest stays for the other system", async () => {
    const s = await setup([
      { orderProgress: 300, items: [item("RB-001-BLU", 2), item("MUG-900", 1)] },
      { orderProgress: 300, items: [item("BAG-300-NVY")] },
    ]);
    const [partly, none] = s.shop.orderNumbers as [string, string];
    await runJob(s, IMPORT_JOB);
    const p = await orderByNumber(s, partly);
    const n = await orderByNumber(s, none);
    const split = await s.m.api("POST", `/api/rakuten/links/${s.rakutenId}/split`, { orderIds: [p.id, n.id] });
    expect(split.status, JSON.stringify(split.body)).toBe(200);
    expect(split.body.results).toEqual([
      expect.objectContaining({ orderId: n.id, ok: false, message: expect.stringContaining("マッピング済みの商品がありません") }),
      { orderId: p.id, ok: true, requests: 1 },
    ]);
    await vi.waitFor(async () => expect((await orderByNumber(s, partly)).status).toBe("awaiting_shipment"), { timeout: 10_000, interval: 100 });
    const state = await rslState(s.apiKey);
    expect(state.shipmentsByOrder).toEqual({ [partly]: [expect.stringMatching(/-s1$/)] });
    expect(state.shipments[0].lines).toEqual([{ itemCode: "RSL-10002", quantity: 2 }]);
    // a second split never sends the order again
    const again = await s.m.api("POST", `/api/rakuten/links/${s.rakutenId}/split`, { orderIds: [p.id] });
    expect(again.body.results).toEqual([expect.objectContaining({ ok: false, message: expect.stringContaining("出荷依頼済み") })]);
    expect(Object.values((await rslState(s.apiKey)).shipmentsByOrder).flat()).toHaveLength(1);
  });

  it("あす楽: at 15:28 JST the countdown runs to 15:29:59; at 15:30 it has passed and counts to tomorrow's", () => {
    const before = asurakuCountdown("15:29", Date.parse("2026-07-01T15:28:00+09:00"));
    expect(before).toMatchObject({ passed: false, secondsLeft: 120, todayCutoffAt: "2026-07-01T06:30:00.000Z" });
    const after = asurakuCountdown("15:29", Date.parse("2026-07-01T15:30:00+09:00"));
    expect(after).toMatchObject({ passed: true, nextCutoffAt: "2026-07-02T06:30:00.000Z", secondsLeft: 86_400 });
    expect(asurakuCountdown("12:00", Date.parse("2026-07-01T23:30:00Z"))).toMatchObject({ passed: false, todayCutoffAt: "2026-07-02T03:01:00.000Z" });
  });

  it("あす楽 orders not yet with RSL are listed against the editable cut-off", async () => {
    const s = await setup([{ orderProgress: 300, asurakuFlag: 1, items: [item("MUG-900")] }, { orderProgress: 300, asurakuFlag: 0, items: [item("MUG-900")] }]);
    await runJob(s, IMPORT_JOB);
    const settings = (await s.m.api("GET", `/api/connections/${s.rakutenId}`)).body.settings;
    expect((await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, asurakuCutoff: "25:00" })).status).toBe(400);
    expect((await s.m.api("PUT", `/api/connections/${s.rakutenId}/settings`, { ...settings, asurakuCutoff: "14:59" })).status).toBe(200);
    const status = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/asuraku`);
    expect(status.body).toMatchObject({ cutoff: "14:59", atRisk: [{ orderNumber: s.shop.orderNumbers[0] }] });
  });
});

void RESULTS_JOB;
