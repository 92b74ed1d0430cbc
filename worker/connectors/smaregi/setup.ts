/**
 * Setup of a Smaregi link (seed 000 §2 settings and §3 「両システムで必要な設定」):
 *  - on save: every Renkei ID the settings name exists, product codes and payment methods exist in
 *    Smaregi (when the link is authorized), and the stock locations are written as external_links (the hub's stock
 *    push reads them) — all or nothing;
 *  - before start: the live checks that block 「連携を開始する」 with the seed's reasons (an order
 *    store without a warehouse, a 税計算 mismatch, codes or stores Smaregi does not have);
 *  - verify: the app authorization works (「結果:有効化済み」), and what setup still lacks.
 */
import type { LinkChecks } from "../../../shared/schemas/sync";
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { invalid, ServiceError, type Issue } from "../../errors";
import { notFoundMessage } from "../../messages";
import { isKnownStatus } from "../../orders/statuses";
import { TransientError } from "../../sync/messages";
import { allocationStatements } from "./allocation";
import { keepSchedules } from "./schedules";
import { isWarehouse, type SmaregiClient } from "./client";
import { readSmaregiPatiently, smaregiCredentials, withSmaregi } from "./link";
import { SmaregiSettings } from "./settings";

const SELL_DIVISION = { included: "内税販売", excluded: "外税販売" } as const;
const TAX_CALCULATION = { inclusive: "税込", exclusive: "税別" } as const;
const EXPECTED_TAX = { included: "inclusive", excluded: "exclusive" } as const;

async function missingIds(ctx: ServiceContext, table: "channels" | "locations" | "payment_methods", ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.db.all<{ id: string }>(`SELECT id FROM ${table} WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))`, JSON.stringify(ids));
  const found = new Set(rows.map((r) => r.id));
  return new Set(ids.filter((id) => !found.has(id)));
}

/** Renkei-side references: stores, locations, payment methods and statuses the settings name. */
async function renkeiIssues(ctx: ServiceContext, s: SmaregiSettings): Promise<Issue[]> {
  const issues: Issue[] = [];
  const [channels, locations, methods] = await Promise.all([
    missingIds(ctx, "channels", s.orderStores.map((o) => o.channelId)),
    missingIds(ctx, "locations", s.locations.map((l) => l.locationId)),
    missingIds(ctx, "payment_methods", s.paymentMethods.map((p) => p.paymentMethodId)),
  ]);
  s.orderStores.forEach((o, i) => channels.has(o.channelId) && issues.push({ path: ["settings", "orderStores", i, "channelId"], message: notFoundMessage("channel") }));
  s.locations.forEach((l, i) => locations.has(l.locationId) && issues.push({ path: ["settings", "locations", i, "locationId"], message: notFoundMessage("location") }));
  s.paymentMethods.forEach(
    (p, i) => methods.has(p.paymentMethodId) && issues.push({ path: ["settings", "paymentMethods", i, "paymentMethodId"], message: "支払方法が見つかりません (payment method not found)" }),
  );
  for (const field of ["allocationInquiryStatus", "allocatedStatus", "bulkShipmentStatus"] as const) {
    const code = s[field];
    if (code && !(await isKnownStatus(ctx, code))) issues.push({ path: ["settings", field], message: `受注ステータス「${code}」がありません (no such order status)` });
  }
  return issues;
}

/** Product codes the settings name must exist in Smaregi (調整額用商品番号, ダミー商品番号). */
async function productCodeIssues(client: SmaregiClient, s: SmaregiSettings): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const field of ["adjustmentProductCode", "dummyProductCode"] as const) {
    const code = s[field];
    if (!code) continue;
    const found = await client.listProducts({ productCode: code, limit: 1 });
    if (!found.length) issues.push({ path: ["settings", field], message: `スマレジに商品番号「${code}」の商品がありません (no product with this code in Smaregi)` });
  }
  return issues;
}

/**
 * 支払方法: each スマレジ支払方法 chosen must exist in Smaregi (checked on save and before start).
 * Orders carry it as paymentMethodId (order-body.ts; assumed [I], see test/fakes/smaregi/README.md).
 */
async function paymentMethodIssues(client: SmaregiClient, s: SmaregiSettings): Promise<Issue[]> {
  if (!s.paymentMethods.length) return [];
  const methodIds = new Set((await client.listPaymentMethods()).map((m) => m.paymentMethodId));
  const issues: Issue[] = [];
  s.paymentMethods.forEach((p, i) => {
    if (!methodIds.has(p.smaregiPaymentMethodId)) {
      issues.push({ path: ["settings", "paymentMethods", i, "smaregiPaymentMethodId"], message: `スマレジに支払方法ID ${p.smaregiPaymentMethodId} がありません (no such payment method in Smaregi)` });
    }
  });
  return issues;
}

