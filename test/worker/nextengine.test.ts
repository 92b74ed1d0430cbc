/**
 * The NextEngine link (seed 001) end to end: the real worker, D1 and Queues, and the fake NextEngine
 * over loopback HTTP. Each test seeds its own fake company, so tests never share NextEngine data.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { startConnect } from "../../worker/connectors/nextengine/connect";
import { receiptStatements } from "../../worker/connectors/nextengine/receiving";
import { deliveriesReceived } from "../../worker/documents/post";
import { call, key, newMerchant, newSku, type TestMerchant } from "./helpers";
import { arrive, connect, connected, ctl, fakes, neOrder, neStock, runJob, settings, TAG, type Json } from "./nextengine-link";
import { number, ownerId, pairedDevice } from "./store-documents";

describe("連携を開始する / 連携を解除する", () => {
  it("login through NextEngine starts the link with its channel, 出荷確定 action, schedules and sealed tokens", async () => {
    const m = await newMerchant();
    const { connectionId } = await connected(m);
    const link = await m.api("GET", `/api/connections/${connectionId}`);
    expect(link.body).toMatchObject({ kind: "nextengine", status: "started", hasCredentials: true, lastError: null });
    expect(link.body.name).toContain("サンドボックス");
    const schedules = (await m.api("GET", "/api/sync/schedules")).body.items.filter((s: Json) => s.connectionId === connectionId);
    expect(schedules.map((s: Json) => s.job).sort()).toEqual(["nextengine.import-orders", "nextengine.upload-stock"]);
    const actions = (await m.api("GET", "/api/status-actions")).body.items.filter((a: Json) => a.connectionId === connectionId);
    expect(actions).toMatchObject([{ status: "shipped", action: "nextengine.mark-shipped" }]);
    const sealed = await env.DB.prepare("SELECT credentials FROM connections WHERE id = ?1").bind(connectionId).first<{ credentials: string }>();
    expect(sealed!.credentials).not.toContain("access");
  });

  it("opened from NextEngine's app menu (uid / state, no link ID): signed out it sends to sign in and back; signed in, the merchant's one link is found and logged in", async () => {
    const m = await newMerchant();
    const link = await connected(m);
    await settings(m, link.connectionId, { markShipped: false });
    await m.api("POST", `/api/connections/${link.connectionId}/stop`);
    const launched = await ctl("launch", { companyId: link.companyId, redirectUri: "http://renkei.test/oauth/nextengine/callback" });
    const path = `${new URL(launched.url).pathname}${new URL(launched.url).search}`;
    expect(path).toMatch(/^\/oauth\/nextengine\/callback\?uid=.+&state=/);
    // signed out: sent to sign in, with the launch as a same-origin path to come back to
    const signedOut = await exports.default.fetch(new Request(`http://renkei.test${path}`, { redirect: "manual" }));
    expect(signedOut.status).toBe(302);
    const signInPage = new URL(signedOut.headers.get("location")!, "http://renkei.test");
    expect(signInPage.pathname).toBe("/admin/");
    expect(signInPage.searchParams.get("next")).toBe(path);
    expect((await m.api("GET", `/api/connections/${link.connectionId}`)).body.status).toBe("stopped");
    // the same launch once signed in (its state is still within 5 minutes and unused)
    const back = await arrive(m, path);
    expect(back.status, back.body).toBe(302);
    expect(back.headers.get("location")).toBe(`/admin/nextengine/${link.connectionId}?connected=1`);
    const after = (await m.api("GET", `/api/connections/${link.connectionId}`)).body;
    expect(after).toMatchObject({ status: "started", settings: { markShipped: false } }); // settings kept
    expect(await runJob(m, "nextengine.import-orders", link.connectionId)).toBeTruthy();
    // still one NextEngine link
    expect(((await m.api("GET", "/api/connections")).body.items as Json[]).filter((c) => c.kind === "nextengine")).toHaveLength(1);
  });

  it("opened from NextEngine's app menu by a merchant with no link and no app configured: the page says what is missing, nothing is made", async () => {
    const m = await newMerchant();
    const company = await ctl("seed", {});
    const launched = await ctl("launch", { companyId: company.companyId, redirectUri: "http://renkei.test/oauth/nextengine/callback" });
    const back = await arrive(m, `${new URL(launched.url).pathname}${new URL(launched.url).search}`);
    expect(back.status).toBe(400);
    expect(back.body).toContain("クライアントID");
    expect(((await m.api("GET", "/api/connections")).body.items as Json[]).filter((c) => c.kind === "nextengine")).toEqual([]);
  });

  it("every link goes to NextEngine with the one callback URL (no link in it), or the deployment's NEXTENGINE_REDIRECT_URI", async () => {
    const m = await newMerchant();
    const link = await connect(m);
    const signIn = new URL((await m.api("POST", "/api/nextengine/connect", {})).body.signInUrl);
    expect(signIn.searchParams.get("redirect_uri")).toBe("http://renkei.test/oauth/nextengine/callback");
    expect(link.callback).toMatch(/^\/oauth\/nextengine\/callback\?uid=/);
    const configured = { ...m.ctx, env: { ...m.ctx.env, NEXTENGINE_REDIRECT_URI: "https://hub.example.jp/oauth/nextengine/callback" } };
    const started = await startConnect(configured, {}, "http://renkei.test");
    expect(new URL(started.signInUrl).searchParams.get("redirect_uri")).toBe("https://hub.example.jp/oauth/nextengine/callback");
  });

  it("an app registered in NextEngine with its one redirect URI links: the login goes back there and the link starts", async () => {
    const m = await newMerchant();
    const company = await ctl("seed", {});
    const app = { clientId: `ne-app-${key()}`, clientSecret: `secret-${key()}`, redirectUri: "http://renkei.test/oauth/nextengine/callback" };
    await ctl("app", app);
    const started = await m.api("POST", "/api/nextengine/connect", { clientId: app.clientId, clientSecret: app.clientSecret, apiBaseUrl: `${fakes}/nextengine/api`, signInBaseUrl: `${fakes}/nextengine/base` });
    const signIn = new URL(started.body.signInUrl);
    // the fake refuses any other redirect URI for this app, as NextEngine does
    expect((await fetch(signIn)).status).toBe(200);
    const login = await fetch(signIn, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: app.clientId, redirect_uri: signIn.searchParams.get("redirect_uri")!, company_id: company.companyId }).toString(),
    });
    expect(login.status).toBe(302);
    const back = new URL(login.headers.get("location")!);
    const done = await arrive(m, `${back.pathname}${back.search}`);
    expect(done.headers.get("location")).toBe(`/admin/nextengine/${started.body.connectionId}?connected=1`);
    expect((await m.api("GET", `/api/connections/${started.body.connectionId}`)).body.status).toBe("started");
  });

  it("a state older than 5 minutes is refused with a message to start again, and the link stays unlinked", async () => {
    const m = await newMerchant();
    const link = await connect(m);
    await ctl("clock", { companyId: link.companyId, advanceMinutes: 6 });
    const back = await arrive(m, link.callback);
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toMatch(new RegExp(`^/admin/nextengine/${link.connectionId}\\?error=`));
    expect(decodeURIComponent(back.headers.get("location")!)).toContain("5分");
    expect(decodeURIComponent(back.headers.get("location")!)).toContain("もう一度ネクストエンジンから開く");
    expect((await m.api("GET", `/api/connections/${link.connectionId}`)).body.status).toBe("pending");
  });

  it("opened from the app menu while signed out, with a sign-in slower than 5 minutes: back at the launch, the link's page says so and offers to open NextEngine again", async () => {
    const m = await newMerchant();
    const link = await connected(m);
    await m.api("POST", `/api/connections/${link.connectionId}/stop`);
    const launched = await ctl("launch", { companyId: link.companyId, redirectUri: "http://renkei.test/oauth/nextengine/callback" });
    const signedOut = await exports.default.fetch(new Request(`http://renkei.test${new URL(launched.url).pathname}${new URL(launched.url).search}`, { redirect: "manual" }));
    const next = new URL(signedOut.headers.get("location")!, "http://renkei.test").searchParams.get("next")!;
    await ctl("clock", { companyId: link.companyId, advanceMinutes: 6 });
    const back = await arrive(m, next);
    expect(back.status).toBe(302);
    const target = new URL(back.headers.get("location")!, "http://renkei.test");
    expect(target.pathname).toBe(`/admin/nextengine/${link.connectionId}`);
    expect(target.searchParams.get("error")).toContain("5分");
    expect(target.searchParams.get("error")).toContain("もう一度ネクストエンジンから開く");
    expect((await m.api("GET", `/api/connections/${link.connectionId}`)).body.status).toBe("stopped");
  });

  it("連携を解除する removes every link: external links, cursors, schedules, the action and the tokens", async () => {
    const m = await newMerchant();
    const { connectionId } = await connected(m);
    const out = await m.api("POST", `/api/nextengine/${connectionId}/disconnect`);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ status: "pending", hasCredentials: false });
    const left = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM external_links WHERE connection_id = ?1) + (SELECT COUNT(*) FROM connection_cursors WHERE connection_id = ?1)
            + (SELECT COUNT(*) FROM schedules WHERE connection_id = ?1) + (SELECT COUNT(*) FROM status_actions WHERE connection_id = ?1) AS n`,
    )
      .bind(connectionId)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await call("POST", `/api/nextengine/${connectionId}/disconnect`, {})).status).toBe(401);
  });
});

describe("linking again", () => {
  it("after 連携を解除する, linking again takes back the link's channel: orders imported before are found, not doubled", async () => {
    const m = await newMerchant();
    const { code } = await newSku(m, { stock: 5 });
    const row = { receive_order_row_goods_id: code, receive_order_row_quantity: 1, receive_order_row_unit_price: 700 };
    const first = await connected(m, { goods: [{ goods_id: code, stock_quantity: 5 }], orders: [{ rows: [row] }] });
    expect(await runJob(m, "nextengine.import-orders", first.connectionId)).toMatchObject({ created: 1 });
    expect((await m.api("POST", `/api/nextengine/${first.connectionId}/disconnect`)).status).toBe(200);
    expect((await m.api("GET", `/api/nextengine/${first.connectionId}/to-ship`)).body.items).toEqual([]);
    // the same company again, through its login
    const started = await m.api("POST", "/api/nextengine/connect", {
      clientId: first.company.clientId,
      clientSecret: first.company.clientSecret,
      apiBaseUrl: `${fakes}/nextengine/api`,
      signInBaseUrl: `${fakes}/nextengine/base`,
    });
    expect(started.body.connectionId).toBe(first.connectionId);
    const signIn = new URL(started.body.signInUrl);
    const login = await fetch(signIn, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: first.company.clientId, redirect_uri: signIn.searchParams.get("redirect_uri")!, company_id: first.companyId }).toString(),
    });
    const back = new URL(login.headers.get("location")!);
    const done = await arrive(m, `${back.pathname}${back.search}`);
    expect(done.headers.get("location")).toBe(`/admin/nextengine/${first.connectionId}?connected=1`);
    await runJob(m, "nextengine.import-orders", first.connectionId);
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m.merchantId, first.orderIds[0]).first<{ n: number }>();
    expect(orders!.n).toBe(1);
    const channels = await env.DB.prepare("SELECT COUNT(*) AS n FROM channels WHERE merchant_id = ?1 AND code LIKE 'nextengine-%'").bind(m.merchantId).first<{ n: number }>();
    expect(channels!.n).toBe(1);
    const toShip = (await m.api("GET", `/api/nextengine/${first.connectionId}/to-ship?locationId=${m.warehouseId}`)).body.items;
    expect(toShip).toMatchObject([{ receiveOrderId: first.orderIds[0], locationId: m.warehouseId, quantity: 1 }]);
    expect((await m.api("GET", `/api/nextengine/${first.connectionId}/to-ship?locationId=${m.storeId}`)).body.items).toEqual([]);
  });

  it("logging in again from the screen sends no app fields: the link keeps its app, hosts and (until the callback) its tokens", async () => {
    const m = await newMerchant();
    const link = await connected(m);
    const again = await m.api("POST", "/api/nextengine/connect", {});
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const url = new URL(again.body.signInUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fakes}/nextengine/base/users/sign_in/`);
    expect(url.searchParams.get("client_id")).toBe(link.company.clientId);
    expect((await m.api("GET", `/api/connections/${link.connectionId}`)).body.baseUrl).toBe(`${fakes}/nextengine/api`);
    // a login started and abandoned takes nothing away: the tokens stay until new ones come back
    expect(await runJob(m, "nextengine.import-orders", link.connectionId)).toMatchObject({ read: expect.any(Number) });
    expect((await m.api("GET", `/api/connections/${link.connectionId}`)).body).toMatchObject({ status: "started", lastError: null });
  });
});

describe("基本設定", () => {
  it("② and ③ without ① are refused with the reason; a location that does not exist is named", async () => {
    const m = await newMerchant();
    const { connectionId } = await connected(m);
    const two = await m.api("PUT", `/api/connections/${connectionId}/settings`, { markShipped: false, writeTrackingNumber: true });
    expect(two.status).toBe(400);
    expect(two.body.issues).toEqual([{ path: ["settings", "writeTrackingNumber"], message: expect.stringContaining("追跡番号のみ") }]);
    const three = await m.api("PUT", `/api/connections/${connectionId}/settings`, { markShipped: false, subtractStockOnShipment: true });
    expect(three.body.issues).toEqual([{ path: ["settings", "subtractStockOnShipment"], message: expect.stringContaining("①") }]);
    const place = await m.api("PUT", `/api/connections/${connectionId}/settings`, { syncedLocationIds: [m.warehouseId, "loc_nowhere"] });
    expect(place.body.issues).toEqual([{ path: ["settings", "syncedLocationIds", 1], message: expect.any(String) }]);
    const ok = await settings(m, connectionId, { markShipped: true, writeTrackingNumber: true, importTag: "WMS出荷" });
    expect(ok.settings).toMatchObject({ markShipped: true, writeTrackingNumber: true, importTaggedOnly: false, importTag: "WMS出荷", caseInsensitiveCodes: false });
  });
});

describe("受注取り込み", () => {
  it("⑤ on imports only tagged orders; off imports every shippable order; cancelled and shipped ones never", async () => {
    const m = await newMerchant();
    const { skuId, code } = await newSku(m, { stock: 20 });
    const goods = [{ goods_id: code, stock_quantity: 20 }];
    const row = { receive_order_row_goods_id: code, receive_order_row_quantity: 1, receive_order_row_unit_price: 1000 };
    const link = await connected(m, {
      goods,
      orders: [
        { receive_order_gruoping_tag: `[${TAG}]`, rows: [row] },
        { receive_order_gruoping_tag: `[ギフト][${TAG}]`, rows: [row] },
        { receive_order_gruoping_tag: "[連絡待ち]", rows: [row] },
        { receive_order_gruoping_tag: `[${TAG}]`, receive_order_cancel_type_id: "1", rows: [row] },
        { receive_order_gruoping_tag: `[${TAG}]`, receive_order_order_status_id: "50", rows: [row] },
      ],
    });
    await settings(m, link.connectionId, { importTaggedOnly: true });
    const tagged = await runJob(m, "nextengine.import-orders", link.connectionId);
    expect(tagged).toMatchObject({ created: 2, skippedUntagged: 0 });
    await settings(m, link.connectionId, { importTaggedOnly: false });
    await env.DB.prepare("DELETE FROM connection_cursors WHERE connection_id = ?1 AND name = 'nextengine.orders'").bind(link.connectionId).run();
    const all = await runJob(m, "nextengine.import-orders", link.connectionId);
    expect(all).toMatchObject({ created: 1, duplicates: 2 });
    const orders = await env.DB.prepare("SELECT o.external_id, o.status FROM orders o JOIN external_links el ON el.renkei_id = o.id WHERE el.connection_id = ?1 AND el.entity = 'order' ORDER BY o.external_id")
      .bind(link.connectionId)
      .all<{ external_id: string; status: string }>();
    expect(orders.results.map((o) => o.external_id)).toEqual(link.orderIds.slice(0, 3));
    expect(orders.results.every((o) => o.status === "allocated")).toBe(true);
    expect((await env.DB.prepare("SELECT allocated FROM stock_levels WHERE sku_id = ?1").bind(skuId).first<{ allocated: number }>())!.allocated).toBe(3);
  });

  it("⑥ matches mixed case and keeps NextEngine's code; off, or with no match, the line is held in 確認待 and tagged", async () => {
    const m = await newMerchant();
    const { code } = await newSku(m, { stock: 5 });
    const lower = code.toLowerCase();
    const order = (goodsId: string) => ({ rows: [{ receive_order_row_goods_id: goodsId, receive_order_row_quantity: 1, receive_order_row_unit_price: 500 }] });
    const link = await connected(m, { goods: [{ goods_id: lower, stock_quantity: 5 }], orders: [order(lower), order("ZZ-999")] });
    await settings(m, link.connectionId, { caseInsensitiveCodes: false });
    const exact = await runJob(m, "nextengine.import-orders", link.connectionId);
    expect(exact).toMatchObject({ created: 2, unmappedLines: 2 });
    const m2 = await newMerchant();
    const sku2 = await newSku(m2, { stock: 5 });
    const link2 = await connected(m2, { goods: [{ goods_id: sku2.code.toLowerCase(), stock_quantity: 5 }], orders: [order(sku2.code.toLowerCase()), order("ZZ-999")] });
    await settings(m2, link2.connectionId, { caseInsensitiveCodes: true });
    expect(await runJob(m2, "nextengine.import-orders", link2.connectionId)).toMatchObject({ created: 2, unmappedLines: 1 });
    const [matched, unmatched] = link2.orderIds;
    const read = async (externalId: string) => {
      const id = (await env.DB.prepare("SELECT id FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m2.merchantId, externalId).first<{ id: string }>())!.id;
      return (await m2.api("GET", `/api/orders/${id}`)).body;
    };
    const a = await read(matched!);
    expect(a.status).toBe("allocated");
    expect(a.lines[0]).toMatchObject({ skuId: sku2.skuId, externalCode: sku2.code.toLowerCase() });
    const b = await read(unmatched!);
    expect(b.status).toBe("awaiting_confirmation");
    expect(b.tags).toContainEqual(expect.objectContaining({ tag: "全商品未マッピング" }));
    expect(b.lines[0]).toMatchObject({ skuId: null, externalCode: "ZZ-999" });
  });
});

describe("出荷確定 → NextEngine", () => {
  async function importedOrder(m: TestMerchant, extra: Json = {}) {
    const { code } = await newSku(m, { stock: 10 });
    const link = await connected(m, { goods: [{ goods_id: code, stock_quantity: 10 }], orders: [{ rows: [{ receive_order_row_goods_id: code, receive_order_row_quantity: 2, receive_order_row_unit_price: 800 }], ...extra }] });
    await runJob(m, "nextengine.import-orders", link.connectionId);
    const order = (await env.DB.prepare("SELECT id FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m.merchantId, link.orderIds[0]).first<{ id: string }>())!;
    return { ...link, code, orderId: order.id, neId: link.orderIds[0]! };
  }

  it("a tracking number that is empty (with ②) or outside 1–30 of 0-9 A-Z a-z - is refused with the field named, and nothing ships", async () => {
    const m = await newMerchant();
    const o = await importedOrder(m);
    await settings(m, o.connectionId, { markShipped: true, writeTrackingNumber: true });
    for (const trackingNumber of ["", "1234 5678", "x".repeat(31), "追跡"]) {
      const r = await m.api("POST", `/api/nextengine/${o.connectionId}/shipments`, { idempotencyKey: key(), items: [{ orderId: o.orderId, carrier: "ヤマト", trackingNumber }] });
      expect(r.status, trackingNumber).toBe(400);
      expect(r.body.issues[0].path).toEqual(["items", 0, "trackingNumber"]);
    }
    expect((await m.api("GET", `/api/orders/${o.orderId}`)).body.status).toBe("allocated");
  });

  it("① ② with NextEngine answering 003002 twice: the tracking number is written, then one status change, exactly once", async () => {
    const m = await newMerchant();
    const o = await importedOrder(m);
    await settings(m, o.connectionId, { markShipped: true, writeTrackingNumber: true });
    await ctl("fail", { companyId: o.companyId, kind: "overload", path: "/api_v1_receiveorder_base/shipped", count: 2 });
    const before = await neStock(o.companyId, o.code);
    const shipped = await m.api("POST", `/api/nextengine/${o.connectionId}/shipments`, { idempotencyKey: key(), items: [{ orderId: o.orderId, carrier: "ヤマト", trackingNumber: "1234-5678-9012" }] });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.items[0].orderStatus).toBe("shipped");
    await vi.waitFor(async () => expect((await neOrder(o.companyId, o.neId)).base.receive_order_order_status_id).toBe("50"), { timeout: 25_000, interval: 250 });
    const ne = await neOrder(o.companyId, o.neId);
    expect(ne.base.receive_order_delivery_cut_form_id).toBe("1234-5678-9012");
    const calls = ((await ctl("calls", { companyId: o.companyId })).calls as Json[]).filter((c) => c.path === "/api_v1_receiveorder_base/shipped");
    expect(calls.map((c) => c.code ?? c.result)).toEqual(["003002", "003002", "success"]);
    expect(await neStock(o.companyId, o.code)).toBe(before - 2);
  }, 40_000);

  it("① turned on after the order was imported: its 出荷確定 still reaches NextEngine", async () => {
    const m = await newMerchant();
    const o = await importedOrder(m);
    await settings(m, o.connectionId, { markShipped: false });
    await runJob(m, "nextengine.import-orders", o.connectionId);
    await settings(m, o.connectionId, { markShipped: true });
    const r = await m.api("POST", `/api/nextengine/${o.connectionId}/shipments`, { idempotencyKey: key(), items: [{ orderId: o.orderId, carrier: "", trackingNumber: "" }] });
    expect(r.status).toBe(200);
    await vi.waitFor(async () => expect((await neOrder(o.companyId, o.neId)).base.receive_order_order_status_id).toBe("50"), { timeout: 10_000, interval: 200 });
    // ② off: no tracking number is written
    expect((await neOrder(o.companyId, o.neId)).base.receive_order_delivery_cut_form_id).toBeNull();
  }, 20_000);

  it("① off: the NextEngine order is left alone", async () => {
    const m = await newMerchant();
    const o = await importedOrder(m);
    await settings(m, o.connectionId, { markShipped: false });
    const r = await m.api("POST", `/api/nextengine/${o.connectionId}/shipments`, { idempotencyKey: key(), items: [{ orderId: o.orderId, carrier: "", trackingNumber: "" }] });
    expect(r.status).toBe(200);
    const run = await vi.waitFor(async () => {
      const runs = (await m.api("GET", "/api/sync/runs?job=orders.status-action")).body.items;
      expect(runs[0]?.status).toBe("succeeded");
      return runs[0];
    }, { timeout: 10_000 });
    expect(run.counts).toMatchObject({ orders: 1, succeeded: 0 });
    expect((await neOrder(o.companyId, o.neId)).base.receive_order_order_status_id).toBe("20");
  }, 20_000);

  const results = async (m: TestMerchant, connectionId: string, problems = false) =>
    (await m.api("GET", `/api/nextengine/${connectionId}/shipment-results${problems ? "?problems=true" : ""}`)).body.items as Json[];

  it("an order shipped in two parts reaches NextEngine once, when the last part ships, with that part's tracking number; the other part's number is shown beside it", async () => {
    const m = await newMerchant();
    const o = await importedOrder(m); // one line of 2
    await settings(m, o.connectionId, { markShipped: true, writeTrackingNumber: true });
    const line = (await m.api("GET", `/api/orders/${o.orderId}`)).body.lines[0];
    const part = async (trackingNumber: string) => {
      const created = await m.api("POST", `/api/orders/${o.orderId}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: line.id, quantity: 1 }] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const confirmed = await m.api("POST", `/api/shipments/${created.body.id}/confirm`, { idempotencyKey: key(), carrier: "ヤマト", trackingNumber });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      return confirmed.body.orderStatus as string;
    };
    expect(await part("PART-1")).not.toBe("shipped");
    // the first part alone changes nothing in NextEngine (an order there has one 出荷確定 and one 発送伝票番号)
    expect(await results(m, o.connectionId)).toEqual([]);
    expect((await neOrder(o.companyId, o.neId)).base).toMatchObject({ receive_order_order_status_id: "20", receive_order_delivery_cut_form_id: null });
    expect(await part("PART-2")).toBe("shipped");
    await vi.waitFor(async () => expect((await neOrder(o.companyId, o.neId)).base.receive_order_order_status_id).toBe("50"), { timeout: 15_000, interval: 200 });
    expect((await neOrder(o.companyId, o.neId)).base.receive_order_delivery_cut_form_id).toBe("PART-2");
    await vi.waitFor(async () =>
      expect(await results(m, o.connectionId)).toMatchObject([
        { orderId: o.orderId, receiveOrderId: o.neId, outcome: "shipped", trackingNumber: "PART-2", trackingWritten: true, otherTracking: ["PART-1"], detail: null, attempts: 1 },
      ]),
    );
    expect(await results(m, o.connectionId, true)).toEqual([]);
  }, 30_000);

  it("each order's result is on the link's page: which NextEngine marked 出荷済み, which it refused (its words) or had cancelled", async () => {
    const m = await newMerchant();
    const { code } = await newSku(m, { stock: 10 });
    const row = { receive_order_row_goods_id: code, receive_order_row_quantity: 1, receive_order_row_unit_price: 900 };
    const link = await connected(m, { goods: [{ goods_id: code, stock_quantity: 10 }], orders: [{ rows: [row] }, { rows: [row] }, { rows: [row] }] });
    await runJob(m, "nextengine.import-orders", link.connectionId);
    await settings(m, link.connectionId, { markShipped: true });
    const renkei = async (neId: string) => (await env.DB.prepare("SELECT id FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(m.merchantId, neId).first<{ id: string }>())!.id;
    const [okId, refusedId, cancelledId] = await Promise.all(link.orderIds.map(renkei));
    // in NextEngine meanwhile: one order is cancelled, and /shipped refuses the next one it is asked for
    const { clientFromCredentials } = await import("../../worker/connectors/nextengine/link");
    const { connectionCredentials } = await import("../../worker/connections/connections");
    const client = clientFromCredentials(m.ctx, (await loadConnection(m.ctx, link.connectionId))!, await connectionCredentials(m.ctx, link.connectionId));
    const lock = (await neOrder(link.companyId, link.orderIds[2]!)).base.receive_order_last_modified_date;
    await client.updateOrder({ receiveOrderId: link.orderIds[2]!, lastModifiedDate: lock, fields: { receive_order_cancel_type_id: "1" } as never });
    const ship = (orderId: string) => m.api("POST", `/api/nextengine/${link.connectionId}/shipments`, { idempotencyKey: key(), items: [{ orderId, carrier: "", trackingNumber: "" }] });
    expect((await ship(okId!)).status).toBe(200);
    await vi.waitFor(async () => expect((await results(m, link.connectionId)).map((r) => r.outcome)).toEqual(["shipped"]), { timeout: 15_000, interval: 200 });
    await ctl("fail", { companyId: link.companyId, kind: "error", path: "/api_v1_receiveorder_base/shipped", code: "020100", message: "出荷確定できない受注伝票です" });
    expect((await ship(refusedId!)).status).toBe(200);
    expect((await ship(cancelledId!)).status).toBe(200);
    await vi.waitFor(async () => expect(await results(m, link.connectionId)).toHaveLength(3), { timeout: 15_000, interval: 200 });
    const byOrder = new Map((await results(m, link.connectionId)).map((r) => [r.orderId, r]));
    expect(byOrder.get(okId!)).toMatchObject({ outcome: "shipped", receiveOrderId: link.orderIds[0] });
    expect(byOrder.get(refusedId!)).toMatchObject({ outcome: "refused", receiveOrderId: link.orderIds[1], detail: expect.stringContaining("出荷確定できない受注伝票です") });
    expect(byOrder.get(cancelledId!)).toMatchObject({ outcome: "cancelled", receiveOrderId: link.orderIds[2] });
    expect((await results(m, link.connectionId, true)).map((r) => r.orderId).sort()).toEqual([refusedId, cancelledId].sort());
    expect((await neOrder(link.companyId, link.orderIds[1]!)).base.receive_order_order_status_id).toBe("20");
  }, 40_000);

  it("a stale lock (the order changed in NextEngine meanwhile) is re-read and re-applied", async () => {
    const m = await newMerchant();
    const o = await importedOrder(m);
    const { reportShipment } = await import("../../worker/connectors/nextengine/shipment-report");
    const { clientFromCredentials } = await import("../../worker/connectors/nextengine/link");
    const { connectionCredentials } = await import("../../worker/connections/connections");
    const connection = (await loadConnection(m.ctx, o.connectionId))!;
    const client = clientFromCredentials(m.ctx, connection, await connectionCredentials(m.ctx, o.connectionId));
    // someone in NextEngine edits the order between our read and our update: the first update is stale
    await ctl("fail", { companyId: o.companyId, kind: "error", path: "/api_v1_receiveorder_base/update", code: "020003", message: "stale" });
    const result = await reportShipment(client, o.neId, "TRK-1");
    expect(result).toEqual({ outcome: "shipped", trackingWritten: true });
    const calls = ((await ctl("calls", { companyId: o.companyId })).calls as Json[]).map((c) => `${c.path.split("/").pop()} ${c.code ?? c.result}`);
    expect(calls.filter((c) => !c.startsWith("search"))).toEqual(["update 020003", "update success", "shipped success"]);
  });
});

describe("③ ④ NextEngine stock (拠点設定)", () => {
  async function stockLink() {
    const m = await newMerchant();
    const sku = await newSku(m, { stock: 10 });
    const link = await connected(m, { goods: [{ goods_id: sku.code, stock_quantity: 50 }] });
    return { m, ...sku, ...link };
  }
  const adjust = (m: TestMerchant, skuId: string, locationId: string, quantity: number) =>
    m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId, locationId, quantity, reason: "receipt" });

  it("④ adds 入荷 at linked locations only; off, nothing is sent", async () => {
    const s = await stockLink();
    await settings(s.m, s.connectionId, { addStockOnReceipt: true, syncedLocationIds: [s.m.warehouseId] });
    await adjust(s.m, s.skuId, s.m.warehouseId, 4);
    await adjust(s.m, s.skuId, s.m.storeId, 7); // 新宿: not linked
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ sent: 1, lines: 1 });
    expect(await neStock(s.companyId, s.code)).toBe(54);
    const uploads = (await s.m.api("GET", `/api/nextengine/${s.connectionId}/uploads`)).body.items;
    expect(uploads).toMatchObject([{ status: "applied", lines: [{ goodsId: s.code, delta: 4 }], queId: expect.any(String) }]);
    await settings(s.m, s.connectionId, { addStockOnReceipt: false, syncedLocationIds: [s.m.warehouseId] });
    await adjust(s.m, s.skuId, s.m.warehouseId, 3);
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ sent: 0 });
    expect(await neStock(s.companyId, s.code)).toBe(54);
  });

  it("③ subtracts shipments of orders not from NextEngine at linked locations, never those at unlinked ones", async () => {
    const s = await stockLink();
    await adjust(s.m, s.skuId, s.m.storeId, 5);
    await settings(s.m, s.connectionId, { markShipped: true, subtractStockOnShipment: true, syncedLocationIds: [s.m.warehouseId] });
    const ship = async (locationId: string, quantity: number) => {
      const order = await s.m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: s.m.channelId, locationId, lines: [{ skuId: s.skuId, quantity }] });
      expect(order.status, JSON.stringify(order.body)).toBe(201);
      const shipment = await s.m.api("POST", `/api/orders/${order.body.id}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: order.body.lines[0].id, quantity }] });
      const done = await s.m.api("POST", `/api/shipments/${shipment.body.id}/confirm`, { idempotencyKey: key() });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    };
    await ship(s.m.warehouseId, 3);
    await ship(s.m.storeId, 2);
    // the 出荷確定 wakes the upload at once (no schedule involved); the store's 2 never go up
    await vi.waitFor(async () => expect(await neStock(s.companyId, s.code)).toBe(47), { timeout: 15_000, interval: 200 });
    await vi.waitFor(async () => expect((await s.m.api("GET", `/api/nextengine/${s.connectionId}/uploads`)).body.items.map((u: Json) => u.status)).toEqual(["applied"]), { timeout: 15_000, interval: 200 });
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ sent: 0 });
    expect(await neStock(s.companyId, s.code)).toBe(47);
    const applied = ((await ctl("uploads", { companyId: s.companyId })).applications as Json[]).filter((a) => a.goodsId === s.code);
    expect(applied).toHaveLength(1);
  }, 40_000);

  it("③ a shipment confirmed while NextEngine answers 003002 twice reaches it promptly, as exactly one stock change", async () => {
    const s = await stockLink();
    await settings(s.m, s.connectionId, { markShipped: true, subtractStockOnShipment: true, syncedLocationIds: [s.m.warehouseId] });
    await ctl("fail", { companyId: s.companyId, kind: "overload", path: "/api_v1_master_goods/upload", count: 2 });
    const order = await s.m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: s.m.channelId, locationId: s.m.warehouseId, lines: [{ skuId: s.skuId, quantity: 4 }] });
    const shipment = await s.m.api("POST", `/api/orders/${order.body.id}/shipments`, { idempotencyKey: key(), lines: [{ orderLineId: order.body.lines[0].id, quantity: 4 }] });
    const confirmKey = key();
    expect((await s.m.api("POST", `/api/shipments/${shipment.body.id}/confirm`, { idempotencyKey: confirmKey })).status).toBe(200);
    // the same confirmation retried by the browser changes nothing more
    expect((await s.m.api("POST", `/api/shipments/${shipment.body.id}/confirm`, { idempotencyKey: confirmKey })).status).toBe(200);
    await vi.waitFor(async () => expect(await neStock(s.companyId, s.code)).toBe(46), { timeout: 30_000, interval: 250 });
    const calls = ((await ctl("calls", { companyId: s.companyId })).calls as Json[]).filter((c) => c.path === "/api_v1_master_goods/upload");
    expect(calls.map((c) => c.code ?? c.result)).toEqual(["003002", "003002", "success"]);
    expect(((await ctl("uploads", { companyId: s.companyId })).applications as Json[]).filter((a) => a.goodsId === s.code)).toHaveLength(1);
  }, 45_000);

  it("入荷確定 on the receiving desk adds the counted quantities once, and ④ reaches NextEngine at once — only from a linked location", async () => {
    const s = await stockLink();
    await settings(s.m, s.connectionId, { addStockOnReceipt: true, syncedLocationIds: [s.m.warehouseId] });
    const inbound = async (locationId: string, quantity: number) => {
      const r = await s.m.api("POST", "/api/inbound", { locationId, kind: "purchase", reference: `PO-${key()}`, lines: [{ skuId: s.skuId, quantity }] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    const atWarehouse = await inbound(s.m.warehouseId, 5);
    const atStore = await inbound(s.m.storeId, 3);
    const waiting = (await s.m.api("GET", `/api/nextengine/${s.connectionId}/to-receive?locationId=${s.m.warehouseId}`)).body.items;
    expect(waiting).toMatchObject([{ id: atWarehouse, lines: [{ skuId: s.skuId, code: s.code, expected: 5 }] }]);
    const receive = (id: string, lines: Json[]) => s.m.api("POST", `/api/nextengine/${s.connectionId}/receipts/${id}`, { lines });
    const stranger = await receive(atWarehouse, [{ skuId: "sku_nothere", received: 1 }]);
    expect(stranger.status).toBe(400);
    expect(stranger.body.issues[0].path).toEqual(["lines", 0, "skuId"]);
    // counted 4 of the 5 expected; the answer is lost and the desk sends it again
    expect((await receive(atWarehouse, [{ skuId: s.skuId, received: 4 }])).status).toBe(200);
    expect((await receive(atWarehouse, [{ skuId: s.skuId, received: 4 }])).status).toBe(200);
    expect((await receive(atWarehouse, [{ skuId: s.skuId, received: 5 }])).status).toBe(409);
    const level = await env.DB.prepare("SELECT on_hand FROM stock_levels WHERE sku_id = ?1 AND location_id = ?2").bind(s.skuId, s.m.warehouseId).first<{ on_hand: number }>();
    expect(level!.on_hand).toBe(14);
    await vi.waitFor(async () => expect(await neStock(s.companyId, s.code)).toBe(54), { timeout: 15_000, interval: 200 });
    expect((await s.m.api("GET", `/api/nextengine/${s.connectionId}/to-receive?locationId=${s.m.warehouseId}`)).body.items).toEqual([]);
    // 新宿 (the store) is not linked: its receipt never reaches NextEngine
    expect((await receive(atStore, [{ skuId: s.skuId, received: 3 }])).status).toBe(200);
    await vi.waitFor(async () => {
      const runs = (await s.m.api("GET", "/api/sync/runs?job=nextengine.upload-stock")).body.items as Json[];
      expect(runs.filter((r) => r.connectionId === s.connectionId).every((r) => r.status === "succeeded")).toBe(true);
    }, { timeout: 15_000, interval: 200 });
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ sent: 0 });
    expect(await neStock(s.companyId, s.code)).toBe(54);
    expect(((await ctl("uploads", { companyId: s.companyId })).applications as Json[]).filter((a) => a.goodsId === s.code)).toHaveLength(1);
  }, 40_000);

  it("one delivery received at the same moment from the admin's receiving desk and from a store's POS counts once", async () => {
    const s = await stockLink();
    const devices = [await pairedDevice(s.m, s.m.storeId), await pairedDevice(s.m, s.m.storeId)];
    const staff = await ownerId(s.m);
    const onHand = async () =>
      (await env.DB.prepare("SELECT on_hand FROM stock_levels WHERE sku_id = ?1 AND location_id = ?2").bind(s.skuId, s.m.storeId).first<{ on_hand: number }>())?.on_hand ?? 0;
    // each round a burst on one delivery: two desks (other tabs) with counts 1 and 2, two POS with 3 and 4 —
    // all read it as pending before any of them writes; exactly one may receive it
    for (let round = 0; round < 3; round++) {
      const inbound = await s.m.api("POST", "/api/inbound", { locationId: s.m.storeId, kind: "purchase", reference: `PO-${key()}`, lines: [{ skuId: s.skuId, quantity: 5 }] });
      const before = await onHand();
      const receipt = (received: number) => ({
        id: crypto.randomUUID(), kind: "receipt", number: number(), occurredAt: "2026-11-26T07:00:00.000Z", staffId: staff, inboundId: inbound.body.id, lines: [{ skuId: s.skuId, received }],
      });
      const desk = (received: number) => s.m.api("POST", `/api/nextengine/${s.connectionId}/receipts/${inbound.body.id}`, { lines: [{ skuId: s.skuId, received }] });
      const answers = await Promise.all([desk(1), devices[0]!.push([receipt(3)]), desk(2), devices[1]!.push([receipt(4)])]);
      const counts = [1, 3, 2, 4];
      const took = answers.flatMap((a, i) => (a.body.results ? a.body.results[0].status === "accepted" : a.status === 200) ? [counts[i]!] : []);
      expect(took, JSON.stringify(answers.map((a) => a.body))).toHaveLength(1);
      for (const a of answers) {
        if (a.body.results && a.body.results[0].status !== "accepted") expect(a.body.results[0]).toMatchObject({ status: "rejected", issues: [{ path: ["inboundId"], message: expect.stringContaining("受領済み") }] });
        if (!a.body.results && a.status !== 200) expect(a.status).toBe(409);
      }
      expect((await onHand()) - before).toBe(took[0]);
    }
  }, 40_000);

  it("a receiving write made after the other desk received the delivery it read as pending aborts whole, either way round", async () => {
    const s = await stockLink();
    const device = await pairedDevice(s.m, s.m.storeId);
    const staff = await ownerId(s.m);
    const onHand = async () =>
      (await env.DB.prepare("SELECT on_hand FROM stock_levels WHERE sku_id = ?1 AND location_id = ?2").bind(s.skuId, s.m.storeId).first<{ on_hand: number }>())?.on_hand ?? 0;
    const delivery = async () =>
      (await s.m.api("POST", "/api/inbound", { locationId: s.m.storeId, kind: "purchase", reference: `PO-${key()}`, lines: [{ skuId: s.skuId, quantity: 5 }] })).body.id as string;
    const receipt = (inboundId: string, received: number) => ({
      id: crypto.randomUUID(), kind: "receipt", number: number(), occurredAt: "2026-11-26T07:00:00.000Z", staffId: staff, inboundId, lines: [{ skuId: s.skuId, received }],
    });
    // the desk read it as pending; the POS received it before the desk's write arrived
    const first = await delivery();
    expect((await s.m.api("GET", `/api/nextengine/${s.connectionId}/to-receive?locationId=${s.m.storeId}`)).body.items.map((d: Json) => d.id)).toContain(first);
    expect((await device.push([receipt(first, 3)])).body.results[0].status).toBe("accepted");
    const afterPos = await onHand();
    const desk = receiptStatements(s.m.ctx, { id: first, location_id: s.m.storeId }, [{ skuId: s.skuId, received: 4 }], new Date().toISOString());
    await expect(s.m.ctx.db.batch(desk.statements)).rejects.toThrow(/INBOUND_ALREADY_RECEIVED/);
    expect(await onHand()).toBe(afterPos);
    expect((await s.m.api("POST", `/api/nextengine/${s.connectionId}/receipts/${first}`, { lines: [{ skuId: s.skuId, received: 4 }] })).status).toBe(409);
    // the POS read it as pending; the desk received it before the POS's write arrived
    const second = await delivery();
    expect((await device.get("/api/pos/inbound")).body.items.map((d: Json) => d.id)).toContain(second);
    expect((await s.m.api("POST", `/api/nextengine/${s.connectionId}/receipts/${second}`, { lines: [{ skuId: s.skuId, received: 4 }] })).status).toBe(200);
    const afterDesk = await onHand();
    expect(afterDesk - afterPos).toBe(4);
    await expect(s.m.ctx.db.batch([deliveriesReceived(s.m.ctx, [second], new Date().toISOString())])).rejects.toThrow(/INBOUND_ALREADY_RECEIVED/);
    const late = (await device.push([receipt(second, 3)])).body.results[0];
    expect(late).toMatchObject({ status: "rejected", issues: [{ path: ["inboundId"] }] });
    expect(await onHand()).toBe(afterDesk);
  }, 30_000);

  it("入荷予定 from a CSV at a warehouse and a store: each bad cell named by its row and nothing written; a good file once, however often it is sent", async () => {
    const s = await stockLink();
    const codes = new Map(((await s.m.api("GET", "/api/locations")).body.items as Json[]).map((l) => [l.id, l.code as string]));
    const warehouse = codes.get(s.m.warehouseId)!;
    const store = codes.get(s.m.storeId)!;
    const expected = (rows: Json[], idempotencyKey = key()) => s.m.api("POST", `/api/nextengine/${s.connectionId}/expected-receipts`, { idempotencyKey, rows });
    const waiting = async () => (await s.m.api("GET", `/api/nextengine/${s.connectionId}/to-receive`)).body.items as Json[];
    const bad = await expected([
      { location: warehouse, code: s.code, quantity: "5", reference: "PO-1" },
      { location: "NOWHERE", code: s.code, quantity: "1", reference: "PO-1" },
      { location: warehouse, code: "NO-SUCH-CODE", quantity: "0", reference: "" },
      { location: warehouse, code: s.code, quantity: "2", reference: "PO-1" },
      { location: store, code: s.code.toUpperCase(), quantity: "1.5", reference: "PO-2" },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: Json) => i.path.join("."))).toEqual(["rows.1.location", "rows.2.code", "rows.2.quantity", "rows.2.reference", "rows.3.code", "rows.4.code", "rows.4.quantity"]);
    expect(bad.body.issues[1].message).toContain("NO-SUCH-CODE");
    expect(await waiting()).toEqual([]);
    // ⑥ folds case here as it does for orders
    await settings(s.m, s.connectionId, { caseInsensitiveCodes: true });
    const rows = [
      { location: warehouse, code: s.code, quantity: "5", reference: "PO-1" },
      { location: store, code: s.code.toUpperCase(), quantity: 3, reference: "PO-2" },
    ];
    const sameKey = key();
    const [made, again] = await Promise.all([expected(rows, sameKey), expected(rows, sameKey)]);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.items.map((d: Json) => d.id)).toEqual(made.body.items.map((d: Json) => d.id));
    expect((await expected(rows, sameKey)).body.items.map((d: Json) => d.id)).toEqual(made.body.items.map((d: Json) => d.id));
    const list = await waiting();
    expect(list).toHaveLength(2);
    expect(list.find((d) => d.locationId === s.m.warehouseId)).toMatchObject({ reference: "PO-1", kind: "purchase", lines: [{ skuId: s.skuId, code: s.code, expected: 5 }] });
    expect(list.find((d) => d.locationId === s.m.storeId)).toMatchObject({ reference: "PO-2", lines: [{ skuId: s.skuId, expected: 3 }] });
    // the delivery at the warehouse is received on the desk like any other
    const atWarehouse = list.find((d) => d.locationId === s.m.warehouseId)!;
    expect((await s.m.api("POST", `/api/nextengine/${s.connectionId}/receipts/${atWarehouse.id}`, { lines: [{ skuId: s.skuId, received: 5 }] })).status).toBe(200);
    expect((await waiting()).map((d) => d.id)).toEqual([list.find((d) => d.locationId === s.m.storeId)!.id]);
    // an empty file is refused
    expect((await expected([])).body.issues).toEqual([{ path: ["rows"], message: expect.stringContaining("no rows") }]);
  }, 30_000);

  it("an upload reconciliation cannot settle is held for review, explained, and resent once when the merchant says so", async () => {
    const s = await stockLink();
    await settings(s.m, s.connectionId, { addStockOnReceipt: true, syncedLocationIds: [s.m.warehouseId] });
    await adjust(s.m, s.skuId, s.m.warehouseId, 6);
    // not taken (503), and meanwhile NextEngine's stock moves by itself: neither "unchanged" nor "ours"
    await ctl("fail", { companyId: s.companyId, kind: "http", path: "/api_v1_master_goods/upload", status: 503 });
    await expect(runJob(s.m, "nextengine.upload-stock", s.connectionId)).rejects.toThrow();
    await ctl("seed", { companyId: s.companyId, goods: [{ goods_id: s.code, stock_quantity: 45 }] });
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ settled: 1, review: 1, sent: 0 });
    const list = async () => (await s.m.api("GET", `/api/nextengine/${s.connectionId}/uploads`)).body.items as Json[];
    const held = (await list())[0]!;
    expect(held).toMatchObject({ status: "review", queId: null, lines: [{ goodsId: s.code, delta: 6 }], error: expect.stringContaining("ご確認ください") });
    // nothing resends it by itself
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ sent: 0 });
    expect(await neStock(s.companyId, s.code)).toBe(45);
    const staff = await s.m.api("POST", `/api/nextengine/${s.connectionId}/uploads/${held.id}/resolve`, { decision: "maybe" });
    expect(staff.status).toBe(400);
    const resent = await s.m.api("POST", `/api/nextengine/${s.connectionId}/uploads/${held.id}/resolve`, { decision: "resend" });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    await vi.waitFor(async () => expect((await list())[0]).toMatchObject({ status: "applied", queId: expect.any(String) }), { timeout: 20_000, interval: 200 });
    expect(await neStock(s.companyId, s.code)).toBe(51);
    expect(((await ctl("uploads", { companyId: s.companyId })).applications as Json[]).filter((a) => a.goodsId === s.code)).toHaveLength(1);
    const again = await s.m.api("POST", `/api/nextengine/${s.connectionId}/uploads/${held.id}/resolve`, { decision: "applied" });
    expect(again.status).toBe(400);
    expect(again.body.issues[0].message).toContain("確認待ち");
  }, 40_000);

  it("an upload whose answer is lost is reconciled, never sent twice; one that was not taken is sent again once", async () => {
    const s = await stockLink();
    await settings(s.m, s.connectionId, { addStockOnReceipt: true, syncedLocationIds: [s.m.warehouseId] });
    await adjust(s.m, s.skuId, s.m.warehouseId, 6);
    await ctl("fail", { companyId: s.companyId, kind: "drop", path: "/api_v1_master_goods/upload" });
    await expect(runJob(s.m, "nextengine.upload-stock", s.connectionId)).rejects.toThrow(/unknown/);
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ settled: 1, sent: 0 });
    expect(await neStock(s.companyId, s.code)).toBe(56);
    const applied = ((await ctl("uploads", { companyId: s.companyId })).applications as Json[]).filter((a) => a.goodsId === s.code);
    expect(applied).toHaveLength(1);
    // not taken (HTTP 503 before NextEngine): no new que, stock unchanged → sent again, once
    await adjust(s.m, s.skuId, s.m.warehouseId, 2);
    await ctl("fail", { companyId: s.companyId, kind: "http", path: "/api_v1_master_goods/upload", status: 503 });
    await expect(runJob(s.m, "nextengine.upload-stock", s.connectionId)).rejects.toThrow();
    expect(await runJob(s.m, "nextengine.upload-stock", s.connectionId)).toMatchObject({ settled: 1 });
    expect(await neStock(s.companyId, s.code)).toBe(58);
    const uploads = (await s.m.api("GET", `/api/nextengine/${s.connectionId}/uploads`)).body.items;
    expect(uploads.map((u: Json) => u.status)).toEqual(["applied", "applied"]);
  });
});

describe("tokens", () => {
  it("a rotated pair is saved and used by the next job; an expired refresh token stops the link with a message", async () => {
    const m = await newMerchant();
    const { code } = await newSku(m, { stock: 1 });
    const link = await connected(m, { goods: [{ goods_id: code, stock_quantity: 1 }] });
    const sealed = async () => (await env.DB.prepare("SELECT credentials FROM connections WHERE id = ?1").bind(link.connectionId).first<{ credentials: string }>())!.credentials;
    const first = await sealed();
    await ctl("clock", { companyId: link.companyId, advanceDays: 1, advanceMinutes: 1 });
    await runJob(m, "nextengine.import-orders", link.connectionId);
    expect(await sealed()).not.toBe(first);
    await ctl("clock", { companyId: link.companyId, advanceMinutes: 5 }); // past the grace of the old pair
    await runJob(m, "nextengine.import-orders", link.connectionId); // works only with the saved pair
    await ctl("clock", { companyId: link.companyId, advanceDays: 4 });
    await expect(runJob(m, "nextengine.import-orders", link.connectionId)).rejects.toThrow(/log in/);
    const after = (await m.api("GET", `/api/connections/${link.connectionId}`)).body;
    expect(after.status).toBe("stopped");
    expect(after.lastError).toContain("再度ログイン");
  });
});
