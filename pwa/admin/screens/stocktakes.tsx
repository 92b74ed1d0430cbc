/**
 * Stocktakes (棚卸 / 盘点, seed 003 §2.3.2): clerks count by area on the POS and each area's count
 * sheet reaches the hub; here, for one store, the manager picks the sheets not yet submitted — with
 * the expected surplus / deficit of the selection — and submits them as the store's stocktake
 * (门店后台). The owner approves or sends it back from the stocktake itself (商家后台), listed below
 * with its state.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { PagedTable } from "../components/data-table";
import { FormErrors } from "../components/field";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { usePaged } from "../data";
import { formatInstant } from "../format";
import { useLang } from "../locale";
import { navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import { submissionCounts, sumCounts, type StoreDocument } from "../store-logic";
import type { ScreenProps } from "./props";
import { sheetColumns, StocktakePreviewTable } from "./stocktake-preview";
import { DocLink, LocationSelect, StateBadge, StorePage, useLocations, useStoreT, useUserNames } from "./store-parts";

export default function StocktakesScreen({ route, search }: ScreenProps) {
  const t = useStoreT();
  const locations = useLocations();
  const locationId = queryOf(search).locationId || locations.stores[0]?.id || "";
  return (
    <StorePage route={route}>
      {locationId ? (
        <StoreStocktakes
          key={locationId}
          locationId={locationId}
          picker={
            <label class="toolbar__item">
              <span>{t("store.store")}</span>
              <LocationSelect locations={locations.stores} value={locationId} onChange={(id) => navigate(pathFor("stocktakes", {}, { locationId: id }), { replace: true })} />
            </label>
          }
        />
      ) : (
        <p class="loading">{t("state.loading")}</p>
      )}
    </StorePage>
  );
}

/** One store's sheets waiting to be submitted, and its stocktakes; `picker` chooses the store. */
function StoreStocktakes({ locationId, picker }: { locationId: string; picker: ComponentChildren }) {
  const t = useStoreT();
  const { lang } = useLang();
  const { me } = useSession();
  const userName = useUserNames();
  const when = (iso: string | null) => formatInstant(iso, lang, me.merchant.timeZone);
  const canSubmit = hasRole(me, "manager");
  const sheets = usePaged<StoreDocument>("/api/documents", { locationId, kind: "stocktake", status: "received", limit: 200 });
  const submissions = usePaged<StoreDocument>("/api/documents", { locationId, kind: "stocktake_submission" });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState<StoreDocument | null>(null);
  const submitting = useAction();
  const chosen = sheets.items.filter((s) => selected.has(s.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((now) => {
      const next = new Set(now);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = () =>
    void submitting.run(async () => {
      setSubmitted(await apiPost<StoreDocument>("/api/stocktakes", { locationId, sheetIds: chosen.map((s) => s.id) }));
      setSelected(new Set());
      sheets.reload();
      submissions.reload();
    });

  return (
    <>
      <div class="toolbar">
        {picker}
        <button
          type="button"
          onClick={() => {
            sheets.reload();
            submissions.reload();
          }}
        >
          {t("action.refresh")}
        </button>
      </div>
      {submitted && (
        <OkNotice>
          {t("stk.submitted")}: <DocLink id={submitted.id}>{submitted.number}</DocLink>
        </OkNotice>
      )}

      <h2>{t("stk.sheets")}</h2>
      <PagedTable
        list={sheets}
        row={(s) => ({ class: selected.has(s.id) ? "row--selected" : undefined })}
        columns={[
          canSubmit && {
            head: (
              <input
                type="checkbox"
                aria-label={t("stk.selectAll")}
                checked={sheets.items.length > 0 && chosen.length === sheets.items.length}
                onChange={(e) => setSelected(e.currentTarget.checked ? new Set(sheets.items.map((s) => s.id)) : new Set())}
              />
            ),
            class: "col-check",
            cell: (s) => (
              <input type="checkbox" aria-label={t("stk.select", { number: s.number })} checked={selected.has(s.id)} onChange={(e) => toggle(s.id, e.currentTarget.checked)} />
            ),
          },
          ...sheetColumns(t, userName, when),
        ]}
      />
      {canSubmit && chosen.length > 0 && (
        <div class="card">
          <p>{t("stk.submitNote")}</p>
          <StocktakePreviewTable locationId={locationId} counts={sumCounts(chosen)} t={t} />
          <FormErrors error={submitting.error} />
          <div class="form__actions">
            <button type="button" class="button--primary" disabled={submitting.busy} onClick={submit}>
              {submitting.busy ? t("state.working") : t("stk.submit", { count: chosen.length })}
            </button>
          </div>
        </div>
      )}

      <h2>{t("stk.submissions")}</h2>
      <PagedTable
        list={submissions}
        columns={[
          {
            head: t("doc.number"),
            cell: (s) => (
              <DocLink id={s.id}>
                <code>{s.number}</code>
              </DocLink>
            ),
          },
          { head: t("doc.state"), cell: (s) => <StateBadge state={s.status} t={t} /> },
          { head: t("stk.sheetCount"), class: "num", cell: (s) => (Array.isArray(s.body.sheetIds) ? s.body.sheetIds.length : "") },
          { head: t("stk.skus"), class: "num", cell: (s) => submissionCounts(s.body).length },
          { head: t("doc.staff"), cell: (s) => userName(s.staffId) },
          { head: t("doc.submitted"), cell: (s) => when(s.submittedAt) },
          { head: t("doc.approved"), cell: (s) => when(s.approvedAt) },
        ]}
      />
    </>
  );
}
