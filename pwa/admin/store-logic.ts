/**
 * What the store screens work out in the browser, kept pure for the Node tests:
 *  - a store document's body (as the POS pushed it, shared/schemas/documents.ts) as line sections,
 *    money and payments, each line's amount priced as shared/receipt.ts prices it;
 *  - the stocktake preview: counts summed over the sheets (every area) minus on hand, surplus
 *    (盘盈) above zero and deficit (盘亏) below — what approval will post through the ledger;
 *  - an inbound delivery against its receiving document: expected, received, difference per SKU;
 *  - the inbound form's values → POST /api/inbound;
 *  - SKU code, name and on-hand for a set of SKU IDs from the stock list (the API has no SKU-by-ID
 *    lookup): one request per SKU for a few, the store's pages for many.
 */
import { multiplyMinor, sumMinor } from "../../shared/money";
import type { DraftIssue } from "./product-draft";
import type { QueryValues } from "./router";

export const DOC_KINDS = ["sale", "return", "exchange", "stocktake", "stocktake_submission", "receipt", "inbound", "other_out", "transfer", "reversal"] as const;
export const DOC_STATES = ["pending", "received", "submitted", "approved", "posted", "rejected"] as const;
export const INBOUND_KINDS = ["purchase", "transfer", "other_in"] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export type DocState = (typeof DOC_STATES)[number];
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** GET /api/documents(/:id): one store document; `body` is what the device (or the back office) wrote. */
export interface StoreDocument {
  id: string;
  locationId: string;
  deviceId: string | null;
  staffId: string | null;
  kind: string;
  number: string;
  status: string;
  referenceId: string | null;
  body: Record<string, unknown>;
  occurredAt: string;
  receivedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  postedAt: string | null;
}

const isKind = (value: string): value is DocKind => (DOC_KINDS as readonly string[]).includes(value);
const isState = (value: string): value is DocState => (DOC_STATES as readonly string[]).includes(value);
export const isInboundKind = (value: string): value is InboundKind => (INBOUND_KINDS as readonly string[]).includes(value);
/** The dictionary keys of a kind and a state; null for one this admin does not know yet (shown raw). */
export const kindKey = (kind: string) => (isKind(kind) ? (`docKind.${kind}` as const) : null);
export const stateKey = (state: string) => (isState(state) ? (`docState.${state}` as const) : null);

const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const str = (value: unknown): string => (typeof value === "string" ? value : "");
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object") : [];

export interface DocLine {
  skuId: string;
  /** pieces sold / returned / expected; the count of a count sheet; what a receipt received */
  quantity: number;
  /** 注文単位 of a unit product, in its sales unit */
  unitValue: number | null;
  unitPrice: number | null;
  discount: number;
  taxRate: number | null;
  /** unit price × quantity − discount (shared/receipt.ts); null for lines without a price */
  amount: number | null;
  /** 残次品: comes into stock held, never sellable */
  defective: boolean;
}
export type SectionKey = "lines" | "returned" | "given";
export interface DocSection {
  key: SectionKey;
  lines: DocLine[];
}

function toLine(raw: Record<string, unknown>, quantityField: string): DocLine {
  const quantity = num(raw[quantityField]) ?? 0;
  const unitPrice = num(raw.unitPrice);
  const discount = num(raw.discount) ?? 0;
  return {
    skuId: str(raw.skuId),
    quantity,
    unitValue: num(raw.unitValue),
    unitPrice,
    discount,
    taxRate: num(raw.taxRate),
    amount: unitPrice === null ? null : multiplyMinor(unitPrice, quantity) - discount,
    defective: raw.defective === true,
  };
}

