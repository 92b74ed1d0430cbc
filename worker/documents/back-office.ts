/**
 * The store back office (门店后台) and the merchant (商家后台) working on store documents (seed 003):
 *  - 入库退换单: returned goods come into stock when the store receives the return; a defective
 *    (残次品) item comes in held, kept for viewing, never sold again;
 *  - stocktakes: the store manager submits the counted sheets, the merchant approves, and approval
 *    posts surplus / deficit (盘盈 / 盘亏) through the ledger;
 *  - inbound deliveries (purchase, transfer, other in) for a store to receive.
 */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, notFound, ServiceError } from "../errors";
import { movementStatements, type MovementInput } from "../inventory/ledger";
import { stockQuantity } from "../../shared/units";
import { stockChanged } from "../sync/stock-push";

interface DocumentRow {
  id: string;
  location_id: string;
  device_id: string | null;
  staff_id: string | null;
  kind: string;
  number: string;
  status: string;
  reference_id: string | null;
  body: string;
  occurred_at: string;
  received_at: string;
  submitted_at: string | null;
  approved_at: string | null;
  posted_at: string | null;
}

const COLUMNS = "id, location_id, device_id, staff_id, kind, number, status, reference_id, body, occurred_at, received_at, submitted_at, approved_at, posted_at";

const toDocument = (r: DocumentRow) => ({
  id: r.id,
  locationId: r.location_id,
  deviceId: r.device_id,
  staffId: r.staff_id,
  kind: r.kind,
  number: r.number,
  status: r.status,
  referenceId: r.reference_id,
  body: JSON.parse(r.body) as Record<string, unknown>,
  occurredAt: r.occurred_at,
  receivedAt: r.received_at,
  submittedAt: r.submitted_at,
  approvedAt: r.approved_at,
  postedAt: r.posted_at,
});

/**
 * Newest first, in pages with a keyset cursor (received_at, id): the SQL names only the filters
 * given, so SQLite walks an index in order and stops at the page's end, however long the history.
 */
export async function listDocuments(
  ctx: ServiceContext,
  query: { locationId?: string; kind?: string; status?: string; referenceId?: string; limit: number; cursor?: string },
) {
  const where = ["merchant_id = ?1"];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll("?", `?${params.length + 1}`));
  };
  if (query.locationId) add("location_id = ?", query.locationId);
  if (query.kind) add("kind = ?", query.kind);
  if (query.status) add("status = ?", query.status);
  if (query.referenceId) add("reference_id = ?", query.referenceId);
  if (query.cursor) {
    const [receivedAt, id] = decodeCursor(query.cursor);
    params.push(receivedAt, id);
    where.push(`(received_at, id) < (?${params.length}, ?${params.length + 1})`);
  }
  params.push(query.limit + 1);
  const rows = await ctx.db.all<DocumentRow>(
    `SELECT ${COLUMNS} FROM store_documents WHERE ${where.join(" AND ")} ORDER BY received_at DESC, id DESC LIMIT ?${params.length + 1}`,
    ...params,
  );
  const items = rows.slice(0, query.limit).map(toDocument);
  const last = rows.length > query.limit ? rows[query.limit - 1]! : null;
  return { items, nextCursor: last ? `${last.received_at}|${last.id}` : null };
}

function decodeCursor(cursor: string): [string, string] {
  const at = cursor.indexOf("|");
  if (at < 1) throw invalid("bad cursor", [{ path: ["cursor"], message: "カーソルが不正です (not a cursor from this list)" }]);
  return [cursor.slice(0, at), cursor.slice(at + 1)];
}

async function load(ctx: ServiceContext, id: string) {
  const row = await ctx.db.first<DocumentRow>(`SELECT ${COLUMNS} FROM store_documents WHERE merchant_id = ?1 AND id = ?2`, id);
  if (!row) throw notFound("document");
  return row;
}

export async function getDocument(ctx: ServiceContext, id: string) {
  return toDocument(await load(ctx, id));
}

