/**
 * ③ 出荷確定でネクストエンジンの在庫をマイナスする / ④ 入荷確定でネクストエンジンの在庫をプラスする.
 * The link follows Renkei's stock ledger by a cursor: on-hand movements at the locations ticked in
 * 拠点設定 — 'receipt' (④) and 'ship' of orders that did not come from this link (③; NextEngine
 * takes its own orders' stock at /shipped) — become one CSV of zaiko_su deltas per upload.
 *
 * zaiko_su adds or subtracts, so an upload must never count twice:
 *  - each upload is a row carrying the ledger range it covers; the row and the cursor move in one
 *    batch, guarded by the cursor's old value, so a range is taken by exactly one upload;
 *  - one upload at a time per link (a unique index over unsettled rows); the next waits until the
 *    upload queue says the last one is done or failed;
 *  - an upload whose answer was lost (no que_id) is reconciled before anything is resent: a new
 *    entry in the upload queue is adopted as ours; with none, master_stock decides — unchanged
 *    since just before sending means it was not taken (resend), changed by exactly our deltas
 *    means it was applied, anything else is held for the merchant ('review'), never guessed.
 *
 * Each line goes out under NextEngine's own 商品コード (upload-codes.ts: exact, or under ⑥ the one
 * code equal but for case); a SKU NextEngine does not have is left out and kept on the upload as
 * skipped with the reason, so it never sinks the other lines (NextEngine applies a file all or
 * nothing). An upload NextEngine refuses as a whole ('failed') is counted on the run ('refused') and
 * can be resent by the merchant once the cause is fixed (resolveUpload), its codes looked up again.
 */
import type { ConnectionRecord } from "../../connections/connections";
import { readCursor } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { newId, nowIso } from "../../db/ids";
import { invalid, notFound, ServiceError } from "../../errors";
import { registerJob } from "../../sync/jobs";
import { enqueueCoalesced } from "../../sync/stock-push";
import { TransientError } from "../../sync/messages";
import type { NextEngineClient } from "./client";
import { NextEngineApiError, NextEngineInputError, UploadOutcomeUnknownError } from "./errors";
import { withLink, type NextEngineLink } from "./link";
import type { NextEngineSettings } from "./settings";
import { resolveUploadCodes, type SkippedLine, type SkuDelta, type UploadLine } from "./upload-codes";

export const STOCK_UPLOAD_JOB = "nextengine.upload-stock";
export const MOVEMENT_CURSOR = "nextengine.movements";
/** Movements read per upload (one CSV). */
const MOVEMENTS_PER_UPLOAD = 2000;
/** How long to wait before asking the upload queue again, in seconds. */
const QUE_POLL_SECONDS = 10;

/** skipped: every line was left out, nothing sent; discarded: closed unsent after review. */
type UploadStatus = "sending" | "unknown" | "queued" | "applied" | "failed" | "review" | "skipped" | "discarded";

/** A line as stored: rows written before NextEngine's codes were looked up carry Renkei's code as goodsId only. */
type StoredLine = Pick<UploadLine, "goodsId" | "delta"> & Partial<Pick<UploadLine, "code" | "skuId">>;

interface UploadRow {
  id: string;
  lines: string;
  skipped: string;
  stock_before: string | null;
  que_high_water: number;
  status: UploadStatus;
  que_id: string | null;
  attempts: number;
}

interface Upload {
  id: string;
  lines: StoredLine[];
  skipped: SkippedLine[];
  before: Record<string, number>;
  queHighWater: number;
  status: UploadStatus;
  queId: string | null;
  attempts: number;
}

const toUpload = (r: UploadRow): Upload => ({
  id: r.id,
  lines: JSON.parse(r.lines) as StoredLine[],
  skipped: JSON.parse(r.skipped) as SkippedLine[],
  before: r.stock_before ? (JSON.parse(r.stock_before) as Record<string, number>) : {},
  queHighWater: r.que_high_water,
  status: r.status,
  queId: r.que_id,
  attempts: r.attempts,
});

export interface UploadCounts {
  settled: number;
  sent: number;
  lines: number;
  review: number;
  /** uploads NextEngine refused as a whole (status 'failed'): shown on the run, resent by the merchant */
  refused: number;
  /** lines left out because NextEngine has no such 商品コード (or only ambiguously) */
  skippedLines: number;
}

