/**
 * New sid / appkey / appsecret for a link (a changed secret, a typo the ERP answered 签名错误 to):
 * PUT /api/connections/:id/credentials seals them and puts the link back to 待授权 until it is
 * verified again. Only the owner may, as only the owner may create a link.
 */
import { useState } from "preact/hooks";
import { ApiError, apiPut } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { issuesByPath } from "../form-issues";
import type { Connection } from "../types";
import { emptySetup, localIssues, toConnectionInput } from "../wangdian-logic";
import { useWangdianT } from "./wangdian-parts";

export function CredentialsForm({ connection, onSaved }: { connection: Connection; onSaved: () => void }) {
  const { t, label } = useWangdianT();
  const [values, setValues] = useState({ sid: "", appkey: "", appsecret: "" });
  const save = useAction();
  const issues = issuesByPath(save.error);

  async function submit(event: Event) {
    event.preventDefault();
    // the same checks as a new link's credentials (the address is the link's own)
    const { input, issues: local } = toConnectionInput({ ...emptySetup(), ...values, baseUrl: connection.baseUrl ?? "" });
    const done = await save.run(async () => {
      if (local.length) throw new ApiError(0, "LOCAL", t("form.fix"), localIssues(local, t));
      return apiPut<Connection>(`/api/connections/${encodeURIComponent(connection.id)}/credentials`, input.credentials);
    });
    if (done) {
      setValues({ sid: "", appkey: "", appsecret: "" });
      onSaved();
    }
  }

  return (
    <details class="card">
      <summary>{label("wd.credentials")}</summary>
      <form class="form" onSubmit={submit} noValidate>
        <p class="muted">{t("wd.credentialsNote")}</p>
        <FormErrors error={save.error} shownPaths={["credentials.sid", "credentials.appkey", "credentials.appsecret"]} />
        {(["sid", "appkey", "appsecret"] as const).map((key) => (
          <Field label={label(`wd.${key}`)} errors={issues.get(`credentials.${key}`)}>
            {key === "appsecret" ? (
              <input type="password" autoComplete="new-password" value={values[key]} onInput={(e) => setValues((v) => ({ ...v, [key]: e.currentTarget.value }))} />
            ) : (
              <input autoComplete="off" value={values[key]} onInput={(e) => setValues((v) => ({ ...v, [key]: e.currentTarget.value }))} />
            )}
          </Field>
        ))}
        <FormActions label={t("action.save")} busy={save.busy} />
      </form>
    </details>
  );
}
