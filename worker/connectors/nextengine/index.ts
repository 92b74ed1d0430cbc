/**
 * ネクストエンジン — Renkei as the warehouse (WMS) beside the NextEngine OMS (seed 001): orders come
 * in for shipping, 出荷確定 goes back (① / ②), stock changes at linked locations go up as deltas
 * (③ / ④). Registers the settings, the login check, and the jobs and order action it offers.
 */
import { registerConnector } from "../../connections/registry";
import { invalid } from "../../errors";
import { NEXTENGINE_KIND } from "./connect";
import { withLink } from "./link";
import "./order-import";
import { NextEngineSettings } from "./settings";
import "./shipment-report";
import "./shipment-replay";
import "./stock-upload";

registerConnector({
  kind: NEXTENGINE_KIND,
  label: { ja: "ネクストエンジン", zh: "NextEngine", en: "NextEngine" },
  settings: NextEngineSettings,
  async verify(ctx, connection) {
    const company = await withLink(ctx, connection, ({ client }) => client.companyInfo());
    return {
      ok: !!company,
      checkedAt: new Date().toISOString(),
      items: [{ key: "login", label: { ja: "ネクストエンジンにログイン済み", zh: "已登录NextEngine", en: "Logged in to NextEngine" }, ok: !!company, detail: company?.company_name ?? undefined }],
    };
  },
  /** 拠点設定 and 出荷拠点 name Renkei locations: each must exist. */
  async applySettings(ctx, _connection, settings) {
    const s = settings as NextEngineSettings;
    const ids = [...new Set([...s.syncedLocationIds, ...(s.shippingLocationId ? [s.shippingLocationId] : [])])];
    if (!ids.length) return;
    const found = new Set(
      (await ctx.db.all<{ id: string }>("SELECT id FROM locations WHERE merchant_id = ?1 AND id IN (SELECT value FROM json_each(?2))", JSON.stringify(ids))).map((r) => r.id),
    );
    const issues = [
      ...s.syncedLocationIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: ["settings", "syncedLocationIds", i], message: "拠点が見つかりません (no such location)" }])),
      ...(s.shippingLocationId && !found.has(s.shippingLocationId) ? [{ path: ["settings", "shippingLocationId"], message: "拠点が見つかりません (no such location)" }] : []),
    ];
    if (issues.length) throw invalid("invalid settings", issues);
  },
});
