/**
 * 入荷予定の登録 for the receiving desk, at any location (warehouses included): rows typed in by hand
 * (拠点, 商品コード, 数量, 発注番号) or a CSV of the same columns and an optional 種別; the kind chosen on
 * the form (仕入 / 移動 / その他) is every hand row's, and a CSV row's when its 種別 is blank; the
 * delivery keeps it. The worker checks every cell and
 * names each bad one by its row, so nothing is half-registered; rows with the same 拠点 and 発注番号 make
 * one delivery. One key per submission: sending again after a lost answer registers nothing twice.
 */
import { useState } from "preact/hooks";
import { ApiError, apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useLookup } from "../data";
import { issuesByPath } from "../form-issues";
import { SubmissionKey } from "../idempotency";
import { expectedRowsFromCsv, issuesToRows, type CsvIssue, type ExpectedRow } from "../nextengine-logic";
import type { Items, Location } from "../types";
import type { NeT } from "./nextengine-parts";

const handKey = new SubmissionKey();
const csvKey = new SubmissionKey();
const blank = (location = ""): ExpectedRow => ({ location, code: "", quantity: "", reference: "" });
const FIELDS = ["location", "code", "quantity", "reference"] as const;
const KINDS = ["purchase", "transfer", "other_in"] as const;
type Kind = (typeof KINDS)[number];

export function NextEngineExpected({ t, connectionId, onCreated }: { t: NeT; connectionId: string; onCreated: () => void }) {
  const locations = useLookup<Items<Location>>("/api/locations");
  const [rows, setRows] = useState<ExpectedRow[]>([blank()]);
  const [kind, setKind] = useState<Kind>("purchase");
  const [csv, setCsv] = useState("");
  const [csvIssues, setCsvIssues] = useState<CsvIssue[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const saving = useAction();
  const errors = issuesByPath(saving.error);
  const send = (input: ExpectedRow[], key: SubmissionKey) =>
    key.send({ kind, input }, (idempotencyKey) =>
      apiPost<{ items: unknown[] }>(`/api/nextengine/${encodeURIComponent(connectionId)}/expected-receipts`, { idempotencyKey, kind, rows: input }),
    );
  const firstLocation = locations.data?.items[0]?.code ?? "";
  const shown = rows.map((r) => ({ ...r, location: r.location || firstLocation }));
  const setRow = (index: number, change: Partial<ExpectedRow>) => setRows(shown.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const saveHand = (event: Event) => {
    event.preventDefault();
    void saving.run(async () => {
      setDone(null);
      setCsvIssues([]);
      const answer = await send(shown, handKey);
      setDone(answer.items.length);
      setRows([blank(shown[0]?.location)]);
      onCreated();
    });
  };
  const saveCsv = () =>
    void saving.run(async () => {
      setDone(null);
      const read = expectedRowsFromCsv(csv);
      setCsvIssues(read.issues);
      if (read.issues.length || !read.rows.length) return;
      try {
        const answer = await send(read.rows, csvKey);
        setDone(answer.items.length);
        setCsv("");
        onCreated();
      } catch (failure) {
        setCsvIssues(issuesToRows((failure as ApiError).issues ?? [], read.lines, "rows"));
        throw failure;
      }
    });

  return (
    <section class="card" aria-labelledby="ne-expected">
      <h2 id="ne-expected">{t("ne.register")}</h2>
      <p class="muted">{t("ne.expectedNote")}</p>
      {done !== null && <OkNotice>{t("ne.expectedDone", { count: done })}</OkNotice>}
      <Field label={t("ne.expectedKind")} errors={errors.get("kind")}>
        <select name="expectedKind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {KINDS.map((k) => (
            <option value={k}>{t(`neKind.${k}`)}</option>
          ))}
        </select>
      </Field>
      <form class="form" onSubmit={saveHand} noValidate>
        <FormErrors error={csvIssues.length ? null : saving.error} shownPaths={shown.flatMap((_, i) => FIELDS.map((f) => `rows.${i}.${f}`))} />
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th>{t("ne.location")}</th>
                <th>{t("ne.expectedCode")}</th>
                <th class="num">{t("ne.expectedQuantity")}</th>
                <th>{t("ne.expectedReference")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((r, i) => {
                const problems = (field: string) =>
                  errors.get(`rows.${i}.${field}`)?.map((message) => (
                    <span class="field__error" role="alert">
                      {message}
                    </span>
                  ));
                return (
                  <tr>
                    <td>
                      <select name={`expected-location-${i}`} aria-label={`${t("ne.location")} ${i + 1}`} value={r.location} onChange={(e) => setRow(i, { location: e.currentTarget.value })}>
                        {(locations.data?.items ?? []).map((l) => (
                          <option value={l.code}>{`${l.name} (${l.code})`}</option>
                        ))}
                      </select>
                      {problems("location")}
                    </td>
                    <td>
                      <input name={`expected-code-${i}`} aria-label={`${t("ne.expectedCode")} ${i + 1}`} value={r.code} maxLength={200} onInput={(e) => setRow(i, { code: e.currentTarget.value })} />
                      {problems("code")}
                    </td>
                    <td class="num">
                      <input name={`expected-quantity-${i}`} aria-label={`${t("ne.expectedQuantity")} ${i + 1}`} inputMode="numeric" size={6} value={r.quantity} onInput={(e) => setRow(i, { quantity: e.currentTarget.value })} />
                      {problems("quantity")}
                    </td>
                    <td>
                      <input name={`expected-reference-${i}`} aria-label={`${t("ne.expectedReference")} ${i + 1}`} value={r.reference} maxLength={64} onInput={(e) => setRow(i, { reference: e.currentTarget.value })} />
                      {problems("reference")}
                    </td>
                    <td>
                      {shown.length > 1 && (
                        <button type="button" class="button--quiet" onClick={() => setRows(shown.filter((_, j) => j !== i))}>
                          {t("action.delete")}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div class="form__actions">
          <button type="button" onClick={() => setRows([...shown, { ...blank(shown.at(-1)?.location), reference: shown.at(-1)?.reference ?? "" }])}>
            {t("ne.expectedAddRow")}
          </button>
          <button type="submit" class="button--primary" disabled={saving.busy}>
            {saving.busy ? t("state.working") : t("ne.expectedSave")}
          </button>
        </div>
      </form>
      <details>
        <summary>{t("ne.expectedCsv")}</summary>
        <p class="muted">{t("ne.expectedCsvNote")}</p>
        <textarea name="expectedCsv" rows={5} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} />
        {csvIssues.length > 0 && (
          <ul class="notice notice--error" role="alert">
            {csvIssues.map((issue) => (
              <li>{`${issue.row > 0 ? `${t("ne.csvRow", { row: issue.row })}: ` : ""}${issue.message}`}</li>
            ))}
          </ul>
        )}
        <div class="form__actions">
          <button type="button" disabled={saving.busy || !csv.trim()} onClick={saveCsv}>
            {t("ne.expectedCsvSave")}
          </button>
        </div>
      </details>
    </section>
  );
}