/** A document's lines as the detail view lists them: an exchange has the goods back and the goods out. */
export function documentSections(doc: Pick<StoreDocument, "kind" | "body">): DocSection[] {
  const body = doc.body;
  switch (doc.kind) {
    case "exchange":
      return [
        { key: "returned", lines: records(body.returned).map((l) => toLine(l, "quantity")) },
        { key: "given", lines: records(body.given).map((l) => toLine(l, "quantity")) },
      ];
    case "stocktake":
      return [{ key: "lines", lines: records(body.lines).map((l) => toLine(l, "counted")) }];
    case "receipt":
      return [{ key: "lines", lines: records(body.lines).map((l) => toLine(l, "received")) }];
    case "stocktake_submission":
      return [{ key: "lines", lines: submissionCounts(body).map(([skuId, counted]) => toLine({ skuId, counted }, "counted")) }];
    default:
      return [{ key: "lines", lines: records(body.lines).map((l) => toLine(l, "quantity")) }];
  }
}

export interface Payment {
  method: string;
  kind: string;
  amount: number;
}
export type MoneyKey = "subtotal" | "subtotalDiscount" | "tax" | "total" | "returnedTotal" | "givenTotal" | "change";
export interface DocMoney {
  /** in display order; only those the document has */
  rows: { key: MoneyKey; amount: number }[];
  tenders: Payment[];
  refunds: Payment[];
}

const payments = (value: unknown): Payment[] =>
  records(value).map((t) => ({ method: str(t.method), kind: str(t.kind), amount: num(t.amount) ?? 0 }));

/** The money of a sale, return or exchange as the device sent it (the hub re-checked it on arrival). */
export function documentMoney(doc: Pick<StoreDocument, "kind" | "body">): DocMoney | null {
  const body = doc.body;
  if (doc.kind !== "sale" && doc.kind !== "return" && doc.kind !== "exchange") return null;
  const rows: DocMoney["rows"] = [];
  const add = (key: MoneyKey, value: number | null, always = false) => {
    if (value !== null && (always || value !== 0)) rows.push({ key, amount: value });
  };
  if (doc.kind === "exchange") {
    add("returnedTotal", num(body.returnedTotal), true);
    add("givenTotal", num(body.givenTotal), true);
  } else {
    const amounts = documentSections(doc)[0]!.lines.map((l) => l.amount ?? 0);
    add("subtotal", sumMinor(amounts), true);
    add("subtotalDiscount", num(body.subtotalDiscount));
    add("tax", num(body.tax), true);
    add("total", num(body.total), true);
  }
  add("change", num(body.change));
  return { rows, tenders: payments(body.tenders), refunds: payments(body.refunds) };
}

/** [skuId, counted] of a submission (summed over its sheets when it was submitted). */
export function submissionCounts(body: Record<string, unknown>): [string, number][] {
  if (!Array.isArray(body.counts)) return [];
  return body.counts.flatMap((pair: unknown) =>
    Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "number" ? [[pair[0], pair[1]] as [string, number]] : [],
  );
}

/** A count sheet's number of lines and the pieces counted on it. */
export function sheetTotals(doc: Pick<StoreDocument, "body">): { lines: number; counted: number } {
  const lines = records(doc.body.lines);
  return { lines: lines.length, counted: lines.reduce((sum, l) => sum + (num(l.counted) ?? 0), 0) };
}

/** Counts of one SKU over every sheet (area) added up, in the order SKUs first appear. */
export function sumCounts(sheets: readonly Pick<StoreDocument, "body">[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const sheet of sheets) {
    for (const line of records(sheet.body.lines)) {
      const skuId = str(line.skuId);
      if (skuId) counts.set(skuId, (counts.get(skuId) ?? 0) + (num(line.counted) ?? 0));
    }
  }
  return [...counts];
}

export interface PreviewRow {
  skuId: string;
  counted: number;
  onHand: number;
  /** counted − on hand: above zero a surplus (盘盈), below a deficit (盘亏) */
  diff: number;
}
export interface StocktakePreview {
  rows: PreviewRow[];
  surplus: { items: number; units: number };
  deficit: { items: number; units: number };
  unchanged: number;
}

/**
 * What approving would post: per counted SKU, the count minus the on hand (a SKU the store never
 * stocked has 0), surplus and deficit added up. Rows with a difference first, largest first.
 */
