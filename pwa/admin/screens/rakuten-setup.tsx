/**
 * A new Rakuten RMS link (seed 002 ① API接続設定): the shop's serviceSecret and licenseKey, the sales
 * channel its orders become, and the RSL link that ships them — an existing one, or a new one made
 * here with its API key. Both are verified at once; the Rakuten link page then shows the license
 * key's expiry, and any refusal, where the merchant fixes it.
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { useApiGet, useLookup } from "../data";
import { issuesByPath } from "../form-issues";
import { navigate } from "../navigation";
import { pathFor } from "../router";
import type { Channel, Connection, Items } from "../types";
import type { ScreenProps } from "./props";
import { useRakutenT } from "./rakuten-parts";

const NEW_RSL = "__new";

export default function RakutenSetupScreen(_: ScreenProps) {
  const t = useRakutenT();
  const channels = useLookup<Items<Channel>>("/api/channels");
  const connections = useApiGet<Items<Connection>>("/api/connections");
  const rslLinks = connections.data?.items.filter((c) => c.kind === "rsl") ?? [];
  const [draft, setDraft] = useState({ name: "楽天市場店", baseUrl: "", serviceSecret: "", licenseKey: "", channelId: "", rsl: "", rslName: "RSL", rslBaseUrl: "", rslApiKey: "" });
  const set = (key: keyof typeof draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const save = useAction();
  const rslSave = useAction();
  const issues = issuesByPath(save.error);
  const rslIssues = issuesByPath(rslSave.error);

  async function submit(event: Event) {
    event.preventDefault();
    let rslConnectionId: string | null = draft.rsl || null;
    if (draft.rsl === NEW_RSL) {
      const rsl = await rslSave.run(async () => {
        const created = await apiPost<Connection>("/api/connections", { kind: "rsl", name: draft.rslName, baseUrl: draft.rslBaseUrl || null, credentials: { apiKey: draft.rslApiKey } });
        await apiPost(`/api/connections/${encodeURIComponent(created.id)}/verify`).catch(() => undefined);
        return created;
      });
      if (!rsl) return;
      rslConnectionId = rsl.id;
      set("rsl", rsl.id);
      connections.reload();
    }
    await save.run(async () => {
      const created = await apiPost<Connection>("/api/connections", {
        kind: "rakuten",
        name: draft.name,
        baseUrl: draft.baseUrl || null,
        credentials: { serviceSecret: draft.serviceSecret, licenseKey: draft.licenseKey },
        settings: { channelId: draft.channelId, rslConnectionId },
      });
      // a refused key leaves the link pending with the reason, shown on its page
      await apiPost(`/api/connections/${encodeURIComponent(created.id)}/verify`).catch(() => undefined);
      navigate(pathFor("rakuten", { id: created.id }));
    });
  }

  const input = (key: keyof typeof draft, label: string, errors?: string[], hint?: string, secret = false) => (
    <Field label={label} errors={errors} hint={hint}>
      {secret ? (
        <input type="password" autoComplete="new-password" value={draft[key]} onInput={(e) => set(key, e.currentTarget.value)} />
      ) : (
        <input autoComplete="off" value={draft[key]} onInput={(e) => set(key, e.currentTarget.value)} />
      )}
    </Field>
  );

  return (
    <section>
      <h1>{t("rk.new")}</h1>
      <p class="muted">{t("rk.new.intro")}</p>
      <form class="card form" onSubmit={submit}>
        <h2>{t("rk.tab.link")}</h2>
        <FormErrors error={save.error} shownPaths={["name", "baseUrl", "credentials.serviceSecret", "credentials.licenseKey", "settings.channelId"]} />
        {input("name", t("rk.name"), issues.get("name"))}
        {input("baseUrl", t("rk.baseUrl"), issues.get("baseUrl"), t("rk.baseUrlHint"))}
        {input("serviceSecret", t("rk.serviceSecret"), issues.get("credentials.serviceSecret"))}
        {input("licenseKey", t("rk.licenseKey"), issues.get("credentials.licenseKey"), t("rk.licenseKeyHint"), true)}
        <Field label={t("rk.set.channelId")} errors={issues.get("settings.channelId")}>
          <select value={draft.channelId} onChange={(e) => set("channelId", e.currentTarget.value)}>
            <option value="" />
            {channels.data?.items.map((c) => (
              <option value={c.id}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("rk.rsl")} errors={issues.get("settings.rslConnectionId")}>
          <select value={draft.rsl} onChange={(e) => set("rsl", e.currentTarget.value)}>
            <option value="">{t("rk.rslNone")}</option>
            {rslLinks.map((c) => (
              <option value={c.id}>{c.name}</option>
            ))}
            <option value={NEW_RSL}>＋ {t("rk.rslNew")}</option>
          </select>
        </Field>
        {draft.rsl === NEW_RSL && (
          <fieldset>
            <legend>{t("rk.rslNew")}</legend>
            <FormErrors error={rslSave.error} shownPaths={["name", "baseUrl", "credentials.apiKey"]} />
            {input("rslName", t("rk.name"), rslIssues.get("name"))}
            {input("rslBaseUrl", t("rk.baseUrl"), rslIssues.get("baseUrl"))}
            {input("rslApiKey", t("rk.rslApiKey"), rslIssues.get("credentials.apiKey"), undefined, true)}
          </fieldset>
        )}
        <FormActions label={t("rk.create")} busy={save.busy || rslSave.busy} />
      </form>
    </section>
  );
}
