/**
 * What the 旺店通 screens work out without the DOM: the setup form → POST /api/connections body
 * (credentials checked here because the connection API takes any map of them; everything else is
 * the worker's to validate), a link's settings with one change, its checklist split into what the
 * API checked and what the implementer ticks, the latest run of each of its jobs, and its dead
 * letters. Pure, so it is tested in Node.
 */
import type { ApiIssue } from "./api";
import type { Connection } from "./types";
import type { WangdianKey } from "./wangdian-messages";

export const WANGDIAN_KIND = "wangdian";

/** The link's jobs in the order the status page lists them (worker/connectors/wangdian/*). */
export const SALES_CADENCES = ["minute", "ten_minutes"] as const;
export const STOCKTAKE_AS = ["stocktake", "adjustments"] as const;
export const MASTERS = ["erp", "stores"] as const;
export type StockMaster = (typeof MASTERS)[number];

/** The settings as the worker keeps them (worker/connectors/wangdian/settings.ts), read loosely. */
export interface WangdianSettings {
  shopNo: string;
  locationIds: string[];
  salesCadence: (typeof SALES_CADENCES)[number];
  walkInBuyer: string;
  defectiveReturnsToErp: boolean;
  stocktakeAs: (typeof STOCKTAKE_AS)[number];
  erpDataSync: boolean;
  stockMaster: StockMaster | null;
  ticked: Record<string, boolean>;
}

export function readSettings(raw: Record<string, unknown>): WangdianSettings {
  const pick = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
  return {
    shopNo: typeof raw.shopNo === "string" ? raw.shopNo : "",
    locationIds: Array.isArray(raw.locationIds) ? raw.locationIds.filter((id): id is string => typeof id === "string") : [],
    salesCadence: pick(raw.salesCadence, SALES_CADENCES, "minute"),
    walkInBuyer: typeof raw.walkInBuyer === "string" ? raw.walkInBuyer : "门店散客",
    defectiveReturnsToErp: raw.defectiveReturnsToErp === true,
    stocktakeAs: pick(raw.stocktakeAs, STOCKTAKE_AS, "stocktake"),
    erpDataSync: raw.erpDataSync === true,
    stockMaster: raw.stockMaster === "erp" || raw.stockMaster === "stores" ? raw.stockMaster : null,
    ticked: raw.ticked && typeof raw.ticked === "object" ? { ...(raw.ticked as Record<string, boolean>) } : {},
  };
}

/** The whole settings object with one hand check ticked or not (PUT replaces the settings). */
export const withTick = (settings: WangdianSettings, key: string, on: boolean): WangdianSettings => ({ ...settings, ticked: { ...settings.ticked, [key]: on } });

export interface SetupDraft {
  name: string;
  baseUrl: string;
  sid: string;
  appkey: string;
  appsecret: string;
  shopNo: string;
  locationIds: string[];
  salesCadence: WangdianSettings["salesCadence"];
  walkInBuyer: string;
  defectiveReturnsToErp: boolean;
  stocktakeAs: WangdianSettings["stocktakeAs"];
  erpDataSync: boolean;
  stockMaster: StockMaster | "";
}

export const emptySetup = (): SetupDraft => ({
  name: "旺店通ERP",
  baseUrl: "",
  sid: "",
  appkey: "",
  appsecret: "",
  shopNo: "",
  locationIds: [],
  salesCadence: "minute",
  walkInBuyer: "门店散客",
  defectiveReturnsToErp: false,
  stocktakeAs: "stocktake",
  erpDataSync: false,
  stockMaster: "",
});

export interface SetupIssue {
  path: (string | number)[];
  message: WangdianKey;
}

/**
 * The connection to create. Paths of the local issues are the body paths the worker uses, so the
 * form places its own and the worker's messages the same way.
 */
export function toConnectionInput(draft: SetupDraft) {
  const issues: SetupIssue[] = [];
  for (const key of ["sid", "appkey", "appsecret"] as const) {
    if (!draft[key].trim()) issues.push({ path: ["credentials", key], message: "wd.required" });
  }
  if (!draft.baseUrl.trim()) issues.push({ path: ["baseUrl"], message: "wd.required" });
  const input = {
    kind: WANGDIAN_KIND,
    name: draft.name.trim() || "旺店通ERP",
    baseUrl: draft.baseUrl.trim().replace(/\/+$/, ""),
    credentials: { sid: draft.sid.trim(), appkey: draft.appkey.trim(), appsecret: draft.appsecret.trim() },
    settings: {
      shopNo: draft.shopNo,
      locationIds: draft.locationIds,
      salesCadence: draft.salesCadence,
      walkInBuyer: draft.walkInBuyer,
      defectiveReturnsToErp: draft.defectiveReturnsToErp,
      stocktakeAs: draft.stocktakeAs,
      erpDataSync: draft.erpDataSync,
      stockMaster: draft.stockMaster || null,
    },
  };
  return { input, issues };
}

/** An issue's messages for a form: our keys translated, the worker's text as it came. */
export const localIssues = (issues: readonly SetupIssue[], t: (key: WangdianKey) => string): ApiIssue[] => issues.map((i) => ({ path: [...i.path], message: t(i.message) }));

type Check = NonNullable<Connection["checks"]>["items"][number];

/** API-checked items (ok true / false) and the hand checklist (ok null), in the worker's order. */
export function splitChecks(connection: Pick<Connection, "checks">): { api: Check[]; hand: Check[] } {
  const items = connection.checks?.items ?? [];
  return { api: items.filter((i) => i.ok !== null), hand: items.filter((i) => i.ok === null) };
}

/** "inserted 3 · skipped 1" from a run's counts, zeros left out. */
const EXPORT_EVENTS = ["sale", "goods_in", "goods_out", "stocktake"] as const;
const NAMED_KINDS = ["return", "exchange", "receipt", "inbound", "other_out", "transfer", "stocktake_submission", "reversal"] as const;
const among = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/**
 * What an export is, in words: a sale goes as a 销售单; any other document as the store document
 * it is, then what the ERP gets (退货单 → 其他入库, 调拨单 → 其他出库). Dictionary keys; the
 * translator reads an unknown value (a kind added since) as itself.
 */
export function exportWords(kind: string, event: string, origin: string | null = null): { document: string | null; erp: string } {
  const erp = among(EXPORT_EVENTS, event) ? (`wd.exportAs.${event}` as const) : event;
  if (kind === "sale" && event === "sale") return { document: null, erp };
  // the receipt of a delivery imported from a file (入库单导入)
  if (kind === "receipt" && origin === "file") return { document: "wd.docKind.inboundImport", erp };
  return { document: among(NAMED_KINDS, kind) ? (`wd.docKind.${kind}` as const) : kind, erp };
}

export const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n !== 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(" · ");
