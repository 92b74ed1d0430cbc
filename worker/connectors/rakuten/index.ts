/**
 * 楽天市場 (RMS) as an order source, with RSL as the warehouse (seed 002): registers the connector
 * (settings, verification, start rules) and its three jobs — 受注取込 + 注文確認, RSL自動出荷依頼,
 * and RSL's results written back to RMS.
 */
import { registerConnector } from "../../connections/registry";
import { registerOrderEndGuard } from "../../orders/lifecycle";
import { registerJob } from "../../sync/jobs";
import { forwardToRsl } from "./forward";
import { importRakutenOrders } from "./import-orders";
import { applyRakutenSettings, FORWARD_JOB, IMPORT_JOB, RESULTS_JOB, startRakuten, verifyRakuten } from "./link";
import { pullRslResults } from "./results";
import { RakutenSettings } from "./settings";
import { takeBackFromRsl } from "./take-back";

registerConnector({
  kind: "rakuten",
  label: { ja: "楽天市場 (RMS)", zh: "乐天市场 (RMS)", en: "Rakuten Ichiba (RMS)" },
  settings: RakutenSettings,
  verify: verifyRakuten,
  applySettings: applyRakutenSettings,
  beforeStart: startRakuten,
});

// cancel / delete in Renkei of an order requested at RSL takes it back from RSL first, or is refused
registerOrderEndGuard((ctx, orderIds) => takeBackFromRsl(ctx, orderIds));

/** Schedules keep firing while a link is stopped; a stopped link does nothing (and says so in the run). */
const started = (status: string) => status === "started";

registerJob({
  name: IMPORT_JOB,
  needsConnection: true,
  handler: ({ ctx, connection, runId }) => (started(connection!.status) ? importRakutenOrders(ctx, connection!, runId) : Promise.resolve({ skipped: 1 })),
});

registerJob({
  name: FORWARD_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => (started(connection!.status) ? forwardToRsl(ctx, connection!) : Promise.resolve({ skipped: 1 })),
});

registerJob({
  name: RESULTS_JOB,
  needsConnection: true,
  handler: ({ ctx, connection }) => (started(connection!.status) ? pullRslResults(ctx, connection!) : Promise.resolve({ skipped: 1 })),
});