const UPLOAD_COLUMNS = "id, lines, skipped, stock_before, que_high_water, status, que_id, attempts";

export async function syncStockToNextEngine(ctx: ServiceContext, link: NextEngineLink): Promise<UploadCounts> {
  const counts: UploadCounts = { settled: 0, sent: 0, lines: 0, review: 0, refused: 0, skippedLines: 0 };
  const open = await ctx.db.first<UploadRow>(
    `SELECT ${UPLOAD_COLUMNS} FROM nextengine_stock_uploads
     WHERE merchant_id = ?1 AND connection_id = ?2 AND status IN ('sending', 'unknown', 'queued')`,
    link.connection.id,
  );
  if (open) {
    const status = await settle(ctx, link.client, toUpload(open));
    if (status === "review") counts.review++;
    if (status === "failed") counts.refused++;
    if (status !== "applied" && status !== "failed" && status !== "review") {
      throw new TransientError(`NextEngine upload ${open.id} is ${status}; the next waits for it`, QUE_POLL_SECONDS);
    }
    counts.settled++;
  }
  const next = await takeNextUpload(ctx, link);
  if (!next) return counts;
  counts.skippedLines += next.skipped.length;
  if (next.status === "skipped") return counts;
  counts.lines += next.lines.length;
  const status = await send(ctx, link.client, next);
  counts.sent++;
  if (status === "failed") counts.refused++;
  if (status === "sending" || status === "unknown" || status === "queued") {
    // asked again shortly; nothing else is sent meanwhile
    throw new TransientError(`NextEngine upload ${next.id} is ${status}`, QUE_POLL_SECONDS);
  }
  return counts;
}

/** The ledger since the cursor, as one upload row (cursor moved in the same batch), or null. */
async function takeNextUpload(ctx: ServiceContext, link: NextEngineLink): Promise<Upload | null> {
  const { connection, settings } = link;
  const saved = await readCursor(ctx, connection.id, MOVEMENT_CURSOR);
  if (saved === null) return null;
  const cursor = { value: saved };
  const from = Number(cursor.value);
  const high = (await ctx.db.first<{ id: number | null }>("SELECT MAX(id) AS id FROM stock_movements WHERE merchant_id = ?1", ))?.id ?? from;
  if (high <= from) return null;
  const rows = await ctx.db.all<{ id: number; sku_id: string; code: string; quantity: number }>(
    `SELECT m.id, m.sku_id, s.code, m.quantity FROM stock_movements m JOIN skus s ON s.id = m.sku_id
     WHERE m.merchant_id = ?1 AND m.id > ?2 AND m.id <= ?3 AND m.bucket = 'on_hand'
       AND m.location_id IN (SELECT value FROM json_each(?4))
       AND ((?5 AND m.reason = 'receipt' AND m.quantity > 0)
         OR (?6 AND m.reason = 'ship' AND NOT (m.source_type = 'order' AND EXISTS (
               SELECT 1 FROM external_links el WHERE el.connection_id = ?7 AND el.entity = 'order' AND el.renkei_id = m.source_id))))
     ORDER BY m.id LIMIT ?8`,
    from,
    high,
    JSON.stringify(settings.syncedLocationIds),
    settings.addStockOnReceipt ? 1 : 0,
    settings.subtractStockOnShipment && settings.markShipped ? 1 : 0,
    connection.id,
    MOVEMENTS_PER_UPLOAD,
  );
  const to = rows.length === MOVEMENTS_PER_UPLOAD ? rows.at(-1)!.id : high;
  const sums = new Map<string, SkuDelta>();
  for (const r of rows) {
    const sum = sums.get(r.sku_id) ?? { skuId: r.sku_id, code: r.code, delta: 0 };
    sum.delta += r.quantity;
    sums.set(r.sku_id, sum);
  }
  const deltas = [...sums.values()].filter((d) => d.delta !== 0);
  const moveCursor = ctx.db.stmt(
    `UPDATE connection_cursors SET value = ?4, updated_at = ?5
     WHERE connection_id = ?2 AND name = ?3 AND value = ?6 AND EXISTS (SELECT 1 FROM connections WHERE merchant_id = ?1 AND id = ?2)`,
    connection.id,
    MOVEMENT_CURSOR,
    String(to),
    nowIso(),
    cursor.value,
  );
  if (!deltas.length) {
    await moveCursor.run();
    return null;
  }
  // NextEngine's codes, and its stock just before sending (the reconciliation's snapshot), in one lookup
  const { lines, skipped, stock: before } = await resolveUploadCodes(ctx, link.client, deltas, settings.caseInsensitiveCodes);
  const status: UploadStatus = lines.length ? "sending" : "skipped";
  // NextEngine's queue as it stands before sending, not only our own uploads: the merchant's and other
  // apps' uploads land there too, and a lost answer must never adopt one of theirs as ours.
  const queHighWater = lines.length ? await queHighWaterOf(link.client, await highestQue(ctx, connection.id)) : 0;
  const id = newId("neu");
  const at = nowIso();
  // The row is written only while the cursor still reads `from`: two runs never take one range.
  const [inserted] = await ctx.db.batch([
    ctx.db.stmt(
      `INSERT INTO nextengine_stock_uploads (id, merchant_id, connection_id, from_movement, to_movement, lines, skipped, stock_before, que_high_water, status, created_at, updated_at)
       SELECT ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11
       WHERE (SELECT value FROM connection_cursors WHERE connection_id = ?3 AND name = ?12) = ?13`,
      id,
      connection.id,
      from,
      to,
      JSON.stringify(lines),
      JSON.stringify(skipped),
      JSON.stringify(before),
      queHighWater,
      status,
      at,
      MOVEMENT_CURSOR,
      cursor.value,
    ),
    moveCursor,
  ]);
  if (!inserted!.meta.changes) return null; // another run took this range
  return { id, lines, skipped, before, queHighWater, status, queId: null, attempts: 0 };
}

