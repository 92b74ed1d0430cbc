/**
 * Setting up Rakuten RMS + RSL links for the worker tests: each merchant gets its own sandbox shop
 * (by serviceSecret) and its own RSL account (by apiKey), so files running in parallel never share
 * state; jobs are run through the real queue consumer.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import worker from "../../worker/index";
import type { JobMessage } from "../../worker/sync/messages";
import { recordRun } from "../../worker/sync/runs";
import { newMerchant, newSku, type TestMerchant } from "./helpers";

export const fakes = inject("fakesUrl");
export const FAST = { ratePerSecond: 1000, asyncDelayMs: 0 };
export const DAY = 86_400_000;

export async function control(system: "rakuten" | "rsl", action: string, body: unknown): Promise<any> {
  const response = await fetch(`${fakes}/__control/${system}/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status, `${system} ${action}`).toBe(200);
  return response.json();
}

export const item = (sku: string, units = 1) => ({ manageNumber: sku.toLowerCase(), variantId: sku.toLowerCase(), merchantDefinedSkuId: sku, itemName: `商品 ${sku}`, price: 1100, units });

export interface Setup {
  m: TestMerchant;
  shop: { serviceSecret: string; licenseKey: string; orderNumbers: string[] };
  apiKey: string;
  rakutenId: string;
  rslId: string;
  skus: { red: { skuId: string; code: string }; blue: { skuId: string; code: string }; other: { skuId: string; code: string } };
}

/** A merchant with a started Rakuten link (its own sandbox shop) and an RSL link (its own account). */
export async function setup(orders: object[] = [], shopExtra: object = {}): Promise<Setup> {
  const m = await newMerchant();
  const shop = await control("rakuten", "seed", { serviceSecret: `SP_${crypto.randomUUID()}`, settings: FAST, orders, ...shopExtra });
  const apiKey = `rsl_${crypto.randomUUID()}`;
  await control("rsl", "demo", { apiKey });
  const red = await newSku(m, { stock: 50 });
  const blue = await newSku(m, { stock: 50 });
  const other = await newSku(m, { stock: 50 });
  // paced fast (the RSL link's default is 8 / s): the tests' RSL accounts are raised where volume matters
  const rsl = await m.api("POST", "/api/connections", { kind: "rsl", name: "RSL", baseUrl: `${fakes}/rsl`, credentials: { apiKey }, settings: { requestsPerSecond: 100 }, });
  expect(rsl.status, JSON.stringify(rsl.body)).toBe(201);
  expect((await m.api("POST", `/api/connections/${rsl.body.id}/verify`)).status).toBe(200);
  const rakuten = await m.api("POST", "/api/connections", {
    kind: "rakuten",
    name: "楽天市場店",
    baseUrl: `${fakes}/rakuten`,
    credentials: { serviceSecret: shop.serviceSecret, licenseKey: shop.licenseKey },
    settings: { channelId: m.channelId, rslConnectionId: rsl.body.id, callIntervalMs: 0 },
  });
  expect(rakuten.status, JSON.stringify(rakuten.body)).toBe(201);
  const verified = await m.api("POST", `/api/connections/${rakuten.body.id}/verify`);
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  expect((await m.api("POST", `/api/connections/${rakuten.body.id}/start`)).status).toBe(200);
  const mapped = await m.api("PUT", `/api/rakuten/links/${rakuten.body.id}/mappings`, {
    rows: [
      { rakutenSku: "RB-001-RED", skuCode: red.code, rslItemCode: "RSL-10001" },
      { rakutenSku: "rb-001-blu", skuCode: blue.code, rslItemCode: "RSL-10002" },
    ],
  });
  expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
  return { m, shop, apiKey, rakutenId: rakuten.body.id, rslId: rsl.body.id, skus: { red, blue, other } };
}

export async function runJob(s: Setup, job: string) {
  const message = await recordRun(s.m.ctx, job, { connectionId: s.rakutenId, trigger: "manual" });
  const batch = createMessageBatch<JobMessage>("renkei-jobs", [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: message }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  const result = await getQueueResult(batch, ctx);
  const run = await env.DB.prepare("SELECT status, counts, error FROM sync_runs WHERE id = ?1").bind(message.runId).first<{ status: string; counts: string; error: string | null }>();
  return { result, run: { ...run!, counts: JSON.parse(run!.counts) as Record<string, number> } };
}

export async function orderByNumber(s: Setup, orderNumber: string) {
  const row = await env.DB.prepare("SELECT id, status FROM orders WHERE merchant_id = ?1 AND external_id = ?2").bind(s.m.merchantId, orderNumber).first<{ id: string; status: string }>();
  const tags = await env.DB.prepare("SELECT tag FROM order_tags WHERE order_id = ?1").bind(row?.id ?? "").all<{ tag: string }>();
  return { ...row!, tags: tags.results.map((t) => t.tag) };
}

export const rslState = (apiKey: string) => control("rsl", "state", { apiKey });
export const rmsCalls = async (serviceSecret: string) => (await control("rakuten", "state", { serviceSecret })).calls as Record<string, number>;

