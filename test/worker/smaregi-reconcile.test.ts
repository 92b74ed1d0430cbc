/**
 * Seed 000 gaps, against the fake Smaregi (own contract per test) with real D1 and Queues:
 *  - the reconciliation on start (reconcile.ts through the hub's afterStart): what changed on either
 *    side while the link was stopped is set once after 「連携を開始する」, as the preview listed;
 *  - out-of-order pos:stock webhooks: an older event taken after a newer one leaves the right figure,
 *    each change applied once, at a location Smaregi owns and at one Renkei owns;
 *  - 支払方法: a スマレジ支払方法 Smaregi does not have is refused on save and blocks the start (the
 *    mapping does not travel with orders: test/fakes/smaregi/README.md says why).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { applyReconciliation, readReconciliation } from "../../worker/connectors/smaregi/reconcile";
import { serviceContext } from "../../worker/context";
import { call, key, level, newMerchant, type TestMerchant } from "./helpers";
import { approve, baseSettings, control, fakes, importedLink, returnTo, runJob, smaregiApi } from "./smaregi-link";

type Delivery = { headers: Record<string, string>; body: any };

const runsOf = async (m: TestMerchant, job: string) => (await m.api("GET", `/api/sync/runs?job=${job}`)).body.items as { id: string; status: string; counts: Record<string, number> }[];

const reconcileMovements = async (m: TestMerchant, connectionId: string) =>
  (
    await env.DB.prepare("SELECT sku_id, location_id, quantity FROM stock_movements WHERE merchant_id = ?1 AND idempotency_key LIKE ?2")
      .bind(m.merchantId, `smaregi:${connectionId}:reconcile:%`)
      .all<{ sku_id: string; location_id: string; quantity: number }>()
  ).results;

/** Smaregi's figure of a product at a store, as the fake holds it (0 when it never changed there). */
const smaregiFigure = async (contractId: string, productId: string, storeId: string) =>
  Number((await control("state", { contractId })).stock.find((r: any) => r.productId === productId && r.storeId === storeId)?.stockAmount ?? 0);

/** Stock writes Renkei made in Smaregi (absolute sets, memo `renkei:<push key>`), at one store. */
const renkeiSets = async (contractId: string, storeId: string) =>
  (await control<any[]>("writes", { contractId })).filter((w) => (w.kind === "set" || w.kind === "bulk-set") && w.storeId === storeId && String(w.memo ?? "").startsWith("renkei:"));

