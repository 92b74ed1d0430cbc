/**
 * An in-memory `PosData` for developing the screens without a hub (`vite dev`, `?fake` in the URL)
 * and for the Node tests. It keeps the contract's promises that the screens rely on: documents are
 * priced with shared/receipt.ts exactly as the hub re-checks them, numbered store-device-counter,
 * newest first in history; PINs lock after 5 wrong tries. It never touches IndexedDB or the network.
 * Not part of the production bundle (main.tsx imports it only in dev).
 */
import { priceReceipt, changeDue } from "../../../shared/receipt";
import { stockQuantity } from "../../../shared/units";
import type {
  CartLine,
  ExchangeDraft,
  Inbound,
  LocalDocument,
  PinCheck,
  PosData,
  ReturnDraft,
  SaleDraft,
  Sku,
  StoreInfo,
  SyncStatus,
} from "../data/contract";

export const DEMO_INFO: StoreInfo = {
  device: { id: "dev_1", name: "レジ1", number: 1 },
  store: { id: "loc_s001", code: "S001", name: "渋谷店", taxDisplay: "inclusive" },
  merchant: { id: "mer_demo", name: "デモ商店", currency: "JPY", unitRounding: "ceil", timeZone: "Asia/Tokyo" },
  tenders: [
    { code: "cash", name: "現金", kind: "cash" },
    { code: "card", name: "クレジットカード", kind: "card" },
    { code: "qr", name: "QR決済", kind: "qr" },
  ],
  staff: [
    { id: "usr_owner", name: "デモ オーナー", role: "owner", hasPin: true },
    { id: "usr_manager", name: "佐藤 店長", role: "manager", hasPin: true },
    { id: "usr_staff", name: "山田 花子", role: "staff", hasPin: true },
    { id: "usr_new", name: "新人 太郎", role: "staff", hasPin: false },
  ],
};

const ribbon = (id: string, code: string, spec: string, barcode: string | null): Sku => ({
  id,
  code,
  barcode,
  name: `サテンリボン 25mm ${spec}`,
  price: 999,
  taxRate: 10,
  listed: true,
  unit: { conversion: 100, salesUnit: "cm", displayName: "長さ", min: 10, max: 1000 },
});

export const DEMO_SKUS: Sku[] = [
  ribbon("sku_rb_red", "RB-001-RED", "赤", "2000000000015"),
  ribbon("sku_rb_blu", "RB-001-BLU", "青", null),
  ...(["S", "M", "L"] as const).map((size, i) => ({
    id: `sku_ts_${size.toLowerCase()}`,
    code: `TS-100-${size}`,
    barcode: ["4901234567811", "4901234567828", "4901234567835"][i]!,
    name: `オーガニックコットン Tシャツ ${size}`,
    price: 3300,
    taxRate: 10,
    listed: true,
    unit: null,
  })),
  { id: "sku_cf", code: "CF-200", barcode: "4901234500016", name: "ドリップコーヒー 10袋", price: 1080, taxRate: 8, listed: true, unit: null },
  { id: "sku_old", code: "OLD-1", barcode: "4900000000001", name: "販売終了品", price: 500, taxRate: 10, listed: false, unit: null },
];

export interface DevDataOptions {
  paired?: boolean;
  info?: StoreInfo;
  skus?: Sku[];
  /** staffId → PIN known to the "hub" */
  pins?: Record<string, string>;
  /** staff whose PIN is already on this device */
  enrolled?: string[];
  online?: boolean;
  inbound?: Inbound[];
  stock?: Record<string, number>;
  /** catalog load time per step in ms (0 in tests) */
  delay?: number;
}

