/**
 * Sync runs (every job: counts, duration, error) and dead letters — jobs that gave up after their
 * retries (components/dead-letters.tsx, shared with the link pages).
 * One screen for both tabs: they are read together when something failed. Connections and
 * schedules, the third tab, are their own screen (screens/connections.tsx).
 */
import { PagedTable } from "../components/data-table";
import { DeadLetters } from "../components/dead-letters";
import { RouteTabs, SYNC_TABS } from "../components/tabs";
import { usePaged } from "../data";
import { formatInstant } from "../format";
import { useLang, useT } from "../locale";
import { navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { useSession } from "../session";
import type { SyncRun } from "../types";
import type { ScreenProps } from "./props";

const RUN_STATUSES = ["queued", "running", "succeeded", "retrying", "failed"] as const;

export default function SyncScreen({ route, search }: ScreenProps) {
  const t = useT();
  const deadLetters = route === "deadLetters";
  return (
    <section>
      <h1>{t("sync.title")}</h1>
      <RouteTabs tabs={SYNC_TABS} current={route} />
      {deadLetters ? <DeadLetters /> : <Runs search={search} />}
    </section>
  );
}

function Runs({ search }: { search: string }) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const query = queryOf(search);
  const status = query.status ?? "";
  // A link's page links here with its connectionId: that link's runs only.
  const connectionId = query.connectionId || undefined;
  const runs = usePaged<SyncRun>("/api/sync/runs", { status: status || undefined, connectionId });
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);

  return (
    <>
      <div class="toolbar">
        <label class="toolbar__item">
          <span>{t("orders.status")}</span>
          <select value={status} onChange={(e) => navigate(pathFor("syncRuns", {}, { status: e.currentTarget.value, connectionId }), { replace: true })}>
            <option value="">{t("filter.any")}</option>
            {RUN_STATUSES.map((s) => (
              <option value={s}>{t(`run.${s}`)}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={runs.reload}>
          {t("action.refresh")}
        </button>
      </div>
      <PagedTable
        list={runs}
        columns={[
          { head: t("sync.queuedAt"), cell: (run) => when(run.queuedAt), attrs: (run) => ({ title: run.id }) },
          { head: t("sync.job"), cell: (run) => <code>{run.job}</code> },
          { head: t("sync.trigger"), cell: (run) => t(`trigger.${run.trigger}`) },
          { head: t("orders.status"), cell: (run) => <span class={`run run--${run.status}`}>{t(`run.${run.status}`)}</span> },
          { head: t("sync.attempts"), class: "num", cell: (run) => run.attempts },
          {
            head: t("sync.counts"),
            cell: (run) =>
              Object.entries(run.counts)
                .map(([key, value]) => `${key}: ${value}`)
                .join(", "),
          },
          { head: t("sync.duration"), class: "num", cell: (run) => (run.durationMs == null ? "" : t("sync.ms", { ms: run.durationMs })) },
          { head: t("sync.error"), cell: (run) => run.error ?? "", attrs: () => ({ class: "error-text" }) },
        ]}
      />
    </>
  );
}
