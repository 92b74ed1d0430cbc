/**
 * A Smaregi link for worker tests: each gets its own demo contract and app on the shared fake
 * Smaregi, walked through [認証] → [許可], with settings and the product import when asked.
 */
import { exports } from "cloudflare:workers";
import { expect, inject, vi } from "vitest";
import { newMerchant, type TestMerchant } from "./helpers";

export const fakes = () => inject("fakesUrl");

export async function control<T = any>(action: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${fakes()}/__control/smaregi/${action}`, { method: "POST", body: JSON.stringify(body) });
  return (await response.json()) as T;
}

/** A merchant with a Smaregi link on a fresh demo contract, walked through [認証] → [許可]. */
export async function authorizedLink() {
  const m = await newMerchant();
  const suffix = crypto.randomUUID().slice(0, 8);
  const ids = { contractId: `ct_${suffix}`, clientId: `app-${suffix}`, clientSecret: `secret-${suffix}` };
  await control("demo", ids);
  const created = await m.api("POST", "/api/connections", {
    kind: "smaregi",
    name: "スマレジ",
    baseUrl: `${fakes()}/smaregi`,
    credentials: { clientId: ids.clientId, clientSecret: ids.clientSecret },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.status).toBe("pending");
  const id = created.body.id as string;
  const location = await approve(m, id, ids.contractId);
  const back = await returnTo(location);
  return { m, id, ids, back };
}

/** [認証] → the fake's login / 許可 page → the redirect back to Renkei (its Location). */
export async function approve(m: TestMerchant, id: string, contractId: string, decision = "allow") {
  const start = await m.api("POST", `/api/smaregi/connections/${id}/authorize`);
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  const url = new URL(start.body.url);
  expect((await fetch(url)).status).toBe(200);
  const answered = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), contract_id: contractId, decision }),
  });
  return answered.headers.get("location")!;
}

/** The browser arriving back at Renkei from Smaregi: the worker's answer, redirects not followed. */
export async function returnTo(location: string) {
  const url = new URL(location);
  return exports.default.fetch(new Request(`http://renkei.test${url.pathname}${url.search}`, { redirect: "manual" }));
}

export async function runJob(m: TestMerchant, job: string, connectionId: string) {
  const run = await m.api("POST", "/api/sync/run", { job, connectionId });
  expect(run.status, JSON.stringify(run.body)).toBe(202);
  let body: any;
  await vi.waitFor(
    async () => {
      body = (await m.api("GET", `/api/sync/runs/${run.body.runId}`)).body;
      expect(["succeeded", "failed"]).toContain(body.status);
    },
    { timeout: 10_000, interval: 50 },
  );
  return body;
}

/** Settings every test starts from: the demo's order store 1 (内税, warehouse 3) mapped to the merchant's channel. */
export const baseSettings = (m: TestMerchant, extra: Record<string, unknown> = {}) => ({
  orderStores: [{ channelId: m.channelId, smaregiStoreId: "1", taxCalculation: "inclusive" }],
  locations: [
    { locationId: m.warehouseId, smaregiStoreId: "3", master: "renkei" },
    { locationId: m.storeId, smaregiStoreId: "1", master: "smaregi" },
  ],
  productSync: true,
  ...extra,
});

export async function importedLink() {
  const link = await authorizedLink();
  const saved = await link.m.api("PUT", `/api/connections/${link.id}/settings`, baseSettings(link.m));
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const run = await runJob(link.m, "smaregi.import-products", link.id);
  expect(run.status, run.error).toBe("succeeded");
  const products = (await link.m.api("GET", `/api/smaregi/connections/${link.id}/products`)).body.items as { skuId: string; skuCode: string; smaregiProductId: string }[];
  const sku = (code: string) => products.find((p) => p.skuCode === code)!.skuId;
  return { ...link, run, products, sku };
}


/** Smaregi's own API on the link's contract, as the merchant working in Smaregi's back office (a 429 waited out). */
export async function smaregiApi(ids: { contractId: string; clientId: string; clientSecret: string }, method: string, path: string, body?: unknown) {
  const token = await fetch(`${fakes()}/smaregi/id/app/${ids.contractId}/token`, {
    method: "POST",
    headers: { authorization: `Basic ${btoa(`${ids.clientId}:${ids.clientSecret}`)}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  for (;;) {
    const response = await fetch(`${fakes()}/smaregi/api/${ids.contractId}${path}`, {
      method,
      headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status !== 429) {
      const text = await response.text(); // a 204 (商品削除) has no body
      return { status: response.status, body: (text ? JSON.parse(text) : null) as any };
    }
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
