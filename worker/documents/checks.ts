/**
 * Re-checks what the device computed, and what each document refers to. Everything a push needs is
 * read in one D1 batch (`loadReferences`), then every document is checked without touching the
 * database: a push of 100 sales costs one round of reads, not seven per document.
 */
import { priceReceipt, ReceiptError } from "../../shared/receipt";
import type { ReceiptLine, StoreDocumentInput } from "../../shared/schemas/documents";
import type { ServiceContext } from "../context";
import type { Issue } from "../errors";
import { notFoundMessage } from "../messages";
import type { z } from "zod";

type Doc = StoreDocumentInput;

/** What the documents of one push refer to, as the hub has it before the push is written. */
export interface References {
  /** documents already taken (the client UUID is the idempotency key) */
  existing: Set<string>;
  /** `kind number` → document id, for numbers this push uses */
  numbers: Map<string, string>;
  skus: Set<string>;
  /** user id → role */
  users: Map<string, string>;
  inbound: Map<string, { status: string; locationId: string }>;
  /** sales reversed (冲单) that returns / exchanges of this push refer to */
  reversed: Set<string>;
}

export const numberKey = (kind: string, number: string) => `${kind} ${number}`;

function lineSets(doc: Doc): [string, { skuId: string }[]][] {
  return doc.kind === "exchange" ? [["returned", doc.returned], ["given", doc.given]] : [["lines", doc.lines]];
}

export async function loadReferences(ctx: ServiceContext, locationId: string, docs: readonly Doc[]): Promise<References> {
  const ids = docs.map((d) => d.id);
  const numbers = docs.map((d) => [d.kind, d.number]);
  const skus = [...new Set(docs.flatMap((d) => lineSets(d).flatMap(([, lines]) => lines.map((l) => l.skuId))))];
  const users = [...new Set(docs.flatMap((d) => [d.staffId, "approvedBy" in d ? d.approvedBy : null]).filter((u): u is string => !!u))];
  const inbound = [...new Set(docs.flatMap((d) => (d.kind === "receipt" ? [d.inboundId] : [])))];
  const originals = [...new Set(docs.flatMap((d) => ((d.kind === "return" || d.kind === "exchange") && d.originalId ? [d.originalId] : [])))];
  // `+merchant_id` keeps SQLite on the primary-key seek for each listed ID (see db/merchant-db.ts).
  const [existing, taken, known, staff, inbounds, reversals] = await ctx.db.batch([
    ctx.db.stmt("SELECT id FROM store_documents WHERE +merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))", JSON.stringify(ids)),
    ctx.db.stmt(
      // CROSS JOIN keeps json_each outside: one seek of the (merchant, location, kind, number) key per
      // number, where the planner's own choice scanned the store's documents (slower with every push).
      `SELECT d.id, d.kind, d.number FROM json_each(?3) j
         CROSS JOIN store_documents d ON d.merchant_id = ?1 AND d.location_id = ?2 AND d.kind = j.value->>'$[0]' AND d.number = j.value->>'$[1]'`,
      locationId,
      JSON.stringify(numbers),
    ),
    ctx.db.stmt("SELECT id FROM skus WHERE +merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))", JSON.stringify(skus)),
    ctx.db.stmt("SELECT id, role FROM users WHERE +merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))", JSON.stringify(users)),
    ctx.db.stmt(
      "SELECT id, status, location_id FROM store_documents WHERE +merchant_id = ?1 AND kind = 'inbound' AND id IN (SELECT value FROM json_each(?2))",
      JSON.stringify(inbound),
    ),
    ctx.db.stmt("SELECT reference_id FROM store_documents WHERE merchant_id = ?1 AND kind = 'reversal' AND reference_id IN (SELECT value FROM json_each(?2))", JSON.stringify(originals)),
  ]);
  const rows = <T>(result: D1Result | undefined) => (result?.results ?? []) as T[];
  return {
    existing: new Set(rows<{ id: string }>(existing).map((r) => r.id)),
    numbers: new Map(rows<{ id: string; kind: string; number: string }>(taken).map((r) => [numberKey(r.kind, r.number), r.id])),
    skus: new Set(rows<{ id: string }>(known).map((r) => r.id)),
    users: new Map(rows<{ id: string; role: string }>(staff).map((r) => [r.id, r.role])),
    inbound: new Map(rows<{ id: string; status: string; location_id: string }>(inbounds).map((r) => [r.id, { status: r.status, locationId: r.location_id }])),
    reversed: new Set(rows<{ reference_id: string }>(reversals).map((r) => r.reference_id)),
  };
}

