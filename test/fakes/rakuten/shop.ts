/**
 * One RMS shop as the fake keeps it: credentials with a license key that expires, its own clock
 * (so tests running side by side can move time for their shop only), its rate window, its orders,
 * its pending asynchronous shipping updates and the log of every shipping record ever written.
 */
import { DAY_MS, JST_MS, parseLooseInstant, rmsDatetime } from "./dates";
import type { IdSource, StoredOrder } from "./orders";

export interface ShopSettings {
  /** Requests per second per shop before 429 (assumed; RMS publishes no number). */
  ratePerSecond: number;
  /** Status the rate limit answers: 429 by default; Rakuten Web Service once used 503 for it. */
  rateStatus: 429 | 503;
  /** Real milliseconds before an accepted updateOrderShippingAsync is applied and its result readable. */
  asyncDelayMs: number;
  /** searchOrder serves at most this many results per search (RMS: 15,001st and later are not retrievable). */
  searchResultCap: number;
  /** License key lifetime in days (RMS: 90). */
  licenseDays: number;
}

export interface ShippingLogEntry {
  at: string;
  requestId: string;
  orderNumber: string;
  basketId: number;
  action: "add" | "update" | "delete";
  shippingDetailId: number;
  deliveryCompany: string | null;
  shippingNumber: string | null;
  shippingDate: string | null;
}

export interface AsyncRequest {
  requestId: string;
  dueAt: number; // real time
  acceptedAt: number; // shop clock
  body: OrderShippingInput[];
  result?: { orderNumber: string; MessageModelList: Record<string, unknown>[] }[];
}

export interface ShippingInput {
  shippingDetailId?: number | null;
  deliveryCompany?: string;
  shippingNumber?: string;
  shippingDate?: string;
  shippingDeleteFlag?: number;
}
export interface OrderShippingInput {
  orderNumber: string;
  BasketidModelList: { basketId: number; ShippingModelList: ShippingInput[] }[];
}

export interface InjectedFailure {
  function?: string;
  status?: number;
  messageCode?: string;
  message?: string;
  retryAfter?: number;
  /** confirmOrder only: this order alone answers `messageCode` (HTTP 200, per order); the others are confirmed. */
  orderNumber?: string;
  /** The call is carried out, then its answer is replaced by this failure (an answer lost after RMS took the call). */
  lose?: boolean;
}

export interface Shop extends IdSource {
  shopId: string;
  serviceSecret: string;
  licenseKey: string;
  licenseIssuedAt: number;
  clockOffsetMs: number;
  settings: ShopSettings;
  orders: Map<string, StoredOrder>;
  asyncRequests: Map<string, AsyncRequest>;
  shippingLog: ShippingLogEntry[];
  failures: InjectedFailure[];
  recent: number[];
  /** Every contract call, for tests that count calls against the page and batch limits. */
  calls: { function: string; at: number; status: number }[];
}

export const DEFAULT_SETTINGS: ShopSettings = { ratePerSecond: 1, rateStatus: 429, asyncDelayMs: 1000, searchResultCap: 15_000, licenseDays: 90 };

export function createShop(input: { serviceSecret: string; licenseKey: string; shopId?: string; licenseIssuedAt?: string; now?: string }, settings: ShopSettings): Shop {
  let basket = 10_746_400;
  let item = 9_501_000;
  let shipping = 15_400;
  let serial = 0;
  const shop: Shop = {
    shopId: input.shopId ?? "399999",
    serviceSecret: input.serviceSecret,
    licenseKey: input.licenseKey,
    licenseIssuedAt: 0,
    clockOffsetMs: 0,
    settings: { ...settings },
    orders: new Map(),
    asyncRequests: new Map(),
    shippingLog: [],
    failures: [],
    recent: [],
    calls: [],
    nextBasketId: () => ++basket,
    nextItemDetailId: () => ++item,
    nextShippingDetailId: () => ++shipping,
    // New shipping records continue after the highest ID the shop has seen (seeded ones included).
    noteShippingDetailId: (id: number) => {
      shipping = Math.max(shipping, id);
    },
    nextOrderSerial: () => ++serial,
  };
  if (input.now) setClock(shop, input.now);
  shop.licenseIssuedAt = input.licenseIssuedAt ? (parseLooseInstant(input.licenseIssuedAt) ?? shopNow(shop)) : shopNow(shop);
  return shop;
}

export const shopNow = (shop: Shop) => Date.now() + shop.clockOffsetMs;

export function setClock(shop: Shop, iso: string) {
  const target = parseLooseInstant(iso);
  if (target === null) throw new Error(`bad time ${iso}`);
  shop.clockOffsetMs = target - Date.now();
}

/** The key is valid through 23:59:59 JST of the 90th day after the JST day it was issued (observed: issued 8/30 → expires 11/28). */
export function licenseExpiry(shop: Shop): number {
  const issuedDayStartJst = Math.floor((shop.licenseIssuedAt + JST_MS) / DAY_MS) * DAY_MS - JST_MS;
  return issuedDayStartJst + (shop.settings.licenseDays + 1) * DAY_MS - 1000;
}

export const isLicenseExpired = (shop: Shop) => shopNow(shop) > licenseExpiry(shop);

/** Sliding one-second window per shop, in real time (the shop clock may be frozen or moved). */
export function takeRateSlot(shop: Shop): boolean {
  const now = Date.now();
  shop.recent = shop.recent.filter((t) => now - t < 1000);
  if (shop.recent.length >= shop.settings.ratePerSecond) return false;
  shop.recent.push(now);
  return true;
}

/** requestId as RMS shapes it: a UUID, an underscore and the acceptance time (yyyyMMddHHmmss, JST). */
export function newRequestId(shop: Shop): string {
  return `${crypto.randomUUID()}_${rmsDatetime(shopNow(shop)).slice(0, 19).replace(/[-T:]/g, "")}`;
}
