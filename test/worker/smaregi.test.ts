/**
 * The Smaregi link (seed 000) end to end: the admin's API in workerd with real D1 and Queues, the
 * fake Smaregi over loopback HTTP. Each test loads its own demo contract and app, so tests beside
 * it (sharing the fakes server) cannot disturb it.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call, key, level } from "./helpers";
import { approve, authorizedLink, baseSettings, control, fakes, importedLink, returnTo, runJob } from "./smaregi-link";

describe("authorization", () => {
  it("[認証] → Smaregi [許可] → back to the admin with 「結果:有効化済み」, tokens sealed, still stopped", async () => {
    const { m, id, ids, back } = await authorizedLink();
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe(`/admin/smaregi/${id}?result=activated`);
    const link = (await m.api("GET", `/api/connections/${id}`)).body;
    expect(link).toMatchObject({ status: "authorized", lastError: null });
    expect(link.checks.items[0]).toMatchObject({ key: "authorization", ok: true, detail: `契約ID ${ids.contractId}` });
    const row = await env.DB.prepare("SELECT credentials FROM connections WHERE id = ?1").bind(id).first<{ credentials: string }>();
    expect(row!.credentials).toMatch(/^v1\./);
    expect(row!.credentials).not.toContain(ids.clientSecret);
    const token = await env.DB.prepare("SELECT value FROM connection_cursors WHERE connection_id = ?1 AND name = 'smaregi:token'").bind(id).first<{ value: string }>();
    expect(token!.value).toMatch(/^v1\./);
  });

  it("a forged or replayed state changes nothing; a refusal comes back as an error", async () => {
    const { m, id, ids } = await authorizedLink();
    const location = await approve(m, id, ids.contractId);
    const forged = location.replace(/state=[^&]+/, `state=${id}.forged`);
    expect((await returnTo(forged)).headers.get("location")).toBe(`/admin/smaregi/${id}?error=state_mismatch`);
    // the real state was consumed by the forged attempt's lookup: single use
    expect((await returnTo(location)).headers.get("location")).toBe(`/admin/smaregi/${id}?error=state_mismatch`);
    const denied = await approve(m, id, ids.contractId, "deny");
    expect((await returnTo(denied)).headers.get("location")).toBe(`/admin/smaregi/${id}?error=access_denied`);
    expect((await m.api("GET", `/api/connections/${id}`)).body.status).toBe("authorized");
  });

  it("disconnect forgets the contract and every link; the app's own ID stays for the next [認証]", async () => {
    const { m, id, ids } = await importedLink();
    const gone = await m.api("POST", `/api/smaregi/connections/${id}/disconnect`);
    expect(gone.body).toMatchObject({ status: "pending", hasCredentials: true });
    const links = await env.DB.prepare("SELECT COUNT(*) AS n FROM external_links WHERE connection_id = ?1").bind(id).first<{ n: number }>();
    expect(links!.n).toBe(0);
    const again = await approve(m, id, ids.contractId);
    expect((await returnTo(again)).headers.get("location")).toBe(`/admin/smaregi/${id}?result=activated`);
  });
});

describe("settings and start", () => {
  it("settings save while stopped; start is blocked by an order store without a warehouse and by a tax mismatch", async () => {
    const { m, id } = await authorizedLink();
    const settings = baseSettings(m, { orderStores: [{ channelId: m.channelId, smaregiStoreId: "2", taxCalculation: "inclusive" }] });
    expect((await m.api("PUT", `/api/connections/${id}/settings`, settings)).status).toBe(200);
    const refused = await m.api("POST", `/api/connections/${id}/start`);
    expect(refused.status).toBe(400);
    const byPath = Object.fromEntries(refused.body.issues.map((i: { path: (string | number)[]; message: string }) => [i.path.join("."), i.message]));
    expect(byPath["settings.orderStores.0.smaregiStoreId"]).toContain("倉庫が紐づいていません");
    expect(byPath["settings.orderStores.0.taxCalculation"]).toContain("税別");
    expect((await m.api("GET", `/api/connections/${id}`)).body.status).toBe("authorized");
    expect((await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m))).status).toBe(200);
    const started = await m.api("POST", `/api/connections/${id}/start`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe("started");
    expect((await m.api("POST", `/api/connections/${id}/stop`)).body.status).toBe("stopped");
  });

  it("an adjustment product code Smaregi does not have is refused with the field named; nothing is saved", async () => {
    const { m, id } = await authorizedLink();
    const refused = await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m, { adjustmentProductCode: "NO-SUCH-CODE", dummyProductCode: "SM-BAG-01" }));
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: ["settings", "adjustmentProductCode"], message: expect.stringContaining("NO-SUCH-CODE") }]);
    expect((await m.api("GET", `/api/connections/${id}`)).body.settings.adjustmentProductCode ?? null).toBeNull();
    const links = await env.DB.prepare("SELECT COUNT(*) AS n FROM external_links WHERE connection_id = ?1").bind(id).first<{ n: number }>();
    expect(links!.n).toBe(0);
    const rules = await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m, { allocatedStatus: "allocated" }));
    expect(rules.body.issues[0].path).toEqual(["settings", "allocationInquiryStatus"]);
  });

  it("the payment methods, stores and order stores to choose from are read live from Smaregi", async () => {
    const { m, id } = await authorizedLink();
    const choices = (await m.api("GET", `/api/smaregi/connections/${id}/choices`)).body;
    expect(choices.paymentMethods.map((p: { paymentMethodName: string }) => p.paymentMethodName)).toEqual(["現金", "クレジット", "QR"]);
    expect(choices.stores.filter((s: { warehouse: boolean }) => s.warehouse).map((s: { storeId: string }) => s.storeId)).toEqual(["3"]);
    expect(choices.orderStores).toHaveLength(2);
  });
});

describe("スマレジから新規商品情報一括取得", () => {
  it("new products come in with their stock through the ledger, each keeping its Smaregi product ID; a rerun takes nothing twice", async () => {
    const { m, id, ids, run, products, sku } = await importedLink();
    const smaregiStock = async (productId: string, storeId: string) =>
      Number((await control("state", { contractId: ids.contractId })).stock.find((r: any) => r.productId === productId && r.storeId === storeId).stockAmount);
    expect(run.counts).toMatchObject({ created: 8, linked: 0, conflicts: 0 });
    expect(products.map((p) => [p.skuCode, p.smaregiProductId])).toContainEqual(["RB-001-RED", "1"]);
    expect(await level(m, sku("RB-001-RED"), m.warehouseId)).toMatchObject({ on_hand: 40 });
    expect(await level(m, sku("RB-001-RED"), m.storeId)).toMatchObject({ on_hand: await smaregiStock("1", "1") });
    expect(await level(m, sku("SM-GIFT-01"), m.warehouseId)).toBeNull();
    const again = await runJob(m, "smaregi.import-products", id);
    expect(again.counts).toMatchObject({ created: 0, skipped: 8, stockRows: 0 });
    expect(await level(m, sku("RB-001-RED"), m.warehouseId)).toMatchObject({ on_hand: 40 });
  });

  it("an expired token renews itself; a revoked authorization stops the link and says so", async () => {
    const { m, id, ids } = await importedLink();
    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    await control("expire-tokens", { contractId: ids.contractId });
    expect((await runJob(m, "smaregi.import-products", id)).status).toBe("succeeded");
    await control("revoke", { contractId: ids.contractId, clientId: ids.clientId });
    const failed = await runJob(m, "smaregi.import-products", id);
    expect(failed.status).toBe("failed");
    const link = (await m.api("GET", `/api/connections/${id}`)).body;
    expect(link.status).toBe("stopped");
    expect(link.lastError).toContain("認可が取り消された");
  });
});

describe("stock both ways", () => {
  async function startedLink() {
    const link = await importedLink();
    expect((await link.m.api("POST", `/api/connections/${link.id}/start`)).body.status).toBe("started");
    const hook = (await link.m.api("GET", `/api/smaregi/connections/${link.id}/webhook`)).body;
    await control("webhook", { contractId: link.ids.contractId, url: `${fakes()}/__control/smaregi/inbox?box=${link.ids.contractId}`, secret: hook.secret });
    const inbox = () => control<{ headers: Record<string, string>; body: any }[]>("inbox-read", { box: link.ids.contractId });
    const replay = (d: { headers: Record<string, string>; body: unknown }, headers: Record<string, string> = {}) =>
      call("POST", `/webhooks/smaregi/${link.id}`, d.body, { ...d.headers, ...headers });
    return { ...link, hook, inbox, replay };
  }

  it("a Renkei change reaches Smaregi as an absolute set at the location Renkei owns, and its echo is dropped", async () => {
    const { m, id, ids, sku, inbox, replay } = await startedLink();
    const adjusted = await m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId: sku("CF-200"), locationId: m.warehouseId, quantity: -5, reason: "count_correction" });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    let write: any;
    await vi.waitFor(
      async () => {
        write = (await control<any[]>("writes", { contractId: ids.contractId })).find((w) => w.productId === "6" && w.storeId === "3");
        expect(write).toBeDefined();
      },
      { timeout: 5000, interval: 50 },
    );
    expect(write).toMatchObject({ kind: "set", after: 90 - 5, memo: expect.stringMatching(/^renkei:/) });
    // Smaregi tells us about our own write: recognised by its memo, nothing changes.
    await vi.waitFor(async () => expect((await inbox()).length).toBeGreaterThan(0));
    const [echo] = await inbox();
    expect((await replay(echo!)).status).toBe(200);
    await vi.waitFor(async () => {
      const runs = (await m.api("GET", `/api/sync/runs?job=smaregi.webhook`)).body.items;
      // a 429 from the per-second cap on the way is retried after Retry-After, never dropped
      expect(runs[0]).toMatchObject({ status: "succeeded", counts: { echoes: 1, applied: 0 } });
    }, { timeout: 20_000, interval: 100 });
    expect(await level(m, sku("CF-200"), m.warehouseId)).toMatchObject({ on_hand: 85 });
    void id;
  });

  it("a Smaregi terminal sale at a store Smaregi owns reaches Renkei once, however often the webhook comes; a wrong secret is refused", async () => {
    const { m, ids, sku, inbox, replay } = await startedLink();
    await control("sale", { contractId: ids.contractId, storeId: "1", lines: [{ productId: "2", quantity: 2 }] });
    await vi.waitFor(async () => expect((await inbox()).some((d) => d.body.event === "pos:stock")).toBe(true));
    const hook = (await inbox()).find((d) => d.body.event === "pos:stock")!;
    expect((await replay(hook, { "x-renkei-webhook-secret": "wrong" })).status).toBe(401);
    expect((await replay(hook)).body).toEqual({});
    await vi.waitFor(async () => expect(await level(m, sku("RB-001-BLU"), m.storeId)).toMatchObject({ on_hand: 6 - 2 }), { timeout: 5000, interval: 50 });
    expect((await replay(hook)).body).toEqual({ duplicate: true });
    // the same change under a new event ID (a resend) is keyed by its stock-history ID: still once
    await control("emit-webhook", { contractId: ids.contractId, event: "pos:stock", action: "edited", ids: hook.body.ids });
    const resent = (await inbox()).filter((d) => d.body.event === "pos:stock").at(-1)!;
    expect((await replay(resent)).status).toBe(200);
    await vi.waitFor(async () => {
      const runs = (await m.api("GET", `/api/sync/runs?job=smaregi.webhook`)).body.items;
      expect(runs.filter((r: { status: string }) => r.status === "succeeded")).toHaveLength(2);
    }, { timeout: 20_000, interval: 100 });
    expect(await level(m, sku("RB-001-BLU"), m.storeId)).toMatchObject({ on_hand: 4 });
    const writes = await control<any[]>("writes", { contractId: ids.contractId });
    expect(writes.filter((w) => w.storeId === "1" && w.kind !== "sale")).toEqual([]);
  });

  it("many changes go in bulk calls of ≤ 100 with a callback that is taken once", async () => {
    const { m, id, ids, products, sku } = await startedLink();
    const statements = products.map((p, i) =>
      env.DB.prepare("INSERT INTO stock_push_pending (merchant_id, connection_id, sku_id, changed_at) VALUES (?1, ?2, ?3, ?4)").bind(m.merchantId, id, p.skuId, `2026-01-01T00:00:0${i}Z`),
    );
    await env.DB.batch(statements);
    const run = await runJob(m, "stock.push", id);
    expect(run.status, run.error).toBe("succeeded");
    const bulk = (await control<any[]>("writes", { contractId: ids.contractId })).filter((w) => w.kind === "bulk-set");
    expect(bulk.length).toBeGreaterThan(5);
    expect(new Set(bulk.map((w) => w.requestId)).size).toBe(1);
    expect((await m.api("GET", `/api/smaregi/connections/${id}/products`)).body.pendingBulk).toBe(1);
    // the callback went to Renkei's public address (unreachable from here): deliver it as Smaregi did
    let delivery: any;
    await vi.waitFor(async () => {
      // this link's callback: request IDs are per contract, so another test's bulk call may share the number
      delivery = (await control<any[]>("deliveries")).find((d) => d.kind === "callback" && String(d.url).includes(`/webhooks/smaregi/${id}/`) && JSON.stringify(d.body ?? "").includes(bulk[0].requestId));
      expect(delivery).toBeDefined();
    });
    const path = new URL(delivery.url).pathname;
    expect((await call("POST", path.replace(/[^/]+$/, "wrong-token"), delivery.body)).status).toBe(401);
    // SM-GIFT-01 is not stock-managed in Smaregi: its row fails, the others land
    expect((await call("POST", path, delivery.body)).body).toEqual({ requests: 1, failed: 1 });
    expect((await call("POST", path, delivery.body)).body).toEqual({ requests: 0, failed: 0 });
    expect((await m.api("GET", `/api/connections/${id}`)).body).toMatchObject({ status: "started", lastError: expect.stringContaining("商品ID 7") });
    expect((await m.api("GET", `/api/smaregi/connections/${id}/products`)).body.pendingBulk).toBe(0);
    void sku;
  });
});
