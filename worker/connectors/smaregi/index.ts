/**
 * スマレジ連携 (seed 000): Renkei as the order / stock manager beside the Smaregi cloud POS.
 * Registers the connector (settings, stock push, setup checks), its jobs (product import, sending
 * orders, bulk shipment push, re-check of lost bulk callbacks), its webhook job, the instant send of
 * new orders (send-on-create.ts), and — through allocation.ts —
 * its stock source and the 在庫引当自動照会 order action.
 */
import { registerConnector } from "../../connections/registry";
import { registerJob } from "../../sync/jobs";
import { importNewProducts, IMPORT_PRODUCTS_JOB } from "./products";
import { SmaregiSettings } from "./settings";
import { applySmaregiSettings, beforeSmaregiStart, verifySmaregi } from "./setup";
import { SMAREGI } from "./link";
import { pushShippedOrders, SHIP_ORDERS_JOB } from "./shipments";
import { SEND_ORDERS_JOB, sendOrders } from "./orders";
import { pushStock, recheckStaleBulk } from "./stock";
import { RECHECK_BULK_JOB } from "./schedules";
import { queueReconciliation } from "./reconcile";
import "./allocation";
import "./webhooks";
import "./send-on-create";

registerConnector({
  kind: SMAREGI,
  label: { ja: "スマレジ連携", zh: "Smaregi 对接", en: "Smaregi" },
  settings: SmaregiSettings,
  stock: { push: pushStock },
  verify: verifySmaregi,
  applySettings: applySmaregiSettings,
  beforeStart: beforeSmaregiStart,
  afterStart: queueReconciliation,
});

registerJob({
  name: IMPORT_PRODUCTS_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => importNewProducts(ctx, connection!),
});

registerJob({
  name: SEND_ORDERS_JOB,
  needsConnection: true,
  async handler({ ctx, connection }) {
    const outcome = await sendOrders(ctx, connection!);
    return { sent: outcome.sent.length, skipped: outcome.skipped.length };
  },
});

registerJob({
  name: SHIP_ORDERS_JOB,
  needsConnection: true,
  async handler({ ctx, connection }) {
    const outcome = await pushShippedOrders(ctx, connection!);
    return { shipped: outcome.shipped.length, skipped: outcome.skipped.length };
  },
});

registerJob({
  name: RECHECK_BULK_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => recheckStaleBulk(ctx, connection!),
});
