/**
 * The admin's tables: a header row and one row per item, described by columns, so every list has
 * the same markup (`table-wrap` scrolls it sideways on a phone; the browser tests find rows and
 * cells by role). LoadedTable and PagedTable add what a list read from the API shows around it:
 * the load error with a retry, and "loading" / empty / "load more" below.
 */
import type { ComponentChildren } from "preact";
import type { Loaded, Paged } from "../data";
import { useT } from "../locale";
import { LoadError } from "./field";
import { LoadMore } from "./more";

type CellAttributes = { class?: string; title?: string; lang?: string };
type RowAttributes = { class?: string; onClick?: (event: MouseEvent) => void };

export interface Column<T> {
  /** The header cell's content; none for a column of row actions. */
  head?: ComponentChildren;
  /** The class of the header cell and of every cell in the column ("num" aligns numbers). */
  class?: string;
  cell: (row: T) => ComponentChildren;
  /** A cell's own attributes (title, lang); its class is added to the column's ("num negative"). */
  attrs?: (row: T) => CellAttributes | undefined;
}

/** Columns may be left out where they are listed: `canEdit && { … }`. */
export type Columns<T> = readonly (Column<T> | false | null | undefined)[];

export interface TableProps<T> {
  columns: Columns<T>;
  /** Rows that open something when tapped ("table--clickable"). */
  clickable?: boolean;
  /** A row's own attributes: selected, or what a tap on it does. */
  row?: (row: T) => RowAttributes;
}

const classes = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(" ") || undefined;

export function DataTable<T>({ columns, rows, clickable, row }: TableProps<T> & { rows: readonly T[] | undefined }) {
  const shown = columns.filter((column): column is Column<T> => !!column);
  return (
    <div class="table-wrap">
      <table class={classes("table", clickable && "table--clickable")}>
        <thead>
          <tr>
            {shown.map((column) => (
              <th class={column.class}>{column.head}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows?.map((item) => (
            <tr {...row?.(item)}>
              {shown.map((column) => {
                const attrs = column.attrs?.(item);
                return (
                  <td {...attrs} class={classes(column.class, attrs?.class)}>
                    {column.cell(item)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A list read whole (useApiGet): its load error, the table, "loading", and `empty` when it has no rows. */
export function LoadedTable<T>({ list, empty, ...table }: TableProps<T> & { list: Loaded<{ items: T[] }>; empty?: ComponentChildren }) {
  const t = useT();
  return (
    <>
      <LoadError error={list.error} onRetry={list.reload} />
      <DataTable rows={list.data?.items} {...table} />
      {list.loading && <p class="loading">{t("state.loading")}</p>}
      {empty && list.data?.items.length === 0 && <p class="empty">{empty}</p>}
    </>
  );
}

/** A cursor-paged list (usePaged): its load error, the table, and "load more" below. */
export function PagedTable<T>({ list, ...table }: TableProps<T> & { list: Paged<T> }) {
  return (
    <>
      <LoadError error={list.error} onRetry={list.reload} />
      <DataTable rows={list.items} {...table} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onMore={list.loadMore} empty={!list.error && list.items.length === 0} />
    </>
  );
}