describe("the reconciliation on 「連携を開始する」", () => {
  it("a change made in Smaregi and one in Renkei while stopped are both set after start, as the preview listed, once even when the job runs twice", async () => {
    const { m, id, ids, sku } = await importedLink();
    // baseSettings: warehouse 3 is Renkei's figure, 渋谷店 (store 1) is Smaregi's. Nothing syncs while stopped:
    //  - Smaregi sells 2 × CF-200 (product 6) at 渋谷店 → Smaregi wins there;
    //  - Renkei counts CF-200 at the warehouse 5 short → Renkei wins there;
    //  - someone sets RB-001-RED (product 1) to 99 in Smaregi's warehouse → Renkei's figure wins there too.
    await control("sale", { contractId: ids.contractId, storeId: "1", lines: [{ productId: "6", quantity: 2 }] });
    const adjusted = await m.api("POST", "/api/stock/adjustments", { idempotencyKey: key(), skuId: sku("CF-200"), locationId: m.warehouseId, quantity: -5, reason: "count_correction" });
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    expect((await smaregiApi(ids, "PATCH", "/pos/stock/1", { storeId: "3", stockAmount: "99" })).status).toBe(200);
    const storeBefore = (await level(m, sku("CF-200"), m.storeId))!.on_hand;
    const warehouseCf = (await level(m, sku("CF-200"), m.warehouseId))!.on_hand;
    const warehouseRed = (await level(m, sku("RB-001-RED"), m.warehouseId))!.on_hand;

    const preview = (await m.api("GET", `/api/smaregi/connections/${id}/preview`)).body;
    const byKey = (items: any[]) => Object.fromEntries(items.map((i) => [`${i.skuCode}@${i.smaregiStoreId}`, i]));
    expect(byKey(preview.stock.items)).toEqual({
      "CF-200@1": expect.objectContaining({ master: "smaregi", renkei: storeBefore, smaregi: storeBefore - 2 }),
      "CF-200@3": expect.objectContaining({ master: "renkei", renkei: warehouseCf, smaregi: warehouseCf + 5 }),
      "RB-001-RED@3": expect.objectContaining({ master: "renkei", renkei: warehouseRed, smaregi: 99 }),
    });
    // nothing has moved yet: no reconciliation before the start, no write in Smaregi
    expect(await runsOf(m, "smaregi.reconcile")).toEqual([]);
    expect(await renkeiSets(ids.contractId, "3")).toEqual([]);

    const started = await m.api("POST", `/api/connections/${id}/start`);
    expect(started.body.status, JSON.stringify(started.body)).toBe("started");
    await vi.waitFor(async () => expect((await runsOf(m, "smaregi.reconcile"))[0]?.status).toBe("succeeded"), { timeout: 10_000, interval: 50 });

    // Smaregi's sale is now Renkei's figure at 渋谷店, through one ledger movement
    expect(await level(m, sku("CF-200"), m.storeId)).toMatchObject({ on_hand: storeBefore - 2 });
    expect(await reconcileMovements(m, id)).toEqual([{ sku_id: sku("CF-200"), location_id: m.storeId, quantity: -2 }]);
    // Renkei's figures reach Smaregi's warehouse as absolute sets (the hub's stock push)
    await vi.waitFor(
      async () => {
        expect(await smaregiFigure(ids.contractId, "6", "3")).toBe(warehouseCf);
        expect(await smaregiFigure(ids.contractId, "1", "3")).toBe(warehouseRed);
      },
      { timeout: 10_000, interval: 50 },
    );
    // Renkei never wrote the store Smaregi owns, and its warehouse figures stayed its own
    expect(await renkeiSets(ids.contractId, "1")).toEqual([]);
    expect(await level(m, sku("CF-200"), m.warehouseId)).toMatchObject({ on_hand: warehouseCf });
    expect(await level(m, sku("RB-001-RED"), m.warehouseId)).toMatchObject({ on_hand: warehouseRed });

    // the preview's figures are what the reconciliation did: nothing differs any more
    expect((await m.api("GET", `/api/smaregi/connections/${id}/preview`)).body.stock).toEqual({ total: 0, items: [] });
    // a rerun (by hand, or a redelivery) finds nothing to do and moves nothing
    const writes = (await renkeiSets(ids.contractId, "3")).length;
    const rerun = await runJob(m, "smaregi.reconcile", id);
    expect(rerun).toMatchObject({ status: "succeeded", counts: { smaregiWins: 0, renkeiWins: 0, unchanged: 0 } });
    expect(await reconcileMovements(m, id)).toHaveLength(1);
    expect((await renkeiSets(ids.contractId, "3")).length).toBe(writes);
  });

  it("two runs that read the same state under one start (a redelivery beside a rerun) move the figure once", async () => {
    const { m, id, ids, sku } = await importedLink();
    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    await vi.waitFor(async () => expect((await runsOf(m, "smaregi.reconcile"))[0]?.status).toBe("succeeded"), { timeout: 10_000, interval: 50 });
    // No webhook address is registered for this contract: Smaregi's sale reaches Renkei only by reconciliation.
    await control("sale", { contractId: ids.contractId, storeId: "1", lines: [{ productId: "4", quantity: 3 }] });
    const before = (await level(m, sku("TS-100-M"), m.storeId))!.on_hand;
    const ctx = serviceContext(env, m.merchantId, { kind: "system", id: "test" });
    const connection = (await loadConnection(ctx, id))!;
    const [a, b] = await Promise.all([readReconciliation(ctx, connection, "run-a"), readReconciliation(ctx, connection, "run-b")]);
    for (const plan of [a, b]) expect(plan!.differences).toEqual([expect.objectContaining({ skuCode: "TS-100-M", master: "smaregi", renkei: before, smaregi: before - 3 })]);
    const counts = await Promise.all([applyReconciliation(ctx, connection, a!, "run-a"), applyReconciliation(ctx, connection, b!, "run-b")]);
    expect(counts.map((c) => c.smaregiWins).sort()).toEqual([0, 1]);
    expect(counts.map((c) => c.unchanged).sort()).toEqual([0, 1]);
    expect(await level(m, sku("TS-100-M"), m.storeId)).toMatchObject({ on_hand: before - 3 });
    expect(await reconcileMovements(m, id)).toEqual([{ sku_id: sku("TS-100-M"), location_id: m.storeId, quantity: -3 }]);
  });

  it("is queued when the link turns started only: starting a started link queues none, stop → start queues one, and a stopped link is left alone", async () => {
    const { m, id, ids, sku } = await importedLink();
    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    await vi.waitFor(async () => expect((await runsOf(m, "smaregi.reconcile"))[0]?.status).toBe("succeeded"), { timeout: 10_000, interval: 50 });
    expect((await runsOf(m, "smaregi.reconcile"))[0]!.counts).toEqual({ smaregiWins: 0, renkeiWins: 0, unchanged: 0 });
    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    expect(await runsOf(m, "smaregi.reconcile")).toHaveLength(1);

    expect((await m.api("POST", `/api/connections/${id}/stop`)).body.status).toBe("stopped");
    // stopped: a sale in Smaregi is not taken, and a reconciliation run now changes nothing
    await control("sale", { contractId: ids.contractId, storeId: "1", lines: [{ productId: "2", quantity: 1 }] });
    const before = (await level(m, sku("RB-001-BLU"), m.storeId))!.on_hand;
    expect((await runJob(m, "smaregi.reconcile", id)).counts).toEqual({ smaregiWins: 0, renkeiWins: 0, unchanged: 0 });
    expect(await level(m, sku("RB-001-BLU"), m.storeId)).toMatchObject({ on_hand: before });

    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    await vi.waitFor(
      async () => {
        const runs = await runsOf(m, "smaregi.reconcile");
        expect(runs).toHaveLength(3);
        expect(runs[0]).toMatchObject({ status: "succeeded", counts: { smaregiWins: 1 } });
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(await level(m, sku("RB-001-BLU"), m.storeId)).toMatchObject({ on_hand: before - 1 });
  });
});

describe("out-of-order pos:stock webhooks", () => {
  /** A started link whose webhooks land in the fake's inbox, replayed into Renkei in the order the test chooses. */
  async function hookedLink() {
    const link = await importedLink();
    const { m, id, ids } = link;
    expect((await m.api("POST", `/api/connections/${id}/start`)).body.status).toBe("started");
    await vi.waitFor(async () => expect((await runsOf(m, "smaregi.reconcile"))[0]?.status).toBe("succeeded"), { timeout: 10_000, interval: 50 });
    const hook = (await m.api("GET", `/api/smaregi/connections/${id}/webhook`)).body;
    await control("webhook", { contractId: ids.contractId, url: `${fakes()}/__control/smaregi/inbox?box=${ids.contractId}`, secret: hook.secret });
    /** A change made in Smaregi's back office (relative), and its pos:stock delivery, not taken yet. */
    const change = async (productId: string, storeId: string, amount: number) => {
      const made = await smaregiApi(ids, "POST", `/pos/stock/${productId}/add`, { storeId, stockAmount: String(amount), stockHistory: { memo: "棚卸調整" } });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      let found: Delivery | undefined;
      await vi.waitFor(async () => {
        found = (await control<Delivery[]>("inbox-read", { box: ids.contractId })).find(
          (d) => d.body.event === "pos:stock" && d.body.ids.some((r: { id: string }) => r.id === made.body.stockHistory.id),
        );
        expect(found).toBeDefined();
      });
      return found!;
    };
    /** Replays a delivery and waits for its webhook run; answers that run's counts (null for a duplicate). */
    const take = async (d: Delivery) => {
      const before = (await runsOf(m, "smaregi.webhook")).length;
      const answer = await call("POST", `/webhooks/smaregi/${id}`, d.body, d.headers);
      expect(answer.status).toBe(200);
      if (answer.body.duplicate) return null;
      let counts: Record<string, number> = {};
      await vi.waitFor(
        async () => {
          const runs = await runsOf(m, "smaregi.webhook");
          expect(runs.length).toBe(before + 1);
          expect(runs[0]!.status).toBe("succeeded");
          counts = runs[0]!.counts;
        },
        { timeout: 20_000, interval: 100 },
      );
      return counts;
    };
    return { ...link, change, take };
  }

  it("at a location Smaregi owns: the newer event sets Smaregi's figure, the older one after it finds nothing to change", async () => {
    const { m, ids, sku, change, take } = await hookedLink();
    const start = await smaregiFigure(ids.contractId, "3", "1");
    expect(await level(m, sku("TS-100-S"), m.storeId)).toMatchObject({ on_hand: start });
    const older = await change("3", "1", 4);
    const newer = await change("3", "1", -1);
    expect(await take(newer)).toMatchObject({ applied: 1 });
    expect(await level(m, sku("TS-100-S"), m.storeId)).toMatchObject({ on_hand: start + 3 });
    expect(await take(older)).toMatchObject({ applied: 0 });
    expect(await take(older)).toBeNull();
    expect(await level(m, sku("TS-100-S"), m.storeId)).toMatchObject({ on_hand: start + 3 });
    // Renkei wrote nothing to the store Smaregi owns
    expect(await renkeiSets(ids.contractId, "1")).toEqual([]);
  });

  it("at a location Renkei owns: each of Smaregi's changes is applied once, in whatever order they come, and both sides end equal", async () => {
    const { m, ids, sku, change, take } = await hookedLink();
    const start = (await level(m, sku("TS-100-L"), m.warehouseId))!.on_hand;
    const older = await change("5", "3", 4);
    const newer = await change("5", "3", -1);
    expect(await take(newer)).toMatchObject({ applied: 1 });
    expect(await level(m, sku("TS-100-L"), m.warehouseId)).toMatchObject({ on_hand: start - 1 });
    expect(await take(older)).toMatchObject({ applied: 1 });
    expect(await take(older)).toBeNull();
    expect(await level(m, sku("TS-100-L"), m.warehouseId)).toMatchObject({ on_hand: start + 3 });
    const deltas = await env.DB.prepare("SELECT quantity FROM stock_movements WHERE merchant_id = ?1 AND sku_id = ?2 AND idempotency_key LIKE ?3")
      .bind(m.merchantId, sku("TS-100-L"), "smaregi:%:history:%")
      .all<{ quantity: number }>();
    expect(deltas.results.map((r) => r.quantity).sort()).toEqual([-1, 4]);
    // Renkei's figure goes back to Smaregi as absolute sets: whatever push landed between the two, the last one is Renkei's final figure
    await vi.waitFor(
      async () => {
        expect((await renkeiSets(ids.contractId, "3")).filter((w) => w.productId === "5").at(-1)).toMatchObject({ after: start + 3 });
        expect(await smaregiFigure(ids.contractId, "5", "3")).toBe(start + 3);
      },
      { timeout: 10_000, interval: 50 },
    );
  });
});

describe("支払方法 ↔ スマレジ支払方法", () => {
  const renkeiMethod = async (m: TestMerchant) =>
    (await env.DB.prepare("SELECT id FROM payment_methods WHERE merchant_id = ?1 ORDER BY code LIMIT 1").bind(m.merchantId).first<{ id: string }>())!.id;

  it("a Smaregi payment method ID Smaregi does not have is refused on save with the field named, nothing saved; a known one is saved", async () => {
    const { m, id } = await importedLink();
    const method = await renkeiMethod(m);
    const refused = await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m, { paymentMethods: [{ paymentMethodId: method, smaregiPaymentMethodId: "99" }] }));
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(refused.body.issues).toEqual([{ path: ["settings", "paymentMethods", 0, "smaregiPaymentMethodId"], message: expect.stringContaining("支払方法ID 99") }]);
    expect((await m.api("GET", `/api/connections/${id}`)).body.settings.paymentMethods).toEqual([]);
    const saved = await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m, { paymentMethods: [{ paymentMethodId: method, smaregiPaymentMethodId: "2" }] }));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.settings.paymentMethods).toEqual([{ paymentMethodId: method, smaregiPaymentMethodId: "2" }]);
  });

  it("one saved before [認証] (when Smaregi cannot be asked) blocks 「連携を開始する」 with the field named", async () => {
    const m = await newMerchant();
    const suffix = crypto.randomUUID().slice(0, 8);
    const ids = { contractId: `ct_${suffix}`, clientId: `app-${suffix}`, clientSecret: `secret-${suffix}` };
    await control("demo", ids);
    const created = await m.api("POST", "/api/connections", { kind: "smaregi", name: "スマレジ", baseUrl: `${fakes()}/smaregi`, credentials: { clientId: ids.clientId, clientSecret: ids.clientSecret } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const method = await renkeiMethod(m);
    const saved = await m.api("PUT", `/api/connections/${id}/settings`, baseSettings(m, { paymentMethods: [{ paymentMethodId: method, smaregiPaymentMethodId: "99" }] }));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await returnTo(await approve(m, id, ids.contractId));
    expect((await m.api("GET", `/api/connections/${id}`)).body.status).toBe("authorized");
    const start = await m.api("POST", `/api/connections/${id}/start`);
    expect(start.status, JSON.stringify(start.body)).toBe(400);
    expect(start.body.issues).toContainEqual({ path: ["settings", "paymentMethods", 0, "smaregiPaymentMethodId"], message: expect.stringContaining("支払方法ID 99") });
    expect((await m.api("GET", `/api/connections/${id}`)).body.status).toBe("authorized");
    expect(await runsOf(m, "smaregi.reconcile")).toEqual([]);
  });
});
