/**
 * Saved order searches: one tap applies a named filter, the current filter can be saved under a
 * name, and a saved one deleted. The stored query is read defensively (toOrderFilter): it is
 * free-form JSON on the worker's side.
 */
import { useState } from "preact/hooks";
import { apiDelete, apiPost } from "../api";
import { FormErrors, useErrorText } from "../components/field";
import { useApiGet } from "../data";
import { useT } from "../locale";
import { navigate } from "../navigation";
import { isEmptyFilter, sameFilter, toOrderFilter } from "../order-filter";
import { pathFor } from "../router";
import type { Items, OrderFilter, SavedSearch, SavedSearchInput } from "../types";

export function SavedSearches({ filter }: { filter: OrderFilter }) {
  const t = useT();
  const errorText = useErrorText();
  const saved = useApiGet<Items<SavedSearch>>("/api/saved-searches");
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<unknown>(null);

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      const body: SavedSearchInput = { name: name.trim(), query: filter };
      await apiPost<SavedSearch>("/api/saved-searches", body);
      setNaming(false);
      setName("");
      saved.reload();
    } catch (failure) {
      setError(failure);
    }
  }

  async function remove(search: SavedSearch) {
    setError(null);
    try {
      await apiDelete(`/api/saved-searches/${encodeURIComponent(search.id)}`);
      saved.reload();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <div class="saved-searches">
      <span class="saved-searches__label">{t("saved.title")}</span>
      {saved.error ? <span class="field__error">{errorText(saved.error)}</span> : null}
      {saved.data?.items.map((search) => {
        const query = toOrderFilter(search.query);
        const active = !isEmptyFilter(filter) && sameFilter(query, filter);
        return (
          <span class={`chip${active ? " chip--active" : ""}`}>
            <button type="button" class="chip__main" onClick={() => navigate(pathFor("orders", {}, { ...query }))}>
              {search.name}
            </button>
            <button type="button" class="chip__remove" aria-label={t("saved.delete", { name: search.name })} onClick={() => void remove(search)}>
              ×
            </button>
          </span>
        );
      })}
      {naming ? (
        <form class="saved-searches__form" onSubmit={save}>
          <input autoFocus required maxLength={100} placeholder={t("saved.name")} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" class="button--primary">
            {t("action.save")}
          </button>
          <button type="button" onClick={() => setNaming(false)}>
            {t("action.back")}
          </button>
        </form>
      ) : (
        !isEmptyFilter(filter) && (
          <button type="button" class="button--quiet" onClick={() => setNaming(true)}>
            {t("saved.saveCurrent")}
          </button>
        )
      )}
      <FormErrors error={error} />
    </div>
  );
}
