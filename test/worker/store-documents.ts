/**
 * Store documents as a paired POS device sends them, for the worker tests: a device paired through
 * the real API, and sales / returns priced with the shared arithmetic the device uses.
 */
import { expect } from "vitest";
import { priceReceipt } from "../../shared/receipt";
import { call, type TestMerchant } from "./helpers";

export async function pairedDevice(m: TestMerchant, locationId = m.storeId) {
  const created = await m.api("POST", "/api/devices", { locationId, name: "レジ1" });
  expect(created.status).toBe(201);
  const paired = await call("POST", "/api/pos/pair", { pairingCode: created.body.pairingCode });
  expect(paired.status).toBe(200);
  expect((await call("POST", "/api/pos/pair", { pairingCode: created.body.pairingCode })).status).toBe(401); // once
  const auth = { authorization: `Bearer ${paired.body.token}` };
  return {
    id: created.body.id as string,
    get: (path: string) => call("GET", path, undefined, auth),
    post: (path: string, body: unknown) => call("POST", path, body, auth),
    push: (documents: unknown[]) => call("POST", "/api/pos/documents", { documents }, auth),
  };
}

export const ownerId = async (m: TestMerchant) => (await m.api("GET", "/api/auth/me")).body.user.id as string;
let counter = 0;
/** A receipt number; tests that share an external fake pass their own prefix so numbers never meet. */
export let numberPrefix = "S001-01";
export const number = () => `${numberPrefix}-${String(++counter).padStart(6, "0")}`;
export function useNumberPrefix(prefix: string) {
  numberPrefix = prefix;
}

export type Line = { skuId: string; quantity: number; unitPrice: number; unitValue?: number; discount?: number; taxRate?: number; defective?: boolean };
export const lines = (ls: Line[]) => ls.map((l) => ({ discount: 0, taxRate: 10, ...l }));

export function sale(staffId: string, ls: Line[], subtotalDiscount = 0) {
  const priced = priceReceipt(lines(ls), subtotalDiscount, "inclusive", "JPY");
  return {
    id: crypto.randomUUID(),
    kind: "sale",
    number: number(),
    occurredAt: "2026-11-26T03:00:00.000Z",
    staffId,
    taxDisplay: "inclusive",
    subtotalDiscount,
    total: priced.total,
    tax: priced.tax.tax,
    lines: lines(ls),
    tenders: [{ method: "cash", kind: "cash", amount: priced.total + 1000 }],
    change: 1000,
  };
}

export function returned(staffId: string, ls: Line[], originalId: string | null, approvedBy: string | null = null) {
  const priced = priceReceipt(lines(ls), 0, "inclusive", "JPY");
  return {
    id: crypto.randomUUID(),
    kind: "return",
    number: number(),
    occurredAt: "2026-11-26T04:00:00.000Z",
    staffId,
    taxDisplay: "inclusive",
    total: priced.total,
    tax: priced.tax.tax,
    originalId,
    approvedBy,
    lines: lines(ls),
    refunds: [{ method: "cash", kind: "cash", amount: priced.total }],
  };
}


/** An exchange without a receipt (a manager approves), priced with the shared arithmetic; cash for the difference. */
export function exchanged(staffId: string, back: Line[], out: Line[], cash: number) {
  const returnedTotal = priceReceipt(lines(back), 0, "inclusive", "JPY").total;
  const givenTotal = priceReceipt(lines(out), 0, "inclusive", "JPY").total;
  return {
    id: crypto.randomUUID(),
    kind: "exchange",
    number: number(),
    occurredAt: "2026-11-26T05:00:00.000Z",
    staffId,
    originalId: null,
    approvedBy: staffId,
    taxDisplay: "inclusive",
    returned: lines(back),
    given: lines(out),
    returnedTotal,
    givenTotal,
    tenders: [{ method: "cash", kind: "cash", amount: cash }],
    change: Math.max(0, cash - (givenTotal - returnedTotal)),
  };
}
