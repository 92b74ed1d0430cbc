/**
 * The link's jobs at a glance: for each job NextEngine work runs as (受注取り込み, 在庫アップロード,
 * 出荷確定の反映), its last run — when, how it went, what it counted, its error — with the way to
 * every run and to the dead letters (where a failed job is replayed) on the sync screens.
 */
import { apiGet } from "../api";
import { DataTable } from "../components/data-table";
import { LoadError } from "../components/field";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { useSession } from "../session";
import type { SyncRun } from "../types";
import type { NeT } from "./nextengine-parts";

const JOBS = [
  { job: "nextengine.import-orders", label: "neJob.import" },
  { job: "nextengine.upload-stock", label: "neJob.upload" },
  { job: "orders.status-action", label: "neJob.report" },
] as const;

type LastRun = { job: (typeof JOBS)[number]; run: SyncRun | null };

/** The newest run of each job for this link (runs are listed per job; the link's are picked out). */
async function lastRuns(connectionId: string): Promise<LastRun[]> {
  return Promise.all(
    JOBS.map(async (job) => {
      const page = await apiGet<{ items: SyncRun[] }>("/api/sync/runs", { job: job.job, limit: 50 });
      return { job, run: page.items.find((r) => r.connectionId === connectionId) ?? null };
    }),
  );
}

const LOOK: Record<string, string> = { succeeded: "succeeded", failed: "failed", retrying: "retrying", queued: "queued", running: "retrying" };

export function NextEngineRuns({ t, connectionId }: { t: NeT; connectionId: string }) {
  const { lang } = useLang();
  const { me } = useSession();
  const runs = useApiGet<LastRun[]>(`runs:${connectionId}`, () => lastRuns(connectionId));
  return (
    <section class="card" aria-labelledby="ne-runs">
      <div class="page__head">
        <h2 id="ne-runs">{t("ne.runs")}</h2>
        <button type="button" class="button--quiet" onClick={runs.reload}>
          {t("action.reload")}
        </button>
      </div>
      <LoadError error={runs.error} onRetry={runs.reload} />
      <DataTable
        rows={runs.data}
        columns={[
          { head: t("ne.job"), cell: (r) => t(r.job.label) },
          { head: t("ne.updatedAt"), cell: (r) => (r.run ? formatInstant(r.run.finishedAt ?? r.run.queuedAt, lang, me.merchant.timeZone) : "—") },
          { head: t("ne.result"), cell: (r) => (r.run ? <span class={`run run--${LOOK[r.run.status] ?? "queued"}`}>{t(`run.${r.run.status}`)}</span> : t("ne.neverRun")) },
          {
            head: t("ne.counts"),
            cell: (r) =>
              r.run && (
                <>
                  {Object.entries(r.run.counts)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(" · ")}
                  {r.run.error && <div class="field__error">{r.run.error}</div>}
                </>
              ),
          },
        ]}
      />
      <p>
        <Link href={pathFor("syncRuns")}>{t("sync.runs")}</Link> · <Link href={pathFor("deadLetters")}>{t("sync.deadLetters")}</Link>
      </p>
    </section>
  );
}
