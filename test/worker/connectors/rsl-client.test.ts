import { describe, expect, inject, it } from "vitest";
import { HttpRslClient, RslError, type RslClient } from "../../../worker/connectors/rsl/client";
import { TransientError } from "../../../worker/sync/messages";
import { capture, resolve, rslFixtures } from "../../fakes/rsl/fixtures/index";

const fakes = inject("fakesUrl");

async function control(action: string, body: unknown): Promise<any> {
  const response = await fetch(`${fakes}/__control/rsl/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return response.json();
}

async function newAccount(now = "2026-07-01T10:00:00+09:00", settings: object = {}) {
  const apiKey = `rsl_${crypto.randomUUID()}`;
  await control("demo", { apiKey, now, settings });
  return apiKey;
}

async function caught(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

const request = (requestKey: string, itemCode = "RSL-10001") => ({
  requestKey,
  shopOrderNumber: `399999-20260701-${requestKey.slice(-4)}`,
  shipTo: { name: "楽天 太郎", postalCode: "158-0094", prefecture: "東京都", address1: "世田谷区玉川1-14-1", phone: "03-1234-5678" },
  lines: [{ itemCode, quantity: 1 }],
});

/** Each fixture step through the RslClient interface: the path picks the method. */
async function viaClient(client: RslClient, method: string, path: string, body: unknown): Promise<unknown> {
  if (method === "POST" && path === "/v1/shipments") return client.requestShipment(body as never);
  const cancel = /^\/v1\/shipments\/([^/]+)\/cancel$/.exec(path);
  if (cancel) return client.cancel(decodeURIComponent(cancel[1]!));
  const one = /^\/v1\/shipments\/([^/]+)$/.exec(path);
  if (one) return client.getStatus(decodeURIComponent(one[1]!));
  const results = /^\/v1\/shipment-results(?:\?after=(.*))?$/.exec(path);
  if (results) return client.listResults(results[1] ? results[1] : null);
  throw new Error(`no client method for ${method} ${path}`);
}

describe("RSL contract fixtures replayed through the client", () => {
  for (const c of rslFixtures) {
    it(c.name, async () => {
      const apiKey = await newAccount(c.account.now);
      const vars: Record<string, unknown> = {};
      for (const step of c.steps) {
        if (step.clock) await control("clock", { apiKey, set: step.clock });
        const client = new HttpRslClient(`${fakes}/rsl`, step.auth === "wrong" ? "rsl_wrong" : apiKey);
        const sent = viaClient(client, step.method, step.path, resolve(step.body, vars));
        const expected = step.response.body as any;
        if (step.response.status === 409 && /\/cancel$/.test(step.path)) {
          // A refused cancel is an answer of the interface, not an exception.
          expect(await sent).toMatchObject({ cancelled: false, reason: "too-late" });
        } else if (step.response.status >= 400) {
          const error = await caught(sent);
          expect(error).toBeInstanceOf(RslError);
          expect(error).toMatchObject({ status: step.response.status, code: expected.error.code });
        } else {
          const actual: any = await sent;
          const shipment = actual?.cancelled === true ? actual.shipment : actual;
          expect(shipment).toMatchObject(capture(expected, shipment, vars) as object);
        }
      }
    });
  }
});

describe("HttpRslClient", () => {
  it("a request whose answer was lost is found by getStatus, and the resend answers the same shipment", async () => {
    const apiKey = await newAccount();
    const client = new HttpRslClient(`${fakes}/rsl`, apiKey);
    await control("fail", { apiKey, failures: [{ status: 504, path: "/v1/shipments", afterApply: true }] });
    expect(await caught(client.requestShipment(request("key-0001")))).toBeInstanceOf(TransientError);
    const status = await client.getStatus("key-0001");
    expect(status).toMatchObject({ status: "received", requestKey: "key-0001" });
    const resent = await client.requestShipment(request("key-0001"));
    expect(resent.shipmentId).toBe(status!.shipmentId);
    expect((await control("state", { apiKey })).shipments).toHaveLength(1);
    expect(await client.getStatus("never-sent")).toBeNull();
  });

  it("cancels before picking, answers too-late after the cut-off and not-found for an unknown key", async () => {
    const apiKey = await newAccount("2026-07-01T10:00:00+09:00");
    const client = new HttpRslClient(`${fakes}/rsl`, apiKey);
    await client.requestShipment(request("key-0001"));
    await client.requestShipment(request("key-0002"));
    expect(await client.cancel("key-0001")).toMatchObject({ cancelled: true, shipment: { status: "cancelled" } });
    await control("clock", { apiKey, set: "2026-07-01T15:30:00+09:00" });
    expect(await client.cancel("key-0002")).toMatchObject({ cancelled: false, reason: "too-late" });
    expect(await client.cancel("key-9999")).toMatchObject({ cancelled: false, reason: "not-found" });
  });

  it("lists each result once after the stored cursor, including results released before 19:00", async () => {
    const apiKey = await newAccount("2026-07-01T10:00:00+09:00", { unitsPerParcel: 1 });
    const client = new HttpRslClient(`${fakes}/rsl`, apiKey);
    for (let i = 1; i <= 3; i++) await client.requestShipment({ ...request(`key-000${i}`), lines: [{ itemCode: "RSL-10006", quantity: 2 }] });
    expect((await client.listResults(null)).results).toEqual([]);
    await control("release-results", { apiKey });
    const first = await client.listResults(null, 2);
    expect(first).toMatchObject({ hasMore: true, nextCursor: "2" });
    expect(first.results[0]!.parcels).toHaveLength(2);
    const rest = await client.listResults(first.nextCursor, 2);
    expect(rest.results.map((r) => r.requestKey)).toEqual(["key-0003"]);
    expect((await client.listResults(rest.nextCursor)).results).toEqual([]);
  });

  it("an unstocked item is an RslError; the rate limit is a TransientError with Retry-After", async () => {
    const apiKey = await newAccount();
    const client = new HttpRslClient(`${fakes}/rsl`, apiKey);
    expect(await caught(client.requestShipment(request("key-0001", "MUG-900")))).toMatchObject({ name: "RslError", status: 422, code: "UNKNOWN_ITEM" });
    await control("rate", { apiKey, perSecond: 1 });
    await client.listResults(null);
    const throttled = await caught(client.listResults(null));
    expect(throttled).toBeInstanceOf(TransientError);
    expect(throttled.retryAfterSeconds).toBe(1);
  });
});

describe("HttpRslClient pacing (RSL's limit is assumed: README)", () => {
  it("keeps to its pace: at the account's limit, no call is throttled", async () => {
    const apiKey = await newAccount("2026-07-01T10:00:00+09:00", { ratePerSecond: 3 });
    const client = new HttpRslClient(`${fakes}/rsl`, apiKey, undefined, undefined, { requestsPerSecond: 3 });
    const started = Date.now();
    for (let i = 1; i <= 7; i++) await client.requestShipment(request(`pace-000${i}`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // 3 + 3 + 1 over three windows
    expect(client.throttled).toBe(0);
    expect((await control("state", { apiKey })).throttled).toBe(0);
  });

  it("waits a 429 out and asks again within its budget (a throttled call did nothing; a repeated request is idempotent by requestKey); past the budget the 429 reaches the caller", async () => {
    const apiKey = await newAccount("2026-07-01T10:00:00+09:00", { ratePerSecond: 1, retryAfterSeconds: 1 });
    const patient = new HttpRslClient(`${fakes}/rsl`, apiKey, undefined, undefined, { maxThrottleWaitMs: 5_000 });
    await patient.requestShipment(request("storm-0001"));
    const second = await patient.requestShipment(request("storm-0002"));
    expect(second).toMatchObject({ requestKey: "storm-0002", status: "received" });
    expect(patient.throttled).toBeGreaterThanOrEqual(1);
    const state = await control("state", { apiKey });
    expect(state.shipments).toHaveLength(2);
    expect(state.throttled).toBe(patient.throttled);
    // no budget: the 429 is the caller's (a TransientError carrying RSL's Retry-After)
    const hasty = new HttpRslClient(`${fakes}/rsl`, apiKey, undefined, undefined, { maxThrottleWaitMs: 0 });
    await control("rate", { apiKey, perSecond: 1, retryAfter: 3 });
    await hasty.listResults(null).catch(() => undefined);
    const refused = await caught(hasty.listResults(null));
    expect(refused).toBeInstanceOf(TransientError);
    expect(refused.retryAfterSeconds).toBe(3);
  });
});
