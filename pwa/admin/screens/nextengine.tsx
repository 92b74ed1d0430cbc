/**
 * ネクストエンジン連携設定 (seed 001): the link's state and last error, 連携を解除する, 基本設定 (the six
 * switches with the guide's wording; the worker refuses ② or ③ without ① and its reason shows under
 * the switch), 拠点設定 (a checkbox per location), the shipping desk for NextEngine orders, and the
 * stock uploads with their que_id results — an upload held for review is explained and resolved here —
 * and each order's 出荷済み result (nextengine-results.tsx); 入荷予定 are registered by hand or CSV
 * (nextengine-expected.tsx) for the receiving desk.
 * NextEngine's login comes back to this page with ?connected=1 (or ?error=… and 「もう一度ネクストエンジンから開く」).
 */
import { useEffect, useState } from "preact/hooks";
import { apiPost, apiPut } from "../api";
import { DataTable, LoadedTable } from "../components/data-table";
import { Field, FormErrors, LoadError } from "../components/field";
import { FormActions } from "../components/form-actions";
import { LinkActivity } from "../components/link-activity";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet, useLookup } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang } from "../locale";
import { queryOf } from "../router";
import { hasRole, useSession } from "../session";
import type { Connection, Items, Location } from "../types";
import { ConnectButton, useNeT, type NeT } from "./nextengine-parts";
import { NextEngineExpected } from "./nextengine-expected";
import { NextEngineReceiving } from "./nextengine-receiving";
import { NextEngineShipmentResults } from "./nextengine-results";
import { NextEngineShipping } from "./nextengine-shipping";
import type { ScreenProps } from "./props";

/** The link's settings as the worker keeps them (worker/connectors/nextengine/settings.ts). */
export interface NeSettings {
  markShipped: boolean;
  writeTrackingNumber: boolean;
  subtractStockOnShipment: boolean;
  addStockOnReceipt: boolean;
  importTaggedOnly: boolean;
  importTag: string;
  caseInsensitiveCodes: boolean;
  syncedLocationIds: string[];
  shippingLocationId: string | null;
}

const SWITCHES = ["markShipped", "writeTrackingNumber", "subtractStockOnShipment", "addStockOnReceipt", "importTaggedOnly", "caseInsensitiveCodes"] as const;
type Switch = (typeof SWITCHES)[number];

interface Upload {
  id: string;
  lines: { goodsId: string; delta: number; code?: string }[];
  skipped: { code: string; delta: number; reason: string }[];
  status: "sending" | "unknown" | "queued" | "applied" | "failed" | "review" | "skipped" | "discarded";
  queId: string | null;
  queMessage: string | null;
  attempts: number;
  error: string | null;
  updatedAt: string;
}

export default function NextEngineScreen({ params, search }: ScreenProps) {
  const t = useNeT();
  const { me } = useSession();
  const id = params.id!;
  const query = queryOf(search);
  const link = useApiGet<Connection>(`/api/connections/${encodeURIComponent(id)}`);
  const acting = useAction();
  const [done, setDone] = useState<string | null>(null);
  // a registered 入荷予定 shows on the receiving desk at once (its list is read again)
  const [receivingVersion, setReceivingVersion] = useState(0);
  const confirmUnlink = useConfirm(() => ({
    title: t("ne.disconnectTitle"),
    confirmLabel: t("ne.disconnect"),
    danger: true,
    onConfirm: () =>
      void acting.run(async () => {
        await apiPost(`/api/nextengine/${encodeURIComponent(id)}/disconnect`);
        setDone(t("ne.disconnected"));
        link.reload();
      }),
    children: <p>{t("ne.disconnectNote")}</p>,
  }));
  const setRunning = (to: "start" | "stop") =>
    acting.run(async () => {
      await apiPost(`/api/connections/${encodeURIComponent(id)}/${to}`);
      link.reload();
    });

  if (link.error) return <LoadError error={link.error} onRetry={link.reload} />;
  const c = link.data;
  const settings = c?.settings as unknown as NeSettings | undefined;
  const linked = !!c && c.status !== "pending";

  return (
    <section>
      <div class="page__head">
        <h1>{t("ne.settingsTitle")}</h1>
      </div>
      {query.connected === "1" && <OkNotice>{t("ne.connected")}</OkNotice>}
      {query.error && (
        <div class="notice notice--error" role="alert">
          <p>
            {t("ne.callbackError")}: {query.error}
          </p>
        </div>
      )}
      {done && <OkNotice>{done}</OkNotice>}
      <FormErrors error={acting.error} />

      <section class="card" aria-labelledby="ne-state">
        <h2 id="ne-state">{t("ne.state")}</h2>
        {c && (
          <>
            <p>
              <span class={`run run--${c.status === "started" ? "succeeded" : c.status === "stopped" ? "failed" : "queued"}`} data-state={c.status}>
                {t(`neState.${c.status}`)}
              </span>{" "}
              {c.name}
            </p>
            {c.lastError && (
              <div class="notice notice--error" role="alert">
                <p>
                  {t("ne.lastError")}: {c.lastError}
                </p>
              </div>
            )}
            <div class="form__actions">
              {hasRole(me, "manager") && c.status === "started" && (
                <button type="button" disabled={acting.busy} onClick={() => void setRunning("stop")}>
                  {t("conn.stop")}
                </button>
              )}
              {hasRole(me, "manager") && (c.status === "stopped" || c.status === "authorized") && (
                <button type="button" disabled={acting.busy} onClick={() => void setRunning("start")}>
                  {t("conn.start")}
                </button>
              )}
              {hasRole(me, "owner") && linked && (
                <button type="button" class="button--danger" disabled={acting.busy} onClick={() => confirmUnlink.ask(undefined)}>
                  {t("ne.disconnect")}
                </button>
              )}
            </div>
            {/* a login NextEngine did not confirm (its state lives 5 minutes): log in there again */}
            {hasRole(me, "owner") && <ConnectButton label={query.error ? "ne.openAgain" : linked ? "ne.startAgain" : "ne.start"} again={linked && !query.error} />}
          </>
        )}
      </section>

      {c && settings && linked && (
        <>
          <SettingsForm t={t} connectionId={id} saved={settings} canEdit={hasRole(me, "manager")} onSaved={link.reload} />
          <NextEngineShipping t={t} connectionId={id} />
          <NextEngineExpected t={t} connectionId={id} onCreated={() => setReceivingVersion((v) => v + 1)} />
          <NextEngineReceiving key={receivingVersion} t={t} connectionId={id} />
          <Uploads t={t} connectionId={id} canResolve={hasRole(me, "manager")} />
          <NextEngineShipmentResults t={t} connectionId={id} />
          <LinkActivity connectionId={id} />
        </>
      )}
      {confirmUnlink.dialog}
    </section>
  );
}

