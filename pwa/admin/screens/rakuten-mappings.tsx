/**
 * 商品マッピング (Rakuten SKU ↔ Renkei SKU ↔ RSL item): the list, a row added or changed by hand,
 * a row removed (asked first), a CSV file uploaded — its errors listed by line and field, nothing
 * saved unless every row is right — and the list downloaded in the upload's format.
 */
import { useState } from "preact/hooks";
import { apiPost, apiPut, type ApiError } from "../api";
import { DataTable } from "../components/data-table";
import { Field, FormErrors, LoadError } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet } from "../data";
import { downloadCsv } from "../download";
import { issuesByPath } from "../form-issues";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { uploadIssueRows, type Mapping } from "../rakuten-logic";
import type { RakutenKey } from "../rakuten-messages";
import { hasRole, useSession } from "../session";
import { useRakutenT } from "./rakuten-parts";

const EMPTY = { rakutenSku: "", skuCode: "", rslItemCode: "" };
const FIELDS = ["rakutenSku", "skuCode", "rslItemCode"] as const;

export function MappingsSection({ id }: { id: string }) {
  const t = useRakutenT();
  const { lang } = useLang();
  const { me } = useSession();
  const canEdit = hasRole(me, "manager");
  const path = `/api/rakuten/links/${encodeURIComponent(id)}/mappings`;
  const list = useApiGet<{ items: Mapping[] }>(path);
  const [row, setRow] = useState(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useAction();
  const upload = useAction();
  const remove = useAction<string>();
  const download = useAction();
  const issues = issuesByPath(save.error);

  async function submit(event: Event) {
    event.preventDefault();
    setNotice(null);
    if (await save.run(() => apiPut(path, { rows: [row] }))) {
      setRow(EMPTY);
      list.reload();
    }
  }

  async function pick(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setNotice(null);
    const answer = await upload.run(async () => apiPost<{ saved: number }>(`${path}/upload`, { csv: await file.text() }));
    input.value = "";
    if (answer) {
      setNotice(t("rk.map.uploaded", { saved: answer.saved }));
      list.reload();
    }
  }

  const confirmDelete = useConfirm((m: Mapping) => ({
    title: t("rk.map.deleteTitle", { sku: m.rakutenSku }),
    confirmLabel: t("rk.map.delete"),
    danger: true,
    onConfirm: () =>
      void remove.run(async () => {
        await apiPost(`${path}/delete`, { rakutenSku: m.rakutenSku });
        list.reload();
      }, m.rakutenSku),
    children: <p>{t("rk.map.deleteNote")}</p>,
  }));

  const uploadIssues = uploadIssueRows((upload.error as ApiError | null)?.issues ?? []);

  return (
    <>
      <div class="card">
        <h2>{t("rk.tab.mappings")}</h2>
        {notice && <OkNotice>{notice}</OkNotice>}
        <FormErrors error={remove.error} />
        <FormErrors error={download.error} />
        <LoadError error={list.error} onRetry={list.reload} />
        <div class="toolbar">
          <button
            type="button"
            disabled={download.busy}
            onClick={() =>
              void download.run(() => downloadCsv(`${path}.csv`, "rakuten-mappings.csv"))
            }
          >
            {t("rk.map.download")}
          </button>
        </div>
        {list.data && list.data.items.length === 0 ? (
          <p class="empty">{t("rk.map.none")}</p>
        ) : (
          <DataTable
            rows={list.data?.items}
            columns={[
              { head: t("rk.map.rakutenSku"), cell: (m) => <code>{m.rakutenSku}</code> },
              { head: t("rk.map.skuCode"), cell: (m) => m.skuCode },
              { head: t("rk.map.rslItemCode"), cell: (m) => m.rslItemCode },
              { head: t("rk.map.updatedAt"), cell: (m) => formatInstant(m.updatedAt, lang, me.merchant.timeZone) },
              canEdit && {
                cell: (m) => (
                  <span class="row-actions">
                    <button type="button" class="button--quiet" onClick={() => setRow({ rakutenSku: m.rakutenSku, skuCode: m.skuCode, rslItemCode: m.rslItemCode })}>
                      {t("rk.map.edit")}
                    </button>
                    <button type="button" class="button--danger" disabled={remove.busy} onClick={() => confirmDelete.ask(m)}>
                      {remove.doing === m.rakutenSku ? t("state.working") : t("rk.map.delete")}
                    </button>
                  </span>
                ),
              },
            ]}
          />
        )}
      </div>
      {canEdit && (
        <form class="card form" onSubmit={submit}>
          <h2>{t("rk.map.add")}</h2>
          <FormErrors error={save.error} shownPaths={FIELDS.map((f) => `0.${f}`)} />
          {FIELDS.map((f) => (
            <Field label={t(`rk.map.${f}` as RakutenKey)} errors={issues.get(`0.${f}`) ?? issues.get(`rows.0.${f}`)}>
              <input autoComplete="off" value={row[f]} onInput={(e) => setRow((r) => ({ ...r, [f]: e.currentTarget.value }))} />
            </Field>
          ))}
          <FormActions label={t("rk.map.save")} busy={save.busy} disabled={FIELDS.some((f) => !row[f].trim())} />
        </form>
      )}
      {canEdit && (
        <div class="card">
          <h2>{t("rk.map.upload")}</h2>
          <Field label={t("rk.map.upload")} hint={t("rk.map.uploadHint")}>
            <input type="file" accept=".csv,text/csv" disabled={upload.busy} onChange={pick} />
          </Field>
          {upload.error != null && (
            <div class="notice notice--error" role="alert">
              <p>{(upload.error as ApiError).message}</p>
              <ul data-testid="upload-issues">
                {uploadIssues.map((i) => (
                  <li>
                    {i.line !== null && <strong>{t("rk.map.line", { line: i.line })}</strong>} {i.field && <code>{t(`rk.map.${i.field}` as RakutenKey)}</code>} {i.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {confirmDelete.dialog}
    </>
  );
}
