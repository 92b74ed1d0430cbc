/**
 * Benchmark 1 — order ingest with allocation, and the raw-insert floor it is held against.
 *
 * 10k orders × 3 lines over 10k SKUs (uniform random SKUs from a seeded PRNG, quantity 1–2, 10 in
 * stock per SKU at the warehouse, so most orders allocate), imported through the real service
 * `importOrders` in chunks of 500 orders (as a connector would call it), lines naming their SKU by
 * merchant code, into a fresh merchant. Then, in the same round, every row the ingest wrote
 * (counted from the database) is inserted again into shadow tables of the same DDL without
 * triggers, as fast as D1 allows. A round is ingest then raw insert; there are 3 rounds (each its
 * own merchant), so load from elsewhere on the machine hits both sides alike.
 * `ingest ratio` = median over rounds of (raw ms / ingest ms). Further lines break the time down.
 */
import { env } from "cloudflare:workers";
import { it } from "vitest";
import { newId, nowIso } from "../../worker/db/ids";
import { allocationMovements, sumDemand } from "../../worker/inventory/allocation";
import { movementStatements, type MovementInput } from "../../worker/inventory/ledger";
import { createChannel } from "../../worker/orders/channels";
import { importOrders, type ImportOrderInput } from "../../worker/orders/import";
import { orderTotals, type PricedLine } from "../../worker/orders/pricing";
import { allocationOutcomeStatement, orderInsertStatements, type NewOrder } from "../../worker/orders/write";
import { createShadows, insertStatements, LEDGER_TABLES, rawInsert, type RawTable } from "./raw-insert";
import { benchMerchant, createCatalogue, percentile, prng, report } from "./support";
import { timedContext, type TimedDb } from "./timed-db";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const ORDERS = knob("BENCH_ORDERS", 10_000);
const SKUS = knob("BENCH_SKUS", 10_000);
const CHUNK = knob("BENCH_CHUNK", 500);
const ROUNDS = knob("BENCH_ROUNDS", 3);
const LINES = 3;
const STOCK = 10;
const SEED = 20261126;

const code = (i: number) => `ING-${String(i).padStart(6, "0")}`;
const price = (i: number) => 1000 + (i % 50) * 10;
const round = (x: number) => Math.round(x);
const median = (xs: readonly number[]) => percentile([...xs].sort((a, b) => a - b), 50);

function makeOrders(channelId: string): ImportOrderInput[] {
  const rand = prng(SEED);
  const base = Date.parse("2026-11-01T00:00:00Z");
  const orders: ImportOrderInput[] = [];
  for (let n = 0; n < ORDERS; n++) {
    const lines = Array.from({ length: LINES }, () => {
      const s = Math.floor(rand() * SKUS);
      return { externalCode: code(s), name: `Product ${code(s)}`, quantity: 1 + Math.floor(rand() * 2), unitPrice: price(s), taxRate: 10 };
    });
    orders.push({
      channelId,
      externalId: `BO-${String(n).padStart(7, "0")}`,
      orderedAt: new Date(base + n * 1000).toISOString(),
      currency: "JPY",
      customerName: "山田 太郎",
      shippingAddress: "東京都千代田区千代田1-1",
      shippingFee: 0,
      adjustment: 0,
      note: "",
      lines,
    });
  }
  return orders;
}

/** A merchant with a mall channel and the catalogue in stock; returns its SKU IDs too. */
async function prepared(name: string) {
  const m = await benchMerchant(name);
  const channel = await createChannel(m.ctx, { code: "bench-mall", name: "Bench mall", kind: "mall", defaultLocationId: m.warehouseId, stockSource: "location" });
  const started = Date.now();
  const skuIds = await createCatalogue(m.ctx, { count: SKUS, code, stock: { locationIds: [m.warehouseId], quantity: () => STOCK } });
  return { m, channel, skuIds, setupMs: Date.now() - started };
}