/** 基本設定 and 拠点設定: one settings object, saved whole (the worker validates the combination). */
function SettingsForm({ t, connectionId, saved, canEdit, onSaved }: { t: NeT; connectionId: string; saved: NeSettings; canEdit: boolean; onSaved: () => void }) {
  const [draft, setDraft] = useState<NeSettings>(saved);
  const [ok, setOk] = useState(false);
  const saving = useAction();
  useEffect(() => setDraft(saved), [JSON.stringify(saved)]);
  const locations = useLookup<Items<Location>>("/api/locations");
  const errors = issuesByPath(saving.error);
  const errorsOf = (name: string) => errors.get(`settings.${name}`) ?? errors.get(name);
  const save = (e: Event) => {
    e.preventDefault();
    setOk(false);
    void saving.run(async () => {
      await apiPut(`/api/connections/${encodeURIComponent(connectionId)}/settings`, draft);
      setOk(true);
      onSaved();
    });
  };
  const toggle = (name: Switch) => (
    <div class="field" data-setting={name}>
      <label class="toolbar__check">
        <input type="checkbox" name={name} checked={draft[name]} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.checked })} />{" "}
        {t(`neSetting.${name}`, { tag: draft.importTag })}
      </label>
      <span class="field__notes">
        {name === "markShipped" && <span class="field__hint">{t("ne.markShippedNote")}</span>}
        {name === "writeTrackingNumber" && <span class="field__hint">{`※ ${t("ne.needsOne")} / ${t("ne.trackingNote")}`}</span>}
        {name === "subtractStockOnShipment" && <span class="field__hint">{`※ ${t("ne.needsOne")}`}</span>}
        {name === "caseInsensitiveCodes" && <span class="field__hint">{t("ne.caseNote")}</span>}
        {errorsOf(name)?.map((message) => (
          <span class="field__error" role="alert">
            {message}
          </span>
        ))}
      </span>
    </div>
  );
  const shown = [...SWITCHES, "importTag", "syncedLocationIds"].flatMap((n) => [`settings.${n}`, n]);
  return (
    <form class="form" onSubmit={save} noValidate>
      {ok && <OkNotice>{t("ne.saved")}</OkNotice>}
      <FormErrors error={saving.error} shownPaths={shown} />
      <fieldset>
        <legend>{t("ne.basic")}</legend>
        <p class="muted">{t("ne.basicNote")}</p>
        {toggle("markShipped")}
        {toggle("writeTrackingNumber")}
        {toggle("subtractStockOnShipment")}
        {toggle("addStockOnReceipt")}
        {toggle("importTaggedOnly")}
        <Field label={t("neSetting.importTag")} errors={errorsOf("importTag")}>
          <input name="importTag" value={draft.importTag} disabled={!canEdit} maxLength={50} onInput={(e) => setDraft({ ...draft, importTag: e.currentTarget.value })} />
        </Field>
        {toggle("caseInsensitiveCodes")}
      </fieldset>
      <fieldset>
        <legend>{t("ne.locations")}</legend>
        <p class="muted">{t("ne.locationsNote")}</p>
        {locations.error ? (
          <LoadError error={locations.error} onRetry={locations.reload} />
        ) : (
          <DataTable
            rows={locations.data?.items}
            columns={[
              { head: t("ne.location"), cell: (l) => `${l.name} (${l.code})` },
              {
                head: t("ne.locationSync"),
                cell: (l) => (
                  <input
                    type="checkbox"
                    name={`sync-${l.code}`}
                    aria-label={`${t("ne.locationSync")}: ${l.name}`}
                    disabled={!canEdit}
                    checked={draft.syncedLocationIds.includes(l.id)}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        syncedLocationIds: e.currentTarget.checked ? [...draft.syncedLocationIds, l.id] : draft.syncedLocationIds.filter((x) => x !== l.id),
                      })
                    }
                  />
                ),
              },
            ]}
          />
        )}
        {errorsOf("syncedLocationIds")?.map((message) => (
          <p class="field__error" role="alert">
            {message}
          </p>
        ))}
      </fieldset>
      {canEdit && <FormActions label={t("ne.save")} busy={saving.busy} />}
    </form>
  );
}

