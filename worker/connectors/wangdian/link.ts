/**
 * Setting up a 旺店通 link (seed 003 §2.2–§2.3): credentials checked with harmless calls (已授权),
 * the ERP-side setup checked where the open API can tell, and the rest as a checklist the
 * implementer ticks. Each linked Renkei location is the ERP warehouse of the same code (门店ID =
 * 仓库编号; 总仓 for the main warehouse), written as external links so documents can follow them.
 */
import type { LinkChecks } from "../../../shared/schemas/sync";
import { connectionCredentials, recordConnectionError, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { invalid } from "../../errors";
import { WangdianClient, WangdianError } from "./client";
import { WangdianSettings } from "./settings";

export async function wangdianClient(ctx: ServiceContext, connection: ConnectionRecord): Promise<WangdianClient> {
  const credentials = await connectionCredentials(ctx, connection.id);
  if (!connection.baseUrl) throw new Error("旺店通 link has no API address");
  const { callTimeoutSeconds } = WangdianSettings.parse(connection.settings);
  return new WangdianClient({
    baseUrl: connection.baseUrl,
    sid: credentials.sid ?? "",
    appkey: credentials.appkey ?? "",
    appsecret: credentials.appsecret ?? "",
    timeoutMs: callTimeoutSeconds * 1000,
  });
}

/**
 * Runs a job of the link; when the ERP refuses the credentials themselves (wrong secret, disabled
 * appkey, clock off), the link stops with the ERP's own words and the error is not retried: the
 * merchant fixes the credentials and verifies again.
 */
export async function stopOnBadCredentials<T>(ctx: ServiceContext, connection: ConnectionRecord, job: () => Promise<T>): Promise<T> {
  try {
    return await job();
  } catch (error) {
    if (error instanceof WangdianError && error.isCredentials) await recordConnectionError(ctx, connection.id, error.message, true);
    throw error;
  }
}

export interface LinkedLocation {
  id: string;
  code: string;
  name: string;
  kind: "store" | "warehouse";
}

/** The linked locations with their codes (the ERP warehouse numbers), in code order. */
export async function linkedLocations(ctx: ServiceContext, connectionId: string): Promise<LinkedLocation[]> {
  return ctx.db.all<LinkedLocation>(
    `SELECT l.id, l.code, l.name, l.kind FROM external_links el JOIN locations l ON l.id = el.renkei_id
     WHERE el.merchant_id = ?1 AND el.connection_id = ?2 AND el.entity = 'location' ORDER BY l.code`,
    connectionId,
  );
}

/** Settings saved: the chosen locations must be this merchant's; they become the link's warehouses. */
export async function applyWangdianSettings(ctx: ServiceContext, connection: ConnectionRecord, raw: Record<string, unknown>) {
  const settings = WangdianSettings.parse(raw);
  const found = await ctx.db.all<{ id: string; code: string }>(
    "SELECT id, code FROM locations WHERE +merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))",
    JSON.stringify(settings.locationIds),
  );
  const known = new Map(found.map((l) => [l.id, l.code]));
  const issues = settings.locationIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: ["settings", "locationIds", i], message: "店舗が見つかりません (no such store)" }]));
  if (issues.length) throw invalid("unknown locations", issues);
  await refuseUnlinkingWithWaiting(ctx, connection.id, settings.locationIds);
  const previous = JSON.stringify(connection.settings.stockMaster ?? null);
  if (connection.settings.stockMaster && JSON.stringify(settings.stockMaster) !== previous) {
    throw invalid("stock master is fixed", [
      { path: ["settings", "stockMaster"], message: "在庫同期のマスターは一度決めたら変更できません。変更は「マスター変更」で上書き内容を確認してから行います (the stock master is a one-time choice; change it with its confirmation)" },
    ]);
  }
  await ctx.db.batch([
    ctx.db.stmt(
      "DELETE FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity = 'location' AND renkei_id NOT IN (SELECT value FROM json_each(?3))",
      connection.id,
      JSON.stringify(settings.locationIds),
    ),
    ctx.db.stmt(
      `INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id, external_code, code_folded)
       SELECT ?1, ?2, 'location', l.id, l.code, l.code, lower(l.code) FROM locations l
       WHERE l.merchant_id = ?1 AND l.id IN (SELECT value FROM json_each(?3))
       ON CONFLICT (connection_id, entity, external_id) DO UPDATE SET renkei_id = excluded.renkei_id`,
      connection.id,
      JSON.stringify(settings.locationIds),
    ),
  ]);
}

