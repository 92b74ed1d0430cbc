/**
 * A link's activity, for the link's own page: the last run of each job the link runs (status,
 * counts, error), when it last succeeded — so "failing since" is plain —, a Run now for managers,
 * and the link's dead letters with Replay. One panel for every connector's page.
 */
import { useCallback, useState } from "preact/hooks";
import { jobName, translateActivity, type AnyActivityKey } from "../activity-messages";
import { apiPost } from "../api";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import type { Vars } from "../i18n";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import type { LinkActivity as Activity } from "../types";
import { DataTable } from "./data-table";
import { DeadLetters } from "./dead-letters";
import { FormErrors, LoadError } from "./field";
import { OkNotice } from "./ok-notice";
import { useAction } from "./use-action";

export function LinkActivity({ connectionId }: { connectionId: string }) {
  const { lang } = useLang();
  const t = useCallback((key: AnyActivityKey, vars?: Vars) => translateActivity(lang, key, vars), [lang]);
  const { me } = useSession();
  const activity = useApiGet<Activity>(`/api/connections/${encodeURIComponent(connectionId)}/activity`);
  const running = useAction<string>();
  const [queued, setQueued] = useState<string | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const canRun = hasRole(me, "manager");
  const runNow = (job: string) =>
    running.run(async () => {
      setQueued(null);
      await apiPost("/api/sync/run", { job, connectionId });
      setQueued(job);
      activity.reload();
    }, job);

  return (
    <section class="card" aria-label={t("act.title")}>
      <h2>{t("act.title")}</h2>
      <p class="muted">{t("act.note")}</p>
      <div class="toolbar">
        <button type="button" onClick={activity.reload}>
          {t("action.refresh")}
        </button>
        <Link href={pathFor("syncRuns", {}, { connectionId })}>{t("act.allRuns")}</Link>
      </div>
      {queued && <OkNotice>{t("act.queued", { job: jobName(lang, queued) })}</OkNotice>}
      <FormErrors error={running.error} />
      <LoadError error={activity.error} onRetry={activity.reload} />
      <DataTable
        rows={activity.data?.jobs}
        columns={[
          { head: t("sync.job"), cell: (j) => jobName(lang, j.job), attrs: (j) => ({ title: j.job }) },
          { head: t("act.lastRun"), cell: (j) => (j.lastRun ? when(j.lastRun.finishedAt ?? j.lastRun.queuedAt) : t("act.never")) },
          { head: t("orders.status"), cell: (j) => j.lastRun && <span class={`run run--${j.lastRun.status}`}>{t(`run.${j.lastRun.status}`)}</span> },
          {
            head: t("sync.counts"),
            cell: (j) =>
              Object.entries(j.lastRun?.counts ?? {})
                .map(([key, value]) => `${key}: ${value}`)
                .join(", "),
          },
          { head: t("act.lastSuccess"), cell: (j) => (j.lastSucceededAt ? when(j.lastSucceededAt) : j.lastRun ? t("act.neverSucceeded") : "") },
          { head: t("sync.error"), cell: (j) => (j.lastRun?.status === "succeeded" ? "" : (j.lastRun?.error ?? "")), attrs: () => ({ class: "error-text" }) },
          canRun && {
            cell: (j) => (
              <button type="button" class="button--quiet" disabled={running.busy} onClick={() => void runNow(j.job)}>
                {running.doing === j.job ? t("state.working") : t("act.runNow")}
              </button>
            ),
          },
        ]}
      />
      <h3>{t("act.deadLetters")}</h3>
      <DeadLetters connectionId={connectionId} onReplayed={activity.reload} />
    </section>
  );
}
