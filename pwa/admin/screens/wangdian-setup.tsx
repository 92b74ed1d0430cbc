/**
 * A new 旺店通 ERP link (seed 003 §2.2 / §2.3.3): the ERP's API address and credentials, the 店铺编号,
 * the stores (and the 总仓) to link, and the link's settings. Before anything is linked the screen
 * says that 仓库编号 = 门店ID and that a linked store ID cannot change (§2.3.4 注3). Created links
 * wait as 待授权 until verified on their own page, where the checklist and start are.
 */
import { useState } from "preact/hooks";
import { ApiError, apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { useLookup } from "../data";
import { issuesByPath, pathKey } from "../form-issues";
import { navigate } from "../navigation";
import { pathFor } from "../router";
import type { Connection, Items, Location } from "../types";
import { emptySetup, localIssues, toConnectionInput, type SetupDraft } from "../wangdian-logic";
import type { ScreenProps } from "./props";
import { useWangdianT, WangdianPage } from "./wangdian-parts";
import { SettingsFields } from "./wangdian-settings";

const SHOWN = ["name", "baseUrl", "credentials.sid", "credentials.appkey", "credentials.appsecret", "settings.shopNo", "settings.locationIds", "settings.walkInBuyer", "settings.stockMaster"];

export default function WangdianSetupScreen(_: ScreenProps) {
  const { t, label } = useWangdianT();
  const locations = useLookup<Items<Location>>("/api/locations");
  const [draft, setDraft] = useState<SetupDraft>(emptySetup);
  const save = useAction();
  const issues = issuesByPath(save.error);
  const set = <K extends keyof SetupDraft>(key: K, value: SetupDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const toggleLocation = (id: string, on: boolean) => set("locationIds", on ? [...draft.locationIds, id] : draft.locationIds.filter((l) => l !== id));
  // a store's own issue ("no such store") is reported on its index
  const locationErrors = [...issues].filter(([path]) => path.startsWith("settings.locationIds")).flatMap(([, messages]) => messages);

  async function submit(event: Event) {
    event.preventDefault();
    const { input, issues: local } = toConnectionInput(draft);
    await save.run(async () => {
      if (local.length) throw new ApiError(0, "LOCAL", t("form.fix"), localIssues(local, t));
      const created = await apiPost<Connection>("/api/connections", input);
      navigate(pathFor("wangdian", { id: created.id }));
    });
  }

  const text = (key: keyof SetupDraft & string, path: string, caption: Parameters<typeof label>[0], secret = false, hint?: string) => (
    <Field label={label(caption)} errors={issues.get(path)} hint={hint}>
      {secret ? (
        <input type="password" autoComplete="new-password" value={draft[key] as string} onInput={(e) => set(key, e.currentTarget.value as never)} />
      ) : (
        <input autoComplete="off" value={draft[key] as string} onInput={(e) => set(key, e.currentTarget.value as never)} />
      )}
    </Field>
  );

  return (
    <WangdianPage>
      <h2>{label("wd.add")}</h2>
      <form class="card form" onSubmit={submit} noValidate>
        <FormErrors error={save.error} shownPaths={[...SHOWN, ...[...issues.keys()].filter((k) => k.startsWith("settings.locationIds"))]} />
        {text("name", "name", "wd.name")}
        {text("baseUrl", "baseUrl", "wd.baseUrl", false, t("wd.baseUrlHint"))}
        {text("sid", pathKey(["credentials", "sid"]), "wd.sid")}
        {text("appkey", pathKey(["credentials", "appkey"]), "wd.appkey")}
        {text("appsecret", pathKey(["credentials", "appsecret"]), "wd.appsecret", true)}
        {text("shopNo", "settings.shopNo", "wd.shopNo", false, t("wd.shopNoHint"))}

        <div class="notice" role="note">
          <p>
            <strong>{label("wd.lockTitle")}</strong>
          </p>
          <p>{t("wd.lockNote")}</p>
        </div>
        <Field label={label("wd.locations")} errors={locationErrors} group>
          <ul class="plain">
            {(locations.data?.items ?? []).map((l) => (
              <li>
                <label>
                  <input type="checkbox" checked={draft.locationIds.includes(l.id)} onChange={(e) => toggleLocation(l.id, e.currentTarget.checked)} /> <code>{l.code}</code> {l.name}{" "}
                  <span class="muted">({label(`wd.locationKind.${l.kind}`)})</span>
                </label>
              </li>
            ))}
          </ul>
        </Field>

        <SettingsFields value={draft} issues={issues} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
        <Field label={label("wd.master")} errors={issues.get("settings.stockMaster")} hint={t("wd.masterOnce")}>
          <select value={draft.stockMaster} onChange={(e) => set("stockMaster", e.currentTarget.value as SetupDraft["stockMaster"])}>
            <option value="">{t("filter.choose")}</option>
            <option value="erp">{label("wd.master.erp")}</option>
            <option value="stores">{label("wd.master.stores")}</option>
          </select>
        </Field>
        <FormActions label={label("wd.create")} busy={save.busy} />
      </form>
    </WangdianPage>
  );
}
