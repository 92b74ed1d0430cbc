import { describe, expect, it } from "vitest";
import { capture, resolve, rslFixtures } from "./fixtures/index";
import { createRslFake } from "./index";

const fake = createRslFake();

async function control(action: string, body: unknown = {}) {
  const response = await fake.control(action, new Request(`http://fake/__control/rsl/${action}`, { method: "POST", body: JSON.stringify(body) }));
  return (await response!.json()) as any;
}

/** A fresh account per test, with the demo items and its own clock. */
async function newAccount(now = "2026-07-01T10:00:00+09:00", settings: object = {}) {
  const apiKey = `rsl_${crypto.randomUUID()}`;
  await control("demo", { apiKey, now, settings });
  return apiKey;
}

async function call(apiKey: string, method: string, path: string, body?: unknown) {
  const response = await fake.fetch(
    new Request(`http://fake/rsl${path}`, { method, headers: { "x-api-key": apiKey, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const request = (requestKey: string, lines = [{ itemCode: "RSL-10001", quantity: 1 }]) => ({
  requestKey,
  shopOrderNumber: `399999-20260701-${requestKey.slice(-4)}`,
  shipTo: { name: "楽天 太郎", postalCode: "1580094", prefecture: "東京都", address1: "世田谷区玉川1-14-1", phone: "0312345678" },
  lines,
});

describe("RSL contract fixtures replayed against the fake", () => {
  for (const c of rslFixtures) {
    it(c.name, async () => {
      const apiKey = await newAccount(c.account.now);
      const vars: Record<string, unknown> = {};
      for (const step of c.steps) {
        if (step.clock) await control("clock", { apiKey, set: step.clock });
        const actual = await call(step.auth === "wrong" ? "rsl_wrong" : apiKey, step.method, step.path, resolve(step.body, vars));
        expect(actual.status, `${step.method} ${step.path}`).toBe(step.response.status);
        expect(actual.body).toMatchObject(capture(step.response.body, actual.body, vars) as object);
        for (const [name, value] of Object.entries(step.response.headers ?? {})) expect(actual.headers.get(name)).toBe(value);
      }
    });
  }
});

describe("RSL shipment requests", () => {
  it("a request whose answer was lost (applied, then 504) is found by its key and a resend creates nothing new", async () => {
    const apiKey = await newAccount();
    await control("fail", { apiKey, failures: [{ status: 504, path: "/v1/shipments", afterApply: true }] });
    expect((await call(apiKey, "POST", "/v1/shipments", request("key-0001"))).status).toBe(504);
    const status = await call(apiKey, "GET", "/v1/shipments/key-0001");
    expect(status.body).toMatchObject({ status: "received", requestKey: "key-0001" });
    const resend = await call(apiKey, "POST", "/v1/shipments", request("key-0001"));
    expect(resend.status).toBe(201);
    expect(resend.body.shipmentId).toBe(status.body.shipmentId);
    const state = await control("state", { apiKey });
    expect(state.shipments).toHaveLength(1);
  });

  it("results wait for 19:00 JST unless released, and each result is served once after its cursor", async () => {
    const apiKey = await newAccount("2026-07-01T09:00:00+09:00", { unitsPerParcel: 1 });
    await call(apiKey, "POST", "/v1/shipments", request("key-0001", [{ itemCode: "RSL-10006", quantity: 2 }]));
    await call(apiKey, "POST", "/v1/shipments", request("key-0002"));
    await call(apiKey, "POST", "/v1/shipments/key-0002/cancel");
    expect((await call(apiKey, "GET", "/v1/shipment-results")).body.results).toEqual([]);
    await control("release-results", { apiKey });
    const first = await call(apiKey, "GET", "/v1/shipment-results?limit=1");
    expect(first.body.results).toHaveLength(1);
    expect(first.body.results[0].parcels.map((p: { trackingNumber: string }) => p.trackingNumber)).toHaveLength(2); // two parcels, two tracking numbers
    expect(first.body.hasMore).toBe(false); // the cancelled request never ships
    const again = await call(apiKey, "GET", `/v1/shipment-results?after=${first.body.nextCursor}`);
    expect(again.body.results).toEqual([]);
    expect((await call(apiKey, "GET", "/v1/shipments/key-0001")).body.status).toBe("shipped");
  });

  it("a request received on Sunday evening ships on Monday: every day of the year, after the 15:29 cut-off the next day", async () => {
    const apiKey = await newAccount("2026-07-05T15:29:59+09:00"); // a Sunday
    expect((await call(apiKey, "POST", "/v1/shipments", request("key-0001"))).body.expectedShipDate).toBe("2026-07-05");
    await control("clock", { apiKey, set: "2026-07-05T15:30:00+09:00" });
    expect((await call(apiKey, "POST", "/v1/shipments", request("key-0002"))).body.expectedShipDate).toBe("2026-07-06");
  });

  it("limits each API key to 10 requests a second with 429 and Retry-After", async () => {
    const apiKey = await newAccount();
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(apiKey, "GET", "/v1/shipment-results")).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
