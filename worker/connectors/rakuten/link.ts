/**
 * API接続設定 of a Rakuten link: the RMS and RSL clients built from sealed credentials, the
 * license key's expiry (read from RMS, warned ahead, an expired key stops the link with a clear
 * message), the link's checks, and the rules between its settings and Renkei's data.
 */
import type { LinkChecks } from "../../../shared/schemas/sync";
import { connectionCredentials, loadConnection, recordConnectionError, type ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { invalid, ServiceError } from "../../errors";
import { notFoundMessage } from "../../messages";
import { createSchedule, deleteSchedule } from "../../sync/schedules";
import { HttpRslClient, type RslClient } from "../rsl/client";
import { RslSettings } from "../rsl/settings";
import { RakutenClient, RMS_BASE_URL } from "./client";
import { RmsAuthError } from "./errors";
import { RakutenSettings, RMS_MIN_CALL_INTERVAL_MS } from "./settings";

const DAY_MS = 86_400_000;

export const EXPIRED_MESSAGE =
  "楽天RMSのライセンスキーの有効期限が切れたため、連携を停止しました。RMSでライセンスキーを再発行し、API接続設定で更新してください (the RMS license key expired: reissue it in RMS and update it here)";
export const REFUSED_MESSAGE =
  "楽天RMSが認証を拒否したため、連携を停止しました。serviceSecret / licenseKey と RMS の利用機能設定を確認してください (RMS refused the credentials: check them and the enabled API functions)";

export async function rmsClientFor(ctx: ServiceContext, connection: ConnectionRecord) {
  const credentials = await connectionCredentials(ctx, connection.id);
  const settings = RakutenSettings.parse(connection.settings);
  return new RakutenClient({
    baseUrl: connection.baseUrl ?? undefined,
    serviceSecret: credentials.serviceSecret ?? "",
    licenseKey: credentials.licenseKey ?? "",
    // a gap saved before the floor existed never goes under RMS's limit either
    minIntervalMs: talksToRms(connection) ? Math.max(settings.callIntervalMs, RMS_MIN_CALL_INTERVAL_MS) : settings.callIntervalMs,
  });
}

/** How long in all one job's RSL call waits out 429s (RSL's assumed Retry-After is 1 s) before the queue's back-off takes over. */
export const RSL_THROTTLE_WAIT_MS = 30_000;

/**
 * The RSL client at the pace of the RSL link's settings (RSLへの送信ペース). `timeoutMs`: how long one
 * call waits for RSL's answer (jobs keep the client's default; a merchant's request waits less, and
 * does not wait out a 429 either: it answers "try again").
 */
export async function rslClientFor(ctx: ServiceContext, rslConnectionId: string, timeoutMs?: number): Promise<RslClient> {
  const connection = await loadConnection(ctx, rslConnectionId);
  if (!connection || connection.kind !== "rsl") throw new Error(`RSL link ${rslConnectionId} not found`);
  if (!connection.baseUrl) throw new Error("RSL link has no base URL");
  const credentials = await connectionCredentials(ctx, connection.id);
  const { requestsPerSecond } = RslSettings.parse(connection.settings);
  return new HttpRslClient(connection.baseUrl, credentials.apiKey ?? "", undefined, timeoutMs, {
    requestsPerSecond,
    maxThrottleWaitMs: timeoutMs === undefined ? RSL_THROTTLE_WAIT_MS : 0,
  });
}

export type LicenseState = "ok" | "warning" | "expired" | "unknown";

export function licenseState(expiresAt: string | null, warnDays: number, now = Date.now()): { state: LicenseState; daysLeft: number | null } {
  if (!expiresAt) return { state: "unknown", daysLeft: null };
  const left = Date.parse(expiresAt) - now;
  const daysLeft = Math.floor(left / DAY_MS);
  return { state: left <= 0 ? "expired" : daysLeft < warnDays ? "warning" : "ok", daysLeft: Math.max(0, daysLeft) };
}

export async function storedLicense(ctx: ServiceContext, connectionId: string) {
  return ctx.db.first<{ expires_at: string; checked_at: string }>("SELECT expires_at, checked_at FROM rakuten_licenses WHERE merchant_id = ?1 AND connection_id = ?2", connectionId);
}

/** Reads the key's expiry from RMS (license-management API) and keeps it. */
export async function checkLicense(ctx: ServiceContext, connection: ConnectionRecord, client: RakutenClient) {
  const expiresAt = (await client.getLicenseExpiry()).toISOString();
  await ctx.db.run(
    `INSERT INTO rakuten_licenses (merchant_id, connection_id, expires_at, checked_at) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (connection_id) DO UPDATE SET expires_at = excluded.expires_at, checked_at = excluded.checked_at`,
    connection.id,
    expiresAt,
    nowIso(),
  );
  return expiresAt;
}

/**
 * Runs RMS work; a refused key stops the link with a clear message instead of being retried every
 * few minutes (the queue would only collect dead letters). The expiry Renkei read tells "expired"
 * from "wrong".
 */
export async function withRms<T>(ctx: ServiceContext, connection: ConnectionRecord, work: () => Promise<T>, now = Date.now()): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RmsAuthError)) throw error;
    const license = await storedLicense(ctx, connection.id);
    const expired = license && Date.parse(license.expires_at) <= now;
    const message = expired ? EXPIRED_MESSAGE : REFUSED_MESSAGE;
    await recordConnectionError(ctx, connection.id, `${message} [${error.code}]`, true);
    throw new Error(message);
  }
}