async function highestQue(ctx: ServiceContext, connectionId: string): Promise<number> {
  const row = await ctx.db.first<{ n: number | null }>(
    "SELECT MAX(CAST(que_id AS INTEGER)) AS n FROM nextengine_stock_uploads WHERE merchant_id = ?1 AND connection_id = ?2 AND que_id IS NOT NULL",
    connectionId,
  );
  return row?.n ?? 0;
}

/** The highest que_id in NextEngine's upload queue (any uploader's), at least `floor`. */
async function queHighWaterOf(client: NextEngineClient, floor: number): Promise<number> {
  const ques = await client.search("api_v1_system_que", { fields: ["que_id"], where: { "que_id-gt": floor } });
  return Math.max(floor, ...ques.map((q) => Number(q.que_id ?? 0)));
}

async function masterStock(client: NextEngineClient, codes: string[]): Promise<Record<string, number>> {
  const rows = await client.searchStock({ fields: ["stock_goods_id", "stock_quantity"], where: { "stock_goods_id-in": codes } });
  return Object.fromEntries(rows.map((r) => [r.stock_goods_id ?? "", Number(r.stock_quantity ?? 0)]));
}

async function setStatus(ctx: ServiceContext, upload: Upload, status: UploadStatus, detail: { queId?: string | null; queMessage?: string | null; error?: string | null; attempt?: boolean } = {}) {
  upload.status = status;
  if (detail.queId !== undefined) upload.queId = detail.queId;
  await ctx.db.run(
    `UPDATE nextengine_stock_uploads SET status = ?3, que_id = COALESCE(?4, que_id), que_message = COALESCE(?5, que_message), error = ?6,
       attempts = attempts + ?7, updated_at = ?8
     WHERE merchant_id = ?1 AND id = ?2`,
    upload.id,
    status,
    detail.queId ?? null,
    detail.queMessage ?? null,
    detail.error ?? null,
    detail.attempt ? 1 : 0,
    nowIso(),
  );
  return status;
}

/** Sends the CSV; answers the upload's status after the answer (and one look at the queue). */
async function send(ctx: ServiceContext, client: NextEngineClient, upload: Upload): Promise<UploadStatus> {
  let queId: string;
  try {
    ({ queId } = await client.uploadStock(upload.lines));
  } catch (error) {
    if (error instanceof UploadOutcomeUnknownError) return setStatus(ctx, upload, "unknown", { error: error.message, attempt: true });
    if (error instanceof NextEngineApiError || error instanceof NextEngineInputError) return setStatus(ctx, upload, "failed", { error: error.message, attempt: true });
    // overload: NextEngine did not take it; still 'sending', reconciled like a lost answer before any resend
    await setStatus(ctx, upload, "sending", { error: error instanceof Error ? error.message : String(error), attempt: true });
    throw error;
  }
  await setStatus(ctx, upload, "queued", { queId, attempt: true });
  return poll(ctx, client, upload);
}

