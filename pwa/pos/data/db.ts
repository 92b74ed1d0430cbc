/**
 * The POS's IndexedDB, as one typed Dexie database.
 *
 * Layout (why it looks like this: reference/limits-measured.md §3 — one IndexedDB row per SKU costs
 * ≈ 20 s for 100k SKUs, CPU-bound, however it is chunked):
 *  - `catalogPages` / `stock`: the catalog as the hub sends it, one record per page of up to 5,000
 *    compact tuples (and the page's stock tuples), keyed by page number. Lookups never touch
 *    IndexedDB: the pages are read once at start into in-memory maps (catalog.ts).
 *  - `documents`: the local document store — history and outbox in one table. A document is
 *    written once, in the same transaction as the receipt counter, and only its `state` moves
 *    (waiting → sent | rejected). Waiting and rejected documents are never deleted.
 *  - `device`: small key/value rows — the pairing (device token), the cached bootstrap, the catalog
 *    cursor, the PIN key (a non-extractable CryptoKey, stored as is), the last sync.
 *  - `counters`: the per-device receipt counter; `pins`: per clerk HMAC + failures / lock;
 *    `inbound`: deliveries waiting at the store, cached for offline.
 *
 * Rules for new versions: add a numbered `version()` block, never edit an old one; never declare
 * `documents` or `counters` as `null` (that deletes the table) and never `clear()` them in an
 * upgrade — an upgrade may only add fields or indexes to documents. Every rw transaction runs with
 * strict durability (Chromium's default "relaxed" may lose a just-committed sale on power loss).
 */
import Dexie, { type Table } from "dexie";
import type { Inbound, LocalDocument, StoreInfo } from "./contract";
import type { CatalogTuple, StockTuple } from "./catalog";

export const DEFAULT_DB_NAME = "renkei-pos";

export interface PairingRow {
  key: "pairing";
  token: string;
  deviceId: string;
  locationId: string;
  merchantId: string;
  pairedAt: string;
  /** the hub answered 401: nothing more is sent with this token; the outbox stays */
  revoked: boolean;
}
export interface BootstrapRow {
  key: "bootstrap";
  value: StoreInfo;
  fetchedAt: string;
}
export interface CatalogStateRow {
  key: "catalog";
  /** change-log cursor applied; null until a snapshot is complete */
  cursor: number | null;
  /** a snapshot being read (resumable): the next `after` and the cursor of its first page */
  snapshot: { after: string; cursor: number } | null;
  /** snapshot pages written (0..pages-1) */
  pages: number;
  total: number | null;
}
export interface PinKeyRow {
  key: "pinKey";
  cryptoKey: CryptoKey;
}
export interface SyncRow {
  key: "sync";
  lastSyncAt: string | null;
}
export type DeviceRow = PairingRow | BootstrapRow | CatalogStateRow | PinKeyRow | SyncRow;
export type DeviceKey = DeviceRow["key"];

export interface CatalogPageRow {
  page: number;
  items: CatalogTuple[];
}
export interface StockPageRow {
  page: number;
  items: StockTuple[];
}

/** A document as stored: the contract's LocalDocument plus bookkeeping the screens never see. */
export interface StoredDocument extends LocalDocument {
  /** the receipt counter value: creation order of this device's documents */
  seq: number;
  merchantId: string;
  locationId: string;
  /** 1 while this document's stock effect is not yet in the synced stock (see stock.ts) */
  stockPending: 0 | 1;
  sentAt?: string;
  /** from the hub's answer: SKUs this document drove below zero */
  negativeStock?: string[];
}

export interface CounterRow {
  name: string;
  value: number;
}
export interface PinRow {
  staffId: string;
  /** HMAC-SHA256 of the PIN under the device's non-extractable key */
  mac: ArrayBuffer;
  failures: number;
  /** epoch ms; locked while now < lockedUntil */
  lockedUntil: number | null;
  enrolledAt: string;
  /** the hub's PIN version when enrolled (not indexed: no schema version needed) */
  version?: string | null;
}
export interface InboundRow extends Inbound {
  status: "pending" | "received";
  createdAt: string;
}

/** The first layout (kept as it was, for the upgrade path and its test). */
export const SCHEMA_V1 = {
  device: "key",
  catalogPages: "page",
  stock: "page",
  documents: "id, &number, seq, [state+seq]",
  counters: "name",
  pins: "staffId",
} as const;
/** v2: the inbound cache, and `stockPending` on documents (backfilled by the upgrade). */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  documents: "id, &number, seq, [state+seq], stockPending",
  inbound: "id",
} as const;

export class PosDb extends Dexie {
  declare device: Table<DeviceRow, DeviceKey>;
  declare catalogPages: Table<CatalogPageRow, number>;
  declare stock: Table<StockPageRow, number>;
  declare documents: Table<StoredDocument, string>;
  declare counters: Table<CounterRow, string>;
  declare pins: Table<PinRow, string>;
  declare inbound: Table<InboundRow, string>;

  constructor(name: string = DEFAULT_DB_NAME) {
    // `cache: "disabled"`: no live queries here, and catalog pages are too big to keep twice.
    super(name, { chromeTransactionDurability: "strict", cache: "disabled" });
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        // Only adds a field: every document, waiting or not, stays as it was.
        await tx
          .table<StoredDocument, string>("documents")
          .toCollection()
          .modify((doc) => {
            if (doc.stockPending === undefined) doc.stockPending = doc.state === "waiting" ? 1 : 0;
          });
      });
  }

  async entry<K extends DeviceKey>(key: K): Promise<Extract<DeviceRow, { key: K }> | undefined> {
    return (await this.device.get(key)) as Extract<DeviceRow, { key: K }> | undefined;
  }
}
