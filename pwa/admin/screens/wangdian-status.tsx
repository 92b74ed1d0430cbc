/**
 * A 旺店通 link's status (issue 4 item 6): the export queue (waiting / failed with the ERP's reason
 * / sent, and a retry of the failed once their cause is fixed), the latest run of each of the
 * link's jobs with counts and errors, its dead letters with replay, and the drift report of the
 * daily stock sync (per SKU: Renkei, ERP, difference, what was done).
 */
import { useState } from "preact/hooks";
import { apiGet, apiPost } from "../api";
import { DataTable, LoadedTable } from "../components/data-table";
import { FormErrors, LoadError } from "../components/field";
import { LinkActivity } from "../components/link-activity";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useApiGet, useLookup } from "../data";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { hasRole, useSession } from "../session";
import type { Connection, Items, Location } from "../types";
import { exportWords } from "../wangdian-logic";
import type { WangdianAnyKey } from "../wangdian-messages";
import { useWangdianT } from "./wangdian-parts";

const EXPORT_STATES = ["waiting", "failed", "sent"] as const;
type ExportState = (typeof EXPORT_STATES)[number];

interface ExportItem {
  id: number;
  documentId: string;
  number: string;
  kind: string;
  origin: string | null;
  event: string;
  queuedAt: string;
  sentAt: string | null;
  externalNo: string | null;
  attempts: number;
  lastError: string | null;
}
interface Exports {
  waiting: number;
  failed: number;
  items: ExportItem[];
}
interface Drift {
  runId: string | null;
  at: string | null;
  summary: { skus: number; renkeiSet: number; erpSet: number; equal: number };
  items: DriftRow[];
  nextCursor: string | null;
}
interface DriftRow {
  locationId: string;
  skuId: string;
  code: string;
  renkei: number;
  erp: number | null;
  difference: number | null;
  action: string;
}

