/**
 * Sync runs (every job: counts, duration, error) and dead letters — jobs that gave up after their
 * retries — with Replay, which sends the same job again as a new run (once per dead letter).
 * One module for both tabs: they are read together when something failed. Connections and
 * schedules, the third tab, are their own screen (screens/connections.tsx).
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { ConfirmDialog } from "../components/confirm-dialog";
import { FormErrors, LoadError } from "../components/field";
import { LoadMore } from "../components/more";
import { RouteTabs, SYNC_TABS } from "../components/tabs";
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
      <LoadError error={runs.error} onRetry={runs.reload} />
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t("sync.queuedAt")}</th>
              <th>{t("sync.job")}</th>
              <th>{t("sync.trigger")}</th>
              <th>{t("orders.status")}</th>
              <th class="num">{t("sync.attempts")}</th>
              <th>{t("sync.counts")}</th>
              <th class="num">{t("sync.duration")}</th>
              <th>{t("sync.error")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.items.map((run) => (
              <tr>
                <td title={run.id}>{when(run.queuedAt)}</td>
                <td>
                  <code>{run.job}</code>
                </td>
                <td>{t(`trigger.${run.trigger}`)}</td>
                <td>
                  <span class={`run run--${run.status}`}>{t(`run.${run.status}`)}</span>
                </td>
                <td class="num">{run.attempts}</td>
                <td>
                  {Object.entries(run.counts)
                    .map(([key, value]) => `${key}: ${value}`)
                    .join(", ")}
                </td>
                <td class="num">{run.durationMs == null ? "" : t("sync.ms", { ms: run.durationMs })}</td>
                <td class="error-text">{run.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore hasMore={runs.hasMore} loading={runs.loading} onMore={runs.loadMore} empty={!runs.error && runs.items.length === 0} />
    </>
  );
}

function DeadLetters() {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const letters = useApiGet<Items<DeadLetter>>("/api/sync/dead-letters");
  const [confirming, setConfirming] = useState<DeadLetter | null>(null);
  const [replayed, setReplayed] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const canReplay = hasRole(me, "manager");

  async function replay(letter: DeadLetter) {
    setBusy(letter.id);
    setError(null);
    setReplayed(null);
    try {
      const { runId } = await apiPost<{ runId: string }>(`/api/sync/dead-letters/${encodeURIComponent(letter.id)}/replay`);
      setReplayed(runId);
      letters.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <div class="toolbar">
        <button type="button" onClick={letters.reload}>
          {t("action.refresh")}
        </button>
      </div>
      {replayed && (
        <p class="notice notice--ok" role="status">
          {t("sync.replayed", { runId: replayed })} <Link href={pathFor("syncRuns")}>{t("sync.runs")}</Link>
        </p>
      )}
      <FormErrors error={error} />
      <LoadError error={letters.error} onRetry={letters.reload} />
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t("sync.failedAt")}</th>
              <th>{t("sync.job")}</th>
              <th class="num">{t("sync.attempts")}</th>
              <th>{t("sync.error")}</th>
              <th>{t("sync.payload")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {letters.data?.items.map((letter) => (
              <tr>
                <td title={letter.id}>{when(letter.createdAt)}</td>
                <td>
                  <code>{letter.job}</code>
                </td>
                <td class="num">{letter.attempts}</td>
                <td class="error-text">{letter.error}</td>
                <td>
                  <details>
                    <summary>{t("sync.showPayload")}</summary>
                    <pre class="payload">{JSON.stringify(letter.payload, null, 2)}</pre>
                  </details>
                </td>
                <td>
                  {letter.replayedAt ? (
                    <span class="muted">{t("sync.replayedAt", { at: when(letter.replayedAt), runId: letter.replayRunId ?? "" })}</span>
                  ) : (
                    canReplay && (
                      <button type="button" disabled={busy !== null} onClick={() => setConfirming(letter)}>
                        {busy === letter.id ? t("state.working") : t("sync.replay")}
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {letters.loading && <p class="loading">{t("state.loading")}</p>}
      {letters.data?.items.length === 0 && <p class="empty">{t("sync.noDeadLetters")}</p>}
      {confirming && (
        <ConfirmDialog
          title={t("sync.replayTitle", { job: confirming.job })}
          confirmLabel={t("sync.replay")}
          onClose={() => setConfirming(null)}
          onConfirm={() => void replay(confirming)}
        >
          <p>{t("sync.replayNote")}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
