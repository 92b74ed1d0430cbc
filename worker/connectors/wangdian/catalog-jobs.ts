/**
 * Product jobs of a 旺店通 link: 「ERP商品导入」 by date range (§3.3.1: at most one month, new
 * products and new specs only) and the hourly update of 零售价 / 货品名称 / 规格条码 (§3.4.3).
 */
import type { ConnectionRecord } from "../../connections/connections";
import { readCursor, saveCursor } from "../../connections/cursors";
import type { ServiceContext } from "../../context";
import { invalid } from "../../errors";
import { registerJob } from "../../sync/jobs";
import { fromBeijing, windowEndFor } from "./time";
import { stopOnBadCredentials, wangdianClient } from "./link";
import { classPaths, importErpGoods, refreshFromErp } from "./products";

export const IMPORT_GOODS_JOB = "wangdian.import-goods";
export const REFRESH_GOODS_JOB = "wangdian.refresh-goods";
const REFRESH_CURSOR = "goods-refreshed-until";
/** 时长限制为一个月 (§3.3.1): a calendar month at most, checked on dates. */
export function checkImportRange(from: string, to: string): void {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  // the same day next month, or that month's last day (31 Jan → 28 Feb)
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 0)).getUTCDate();
  const limit = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, Math.min(start.getUTCDate(), lastDay)));
  if (Number.isNaN(+start) || Number.isNaN(+end) || end < start) {
    throw invalid("bad range", [{ path: ["to"], message: "終了日は開始日以降にしてください (the end date must not be before the start date)" }]);
  }
  if (end > limit) throw invalid("range too long", [{ path: ["to"], message: "期間は1か月以内です (时长限制为一个月: the range is at most one month)" }]);
}

/** Goods created in [from, to] (dates, Beijing), new ones only. */
export async function importGoodsByDate(ctx: ServiceContext, connection: ConnectionRecord, from: string, to: string) {
  checkImportRange(from, to);
  const client = await wangdianClient(ctx, connection);
  const { currency } = await ctx.db.merchant();
  const start = Date.parse(`${from}T00:00:00+08:00`);
  const end = Date.parse(`${to}T23:59:59+08:00`);
  const counts = { read: 0, products: 0, skus: 0, existing: 0, refused: 0 };
  const paths = classPaths(await client.goodsClasses());
  for await (const page of client.goods({ from: start, to: end })) {
    // the query windows on modification; the import is about goods created in the range
    const created = page.filter((g) => !g.created || (Date.parse(fromBeijing(g.created)) >= start && Date.parse(fromBeijing(g.created)) <= end));
    counts.read += page.length;
    const result = await importErpGoods(ctx, created, currency, paths);
    counts.products += result.products;
    counts.skus += result.skus;
    counts.existing += result.existing;
    counts.refused += Object.keys(result.refused).length;
  }
  return counts;
}

export async function refreshGoods(ctx: ServiceContext, connection: ConnectionRecord, now = Date.now()) {
  const client = await wangdianClient(ctx, connection);
  const { currency } = await ctx.db.merchant();
  const cursor = await readCursor(ctx, connection.id, REFRESH_CURSOR);
  const from = cursor ? Date.parse(cursor) - 5 * 60_000 : now - 3600_000;
  const counts = { read: 0, products: 0, skus: 0, refused: 0 };
  for await (const page of client.goods({ from, to: windowEndFor(now) })) {
    counts.read += page.length;
    const result = await refreshFromErp(ctx, page, currency);
    counts.products += result.products;
    counts.skus += result.skus;
    counts.refused += result.refused;
  }
  await saveCursor(ctx, connection.id, REFRESH_CURSOR, new Date(now).toISOString());
  return counts;
}

registerJob({
  name: IMPORT_GOODS_JOB,
  needsConnection: true,
  handler: ({ ctx, connection, payload }) => stopOnBadCredentials(ctx, connection!, () => importGoodsByDate(ctx, connection!, String(payload.from ?? ""), String(payload.to ?? ""))),
});
registerJob({
  name: REFRESH_GOODS_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => stopOnBadCredentials(ctx, connection!, () => refreshGoods(ctx, connection!)),
});