const LABELS = {
  credentials: { ja: "API接続 (serviceSecret / licenseKey)", zh: "API连接 (serviceSecret / licenseKey)", en: "API credentials" },
  license: { ja: "ライセンスキーの有効期限", zh: "许可密钥有效期", en: "License key expiry" },
  rsl: { ja: "出荷依頼先 (RSL)", zh: "发货委托方 (RSL)", en: "RSL link" },
};

/** The verify hook: the license API is the harmless call (it reads, and proves the key works). */
export async function verifyRakuten(ctx: ServiceContext, connection: ConnectionRecord): Promise<LinkChecks> {
  const settings = RakutenSettings.parse(connection.settings);
  const client = await rmsClientFor(ctx, connection);
  let expiresAt: string;
  try {
    expiresAt = await checkLicense(ctx, connection, client);
  } catch (error) {
    if (error instanceof RmsAuthError) {
      throw invalid("楽天RMSに接続できません (RMS refused the credentials)", [
        { path: ["credentials", "licenseKey"], message: `serviceSecret / licenseKey が正しくないか、ライセンスキーの有効期限切れです (${error.code})` },
      ]);
    }
    throw error;
  }
  const license = licenseState(expiresAt, settings.licenseWarnDays);
  const items = [
    { key: "credentials", label: LABELS.credentials, ok: true },
    {
      key: "license",
      label: LABELS.license,
      ok: license.state !== "expired",
      detail: `${expiresAt} (残り${license.daysLeft}日 / ${license.daysLeft} days left)`,
    },
    { key: "rsl", label: LABELS.rsl, ok: true, ...(settings.rslConnectionId ? {} : { detail: "未設定: 出荷依頼は行われません (not set: nothing is sent to RSL)" }) },
  ];
  return { ok: items.every((i) => i.ok !== false), checkedAt: nowIso(), items };
}

/**
 * ライセンスキーの再確認 (after the key was reissued in RMS and updated here, or to see the days left):
 * reads the expiry again; a refused key answers a per-field error like verify.
 */
export async function recheckLicense(ctx: ServiceContext, connection: ConnectionRecord) {
  try {
    return await checkLicense(ctx, connection, await rmsClientFor(ctx, connection));
  } catch (error) {
    if (!(error instanceof RmsAuthError)) throw error;
    await recordConnectionError(ctx, connection.id, `${REFUSED_MESSAGE} [${error.code}]`, false);
    throw invalid("楽天RMSに接続できません (RMS refused the credentials)", [
      { path: ["credentials", "licenseKey"], message: `serviceSecret / licenseKey が正しくないか、ライセンスキーの有効期限切れです (${error.code})` },
    ]);
  }
}

/**
 * Whether the link calls the real RMS (no base URL of its own, or RMS's host). A shorter call gap
 * than RMS's limit gains nothing there — RMS answers 429 and the client waits its Retry-After anyway —
 * and only piles up refused calls on the shop's API access, so it is refused (a floor, not a warning:
 * nobody needs it on purpose). A sandbox (the fakes, `npm start`) may go lower to run fast.
 */
export function talksToRms(connection: Pick<ConnectionRecord, "baseUrl">) {
  if (!connection.baseUrl) return true;
  try {
    return new URL(connection.baseUrl).hostname === new URL(RMS_BASE_URL).hostname;
  } catch {
    return true;
  }
}

