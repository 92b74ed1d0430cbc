/**
 * The order list (first screen after sign-in): filters by status, tag and text that live in the
 * URL (so a filtered list survives a reload and can be shared), saved searches, and a multi-select
 * for bulk actions. Rows open the order.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { SYSTEM_TAG_VALUES } from "../../../shared/orders";
import { LoadError } from "../components/field";
import { LoadMore } from "../components/more";
import { TagChips } from "../components/tags";
import { useLookup, usePaged } from "../data";
import { formatInstant, formatMoney, statusName } from "../format";
import { useLang, useT } from "../locale";
import { Link, navigate } from "../navigation";
import { toOrderFilter } from "../order-filter";
import { pathFor, queryOf } from "../router";
import { useSession } from "../session";
import type { Items, OrderFilter, OrderStatus, OrderSummary } from "../types";
import { BulkBar } from "./order-bulk";
import type { ScreenProps } from "./props";
import { SavedSearches } from "./saved-searches";

export function OrdersScreen({ search }: ScreenProps) {
  const t = useT();
  const filter = useMemo(() => toOrderFilter(queryOf(search)), [search]);
  const statuses = useLookup<Items<OrderStatus>>("/api/order-statuses");
  const list = usePaged<OrderSummary>("/api/orders", { ...filter });
  const [selected, setSelected] = useState<Set<string>>(new Set());

  // A new filter is a new list: a selection of rows no longer shown would act on hidden orders.
  useEffect(() => setSelected(new Set()), [search]);

  const allSelected = list.items.length > 0 && list.items.every((o) => selected.has(o.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section>
      <div class="page__head">
        <h1>{t("orders.title")}</h1>
        <Link href={pathFor("orderNew")} class="button button--primary">
          {t("orders.new")}
        </Link>
      </div>
      <FilterForm filter={filter} statuses={statuses.data?.items} tagSuggestions={list.items.flatMap((o) => o.tags.map((x) => x.tag))} />
      <SavedSearches filter={filter} />
      <BulkBar
        orderIds={[...selected]}
        statuses={statuses.data?.items ?? []}
        onClear={() => setSelected(new Set())}
        onDone={() => {
          setSelected(new Set());
          list.reload();
        }}
      />
      <LoadError error={list.error} onRetry={list.reload} />
      <div class="table-wrap">
        <table class="table table--clickable">
          <thead>
            <tr>
              <th class="col-check">
                <input
                  type="checkbox"
                  aria-label={t("orders.selectAll")}
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(list.items.map((o) => o.id)))}
                />
              </th>
              <th>{t("orders.externalId")}</th>
              <th>{t("orders.orderedAt")}</th>
              <th>{t("orders.customer")}</th>
              <th>{t("orders.status")}</th>
              <th>{t("orders.tags")}</th>
              <th class="num">{t("orders.total")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((order) => (
              <OrderRow order={order} statuses={statuses.data?.items} checked={selected.has(order.id)} onToggle={() => toggle(order.id)} />
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} empty={!list.error && list.items.length === 0} />
    </section>
  );
}

function OrderRow({ order, statuses, checked, onToggle }: { order: OrderSummary; statuses?: OrderStatus[]; checked: boolean; onToggle: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { me } = useSession();
  const href = pathFor("order", { id: order.id });
  return (
    <tr
      class={checked ? "row--selected" : ""}
      onClick={(event) => {
        // The checkbox and the link do their own thing; a tap anywhere else opens the order.
        if ((event.target as HTMLElement).closest("input, a, label")) return;
        navigate(href);
      }}
    >
      <td class="col-check">
        <input type="checkbox" aria-label={t("orders.select", { id: order.externalId || order.id })} checked={checked} onChange={onToggle} />
      </td>
      <td>
        <Link href={href}>{order.externalId || order.id}</Link>
        {order.cancelledAt && <span class="badge badge--muted">{t("orders.cancelled")}</span>}
      </td>
      <td>{formatInstant(order.orderedAt, lang, me.merchant.timeZone)}</td>
      <td>{order.customerName}</td>
      <td>
        <span class={`status status--${order.status}`}>{statusName(statuses, order.status, lang)}</span>
      </td>
      <td>
        <TagChips tags={order.tags} />
      </td>
      <td class="num">{formatMoney(order.total, order.currency)}</td>
    </tr>
  );
}

function FilterForm({ filter, statuses, tagSuggestions }: { filter: OrderFilter; statuses?: OrderStatus[]; tagSuggestions: string[] }) {
  const t = useT();
  const { lang } = useLang();
  const [draft, setDraft] = useState<OrderFilter>(filter);
  useEffect(() => setDraft(filter), [filter]);
  const tags = [...new Set([...SYSTEM_TAG_VALUES, ...tagSuggestions])];

  return (
    <form
      class="toolbar"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        navigate(pathFor("orders", {}, { ...toOrderFilter({ ...draft }) }));
      }}
    >
      <label class="toolbar__item">
        <span>{t("orders.status")}</span>
        <select value={draft.status ?? ""} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}>
          <option value="">{t("filter.any")}</option>
          {statuses?.map((s) => (
            <option value={s.code}>{statusName(statuses, s.code, lang)}</option>
          ))}
        </select>
      </label>
      <label class="toolbar__item">
        <span>{t("orders.tag")}</span>
        <input list="order-tags" value={draft.tag ?? ""} onInput={(e) => setDraft({ ...draft, tag: e.currentTarget.value })} />
        <datalist id="order-tags">
          {tags.map((tag) => (
            <option value={tag} />
          ))}
        </datalist>
      </label>
      <label class="toolbar__item toolbar__item--grow">
        <span>{t("orders.search")}</span>
        <input type="search" placeholder={t("orders.searchHint")} value={draft.q ?? ""} onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
      </label>
      <button type="submit" class="button--primary">
        {t("action.search")}
      </button>
      <button type="button" onClick={() => navigate(pathFor("orders"))}>
        {t("action.clear")}
      </button>
    </form>
  );
}
