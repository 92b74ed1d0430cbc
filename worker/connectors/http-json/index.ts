/**
 * 汎用HTTP連携 — a generic HTTP stock link for systems that speak a small JSON contract (a
 * merchant's own WMS, a custom shop). It is also the hub's reference connector: the real systems
 * (Smaregi, NextEngine, RMS, RSL, 旺店通) follow the same shape.
 */
import { registerConnector } from "../../connections/registry";
import { clientFor } from "./jobs";
import { toWireStock } from "./mapping";
import { HttpJsonSettings } from "./settings";

registerConnector({
  kind: "http-json",
  label: { ja: "汎用HTTP連携", zh: "通用HTTP对接", en: "Generic HTTP" },
  settings: HttpJsonSettings,
  stock: {
    async push(ctx, connection, items, idempotencyKey) {
      const settings = HttpJsonSettings.parse(connection.settings);
      if (!settings.pushStock) return;
      const client = await clientFor(ctx, connection);
      await client.pushStock(toWireStock(items, settings), idempotencyKey);
    },
  },
});