export function stocktakePreview(counts: readonly (readonly [string, number])[], onHand: (skuId: string) => number | undefined): StocktakePreview {
  const rows = counts.map(([skuId, counted]) => {
    const have = onHand(skuId) ?? 0;
    return { skuId, counted, onHand: have, diff: counted - have };
  });
  const up = rows.filter((r) => r.diff > 0);
  const down = rows.filter((r) => r.diff < 0);
  return {
    rows: [...rows].sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff)),
    surplus: { items: up.length, units: up.reduce((sum, r) => sum + r.diff, 0) },
    deficit: { items: down.length, units: -down.reduce((sum, r) => sum + r.diff, 0) },
    unchanged: rows.length - up.length - down.length,
  };
}

export interface ReceiptRow {
  skuId: string;
  expected: number;
  /** null while nothing was received */
  received: number | null;
  /** received − expected; null while nothing was received */
  diff: number | null;
}

/** An inbound delivery's lines against what the store received, per SKU (lines of one SKU added up). */
export function receiptDifferences(inbound: Pick<StoreDocument, "body">, receipt: Pick<StoreDocument, "body"> | null): ReceiptRow[] {
  const rows = new Map<string, ReceiptRow>();
  const row = (skuId: string) => {
    let r = rows.get(skuId);
    if (!r) rows.set(skuId, (r = { skuId, expected: 0, received: receipt ? 0 : null, diff: null }));
    return r;
  };
  for (const line of records(inbound.body.lines)) row(str(line.skuId)).expected += num(line.quantity) ?? 0;
  if (receipt) for (const line of records(receipt.body.lines)) row(str(line.skuId)).received! += num(line.received) ?? 0;
  return [...rows.values()].map((r) => ({ ...r, diff: r.received === null ? null : r.received - r.expected }));
}

/** An inbound delivery's kind and reference, from its body. */
export const inboundInfo = (doc: Pick<StoreDocument, "body">) => ({ kind: str(doc.body.kind), reference: str(doc.body.reference) });

export interface InboundLineDraft {
  skuId: string;
  label: string;
  quantity: string;
}
export interface InboundDraft {
  locationId: string;
  kind: InboundKind;
  reference: string;
  lines: InboundLineDraft[];
}
export const emptyInbound = (locationId = ""): InboundDraft => ({ locationId, kind: "purchase", reference: "", lines: [] });

/** A picked SKU joins the delivery (or goods out); picked again, its line gets one more instead of a second line. */
export function addInboundLine<D extends { lines: InboundLineDraft[] }>(draft: D, sku: { skuId: string; label: string }): D {
  const at = draft.lines.findIndex((l) => l.skuId === sku.skuId);
  if (at < 0) return { ...draft, lines: [...draft.lines, { ...sku, quantity: "1" }] };
  const lines = draft.lines.map((l, i) => (i === at && /^\d+$/.test(l.quantity.trim()) ? { ...l, quantity: String(Number(l.quantity) + 1) } : l));
  return { ...draft, lines };
}

export interface InboundInput {
  locationId: string;
  kind: InboundKind;
  reference: string;
  lines: { skuId: string; quantity: number }[];
}

/** A form's lines as the API takes them; at least one, quantities whole numbers of 1 or more. */
function quantityLines(lines: readonly InboundLineDraft[], issues: DraftIssue[]) {
  if (lines.length === 0) issues.push({ path: ["lines"], message: "entry.noLines" });
  return lines.map((line, i) => {
    const text = line.quantity.trim();
    if (!/^\d+$/.test(text) || Number(text) < 1) issues.push({ path: ["lines", i, "quantity"], message: "form.wholeNumber" });
    return { skuId: line.skuId, quantity: Number(text) };
  });
}

/** The form → POST /api/inbound. */
export function toInboundInput(draft: InboundDraft): { input: InboundInput; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  if (!draft.locationId) issues.push({ path: ["locationId"], message: "form.required" });
  const lines = quantityLines(draft.lines, issues);
  return { input: { locationId: draft.locationId, kind: draft.kind, reference: draft.reference.trim(), lines }, issues };
}

