/**
 * 発送完了報告 retried (issue 7, seed 002): updateOrderShippingAsync ADDS a tracking record when it
 * carries no shippingDetailId, and RMS applies it later, so RSL's parcels must reach RMS once even
 * when the call's answer is lost, RMS is slow, or the call never arrived. Through the real fakes over
 * loopback HTTP, real D1 and the real queue consumer; time past the grace window is a `now`
 * parameter, RMS's own processing delay is the fake's asyncDelayMs.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { RESULTS_JOB, IMPORT_JOB } from "../../worker/connectors/rakuten/link";
import { pullRslResults } from "../../worker/connectors/rakuten/results";
import { ANSWER_LOST_GRACE_MS } from "../../worker/connectors/rakuten/shipping-report";
import { TransientError } from "../../worker/sync/messages";
import { control, item, orderByNumber, runJob, setup, type Setup } from "./rakuten-setup";

const FAST_POLL = { pollIntervalMs: 50, pollTimeoutMs: 5000 };

/** A link whose one order (`units`, packed `unitsPerParcel` to a parcel at RSL: 4 → 2 parcels) is confirmed, requested at RSL and shipped there. */
async function shippedAtRsl(units = 4, unitsPerParcel = 3) {
  const s = await setup([{ orderProgress: 100, items: [item("RB-001-RED", units)] }]);
  await control("rsl", "seed", { apiKey: s.apiKey, settings: { unitsPerParcel } });
  const [orderNumber] = s.shop.orderNumbers as [string];
  await runJob(s, IMPORT_JOB);
  await vi.waitFor(async () => expect((await orderByNumber(s, orderNumber)).status).toBe("awaiting_shipment"), { timeout: 10_000, interval: 100 });
  await control("rsl", "release-results", { apiKey: s.apiKey });
  const connection = (await loadConnection(s.m.ctx, s.rakutenId))!;
  return { s, orderNumber, connection };
}

const records = async (s: Setup, orderNumber: string) => (await control("rakuten", "shipping-records", { serviceSecret: s.shop.serviceSecret, orderNumber }))[0];
/** HTTP statuses of every updateOrderShippingAsync call the shop received, in order. */
const shippingCalls = async (s: Setup) =>
  ((await control("rakuten", "state", { serviceSecret: s.shop.serviceSecret })).callLog as { function: string; status: number }[])
    .filter((c) => c.function === "updateOrderShippingAsync")
    .map((c) => c.status);
const parcels = async (s: Setup) =>
  (
    await env.DB.prepare(
      "SELECT state, rms_request_id, shipping_detail_id, attempts, submitted_at FROM rakuten_parcels WHERE connection_id = ?1 ORDER BY result_id, parcel_no",
    )
      .bind(s.rakutenId)
      .all<{ state: string; rms_request_id: string | null; shipping_detail_id: number | null; attempts: number; submitted_at: string | null }>()
  ).results;
const sentAt = async (s: Setup) => Date.parse((await parcels(s))[0]!.submitted_at!);

