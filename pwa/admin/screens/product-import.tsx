/**
 * 商品批量导入 / 商品批量更新 → 文件导入 (seed 003 §3.3.2, §3.4.2): one screen, the route picks the
 * mode. The merchant downloads the 样例文件, fills it (or pastes the ERP's 单品列表 export into it)
 * and chooses it. The browser reads it — CSV in UTF-8, GBK / GB18030 or Shift_JIS, or Excel .xlsx —
 * and checks every row with a progress bar, listing each problem by row and column (downloadable
 * as CSV); only a clean file can be sent. The worker checks it all again and writes all or
 * nothing; its own refusals (a code already taken, a category missing) show in the same table.
 */
import { useEffect, useState } from "preact/hooks";
import type { z } from "zod";
import type { ProductFileImportResult } from "../../../shared/schemas/catalog";
import { templateHeader, type FileIssue, type ProductFileMode } from "../../../shared/schemas/product-import";
import { ApiError, apiPost, type ApiIssue } from "../api";
import { FileIssues } from "../components/file-issues";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { forget } from "../data";
import { issuesByPath, pathKey } from "../form-issues";
import { useLang, useT } from "../locale";
import { Link } from "../navigation";
import {
  checkSheet,
  FileProblem,
  legacyEncodingFor,
  readSheet,
  TEXT_ENCODINGS,
  type CheckedFile,
  type EncodingChoice,
  type Progress,
  type SheetText,
} from "../product-file";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import { isFileIssue } from "../unit-upload";
import type { ScreenProps } from "./props";

type Result = z.infer<typeof ProductFileImportResult>;

interface Checked {
  sheet: SheetText;
  result: CheckedFile;
}

export default function ProductImportScreen({ route }: ScreenProps) {
  const mode: ProductFileMode = route === "productUpdate" ? "update" : "create";
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>("auto");
  const [createCategories, setCreateCategories] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [done, setDone] = useState<Result | null>(null);
  const send = useAction();

  // Read and check the file whenever it or the chosen encoding changes; a newer choice wins.
  useEffect(() => {
    setChecked(null);
    setProblem(null);
    send.clear();
    if (!file) return;
    let current = true;
    const report = (p: Progress) => current && setProgress(p);
    (async () => {
      try {
        const sheet = await readSheet(file, encoding, legacyEncodingFor(lang), report);
        const result = await checkSheet(sheet, mode, me.merchant.currency, report);
        if (current) setChecked({ sheet, result });
      } catch (error) {
        if (!current) return;
        setProblem(error instanceof FileProblem ? error : new FileProblem("productFile.badXlsx", { detail: String(error) }));
      } finally {
        if (current) setProgress(null);
      }
    })();
    return () => {
      current = false;
    };
    // `lang` only sets the guess for a legacy CSV; switching language need not re-read.
  }, [file, encoding, mode]);

  const workerIssues = ((send.error as ApiError | null)?.issues ?? []).filter(isFileIssue);
  const issues: readonly (ApiIssue | FileIssue)[] = checked?.result.issues.length ? checked.result.issues : workerIssues;
  const ready = !!checked && checked.result.issues.length === 0 && !progress;

  async function submit(event: Event) {
    event.preventDefault();
    setDone(null);
    if (!file) return send.refuse([{ path: ["file"], message: "upload.noFile" }]);
    if (!checked || !ready) return;
    const result = await send.run(() =>
      apiPost<Result>("/api/products/import", { mode, createCategories, header: checked.sheet.header, rows: checked.sheet.rows }),
    );
    if (result) {
      setDone(result);
      forget("/api/products");
    }
  }

  const source = checked?.sheet.kind === "xlsx" ? t("productFile.source.xlsx") : t("productFile.source.csv", { encoding: checked?.sheet.encoding ?? "" });

  return (
    <section>
      <Link href={pathFor("products")} class="back">
        ← {t("nav.products")}
      </Link>
      <div class="page__head">
        <h1>{t(`productFile.${mode}.title`)}</h1>
        <a href={`/api/products/import/template.csv?mode=${mode}`} download>
          {t("productFile.template")}
        </a>
        <Link href={pathFor(mode === "create" ? "productUpdate" : "productImport")}>{t(mode === "create" ? "productFile.toUpdate" : "productFile.toCreate")}</Link>
      </div>
      <p>{t(`productFile.${mode}.intro`)}</p>
      <p class="muted">{t("upload.columns", { columns: templateHeader(mode).join(",") })}</p>
      <p class="muted">{t("productFile.zeros")}</p>

      {hasRole(me, "manager") && (
        <form class="card form" onSubmit={submit} noValidate>
          {done && (
            <OkNotice>
              {t(`productFile.${mode}.done`, {
                products: mode === "create" ? done.productsCreated : done.productsUpdated,
                skus: mode === "create" ? done.skusCreated : done.skusUpdated,
                categories: done.categoriesCreated,
                brands: done.brandsCreated,
              })}
            </OkNotice>
          )}
          <FormErrors error={send.error} shownPaths={["file", ...workerIssues.map((i) => pathKey(i.path))]} />
          <div class="form__grid">
            <Field label={t("productFile.file")} errors={issuesByPath(send.error).get("file")}>
              <input
                type="file"
                name="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setDone(null);
                  setFile(e.currentTarget.files?.[0] ?? null);
                }}
              />
            </Field>
            <Field label={t("productFile.encoding")}>
              <select name="encoding" value={encoding} onChange={(e) => setEncoding(e.currentTarget.value as EncodingChoice)}>
                {(["auto", ...TEXT_ENCODINGS] as const).map((name) => (
                  <option value={name}>{t(`productFile.encoding.${name}`)}</option>
                ))}
              </select>
            </Field>
            <Field label={t("productFile.createCategories")} hint={t("productFile.createCategoriesHint")}>
              <input type="checkbox" name="createCategories" checked={createCategories} onChange={(e) => setCreateCategories(e.currentTarget.checked)} />
            </Field>
          </div>

          {progress && (
            <div class="file-progress" role="status">
              <progress max={progress.total || 1} value={progress.done} />{" "}
              {progress.phase === "read" ? t("productFile.phase.read") : t("productFile.phase.check", { done: progress.done, total: progress.total })}
            </div>
          )}
          {problem && (
            <p class="notice notice--error" role="alert">
              {t(problem.key, problem.vars)}
            </p>
          )}
          {checked && (
            <p class="file-summary">
              {t("productFile.read", { rows: checked.sheet.rows.length, source, products: checked.result.products, skus: checked.result.skus })}
            </p>
          )}
          <FormActions label={t(`productFile.${mode}.submit`)} busy={send.busy} disabled={!ready} />
        </form>
      )}

      <FileIssues issues={issues} fileName={`${mode === "create" ? "product-import" : "product-update"}-errors.csv`} />
    </section>
  );
}
