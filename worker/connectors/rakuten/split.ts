/**
 * 出荷分割 of partly mapped orders (seed 002: 「一部商品未マッピング」): the mapped lines go to RSL as a
 * split part, the unmapped ones stay with the other order system (自社出荷). A line is on exactly one
 * side — the RSL part is a Renkei shipment of the mapped lines only — so no line is both sent to RSL
 * and left for self-shipping. The request is recorded here and sent by the forwarding job.
 */
import type { ServiceContext } from "../../context";
import { allocateOrders, changeStatus } from "../../orders/lifecycle";
import { enqueueJob } from "../../sync/runs";
import { planRequest } from "./forward";
import { mappingsFor, requireLink } from "./item-mappings";
import { FORWARD_JOB } from "./link";
import { foldSku, type BasketRecord } from "./mapping";

const OUTCOME = {
  notFound: "この楽天連携の受注が見つかりません (not an order of this Rakuten link)",
  notWaiting: "確認待の受注だけ分割できます (only orders in 確認待 can be split)",
  nothingMapped: "マッピング済みの商品がありません: 全商品を自社出荷にしてください (no mapped line: leave the whole order to the other system)",
  alreadySent: "すでにRSLへ出荷依頼済みです (already sent to RSL)",
} as const;

export async function splitOrders(ctx: ServiceContext, connectionId: string, orderIds: string[]) {
  const connection = await requireLink(ctx, connectionId);
  const rows = await ctx.db.all<{ order_id: string; order_number: string; baskets: string; status: string; deleted_at: string | null; sent: number }>(
    `SELECT ro.order_id, ro.order_number, ro.baskets, o.status, o.deleted_at,
            EXISTS (SELECT 1 FROM rsl_requests r WHERE r.merchant_id = ?1 AND r.order_id = ro.order_id) AS sent
     FROM rakuten_orders ro JOIN orders o ON o.id = ro.order_id
     WHERE ro.merchant_id = ?1 AND ro.connection_id = ?2 AND ro.order_id IN (SELECT value FROM json_each(?3))`,
    connectionId,
    JSON.stringify(orderIds),
  );
  const found = new Map(rows.map((r) => [r.order_id, r]));
  const results: { orderId: string; ok: boolean; message?: string; requests?: number }[] = [];
  const splittable: { orderId: string; orderNumber: string; baskets: BasketRecord[]; lines: { id: string; line_no: number; quantity: number }[] }[] = [];
  for (const orderId of orderIds) {
    const row = found.get(orderId);
    if (!row || row.deleted_at) { results.push({ orderId, ok: false, message: OUTCOME.notFound }); continue; }
    if (row.sent) { results.push({ orderId, ok: false, message: OUTCOME.alreadySent }); continue; }
    if (row.status !== "awaiting_confirmation") { results.push({ orderId, ok: false, message: OUTCOME.notWaiting }); continue; }
    const lines = await ctx.db.all<{ id: string; line_no: number; quantity: number }>(
      "SELECT id, line_no, quantity FROM order_lines WHERE merchant_id = ?1 AND order_id = ?2 AND sku_id IS NOT NULL ORDER BY line_no",
      orderId,
    );
    if (!lines.length) { results.push({ orderId, ok: false, message: OUTCOME.nothingMapped }); continue; }
    splittable.push({ orderId, orderNumber: row.order_number, baskets: JSON.parse(row.baskets) as BasketRecord[], lines });
  }
  if (!splittable.length) return { changed: 0, results };
  // the mapped part is reserved like any order of RSL's before it is sent
  await changeStatus(ctx, splittable.map((s) => s.orderId), "awaiting_allocation");
  await allocateOrders(ctx, splittable.map((s) => s.orderId));
  for (const order of splittable) {
    const byNo = new Map(order.lines.map((l) => [l.line_no, l]));
    const mappings = await mappingsFor(ctx, connectionId, order.baskets.flatMap((b) => b.lines.map((l) => l.rakutenSku)));
    let requests = 0;
    for (const basket of order.baskets) {
      const mapped = basket.lines.filter((l) => byNo.has(l.lineNo) && mappings.has(foldSku(l.rakutenSku)));
      if (!mapped.length) continue;
      await planRequest(ctx, connection, {
        orderId: order.orderId,
        orderNumber: order.orderNumber,
        basket,
        part: 1,
        lines: mapped.map((l) => ({ orderLineId: byNo.get(l.lineNo)!.id, quantity: byNo.get(l.lineNo)!.quantity, itemCode: mappings.get(foldSku(l.rakutenSku))!.rslItemCode })),
      });
      requests++;
    }
    results.push({ orderId: order.orderId, ok: true, requests });
  }
  await enqueueJob(ctx, FORWARD_JOB, { connectionId, trigger: "event" });
  return { changed: splittable.length, results };
}
