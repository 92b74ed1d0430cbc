/**
 * What the stocktake screens share: the columns of a count sheet, and a stocktake's expected differences per SKU: the count (over every area), the store's on hand now
 * (GET /api/stock) and count − on hand, a surplus (盘盈) or a deficit (盘亏), with the totals — for
 * the manager choosing sheets to submit and the owner before approving (store-logic.ts).
 */
import { DataTable, type Column } from "../components/data-table";
import { LoadError } from "../components/field";
import { sheetTotals, stocktakePreview, type PreviewRow, type StoreDocument } from "../store-logic";
import { DocLink, skuColumns, useSkuStock, type StoreT } from "./store-parts";

/** A count sheet (one area) in a list: its number, area, clerk, lines and pieces counted. */
export function sheetColumns(t: StoreT, userName: (id: string | null) => string, when: (iso: string) => string): Column<StoreDocument>[] {
  return [
    {
      head: t("doc.number"),
      cell: (s) => (
        <DocLink id={s.id}>
          <code>{s.number}</code>
        </DocLink>
      ),
    },
    { head: t("doc.area"), cell: (s) => String(s.body.area ?? "") },
    { head: t("doc.staff"), cell: (s) => userName(s.staffId) },
    { head: t("stk.lines"), class: "num", cell: (s) => sheetTotals(s).lines },
    { head: t("stk.total"), class: "num", cell: (s) => sheetTotals(s).counted },
    { head: t("doc.occurred"), cell: (s) => when(s.occurredAt) },
  ];
}

export function StocktakePreviewTable({ locationId, counts, t }: { locationId: string; counts: [string, number][]; t: StoreT }) {
  const stock = useSkuStock(locationId, counts.map(([skuId]) => skuId));
  if (stock.error) return <LoadError error={stock.error} onRetry={stock.reload} />;
  if (!stock.data) return <p class="loading">{t("state.loading")}</p>;
  const preview = stocktakePreview(counts, (skuId) => stock.data!.get(skuId)?.onHand);
  return (
    <>
      <p>
        {t("stk.summary", {
          up: preview.surplus.items,
          upUnits: preview.surplus.units,
          down: preview.deficit.items,
          downUnits: preview.deficit.units,
          same: preview.unchanged,
        })}
      </p>
      <DataTable<PreviewRow>
        rows={preview.rows}
        columns={[
          ...skuColumns<PreviewRow>(t, stock.data),
          { head: t("doc.counted"), class: "num", cell: (r) => r.counted },
          { head: t("stk.onHand"), class: "num", cell: (r) => r.onHand, attrs: (r) => (r.onHand < 0 ? { class: "negative" } : undefined) },
          {
            head: t("stk.expected"),
            class: "num",
            cell: (r) => (r.diff === 0 ? t("stk.same") : `${r.diff > 0 ? "+" : "−"}${Math.abs(r.diff)} ${t(r.diff > 0 ? "stk.surplus" : "stk.deficit")}`),
            attrs: (r) => (r.diff > 0 ? { class: "surplus" } : r.diff < 0 ? { class: "negative" } : { class: "muted" }),
          },
        ]}
      />
    </>
  );
}
