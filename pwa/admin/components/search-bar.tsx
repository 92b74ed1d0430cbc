/**
 * A list's filters as a search form (role="search"): what they hold is applied on 検索, when the
 * screen puts it in the URL, so a filtered list survives a reload and can be shared.
 */
import type { ComponentChildren } from "preact";
import { useT } from "../locale";

export function SearchBar({ onSearch, children }: { onSearch: () => void; children: ComponentChildren }) {
  const t = useT();
  return (
    <form
      class="toolbar"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch();
      }}
    >
      {children}
      <button type="submit" class="button--primary">
        {t("action.search")}
      </button>
    </form>
  );
}

/** The free-text filter, the widest item of the bar; `hint` says what it matches. */
export function SearchText({ label, hint, value, onInput }: { label: string; hint: string; value: string; onInput: (value: string) => void }) {
  return (
    <label class="toolbar__item toolbar__item--grow">
      <span>{label}</span>
      <input type="search" placeholder={hint} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </label>
  );
}
