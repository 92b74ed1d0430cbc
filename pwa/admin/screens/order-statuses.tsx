/**
 * Order statuses — the built-in ones and the merchant's own, named in ja / zh / en — and the
 * status actions that run when an order enters one (status-actions.tsx). Adding is for managers;
 * a status name left empty in Chinese or English takes the Japanese one (the worker's rule).
 */
import { useState } from "preact/hooks";
import { ApiError, apiPost } from "../api";
import { Field, FormErrors, LoadError } from "../components/field";
import { RouteTabs, SETTINGS_TABS } from "../components/tabs";
import { forget, useApiGet } from "../data";
import { statusName } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang, useT } from "../locale";
import { hasRole, useSession } from "../session";
import type { CustomStatusInput, Items, OrderStatus } from "../types";
import type { ScreenProps } from "./props";
import { StatusActions } from "./status-actions";

const FIELDS = ["code", "ja", "zh", "en", "sort"] as const;
type StatusDraft = Record<(typeof FIELDS)[number], string>;
const EMPTY: StatusDraft = { code: "", ja: "", zh: "", en: "", sort: "100" };

export default function OrderStatusesScreen({ route }: ScreenProps) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const statuses = useApiGet<Items<OrderStatus>>("/api/order-statuses");
  const canEdit = hasRole(me, "manager");

  return (
    <section>
      <h1>{t("settings.title")}</h1>
      <RouteTabs tabs={SETTINGS_TABS} current={route} />
      <h2>{t("statuses.title")}</h2>
      <div class="split">
        <div>
          <LoadError error={statuses.error} onRetry={statuses.reload} />
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>{t("statuses.code")}</th>
                  <th>{t("statuses.ja")}</th>
                  <th>{t("statuses.zh")}</th>
                  <th>{t("statuses.en")}</th>
                  <th class="num">{t("statuses.sort")}</th>
                  <th>{t("statuses.kind")}</th>
                </tr>
              </thead>
              <tbody>
                {statuses.data?.items.map((s) => (
                  <tr>
                    <td>
                      <code>{s.code}</code>
                    </td>
                    <td lang="ja">{s.ja}</td>
                    <td lang="zh-CN">{s.zh}</td>
                    <td lang="en">{s.en}</td>
                    <td class="num">{s.sort}</td>
                    <td>{s.builtIn ? <span class="badge badge--muted">{t("statuses.builtIn")}</span> : <span class="badge">{t("statuses.custom")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {statuses.loading && <p class="loading">{t("state.loading")}</p>}
        </div>
        {canEdit && (
          <StatusForm
            onSaved={() => {
              forget("/api/order-statuses");
              statuses.reload();
            }}
          />
        )}
      </div>

      <StatusActions statuses={statuses.data?.items ?? []} nameOf={(code) => statusName(statuses.data?.items, code, lang)} canEdit={canEdit} />
    </section>
  );
}

function StatusForm({ onSaved }: { onSaved: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [draft, setDraft] = useState<StatusDraft>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<OrderStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = issuesByPath(error);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(null);
    const sort = draft.sort.normalize("NFKC").trim();
    if (!/^\d+$/.test(sort)) {
      setError(new ApiError(0, "LOCAL", t("form.fix"), [{ path: ["sort"], message: t("form.wholeNumber") }]));
      return;
    }
    const body: CustomStatusInput = { code: draft.code.trim(), ja: draft.ja.trim(), zh: draft.zh.trim(), en: draft.en.trim(), sort: Number(sort) };
    setBusy(true);
    setError(null);
    try {
      setSaved(await apiPost<OrderStatus>("/api/order-statuses", body));
      setDraft(EMPTY);
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const hint = (field: (typeof FIELDS)[number]) => (field === "code" ? t("statuses.codeHint") : field === "zh" || field === "en" ? t("statuses.nameHint") : undefined);
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("statuses.new")}</h2>
      {saved && (
        <p class="notice notice--ok" role="status">
          {t("statuses.saved", { name: saved[lang] || saved.ja })}
        </p>
      )}
      <FormErrors error={error} shownPaths={FIELDS} />
      {FIELDS.map((field) => (
        <Field label={t(`statuses.${field}`)} errors={issues.get(field)} hint={hint(field)}>
          <input
            value={draft[field]}
            inputMode={field === "sort" ? "numeric" : undefined}
            lang={field === "code" || field === "sort" ? undefined : field === "zh" ? "zh-CN" : field}
            onInput={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
          />
        </Field>
      ))}
      <div class="form__actions">
        <button type="submit" class="button--primary" disabled={busy}>
          {busy ? t("state.working") : t("action.add")}
        </button>
      </div>
    </form>
  );
}
