/**
 * ERP → stores (seed 003 §4: ERP documents reach the store system ten minutes later): completed
 * stock-in and stock-out orders of each linked warehouse become store documents. Stock-ins wait
 * at the store as deliveries the POS receives (counts confirmed by the clerk, differences kept);
 * stock-outs (调拨出库, 其他出库 …) already happened at the ERP and post at once. Never taken:
 * JIT退货入库, 预入库, 线上销售单, 盘盈单, 盘亏单 (§4), nor the documents Renkei itself sent.
 *
 * A document naming a product Renkei does not know creates it when 「ERP数据同步设置」 is on (§3.3.3;
 * ≤ 5,000 SKUs per document); while it is off the document waits, named in the run, and is taken
 * on a later tick once the switch is on. Each ERP document is taken once: its number is the store
 * document's number (unique per store and kind) and an external link remembers it.
 *
 * The queries are by modification window (the open API has no "new since" queue for these [I]):
 * each tick reads from the last tick's end, less a margin for late writes, and dedupes.
 */
import type { WdtStockin, WdtStockout } from "../../../shared/schemas/wangdian";
import { recordConnectionError, type ConnectionRecord } from "../../connections/connections";
import { readCursor, saveCursor } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { newId, nowIso } from "../../db/ids";
import { movementStatements } from "../../inventory/ledger";
import { registerJob } from "../../sync/jobs";
import { stockChanged } from "../../sync/stock-push";
import { fromBeijing, windowEndFor } from "./time";
import { linkedLocations, stopOnBadCredentials, wangdianClient } from "./link";
import { classPaths, importErpGoods } from "./products";
import { WangdianSettings } from "./settings";

export const INBOUND_JOB = "wangdian.pull-documents";
const CURSOR = "documents-pulled-until";
/** Late writes at the ERP (a document completed in the last seconds of a window) are read again. */
const OVERLAP_MS = 10 * 60_000;
/** A first pull reaches back this far. */
const FIRST_PULL_MS = 24 * 3600_000;
export const MAX_SKUS_PER_DOCUMENT = 5_000;
const COMPLETED = 80;

/** Kinds a store never gets (§4); by name first, since the type codes are not public [I]. */
const EXCLUDED_NAMES = ["JIT退货入库", "预入库", "线上销售", "盘盈", "盘亏"];
const EXCLUDED_IN = new Set([4, 8, 9]); // 盘盈入库, 预入库, JIT退货入库 [I]
const EXCLUDED_OUT = new Set([1, 4]); // 销售出库 (线上销售单), 盘亏出库 [I]

const INBOUND_KIND: Record<number, "purchase" | "transfer" | "other_in"> = { 1: "purchase", 2: "transfer" };

type ErpDocument = { direction: "in"; row: WdtStockin } | { direction: "out"; row: WdtStockout };

export function excluded(doc: ErpDocument): boolean {
  const name = doc.row.order_type_name ?? "";
  if (EXCLUDED_NAMES.some((n) => name.includes(n))) return true;
  const type = doc.row.order_type;
  return type !== undefined && (doc.direction === "in" ? EXCLUDED_IN : EXCLUDED_OUT).has(type);
}

const numberOf = (doc: ErpDocument) => (doc.direction === "in" ? doc.row.stockin_no : doc.row.stockout_no);