const orderCols = ["id", "merchant_id", "channel_id", "location_id", "external_id", "status", "currency", "customer_name", "shipping_address", "subtotal", "tax", "shipping_fee", "adjustment", "total", "note", "ordered_at", "created_at", "updated_at"];
const lineCols = ["id", "merchant_id", "order_id", "line_no", "sku_id", "external_code", "name", "quantity", "unit_value", "unit_price", "amount", "tax_rate", "stock_quantity"];
const tagCols = ["merchant_id", "order_id", "tag", "kind"];
const movementCols = ["merchant_id", "sku_id", "location_id", "bucket", "quantity", "reason", "source_type", "source_id", "idempotency_key", "guard", "guard_scope", "guard_cap", "actor", "created_at"];
const levelCols = ["merchant_id", "sku_id", "location_id", "on_hand", "allocated", "held", "incoming", "updated_at"];
const changeCols = ["merchant_id", "entity", "entity_id", "created_at"];
const keyCols = ["merchant_id", "scope", "key", "request_hash", "status", "response", "created_at"];

/** Every row the ingest wrote for `merchantId`, read back from the database. */
async function writtenRows(merchantId: string, seqBefore: number): Promise<RawTable[]> {
  const db = env.DB;
  const raw = async (sql: string, ...params: unknown[]) => db.prepare(sql).bind(...params).raw<unknown[]>();
  const movementRows = await raw(`SELECT id, ${movementCols.join(", ")} FROM stock_movements WHERE merchant_id = ?1 AND source_type = 'order' ORDER BY id`, merchantId);
  return [
    { table: "orders", columns: orderCols, rows: await raw(`SELECT ${orderCols.join(", ")} FROM orders WHERE merchant_id = ?1 ORDER BY rowid`, merchantId) },
    { table: "order_lines", columns: lineCols, rows: await raw(`SELECT ${lineCols.join(", ")} FROM order_lines WHERE merchant_id = ?1 ORDER BY rowid`, merchantId) },
    { table: "order_tags", columns: tagCols, rows: await raw(`SELECT ${tagCols.join(", ")} FROM order_tags WHERE merchant_id = ?1`, merchantId) },
    { table: "stock_movements", columns: movementCols, rows: movementRows.map((r) => r.slice(1)) },
    // One row per level upsert the ledger trigger made (one per applied movement), under distinct keys.
    { table: "stock_levels", columns: levelCols, rows: movementRows.map((r) => [r[1], r[2], `${r[3] as string}#${r[0] as number}`, 0, r[5], 0, 0, r[14]]) },
    { table: "change_log", columns: changeCols, rows: await raw(`SELECT ${changeCols.join(", ")} FROM change_log WHERE merchant_id = ?1 AND seq > ?2 ORDER BY seq`, merchantId, seqBefore) },
    { table: "idempotency_keys", columns: keyCols, rows: await raw(`SELECT ${keyCols.join(", ")} FROM idempotency_keys WHERE merchant_id = ?1 AND scope = 'orders.import'`, merchantId) },
  ];
}

interface Round {
  n: number;
  merchantId: string;
  ingestMs: number;
  chunkMs: number[];
  setupMs: number;
  byStatus: Record<string, number>;
  created: number;
  timed: TimedDb;
  tables: RawTable[];
  totalRows: number;
  floor: Awaited<ReturnType<typeof rawInsert>>;
}

