/**
 * Order statuses — the built-in ones and the merchant's own, named in ja / zh / en — and the
 * status actions that run when an order enters one (status-actions.tsx). Adding is for managers;
 * a status name left empty in Chinese or English takes the Japanese one (the worker's rule).
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { LoadedTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { RouteTabs, SETTINGS_TABS } from "../components/tabs";
import { useAction } from "../components/use-action";
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
          <LoadedTable
            list={statuses}
            columns={[
              { head: t("statuses.code"), cell: (s) => <code>{s.code}</code> },
              { head: t("statuses.ja"), cell: (s) => s.ja, attrs: () => ({ lang: "ja" }) },
              { head: t("statuses.zh"), cell: (s) => s.zh, attrs: () => ({ lang: "zh-CN" }) },
              { head: t("statuses.en"), cell: (s) => s.en, attrs: () => ({ lang: "en" }) },
              { head: t("statuses.sort"), class: "num", cell: (s) => s.sort },
              {
                head: t("statuses.kind"),
                cell: (s) => (s.builtIn ? <span class="badge badge--muted">{t("statuses.builtIn")}</span> : <span class="badge">{t("statuses.custom")}</span>),
              },
            ]}
          />
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
  const [saved, setSaved] = useState<OrderStatus | null>(null);
  const save = useAction();
  const issues = issuesByPath(save.error);

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(null);
    const sort = draft.sort.normalize("NFKC").trim();
    if (!/^\d+$/.test(sort)) return save.refuse([{ path: ["sort"], message: "form.wholeNumber" }]);
    const body: CustomStatusInput = { code: draft.code.trim(), ja: draft.ja.trim(), zh: draft.zh.trim(), en: draft.en.trim(), sort: Number(sort) };
    await save.run(async () => {
      setSaved(await apiPost<OrderStatus>("/api/order-statuses", body));
      setDraft(EMPTY);
      onSaved();
    });
  }

  const hint = (field: (typeof FIELDS)[number]) => (field === "code" ? t("statuses.codeHint") : field === "zh" || field === "en" ? t("statuses.nameHint") : undefined);
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("statuses.new")}</h2>
      {saved && <OkNotice>{t("statuses.saved", { name: saved[lang] || saved.ja })}</OkNotice>}
      <FormErrors error={save.error} shownPaths={FIELDS} />
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
      <FormActions label={t("action.add")} busy={save.busy} />
    </form>
  );
}
