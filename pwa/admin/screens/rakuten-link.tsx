/**
 * API接続設定 and 受注取込設定 of a Rakuten link. The license key expires every 90 days: its expiry is
 * read from RMS and warned ahead (the days are the link's setting), re-checked on demand, and a
 * reissued key is entered here — then verified at once, so the merchant sees whether it works.
 */
import { useState } from "preact/hooks";
import { apiPost, apiPut } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useApiGet, useLookup } from "../data";
import { issuesByPath } from "../form-issues";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { draftOf, settingsOf, type LinkStatus, type SettingsDraft } from "../rakuten-logic";
import type { RakutenKey } from "../rakuten-messages";
import { hasRole, useSession } from "../session";
import type { Channel, Connection, Items } from "../types";
import { CallGapForm } from "./rakuten-call-gap";
import { useRakutenT } from "./rakuten-parts";

const base = (id: string) => `/api/rakuten/links/${encodeURIComponent(id)}`;

export function LinkSection({ connection, onChanged }: { connection: Connection; onChanged: () => void }) {
  const t = useRakutenT();
  const { lang } = useLang();
  const { me } = useSession();
  const status = useApiGet<LinkStatus>(`${base(connection.id)}/status`);
  const connections = useApiGet<Items<Connection>>("/api/connections");
  const check = useAction();
  const [credentials, setCredentials] = useState({ serviceSecret: "", licenseKey: "" });
  const [saved, setSaved] = useState(false);
  const update = useAction();
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const license = status.data?.license;
  const rslId = connection.settings.rslConnectionId as string | null | undefined;
  const rsl = connections.data?.items.find((c) => c.id === rslId);

  async function saveCredentials(event: Event) {
    event.preventDefault();
    setSaved(false);
    const done = await update.run(async () => {
      await apiPut(`/api/connections/${encodeURIComponent(connection.id)}/credentials`, credentials);
      await apiPost(`/api/connections/${encodeURIComponent(connection.id)}/verify`);
      return true;
    });
    if (done) {
      setSaved(true);
      setCredentials({ serviceSecret: "", licenseKey: "" });
      status.reload();
      onChanged();
    }
  }
  const issues = issuesByPath(update.error);

  return (
    <>
      <div class="card">
        <h2>{t("rk.tab.link")}</h2>
        <dl class="facts">
          <dt>{t("rk.status")}</dt>
          <dd>{t(`connStatus.${connection.status}`)}</dd>
          <dt>{t("rk.license")}</dt>
          <dd data-testid="license-expiry">
            {license?.expiresAt ? t("rk.license.left", { date: when(license.expiresAt), days: license.daysLeft ?? 0 }) : t("rk.license.unknown")}
            {license?.checkedAt && <div class="muted">{t("rk.license.checked", { at: when(license.checkedAt) })}</div>}
          </dd>
          <dt>{t("rk.rsl")}</dt>
          <dd>{rsl ? `${rsl.name} (${t(`connStatus.${rsl.status}`)})` : t("rk.rslNone")}</dd>
        </dl>
        {status.data && <p class="muted">{t("rk.counts", status.data.counts)}</p>}
        {license?.state === "warning" && (
          <p class="notice notice--warn" role="alert">
            {t("rk.license.warning", { days: license.daysLeft ?? 0 })}
          </p>
        )}
        {license?.state === "expired" && (
          <p class="notice notice--error" role="alert">
            {t("rk.license.expired")}
          </p>
        )}
        {connection.lastError && (
          <div class="notice notice--error" role="alert">
            <p>
              <strong>{t("rk.lastError")}</strong>: {connection.lastError}
            </p>
          </div>
        )}
        <FormErrors error={check.error} />
        {hasRole(me, "manager") && (
          <p>
            <button
              type="button"
              disabled={check.busy}
              onClick={() =>
                void check.run(async () => {
                  await apiPost(`${base(connection.id)}/license/check`);
                  status.reload();
                  onChanged();
                })
              }
            >
              {check.busy ? t("state.working") : t("rk.license.check")}
            </button>
          </p>
        )}
      </div>
      <CallGapForm connection={connection} onSaved={onChanged} />
      {hasRole(me, "owner") && (
        <form class="card form" onSubmit={saveCredentials}>
          <h2>{t("rk.credentials.update")}</h2>
          <FormErrors error={update.error} shownPaths={["credentials.serviceSecret", "credentials.licenseKey", "credentials"]} />
          {saved && <OkNotice>{t("rk.credentials.saved")}</OkNotice>}
          <Field label={t("rk.serviceSecret")} errors={issues.get("credentials.serviceSecret")}>
            <input autoComplete="off" value={credentials.serviceSecret} onInput={(e) => setCredentials((c) => ({ ...c, serviceSecret: e.currentTarget.value }))} />
          </Field>
          <Field label={t("rk.licenseKey")} hint={t("rk.licenseKeyHint")} errors={[...(issues.get("credentials.licenseKey") ?? []), ...(issues.get("credentials") ?? [])]}>
            <input type="password" autoComplete="new-password" value={credentials.licenseKey} onInput={(e) => setCredentials((c) => ({ ...c, licenseKey: e.currentTarget.value }))} />
          </Field>
          <FormActions label={t("rk.credentials.update")} busy={update.busy} disabled={!credentials.serviceSecret || !credentials.licenseKey} />
        </form>
      )}
    </>
  );
}