async function poll(ctx: ServiceContext, client: NextEngineClient, upload: Upload): Promise<UploadStatus> {
  const que = await client.queStatus(upload.queId!);
  if (que.state === "completed") return setStatus(ctx, upload, "applied", { queMessage: que.message });
  if (que.state === "failed") return setStatus(ctx, upload, "failed", { queMessage: que.message, error: que.message });
  return upload.status;
}

/** An unsettled upload: poll its que, or reconcile one whose answer was lost, then maybe resend. */
async function settle(ctx: ServiceContext, client: NextEngineClient, upload: Upload): Promise<UploadStatus> {
  if (upload.status === "queued") return poll(ctx, client, upload);
  const ques = await client.search("api_v1_system_que", { fields: ["que_id", "que_status_id"], where: { "que_id-gt": upload.queHighWater } });
  if (ques.length === 1) {
    // one new entry since just before we sent, and we send one at a time: ours
    await setStatus(ctx, upload, "queued", { queId: ques[0]!.que_id });
    return poll(ctx, client, upload);
  }
  const now = await masterStock(client, upload.lines.map((l) => l.goodsId));
  const unchanged = upload.lines.every((l) => now[l.goodsId] === upload.before[l.goodsId]);
  const applied = upload.lines.every((l) => now[l.goodsId] === (upload.before[l.goodsId] ?? 0) + l.delta);
  if (ques.length === 0 && unchanged) return send(ctx, client, upload);
  if (applied) return setStatus(ctx, upload, "applied", { error: "応答が失われましたが、在庫数から反映済みと確認しました (answer lost; master_stock shows it applied)" });
  return setStatus(ctx, upload, "review", {
    error: `応答が失われ、反映されたか判断できません。ネクストエンジンの在庫をご確認ください (answer lost and master_stock cannot tell; check NextEngine's stock) — ${ques.length} new que, stock ${JSON.stringify(now)}`,
  });
}

/**
 * Runs the upload job now rather than at the next schedule, when ③ or ④ could have something to
 * send. Coalesced: a burst of shipments queues one run, which takes every movement since the cursor.
 */
export async function wakeStockUpload(ctx: ServiceContext, connection: ConnectionRecord) {
  const s = connection.settings as Partial<NextEngineSettings>;
  if (connection.status !== "started" || !s.syncedLocationIds?.length) return;
  if (!(s.subtractStockOnShipment && s.markShipped) && !s.addStockOnReceipt) return;
  await enqueueCoalesced(ctx, connection.id, STOCK_UPLOAD_JOB);
}

export type ReviewDecision = "applied" | "resend" | "discard";

/** What the merchant may do with an upload in each state: nothing of a failed or skipped one reached NextEngine. */
const DECISIONS: Partial<Record<UploadStatus, readonly ReviewDecision[]>> = {
  review: ["applied", "resend", "discard"],
  failed: ["resend"],
  skipped: ["resend"],
  // only its skipped lines (resendSkippedLines): the others reached NextEngine
  applied: ["resend"],
};

const IN_FLIGHT = "別のアップロードが処理中です。完了してから再送してください (another upload is in flight; resend when it is done)";
const ALREADY_RESENT = "このアップロードはすでに再送されています (this upload is already being resent)";

/**
 * The merchant's answer to an upload, from the link's uploads list.
 * Held for review, after looking at NextEngine's stock: 'applied' — the deltas are there, close it;
 * 'discard' — they are not and must not be (fixed by hand), close it; 'resend' — they are not.
 * Refused by NextEngine as a whole ('failed', all or nothing) or with every line skipped: 'resend'
 * once the cause is fixed (the goods registered in NextEngine, the code corrected, ⑥ turned on).
 * Applied with some lines skipped: 'resend' sends those lines, as an upload of their own.
 * A resend looks NextEngine's codes up again and takes a fresh master_stock snapshot, so the
 * reconciliation rules still hold. It is sent once: the row moves from the state it was read in (a
 * second click finds it moved and is refused), and it waits its turn — refused while another upload
 * of the link is open.
 */
