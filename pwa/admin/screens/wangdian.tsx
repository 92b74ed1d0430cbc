/**
 * One 旺店通 ERP link: its setup (what was entered, [验证/授权] with each check the API could make,
 * the §2.3 checklist the implementer ticks, the link's settings, the one-time stock master, start /
 * stop with the reasons a start is refused placed where they belong, ERP商品导入) and its status
 * (wangdian-status.tsx), as two views of one page (?view=status) so either survives a reload.
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { FormErrors, LoadError } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet, useLookup } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import type { Connection, Items, Location } from "../types";
import { readSettings, splitChecks, withTick, type WangdianSettings } from "../wangdian-logic";
import type { ScreenProps } from "./props";
import { CredentialsForm } from "./wangdian-credentials";
import { GoodsImport } from "./wangdian-import";
import { LinkedStoresForm } from "./wangdian-locations";
import { StockMaster } from "./wangdian-master";
import { CheckMark, patchSettings, useWangdianT, WangdianPage } from "./wangdian-parts";
import { SettingsFields, type OwnSettings } from "./wangdian-settings";
import { WangdianStatus } from "./wangdian-status";

export default function WangdianScreen({ params, search }: ScreenProps) {
  const { t, label } = useWangdianT();
  const id = params.id!;
  const view = queryOf(search).view === "status" ? "status" : "setup";
  const link = useApiGet<Connection>(`/api/connections/${encodeURIComponent(id)}`);
  const connection = link.data;
  const tab = (to: "setup" | "status") => (
    <Link href={pathFor("wangdian", { id }, { view: to === "status" ? "status" : undefined })} class={`tabs__tab${view === to ? " tabs__tab--on" : ""}`} aria-current={view === to ? "page" : undefined}>
      {label(`wd.tab.${to}`)}
    </Link>
  );
  return (
    <WangdianPage connection={connection}>
      <LoadError error={link.error} onRetry={link.reload} />
      <nav class="tabs">
        {tab("setup")}
        {tab("status")}
      </nav>
      {!connection ? (
        link.loading && <p class="loading">{t("state.loading")}</p>
      ) : view === "status" ? (
        <WangdianStatus connection={connection} />
      ) : (
        <Setup connection={connection} reload={link.reload} />
      )}
    </WangdianPage>
  );
}

function Setup({ connection, reload }: { connection: Connection; reload: () => void }) {
  const { t, label } = useWangdianT();
  const { lang } = useLang();
  const { me } = useSession();
  const canEdit = hasRole(me, "manager");
  const settings = readSettings(connection.settings);
  const locations = useLookup<Items<Location>>("/api/locations");
  const linked = (locations.data?.items ?? []).filter((l) => settings.locationIds.includes(l.id));
  const { api, hand } = splitChecks(connection);
  const verify = useAction();
  const tick = useAction<string>();
  const state = useAction();
  // the reasons a start was refused, by field: each shown where that field is
  const refused = issuesByPath(state.error);

  const runVerify = () => verify.run(() => apiPost<Connection>(`/api/connections/${encodeURIComponent(connection.id)}/verify`)).finally(reload);
  // the box shows the tick at once; a save that fails puts it back
  const [ticked, setTicked] = useState(settings.ticked);
  const setTick = (key: string, on: boolean) => {
    const before = ticked;
    const next = withTick({ ...settings, ticked: before }, key, on);
    setTicked(next.ticked);
    return tick.run(async () => {
      try {
        await patchSettings(connection.id, { ticked: next.ticked });
      } catch (error) {
        setTicked(before);
        throw error;
      }
      reload();
    }, key);
  };
  const setState = (to: "start" | "stop") => state.run(async () => {
    await apiPost<Connection>(`/api/connections/${encodeURIComponent(connection.id)}/${to}`);
    reload();
  });
  const confirmStop = useConfirm(() => ({
    title: label("wd.stop"),
    confirmLabel: label("wd.stop"),
    danger: true,
    onConfirm: () => void setState("stop"),
    children: <p>{t("wd.stopNote")}</p>,
  }));

  return (
    <>
      <div class="card">
        <dl class="plain">
          <dt>{label("wd.baseUrl")}</dt>
          <dd>
            <code>{connection.baseUrl}</code>
          </dd>
          <dt>{label("wd.shopNo")}</dt>
          <dd>
            <code>{settings.shopNo}</code>
          </dd>
          <dt>{label("wd.locations")}</dt>
          <dd>
            <ul class="plain">
              {linked.map((l) => (
                <li>
                  <code>{l.code}</code> {l.name} <span class="muted">({label(`wd.locationKind.${l.kind}`)})</span>
                </li>
              ))}
            </ul>
            <p class="muted">{t("wd.lockNote")}</p>
            {canEdit && <LinkedStoresForm connectionId={connection.id} linked={settings.locationIds} locations={locations.data?.items ?? []} onSaved={reload} />}
          </dd>
        </dl>
      </div>

      <section class="card" aria-label={label("wd.checks")}>
        <h2>{label("wd.checks")}</h2>
        <FormErrors error={verify.error} />
        {canEdit && (
          <p>
            <button type="button" class="button--primary" disabled={verify.busy} onClick={() => void runVerify()}>
              {verify.busy ? t("state.working") : label("wd.verify")}
            </button>
          </p>
        )}
        {!connection.checks ? (
          <p class="muted">{t("wd.notVerified")}</p>
        ) : (
          <>
            <p class="muted">{t("wd.checkedAt", { at: formatInstant(connection.checks.checkedAt, lang, me.merchant.timeZone) })}</p>
            <h3>{t("wd.apiChecks")}</h3>
            <ul class="plain" data-testid="wd-api-checks">
              {api.map((item) => (
                <li>
                  <CheckMark ok={item.ok === true} /> {item.label.zh}
                  {lang !== "zh" && <span class="muted"> · {item.label[lang]}</span>}
                  {item.detail && <span class="muted"> — {item.detail}</span>}
                  {refused.get(`checks.${item.key}`)?.map((m) => <span class="field__error"> {m}</span>)}
                </li>
              ))}
            </ul>
          </>
        )}
        {hand.length > 0 && (
          <>
            <h3>{t("wd.handChecks")}</h3>
            <FormErrors error={tick.error} />
            <ul class="plain">
              {hand.map((item) => (
                <li>
                  <label>
                    <input type="checkbox" checked={!!ticked[item.key]} disabled={!canEdit || tick.busy} onChange={(e) => void setTick(item.key, e.currentTarget.checked)} /> {item.label.zh}
                    {lang !== "zh" && <span class="muted"> · {item.label[lang]}</span>}
                  </label>
                  {refused.get(`settings.ticked.${item.key}`) && <span class="field__error"> ✗</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <OwnSettingsForm connection={connection} settings={settings} canEdit={canEdit} onSaved={reload} />
      <StockMaster key={settings.stockMaster ?? "none"} connection={connection} settings={settings} refused={refused.get("settings.stockMaster")} onChanged={reload} />

      {canEdit && (
        <section class="card">
          <h2>
            {label("wd.status")}: {label(`connStatus.${connection.status}`)}
          </h2>
          {state.error ? (
            <div class="notice notice--error" role="alert">
              <p>{t("wd.startRefused")}</p>
              <ul>
                {((state.error as { issues?: { message: string }[] }).issues ?? [{ message: (state.error as Error).message }]).map((i) => (
                  <li>{i.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {connection.status === "started" ? (
            <button type="button" disabled={state.busy} onClick={() => confirmStop.ask(undefined)}>
              {label("wd.stop")}
            </button>
          ) : (
            <button type="button" class="button--primary" disabled={state.busy || connection.status === "pending"} onClick={() => void setState("start")}>
              {state.busy ? t("state.working") : label("wd.start")}
            </button>
          )}
        </section>
      )}

      {canEdit && <GoodsImport connection={connection} />}
      {hasRole(me, "owner") && <CredentialsForm connection={connection} onSaved={reload} />}
      {confirmStop.dialog}
    </>
  );
}

function OwnSettingsForm({ connection, settings, canEdit, onSaved }: { connection: Connection; settings: WangdianSettings; canEdit: boolean; onSaved: () => void }) {
  const { label } = useWangdianT();
  // only the fields of this form: the ticks and the master are saved where they are shown
  const [draft, setDraft] = useState<OwnSettings>(() => {
    const { salesCadence, walkInBuyer, defectiveReturnsToErp, stocktakeAs, erpDataSync } = settings;
    return { salesCadence, walkInBuyer, defectiveReturnsToErp, stocktakeAs, erpDataSync };
  });
  const [saved, setSaved] = useState(false);
  const save = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    const done = await save.run(() => patchSettings(connection.id, { ...draft }));
    if (done) {
      setSaved(true);
      onSaved();
    }
  }
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{label("wd.settings")}</h2>
      {saved && <OkNotice>{label("wd.saved")}</OkNotice>}
      <FormErrors error={save.error} shownPaths={["settings.salesCadence", "settings.walkInBuyer", "settings.stocktakeAs", "settings.defectiveReturnsToErp", "settings.erpDataSync"]} />
      <fieldset disabled={!canEdit} class="plain">
        <SettingsFields value={draft} issues={issuesByPath(save.error)} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
      </fieldset>
      {canEdit && <FormActions label={label("action.save")} busy={save.busy} />}
    </form>
  );
}

