/**
 * The problems of a file the merchant chose (product file, 入库单导入), by row and column: a table of
 * the first ones on the page and all of them as a CSV to fix the file by.
 */
import type { FileIssue } from "../../../shared/schemas/product-import";
import type { ApiIssue } from "../api";
import { saveText } from "../download";
import { useT } from "../locale";
import { issuesCsv } from "../product-file";
import { issueTable } from "../unit-upload";
import { DataTable } from "./data-table";

/** Rows of the problem table drawn on the page; the CSV download has them all. */
const SHOWN_ISSUES = 500;

export function FileIssues({ issues, fileName }: { issues: readonly (ApiIssue | FileIssue)[]; fileName: string }) {
  const t = useT();
  if (issues.length === 0) return null;
  return (
    <>
      <h2>{t("upload.issues")}</h2>
      <div class="notice notice--error" role="alert">
        <p>{t("productFile.issuesFound", { count: issues.length })}</p>
        <button type="button" onClick={() => saveText(fileName, issuesCsv(issues))}>
          {t("productFile.downloadIssues")}
        </button>
      </div>
      <DataTable
        rows={issueTable(issues).slice(0, SHOWN_ISSUES)}
        columns={[
          { head: t("upload.row"), class: "num", cell: (issue) => (issue.row === 0 ? t("upload.header") : issue.row) },
          { head: t("upload.column"), cell: (issue) => issue.column },
          { head: t("upload.message"), cell: (issue) => issue.message, attrs: () => ({ class: "error-text" }) },
        ]}
      />
    </>
  );
}