async function ingestRound(n: number): Promise<Round> {
  const db = env.DB;
  const { m, channel, setupMs } = await prepared(`ingest-${n}`);
  const orders = makeOrders(channel.id);
  const seqBefore = (await db.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM change_log").first<{ seq: number }>())!.seq;

  // ---- the ingest (timed) ----
  const timed = timedContext(m.ctx);
  const chunkMs: number[] = [];
  let created = 0;
  const started = Date.now();
  for (let i = 0; i < orders.length; i += CHUNK) {
    const t0 = Date.now();
    const out = await importOrders(timed.ctx, { idempotencyKey: `bench-ingest-${i / CHUNK}`, orders: orders.slice(i, i + CHUNK) });
    chunkMs.push(Date.now() - t0);
    created += out.result.created;
  }
  const ingestMs = Date.now() - started;
  const statuses = (
    await db.prepare("SELECT status, COUNT(*) AS n FROM orders WHERE merchant_id = ?1 GROUP BY status").bind(m.merchantId).all<{ status: string; n: number }>()
  ).results;

  // ---- the floor: the same rows into shadow tables of the same DDL, no triggers (timed) ----
  const tables = await writtenRows(m.merchantId, seqBefore);
  await createShadows("bsh_", LEDGER_TABLES);
  const floor = await rawInsert("bsh_", tables);
  const totalRows = tables.reduce((a, t) => a + t.rows.length, 0);
  report("ingest.round", { n, ingest_ms: ingestMs, raw_ms: floor.ms, ratio: (floor.ms / ingestMs).toFixed(2), rows: totalRows });
  return {
    n,
    merchantId: m.merchantId,
    ingestMs,
    chunkMs,
    setupMs,
    byStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
    created,
    timed: timed.db,
    tables,
    totalRows,
    floor,
  };
}

it(`order ingest with allocation: ${ORDERS} orders × ${LINES} lines over ${SKUS} SKUs, ${ROUNDS} rounds`, async () => {
  const db = env.DB;
  const rounds: Round[] = [];
  for (let n = 1; n <= ROUNDS; n++) rounds.push(await ingestRound(n));

  // Headline: the round with the median ingest time; the ratio is the median of the rounds' ratios.
  const byIngest = [...rounds].sort((a, b) => a.ingestMs - b.ingestMs);
  const r = byIngest[Math.floor((byIngest.length - 1) / 2)]!;
  const ratios = rounds.map((x) => x.floor.ms / x.ingestMs);
  const sortedChunks = [...r.chunkMs].sort((a, b) => a - b);
  report("ingest", {
    orders: ORDERS,
    lines: ORDERS * LINES,
    skus: SKUS,
    chunk: CHUNK,
    created: r.created,
    ms: r.ingestMs,
    "orders/s": round((ORDERS / r.ingestMs) * 1000),
    "lines/s": round(((ORDERS * LINES) / r.ingestMs) * 1000),
    allocated: r.byStatus.allocated ?? 0,
    awaiting_allocation: r.byStatus.awaiting_allocation ?? 0,
    other: ORDERS - (r.byStatus.allocated ?? 0) - (r.byStatus.awaiting_allocation ?? 0),
    rounds: rounds.length,
    ms_min: byIngest[0]!.ingestMs,
    ms_max: byIngest[byIngest.length - 1]!.ingestMs,
    setup_ms: r.setupMs,
  });
  report("ingest.chunks", {
    calls: r.chunkMs.length,
    first_ms: r.chunkMs[0]!,
    p50_ms: percentile(sortedChunks, 50),
    max_ms: sortedChunks[sortedChunks.length - 1]!,
    last_ms: r.chunkMs[r.chunkMs.length - 1]!,
  });
  // Other tables the ingest could write (none for a merchant without connections or status actions).
  const others = (await db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM stock_push_pending WHERE merchant_id = ?1) AS push_pending,
              (SELECT COUNT(*) FROM sync_runs WHERE merchant_id = ?1) AS sync_runs`,
    )
    .bind(r.merchantId)
    .first<{ push_pending: number; sync_runs: number }>())!;
  report("ingest.rows", {
    ...Object.fromEntries(r.tables.map((t) => [t.table === "stock_levels" ? "stock_levels_upserts" : t.table, t.rows.length])),
    total: r.totalRows,
    not_counted_push_pending: others.push_pending,
    not_counted_sync_runs: others.sync_runs,
  });
  const rawMs = rounds.map((x) => x.floor.ms);
  report("ingest.raw", {
    ms: median(rawMs),
    ms_min: Math.min(...rawMs),
    ms_max: Math.max(...rawMs),
    "rows/s": round((r.totalRows / median(rawMs)) * 1000),
    statements: r.floor.perTable.reduce((a, t) => a + t.statements, 0),
    ...Object.fromEntries(r.floor.perTable.map((t) => [`${t.table}_ms`, t.ms])),
    build_ms: r.floor.perTable.reduce((a, t) => a + t.buildMs, 0),
  });
  console.log(`ingest ratio ${median(ratios).toFixed(2)}`);
  report("ingest.ratio", { median: median(ratios).toFixed(2), min: Math.min(...ratios).toFixed(2), max: Math.max(...ratios).toFixed(2), rounds: rounds.map((x) => (x.floor.ms / x.ingestMs).toFixed(2)).join("/") });

  // For reference: bare shadows (no keys, no indexes, no constraints) — what the indexes cost.
  await createShadows("bbr_", LEDGER_TABLES, { bare: true });
  const bare = await rawInsert("bbr_", r.tables);
  report("ingest.raw-bare", { ms: bare.ms, "rows/s": round((r.totalRows / bare.ms) * 1000), ratio: (bare.ms / r.ingestMs).toFixed(2) });

  // ---- where the ingest's time goes (the median round, through the timed MerchantDb) ----
  const t = r.timed;
  const readMs = t.readMs();
  report("ingest.breakdown", {
    total_ms: r.ingestMs,
    write_batch_ms: round(t.batches.ms),
    batch_statements: t.batches.statements,
    reads_ms: round(readMs),
    reads: [...t.reads.values()].reduce((a, x) => a + x.calls, 0),
    prepare_bind_ms: round(t.prepare.ms),
    other_js_ms: round(r.ingestMs - t.batches.ms - readMs - t.prepare.ms),
  });
  for (const [label, x] of [...t.reads.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 9)) {
    console.log(`  read ${round(x.ms)} ms in ${x.calls} calls: ${label}`);
  }

  // (a) The write batch taken apart, on the real tables and triggers: one more merchant with the
  // same catalogue and stock takes the same orders; per chunk, the statements importOrders builds
  // (orderInsertStatements, movementStatements, allocationOutcomeStatement) are built (timed) and
  // run as three batches (each timed) instead of one.
  const { m: m2, channel: channel2, skuIds: skuIds2 } = await prepared("ingest-parts");
  const orders = makeOrders(channel2.id);
  const skuByCode = new Map(skuIds2.map((id, i) => [code(i), id]));
  const parts = { build: 0, orders: 0, movements: 0, fixup: 0, statements: 0 };
  for (let i = 0; i < orders.length; i += CHUNK) {
    const at = nowIso();
    const t0 = performance.now();
    const fresh: NewOrder[] = orders.slice(i, i + CHUNK).map((o) => {
      const lines: PricedLine[] = o.lines.map((l) => ({
        skuId: skuByCode.get(l.externalCode)!,
        externalCode: l.externalCode,
        name: l.name,
        quantity: l.quantity,
        unitValue: null,
        unitPrice: l.unitPrice,
        amount: l.unitPrice * l.quantity,
        taxRate: l.taxRate,
        stockQuantity: l.quantity,
      }));
      return {
        id: newId("ord"),
        channelId: channel2.id,
        locationId: m2.warehouseId,
        externalId: o.externalId,
        status: "allocated",
        currency: o.currency,
        customerName: o.customerName,
        shippingAddress: o.shippingAddress,
        shippingFee: o.shippingFee,
        adjustment: o.adjustment,
        note: o.note,
        orderedAt: o.orderedAt,
        totals: orderTotals(lines, "inclusive", o.currency, o.shippingFee, o.adjustment),
        lines,
        tags: [],
      };
    });
    const movements: MovementInput[] = fresh.flatMap((o) => allocationMovements(o.id, o.locationId, sumDemand(o.lines), 1, { scope: "location", caps: null }));
    const orderStatements = orderInsertStatements(m2.ctx.db, fresh, at);
    const ledgerStatements = movementStatements(m2.ctx.db, movements, at, "system:bench");
    const fixup = allocationOutcomeStatement(m2.ctx.db, fresh.map((o) => o.id), at);
    const t1 = performance.now();
    await m2.ctx.db.batch(orderStatements);
    const t2 = performance.now();
    await m2.ctx.db.batch(ledgerStatements);
    const t3 = performance.now();
    await m2.ctx.db.batch([fixup]);
    const t4 = performance.now();
    parts.build += t1 - t0;
    parts.orders += t2 - t1;
    parts.movements += t3 - t2;
    parts.fixup += t4 - t3;
    parts.statements += orderStatements.length + ledgerStatements.length + 1;
  }
  const statuses2 = (
    await db.prepare("SELECT status, COUNT(*) AS n FROM orders WHERE merchant_id = ?1 GROUP BY status").bind(m2.merchantId).all<{ status: string; n: number }>()
  ).results;
  const sameOutcome = statuses2.every((s) => r.byStatus[s.status] === s.n) && statuses2.length === Object.keys(r.byStatus).length;
  report("ingest.parts", {
    build_statements_ms: round(parts.build),
    orders_lines_changelog_batch_ms: round(parts.orders),
    movements_batch_ms: round(parts.movements),
    fixup_update_ms: round(parts.fixup),
    parts_sum_ms: round(parts.build + parts.orders + parts.movements + parts.fixup),
    statements: parts.statements,
    same_outcome: sameOutcome,
  });

  // (b) The ledger triggers: the median round's movements into shadows that carry the real triggers,
  // with that merchant's levels as they were before its ingest; compare with the plain insert of the
  // same rows.
  await createShadows("btr_", ["stock_movements", "stock_levels", "change_log"], { triggers: true });
  await db
    .prepare(
      `INSERT INTO btr_stock_levels (merchant_id, sku_id, location_id, on_hand, allocated, held, incoming, updated_at)
       SELECT merchant_id, sku_id, location_id, on_hand, 0, 0, 0, updated_at FROM stock_levels WHERE merchant_id = ?1`,
    )
    .bind(r.merchantId)
    .run();
  const movementTable = r.tables.find((x) => x.table === "stock_movements")!;
  const t0 = performance.now();
  const triggerStatements = insertStatements("btr_stock_movements", movementTable.columns, movementTable.rows, { verb: "INSERT OR IGNORE" });
  for (let i = 0; i < triggerStatements.length; i += 1000) await db.batch(triggerStatements.slice(i, i + 1000));
  const withTriggersMs = performance.now() - t0;
  const applied = (await db.prepare("SELECT COUNT(*) AS n FROM btr_stock_movements").first<{ n: number }>())!.n;
  const plain = (name: string) => r.floor.perTable.find((x) => x.table === name)!.ms;
  report("ingest.triggers", {
    movements_into_shadow_with_triggers_ms: round(withTriggersMs),
    applied,
    of: movementTable.rows.length,
    movements_into_shadow_plain_ms: plain("stock_movements"),
    levels_plain_ms: plain("stock_levels"),
  });

  // (c) Statement shape of the ledger insert, on the real table and triggers: the same kind of
  // allocation movements (guard 1, ~1,500 per batch like a 500-order chunk) written three ways, the
  // shape rotating per batch so drift hits all three alike:
  //   ledger   — movementStatements as is (11 bound values per row → 8 rows per statement);
  //   shared   — values equal in every row of the batch bound once (here → 29 rows per statement);
  //   json     — one statement per batch slice, rows passed as one JSON parameter (INSERT … SELECT FROM json_each).
  // Fresh merchant, then 10,000 more on hand per SKU so the guards pass as in the ingest.
  const { m: m3, skuIds: skuIds3 } = await prepared("ingest-shapes");
  await db.batch(
    movementStatements(
      m3.ctx.db,
      skuIds3.map((skuId) => ({ skuId, locationId: m3.warehouseId, bucket: "on_hand" as const, quantity: 10_000, reason: "receipt", sourceType: "adjustment", sourceId: "bench", key: `bench-more:${skuId}` })),
      nowIso(),
      "system:bench",
    ),
  );
  const shapes = { ledger: { ms: 0, rows: 0, statements: 0 }, shared: { ms: 0, rows: 0, statements: 0 }, json: { ms: 0, rows: 0, statements: 0 } };
  const shapeRand = prng(SEED + 1);
  const BATCH = 1500;
  const TOTAL = 3 * ORDERS * LINES;
  for (let k = 0; k * BATCH < TOTAL; k++) {
    const shape = (["ledger", "shared", "json"] as const)[k % 3]!;
    const at = nowIso();
    const movements: MovementInput[] = Array.from({ length: BATCH }, (_, i) => {
      const skuId = skuIds3[Math.floor(shapeRand() * skuIds3.length)]!;
      const orderId = `ord_shape_${k}_${Math.floor(i / 3)}`;
      return { skuId, locationId: m3.warehouseId, bucket: "allocated", quantity: 1, reason: "allocate", sourceType: "order", sourceId: orderId, key: `alloc:${orderId}:${skuId}:${i}`, guard: 1, guardScope: "location", guardCap: null };
    });
    const t0 = performance.now();
    let statements: D1PreparedStatement[];
    if (shape === "ledger") statements = movementStatements(m3.ctx.db, movements, at, "system:bench");
    else if (shape === "shared") {
      const rows = movements.map((x) => [m3.merchantId, x.skuId, x.locationId, x.bucket, x.quantity, x.reason, x.sourceType, x.sourceId, x.key, x.guard, x.guardScope, x.guardCap, "system:bench", at]);
      statements = insertStatements("stock_movements", movementCols, rows, { verb: "INSERT OR IGNORE" });
    } else {
      statements = [];
      for (let i = 0; i < movements.length; i += 500) {
        const slice = movements.slice(i, i + 500).map((x) => [x.skuId, x.locationId, x.bucket, x.quantity, x.reason, x.sourceType, x.sourceId, x.key, x.guard, x.guardScope, x.guardCap]);
        statements.push(
          m3.ctx.db.stmt(
            `INSERT OR IGNORE INTO stock_movements (merchant_id, sku_id, location_id, bucket, quantity, reason, source_type, source_id,
               idempotency_key, guard, guard_scope, guard_cap, actor, created_at)
             SELECT ?1, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4, j.value->>5, j.value->>6, j.value->>7,
                    j.value->>8, j.value->>9, j.value->>10, ?2, ?3
             FROM json_each(?4) j`,
            "system:bench",
            at,
            JSON.stringify(slice),
          ),
        );
      }
    }
    await db.batch(statements);
    shapes[shape].ms += performance.now() - t0;
    shapes[shape].rows += movements.length;
    shapes[shape].statements += statements.length;
  }
  const applied3 = (await db.prepare("SELECT COUNT(*) AS n FROM stock_movements WHERE merchant_id = ?1 AND bucket = 'allocated'").bind(m3.merchantId).first<{ n: number }>())!.n;
  report("ingest.movement-shapes", {
    rows_each: shapes.ledger.rows,
    ledger_ms: round(shapes.ledger.ms),
    ledger_statements: shapes.ledger.statements,
    shared_ms: round(shapes.shared.ms),
    shared_statements: shapes.shared.statements,
    json_each_ms: round(shapes.json.ms),
    json_each_statements: shapes.json.statements,
    applied: applied3,
  });
});
