/**
 * ① ② per order: what reporting 出荷確定 back to NextEngine did for each order of the link — marked
 * 出荷済み, already so, cancelled there, refused (NextEngine's own words), or given up because the order
 * kept changing — with the tracking number NextEngine got and, for an order shipped in parts, the other
 * parts' numbers (NextEngine keeps one per order). "Problems only" narrows it to the orders that need a
 * person; a refused or kept-changing order is replayed from its row (再送) or all at once for the list
 * shown (まとめて再送), each once per submission key, its outcome shown on the row.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { apiGet, apiPost } from "../api";
import { DataTable } from "../components/data-table";
import { FormErrors, LoadError } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { SubmissionKey } from "../idempotency";
import { useLang } from "../locale";
import { hasRole, useSession } from "../session";
import type { NeT } from "./nextengine-parts";

type Outcome = "shipped" | "already-shipped" | "cancelled" | "refused" | "lock-busy";

interface ShipmentResult {
  orderId: string;
  receiveOrderId: string;
  outcome: Outcome;
  detail: string | null;
  trackingNumber: string | null;
  trackingWritten: boolean;
  otherTracking: string[];
  attempts: number;
  reportedAt: string;
  replay: { status: "pending" | "done"; outcome: Outcome | null; requestedAt: string; finishedAt: string | null } | null;
}

const LOOK: Record<Outcome, string> = { shipped: "succeeded", "already-shipped": "succeeded", cancelled: "failed", refused: "failed", "lock-busy": "failed" };
/** What a replay can change (worker/connectors/nextengine/shipment-replay.ts). */
const REPLAYABLE: readonly Outcome[] = ["refused", "lock-busy"];
const canReplay = (r: ShipmentResult) => REPLAYABLE.includes(r.outcome) && r.replay?.status !== "pending";

export function NextEngineShipmentResults({ t, connectionId }: { t: NeT; connectionId: string }) {
  const { lang } = useLang();
  const { me } = useSession();
  const [problems, setProblems] = useState(false);
  const [started, setStarted] = useState<number | null>(null);
  const replaying = useAction<string>();
  // one key per submission: a retry after a lost answer re-sends it, so the worker replays once
  const submission = useMemo(() => new SubmissionKey(), []);
  const results = useApiGet<{ items: ShipmentResult[] }>(`ne-results:${connectionId}:${problems}`, () =>
    apiGet(`/api/nextengine/${encodeURIComponent(connectionId)}/shipment-results`, problems ? { problems: "true" } : {}),
  );
  const rows = results.data?.items;
  const waiting = rows?.some((r) => r.replay?.status === "pending") ?? false;
  // a replay runs on the queue: read the list again until every replay shown has its outcome
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(results.reload, 1500);
    return () => clearTimeout(timer);
  }, [waiting, rows]);
  const replayable = (rows ?? []).filter(canReplay);
  const manager = hasRole(me, "manager");

  const replay = (orderIds: string[], doing: string) =>
    void replaying.run(async () => {
      setStarted(null);
      const answer = await submission.send({ orderIds }, (idempotencyKey) =>
        apiPost<{ items: unknown[] }>(`/api/nextengine/${encodeURIComponent(connectionId)}/shipment-results/replay`, { idempotencyKey, orderIds }),
      );
      setStarted(answer.items.length);
      results.reload();
      return answer;
    }, doing);

  // the worker names a refused order by its index in what was sent: its message goes on that order's row
  const lastSent = useLastSent(replaying.doing, replayable);
  const issues = issuesByPath(replaying.error);
  const rowError = (orderId: string) => {
    const i = lastSent.indexOf(orderId);
    return i >= 0 ? issues.get(`orderIds.${i}`) : undefined;
  };

  return (
    <section class="card" aria-labelledby="ne-results">
      <div class="page__head">
        <h2 id="ne-results">{t("ne.results")}</h2>
        <button type="button" class="button--quiet" onClick={results.reload}>
          {t("action.reload")}
        </button>
      </div>
      <p class="muted">{t("ne.resultsNote")}</p>
      {manager && <p class="muted">{t("ne.replayNote")}</p>}
      <div class="toolbar">
        <label class="toolbar__check">
          <input type="checkbox" name="problemsOnly" checked={problems} onChange={(e) => setProblems(e.currentTarget.checked)} /> {t("ne.resultsProblems")}
        </label>
        {manager && replayable.length > 0 && (
          <button type="button" disabled={replaying.busy} onClick={() => replay(replayable.map((r) => r.orderId), "all")}>
            {t("ne.replayAll", { n: String(replayable.length) })}
          </button>
        )}
      </div>
      {started !== null && !replaying.error && <OkNotice>{t("ne.replayStarted", { n: String(started) })}</OkNotice>}
      <FormErrors error={replaying.error} shownPaths={lastSent.map((_, i) => `orderIds.${i}`)} />
      <LoadError error={results.error} onRetry={results.reload} />
      {results.data && !results.data.items.length ? (
        <p>{t("ne.noResults")}</p>
      ) : (
        <DataTable
          rows={rows}
          columns={[
            { head: t("ne.order"), cell: (r) => r.receiveOrderId },
            {
              head: t("ne.result"),
              cell: (r) => (
                <span data-outcome={r.outcome} class={`run run--${LOOK[r.outcome]}`}>
                  {t(`neOutcome.${r.outcome}`)}
                </span>
              ),
            },
            {
              head: t("ne.tracking"),
              cell: (r) => (
                <>
                  {r.trackingNumber ?? "—"}
                  {r.otherTracking.length > 0 && <div class="muted">{t("ne.otherParts", { numbers: r.otherTracking.join(", ") })}</div>}
                </>
              ),
            },
            { head: t("ne.resultDetail"), cell: (r) => (r.detail && r.outcome !== "shipped" && r.outcome !== "already-shipped" ? <span class="field__error">{r.detail}</span> : "") },
            { head: t("ne.updatedAt"), cell: (r) => `${formatInstant(r.reportedAt, lang, me.merchant.timeZone)}${r.attempts > 1 ? ` (${t("ne.tries", { n: String(r.attempts) })})` : ""}` },
            {
              head: t("ne.replay"),
              cell: (r) => (
                <>
                  {r.replay?.status === "pending" && <span class="run run--queued">{t("ne.replaying")}</span>}
                  {r.replay?.status === "done" && r.replay.outcome && <span class="muted">{t("ne.replayed", { outcome: t(`neOutcome.${r.replay.outcome}`) })}</span>}
                  {manager && canReplay(r) && (
                    <button type="button" name={`replay-${r.receiveOrderId}`} disabled={replaying.busy} onClick={() => replay([r.orderId], r.orderId)}>
                      {replaying.doing === r.orderId ? t("ne.replaying") : t("ne.replay")}
                    </button>
                  )}
                  {rowError(r.orderId)?.map((message) => (
                    <span class="field__error" role="alert">
                      {message}
                    </span>
                  ))}
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

/** The orders of the last replay sent, kept after it ends so its per-order errors stay on their rows. */
function useLastSent(doing: string | null, replayable: readonly ShipmentResult[]): string[] {
  const [last, setLast] = useState<string[]>([]);
  useEffect(() => {
    if (doing) setLast(doing === "all" ? replayable.map((r) => r.orderId) : [doing]);
  }, [doing]);
  return last;
}
