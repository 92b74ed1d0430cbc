/**
 * API呼び出し間隔 on API接続設定: the gap Renkei keeps between two RMS calls, with what it means. The
 * worker refuses a gap under RMS's assumed limit (one call a second per shop) for a link to the real
 * RMS and names the field; a sandbox link may go lower, and the form then says it is under the limit.
 */
import { useState } from "preact/hooks";
import { apiPut } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { issuesByPath } from "../form-issues";
import { hasRole, useSession } from "../session";
import type { Connection } from "../types";
import { useRakutenT } from "./rakuten-parts";

/** RMS's assumed limit as a gap (worker/connectors/rakuten/settings.ts RMS_MIN_CALL_INTERVAL_MS). */
const RMS_MIN_GAP_MS = 1000;

export function CallGapForm({ connection, onSaved }: { connection: Connection; onSaved: () => void }) {
  const t = useRakutenT();
  const { me } = useSession();
  const [value, setValue] = useState(String(connection.settings.callIntervalMs ?? RMS_MIN_GAP_MS));
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const issues = issuesByPath(save.error);
  const typed = value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
  const current = Number(connection.settings.callIntervalMs ?? RMS_MIN_GAP_MS);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const done = await save.run(() => apiPut<Connection>(`/api/connections/${encodeURIComponent(connection.id)}/settings`, { ...connection.settings, callIntervalMs: typed }));
    if (done) {
      setSaved(true);
      onSaved();
    }
  }

  return (
    <form class="card form" onSubmit={submit} data-testid="call-gap">
      <h2>{t("rk.set.callIntervalMs")}</h2>
      <p class="muted">{t("rk.gap.meaning", { min: RMS_MIN_GAP_MS })}</p>
      <FormErrors error={save.error} shownPaths={["settings.callIntervalMs"]} />
      {saved && <OkNotice>{t("rk.gap.saved")}</OkNotice>}
      {current < RMS_MIN_GAP_MS && (
        <p class="notice notice--warn" role="alert">
          {t("rk.gap.belowLimit")}
        </p>
      )}
      <fieldset disabled={!hasRole(me, "manager")}>
        <Field label={t("rk.set.callIntervalMs")} errors={issues.get("settings.callIntervalMs")}>
          <input inputMode="numeric" value={value} onInput={(e) => (setSaved(false), setValue(e.currentTarget.value))} />
        </Field>
        <FormActions label={t("rk.gap.save")} busy={save.busy} />
      </fieldset>
    </form>
  );
}
