/**
 * RSL (楽天スーパーロジスティクス) as a link of its own: an API key and a base URL. It does nothing by
 * itself — a Rakuten link names it as 出荷依頼先 and its jobs use the client.
 */
import type { LinkChecks } from "../../../shared/schemas/sync";
import { connectionCredentials } from "../../connections/connections";
import { registerConnector } from "../../connections/registry";
import { nowIso } from "../../db/ids";
import { invalid } from "../../errors";
import { HttpRslClient, RslError } from "./client";
import { RslSettings } from "./settings";

registerConnector({
  kind: "rsl",
  label: { ja: "楽天スーパーロジスティクス (RSL)", zh: "乐天超级物流 (RSL)", en: "Rakuten Super Logistics (RSL)" },
  settings: RslSettings,
  /** The harmless call: the status of a request key that never exists (404 = the key works). */
  async verify(ctx, connection): Promise<LinkChecks> {
    if (!connection.baseUrl) throw invalid("RSLのURLがありません (no base URL)", [{ path: ["baseUrl"], message: "RSLのAPI URLを入力してください (enter RSL's API URL)" }]);
    const { apiKey = "" } = await connectionCredentials(ctx, connection.id);
    try {
      await new HttpRslClient(connection.baseUrl, apiKey).getStatus("renkei-link-check");
    } catch (error) {
      if (error instanceof RslError && (error.status === 401 || error.status === 403)) {
        throw invalid("RSLに接続できません (RSL refused the API key)", [{ path: ["credentials", "apiKey"], message: `APIキーが正しくありません (${error.code})` }]);
      }
      throw error;
    }
    return { ok: true, checkedAt: nowIso(), items: [{ key: "apiKey", label: { ja: "APIキー", zh: "API密钥", en: "API key" }, ok: true }] };
  },
});
