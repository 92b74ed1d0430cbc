/**
 * What the 旺店通 screens share: their translators (wangdian-messages.ts, then the shared
 * dictionary; `label` puts the seed's Chinese term first), the page head with the link's state
 * and the ERP's last message, and the check / cross of an API-checked item.
 */
import type { ComponentChildren } from "preact";
import { useCallback } from "preact/hooks";
import { apiGet, apiPut } from "../api";
import type { Vars } from "../i18n";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import type { Connection } from "../types";
import { translateWangdian, translateWangdianLabel, type WangdianAnyKey } from "../wangdian-messages";

export type WangdianT = (key: WangdianAnyKey, vars?: Vars) => string;

export function useWangdianT(): { t: WangdianT; label: WangdianT } {
  const { lang } = useLang();
  const t = useCallback((key: WangdianAnyKey, vars?: Vars) => translateWangdian(lang, key, vars), [lang]);
  const label = useCallback((key: WangdianAnyKey, vars?: Vars) => translateWangdianLabel(lang, key, vars), [lang]);
  return { t, label };
}

/** The settings saves of this page, one after another (see patchSettings). */
let saving: Promise<unknown> = Promise.resolve();

/**
 * Saves some of a link's settings. PUT replaces them all, so the rest are read fresh first, and
 * saves run one at a time: a tick still on its way cannot be undone by the master chosen just
 * after it (both would otherwise read the settings before either was written).
 */
export function patchSettings(id: string, patch: Record<string, unknown>): Promise<Connection> {
  const path = `/api/connections/${encodeURIComponent(id)}`;
  const save = saving.then(async () => {
    const current = await apiGet<Connection>(path);
    return apiPut<Connection>(`${path}/settings`, { ...current.settings, ...patch });
  });
  saving = save.catch(() => undefined);
  return save;
}

export const statusClass = (status: Connection["status"]) => `run run--${status === "started" ? "succeeded" : status === "stopped" ? "failed" : "queued"}`;

export function WangdianPage({ connection, children }: { connection?: Connection; children: ComponentChildren }) {
  const { t, label } = useWangdianT();
  return (
    <section>
      <p>
        <Link href={pathFor("connections")}>← {t("wd.back")}</Link>
      </p>
      <h1>
        {label("wd.title")}
        {connection && <span class="muted"> — {connection.name}</span>}
      </h1>
      {connection && (
        <p>
          {label("wd.status")}: <span class={statusClass(connection.status)} data-testid="wd-status">{label(`connStatus.${connection.status}`)}</span>
        </p>
      )}
      {connection?.lastError && (
        <div class="notice notice--error" role="alert">
          <p>
            {label("wd.lastError")}: <strong lang="zh">{connection.lastError}</strong>
          </p>
        </div>
      )}
      {children}
    </section>
  );
}

export function CheckMark({ ok }: { ok: boolean }) {
  const { t } = useWangdianT();
  return (
    <span class={ok ? "run run--succeeded" : "run run--failed"} aria-label={t(ok ? "wd.ok" : "wd.ng")}>
      {ok ? "✓" : "✗"}
    </span>
  );
}
