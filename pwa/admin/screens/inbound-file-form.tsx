/**
 * 入库单导入 (seed 003 §2.3.2): a delivery for a store from the merchant's file. The browser reads and
 * checks it (inbound-file.ts, with the product file's reader) and lists every problem by row and
 * column; only a clean file can be sent. The worker checks it again and writes all or nothing. The
 * file carries one idempotency key from the moment it is chosen: a double submit, or a retry after
 * a lost answer, makes one delivery.
 */
import { useEffect, useState } from "preact/hooks";
import type { FileIssue } from "../../../shared/schemas/product-import";
import { ApiError, apiPost, type ApiIssue } from "../api";
import { Field, FormErrors } from "../components/field";
import { FileIssues } from "../components/file-issues";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { saveText } from "../download";
import { issuesByPath, pathKey } from "../form-issues";
import { checkInboundSheet, inboundTemplate, readInboundSheet, type CheckedInbound } from "../inbound-file";
import { useLang } from "../locale";
import { FileProblem, legacyEncodingFor, TEXT_ENCODINGS, type EncodingChoice, type Progress, type SheetText } from "../product-file";
import { INBOUND_KINDS, type InboundKind, type StoreDocument } from "../store-logic";
import { isFileIssue } from "../unit-upload";
import { LocationSelect, useLocations, type StoreT } from "./store-parts";

interface Checked {
  sheet: SheetText;
  result: CheckedInbound;
  /** one per file chosen */
  key: string;
}

export function InboundFileForm({ t, defaultLocationId, onCreated }: { t: StoreT; defaultLocationId: string; onCreated: (id: string) => void }) {
  const { lang } = useLang();
  const locations = useLocations();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>("auto");
  const [chosenLocation, setLocation] = useState(defaultLocationId);
  const [kind, setKind] = useState<InboundKind>("other_in");
  const [reference, setReference] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [problem, setProblem] = useState<FileProblem | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const send = useAction();
  // Deliveries are for stores: a filter on a warehouse does not carry over.
  const locationId = locations.stores.some((l) => l.id === chosenLocation) ? chosenLocation : (locations.stores[0]?.id ?? "");

  useEffect(() => {
    setChecked(null);
    setProblem(null);
    send.clear();
    if (!file) return;
    let current = true;
    (async () => {
      try {
        const sheet = await readInboundSheet(file, encoding, legacyEncodingFor(lang), (p) => current && setProgress(p));
        if (current) setChecked({ sheet, result: checkInboundSheet(sheet), key: crypto.randomUUID() });
      } catch (error) {
        if (current) setProblem(error instanceof FileProblem ? error : new FileProblem("productFile.badXlsx", { detail: String(error) }));
      } finally {
        if (current) setProgress(null);
      }
    })();
    return () => {
      current = false;
    };
  }, [file, encoding]);

  const workerIssues = ((send.error as ApiError | null)?.issues ?? []).filter(isFileIssue);
  const issues: readonly (ApiIssue | FileIssue)[] = checked?.result.issues.length ? checked.result.issues : workerIssues;
  const ready = !!checked && checked.result.issues.length === 0 && !progress;

  async function submit(event: Event) {
    event.preventDefault();
    if (!file) return send.refuse([{ path: ["file"], message: "upload.noFile" }]);
    if (!checked || !ready) return;
    const made = await send.run(() =>
      apiPost<StoreDocument>("/api/inbound/import", {
        idempotencyKey: checked.key,
        locationId,
        kind,
        reference,
        fileName: file.name,
        header: checked.sheet.header,
        rows: checked.sheet.rows,
      }),
    );
    if (made) onCreated(made.id);
  }

  const source = checked?.sheet.kind === "xlsx" ? t("productFile.source.xlsx") : t("productFile.source.csv", { encoding: checked?.sheet.encoding ?? "" });
  const fieldIssues = issuesByPath(send.error);
  return (
    <>
      <form class="card form" onSubmit={submit} noValidate aria-label={t("inb.import")}>
        <div class="page__head">
          <h2>{t("inb.import")}</h2>
          <button type="button" onClick={() => saveText("入库单导入_样例文件.csv", inboundTemplate())}>
            {t("inb.importTemplate")}
          </button>
        </div>
        <p>{t("inb.importIntro")}</p>
        <FormErrors error={send.error} shownPaths={["file", "locationId", ...workerIssues.map((i) => pathKey(i.path))]} />
        <div class="form__grid">
          <Field label={t("store.store")} errors={fieldIssues.get("locationId")}>
            <LocationSelect locations={locations.stores} value={locationId} onChange={setLocation} />
          </Field>
          <Field label={t("inb.kind")}>
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as InboundKind)}>
              {INBOUND_KINDS.map((k) => (
                <option value={k}>{t(`inbKind.${k}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t("inb.reference")} hint={t("inb.referenceHint")}>
            <input maxLength={64} value={reference} onInput={(e) => setReference(e.currentTarget.value)} />
          </Field>
          <Field label={t("productFile.file")} errors={fieldIssues.get("file")}>
            <input
              type="file"
              name="inbound-file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          </Field>
          <Field label={t("productFile.encoding")}>
            <select value={encoding} onChange={(e) => setEncoding(e.currentTarget.value as EncodingChoice)}>
              {(["auto", ...TEXT_ENCODINGS] as const).map((name) => (
                <option value={name}>{t(`productFile.encoding.${name}`)}</option>
              ))}
            </select>
          </Field>
        </div>
        {progress && (
          <div class="file-progress" role="status">
            <progress max={progress.total || 1} value={progress.done} /> {t("productFile.phase.read")}
          </div>
        )}
        {problem && (
          <p class="notice notice--error" role="alert">
            {t(problem.key, problem.vars)}
          </p>
        )}
        {checked && checked.result.issues.length === 0 && (
          <p class="file-summary">{t("inb.importRead", { lines: checked.result.lines, quantity: checked.result.quantity, source })}</p>
        )}
        <FormActions label={t("inb.importSubmit")} busy={send.busy} disabled={!ready} />
      </form>
      <FileIssues issues={issues} fileName="inbound-import-errors.csv" />
    </>
  );
}
