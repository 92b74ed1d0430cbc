/**
 * Order statuses — the built-in ones and the merchant's own, named in ja / zh / en — and the
 * status actions that run when an order enters one (status-actions.tsx). Adding and editing (names,
 * display order; the code stays) are for managers; a status name left empty in Chinese or English
 * takes the Japanese one (the worker's rule). Built-in statuses are shown, never edited.
 */
import { useCallback, useState } from "preact/hooks";
import { apiPost, request } from "../api";
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
import { translateOrderStatus, type AnyKey } from "../order-status-messages";
import type { Vars } from "../i18n";
import { hasRole, useSession } from "../session";
import type { CustomStatusInput, Items, OrderStatus } from "../types";
import type { ScreenProps } from "./props";
import { StatusActions } from "./status-actions";

const FIELDS = ["code", "ja", "zh", "en", "sort"] as const;
type StatusDraft = Record<(typeof FIELDS)[number], string>;
const EMPTY: StatusDraft = { code: "", ja: "", zh: "", en: "", sort: "100" };
const draftOf = (s: OrderStatus): StatusDraft => ({ code: s.code, ja: s.ja, zh: s.zh, en: s.en, sort: String(s.sort) });

/** This screen's `t`: its own dictionary (loaded with it), then the shared one. */
function useStatusT() {
  const { lang } = useLang();
  return useCallback((key: AnyKey, vars?: Vars) => translateOrderStatus(lang, key, vars), [lang]);
}

export default function OrderStatusesScreen({ route }: ScreenProps) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const statuses = useApiGet<Items<OrderStatus>>("/api/order-statuses");
  const canEdit = hasRole(me, "manager");
  const [editing, setEditing] = useState<OrderStatus | null>(null);

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
              ...(canEdit
                ? [
                    {
                      head: "",
                      cell: (s: OrderStatus) =>
                        s.builtIn ? null : (
                          <button type="button" class="button--quiet" aria-pressed={editing?.code === s.code} onClick={() => setEditing(s)}>
                            {t("action.edit")}
                          </button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
        {canEdit && (
          <StatusForm
            key={editing?.code ?? "new"}
            editing={editing}
            onDone={() => setEditing(null)}
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

/** Adds a status, or with `editing` renames one / moves it in the display order (its code stays). */
function StatusForm({ editing, onSaved, onDone }: { editing: OrderStatus | null; onSaved: () => void; onDone: () => void }) {
  const t = useStatusT();
  const { lang } = useLang();
  const [draft, setDraft] = useState<StatusDraft>(editing ? draftOf(editing) : EMPTY);
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
      if (editing) {
        const { code, ...names } = body;
        const updated = await request<OrderStatus>("PATCH", `/api/order-statuses/${encodeURIComponent(code)}`, names);
        setSaved(updated);
        setDraft(draftOf(updated));
      } else {
        setSaved(await apiPost<OrderStatus>("/api/order-statuses", body));
        setDraft(EMPTY);
      }
      onSaved();
    });
  }

  const hint = (field: (typeof FIELDS)[number]) =>
    field === "code"
      ? t(editing ? "stEdit.codeFixed" : "statuses.codeHint")
      : field === "zh" || field === "en"
        ? t("statuses.nameHint")
        : field === "sort"
          ? t("stEdit.sortHint")
          : undefined;
  return (
    <form class="card form" onSubmit={submit} noValidate aria-label={editing ? t("stEdit.title", { code: editing.code }) : t("statuses.new")}>
      <h2>{editing ? t("stEdit.title", { code: editing.code }) : t("statuses.new")}</h2>
      {saved && <OkNotice>{t(editing ? "stEdit.saved" : "statuses.saved", { name: saved[lang] || saved.ja })}</OkNotice>}
      <FormErrors error={save.error} shownPaths={FIELDS} />
      {FIELDS.map((field) => (
        <Field label={t(`statuses.${field}`)} errors={issues.get(field)} hint={hint(field)}>
          <input
            value={draft[field]}
            readOnly={field === "code" && !!editing}
            inputMode={field === "sort" ? "numeric" : undefined}
            lang={field === "code" || field === "sort" ? undefined : field === "zh" ? "zh-CN" : field}
            onInput={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
          />
        </Field>
      ))}
      <FormActions label={t(editing ? "action.save" : "action.add")} busy={save.busy}>
        {editing && (
          <button type="button" onClick={onDone}>
            {t("stEdit.cancel")}
          </button>
        )}
      </FormActions>
    </form>
  );
}
