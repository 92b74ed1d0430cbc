/**
 * Finds SKUs by code, name or barcode (the worker's product search) and offers them to pick, in a
 * form: Enter searches instead of submitting it. Which SKUs a search offers and how each reads are
 * the caller's (an order line wants price and unit; a stock adjustment only which SKU).
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { apiGet } from "../api";
import { useT } from "../locale";
import type { Product, ProductList } from "../types";
import { Field, FormErrors } from "./field";
import { useAction } from "./use-action";

/** The search's state: what was typed and what it found, kept while the screen shows something else. */
export function useSkuSearch<T>(limit: number, choices: (products: Product[], query: string) => T[]) {
  const [text, setText] = useState("");
  const [found, setFound] = useState<T[] | null>(null);
  const action = useAction();

  async function find() {
    const q = text.trim();
    if (!q) return;
    await action.run(async () => {
      const page = await apiGet<ProductList>("/api/products", { q, limit });
      setFound(choices(page.items, q));
    });
  }
  return { text, setText, found, find, busy: action.busy, error: action.error };
}

export type SkuSearchState<T> = ReturnType<typeof useSkuSearch<T>>;

export function SkuSearch<T>({ search, ...props }: {
  search: SkuSearchState<T>;
  label: string;
  errors?: string[];
  /** A choice's content, and its accessible name when the content alone does not say it well. */
  show: (choice: T) => ComponentChildren;
  name?: (choice: T) => string;
  onPick: (choice: T) => void;
}) {
  const t = useT();
  const { found } = search;
  return (
    <Field label={props.label} errors={props.errors} wide group>
      <span class="picker">
        <input
          type="search"
          aria-label={props.label}
          placeholder={t("products.searchHint")}
          value={search.text}
          onInput={(e) => search.setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of submitting the form around it.
            if (e.key === "Enter") {
              e.preventDefault();
              void search.find();
            }
          }}
        />
        <button type="button" disabled={search.busy} onClick={() => void search.find()}>
          {t("action.search")}
        </button>
      </span>
      <FormErrors error={search.error} />
      {found && found.length === 0 && <span class="empty">{t("state.empty")}</span>}
      {found && found.length > 0 && (
        <ul class="picker__results">
          {found.map((choice) => (
            <li>
              <button type="button" class="button--quiet" aria-label={props.name?.(choice)} onClick={() => props.onPick(choice)}>
                {props.show(choice)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}
