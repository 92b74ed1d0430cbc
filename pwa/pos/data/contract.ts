/**
 * The contract between the POS screens (pwa/pos/ui) and the POS data layer (pwa/pos/data).
 * Screens only ever talk to a `PosData`; the data layer owns IndexedDB (Dexie), the hub's API,
 * the outbox and the service worker. Money is integer minor units; arithmetic comes from shared/.
 *
 * Rules the data layer keeps (issue "POS PWA"):
 *  - every document gets a client UUID and a receipt number `${storeCode}-${deviceNo 2 digits}-${counter 6 digits}`,
 *    and is written with its local effects (outbox row, counter, local stock) in ONE Dexie transaction
 *    with strict durability, before the promise resolves (so before any receipt shows);
 *  - the outbox is never capped, truncated or wiped (not by an update, a migration or a storage warning);
 *  - documents are pushed in the order they were made to POST /api/pos/documents; 'accepted' and
 *    'duplicate' both mark a document sent; 'rejected' keeps it on the device, visible, with the reasons;
 *    a 401 (device revoked) stops pushing and keeps everything;
 *  - catalog: snapshot pages then deltas by cursor (GET /api/pos/catalog), stored as page records plus
 *    in-memory lookup maps (not one IndexedDB row per SKU), so 100k SKUs load in seconds.
 */
import type { Currency, Rounding } from "../../../shared/money";
import type { TaxDisplay } from "../../../shared/tax";

export type Lang = "ja" | "zh" | "en";

export interface Sku {
  id: string;
  code: string;
  barcode: string | null;
  name: string;
  /** list price in minor units (unit products: per `conversion` sales units) */
  price: number;
  taxRate: number;
  listed: boolean;
  unit: { conversion: number; salesUnit: string; displayName: string; min: number; max: number } | null;
}

export interface StoreInfo {
  device: { id: string; name: string; number: number };
  store: { id: string; code: string; name: string; taxDisplay: TaxDisplay };
  merchant: { id: string; name: string; currency: Currency; unitRounding: Rounding; timeZone: string };
  tenders: { code: string; name: string; kind: "cash" | "card" | "qr" | "other" }[];
  /** pinVersion changes when the admin sets a new PIN: the device then drops the one it enrolled */
  staff: { id: string; name: string; role: "owner" | "manager" | "staff"; hasPin: boolean; pinVersion?: string | null }[];
}

export interface CartLine {
  skuId: string;
  quantity: number;
  /** 注文単位 in the sales unit, unit products only (seed 004: two values of one product = two lines) */
  unitValue: number | null;
  /** the unit price at sale time (unit products: value ÷ conversion × price, rounded by 単位換算方法) */
  unitPrice: number;
  discount: number;
  taxRate: number;
}

export interface Tender {
  method: string;
  kind: "cash" | "card" | "qr" | "other";
  amount: number;
}

/** A document as kept on the device; `body` is exactly what is pushed (shared/schemas/documents.ts). */
export interface LocalDocument {
  id: string;
  number: string;
  kind: "sale" | "return" | "exchange" | "stocktake" | "receipt";
  body: Record<string, unknown>;
  createdAt: string;
  /** waiting → sent (accepted / duplicate) | rejected (with reasons, stays visible) */
  state: "waiting" | "sent" | "rejected";
  issues?: { path: (string | number)[]; message: string }[];
}

export interface SyncStatus {
  online: boolean;
  waiting: number;
  sending: boolean;
  rejected: number;
  lastSyncAt: string | null;
  /** catalog load progress while a snapshot is being read */
  catalog: { loaded: number; total: number | null; ready: boolean };
  /** navigator.storage.persist() granted: only then is the data safe from eviction */
  persisted: boolean;
  /** device revoked (401): nothing more is sent; the outbox stays */
  revoked: boolean;
  /** storage nearly full (navigator.storage.estimate ≥ 90 %): shown, never acted on by deleting */
  storageWarning: boolean;
}

export interface SaleDraft {
  staffId: string;
  lines: CartLine[];
  subtotalDiscount: number;
  tenders: Tender[];
}