export async function resolveUpload(ctx: ServiceContext, link: NextEngineLink, uploadId: string, decision: ReviewDecision) {
  const row = await ctx.db.first<UploadRow>(
    `SELECT ${UPLOAD_COLUMNS} FROM nextengine_stock_uploads WHERE merchant_id = ?1 AND connection_id = ?2 AND id = ?3`,
    link.connection.id,
    uploadId,
  );
  if (!row) throw notFound("upload");
  const upload = toUpload(row);
  const allowed = DECISIONS[row.status]?.includes(decision) && !(row.status === "applied" && !upload.skipped.length);
  if (!allowed) {
    const message =
      decision === "resend"
        ? "再送できるのは確認待ち・失敗・スキップした行のあるアップロードです (only an upload in review, refused, or with skipped lines can be resent)"
        : "確認待ちのアップロードではありません (this upload is not waiting for review)";
    throw invalid("cannot resolve", [{ path: ["uploadId"], message }]);
  }
  const note = { applied: "ご確認により反映済みとしました (marked applied after review)", discard: "ご確認により送信しないで閉じました (closed unsent after review)" };
  if (decision !== "resend") await setStatus(ctx, upload, decision === "applied" ? "applied" : "discarded", { error: note[decision] });
  else if (upload.status === "applied") await resendSkippedLines(ctx, link, upload, row.skipped);
  else await resendUpload(ctx, link, upload);
}

/** Snapshot and que high-water for a resend: what reconciliation compares against if its answer is lost. */
async function freshResend(ctx: ServiceContext, link: NextEngineLink, stored: readonly (StoredLine | SkippedLine)[], queHighWater: number) {
  const skus = await currentSkus(ctx, stored);
  const resolved = await resolveUploadCodes(ctx, link.client, skus.found, link.settings.caseInsensitiveCodes);
  const highWater = await queHighWaterOf(link.client, queHighWater);
  return { ...resolved, skipped: [...resolved.skipped, ...skus.missing], highWater };
}

/** The whole upload again (nothing of it reached NextEngine), lines and skipped lines alike, in its own row. */
async function resendUpload(ctx: ServiceContext, link: NextEngineLink, upload: Upload) {
  const { lines, skipped, stock, highWater } = await freshResend(ctx, link, [...upload.lines, ...upload.skipped], upload.queHighWater);
  let moved: D1Result;
  try {
    moved = await ctx.db.run(
      `UPDATE nextengine_stock_uploads SET status = ?3, lines = ?4, skipped = ?5, stock_before = ?6, que_high_water = ?7, que_id = NULL, que_message = NULL, error = NULL, updated_at = ?8
       WHERE merchant_id = ?1 AND id = ?2 AND status = ?9`,
      upload.id,
      lines.length ? "sending" : "skipped",
      JSON.stringify(lines),
      JSON.stringify(skipped),
      JSON.stringify(stock),
      highWater,
      nowIso(),
      upload.status,
    );
  } catch (error) {
    if (/UNIQUE/i.test(String(error))) throw new ServiceError("CONFLICT", IN_FLIGHT);
    throw error;
  }
  if (!moved.meta.changes) throw new ServiceError("CONFLICT", ALREADY_RESENT);
  if (lines.length) await enqueueCoalesced(ctx, link.connection.id, STOCK_UPLOAD_JOB);
}

/**
 * An applied upload's skipped lines, once NextEngine has their goods: a new upload of those lines.
 * The new row and the emptied skipped list are one batch guarded by the list as it was read, so two
 * clicks make one upload (`was`: the list exactly as stored). Lines still not found refuse the
 * request, each named, and nothing is written.
 */
