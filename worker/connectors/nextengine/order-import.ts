/**
 * 受注取り込み: NextEngine orders waiting to be shipped come into Renkei for the warehouse. NextEngine
 * has no webhooks, so the link polls on its schedule, by receive_order_last_modified_date from its
 * cursor. ⑤ keeps only orders tagged with the link's tag; ⑥ matches 商品コード without regard to case
 * while each line keeps NextEngine's original code. A line whose code matches no SKU (or, under ⑥,
 * more than one) is left unmapped — the hub's import tags the order and holds it in 確認待.
 * Each order is imported once per link (the hub's natural key: channel + receive_order_id).
 */
import { readCursor, saveCursor } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { importOrders, type ImportOrderInput } from "../../orders/import";
import { registerJob } from "../../sync/jobs";
import { neDateToIso } from "./client";
import { matchCodes } from "./code-matching";
import { withLink, type NextEngineLink } from "./link";
import { parseGroupingTags } from "./tags";

export const IMPORT_ORDERS_JOB = "nextengine.import-orders";
export const ORDER_CURSOR = "nextengine.orders";

/** NextEngine statuses an order can be shipped from: 20 納品書印刷待ち, 30 印刷中, 40 印刷済. */
const SHIPPABLE_STATUSES = ["20", "30", "40"];
const PAGE = 100;

const ORDER_FIELDS = [
  "receive_order_id",
  "receive_order_shop_cut_form_id",
  "receive_order_date",
  "receive_order_gruoping_tag",
  "receive_order_delivery_fee_amount",
  "receive_order_charge_amount",
  "receive_order_other_amount",
  "receive_order_point_amount",
  "receive_order_note",
  "receive_order_consignee_name",
  "receive_order_consignee_zip_code",
  "receive_order_consignee_address1",
  "receive_order_consignee_address2",
  "receive_order_last_modified_date",
] as const;

const ROW_FIELDS = [
  "receive_order_row_receive_order_id",
  "receive_order_row_no",
  "receive_order_row_goods_id",
  "receive_order_row_goods_name",
  "receive_order_row_quantity",
  "receive_order_row_unit_price",
  "receive_order_row_tax_rate",
] as const;

const int = (text: string | null | undefined) => {
  const n = Number.parseInt(text ?? "", 10);
  return Number.isFinite(n) ? n : 0;
};

