/**
 * Sync runs (every job: counts, duration, error) and dead letters — jobs that gave up after their
 * retries — with Replay, which sends the same job again as a new run (once per dead letter).
 * One module for both tabs: they are read together when something failed. Connections and
 * schedules, the third tab, are their own screen (screens/connections.tsx).
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { LoadedTable, PagedTable } from "../components/data-table";
import { FormErrors } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { RouteTabs, SYNC_TABS } from "../components/tabs";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { useApiGet, usePaged } from "../data";
import { formatInstant } from "../format";
import { useLang, useT } from "../locale";
import { Link, navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import type { DeadLetter, Items, SyncRun } from "../types";
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
  const status = queryOf(search).status ?? "";
  const runs = usePaged<SyncRun>("/api/sync/runs", { status: status || undefined });
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);

  return (
    <>
      <div class="toolbar">
        <label class="toolbar__item">
          <span>{t("orders.status")}</span>
          <select value={status} onChange={(e) => navigate(pathFor("syncRuns", {}, { status: e.currentTarget.value }), { replace: true })}>
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

function DeadLetters() {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const letters = useApiGet<Items<DeadLetter>>("/api/sync/dead-letters");
  const replaying = useAction<string>();
  const [replayed, setReplayed] = useState<string | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const canReplay = hasRole(me, "manager");

  const replay = (letter: DeadLetter) => {
    setReplayed(null);
    return replaying.run(async () => {
      const { runId } = await apiPost<{ runId: string }>(`/api/sync/dead-letters/${encodeURIComponent(letter.id)}/replay`);
      setReplayed(runId);
      letters.reload();
    }, letter.id);
  };
  const confirm = useConfirm((letter: DeadLetter) => ({
    title: t("sync.replayTitle", { job: letter.job }),
    confirmLabel: t("sync.replay"),
    onConfirm: () => void replay(letter),
    children: <p>{t("sync.replayNote")}</p>,
  }));

  return (
    <>
      <div class="toolbar">
        <button type="button" onClick={letters.reload}>
          {t("action.refresh")}
        </button>
      </div>
      {replayed && (
        <OkNotice>
          {t("sync.replayed", { runId: replayed })} <Link href={pathFor("syncRuns")}>{t("sync.runs")}</Link>
        </OkNotice>
      )}
      <FormErrors error={replaying.error} />
      <LoadedTable
        list={letters}
        empty={t("sync.noDeadLetters")}
        columns={[
          { head: t("sync.failedAt"), cell: (letter) => when(letter.createdAt), attrs: (letter) => ({ title: letter.id }) },
          { head: t("sync.job"), cell: (letter) => <code>{letter.job}</code> },
          { head: t("sync.attempts"), class: "num", cell: (letter) => letter.attempts },
          { head: t("sync.error"), cell: (letter) => letter.error, attrs: () => ({ class: "error-text" }) },
          {
            head: t("sync.payload"),
            cell: (letter) => (
              <details>
                <summary>{t("sync.showPayload")}</summary>
                <pre class="payload">{JSON.stringify(letter.payload, null, 2)}</pre>
              </details>
            ),
          },
          {
            cell: (letter) =>
              letter.replayedAt ? (
                <span class="muted">{t("sync.replayedAt", { at: when(letter.replayedAt), runId: letter.replayRunId ?? "" })}</span>
              ) : (
                canReplay && (
                  <button type="button" disabled={replaying.busy} onClick={() => confirm.ask(letter)}>
                    {replaying.doing === letter.id ? t("state.working") : t("sync.replay")}
                  </button>
                )
              ),
          },
        ]}
      />
      {confirm.dialog}
    </>
  );
}
