/**
 * Stock levels per SKU × location (on hand, allocated, held, incoming, available), filtered by
 * location, text, and "negative only" — offline POS sales the hub accepted beyond stock. Filters
 * live in the URL. A row opens that SKU's ledger at that location.
 */
import { useEffect, useState } from "preact/hooks";
import { PagedTable } from "../components/data-table";
import { SearchBar, SearchText } from "../components/search-bar";
import { stockLevelColumns } from "../components/stock-columns";
import { useLookup, usePaged } from "../data";
import { useT } from "../locale";
import { Link, navigate } from "../navigation";
import { pathFor, queryOf } from "../router";
import { hasRole, useSession } from "../session";
import type { Items, Location, StockLevel } from "../types";
import { AdjustmentForm } from "./stock-adjustment";
import type { ScreenProps } from "./props";

export default function StockScreen({ search }: ScreenProps) {
  const t = useT();
  const { me } = useSession();
  const query = queryOf(search);
  const filter = { locationId: query.locationId ?? "", q: query.q ?? "", negativeOnly: query.negativeOnly === "true" };
  const [draft, setDraft] = useState(filter);
  useEffect(() => setDraft(filter), [search]);
  const [adjusting, setAdjusting] = useState(false);
  const locations = useLookup<Items<Location>>("/api/locations");
  const list = usePaged<StockLevel>("/api/stock", {
    locationId: filter.locationId || undefined,
    q: filter.q || undefined,
    negativeOnly: filter.negativeOnly ? "true" : undefined,
  });
  const locationName = (id: string) => locations.data?.items.find((l) => l.id === id)?.name;
  const ledgerOf = (level: StockLevel) => pathFor("ledger", { skuId: level.skuId }, { locationId: level.locationId });

  return (
    <section>
      <div class="page__head">
        <h1>{t("stock.title")}</h1>
        {hasRole(me, "manager") && (
          <button type="button" class="button--primary" onClick={() => setAdjusting(!adjusting)}>
            {t("stock.adjust")}
          </button>
        )}
      </div>
      {adjusting && <AdjustmentForm locations={locations.data?.items ?? []} defaultLocationId={filter.locationId} onApplied={list.reload} />}
      <SearchBar onSearch={() => navigate(pathFor("stock", {}, { ...draft, q: draft.q.trim() }))}>
        <label class="toolbar__item">
          <span>{t("stock.location")}</span>
          <select value={draft.locationId} onChange={(e) => setDraft({ ...draft, locationId: e.currentTarget.value })}>
            <option value="">{t("filter.allLocations")}</option>
            {locations.data?.items.map((l) => (
              <option value={l.id}>{`${l.name} (${l.code})`}</option>
            ))}
          </select>
        </label>
        <SearchText label={t("stock.search")} hint={t("stock.searchHint")} value={draft.q} onInput={(q) => setDraft({ ...draft, q })} />
        <label class="toolbar__check">
          <input type="checkbox" checked={draft.negativeOnly} onChange={(e) => setDraft({ ...draft, negativeOnly: e.currentTarget.checked })} />
          {t("stock.negativeOnly")}
        </label>
      </SearchBar>
      <PagedTable
        list={list}
        clickable
        row={(level) => ({ onClick: (event) => !(event.target as HTMLElement).closest("a") && navigate(ledgerOf(level)) })}
        columns={[
          {
            head: t("sku.code"),
            cell: (level) => (
              <Link href={ledgerOf(level)}>
                <code>{level.skuCode}</code>
              </Link>
            ),
          },
          { head: t("product.name"), cell: (level) => level.productName },
          { head: t("stock.location"), cell: (level) => locationName(level.locationId) ?? level.locationCode },
          ...stockLevelColumns(t),
        ]}
      />
    </section>
  );
}