export async function importNextEngineOrders(ctx: ServiceContext, link: NextEngineLink) {
  const { connection, settings, client } = link;
  const counts = { read: 0, skippedUntagged: 0, created: 0, duplicates: 0, unmappedLines: 0 };
  const channel = await ctx.db.first<{ renkei_id: string }>("SELECT renkei_id FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'channel'", connection.id);
  if (!channel) return counts;
  const saved = await readCursor(ctx, connection.id, ORDER_CURSOR);
  const cursor = saved === null ? null : { value: saved };
  const merchant = await ctx.db.merchant();
  let newest = cursor?.value ?? null;
  for await (const page of client.searchPages("api_v1_receiveorder_base", {
    fields: ORDER_FIELDS,
    where: {
      "receive_order_order_status_id-in": SHIPPABLE_STATUSES,
      "receive_order_cancel_type_id-eq": "0",
      // ⑤ narrows on NextEngine's side; the exact tag is checked below (like also matches "[ロジクラ受注取込対象2]")
      ...(settings.importTaggedOnly ? { "receive_order_gruoping_tag-like": `%[${settings.importTag}]%` } : {}),
      ...(cursor ? { "receive_order_last_modified_date-gte": cursor.value } : {}),
    },
    limit: PAGE,
  })) {
    counts.read += page.length;
    const wanted = settings.importTaggedOnly ? page.filter((o) => parseGroupingTags(o.receive_order_gruoping_tag).includes(settings.importTag)) : page;
    counts.skippedUntagged += page.length - wanted.length;
    for (const o of page) if (o.receive_order_last_modified_date && (!newest || o.receive_order_last_modified_date > newest)) newest = o.receive_order_last_modified_date;
    if (!wanted.length) continue;
    const rows = await client.searchOrderRows({
      fields: ROW_FIELDS,
      where: {
        "receive_order_row_receive_order_id-in": wanted.map((o) => o.receive_order_id!),
        "receive_order_row_cancel_flag-eq": "0",
        "receive_order_row_deleted_flag-eq": "0",
      },
    });
    const skuByCode = await matchCodes(ctx, rows.map((r) => r.receive_order_row_goods_id ?? ""), settings.caseInsensitiveCodes);
    const orders: ImportOrderInput[] = wanted.map((o) => {
      const lines = rows.filter((r) => r.receive_order_row_receive_order_id === o.receive_order_id);
      return {
        channelId: channel.renkei_id,
        externalId: o.receive_order_id!,
        ...(settings.shippingLocationId ? { locationId: settings.shippingLocationId } : {}),
        orderedAt: o.receive_order_date ? neDateToIso(o.receive_order_date) : new Date().toISOString(),
        currency: merchant.currency,
        customerName: o.receive_order_consignee_name ?? "",
        shippingAddress: [o.receive_order_consignee_zip_code, o.receive_order_consignee_address1, o.receive_order_consignee_address2].filter(Boolean).join(" "),
        shippingFee: int(o.receive_order_delivery_fee_amount),
        adjustment: int(o.receive_order_charge_amount) + int(o.receive_order_other_amount) - int(o.receive_order_point_amount),
        note: [o.receive_order_shop_cut_form_id ? `モール受注番号 ${o.receive_order_shop_cut_form_id}` : "", o.receive_order_note ?? ""].filter(Boolean).join("\n"),
        // NextEngine's 受注金額 are tax-inclusive
        taxDisplay: "inclusive",
        lines: lines.map((r) => ({
          externalCode: r.receive_order_row_goods_id ?? "",
          skuId: skuByCode.get(r.receive_order_row_goods_id ?? "") ?? null,
          name: r.receive_order_row_goods_name ?? r.receive_order_row_goods_id ?? "",
          quantity: Math.max(1, int(r.receive_order_row_quantity)),
          unitPrice: int(r.receive_order_row_unit_price),
          taxRate: r.receive_order_row_tax_rate ? int(r.receive_order_row_tax_rate) : 10,
        })),
      };
    });
    // an order NextEngine sent with no live line has nothing to ship
    const shippable = orders.filter((o) => o.lines.length > 0);
    counts.unmappedLines += shippable.reduce((n, o) => n + o.lines.filter((l) => !l.skuId).length, 0);
    if (!shippable.length) continue;
    const { result } = await importOrders(ctx, { idempotencyKey: `nextengine:${connection.id}:${await digest(shippable)}`, orders: shippable });
    counts.created += result.created;
    counts.duplicates += result.duplicates;
    await ctx.db.batch(
      result.orders.map((o) =>
        ctx.db.stmt(
          `INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id) VALUES (?1, ?2, 'order', ?3, ?4)
           ON CONFLICT (connection_id, entity, external_id) DO NOTHING`,
          connection.id,
          o.orderId,
          o.externalId,
        ),
      ),
    );
  }
  if (newest && newest !== cursor?.value) {
    // -gte next time: orders touched in the same second are read again and found already imported
    await saveCursor(ctx, connection.id, ORDER_CURSOR, newest);
  }
  return counts;
}

async function digest(value: unknown): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(value)));
  return [...new Uint8Array(bytes).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

registerJob({
  name: IMPORT_ORDERS_JOB,
  needsConnection: true,
  async handler({ ctx, connection }): Promise<Record<string, number>> {
    if (connection!.status !== "started") return { skipped: 1 };
    return withLink(ctx, connection!, (link) => importNextEngineOrders(ctx, link));
  },
});