const UPLOAD_LOOK: Record<Upload["status"], string> = {
  applied: "succeeded",
  failed: "failed",
  review: "failed",
  queued: "retrying",
  sending: "queued",
  unknown: "retrying",
  skipped: "failed",
  discarded: "queued",
};

/**
 * The uploads that changed NextEngine's stock, newest first: each line under NextEngine's code (Renkei's
 * beside it when they differ), the lines left out and why, and what to do about one held for review,
 * refused by NextEngine, or with lines skipped (再送).
 */
function Uploads({ t, connectionId, canResolve }: { t: NeT; connectionId: string; canResolve: boolean }) {
  const { lang } = useLang();
  const { me } = useSession();
  const uploads = useApiGet<Items<Upload>>(`/api/nextengine/${encodeURIComponent(connectionId)}/uploads`);
  const resolving = useAction<string>();
  const resolve = (upload: Upload, decision: "applied" | "resend" | "discard") =>
    resolving.run(async () => {
      await apiPost(`/api/nextengine/${encodeURIComponent(connectionId)}/uploads/${encodeURIComponent(upload.id)}/resolve`, { decision });
      uploads.reload();
    }, upload.id);
  return (
    <section class="card" aria-labelledby="ne-uploads">
      <div class="page__head">
        <h2 id="ne-uploads">{t("ne.uploads")}</h2>
        <button type="button" class="button--quiet" onClick={uploads.reload}>
          {t("action.reload")}
        </button>
      </div>
      <p class="muted">{t("ne.uploadsNote")}</p>
      <FormErrors error={resolving.error} />
      <LoadedTable
        list={uploads}
        empty={t("ne.noUploads")}
        columns={[
          { head: t("ne.updatedAt"), cell: (u) => formatInstant(u.updatedAt, lang, me.merchant.timeZone) },
          {
            head: t("ne.lines"),
            cell: (u) => (
              <>
                <ul class="plain">
                  {u.lines.map((l) => (
                    <li>
                      <code>{l.goodsId}</code> {l.delta > 0 ? `+${l.delta}` : l.delta}
                      {l.code && l.code !== l.goodsId && <span class="muted"> （{t("ne.renkeiCode", { code: l.code })}）</span>}
                    </li>
                  ))}
                </ul>
                {u.skipped.length > 0 && (
                  <div data-upload-skipped>
                    <strong>{t("ne.skippedLines")}</strong>
                    <ul class="plain">
                      {u.skipped.map((l) => (
                        <li>
                          <code>{l.code}</code> {l.delta > 0 ? `+${l.delta}` : l.delta} <span class="muted">{l.reason}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </>
            ),
          },
          { head: t("ne.queId"), cell: (u) => <code>{u.queId ?? "—"}</code> },
          {
            head: t("ne.result"),
            cell: (u) => (
              <div data-upload-status={u.status}>
                <span class={`run run--${UPLOAD_LOOK[u.status]}`}>{t(`neUpload.${u.status}`)}</span>
                {u.queMessage && <div class="muted">{u.queMessage}</div>}
                {u.error && <div class="muted">{u.error}</div>}
                {u.status === "review" && (
                  <>
                    <p>{t("ne.reviewNote")}</p>
                    {canResolve && (
                      <div class="row-actions">
                        {(["applied", "resend", "discard"] as const).map((decision) => (
                          <button type="button" disabled={resolving.busy} onClick={() => void resolve(u, decision)}>
                            {resolving.doing === u.id ? t("state.working") : t(`neReview.${decision}`)}
                          </button>
                        ))}
                      </div>
                    )}
                  </>
                )}
                {(u.status === "failed" || u.status === "skipped" || (u.status === "applied" && u.skipped.length > 0)) && (
                  <>
                    <p>{t(u.status === "applied" ? "ne.resendSkippedNote" : "ne.resendNote")}</p>
                    {canResolve && (
                      <div class="row-actions">
                        <button type="button" disabled={resolving.busy} onClick={() => void resolve(u, "resend")}>
                          {resolving.doing === u.id ? t("state.working") : t(u.status === "applied" ? "ne.resendSkipped" : "neReview.resend")}
                        </button>
                      </div>
                    )}
                  </>
                )}
              </div>
            ),
          },
          { head: t("ne.attempts"), cell: (u) => u.attempts },
        ]}
      />
    </section>
  );
}