function useWhen() {
  const { lang } = useLang();
  const { me } = useSession();
  return (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
}

export function WangdianStatus({ connection }: { connection: Connection }) {
  return (
    <>
      <ExportQueue connection={connection} />
      <LinkActivity connectionId={connection.id} />
      <DriftReport connection={connection} />
    </>
  );
}

function ExportQueue({ connection }: { connection: Connection }) {
  const { t, label } = useWangdianT();
  const when = useWhen();
  const { me } = useSession();
  const exportText = (e: ExportItem) => {
    const words = exportWords(e.kind, e.event, e.origin);
    const erp = label(words.erp as WangdianAnyKey);
    return words.document ? `${label(words.document as WangdianAnyKey)} → ${erp}` : erp;
  };
  const [state, setState] = useState<ExportState>("waiting");
  const list = useApiGet<Exports>(`/api/wangdian/${encodeURIComponent(connection.id)}/exports?state=${state}`);
  const retry = useAction();
  const [retried, setRetried] = useState<number | null>(null);
  const sendAgain = () =>
    retry.run(async () => {
      setRetried((await apiPost<{ retried: number }>(`/api/wangdian/${encodeURIComponent(connection.id)}/exports/retry`)).retried);
      list.reload();
    });
  return (
    <section class="card" aria-label={label("wd.exports")}>
      <h2>{label("wd.exports")}</h2>
      {list.data && <p data-testid="wd-export-totals">{t("wd.exportTotals", { waiting: list.data.waiting, failed: list.data.failed })}</p>}
      {retried !== null && <OkNotice>{t("wd.exportRetried", { retried })}</OkNotice>}
      <FormErrors error={retry.error} />
      <div class="form__actions">
        {EXPORT_STATES.map((s) => (
          <label>
            <input type="radio" name="wd-export-state" checked={state === s} onChange={() => setState(s)} /> {label(`wd.exportState.${s}`)}
          </label>
        ))}
        {hasRole(me, "manager") && (list.data?.failed ?? 0) > 0 && (
          <button type="button" disabled={retry.busy} onClick={() => void sendAgain()}>
            {retry.busy ? t("state.working") : label("wd.exportRetry")}
          </button>
        )}
      </div>
      <LoadedTable
        list={list}
        empty={t("wd.exportNone")}
        columns={[
          { head: t("sync.queuedAt"), cell: (e) => when(e.queuedAt), attrs: (e) => ({ title: e.documentId }) },
          { head: label("wd.number"), cell: (e) => <code>{e.number}</code> },
          { head: t("wd.event"), cell: (e) => exportText(e), attrs: (e) => ({ title: `${e.kind} / ${e.event}` }) },
          { head: t("sync.attempts"), class: "num", cell: (e) => e.attempts },
          state === "sent" && { head: label("wd.externalNo"), cell: (e) => e.externalNo ?? "" },
          state === "sent" && { head: label("wd.exportState.sent"), cell: (e) => when(e.sentAt) },
          state !== "sent" && { head: label("wd.reason"), cell: (e) => e.lastError ?? "", attrs: () => ({ class: "error-text", lang: "zh" }) },
        ]}
      />
    </section>
  );
}

function DriftReport({ connection }: { connection: Connection }) {
  const { t, label } = useWangdianT();
  const when = useWhen();
  const base = `/api/wangdian/${encodeURIComponent(connection.id)}/drift`;
  const [onlyDifferent, setOnlyDifferent] = useState(false);
  const [runId, setRunId] = useState("");
  const runs = useApiGet<{ items: { runId: string; at: string }[] }>(`${base}/runs`);
  const query = `onlyDifferent=${onlyDifferent}${runId ? `&runId=${encodeURIComponent(runId)}` : ""}`;
  const drift = useApiGet<Drift>(`${base}?${query}`);
  // pages after the first, for this run and filter only
  const [more, setMore] = useState<{ query: string; items: DriftRow[]; nextCursor: string | null }>({ query: "", items: [], nextCursor: null });
  const extra = more.query === query ? more : null;
  const loadMore = useAction();
  const locations = useLookup<Items<Location>>("/api/locations");
  const code = (id: string) => locations.data?.items.find((l) => l.id === id)?.code ?? id;
  const report = drift.data;
  const rows = report ? [...report.items, ...(extra?.items ?? [])] : [];
  const cursor = extra ? extra.nextCursor : (report?.nextCursor ?? null);
  const total = report ? report.summary.skus - (onlyDifferent ? report.summary.equal : 0) : 0;
  const next = () =>
    loadMore.run(async () => {
      const page = await apiGet<Drift>(`${base}?${query}&cursor=${encodeURIComponent(cursor!)}`);
      setMore({ query, items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    });
  return (
    <section class="card" aria-label={label("wd.drift")}>
      <h2>{label("wd.drift")}</h2>
      <LoadError error={drift.error} onRetry={drift.reload} />
      {report && !report.runId && <p class="muted">{t("wd.driftNone")}</p>}
      {report?.runId && (
        <>
          <div class="form__actions">
            <label>
              {t("wd.driftRun")}{" "}
              <select value={runId || report.runId} onChange={(e) => setRunId(e.currentTarget.value)}>
                {(runs.data?.items ?? [{ runId: report.runId, at: report.at ?? "" }]).map((r) => (
                  <option value={r.runId}>{when(r.at)}</option>
                ))}
              </select>
            </label>
            <label>
              <input type="checkbox" checked={onlyDifferent} onChange={(e) => setOnlyDifferent(e.currentTarget.checked)} /> {label("wd.onlyDifferent")}
            </label>
          </div>
          <p data-testid="wd-drift-summary">{t("wd.driftSummary", { at: when(report.at), ...report.summary })}</p>
          <DataTable
            rows={rows}
            columns={[
              { head: label("wd.location"), cell: (r) => <code>{code(r.locationId)}</code> },
              { head: label("wd.sku"), cell: (r) => <code>{r.code}</code> },
              { head: t("wd.renkei"), class: "num", cell: (r) => r.renkei },
              { head: t("wd.erp"), class: "num", cell: (r) => r.erp ?? "—" },
              { head: label("wd.difference"), class: "num", cell: (r) => r.difference ?? "—" },
              { head: label("wd.action"), cell: (r) => label(`wd.driftAction.${r.action}` as Parameters<typeof label>[0]) },
            ]}
          />
          <FormErrors error={loadMore.error} />
          {cursor && (
            <p>
              <button type="button" disabled={loadMore.busy} onClick={() => void next()}>
                {loadMore.busy ? t("state.working") : t("wd.driftMore", { shown: rows.length, total })}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
