/**
 * Reading from the API in screens: one GET with loading / error / reload, a cursor-paged list
 * ("load more"), and a small cache for reference lists (statuses, locations, channels, units)
 * that many screens show and that rarely change.
 */
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { apiGet } from "./api";
import type { QueryValues } from "./router";
import type { Page } from "./types";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** GET `path` (null: nothing to load yet). A stale answer never overwrites a newer one. */
export function useApiGet<T>(path: string | null, load: (path: string) => Promise<T> = apiGet<T>): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: path !== null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load(path).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
    // `load` is a module function in practice; reloading on its identity would loop.
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

const cache = new Map<string, Promise<unknown>>();
/** GET once per session; a failed answer is not kept, so the next screen tries again. */
export function cachedGet<T>(path: string): Promise<T> {
  let entry = cache.get(path) as Promise<T> | undefined;
  if (!entry) {
    entry = apiGet<T>(path);
    cache.set(path, entry);
    entry.catch(() => cache.delete(path));
  }
  return entry;
}
/** After a write that changes a reference list (a unit saved), or at sign-out (everything). */
export function forget(path?: string) {
  if (path) cache.delete(path);
  else cache.clear();
}
export const useLookup = <T>(path: string) => useApiGet<T>(path, cachedGet<T>);

export interface Paged<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A cursor-paged list: the first page for `query`, then more pages on demand. A new query starts
 * over; an answer for an older query is dropped.
 */
export function usePaged<T>(path: string, query: QueryValues): Paged<T> {
  const key = JSON.stringify([path, query]);
  const [state, setState] = useState<{ items: T[]; cursor: string | null; error?: unknown; loading: boolean }>({
    items: [],
    cursor: null,
    loading: true,
  });
  const generation = useRef(0);

  const fetchPage = useCallback(
    (cursor: string | null, append: boolean) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, loading: true, error: undefined, ...(append ? {} : { items: [], cursor: null }) }));
      apiGet<Page<T>>(path, { ...query, cursor: cursor ?? undefined }).then(
        (page) =>
          mine === generation.current &&
          setState((s) => ({ items: append ? [...s.items, ...page.items] : page.items, cursor: page.nextCursor, loading: false })),
        (error: unknown) => mine === generation.current && setState((s) => ({ ...s, error, loading: false })),
      );
    },
    // `key` stands for path + query by value.
    [key],
  );

  useEffect(() => fetchPage(null, false), [fetchPage]);

  return {
    items: state.items,
    error: state.error,
    loading: state.loading,
    hasMore: state.cursor !== null,
    loadMore: () => state.cursor !== null && !state.loading && fetchPage(state.cursor, true),
    reload: () => fetchPage(null, false),
  };
}
