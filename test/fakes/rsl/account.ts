/**
 * One RSL (Rakuten Super Logistics) account as the fake keeps it, and the life of a shipment:
 * received → picking (at the day's cut-off, 15:29 JST) → shipped, with the shipment result
 * (carrier, tracking numbers per parcel, ship date) published at 19:00 JST that day, as seed 002
 * says results come back "after 19:00". All of it is ASSUMED: RSL has no public API (README.md).
 */
export const JST_MS = 9 * 3600_000;
export const DAY_MS = 86_400_000;

export interface RslItem {
  itemCode: string;
  name: string;
  /** The merchant's own code, for the sandbox's convenience; RSL itself knows only itemCode. */
  merchantSku?: string;
}

export interface ShipmentLine {
  itemCode: string;
  quantity: number;
}

export interface ShipmentRequest {
  requestKey: string;
  shopOrderNumber: string;
  shipTo: { name: string; postalCode: string; prefecture: string; address1: string; address2?: string; phone: string };
  lines: ShipmentLine[];
  deliveryDate?: string;
  note?: string;
}

export interface Shipment {
  shipmentId: string;
  request: ShipmentRequest;
  fingerprint: string;
  receivedAt: number;
  pickingAt: number;
  resultsAt: number;
  cancelledAt: number | null;
  resultSeq: number | null;
  firstAnswer: { status: number; body: unknown };
}

export interface Parcel {
  parcelNo: number;
  carrier: string;
  carrierName: string;
  trackingNumber: string;
  lines: ShipmentLine[];
}

export interface ShipmentResult {
  resultId: number;
  requestKey: string;
  shipmentId: string;
  shopOrderNumber: string;
  shippedAt: string;
  shipDate: string;
  parcels: Parcel[];
}

export interface RslSettings {
  /** [A] Calls per second per account (one warehouse account); beyond it 429 and nothing is done. */
  ratePerSecond: number;
  /** [A] The Retry-After (seconds) a 429 carries. */
  retryAfterSeconds: number;
  /** Same-day cut-off, JST "HH:mm" (あす楽 当日出荷 締め 15:29 in the seed). */
  cutoff: string;
  /** When the day's results become readable, JST "HH:mm" (seed: 19時以降). */
  resultsAt: string;
  /** Units that fit one parcel; more units make more parcels, so tests see several tracking numbers. */
  unitsPerParcel: number;
}

export interface Account {
  apiKey: string;
  clockOffsetMs: number;
  settings: RslSettings;
  items: Map<string, RslItem>;
  shipments: Map<string, Shipment>;
  results: ShipmentResult[];
  /** Injected faults, each used once: `status` answers it (after the work with `afterApply`); `delayMs` holds the answer first (a slow RSL). */
  failures: { status?: number; path?: string; afterApply?: boolean; delayMs?: number }[];
  recent: number[];
  /** `throttled`: calls answered 429 (a storm test counts them). */
  counters: { shipment: number; result: number; tracking: number; throttled: number };
}

export const DEFAULT_RSL_SETTINGS: RslSettings = { ratePerSecond: 10, retryAfterSeconds: 1, cutoff: "15:29", resultsAt: "19:00", unitsPerParcel: 3 };

export const accountNow = (a: Account) => Date.now() + a.clockOffsetMs;

export function jstIso(ms: number): string {
  return `${new Date(ms + JST_MS).toISOString().slice(0, 19)}+09:00`;
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h! * 60 + m!) * 60_000;
};

/** The JST day a request received at `at` ships on, and when picking starts / results appear that day. */
export function schedule(a: Account, at: number): { pickingAt: number; resultsAt: number } {
  const dayStart = Math.floor((at + JST_MS) / DAY_MS) * DAY_MS - JST_MS;
  // Received up to hh:mm:59 of the cut-off minute ships today; later, tomorrow. Every day of the year.
  const cutoffEnd = dayStart + minutes(a.settings.cutoff) + 60_000;
  const shipDay = at < cutoffEnd ? dayStart : dayStart + DAY_MS;
  return { pickingAt: shipDay + minutes(a.settings.cutoff) + 60_000, resultsAt: shipDay + minutes(a.settings.resultsAt) };
}

export type ShipmentStatus = "received" | "picking" | "shipped" | "cancelled";

export function statusOf(a: Account, s: Shipment): ShipmentStatus {
  const now = accountNow(a);
  if (s.cancelledAt !== null) return "cancelled";
  if (now >= s.resultsAt) return "shipped";
  if (now >= s.pickingAt) return "picking";
  return "received";
}

const CARRIERS = [
  { carrier: "yamato", carrierName: "ヤマト運輸" },
  { carrier: "japanpost", carrierName: "日本郵便" },
  { carrier: "sagawa", carrierName: "佐川急便" },
];

/** Publishes the results whose time has come, in the order they became due (resultId grows with it). */
export function publishResults(a: Account) {
  const due = [...a.shipments.values()]
    .filter((s) => s.resultSeq === null && statusOf(a, s) === "shipped")
    .sort((x, y) => x.resultsAt - y.resultsAt || (x.shipmentId < y.shipmentId ? -1 : 1));
  for (const s of due) {
    s.resultSeq = ++a.counters.result;
    const units = s.request.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.itemCode));
    const parcels: Parcel[] = [];
    const { carrier, carrierName } = CARRIERS[s.resultSeq % CARRIERS.length]!;
    for (let i = 0; i < units.length; i += a.settings.unitsPerParcel) {
      const lines: ShipmentLine[] = [];
      for (const code of units.slice(i, i + a.settings.unitsPerParcel)) {
        const line = lines.find((l) => l.itemCode === code);
        if (line) line.quantity++;
        else lines.push({ itemCode: code, quantity: 1 });
      }
      parcels.push({ parcelNo: parcels.length + 1, carrier, carrierName, trackingNumber: `4${String(++a.counters.tracking).padStart(11, "0")}`, lines });
    }
    a.results.push({
      resultId: s.resultSeq,
      requestKey: s.request.requestKey,
      shipmentId: s.shipmentId,
      shopOrderNumber: s.request.shopOrderNumber,
      shippedAt: jstIso(s.resultsAt),
      shipDate: jstIso(s.resultsAt).slice(0, 10),
      parcels,
    });
  }
}

export function view(a: Account, s: Shipment) {
  const status = statusOf(a, s);
  return {
    shipmentId: s.shipmentId,
    requestKey: s.request.requestKey,
    shopOrderNumber: s.request.shopOrderNumber,
    status,
    receivedAt: jstIso(s.receivedAt),
    expectedShipDate: jstIso(s.pickingAt).slice(0, 10),
    cancelledAt: s.cancelledAt === null ? null : jstIso(s.cancelledAt),
    resultId: s.resultSeq,
    lines: s.request.lines,
  };
}
