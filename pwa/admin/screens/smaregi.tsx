/**
 * スマレジ連携設定 (seed 000) for one link, top to bottom in the guide's order:
 * 2.アプリ認証処理 ([認証] → Smaregi's login and [許可] → back here with 「結果:有効化済み」),
 * ■スマレジ連携開始設定 (start / stop; stopped until setup is done, with the preview of what
 * starting does), the settings and §3's mappings, 「商品情報・在庫情報の取得」, Smaregi's webhook
 * address, and disconnecting. The link's last error stays on top until it is fixed.
 * Owners authorize and disconnect, managers set up, everyone else reads.
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { FormErrors, LoadError } from "../components/field";
import { LinkActivity } from "../components/link-activity";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet } from "../data";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import { authorizationResult } from "../smaregi-draft";
import type { Connection } from "../types";
import type { ScreenProps } from "./props";
import { useSettingLabel, useSmaregiT, type Choices } from "./smaregi-parts";
import { SmaregiOrderSend, SmaregiPreview, SmaregiProducts, SmaregiShipments, SmaregiShippingCsv } from "./smaregi-products";
import { SmaregiSales } from "./smaregi-sales";
import { SmaregiSettingsForm } from "./smaregi-settings";
import { SETTING_LABELS } from "../../../shared/smaregi-settings";

export default function SmaregiScreen({ params, search }: ScreenProps) {
  const t = useSmaregiT();
  const label = useSettingLabel();
  const { me } = useSession();
  const isOwner = hasRole(me, "owner");
  const canEdit = hasRole(me, "manager");
  const id = params.id!;
  const path = `/api/connections/${encodeURIComponent(id)}`;
  const loaded = useApiGet<Connection>(path);
  const [fresh, setFresh] = useState<Connection | null>(null);
  const connection = fresh ?? loaded.data;
  const authorized = !!connection && connection.status !== "pending";
  const choices = useApiGet<Choices>(authorized && canEdit ? `/api/smaregi/connections/${encodeURIComponent(id)}/choices` : null);
  const webhook = useApiGet<{ url: string; secretHeader: string; secret: string } | null>(authorized && isOwner ? `/api/smaregi/connections/${encodeURIComponent(id)}/webhook` : null);
  const acting = useAction<string>();
  const returned = authorizationResult(search);

  const authorize = () =>
    acting.run(async () => {
      const { url } = await apiPost<{ url: string }>(`/api/smaregi/connections/${encodeURIComponent(id)}/authorize`);
      window.location.assign(url);
    }, "authorize");
  const setState = (to: "start" | "stop") =>
    acting.run(async () => {
      setFresh(await apiPost<Connection>(`${path}/${to}`));
    }, to);
  const confirmDisconnect = useConfirm(() => ({
    title: t("sm.disconnectTitle"),
    confirmLabel: t("sm.disconnect"),
    danger: true,
    onConfirm: () =>
      void acting.run(async () => {
        setFresh(await apiPost<Connection>(`/api/smaregi/connections/${encodeURIComponent(id)}/disconnect`));
      }, "disconnect"),
    children: <p>{t("sm.disconnectNote")}</p>,
  }));

  if (!connection) {
    return (
      <section>
        <h1>{t("sm.title")}</h1>
        {loaded.loading ? <p class="loading">{t("state.loading")}</p> : <LoadError error={loaded.error} onRetry={loaded.reload} />}
      </section>
    );
  }

  const authCheck = connection.checks?.items.find((i) => i.key === "authorization");
  const setupCheck = connection.checks?.items.find((i) => i.key === "setup");
  // A refused start names the settings at fault: the form shows them in place.
  const startError = acting.doing === null && acting.error && (acting.error as { issues?: unknown[] }).issues ? acting.error : null;

  return (
    <section class="smaregi">
      <p>
        <Link href={pathFor("connections")}>← {t("sm.back")}</Link>
      </p>
      <h1>
        {t("sm.title")} — {connection.name}
      </h1>
      {connection.lastError && (
        <div class="notice notice--error" role="alert">
          <p>
            <strong>{t("sm.lastError")}:</strong> {connection.lastError}
          </p>
        </div>
      )}

      <section class="card" aria-label={t("sm.step.auth")}>
        <h2>{t("sm.step.auth")}</h2>
        {returned && "error" in returned && (
          <p class="notice notice--error" role="alert">
            {returned.error === "access_denied" || returned.error === "state_mismatch" ? t(`sm.error.${returned.error}`) : t("sm.error.other", { reason: returned.error })}
          </p>
        )}
        <p class="smaregi__result" data-testid="smaregi-result">
          <strong>{t("sm.result", { result: authorized ? t("sm.activated") : t("sm.notActivated") })}</strong>
          {authorized && authCheck?.detail && <span class="muted"> {authCheck.detail}</span>}
        </p>
        <p class="muted">{t("sm.authNote")}</p>
        {isOwner && (
          <p>
            <button type="button" class={authorized ? "" : "button--primary"} disabled={acting.busy} onClick={() => void authorize()}>
              {acting.doing === "authorize" ? t("state.working") : t("sm.authorize")}
            </button>
          </p>
        )}
      </section>

      <section class="card" aria-label={label(SETTING_LABELS.startSetting)}>
        <h2>{label(SETTING_LABELS.startSetting)}</h2>
        <p class="muted">{t("sm.startNote")}</p>
        {returned && "activated" in returned && connection.status !== "started" && <OkNotice>{t("sm.result", { result: t("sm.activated") })}</OkNotice>}
        <div class="radios" role="radiogroup" aria-label={label(SETTING_LABELS.startSetting)}>
          {(["start", "stop"] as const).map((to) => {
            const on = to === "start" ? connection.status === "started" : connection.status !== "started";
            return (
              <label class="radio">
                <input
                  type="radio"
                  name="smaregi-start"
                  checked={on}
                  disabled={!canEdit || !authorized || acting.busy}
                  onChange={() => void setState(to)}
                />{" "}
                {t(to === "start" ? "sm.start" : "sm.stop")}
                {acting.doing === to && ` — ${t("state.working")}`}
              </label>
            );
          })}
        </div>
        {!authorized && <p class="muted">{t("sm.needsAuth")}</p>}
        {setupCheck && setupCheck.ok === false && setupCheck.detail && <p class="muted pre">{setupCheck.detail}</p>}
        {startError ? (
          <div class="notice notice--error" role="alert">
            <p>{t("sm.startRefused")}</p>
          </div>
        ) : (
          <FormErrors error={acting.error} />
        )}
      </section>

      {authorized && <SmaregiPreview connection={connection} />}

      {canEdit && <SmaregiSettingsForm key={connection.id} connection={connection} choices={choices} startError={startError} canEdit={canEdit} onSaved={setFresh} />}

      {authorized && (
        <section class="card" aria-label={t("sm.sendTitle")}>
          <h2>{t("sm.sendTitle")}</h2>
          <p class="muted">{t("sm.sendHint")}</p>
          <SmaregiOrderSend connection={connection} canEdit={canEdit} />
        </section>
      )}

      {authorized && (
        <section class="card" aria-label={label(SETTING_LABELS.shipmentSection)}>
          <h2>{label(SETTING_LABELS.shipmentSection)}</h2>
          <SmaregiShipments connection={connection} canEdit={canEdit} />
        </section>
      )}

      <SmaregiProducts connection={connection} canEdit={canEdit} />

      {authorized && <SmaregiSales connection={connection} />}

      <SmaregiShippingCsv connection={connection} />

      {authorized && <LinkActivity connectionId={connection.id} />}

      {webhook.data?.url && (
        <section class="card" aria-label={t("sm.webhookTitle")}>
          <h2>{t("sm.webhookTitle")}</h2>
          <p class="muted">{t("sm.webhookNote")}</p>
          <dl>
            <dt>URL</dt>
            <dd>
              <code>{webhook.data.url}</code>
            </dd>
            <dt>{webhook.data.secretHeader}</dt>
            <dd>
              <code>{webhook.data.secret}</code>
            </dd>
          </dl>
        </section>
      )}

      {isOwner && authorized && (
        <section class="card" aria-label={t("sm.disconnect")}>
          <button type="button" class="button--danger" disabled={acting.busy} onClick={() => confirmDisconnect.ask(undefined)}>
            {acting.doing === "disconnect" ? t("state.working") : t("sm.disconnect")}
          </button>
          <p class="muted">{t("sm.disconnectNote")}</p>
        </section>
      )}
      {confirmDisconnect.dialog}
    </section>
  );
}
