/**
 * ERP商品导入 (§3.3.1): goods created in the ERP within a date range of at most one month come in
 * as new products / new specs. The worker checks the range (its message on the field) and queues
 * the import; the screen follows that run until it ends and shows its counts or its error.
 */
import { useEffect, useState } from "preact/hooks";
import { apiGet, apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { useAction } from "../components/use-action";
import { issuesByPath } from "../form-issues";
import type { Connection, Enqueued, SyncRun } from "../types";
import { countsText } from "../wangdian-logic";
import { useWangdianT } from "./wangdian-parts";

const FINISHED: SyncRun["status"][] = ["succeeded", "failed"];

/** Reads a run once a second until it finishes (or the screen goes away). */
function useRunOutcome(runId: string | null): SyncRun | null {
  const [run, setRun] = useState<SyncRun | null>(null);
  useEffect(() => {
    setRun(null);
    if (!runId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const latest = await apiGet<SyncRun>(`/api/sync/runs/${encodeURIComponent(runId)}`).catch(() => null);
      if (!live) return;
      if (latest) setRun(latest);
      if (!latest || !FINISHED.includes(latest.status)) timer = setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runId]);
  return run;
}

export function GoodsImport({ connection }: { connection: Connection }) {
  const { t, label } = useWangdianT();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [runId, setRunId] = useState<string | null>(null);
  const run = useRunOutcome(runId);
  const send = useAction();
  const issues = issuesByPath(send.error);

  async function submit(event: Event) {
    event.preventDefault();
    setRunId(null);
    const queued = await send.run(() => apiPost<Enqueued>(`/api/wangdian/${encodeURIComponent(connection.id)}/import-goods`, { from, to }));
    if (queued) setRunId(queued.runId);
  }

  return (
    <form class="card form" onSubmit={submit} noValidate aria-label={label("wd.import")}>
      <h2>{label("wd.import")}</h2>
      <p class="muted">{t("wd.importNote")}</p>
      <FormErrors error={send.error} shownPaths={["from", "to"]} />
      <Field label={label("wd.from")} errors={issues.get("from")}>
        <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </Field>
      <Field label={label("wd.to")} errors={issues.get("to")}>
        <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
      </Field>
      <FormActions label={label("wd.importRun")} busy={send.busy} disabled={!from || !to} />
      {runId && (
        <p class="notice" role="status" data-testid="wd-import-run">
          {t("wd.importQueued", { runId })}
          {run && (
            <>
              {" — "}
              <span class={`run run--${run.status}`}>{t(`run.${run.status}`)}</span> {countsText(run.counts)}
              {run.error && <strong> {run.error}</strong>}
            </>
          )}
        </p>
      )}
    </form>
  );
}
