/**
 * ① ② per order: what reporting 出荷確定 back to NextEngine did for each order of the link — marked
 * 出荷済み, already so, cancelled there, refused (NextEngine's own words), or left for the next run —
 * with the tracking number NextEngine got and, for an order shipped in parts, the other parts'
 * numbers (NextEngine keeps one per order). "Problems only" narrows it to the orders that need a person.
 */
import { useState } from "preact/hooks";
import { apiGet } from "../api";
import { DataTable } from "../components/data-table";
import { LoadError } from "../components/field";
import { useApiGet } from "../data";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { useSession } from "../session";
import type { NeT } from "./nextengine-parts";

interface ShipmentResult {
  orderId: string;
  receiveOrderId: string;
  outcome: "shipped" | "already-shipped" | "cancelled" | "refused" | "lock-busy";
  detail: string | null;
  trackingNumber: string | null;
  trackingWritten: boolean;
  otherTracking: string[];
  attempts: number;
  reportedAt: string;
}

const LOOK: Record<ShipmentResult["outcome"], string> = { shipped: "succeeded", "already-shipped": "succeeded", cancelled: "failed", refused: "failed", "lock-busy": "retrying" };

export function NextEngineShipmentResults({ t, connectionId }: { t: NeT; connectionId: string }) {
  const { lang } = useLang();
  const { me } = useSession();
  const [problems, setProblems] = useState(false);
  const results = useApiGet<{ items: ShipmentResult[] }>(`ne-results:${connectionId}:${problems}`, () =>
    apiGet(`/api/nextengine/${encodeURIComponent(connectionId)}/shipment-results`, problems ? { problems: "true" } : {}),
  );
  return (
    <section class="card" aria-labelledby="ne-results">
      <div class="page__head">
        <h2 id="ne-results">{t("ne.results")}</h2>
        <button type="button" class="button--quiet" onClick={results.reload}>
          {t("action.reload")}
        </button>
      </div>
      <p class="muted">{t("ne.resultsNote")}</p>
      <div class="toolbar">
        <label class="toolbar__check">
          <input type="checkbox" name="problemsOnly" checked={problems} onChange={(e) => setProblems(e.currentTarget.checked)} /> {t("ne.resultsProblems")}
        </label>
      </div>
      <LoadError error={results.error} onRetry={results.reload} />
      {results.data && !results.data.items.length ? (
        <p>{t("ne.noResults")}</p>
      ) : (
        <DataTable
          rows={results.data?.items}
          columns={[
            { head: t("ne.order"), cell: (r) => r.receiveOrderId },
            { head: t("ne.result"), cell: (r) => <span class={`run run--${LOOK[r.outcome]}`}>{t(`neOutcome.${r.outcome}`)}</span> },
            {
              head: t("ne.tracking"),
              cell: (r) => (
                <>
                  {r.trackingNumber ?? "—"}
                  {r.otherTracking.length > 0 && <div class="muted">{t("ne.otherParts", { numbers: r.otherTracking.join(", ") })}</div>}
                </>
              ),
            },
            { head: t("ne.resultDetail"), cell: (r) => (r.detail ? <span class="field__error">{r.detail}</span> : "") },
            { head: t("ne.updatedAt"), cell: (r) => `${formatInstant(r.reportedAt, lang, me.merchant.timeZone)}${r.attempts > 1 ? ` (${t("ne.tries", { n: String(r.attempts) })})` : ""}` },
          ]}
        />
      )}
    </section>
  );
}