export async function pullDocuments(ctx: ServiceContext, connection: ConnectionRecord, now = Date.now()) {
  const settings = WangdianSettings.parse(connection.settings);
  const client = await wangdianClient(ctx, connection);
  const { currency } = await ctx.db.merchant();
  const cursor = await readCursor(ctx, connection.id, CURSOR);
  const from = cursor ? Date.parse(cursor) - OVERLAP_MS : now - FIRST_PULL_MS;
  const counts = { read: 0, excluded: 0, ownDocuments: 0, taken: 0, alreadyTaken: 0, productsCreated: 0, waitingForProducts: 0, tooLarge: 0 };
  const waiting: string[] = [];
  const tooLarge: string[] = [];
  for (const location of await linkedLocations(ctx, connection.id)) {
    const documents: ErpDocument[] = [];
    const range = { from, to: windowEndFor(now) };
    for await (const rows of client.stockinOrders(location.code, range)) documents.push(...rows.map((row) => ({ direction: "in" as const, row })));
    for await (const rows of client.stockoutOrders(location.code, range)) documents.push(...rows.map((row) => ({ direction: "out" as const, row })));
    counts.read += documents.length;
    const candidates = documents.filter((d) => {
      if (d.row.status !== undefined && d.row.status !== COMPLETED) return false;
      if (excluded(d)) {
        counts.excluded++;
        return false;
      }
      return true;
    });
    const own = await renkeiOwn(ctx, candidates);
    for (const doc of candidates) {
      if (own.has(doc.row.outer_no ?? "")) {
        counts.ownDocuments++;
        continue;
      }
      const outcome = await takeDocument(ctx, connection, settings.erpDataSync, currency, client, location.id, doc);
      counts[outcome.result]++;
      if (outcome.result === "tooLarge") tooLarge.push(`${numberOf(doc)} (${location.code})`);
      counts.productsCreated += outcome.productsCreated;
      if (outcome.result === "waitingForProducts") waiting.push(`${numberOf(doc)}: ${outcome.missing.slice(0, 5).join(", ")}`);
    }
  }
  // §3.3.3 注1: one document brings at most 5,000 SKUs. A bigger one is never taken (the window moves
  // past it), so the link says which, for the merchant to split it in the ERP and send it again.
  if (tooLarge.length) {
    await recordConnectionError(
      ctx,
      connection.id,
      `单据超过每单 ${MAX_SKUS_PER_DOCUMENT.toLocaleString("en")} 个SKU的上限，未回传门店，请在ERP中拆分后重新开单: ${tooLarge.join(", ")} ` +
        `(伝票あたり ${MAX_SKUS_PER_DOCUMENT.toLocaleString("en")} SKU を超えるため店舗に取り込んでいません / more than ${MAX_SKUS_PER_DOCUMENT.toLocaleString("en")} SKUs in one document: split it in the ERP)`,
    );
  }
  // The window moves on only when nothing waits: a waiting document is read again next tick.
  if (!waiting.length) {
    await saveCursor(ctx, connection.id, CURSOR, new Date(now).toISOString());
  }
  return counts;
}

/** outer_no values of the documents Renkei sent itself (document numbers, stocktake IDs, with -IN / -OUT). */
async function renkeiOwn(ctx: ServiceContext, docs: ErpDocument[]): Promise<Set<string>> {
  const outer = docs.map((d) => d.row.outer_no ?? "").filter(Boolean);
  if (!outer.length) return new Set();
  const base = (no: string) => no.replace(/-(IN|OUT)$/, "");
  const rows = await ctx.db.all<{ ref: string }>(
    `SELECT d.number AS ref FROM store_documents d WHERE d.merchant_id = ?1 AND d.number IN (SELECT value FROM json_each(?2))
     UNION SELECT d.id FROM store_documents d WHERE +d.merchant_id = ?1 AND d.id IN (SELECT value FROM json_each(?2))`,
    JSON.stringify([...new Set(outer.map(base))]),
  );
  const known = new Set(rows.map((r) => r.ref));
  return new Set(outer.filter((no) => known.has(base(no))));
}