/** What blocks 「連携を開始する」, read live from Smaregi. */
export async function startIssues(client: SmaregiClient, s: SmaregiSettings): Promise<Issue[]> {
  const [orderStores, stores] = await Promise.all([client.listOrderStores(), client.listStores()]);
  const issues: Issue[] = [];
  const orderStoreById = new Map(orderStores.map((o) => [o.storeId, o]));
  s.orderStores.forEach((mapping, i) => {
    const path = ["settings", "orderStores", i];
    const store = orderStoreById.get(mapping.smaregiStoreId);
    if (!store) {
      issues.push({ path: [...path, "smaregiStoreId"], message: `スマレジに受注店舗ID ${mapping.smaregiStoreId} がありません (no such order store in Smaregi)` });
      return;
    }
    if (!store.warehouseStoreId) {
      issues.push({
        path: [...path, "smaregiStoreId"],
        message: `受注店舗「${store.storeName}」に倉庫が紐づいていません。スマレジで受注店舗の[在庫同期]タブから倉庫を紐づけてください (order store "${store.storeName}" has no linked warehouse)`,
      });
    }
    if (EXPECTED_TAX[store.sellDivision] !== mapping.taxCalculation) {
      issues.push({
        path: [...path, "taxCalculation"],
        message: `税計算設定が一致しません: スマレジ「${SELL_DIVISION[store.sellDivision]}」には「${TAX_CALCULATION[EXPECTED_TAX[store.sellDivision]]}」を選んでください (tax mismatch: Smaregi sells ${store.sellDivision === "included" ? "tax-inclusive" : "tax-exclusive"})`,
      });
    }
  });
  const storeIds = new Set(stores.map((st) => st.storeId));
  s.locations.forEach((l, i) => {
    if (!storeIds.has(l.smaregiStoreId)) issues.push({ path: ["settings", "locations", i, "smaregiStoreId"], message: `スマレジに店舗ID ${l.smaregiStoreId} がありません (no such store or warehouse in Smaregi)` });
  });
  return [...issues, ...(await paymentMethodIssues(client, s)), ...(await productCodeIssues(client, s))];
}

async function isAuthorized(ctx: ServiceContext, connection: ConnectionRecord) {
  if (!connection.hasCredentials) return false;
  return !!(await smaregiCredentials(ctx, connection.id).catch(() => null))?.contractId;
}

/** Smaregi unreachable during a request: say so instead of a 500; nothing was written. */
export function upstream(error: unknown): never {
  if (error instanceof TransientError) throw new ServiceError("UPSTREAM", `スマレジに接続できません。しばらくしてからやり直してください (Smaregi unreachable: ${error.message})`);
  throw error;
}

export async function applySmaregiSettings(ctx: ServiceContext, connection: ConnectionRecord, raw: Record<string, unknown>) {
  const s = SmaregiSettings.parse(raw);
  const issues = await renkeiIssues(ctx, s);
  if (await isAuthorized(ctx, connection)) {
    issues.push(...(await readSmaregiPatiently(ctx, connection, async (client) => [...(await paymentMethodIssues(client, s)), ...(await productCodeIssues(client, s))]).catch(upstream)));
  }
  if (issues.length) throw invalid("スマレジ連携設定を保存できません (invalid Smaregi settings)", issues);
  // The stock locations as links, replaced as a whole: the hub's stock push reads them; the
  // inquiry rule and the order stores' stock source follow the settings in the same batch.
  await ctx.db.batch([
    ...allocationStatements(ctx, connection, s),
    ctx.db.stmt("DELETE FROM external_links WHERE merchant_id = ?1 AND connection_id = ?2 AND entity IN ('location', 'channel')", connection.id),
    ...s.locations.map((l) =>
      ctx.db.stmt(
        "INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id) VALUES (?1, ?2, 'location', ?3, ?4)",
        connection.id,
        l.locationId,
        l.smaregiStoreId,
      ),
    ),
    ...s.orderStores.map((o) =>
      ctx.db.stmt(
        "INSERT INTO external_links (merchant_id, connection_id, entity, renkei_id, external_id) VALUES (?1, ?2, 'channel', ?3, ?4)",
        connection.id,
        o.channelId,
        o.smaregiStoreId,
      ),
    ),
  ]);
  // After the batch (schedules are written by the hub's own service); idempotent, so a failed save is mended by the next.
  await keepSchedules(ctx, connection, s);
}

export async function beforeSmaregiStart(ctx: ServiceContext, connection: ConnectionRecord) {
  const s = SmaregiSettings.parse(connection.settings);
  const issues = [...(await renkeiIssues(ctx, s)), ...(await readSmaregiPatiently(ctx, connection, (client) => startIssues(client, s)).catch(upstream))];
  if (issues.length) throw invalid("スマレジ連携を開始できません。設定を確認してください (cannot start the Smaregi link: fix the settings below)", issues);
}

export async function verifySmaregi(ctx: ServiceContext, connection: ConnectionRecord): Promise<LinkChecks> {
  const s = SmaregiSettings.parse(connection.settings);
  const { contractId } = await smaregiCredentials(ctx, connection.id);
  const issues = await withSmaregi(ctx, connection, (client) => startIssues(client, s));
  return {
    ok: true,
    checkedAt: new Date().toISOString(),
    items: [
      { key: "authorization", label: { ja: "結果:有効化済み", zh: "结果:已启用", en: "Result: activated" }, ok: true, detail: `契約ID ${contractId}` },
      {
        key: "setup",
        label: { ja: "両システムで必要な設定", zh: "两个系统中需要的设置", en: "Setup needed in both systems" },
        ok: issues.length === 0,
        ...(issues.length ? { detail: issues.map((i) => i.message).join("\n") } : {}),
      },
    ],
  };
}

/** Live lists for the admin's pulldowns: POS stores and warehouses, order stores, payment methods. */
export async function remoteChoices(ctx: ServiceContext, connection: ConnectionRecord) {
  return withSmaregi(ctx, connection, async (client) => {
    const [stores, orderStores, paymentMethods] = await Promise.all([client.listStores(), client.listOrderStores(), client.listPaymentMethods()]);
    return {
      stores: stores.map((st) => ({ storeId: st.storeId, storeName: st.storeName, warehouse: isWarehouse(st) })),
      orderStores: orderStores.map((o) => ({ storeId: o.storeId, storeName: o.storeName, sellDivision: o.sellDivision, warehouseStoreId: o.warehouseStoreId ?? null })),
      paymentMethods: paymentMethods.map((p) => ({ paymentMethodId: p.paymentMethodId, paymentMethodName: p.paymentMethodName })),
    };
  }).catch(upstream);
}