describe("RSL results reach RMS once even when updateOrderShippingAsync is retried", () => {
  it("an answer lost while RMS takes 4 s to apply the call: the retries wait for the order and adopt its records — one record per parcel", async () => {
    const { s, orderNumber } = await shippedAtRsl();
    await control("rakuten", "settings", { serviceSecret: s.shop.serviceSecret, asyncDelayMs: 4000 });
    await control("rakuten", "fail", { serviceSecret: s.shop.serviceSecret, failures: [{ function: "updateOrderShippingAsync", status: 504, lose: true }] });

    const lost = await runJob(s, RESULTS_JOB);
    expect(lost.run.status).toBe("retrying");
    expect(lost.result.retryMessages).toHaveLength(1);
    // claimed before the call, and no requestId since the answer never came
    expect(await parcels(s)).toEqual([
      expect.objectContaining({ state: "submitted", rms_request_id: null, attempts: 1, submitted_at: expect.any(String) }),
      expect.objectContaining({ state: "submitted", rms_request_id: null, attempts: 1, submitted_at: expect.any(String) }),
    ]);

    // RMS has accepted it but not applied it yet: the retry reads the order, finds nothing, and waits
    const early = await runJob(s, RESULTS_JOB);
    expect(early.run).toMatchObject({ status: "retrying", error: expect.stringContaining("反映を待っています") });
    // the queue comes back after RMS had time to apply it, not in a tight loop
    expect(Number(/retry \d+ in (\d+) s/.exec(early.run.error!)?.[1])).toBeGreaterThanOrEqual(60);
    expect(await shippingCalls(s)).toEqual([504]);
    expect((await records(s, orderNumber)).packages[0].ShippingModelList).toEqual([]);

    await vi.waitFor(async () => expect((await records(s, orderNumber)).packages[0].ShippingModelList).toHaveLength(2), { timeout: 10_000, interval: 250 });
    const done = await runJob(s, RESULTS_JOB);
    expect(done.run).toMatchObject({ status: "succeeded", counts: expect.objectContaining({ adopted: 2, reported: 0, resent: 0 }) });

    const after = await records(s, orderNumber);
    expect(after.duplicates).toEqual([]);
    expect(after.log.map((l: { action: string }) => l.action)).toEqual(["add", "add"]);
    expect(await shippingCalls(s)).toEqual([504]);
    const ids = after.packages[0].ShippingModelList.map((r: { shippingDetailId: number }) => r.shippingDetailId);
    expect((await parcels(s)).map((p) => [p.state, p.shipping_detail_id])).toEqual(ids.map((id: number) => ["reported", id]));
    expect((await orderByNumber(s, orderNumber)).status).toBe("shipped");
  });

  it("a call RMS never took is sent again once, and only after the grace window", async () => {
    const { s, orderNumber, connection } = await shippedAtRsl();
    await control("rakuten", "fail", { serviceSecret: s.shop.serviceSecret, failures: [{ function: "updateOrderShippingAsync", status: 500 }] });

    const dropped = await runJob(s, RESULTS_JOB);
    expect(dropped.run.status).toBe("retrying");
    const at = await sentAt(s);

    // inside the window: the order is read, nothing is sent
    for (const now of [at + 1000, at + ANSWER_LOST_GRACE_MS - 1000]) {
      const waiting = await pullRslResults(s.m.ctx, connection, { ...FAST_POLL, now }).catch((e: unknown) => e);
      expect(waiting).toBeInstanceOf(TransientError);
      expect((waiting as TransientError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(await shippingCalls(s)).toEqual([500]);

    const resent = await pullRslResults(s.m.ctx, connection, { ...FAST_POLL, now: at + ANSWER_LOST_GRACE_MS + 1000 });
    expect(resent).toMatchObject({ resent: 2, reported: 2, adopted: 0, reportFailed: 0 });
    expect(await shippingCalls(s)).toEqual([500, 200]);
    expect((await parcels(s)).map((p) => [p.state, p.attempts])).toEqual([["reported", 2], ["reported", 2]]);

    // later runs find nothing open and send nothing
    const quiet = await runJob(s, RESULTS_JOB);
    expect(quiet.run.status).toBe("succeeded");
    const after = await records(s, orderNumber);
    expect(after.duplicates).toEqual([]);
    expect(after.packages[0].ShippingModelList).toHaveLength(2);
    expect(await shippingCalls(s)).toEqual([500, 200]);
  });

  it("a poll that timed out is asked again by its requestId, never resent, even past the grace window", async () => {
    const { s, orderNumber, connection } = await shippedAtRsl();
    await control("rakuten", "settings", { serviceSecret: s.shop.serviceSecret, asyncDelayMs: 5000 });

    const slow = await pullRslResults(s.m.ctx, connection, { pollIntervalMs: 50, pollTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(TransientError);
    const [first] = await parcels(s);
    expect(first).toMatchObject({ state: "submitted", rms_request_id: expect.stringMatching(/_\d{14}$/), attempts: 1 });

    // a retry at once: the result is not there yet, the run waits
    const retried = await runJob(s, RESULTS_JOB);
    expect(retried.run).toMatchObject({ status: "retrying", error: expect.stringContaining("反映を待っています") });
    // past the lost-answer window a request RMS accepted is still awaited, not sent again
    const later = await pullRslResults(s.m.ctx, connection, { ...FAST_POLL, now: (await sentAt(s)) + ANSWER_LOST_GRACE_MS + 1000 });
    expect(later).toMatchObject({ reported: 0, resent: 0 });
    expect(await shippingCalls(s)).toEqual([200]);

    await vi.waitFor(async () => expect((await records(s, orderNumber)).packages[0].ShippingModelList).toHaveLength(2), { timeout: 10_000, interval: 250 });
    const done = await runJob(s, RESULTS_JOB);
    expect(done.run).toMatchObject({ status: "succeeded", counts: expect.objectContaining({ reported: 2, resent: 0 }) });
    const after = await records(s, orderNumber);
    expect(after.duplicates).toEqual([]);
    expect(after.log.map((l: { requestId: string }) => l.requestId)).toEqual([first!.rms_request_id, first!.rms_request_id]);
    const ids = after.packages[0].ShippingModelList.map((r: { shippingDetailId: number }) => r.shippingDetailId);
    expect((await parcels(s)).map((p) => p.shipping_detail_id)).toEqual(ids);
    expect(await shippingCalls(s)).toEqual([200]);
  });

  it("two runs meeting on the same parcels send them once", async () => {
    const { s, orderNumber, connection } = await shippedAtRsl();
    const both = await Promise.allSettled([pullRslResults(s.m.ctx, connection, FAST_POLL), pullRslResults(s.m.ctx, connection, FAST_POLL)]);
    expect(both.some((r) => r.status === "fulfilled" && "reported" in r.value && r.value.reported === 2)).toBe(true);
    expect(await shippingCalls(s)).toEqual([200]);
    expect((await records(s, orderNumber)).packages[0].ShippingModelList).toHaveLength(2);
    expect((await parcels(s)).map((p) => p.state)).toEqual(["reported", "reported"]);
  });

  it("a basket with more parcels than RMS keeps (20) is failed for review without a call, nothing left in doubt", async () => {
    const { s, connection } = await shippedAtRsl(21, 1);
    const counts = await pullRslResults(s.m.ctx, connection, FAST_POLL);
    expect(counts).toMatchObject({ parcels: 21, reportFailed: 21, reported: 0 });
    expect(await shippingCalls(s)).toEqual([]);
    expect(new Set((await parcels(s)).map((p) => [p.state, p.attempts].join()))).toEqual(new Set(["failed,0"]));
    const review = await s.m.api("GET", `/api/rakuten/links/${s.rakutenId}/review`);
    expect(JSON.stringify(review.body)).toContain("20件まで");
  });
});