async function takeDocument(
  ctx: ServiceContext,
  connection: ConnectionRecord,
  erpDataSync: boolean,
  currency: "JPY" | "CNY",
  client: Awaited<ReturnType<typeof wangdianClient>>,
  locationId: string,
  doc: ErpDocument,
): Promise<{ result: "taken" | "alreadyTaken" | "waitingForProducts" | "tooLarge"; productsCreated: number; missing: string[] }> {
  const number = numberOf(doc);
  const kind = doc.direction === "in" ? "inbound" : "other_out";
  const taken = await ctx.db.first("SELECT id FROM store_documents WHERE merchant_id = ?1 AND location_id = ?2 AND kind = ?3 AND number = ?4", locationId, kind, number);
  if (taken) return { result: "alreadyTaken", productsCreated: 0, missing: [] };
  const specs = [...new Set(doc.row.details_list.map((l) => l.spec_no))];
  if (specs.length > MAX_SKUS_PER_DOCUMENT) return { result: "tooLarge", productsCreated: 0, missing: [] };
  const known = await ctx.db.all<{ id: string; code: string }>("SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))", JSON.stringify(specs));
  const skuIds = new Map(known.map((k) => [k.code, k.id]));
  let productsCreated = 0;
  const missing = specs.filter((s) => !skuIds.has(s));
  if (missing.length) {
    if (!erpDataSync) return { result: "waitingForProducts", productsCreated: 0, missing };
    const goods = [];
    for (const spec of missing) goods.push(...(await client.goodsBySpec(spec)));
    const imported = await importErpGoods(ctx, goods, currency, classPaths(await client.goodsClasses()));
    productsCreated = imported.skus;
    for (const [code, id] of imported.skuIds) skuIds.set(code, id);
    const still = missing.filter((s) => !skuIds.has(s));
    if (still.length) return { result: "waitingForProducts", productsCreated, missing: still };
  }
  const lines = doc.row.details_list.map((l) => ({ skuId: skuIds.get(l.spec_no)!, quantity: Math.round(l.num) })).filter((l) => l.quantity > 0);
  const id = newId(doc.direction === "in" ? "inb" : "out");
  const at = nowIso();
  const occurredAt = doc.row.modified ? fromBeijing(doc.row.modified) : at;
  const body = {
    kind: doc.direction === "in" ? (INBOUND_KIND[doc.row.order_type ?? 0] ?? "other_in") : "other_out",
    reference: `${doc.row.order_type_name ?? ""} ${number}`.trim(),
    erp: { number, type: doc.row.order_type ?? null, typeName: doc.row.order_type_name ?? null, remark: doc.row.remark ?? null },
    lines,
  };
  const statements = [
    // the link first: the export trigger sees the document came from this ERP and does not send it back
    ctx.db.stmt(
      `INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id, external_code, code_folded)
       VALUES (?1, ?2, 'document', ?3, ?4, ?5, lower(?5)) ON CONFLICT DO NOTHING`,
      connection.id,
      id,
      `${doc.direction}:${number}`,
      number,
    ),
    ctx.db.stmt(
      `INSERT INTO store_documents (id, merchant_id, location_id, kind, number, status, body, occurred_at, received_at, posted_at)
       VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (merchant_id, location_id, kind, number) DO NOTHING`,
      id,
      locationId,
      kind,
      number,
      doc.direction === "in" ? "pending" : "posted",
      JSON.stringify(body),
      occurredAt,
      at,
      doc.direction === "in" ? null : at,
    ),
    // stock-outs already left the ERP warehouse: the store's stock follows now, keyed by the ERP number
    ...(doc.direction === "out"
      ? movementStatements(
          ctx.db,
          lines.map((l, i) => ({ skuId: l.skuId, locationId, bucket: "on_hand" as const, quantity: -l.quantity, reason: "erp_out", sourceType: "store_document", sourceId: id, key: `erp:${connection.id}:out:${number}:${i}` })),
          at,
          `connection:${connection.id}`,
        )
      : []),
  ];
  await ctx.db.batch(statements);
  if (doc.direction === "out") await stockChanged(ctx, lines.map((l) => l.skuId));
  return { result: "taken", productsCreated, missing: [] };
}

registerJob({
  name: INBOUND_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => stopOnBadCredentials(ctx, connection!, () => pullDocuments(ctx, connection!)),
});