/** 入库退换单: the returned goods of a return or exchange come into the store's stock, once. */
export async function receiveReturn(ctx: ServiceContext, id: string) {
  const row = await load(ctx, id);
  if (row.kind !== "return" && row.kind !== "exchange") throw invalid("not a return", [{ path: ["id"], message: "退換貨の伝票ではありません (not a return or exchange)" }]);
  if (row.status === "posted") return toDocument(row);
  const body = JSON.parse(row.body) as { returned?: ReturnLine[]; lines?: ReturnLine[] };
  const lines = (row.kind === "exchange" ? body.returned : body.lines) ?? [];
  const movements: MovementInput[] = lines.flatMap((l, i) => {
    const quantity = stockQuantity(l.quantity, l.unitValue);
    const base = { skuId: l.skuId, locationId: row.location_id, sourceType: "store_document", sourceId: row.id };
    const inStock: MovementInput = { ...base, bucket: "on_hand", quantity, reason: "return", key: `doc:${row.id}:in:${i}` };
    // 残次品: on hand (it is in the store) but held, so it is never available to sell
    return l.defective ? [inStock, { ...base, bucket: "held", quantity, reason: "defective", key: `doc:${row.id}:in:${i}:held` }] : [inStock];
  });
  const at = nowIso();
  await ctx.db.batch([
    ...movementStatements(ctx.db, movements, at, `${ctx.actor.kind}:${ctx.actor.id}`),
    ctx.db.stmt("UPDATE store_documents SET status = 'posted', posted_at = ?3 WHERE merchant_id = ?1 AND id = ?2 AND status = 'received'", id, at),
  ]);
  await stockChanged(ctx, [...new Set(lines.map((l) => l.skuId))]);
  return getDocument(ctx, id);
}

interface ReturnLine {
  skuId: string;
  quantity: number;
  unitValue?: number | null;
  defective?: boolean;
}

/** The store manager submits counted sheets of one store as a stocktake for approval. */
export async function submitStocktake(ctx: ServiceContext, input: { locationId: string; sheetIds: string[] }) {
  const sheets = await ctx.db.all<DocumentRow>(
    `SELECT ${COLUMNS} FROM store_documents WHERE merchant_id = ?1 AND kind = 'stocktake' AND id IN (SELECT value FROM json_each(?2))`,
    JSON.stringify(input.sheetIds),
  );
  const issues = input.sheetIds.flatMap((sheetId, i) => {
    const sheet = sheets.find((s) => s.id === sheetId);
    if (!sheet || sheet.location_id !== input.locationId) return [{ path: ["sheetIds", i], message: "この店舗の棚卸表ではありません (not a count sheet of this store)" }];
    if (sheet.status !== "received") return [{ path: ["sheetIds", i], message: `提出済みです (already ${sheet.status})` }];
    return [];
  });
  if (issues.length) throw invalid("invalid stocktake", issues);
  // Counts per SKU over every area; compared later with the ledger as of the last sheet's arrival.
  const counts = new Map<string, number>();
  for (const sheet of sheets) {
    for (const line of (JSON.parse(sheet.body) as { lines: { skuId: string; counted: number }[] }).lines) {
      counts.set(line.skuId, (counts.get(line.skuId) ?? 0) + line.counted);
    }
  }
  const asOf = sheets.map((s) => s.received_at).sort().at(-1)!;
  const id = newId("stk");
  const at = nowIso();
  const result = await ctx.db.batch([
    ctx.db.stmt(
      `INSERT INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, body, occurred_at, received_at, submitted_at)
       VALUES (?2, ?1, ?3, ?4, 'stocktake_submission', ?2, 'submitted', ?5, ?6, ?6, ?6)`,
      id,
      input.locationId,
      ctx.actor.id,
      JSON.stringify({ sheetIds: input.sheetIds, asOf, counts: [...counts] }),
      at,
    ),
    ctx.db.stmt(
      `UPDATE store_documents SET status = 'submitted', reference_id = ?2, submitted_at = ?3
       WHERE merchant_id = ?1 AND kind = 'stocktake' AND status = 'received' AND id IN (SELECT value FROM json_each(?4))`,
      id,
      at,
      JSON.stringify(input.sheetIds),
    ),
  ]);
  if (result[1]!.meta.changes !== input.sheetIds.length) throw new ServiceError("CONFLICT", "a sheet changed meanwhile");
  return getDocument(ctx, id);
}

/**
 * The merchant approves a submitted stocktake: each counted SKU's on-hand is brought to the count,
 * as surplus (盘盈) or deficit (盘亏) movements. The difference is taken against the ledger as of the
 * moment the last sheet reached the hub, inside the statement, so sales made since are kept.
 */
