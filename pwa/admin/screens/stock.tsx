/**
 * Stock levels per SKU × location (on hand, allocated, held, incoming, available), filtered by
 * location, text, and "negative only" — offline POS sales the hub accepted beyond stock. Filters
 * live in the URL. A row opens that SKU's ledger at that location.
 */
import { useEffect, useState } from "preact/hooks";
import { LoadError } from "../components/field";
import { LoadMore } from "../components/more";
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
      <form
        class="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(pathFor("stock", {}, { ...draft, q: draft.q.trim() }));
        }}
      >
        <label class="toolbar__item">
          <span>{t("stock.location")}</span>
          <select value={draft.locationId} onChange={(e) => setDraft({ ...draft, locationId: e.currentTarget.value })}>
            <option value="">{t("filter.allLocations")}</option>
            {locations.data?.items.map((l) => (
              <option value={l.id}>{`${l.name} (${l.code})`}</option>
            ))}
          </select>
        </label>
        <label class="toolbar__item toolbar__item--grow">
          <span>{t("stock.search")}</span>
          <input type="search" placeholder={t("stock.searchHint")} value={draft.q} onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
        </label>
        <label class="toolbar__check">
          <input type="checkbox" checked={draft.negativeOnly} onChange={(e) => setDraft({ ...draft, negativeOnly: e.currentTarget.checked })} />
          {t("stock.negativeOnly")}
        </label>
        <button type="submit" class="button--primary">
          {t("action.search")}
        </button>
      </form>
      <LoadError error={list.error} onRetry={list.reload} />
      <div class="table-wrap">
        <table class="table table--clickable">
          <thead>
            <tr>
              <th>{t("sku.code")}</th>
              <th>{t("product.name")}</th>
              <th>{t("stock.location")}</th>
              <th class="num">{t("stock.onHand")}</th>
              <th class="num">{t("stock.allocated")}</th>
              <th class="num">{t("stock.held")}</th>
              <th class="num">{t("stock.incoming")}</th>
              <th class="num">{t("stock.available")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((level) => {
              const href = pathFor("ledger", { skuId: level.skuId }, { locationId: level.locationId });
              return (
                <tr onClick={(event) => !(event.target as HTMLElement).closest("a") && navigate(href)}>
                  <td>
                    <Link href={href}>
                      <code>{level.skuCode}</code>
                    </Link>
                  </td>
                  <td>{level.productName}</td>
                  <td>{locationName(level.locationId) ?? level.locationCode}</td>
                  <td class={`num${level.onHand < 0 ? " negative" : ""}`}>{level.onHand}</td>
                  <td class="num">{level.allocated}</td>
                  <td class="num">{level.held}</td>
                  <td class="num">{level.incoming}</td>
                  <td class={`num${level.available < 0 ? " negative" : ""}`}>{level.available}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} empty={!list.error && list.items.length === 0} />
    </section>
  );
}