/** applySettings hook: the channel and the RSL link must be this merchant's, the call gap not under RMS's limit; a new 受注取込間隔 moves the schedule. */
export async function applyRakutenSettings(ctx: ServiceContext, connection: ConnectionRecord, raw: Record<string, unknown>) {
  const settings = RakutenSettings.parse(raw);
  const channel = await ctx.db.first("SELECT id FROM channels WHERE merchant_id = ?1 AND id = ?2", settings.channelId);
  const issues = [];
  if (!channel) issues.push({ path: ["settings", "channelId"], message: notFoundMessage("channel") });
  if (settings.rslConnectionId) {
    const rsl = await ctx.db.first("SELECT id FROM connections WHERE merchant_id = ?1 AND id = ?2 AND kind = 'rsl'", settings.rslConnectionId);
    if (!rsl) issues.push({ path: ["settings", "rslConnectionId"], message: "RSL連携が見つかりません (no such RSL link)" });
  }
  if (settings.callIntervalMs < RMS_MIN_CALL_INTERVAL_MS && talksToRms(connection)) {
    issues.push({
      path: ["settings", "callIntervalMs"],
      message: `API呼び出し間隔は楽天RMSの上限 (1店舗あたり1秒に1回) に合わせ、${RMS_MIN_CALL_INTERVAL_MS}ミリ秒以上にしてください (RMS allows about one call a second per shop: at least ${RMS_MIN_CALL_INTERVAL_MS} ms)`,
    });
  }
  if (issues.length) throw invalid("invalid settings", issues);
  // after start, the schedules follow the settings (a new 受注取込間隔, an RSL link added later)
  await alignSchedules(ctx, connection.id, settings, false);
}

export const IMPORT_JOB = "rakuten.import-orders";
export const FORWARD_JOB = "rakuten.forward-rsl";
export const RESULTS_JOB = "rakuten.pull-results";
/** RSL publishes results in the evening (about 19:00 JST); reading every 10 minutes passes them on at once. */
const RESULTS_EVERY_MINUTES = 10;

/**
 * beforeStart hook: refuses an expired key, and makes sure the link's schedules exist (受注取込 every
 * importIntervalMinutes, RSL results every 10 minutes) so a started link runs every day of the year.
 */
export async function startRakuten(ctx: ServiceContext, connection: ConnectionRecord) {
  const settings = RakutenSettings.parse(connection.settings);
  const license = await storedLicense(ctx, connection.id);
  if (licenseState(license?.expires_at ?? null, settings.licenseWarnDays).state === "expired") {
    throw new ServiceError("CONFLICT", EXPIRED_MESSAGE, [{ path: ["credentials", "licenseKey"], message: "有効期限切れ (expired)" }]);
  }
  await alignSchedules(ctx, connection.id, settings, true);
}

/**
 * The link's schedules as its settings want them: 受注取込 every importIntervalMinutes, and while an
 * RSL link is set, RSL自動出荷依頼 at the same interval and RSL results every 10 minutes. A schedule with another interval is replaced (keeping
 * whether it was enabled). Before the first start (`create` false and none yet) nothing is made.
 */
async function alignSchedules(ctx: ServiceContext, connectionId: string, settings: RakutenSettings, create: boolean) {
  const existing = await ctx.db.all<{ id: string; job: string; interval_minutes: number | null; enabled: number }>(
    "SELECT id, job, interval_minutes, enabled FROM schedules WHERE merchant_id = ?1 AND connection_id = ?2",
    connectionId,
  );
  if (!create && !existing.length) return;
  const wanted = [
    { job: IMPORT_JOB, intervalMinutes: settings.importIntervalMinutes },
    // RSL自動出荷依頼 also on its own schedule (every day of the year, like every interval schedule):
    // an import wakes it at once, the schedule sweeps what became ready later (allocated when stock
    // came, a retry that ended in the dead letters) on weekends and holidays too
    ...(settings.rslConnectionId
      ? [
          { job: FORWARD_JOB, intervalMinutes: settings.importIntervalMinutes },
          { job: RESULTS_JOB, intervalMinutes: RESULTS_EVERY_MINUTES },
        ]
      : []),
  ];
  for (const w of wanted) {
    const mine = existing.filter((s) => s.job === w.job);
    const stale = mine.filter((s) => s.interval_minutes !== w.intervalMinutes);
    for (const s of stale) await deleteSchedule(ctx, s.id);
    if (mine.length > stale.length) continue;
    await createSchedule(ctx, { connectionId, job: w.job, kind: "interval", intervalMinutes: w.intervalMinutes, enabled: mine.length ? mine.some((s) => s.enabled === 1) : true });
  }
}
