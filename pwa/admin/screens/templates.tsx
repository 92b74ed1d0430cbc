/**
 * Mail and document templates: the order confirmation mail (注文完了メール明細フォーマット), the delivery
 * note (帳票) and the shipping CSV, each a body with #LINES# and a line format written once per order
 * line, with seed 004's placeholders (#ORDER_UNIT_VALUE_TEXT# → 「長さ:85cm」 …). The worker refuses
 * unknown or misplaced placeholders with messages shown under the field; the preview renders a
 * real order with the saved template. Editing is for managers; staff read.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { apiDelete, apiPut } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { Field, FormErrors, LoadError } from "../components/field";
import { RouteTabs, SETTINGS_TABS } from "../components/tabs";
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
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState(false);
  const fields = { body: useRef<HTMLTextAreaElement>(null), lineFormat: useRef<HTMLTextAreaElement>(null) };
  const lastFocused = useRef<Part | null>(null);
  const issues = issuesByPath(error);

  const show = (next: Template) => {
    setTemplate(next);
    setDraft({ body: next.body, lineFormat: next.lineFormat });
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);

  async function write(send: () => Promise<Template>) {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      show(await send());
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

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
        {saved && (
          <p class="notice notice--ok" role="status">
            {t("templates.saved")}
          </p>
        )}
        <FormErrors error={error} shownPaths={["body", "lineFormat"]} />
        {area("body", t("templates.body"), t("templates.bodyHint"), 14)}
        {area("lineFormat", t("templates.lineFormat"), t("templates.lineFormatHint"), 4)}
        {canEdit && (
          <div class="form__actions">
            <button type="submit" class="button--primary" disabled={busy}>
              {busy ? t("state.working") : t("action.save")}
            </button>
            {!template.isDefault && (
              <button type="button" class="button--danger" disabled={busy} onClick={() => setResetting(true)}>
                {t("templates.reset")}
              </button>
            )}
          </div>
        )}
      </form>
      <PlaceholderTable onInsert={canEdit ? insert : undefined} />
      {resetting && (
        <ConfirmDialog
          title={t("templates.resetTitle", { kind: t(`template.${kind}`) })}
          confirmLabel={t("templates.reset")}
          danger
          onClose={() => setResetting(false)}
          onConfirm={() => void write(() => apiDelete<Template>(`/api/templates/${kind}`))}
        >
          <p>{t("templates.resetNote")}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function PlaceholderTable({ onInsert }: { onInsert?: (token: string, lineOnly: boolean) => void }) {
  const t = useT();
  return (
    <>
      <h2>{t("templates.placeholders")}</h2>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t("templates.placeholders")}</th>
              <th>{t("templates.output")}</th>
              <th>{t("templates.where")}</th>
              {onInsert && <th />}
            </tr>
          </thead>
          <tbody>
            {PLACEHOLDERS.map((p) => (
              <tr>
                <td>
                  <code>{p.token}</code>
                </td>
                <td>
                  {t(p.description)}
                  {p.unit && <span class="muted"> — {t("templates.unitNote")}</span>}
                </td>
                <td>{t(p.token === "#LINES#" ? "templates.bodyOnly" : p.lineOnly ? "templates.lineOnly" : "templates.anywhere")}</td>
                {onInsert && (
                  <td>
                    <button type="button" class="button--quiet" aria-label={t("templates.insert", { token: p.token })} onClick={() => onInsert(p.token, p.lineOnly)}>
                      +
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
