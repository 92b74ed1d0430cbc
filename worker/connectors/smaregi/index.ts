/**
 * スマレジ連携 (seed 000): Renkei as the order / stock manager beside the Smaregi cloud POS.
 * Registers the connector (settings, stock push, setup checks), its jobs and its webhook job.
 */
import { registerConnector } from "../../connections/registry";
import { registerJob } from "../../sync/jobs";
import { importNewProducts, IMPORT_PRODUCTS_JOB } from "./products";
import { SmaregiSettings } from "./settings";
import { applySmaregiSettings, beforeSmaregiStart, verifySmaregi } from "./setup";
import { SMAREGI } from "./link";
import { pushStock } from "./stock";
import "./webhooks";

registerConnector({
  kind: SMAREGI,
  label: { ja: "スマレジ連携", zh: "Smaregi 对接", en: "Smaregi" },
  settings: SmaregiSettings,
  stock: { push: pushStock },
  verify: verifySmaregi,
  applySettings: applySmaregiSettings,
  beforeStart: beforeSmaregiStart,
});

registerJob({
  name: IMPORT_PRODUCTS_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => importNewProducts(ctx, connection!),
});
