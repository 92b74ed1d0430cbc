/**
 * Shared steps of the NextEngine link tests: the fake's controls, and a link made as a merchant makes it
 * (連携を開始する → the fake's login → back at the callback), each to a fresh fake company.
 */
import { exports } from "cloudflare:workers";
import { expect, inject } from "vitest";
import { loadConnection } from "../../worker/connections/connections";
import { findJob } from "../../worker/sync/jobs";
import { call, key, type TestMerchant } from "./helpers";

export const fakes = inject("fakesUrl");
export type Json = Record<string, any>;
export const TAG = "ロジクラ受注取込対象";

export async function ctl(action: string, body: Json = {}): Promise<Json> {
  const response = await fetch(`${fakes}/__control/nextengine/${action}`, { method: "POST", body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** 連携を開始する → the fake's login → back to the callback: a started link to a fresh company. */
export async function connect(m: TestMerchant, seed: Json = {}) {
  const company = await ctl("seed", seed);
  const started = await m.api("POST", "/api/nextengine/connect", {
    clientId: company.clientId,
    clientSecret: company.clientSecret,
    apiBaseUrl: `${fakes}/nextengine/api`,
    signInBaseUrl: `${fakes}/nextengine/base`,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const signIn = new URL(started.body.signInUrl);
  const login = await fetch(signIn, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: company.clientId, redirect_uri: signIn.searchParams.get("redirect_uri")!, company_id: company.companyId }).toString(),
  });
  expect(login.status).toBe(302);
  const back = new URL(login.headers.get("location")!);
  return { company, companyId: company.companyId as string, connectionId: started.body.connectionId as string, callback: `${back.pathname}${back.search}`, orderIds: company.orderIds as string[] };
}

/** The browser's arrival at the callback (a redirect is answered, not followed). */
export async function arrive(m: TestMerchant, path: string) {
  const session = await call("POST", "/api/auth/sign-in", { email: m.email, password: m.password });
  const cookie = session.headers.get("set-cookie")!.split(";")[0]!;
  const response = await exports.default.fetch(new Request(`http://renkei.test${path}`, { headers: { cookie }, redirect: "manual" }));
  return { status: response.status, headers: response.headers, body: await response.text() };
}

export async function connected(m: TestMerchant, seed: Json = {}) {
  const link = await connect(m, seed);
  const done = await arrive(m, link.callback);
  expect(done.status, JSON.stringify(done.body)).toBe(302);
  expect(done.headers.get("location")).toBe(`/admin/nextengine/${link.connectionId}?connected=1`);
  return link;
}

export async function settings(m: TestMerchant, connectionId: string, values: Json) {
  const r = await m.api("PUT", `/api/connections/${connectionId}/settings`, values);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

export async function runJob(m: TestMerchant, name: string, connectionId: string) {
  const connection = (await loadConnection(m.ctx, connectionId))!;
  return findJob(name)!.handler({ ctx: m.ctx, connection, payload: {}, runId: `run_${key()}`, attempt: 1 });
}

export const neOrder = async (companyId: string, id: string) => ((await ctl("orders", { companyId })).orders as Json[]).find((o) => o.base.receive_order_id === id)!;
export const neStock = async (companyId: string, code: string) => Number(((await ctl("stock", { companyId })).stock as Json[]).find((s) => s.stock_goods_id === code)!.stock_quantity);

