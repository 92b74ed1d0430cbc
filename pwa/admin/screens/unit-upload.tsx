/**
 * 単位設定一括アップロード (seed 004): a UTF-8 CSV of units or of products' unit settings, sent as
 * `{ kind, csv }`. The worker checks every row first and writes all or nothing; a refused file comes
 * back with one issue per [row, column], listed here as a table to fix the file by. The current
 * units download as CSV in the same format, to edit and send back.
 */
import { useState } from "preact/hooks";
import { ApiError, apiPost, type ApiIssue } from "../api";
import { DataTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { forget } from "../data";
import { issuesByPath, pathKey } from "../form-issues";
import { useT } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import type { BulkUploadResult } from "../types";
import { csvTextProblem, isFileIssue, issueTable, UPLOAD_COLUMNS, UPLOAD_KINDS, type UploadKind } from "../unit-upload";

export default function UnitUploadScreen() {
  const t = useT();
  const { me } = useSession();
  const [kind, setKind] = useState<UploadKind>("units");
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<BulkUploadResult | null>(null);
  const upload = useAction();
  const issues = issuesByPath(upload.error);
  const fileIssues = ((upload.error as ApiError | null)?.issues ?? []).filter(isFileIssue);

  async function submit(event: Event) {
    event.preventDefault();
    setDone(null);
    if (!file) return upload.refuse([{ path: ["csv"], message: "upload.noFile" }]);
    await upload.run(async () => {
      const csv = await file.text();
      const problem = csvTextProblem(csv);
      if (problem) return upload.refuse([{ path: ["csv"], message: problem }]);
      setDone(await apiPost<BulkUploadResult>("/api/units/upload", { kind, csv }));
      forget("/api/units");
    });
  }

  return (
    <section>
      <Link href={pathFor("units")} class="back">
        ← {t("units.title")}
      </Link>
      <div class="page__head">
        <h1>{t("upload.title")}</h1>
        <a href="/api/units.csv" download="units.csv">
          {t("upload.download")}
        </a>
      </div>

      {hasRole(me, "manager") && (
        <form class="card form" onSubmit={submit} noValidate>
          {done && <OkNotice>{t("upload.done", { units: done.units, products: done.products })}</OkNotice>}
          <FormErrors error={upload.error} shownPaths={["kind", "csv", ...fileIssues.map((i: ApiIssue) => pathKey(i.path))]} />
          <div class="form__grid">
            <Field label={t("upload.kind")} errors={issues.get("kind")} hint={t("upload.columns", { columns: UPLOAD_COLUMNS[kind].join(",") })}>
              <select value={kind} onChange={(e) => setKind(e.currentTarget.value as UploadKind)}>
                {UPLOAD_KINDS.map((k) => (
                  <option value={k}>{t(`upload.kind.${k}`)}</option>
                ))}
              </select>
            </Field>
            <Field label={t("upload.file")} errors={issues.get("csv")}>
              <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
            </Field>
          </div>
          <FormActions label={t("upload.submit")} busy={upload.busy} />
        </form>
      )}

      {fileIssues.length > 0 && (
        <>
          <h2>{t("upload.issues")}</h2>
          <DataTable
            rows={issueTable(fileIssues)}
            columns={[
              { head: t("upload.row"), class: "num", cell: (issue) => (issue.row === 0 ? t("upload.header") : issue.row) },
              { head: t("upload.column"), cell: (issue) => issue.column },
              { head: t("upload.message"), cell: (issue) => issue.message, attrs: () => ({ class: "error-text" }) },
            ]}
          />
        </>
      )}
    </section>
  );
}
