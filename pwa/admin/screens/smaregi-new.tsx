/**
 * Adding a Smaregi link (seed 000 「1.スマレジ・アプリマーケットから利用申込」 done): the app's
 * client ID and secret (sealed by the worker, never shown again), then on to the link's screen
 * for [認証]. Smaregi's return lands here when it cannot name its link (a stale or forged state).
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { issuesByPath } from "../form-issues";
import { Link, navigate } from "../navigation";
import { pathFor } from "../router";
import { authorizationResult } from "../smaregi-draft";
import type { Connection } from "../types";
import type { ScreenProps } from "./props";
import { useSmaregiT } from "./smaregi-parts";

export default function SmaregiNewScreen({ search }: ScreenProps) {
  const t = useSmaregiT();
  const [form, setForm] = useState({ name: "スマレジ", clientId: "", clientSecret: "", baseUrl: "" });
  const saving = useAction();
  const returned = authorizationResult(search);
  const errors = issuesByPath(saving.error);
  const set = (key: keyof typeof form) => (e: Event) => setForm((f) => ({ ...f, [key]: (e.currentTarget as HTMLInputElement).value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const created = await saving.run(() =>
      apiPost<Connection>("/api/connections", {
        kind: "smaregi",
        name: form.name,
        baseUrl: form.baseUrl.trim() || null,
        credentials: { clientId: form.clientId.trim(), clientSecret: form.clientSecret.trim() },
      }),
    );
    if (created) navigate(pathFor("smaregi", { id: created.id }));
  };

  return (
    <section>
      <p>
        <Link href={pathFor("connections")}>← {t("sm.back")}</Link>
      </p>
      <h1>{t("sm.new")}</h1>
      {returned && "error" in returned && (
        <p class="notice notice--error" role="alert">
          {returned.error === "access_denied" || returned.error === "state_mismatch" ? t(`sm.error.${returned.error}`) : t("sm.error.other", { reason: returned.error })}
        </p>
      )}
      <p class="muted">{t("sm.newNote")}</p>
      <form class="card form" onSubmit={submit} noValidate>
        <FormErrors error={saving.error} shownPaths={["name", "baseUrl", "credentials.clientId", "credentials.clientSecret"]} />
        <div class="form__grid">
          <Field label={t("sm.name")} errors={errors.get("name")}>
            <input value={form.name} required maxLength={100} onInput={set("name")} />
          </Field>
          <Field label={t("sm.clientId")} errors={errors.get("credentials.clientId")}>
            <input value={form.clientId} required autocomplete="off" onInput={set("clientId")} />
          </Field>
          <Field label={t("sm.clientSecret")} errors={errors.get("credentials.clientSecret")}>
            <input type="password" value={form.clientSecret} required autocomplete="off" onInput={set("clientSecret")} />
          </Field>
          <Field label={t("sm.baseUrl")} hint={t("sm.baseUrlHint")} errors={errors.get("baseUrl")} wide>
            <input type="url" value={form.baseUrl} placeholder="https://smaregi.dev" onInput={set("baseUrl")} />
          </Field>
        </div>
        <FormActions label={t("sm.create")} busy={saving.busy} />
      </form>
    </section>
  );
}
