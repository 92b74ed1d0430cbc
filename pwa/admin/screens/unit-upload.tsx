/**
 * 単位設定一括アップロード (seed 004): a UTF-8 CSV of units or of products' unit settings, sent as
 * `{ kind, csv }`. The worker checks every row first and writes all or nothing; a refused file comes
 * back with one issue per [row, column], listed here as a table to fix the file by. The current
 * units download as CSV in the same format, to edit and send back.
 */
import { useState } from "preact/hooks";
import { ApiError, apiPost, type ApiIssue } from "../api";
import { Field, FormErrors } from "../components/field";
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
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<BulkUploadResult | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = issuesByPath(error);
  const fileIssues = ((error as ApiError | null)?.issues ?? []).filter(isFileIssue);

  async function submit(event: Event) {
    event.preventDefault();
    setDone(null);
    const local = (message: string) => setError(new ApiError(0, "LOCAL", t("form.fix"), [{ path: ["csv"], message }]));
    if (!file) return local(t("upload.noFile"));
    setBusy(true);
    setError(null);
    try {
      const csv = await file.text();
      const problem = csvTextProblem(csv);
      if (problem) return local(t(problem));
      setDone(await apiPost<BulkUploadResult>("/api/units/upload", { kind, csv }));
      forget("/api/units");
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
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
          {done && (
            <p class="notice notice--ok" role="status">
              {t("upload.done", { units: done.units, products: done.products })}
            </p>
          )}
          <FormErrors error={error} shownPaths={["kind", "csv", ...fileIssues.map((i: ApiIssue) => pathKey(i.path))]} />
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
          <div class="form__actions">
            <button type="submit" class="button--primary" disabled={busy}>
              {busy ? t("state.working") : t("upload.submit")}
            </button>
          </div>
        </form>
      )}

      {fileIssues.length > 0 && (
        <>
          <h2>{t("upload.issues")}</h2>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th class="num">{t("upload.row")}</th>
                  <th>{t("upload.column")}</th>
                  <th>{t("upload.message")}</th>
                </tr>
              </thead>
              <tbody>
                {issueTable(fileIssues).map((issue) => (
                  <tr>
                    <td class="num">{issue.row === 0 ? t("upload.header") : issue.row}</td>
                    <td>{issue.column}</td>
                    <td class="error-text">{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