export interface DevData extends PosData {
  setOnline(online: boolean): void;
  setUpdateWaiting(waiting: boolean): void;
  /** mark the oldest waiting document rejected with a reason (to see the status bar) */
  rejectOldest(message: string): void;
  documents: LocalDocument[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uuid = () =>
  globalThis.crypto?.randomUUID?.() ??
  "xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx".replace(/x/g, () => Math.floor(Math.random() * 16).toString(16));

export function createDevData(options: DevDataOptions = {}): DevData {
  const info = options.info ?? DEMO_INFO;
  const skus = options.skus ?? DEMO_SKUS;
  const pins = options.pins ?? { usr_owner: "1234", usr_manager: "2345", usr_staff: "0000" };
  const enrolled = new Map<string, string>(Object.entries(pins).filter(([id]) => (options.enrolled ?? Object.keys(pins)).includes(id)));
  const failures = new Map<string, { count: number; until: number }>();
  const delay = options.delay ?? 0;
  let paired = options.paired ?? true;
  let counter = 0;
  let updateWaiting = false;
  const documents: LocalDocument[] = [];
  const received = new Set<string>();
  const stock = new Map<string, number>(Object.entries(options.stock ?? { sku_rb_red: 1000, sku_rb_blu: 500, sku_ts_s: 12, sku_ts_m: 5, sku_ts_l: 8, sku_cf: 40 }));
  const inbound: Inbound[] = options.inbound ?? [
    { id: "doc_in_1", kind: "transfer", reference: "TR-2026-0042", lines: [{ skuId: "sku_ts_m", quantity: 10 }, { skuId: "sku_cf", quantity: 24 }] },
    { id: "doc_in_2", kind: "purchase", reference: "PO-7781", lines: [{ skuId: "sku_rb_red", quantity: 1000 }] },
  ];
  const status: SyncStatus = {
    online: options.online ?? true,
    waiting: 0,
    sending: false,
    rejected: 0,
    lastSyncAt: null,
    catalog: { loaded: paired ? skus.length : 0, total: skus.length, ready: paired },
    persisted: true,
    revoked: false,
    storageWarning: false,
  };
  const listeners = new Set<() => void>();
  const emit = () => {
    status.waiting = documents.filter((d) => d.state === "waiting").length;
    status.rejected = documents.filter((d) => d.state === "rejected").length;
    for (const l of listeners) l();
  };
  const byId = new Map(skus.map((s) => [s.id, s]));

  const base = (staffId: string) => {
    counter++;
    return {
      id: uuid(),
      number: `${info.store.code}-${String(info.device.number).padStart(2, "0")}-${String(counter).padStart(6, "0")}`,
      occurredAt: new Date().toISOString(),
      staffId,
    };
  };
  const keep = (kind: LocalDocument["kind"], body: Record<string, unknown> & { id: string; number: string; occurredAt: string }): LocalDocument => {
    const doc: LocalDocument = { id: body.id, number: body.number, kind, body, createdAt: body.occurredAt, state: "waiting" };
    documents.unshift(doc);
    emit();
    if (status.online) void push();
    return doc;
  };
  const move = (lines: readonly Pick<CartLine, "skuId" | "quantity" | "unitValue">[], sign: 1 | -1) => {
    for (const l of lines) stock.set(l.skuId, (stock.get(l.skuId) ?? 0) + sign * stockQuantity(l.quantity, l.unitValue));
  };
  const plain = (lines: readonly CartLine[]) =>
    lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, unitValue: l.unitValue, unitPrice: l.unitPrice, discount: l.discount, taxRate: l.taxRate }));

  async function push() {
    if (!status.online || status.sending || status.revoked) return;
    if (!documents.some((d) => d.state === "waiting")) return;
    status.sending = true;
    emit();
    await sleep(delay ? 600 : 0);
    for (const d of documents) if (d.state === "waiting") d.state = "sent";
    status.sending = false;
    status.lastSyncAt = new Date().toISOString();
    emit();
  }

  const data: DevData = {
    documents,
    async isPaired() {
      return paired;
    },
    async pair(code) {
      await sleep(delay);
      if (!/^\d{8}$/.test(code)) throw new Error("ペアリングコードは8桁の数字です (the pairing code is 8 digits)");
      if (code === "00000000") throw new Error("ペアリングコードが無効か期限切れです (invalid or expired pairing code)");
      paired = true;
      await data.syncCatalog();
    },
    async storeInfo() {
      return paired ? info : null;
    },
    async syncCatalog(onProgress) {
      status.catalog = { loaded: 0, total: skus.length, ready: false };
      emit();
      for (let loaded = 0; loaded <= skus.length; loaded += 2) {
        await sleep(delay);
        status.catalog = { loaded: Math.min(loaded, skus.length), total: skus.length, ready: false };
        onProgress?.(status.catalog.loaded, skus.length);
        emit();
      }
      status.catalog = { loaded: skus.length, total: skus.length, ready: true };
      emit();
    },
    findByBarcode: (barcode) => skus.find((s) => s.barcode === barcode),
    findByCode: (code) => skus.find((s) => s.code.toLowerCase() === code.toLowerCase()),
    search(query, limit = 50) {
      const q = query.trim().toLowerCase();
      if (!q) return [];
      return skus.filter((s) => s.name.toLowerCase().includes(q) || s.code.toLowerCase().includes(q) || (s.barcode ?? "").includes(q)).slice(0, limit);
    },
    getSku: (id) => byId.get(id),
    stockOf(skuId) {
      const onHand = stock.get(skuId);
      return onHand === undefined ? undefined : { onHand, available: onHand };
    },
    async enrolPin(staffId, pin): Promise<PinCheck> {
      await sleep(delay);
      if (!status.online) throw new Error("offline");
      if (!(staffId in pins)) return "not-enrolled";
      if (pins[staffId] !== pin) return data.verifyPin(staffId, pin).then((r) => (r === "locked" ? "locked" : "wrong"));
      enrolled.set(staffId, pin);
      return "ok";
    },
    async verifyPin(staffId, pin): Promise<PinCheck> {
      await sleep(delay);
      const f = failures.get(staffId) ?? { count: 0, until: 0 };
      if (f.until > Date.now()) return "locked";
      const known = enrolled.get(staffId);
      if (known === undefined) return "not-enrolled";
      if (known === pin) {
        failures.delete(staffId);
        return "ok";
      }
      f.count++;
      if (f.count >= 5) {
        f.until = Date.now() + 15 * 60_000;
        f.count = 0;
        failures.set(staffId, f);
        return "locked";
      }
      failures.set(staffId, f);
      return "wrong";
    },
    async commitSale(draft: SaleDraft) {
      const priced = priceReceipt(draft.lines, draft.subtotalDiscount, info.store.taxDisplay, info.merchant.currency);
      const change = changeDue(priced.total, draft.tenders);
      if (change === null) throw new Error("the tenders do not cover the total");
      move(draft.lines, -1);
      return keep("sale", {
        ...base(draft.staffId),
        kind: "sale",
        taxDisplay: info.store.taxDisplay,
        subtotalDiscount: draft.subtotalDiscount,
        total: priced.total,
        tax: priced.tax.tax,
        lines: plain(draft.lines),
        tenders: draft.tenders,
        change,
      });
    },
    async commitReturn(draft: ReturnDraft) {
      const priced = priceReceipt(draft.lines, 0, info.store.taxDisplay, info.merchant.currency);
      return keep("return", {
        ...base(draft.staffId),
        kind: "return",
        taxDisplay: info.store.taxDisplay,
        subtotalDiscount: 0,
        total: priced.total,
        tax: priced.tax.tax,
        originalId: draft.originalId,
        approvedBy: draft.approvedBy,
        lines: draft.lines.map((l) => ({ ...plain([l])[0], defective: l.defective })),
        refunds: draft.refunds,
      });
    },
    async commitExchange(draft: ExchangeDraft) {
      const back = priceReceipt(draft.returned, 0, info.store.taxDisplay, info.merchant.currency);
      const out = priceReceipt(draft.given, 0, info.store.taxDisplay, info.merchant.currency);
      move(draft.given, -1);
      return keep("exchange", {
        ...base(draft.staffId),
        kind: "exchange",
        taxDisplay: info.store.taxDisplay,
        originalId: draft.originalId,
        approvedBy: draft.approvedBy,
        returned: draft.returned.map((l) => ({ ...plain([l])[0], defective: l.defective })),
        given: plain(draft.given),
        returnedTotal: back.total,
        givenTotal: out.total,
        tenders: draft.tenders,
        refunds: draft.refunds,
        change: out.total > back.total ? (changeDue(out.total - back.total, draft.tenders) ?? 0) : 0,
      });
    },
    async commitStocktakeSheet(sheet) {
      return keep("stocktake", { ...base(sheet.staffId), kind: "stocktake", area: sheet.area, lines: sheet.lines });
    },
    async commitReceipt(receipt) {
      received.add(receipt.inboundId);
      for (const l of receipt.lines) stock.set(l.skuId, (stock.get(l.skuId) ?? 0) + l.received);
      return keep("receipt", { ...base(receipt.staffId), kind: "receipt", inboundId: receipt.inboundId, lines: receipt.lines });
    },
    async history(query = {}) {
      const text = query.text?.trim().toLowerCase();
      return documents
        .filter(
          (d) =>
            (!query.kind || d.kind === query.kind) &&
            (!query.state || d.state === query.state) &&
            (!query.since || d.createdAt >= query.since) &&
            (!text || d.number.toLowerCase().includes(text) || d.id === text),
        )
        .slice(0, query.limit ?? 200);
    },
    async getDocument(idOrNumber) {
      return documents.find((d) => d.id === idOrNumber || d.number === idOrNumber);
    },
    async pendingInbound() {
      await sleep(delay);
      return inbound.filter((i) => !received.has(i.id));
    },
    status: () => status,
    async pushNow() {
      await push();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    updateWaiting: () => updateWaiting,
    async applyUpdate() {
      updateWaiting = false;
      emit();
      if (typeof location !== "undefined") location.reload();
    },
    setOnline(online) {
      status.online = online;
      emit();
      if (online) void push();
    },
    setUpdateWaiting(waiting) {
      updateWaiting = waiting;
      emit();
    },
    rejectOldest(message) {
      const doc = [...documents].reverse().find((d) => d.state === "waiting" || d.state === "sent");
      if (!doc) return;
      doc.state = "rejected";
      doc.issues = [{ path: ["total"], message }];
      emit();
    },
  };
  return data;
}