async function resendSkippedLines(ctx: ServiceContext, link: NextEngineLink, upload: Upload, was: string) {
  const { lines, skipped, stock, highWater } = await freshResend(ctx, link, upload.skipped, upload.queHighWater);
  if (skipped.length) {
    throw invalid(
      "still not in NextEngine",
      skipped.map((l) => ({ path: ["skipped", upload.skipped.findIndex((s) => s.code === l.code || s.skuId === l.skuId)], message: `${l.code}: ${l.reason}` })),
    );
  }
  const id = newId("neu");
  const at = nowIso();
  const guard = "(SELECT skipped FROM nextengine_stock_uploads WHERE merchant_id = ?1 AND id = ?2) = ?3";
  let inserted: D1Result;
  try {
    [inserted] = await ctx.db.batch([
      ctx.db.stmt(
        `INSERT INTO nextengine_stock_uploads (id, merchant_id, connection_id, from_movement, to_movement, lines, skipped, stock_before, que_high_water, status, created_at, updated_at)
         SELECT ?4, merchant_id, connection_id, from_movement, to_movement, ?5, '[]', ?6, ?7, 'sending', ?8, ?8 FROM nextengine_stock_uploads
         WHERE merchant_id = ?1 AND id = ?2 AND ${guard}`,
        upload.id,
        was,
        id,
        JSON.stringify(lines),
        JSON.stringify(stock),
        highWater,
        at,
      ),
      ctx.db.stmt(
        `UPDATE nextengine_stock_uploads SET skipped = '[]', error = ?4, updated_at = ?5 WHERE merchant_id = ?1 AND id = ?2 AND ${guard}`,
        upload.id,
        was,
        `スキップした行は別のアップロードで再送しました (skipped lines resent as upload ${id})`,
        at,
      ),
    ]) as [D1Result, D1Result];
  } catch (error) {
    if (/UNIQUE/i.test(String(error))) throw new ServiceError("CONFLICT", IN_FLIGHT);
    throw error;
  }
  if (!inserted.meta.changes) throw new ServiceError("CONFLICT", ALREADY_RESENT);
  await enqueueCoalesced(ctx, link.connection.id, STOCK_UPLOAD_JOB);
}

/**
 * The SKUs of an upload's lines under their codes as they are now (a code corrected in Renkei is the
 * fix). Rows written before codes were looked up kept only Renkei's code, which finds the SKU.
 */
async function currentSkus(ctx: ServiceContext, stored: readonly (StoredLine | SkippedLine)[]) {
  const skus = await ctx.db.all<{ id: string; code: string }>(
    "SELECT id, code FROM skus WHERE merchant_id = ?1 AND (id IN (SELECT value FROM json_each(?2)) OR code IN (SELECT value FROM json_each(?3)))",
    JSON.stringify(stored.flatMap((l) => (l.skuId ? [l.skuId] : []))),
    JSON.stringify(stored.flatMap((l) => (l.skuId ? [] : ["goodsId" in l ? l.goodsId : l.code]))),
  );
  const found: SkuDelta[] = [];
  const missing: SkippedLine[] = [];
  for (const l of stored) {
    const code = "goodsId" in l && !l.code ? l.goodsId : l.code!;
    const sku = skus.find((s) => (l.skuId ? s.id === l.skuId : s.code === code));
    if (sku) found.push({ skuId: sku.id, code: sku.code, delta: l.delta });
    else missing.push({ code, skuId: l.skuId ?? "", delta: l.delta, reason: "Renkeiにこの商品がありません (no such SKU in Renkei)" });
  }
  return { found, missing };
}

export async function listUploads(ctx: ServiceContext, connectionId: string, limit = 50) {
  const rows = await ctx.db.all<{
    id: string; from_movement: number; to_movement: number; lines: string; skipped: string; status: UploadStatus; que_id: string | null; que_message: string | null;
    attempts: number; error: string | null; created_at: string; updated_at: string;
  }>(
    `SELECT id, from_movement, to_movement, lines, skipped, status, que_id, que_message, attempts, error, created_at, updated_at
     FROM nextengine_stock_uploads WHERE merchant_id = ?1 AND connection_id = ?2 ORDER BY created_at DESC, id DESC LIMIT ?3`,
    connectionId,
    limit,
  );
  return rows.map((r) => ({
    id: r.id,
    movements: { from: r.from_movement, to: r.to_movement },
    lines: JSON.parse(r.lines) as StoredLine[],
    skipped: JSON.parse(r.skipped) as SkippedLine[],
    status: r.status,
    queId: r.que_id,
    queMessage: r.que_message,
    attempts: r.attempts,
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

registerJob({
  name: STOCK_UPLOAD_JOB,
  needsConnection: true,
  async handler({ ctx, connection }): Promise<Record<string, number>> {
    if (connection!.status !== "started") return { skipped: 1 };
    return { ...(await withLink(ctx, connection!, (link) => syncStockToNextEngine(ctx, link))) };
  },
});
