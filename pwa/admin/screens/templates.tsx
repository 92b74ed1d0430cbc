/**
 * Mail and document templates: the order confirmation mail (注文完了メール明細フォーマット), the delivery
 * note (帳票) and the shipping CSV, each a body with #LINES# and a line format written once per order
 * line, with seed 004's placeholders (#ORDER_UNIT_VALUE_TEXT# → 「長さ:85cm」 …). The worker refuses
 * unknown or misplaced placeholders with messages shown under the field; the preview renders a
 * real order with the saved template. Editing is for managers; staff read.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { apiDelete, apiPut } from "../api";
import { DataTable } from "../components/data-table";
import { Field, FormErrors, LoadError } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { RouteTabs, SETTINGS_TABS } from "../components/tabs";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang, useT } from "../locale";
import { navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import { insertToken, PLACEHOLDERS } from "../template-placeholders";
import type { OrderSummary, Page, RenderedTemplate, Template, TemplateInput, TemplateKind } from "../types";
import type { ScreenProps } from "./props";

const KINDS: TemplateKind[] = ["order_confirmation", "delivery_note", "shipping_csv"];
type Part = keyof TemplateInput;

export default function TemplatesScreen({ route, search }: ScreenProps) {
  const t = useT();
  const requested = queryOf(search).kind as TemplateKind | undefined;
  const kind = requested && KINDS.includes(requested) ? requested : KINDS[0]!;
  const [previewVersion, setPreviewVersion] = useState(0);

  return (
    <section>
      <h1>{t("settings.title")}</h1>
      <RouteTabs tabs={SETTINGS_TABS} current={route} />
      <div class="toolbar" role="group" aria-label={t("templates.title")}>
        {KINDS.map((k) => (
          <button
            type="button"
            class={k === kind ? "button--primary" : ""}
            aria-pressed={k === kind}
            onClick={() => navigate(pathFor("templates", {}, { kind: k }), { replace: true })}
          >
            {t(`template.${k}`)}
          </button>
        ))}
      </div>
      <div class="split split--wide">
        <TemplateEditor key={kind} kind={kind} onSaved={() => setPreviewVersion((v) => v + 1)} />
        <Preview kind={kind} version={previewVersion} />
      </div>
    </section>
  );
}

function TemplateEditor({ kind, onSaved }: { kind: TemplateKind; onSaved: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const canEdit = hasRole(me, "manager");
  const loaded = useApiGet<Template>(`/api/templates/${kind}`);
  const [template, setTemplate] = useState<Template | null>(null);
  const [draft, setDraft] = useState<TemplateInput>({ body: "", lineFormat: "" });
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const fields = { body: useRef<HTMLTextAreaElement>(null), lineFormat: useRef<HTMLTextAreaElement>(null) };
  const lastFocused = useRef<Part | null>(null);
  const issues = issuesByPath(save.error);

  const show = (next: Template) => {
    setTemplate(next);
    setDraft({ body: next.body, lineFormat: next.lineFormat });
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);

  async function write(send: () => Promise<Template>) {
    setSaved(false);
    await save.run(async () => {
      show(await send());
      setSaved(true);
      onSaved();
    });
  }
  const confirmReset = useConfirm<void>(() => ({
    title: t("templates.resetTitle", { kind: t(`template.${kind}`) }),
    confirmLabel: t("templates.reset"),
    danger: true,
    onConfirm: () => void write(() => apiDelete<Template>(`/api/templates/${kind}`)),
    children: <p>{t("templates.resetNote")}</p>,
  }));

  function insert(token: string, lineOnly: boolean) {
    const part: Part = lineOnly ? "lineFormat" : (lastFocused.current ?? "body");
    const element = fields[part].current;
    const text = draft[part];
    const next = insertToken(text, element?.selectionStart ?? text.length, element?.selectionEnd ?? text.length, token);
    setDraft((d) => ({ ...d, [part]: next.text }));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  }

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!template) return <p class="loading">{t("state.loading")}</p>;

  const area = (part: Part, label: string, hint: string, rows: number) => (
    <Field label={label} errors={issues.get(part)} hint={hint} wide>
      <textarea
        ref={fields[part]}
        class="code-text"
        rows={rows}
        readOnly={!canEdit}
        spellcheck={false}
        value={draft[part]}
        onFocus={() => (lastFocused.current = part)}
        onInput={(e) => setDraft((d) => ({ ...d, [part]: e.currentTarget.value }))}
      />
    </Field>
  );

  return (
    <div>
      <form
        class="card form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void write(() => apiPut<Template>(`/api/templates/${kind}`, draft));
        }}
      >
        <h2>{t(`template.${kind}`)}</h2>
        <p class="muted">{template.isDefault ? t("templates.default") : t("templates.savedAt", { at: formatInstant(template.updatedAt, lang, me.merchant.timeZone) })}</p>
        {saved && <OkNotice>{t("templates.saved")}</OkNotice>}
        <FormErrors error={save.error} shownPaths={["body", "lineFormat"]} />
        {area("body", t("templates.body"), t("templates.bodyHint"), 14)}
        {area("lineFormat", t("templates.lineFormat"), t("templates.lineFormatHint"), 4)}
        {canEdit && (
          <FormActions label={t("action.save")} busy={save.busy}>
            {!template.isDefault && (
              <button type="button" class="button--danger" disabled={save.busy} onClick={() => confirmReset.ask()}>
                {t("templates.reset")}
              </button>
            )}
          </FormActions>
        )}
      </form>
      <PlaceholderTable onInsert={canEdit ? insert : undefined} />
      {confirmReset.dialog}
    </div>
  );
}

function PlaceholderTable({ onInsert }: { onInsert?: (token: string, lineOnly: boolean) => void }) {
  const t = useT();
  return (
    <>
      <h2>{t("templates.placeholders")}</h2>
      <DataTable
        rows={PLACEHOLDERS}
        columns={[
          { head: t("templates.placeholders"), cell: (p) => <code>{p.token}</code> },
          {
            head: t("templates.output"),
            cell: (p) => (
              <>
                {t(p.description)}
                {p.unit && <span class="muted"> — {t("templates.unitNote")}</span>}
              </>
            ),
          },
          { head: t("templates.where"), cell: (p) => t(p.token === "#LINES#" ? "templates.bodyOnly" : p.lineOnly ? "templates.lineOnly" : "templates.anywhere") },
          onInsert && {
            cell: (p) => (
              <button type="button" class="button--quiet" aria-label={t("templates.insert", { token: p.token })} onClick={() => onInsert(p.token, p.lineOnly)}>
                +
              </button>
            ),
          },
        ]}
      />
    </>
  );
}

/** The saved template rendered for one of the latest orders (re-rendered after a save). */
function Preview({ kind, version }: { kind: TemplateKind; version: number }) {
  const t = useT();
  const orders = useApiGet<Page<OrderSummary>>("/api/orders?limit=20");
  const [orderId, setOrderId] = useState("");
  const chosen = orderId || orders.data?.items[0]?.id || "";
  const rendered = useApiGet<RenderedTemplate>(chosen ? `/api/orders/${encodeURIComponent(chosen)}/render/${kind}` : null);
  useEffect(() => {
    if (version > 0) rendered.reload();
  }, [version]);

  return (
    <div class="card">
      <h2>{t("templates.preview")}</h2>
      <LoadError error={orders.error} onRetry={orders.reload} />
      <Field label={t("templates.previewOrder")} hint={t("templates.previewNote")}>
        <select value={chosen} onChange={(e) => setOrderId(e.currentTarget.value)}>
          {orders.data?.items.length === 0 && <option value="">{t("state.empty")}</option>}
          {orders.data?.items.map((o) => (
            <option value={o.id}>{`${o.externalId || o.id} ${o.customerName}`}</option>
          ))}
        </select>
      </Field>
      <LoadError error={rendered.error} onRetry={rendered.reload} />
      {rendered.loading && chosen && <p class="loading">{t("state.loading")}</p>}
      {rendered.data && !rendered.loading && <pre class="doc__text">{rendered.data.text}</pre>}
    </div>
  );
}