export async function approveStocktake(ctx: ServiceContext, id: string) {
  const row = await load(ctx, id);
  if (row.kind !== "stocktake_submission") throw notFound("stocktake");
  if (row.status !== "submitted" && row.status !== "posted") throw new ServiceError("CONFLICT", `stocktake is ${row.status}`);
  const body = JSON.parse(row.body) as { sheetIds: string[]; asOf: string; counts: [string, number][] };
  const at = nowIso();
  // Approving again changes nothing: the movements are keyed by stocktake and SKU.
  if (row.status === "submitted") await ctx.db.batch([
    ctx.db.stmt(
      `INSERT OR IGNORE INTO stock_movements
         (merchant_id, sku_id, location_id, bucket, quantity, reason, source_type, source_id, idempotency_key, actor, created_at)
       SELECT ?1, d.sku, ?3, 'on_hand', d.diff, CASE WHEN d.diff > 0 THEN 'stocktake_surplus' ELSE 'stocktake_deficit' END,
              'store_document', ?2, 'doc:' || ?2 || ':' || d.sku, ?6, ?5
       FROM (SELECT c.value ->> 0 AS sku,
                    (c.value ->> 1) - COALESCE((SELECT SUM(m.quantity) FROM stock_movements m
                                                WHERE m.merchant_id = ?1 AND m.sku_id = c.value ->> 0 AND m.location_id = ?3
                                                  AND m.bucket = 'on_hand' AND m.created_at <= ?4), 0) AS diff
             FROM json_each(?7) c) d
       WHERE d.diff <> 0`,
      id,
      row.location_id,
      body.asOf,
      at,
      `${ctx.actor.kind}:${ctx.actor.id}`,
      JSON.stringify(body.counts),
    ),
    ctx.db.stmt(
      "UPDATE store_documents SET status = 'posted', approved_at = ?3, posted_at = ?3 WHERE merchant_id = ?1 AND (id = ?2 OR reference_id = ?2)",
      id,
      at,
    ),
  ]);
  if (row.status === "submitted") await stockChanged(ctx, body.counts.map(([sku]) => sku));
  // (meta.changes would also count the rows the ledger's triggers wrote)
  const adjusted = await ctx.db.first<{ n: number }>(
    "SELECT COUNT(*) AS n FROM stock_movements WHERE merchant_id = ?1 AND source_type = 'store_document' AND source_id = ?2",
    id,
  );
  return { ...(await getDocument(ctx, id)), adjusted: adjusted!.n };
}

/** The merchant sends a stocktake back: its sheets can be counted again and resubmitted. */
export async function rejectStocktake(ctx: ServiceContext, id: string) {
  const row = await load(ctx, id);
  if (row.kind !== "stocktake_submission") throw notFound("stocktake");
  if (row.status !== "submitted") throw new ServiceError("CONFLICT", `stocktake is ${row.status}`);
  await ctx.db.batch([
    ctx.db.stmt("UPDATE store_documents SET status = 'rejected' WHERE merchant_id = ?1 AND id = ?2", id),
    ctx.db.stmt("UPDATE store_documents SET status = 'received', reference_id = NULL, submitted_at = NULL WHERE merchant_id = ?1 AND reference_id = ?2 AND kind = 'stocktake'", id),
  ]);
  return getDocument(ctx, id);
}

/** A delivery the store is to receive (purchase, transfer, other in). */
export async function createInbound(
  ctx: ServiceContext,
  input: { locationId: string; kind: "purchase" | "transfer" | "other_in"; reference: string; lines: { skuId: string; quantity: number }[] },
) {
  const location = await ctx.db.first("SELECT id FROM locations WHERE merchant_id = ?1 AND id = ?2", input.locationId);
  if (!location) throw invalid("invalid inbound", [{ path: ["locationId"], message: "not found" }]);
  const known = await ctx.db.all<{ id: string }>(
    "SELECT id FROM skus WHERE +merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(input.lines.map((l) => l.skuId)),
  );
  const ids = new Set(known.map((k) => k.id));
  const issues = input.lines.flatMap((l, i) => (ids.has(l.skuId) ? [] : [{ path: ["lines", i, "skuId"], message: "not found" }]));
  if (issues.length) throw invalid("invalid inbound", issues);
  const id = newId("inb");
  const at = nowIso();
  await ctx.db.run(
    `INSERT INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, body, occurred_at, received_at)
     VALUES (?2, ?1, ?3, ?4, 'inbound', ?2, 'pending', ?5, ?6, ?6)`,
    id,
    input.locationId,
    ctx.actor.id,
    JSON.stringify({ kind: input.kind, reference: input.reference, lines: input.lines }),
    at,
  );
  return inboundView(await load(ctx, id));
}

const inboundView = (r: DocumentRow) => {
  const body = JSON.parse(r.body) as { kind: "purchase"; reference: string; lines: { skuId: string; quantity: number }[] };
  return { id: r.id, kind: body.kind, reference: body.reference, status: r.status as "pending", lines: body.lines, createdAt: r.received_at };
};

/** Deliveries waiting at a store, for its devices. */
export async function pendingInbound(ctx: ServiceContext, locationId: string) {
  const rows = await ctx.db.all<DocumentRow>(
    `SELECT ${COLUMNS} FROM store_documents WHERE merchant_id = ?1 AND location_id = ?2 AND kind = 'inbound' AND status = 'pending' ORDER BY received_at`,
    locationId,
  );
  return rows.map(inboundView);
}