/** Goods leaving a store outside a sale: 出库开单 (with a reason) or 调拨 to another store. */
export const OUT_MODES = ["other_out", "transfer"] as const;
export type OutMode = (typeof OUT_MODES)[number];
export interface OutDraft {
  mode: OutMode;
  locationId: string;
  toLocationId: string;
  reason: string;
  lines: InboundLineDraft[];
}
export const emptyOut = (mode: OutMode = "other_out", locationId = ""): OutDraft => ({ mode, locationId, toLocationId: "", reason: "", lines: [] });

/**
 * The form → the request: POST /api/outbound or POST /api/transfers, without the idempotency key
 * (the screen adds one per submission). Issue paths are the worker's, so both land on the same fields.
 */
export function toOutRequest(draft: OutDraft): { path: "/api/outbound" | "/api/transfers"; values: Record<string, unknown>; issues: DraftIssue[] } {
  const issues: DraftIssue[] = [];
  const from = draft.mode === "transfer" ? "fromLocationId" : "locationId";
  if (!draft.locationId) issues.push({ path: [from], message: "form.required" });
  if (draft.mode === "transfer") {
    // the same store on both sides is the worker's to refuse (the screen offers only other stores)
    if (!draft.toLocationId) issues.push({ path: ["toLocationId"], message: "form.required" });
  } else if (!draft.reason.trim()) issues.push({ path: ["reason"], message: "form.required" });
  const lines = quantityLines(draft.lines, issues);
  return draft.mode === "transfer"
    ? { path: "/api/transfers", values: { fromLocationId: draft.locationId, toLocationId: draft.toLocationId, lines }, issues }
    : { path: "/api/outbound", values: { locationId: draft.locationId, reason: draft.reason.trim(), lines }, issues };
}

/** A device's state from its timestamps. */
export const deviceState = (device: { pairedAt: string | null; revokedAt: string | null }) =>
  device.revokedAt ? "revoked" : device.pairedAt ? "paired" : "waiting";

export interface SkuStock {
  code: string;
  name: string;
  /** at the asked location; 0 where it has no stock level */
  onHand: number;
}
/** One row of GET /api/stock, the fields used here. */
export interface LevelRow {
  skuId: string;
  skuCode: string;
  productName: string;
  locationId: string;
  onHand: number;
}
export type GetLevels = (query: QueryValues) => Promise<{ items: LevelRow[]; nextCursor: string | null }>;

/** Runs `work` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * Code, name and on-hand at `locationId` of the SKUs, from GET /api/stock: per SKU when there are
 * up to `perSku` of them, else the location's pages (500 a page) until all are found. A SKU with no
 * stock level at the location is then looked up anywhere for its name (on hand 0 here); one with
 * no level anywhere is left out, and shown by its ID.
 */
export async function lookupStock(get: GetLevels, locationId: string, skuIds: readonly string[], perSku = 40, parallel = 6): Promise<Map<string, SkuStock>> {
  const wanted = [...new Set(skuIds.filter(Boolean))];
  const found = new Map<string, SkuStock>();
  const keep = (level: LevelRow, here: boolean) => found.set(level.skuId, { code: level.skuCode, name: level.productName, onHand: here ? level.onHand : 0 });
  if (wanted.length <= perSku) {
    await eachLimited(wanted, parallel, async (skuId) => {
      const level = (await get({ locationId, skuId, limit: 1 })).items[0];
      if (level) keep(level, true);
    });
  } else {
    const want = new Set(wanted);
    let cursor: string | null = null;
    do {
      const page = await get({ locationId, limit: 500, cursor: cursor ?? undefined });
      for (const level of page.items) if (want.has(level.skuId)) keep(level, true);
      cursor = page.nextCursor;
    } while (cursor && found.size < want.size);
  }
  const elsewhere = wanted.filter((id) => !found.has(id)).slice(0, perSku);
  await eachLimited(elsewhere, parallel, async (skuId) => {
    const level = (await get({ skuId, limit: 1 })).items[0];
    if (level) keep(level, false);
  });
  return found;
}