/** Issues with one document against what the hub holds; empty when it may be taken. */
export function checkDocument(doc: Doc, refs: References, locationId: string, currency: "JPY" | "CNY"): Issue[] {
  const issues: Issue[] = [];
  for (const [name, lines] of lineSets(doc)) {
    lines.forEach((l, i) => {
      if (!refs.skus.has(l.skuId)) issues.push({ path: [name, i, "skuId"], message: notFoundMessage("SKU") });
    });
  }
  if (!refs.users.has(doc.staffId)) issues.push({ path: ["staffId"], message: notFoundMessage("user") });
  const priceCheck = (path: string, lines: z.infer<typeof ReceiptLine>[], discount: number, total: number, tax: number | null, display: "inclusive" | "exclusive") => {
    try {
      const priced = priceReceipt(lines, discount, display, currency);
      if (priced.total !== total) issues.push({ path: [path], message: `合計が一致しません: ${total} ≠ ${priced.total} (total does not match the lines)` });
      if (tax !== null && priced.tax.tax !== tax) issues.push({ path: ["tax"], message: `税額が一致しません: ${tax} ≠ ${priced.tax.tax} (tax does not match)` });
      return priced.total;
    } catch (error) {
      if (!(error instanceof ReceiptError)) throw error;
      issues.push({ path: [path], message: error.message });
      return 0;
    }
  };
  const paid = (tenders: { amount: number }[]) => tenders.reduce((t, x) => t + x.amount, 0);
  if (doc.kind === "sale") {
    const total = priceCheck("total", doc.lines, doc.subtotalDiscount, doc.total, doc.tax, doc.taxDisplay);
    if (paid(doc.tenders) - doc.change !== total) issues.push({ path: ["tenders"], message: "支払額 − おつり が合計と一致しません (tenders minus change must equal the total)" });
  }
  if (doc.kind === "return") {
    const total = priceCheck("total", doc.lines, doc.subtotalDiscount, doc.total, doc.tax, doc.taxDisplay);
    if (doc.refunds.length && paid(doc.refunds) !== total) issues.push({ path: ["refunds"], message: "返金額が合計と一致しません (refunds must equal the total)" });
  }
  if (doc.kind === "exchange") {
    const back = priceCheck("returnedTotal", doc.returned, 0, doc.returnedTotal, null, doc.taxDisplay);
    const out = priceCheck("givenTotal", doc.given, 0, doc.givenTotal, null, doc.taxDisplay);
    const due = out - back;
    if (due > 0 && paid(doc.tenders) - doc.change !== due) issues.push({ path: ["tenders"], message: "支払額 − おつり が差額と一致しません (tenders minus change must equal the difference)" });
    if (due <= 0 && (doc.tenders.length || doc.change)) issues.push({ path: ["tenders"], message: "差額の支払いはありません (nothing to pay: no tenders or change)" });
    if (due < 0 && paid(doc.refunds) !== -due) issues.push({ path: ["refunds"], message: "差額の返金が一致しません (the refund must equal the difference)" });
  }
  if ((doc.kind === "return" || doc.kind === "exchange") && !doc.originalId) {
    // Without a receipt a manager approves (the device checks the PIN; the hub checks the role).
    const role = doc.approvedBy ? refs.users.get(doc.approvedBy) : undefined;
    if (!role || role === "staff") {
      issues.push({ path: ["approvedBy"], message: "レシートなしの返品には店長の承認が必要です (a return without a receipt needs a manager's approval)" });
    }
  }
  // A reversed sale (冲单) already put its goods back and its money out: a return against it would do both twice.
  if ((doc.kind === "return" || doc.kind === "exchange") && doc.originalId && refs.reversed.has(doc.originalId)) {
    issues.push({ path: ["originalId"], message: "この販売は取り消し済み（冲单）のため返品・交換できません (the sale was reversed; it cannot be returned or exchanged)" });
  }
  if (doc.kind === "receipt") {
    const inbound = refs.inbound.get(doc.inboundId);
    if (!inbound || inbound.locationId !== locationId) issues.push({ path: ["inboundId"], message: notFoundMessage("inbound") });
    else if (inbound.status !== "pending") issues.push({ path: ["inboundId"], message: "この入荷は受領済みです (already received)" });
  }
  const holder = refs.numbers.get(numberKey(doc.kind, doc.number));
  if (holder && holder !== doc.id) issues.push({ path: ["number"], message: NUMBER_TAKEN });
  return issues;
}

/**
 * A delivery is received once: migrations/0015 aborts the batch that moves an inbound which is no
 * longer pending to 'received' (two desks confirming it at the same moment). True for that abort.
 */
export const receivedElsewhere = (error: unknown) => String(error).includes("INBOUND_ALREADY_RECEIVED");

export const NUMBER_TAKEN = "この番号は別の伝票で使われています (number already used by another document)";