/**
 * Stores may be added to a link at any time; one is unlinked only once the ERP has every document
 * of it that waits to be sent (its warehouse would be gone from the link, and the documents with it).
 */
async function refuseUnlinkingWithWaiting(ctx: ServiceContext, connectionId: string, keep: string[]) {
  const waiting = await ctx.db.all<{ code: string; name: string; n: number }>(
    // from the waiting exports (few) to their stores, not from a store's whole history
    `SELECT l.code, l.name, COUNT(*) AS n FROM document_exports e
       JOIN store_documents d ON d.id = e.document_id AND d.merchant_id = e.merchant_id
       JOIN locations l ON l.id = d.location_id
     WHERE e.merchant_id = ?1 AND e.connection_id = ?2 AND e.sent_at IS NULL AND d.location_id NOT IN (SELECT value FROM json_each(?3))
       AND EXISTS (SELECT 1 FROM external_links el WHERE el.connection_id = ?2 AND el.entity = 'location' AND el.renkei_id = d.location_id)
     GROUP BY l.id ORDER BY l.code`,
    connectionId,
    JSON.stringify(keep),
  );
  if (!waiting.length) return;
  throw invalid(
    "documents waiting",
    waiting.map((w) => ({
      path: ["settings", "locationIds"],
      message: `${w.name}（${w.code}）には ERP へ送信待ちの伝票が ${w.n} 件あるため、連携を外せません (${w.code} has ${w.n} documents waiting for the ERP: it stays linked until they are sent)`,
    })),
  );
}

/** The ERP-side settings of §2.3 that the open API cannot read: the implementer ticks them. */
export const HAND_CHECKS = [
  { key: "autoDownload", label: { zh: "已勾选【启用订单自动下载】【启用订单自动递交】", ja: "受注の自動ダウンロード・自動提出をオン", en: "Auto download and auto submit orders on" } },
  { key: "fetchAllowed", label: { zh: "店铺【禁止抓取订单】已取消勾选", ja: "店舗の「受注取得禁止」をオフ", en: "The shop's \"do not fetch orders\" unticked" } },
  { key: "matchByCode", label: { zh: "已勾选【自动按商家编码匹配货品】", ja: "商家編碼で商品を自動照合をオン", en: "Match goods by merchant code on" } },
  { key: "noMainSpecMatch", label: { zh: "未勾选【多规格货品匹配使用“主商家编码”+“规格商家编码”方式】", ja: "「主商家編碼＋規格商家編碼」照合はオフ", en: "No main-code + spec-code matching" } },
  { key: "autoApprovePd", label: { zh: "已勾选【自动审核盘点入库】【自动审核盘点出库】", ja: "棚卸入出庫の自動承認をオン", en: "Auto approve stocktake in / out" } },
  { key: "autoApproveOther", label: { zh: "已勾选【自动审核其他入库】【自动审核其他出库】", ja: "その他入出庫の自動承認をオン", en: "Auto approve other in / out" } },
  { key: "autoSettle", label: { zh: "已勾选【其他入库自动结算】【其他出库自动结算】", ja: "その他入出庫の自動精算をオン", en: "Auto settle other in / out" } },
  { key: "adminRights", label: { zh: "Admin账户拥有新建店铺和仓库的权限（§2.3.5）", ja: "Adminアカウントに新しい店舗・倉庫の権限（§2.3.5）", en: "The admin account has rights on the new shop and warehouses (§2.3.5)" } },
  { key: "warehouseStrategy", label: { zh: "选仓策略：店铺使用仓库、优先级、允许缺货（§2.3.7）", ja: "倉庫選択ルール：店舗の使用倉庫・優先度・欠品許可（§2.3.7）", en: "Warehouse strategy: shop uses warehouse, priority, allow backorder (§2.3.7)" } },
] as const;

