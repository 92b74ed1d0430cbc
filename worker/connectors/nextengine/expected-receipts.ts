/**
 * 入荷予定 for the receiving desk, at any location (warehouses included), typed in by hand or read
 * from a CSV of 「拠点コード,商品コード,数量,発注番号[,種別]」: one row per line, rows with the same location and
 * 発注番号 make one delivery, which keeps its kind (仕入 / 移動 / その他: the row's 種別, or the form's
 * when the cell is blank — one kind per delivery). Every row is checked first and each bad cell is named by its row, so a
 * file is taken whole or not at all. Product codes match like the link's orders do (⑥ folds case).
 * Deliveries get IDs derived from the request's idempotency key, written with INSERT OR IGNORE, so a
 * retried request — even one racing the first — creates nothing twice.
 */
import type { ServiceContext } from "../../context";
import { idempotent } from "../../db/idempotency";
import { nowIso } from "../../db/ids";
import { invalid, type Issue } from "../../errors";
import { matchCodes } from "./code-matching";
import { DELIVERY_KIND_HINT, deliveryKindOf, type DeliveryKind } from "./delivery-kind";
import { requireNextEngineLink } from "./connect";
import { NextEngineSettings } from "./settings";

export interface ExpectedRow {
  location: string;
  code: string;
  quantity: string;
  reference: string;
  /** 種別 as typed (仕入 / 移動 / その他, or purchase / transfer / other_in); blank: the input's kind */
  kind?: string;
}

export interface ExpectedInput {
  idempotencyKey: string;
  /** the form's kind: rows with a blank 種別 take it */
  kind: DeliveryKind;
  rows: ExpectedRow[];
}

const MAX_QUANTITY = 1_000_000;

export async function createExpectedReceipts(ctx: ServiceContext, connectionId: string, input: ExpectedInput) {
  const link = await requireNextEngineLink(ctx, connectionId);
  const settings = NextEngineSettings.parse(link.settings);
  return (await idempotent(ctx, `nextengine.expected-receipts:${connectionId}`, input.idempotencyKey, input, () => createOnce(ctx, settings, input))).result;
}

async function createOnce(ctx: ServiceContext, settings: NextEngineSettings, input: ExpectedInput) {
  const rows = input.rows.map((r) => ({ location: r.location.trim(), code: r.code.trim(), quantity: r.quantity.trim(), reference: r.reference.trim(), kind: (r.kind ?? "").trim() }));
  const locations = await ctx.db.all<{ id: string; code: string }>(
    "SELECT id, code FROM locations WHERE merchant_id = ?1 AND (code IN (SELECT value FROM json_each(?2)) OR id IN (SELECT value FROM json_each(?2)))",
    JSON.stringify([...new Set(rows.map((r) => r.location))]),
  );
  const locationOf = new Map(locations.flatMap((l) => [[l.code, l.id], [l.id, l.id]] as [string, string][]));
  const skuOf = await matchCodes(ctx, rows.map((r) => r.code), settings.caseInsensitiveCodes);
  const issues: Issue[] = [];
  const deliveries = new Map<string, { locationId: string; reference: string; kind: DeliveryKind; lines: { skuId: string; quantity: number }[] }>();
  rows.forEach((r, i) => {
    const at = (field: keyof ExpectedRow, message: string) => issues.push({ path: ["rows", i, field], message });
    const locationId = locationOf.get(r.location);
    const skuId = skuOf.get(r.code);
    const quantity = /^\d+$/.test(r.quantity) ? Number(r.quantity) : NaN;
    if (!r.location) at("location", "拠点コードを入力してください (enter the location code)");
    else if (!locationId) at("location", `拠点「${r.location}」が見つかりません (no such location)`);
    if (!r.code) at("code", "商品コードを入力してください (enter the product code)");
    else if (!skuId) at("code", `商品コード「${r.code}」が見つかりません (no such product code)`);
    if (!(quantity >= 1 && quantity <= MAX_QUANTITY)) at("quantity", `数量は1〜${MAX_QUANTITY}の整数です (a whole number from 1 to ${MAX_QUANTITY})`);
    if (!r.reference) at("reference", "発注番号を入力してください (enter the purchase order number)");
    else if (r.reference.length > 64) at("reference", "発注番号は64文字以内です (64 characters at most)");
    const named = deliveryKindOf(r.kind);
    if (named === undefined) at("kind", `種別「${r.kind}」は${DELIVERY_KIND_HINT}で指定してください (unknown kind)`);
    if (!locationId || !skuId || !(quantity >= 1 && quantity <= MAX_QUANTITY) || !r.reference || r.reference.length > 64 || named === undefined) return;
    const kind = named ?? input.kind;
    const group = `${locationId}\u0000${r.reference}`;
    const delivery = deliveries.get(group) ?? { locationId, reference: r.reference, kind, lines: [] };
    if (delivery.kind !== kind) return at("kind", "同じ入荷予定（拠点・発注番号）に異なる種別の行があります (one delivery, two kinds)");
    if (delivery.lines.some((l) => l.skuId === skuId)) return at("code", "同じ入荷予定に同じ商品が2行あります (the same product twice in one delivery)");
    delivery.lines.push({ skuId, quantity });
    deliveries.set(group, delivery);
  });
  if (!rows.length) issues.push({ path: ["rows"], message: "入荷予定の行がありません (no rows)" });
  if (issues.length) throw invalid("invalid expected receipts", issues);
  const at = nowIso();
  const made = await Promise.all([...deliveries.values()].map(async (d, n) => ({ ...d, id: await deliveryId(input.idempotencyKey, n) })));
  await ctx.db.batch(
    made.map((d) =>
      ctx.db.stmt(
        `INSERT OR IGNORE INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, body, occurred_at, received_at)
         VALUES (?2, ?1, ?3, ?4, 'inbound', ?2, 'pending', ?5, ?6, ?6)`,
        d.id,
        d.locationId,
        ctx.actor.id,
        JSON.stringify({ kind: d.kind, reference: d.reference, lines: d.lines }),
        at,
      ),
    ),
  );
  return { items: made.map((d) => ({ id: d.id, locationId: d.locationId, reference: d.reference, kind: d.kind, lines: d.lines })) };
}

/** The n-th delivery of a request, the same on every retry of it. */
async function deliveryId(key: string, n: number) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${key}:${n}`)));
  return `inb_${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