export interface ReturnDraft {
  staffId: string;
  /** the original sale's document ID (receipt barcode or history), or null with a manager's approval */
  originalId: string | null;
  approvedBy: string | null;
  lines: (CartLine & { defective: boolean })[];
  refunds: Tender[];
}

export interface ExchangeDraft {
  staffId: string;
  originalId: string | null;
  approvedBy: string | null;
  returned: (CartLine & { defective: boolean })[];
  given: CartLine[];
  tenders: Tender[];
  refunds: Tender[];
}

export interface Inbound {
  id: string;
  kind: "purchase" | "transfer" | "other_in";
  reference: string;
  lines: { skuId: string; quantity: number }[];
}

export type PinCheck = "ok" | "wrong" | "locked" | "not-enrolled";

export interface HistoryQuery {
  text?: string;
  kind?: LocalDocument["kind"];
  state?: LocalDocument["state"];
  /** ISO instant: only documents made at or after it */
  since?: string;
  limit?: number;
}

export interface PosData {
  // ---- device ----
  /** true once a pairing code was traded for a device token (kept in IndexedDB) */
  isPaired(): Promise<boolean>;
  /** trade the admin's one-time 8-digit code for the device token, then load bootstrap + catalog */
  pair(code: string): Promise<void>;
  /** the cached bootstrap (refreshed when online); null before pairing */
  storeInfo(): Promise<StoreInfo | null>;

  // ---- catalog and stock (in memory after load: lookups are synchronous) ----
  /** snapshot (first time) or deltas; calls onProgress while loading */
  syncCatalog(onProgress?: (loaded: number, total: number | null) => void): Promise<void>;
  findByBarcode(barcode: string): Sku | undefined;
  findByCode(code: string): Sku | undefined;
  /** substring match on name, code and barcode; at most `limit` results */
  search(query: string, limit?: number): Sku[];
  getSku(id: string): Sku | undefined;
  /** the store's stock as last synced, with this device's own unsent documents applied */
  stockOf(skuId: string): { onHand: number; available: number } | undefined;

  // ---- staff ----
  /** online: checks the PIN with the hub (POST /api/pos/staff/pin) and keeps an HMAC of it under a
   * non-extractable device key, so it can be checked offline afterwards */
  enrolPin(staffId: string, pin: string): Promise<PinCheck>;
  /** offline-capable check; 5 wrong PINs lock the clerk for 15 minutes on this device */
  verifyPin(staffId: string, pin: string): Promise<PinCheck>;

  // ---- documents: each resolves only after its one durable Dexie transaction committed ----
  commitSale(draft: SaleDraft): Promise<LocalDocument>;
  commitReturn(draft: ReturnDraft): Promise<LocalDocument>;
  commitExchange(draft: ExchangeDraft): Promise<LocalDocument>;
  commitStocktakeSheet(sheet: { staffId: string; area: string; lines: { skuId: string; counted: number }[] }): Promise<LocalDocument>;
  commitReceipt(receipt: { staffId: string; inboundId: string; lines: { skuId: string; received: number }[] }): Promise<LocalDocument>;
  /**
   * Local history, newest first. `text` matches receipt number or document ID (receipt barcode);
   * `state` keeps only waiting / sent / rejected ones; `since` stops at documents made before it.
   */
  history(query?: HistoryQuery): Promise<LocalDocument[]>;
  getDocument(idOrNumber: string): Promise<LocalDocument | undefined>;
  /** deliveries waiting at this store (online; cached for offline) */
  pendingInbound(): Promise<Inbound[]>;

  // ---- sync ----
  status(): SyncStatus;
  /** push the outbox now (also runs by itself when online, on an interval and on 'online') */
  pushNow(): Promise<void>;
  /** listener for any change of status(); returns an unsubscribe */
  subscribe(listener: () => void): () => void;

  // ---- app updates (workbox-window; never a blind skipWaiting) ----
  /** true when a new version waits; the UI applies it only with an empty cart and no push running */
  updateWaiting(): boolean;
  /** apply the waiting version (messageSkipWaiting, then reload on controllerchange) */
  applyUpdate(): Promise<void>;
}