/**
 * Harmless calls: the shop (exists, enabled, 自有平台), each linked warehouse, and the two logistics
 * the seed asks for (无单号物流 §2.3.6.1; 货到付款 §2.3.6.2 for cash sales). Bad credentials throw
 * the ERP's own message (WangdianError), which the link keeps until fixed.
 */
export async function verifyWangdianLink(ctx: ServiceContext, connection: ConnectionRecord): Promise<LinkChecks> {
  const settings = WangdianSettings.parse(connection.settings);
  const client = await wangdianClient(ctx, connection);
  const [shops, warehouses, logistics, locations] = [
    await client.shops(settings.shopNo),
    await client.warehouses(),
    await client.logistics(),
    await linkedLocations(ctx, connection.id),
  ];
  const items: LinkChecks["items"] = [];
  items.push({ key: "authorized", label: { zh: "已授权", ja: "認証済み", en: "Authorized" }, ok: true });
  const shop = shops.find((s) => s.shop_no === settings.shopNo);
  items.push({
    key: "shop",
    label: { zh: `店铺 ${settings.shopNo}（自有平台，未停用）`, ja: `店舗 ${settings.shopNo}（自社プラットフォーム・有効）`, en: `Shop ${settings.shopNo} (own platform, enabled)` },
    ok: !!shop && !shop.is_disabled && (shop.platform_id === undefined || shop.platform_id === 127),
    detail: !shop ? "ERPに店舗がありません (no such shop in the ERP)" : shop.is_disabled ? "停用 (disabled)" : undefined,
  });
  const byNo = new Map(warehouses.map((w) => [w.warehouse_no, w]));
  for (const location of locations) {
    const warehouse = byNo.get(location.code);
    items.push({
      key: `warehouse:${location.code}`,
      label: { zh: `仓库 ${location.code}（${location.name}）`, ja: `倉庫 ${location.code}（${location.name}）`, en: `Warehouse ${location.code} (${location.name})` },
      ok: !!warehouse && !warehouse.is_disabled,
      detail: !warehouse ? "仓库编号须与门店ID一致 (the ERP warehouse code must equal the store ID)" : warehouse.is_disabled ? "停用 (disabled)" : undefined,
    });
  }
  const flag = (row: Record<string, unknown>, name: string) => Number(row[name] ?? 0) === 1;
  const noWaybill = logistics.find((l) => flag(l, "is_no_waybill"));
  const cod = logistics.find((l) => flag(l, "is_support_cod"));
  items.push({ key: "noWaybillLogistics", label: { zh: "无单号物流", ja: "伝票番号なし物流", en: "Logistics without waybill" }, ok: !!noWaybill, detail: noWaybill?.logistics_name });
  items.push({ key: "codLogistics", label: { zh: "货到付款物流（现金销售）", ja: "代金引換の物流（現金売上）", en: "Cash-on-delivery logistics (cash sales)" }, ok: !!cod, detail: cod?.logistics_name });
  for (const check of HAND_CHECKS) items.push({ key: check.key, label: check.label, ok: null, detail: settings.ticked[check.key] ? "ticked" : undefined });
  return { ok: items.every((i) => i.ok !== false), checkedAt: nowIso(), items };
}

/** Start only with the API checks passing, every hand check ticked, and the stock master chosen. */
export async function beforeWangdianStart(_ctx: ServiceContext, connection: ConnectionRecord) {
  const settings = WangdianSettings.parse(connection.settings);
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const item of connection.checks?.items ?? []) {
    if (item.ok === false) issues.push({ path: ["checks", item.key], message: `${item.label.ja} (${item.label.en})${item.detail ? `: ${item.detail}` : ""}` });
  }
  if (!connection.checks) issues.push({ path: ["checks"], message: "先に接続確認をしてください (verify the link first)" });
  for (const check of HAND_CHECKS) {
    if (!settings.ticked[check.key]) issues.push({ path: ["settings", "ticked", check.key], message: `未確認: ${check.label.zh} (${check.label.en})` });
  }
  if (!settings.stockMaster) issues.push({ path: ["settings", "stockMaster"], message: "在庫同期のマスターを選んでください (choose the stock sync master)" });
  if (issues.length) throw invalid("setup incomplete", issues);
}