/** API呼び出し間隔 (callIntervalMs) is on API接続設定 (rakuten-call-gap.tsx); this form keeps its saved value. */
const NUMBER_FIELDS = ["importIntervalMinutes", "importDays", "licenseWarnDays"] as const;

export function SettingsSection({ connection, onSaved }: { connection: Connection; onSaved: () => void }) {
  const t = useRakutenT();
  const { me } = useSession();
  const channels = useLookup<Items<Channel>>("/api/channels");
  const connections = useApiGet<Items<Connection>>("/api/connections");
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(connection.settings));
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const issues = issuesByPath(save.error);
  const errors = (key: string) => issues.get(`settings.${key}`);
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const label = (key: string) => t(`rk.set.${key}` as RakutenKey);
  const canEdit = hasRole(me, "manager");

  async function submit(event: Event) {
    event.preventDefault();
    const done = await save.run(() => apiPut<Connection>(`/api/connections/${encodeURIComponent(connection.id)}/settings`, settingsOf(draft)));
    if (done) {
      setSaved(true);
      onSaved();
    }
  }

  return (
    <form class="card form" onSubmit={submit}>
      <h2>{t("rk.tab.settings")}</h2>
      <FormErrors error={save.error} shownPaths={Object.keys(draft).map((k) => `settings.${k}`)} />
      {saved && <OkNotice>{t("rk.set.saved")}</OkNotice>}
      <fieldset disabled={!canEdit}>
        <Field label={label("channelId")} errors={errors("channelId")}>
          <select value={draft.channelId} onChange={(e) => set("channelId", e.currentTarget.value)}>
            <option value="" />
            {channels.data?.items.map((c) => (
              <option value={c.id}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </Field>
        <Field label={label("rslConnectionId")} errors={errors("rslConnectionId")}>
          <select value={draft.rslConnectionId} onChange={(e) => set("rslConnectionId", e.currentTarget.value)}>
            <option value="">{t("rk.rslNone")}</option>
            {connections.data?.items
              .filter((c) => c.kind === "rsl")
              .map((c) => (
                <option value={c.id}>{c.name}</option>
              ))}
          </select>
        </Field>
        {NUMBER_FIELDS.map((key) => (
          <Field label={label(key)} errors={errors(key)}>
            <input inputMode="numeric" value={draft[key]} onInput={(e) => set(key, e.currentTarget.value)} />
          </Field>
        ))}
        <Field label={label("importProgress")} errors={errors("importProgress")} group>
          {([100, 300] as const).map((p) => (
            <label class="check">
              <input
                type="checkbox"
                checked={draft.importProgress.includes(p)}
                onChange={(e) => set("importProgress", e.currentTarget.checked ? [...draft.importProgress, p].sort() : draft.importProgress.filter((x) => x !== p))}
              />{" "}
              {t(`rk.set.progress${p}`)}
            </label>
          ))}
        </Field>
        <Field label={label("asurakuCutoff")} errors={errors("asurakuCutoff")}>
          <input value={draft.asurakuCutoff} placeholder="15:29" onInput={(e) => set("asurakuCutoff", e.currentTarget.value)} />
        </Field>
        {(["autoConfirm", "autoForward"] as const).map((key) => (
          <Field label={label(key)} errors={errors(key)}>
            <input type="checkbox" checked={draft[key]} onChange={(e) => set(key, e.currentTarget.checked)} />
          </Field>
        ))}
      </fieldset>
      {canEdit && <FormActions label={t("rk.set.save")} busy={save.busy} />}
    </form>
  );
}
