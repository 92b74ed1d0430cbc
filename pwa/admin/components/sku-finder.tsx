/**
 * Finds SKUs by code, name or barcode (the worker's product search) and offers them to pick. The
 * results stay open after a pick, so the same product can be added again (a unit product at
 * another order value is another line, seed 004).
 */
import { useState } from "preact/hooks";
import type { Currency } from "../../../shared/money";
import { apiGet } from "../api";
import { formatMoney } from "../format";
import { useT } from "../locale";
import { skuChoices, type EntrySku } from "../order-entry";
import type { ProductList } from "../types";
import { Field, FormErrors } from "./field";

export function SkuFinder({ currency, onPick, errors }: { currency: Currency; onPick: (sku: EntrySku) => void; errors?: string[] }) {
  const t = useT();
  const [text, setText] = useState("");
  const [found, setFound] = useState<EntrySku[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function find() {
    const q = text.trim();
    if (!q) return;
    setError(null);
    setBusy(true);
    try {
      const page = await apiGet<ProductList>("/api/products", { q, limit: 20 });
      setFound(skuChoices(page.items, q));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Field label={t("entry.find")} errors={errors} wide group>
      <span class="picker">
        <input
          type="search"
          aria-label={t("entry.find")}
          placeholder={t("products.searchHint")}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter searches here instead of submitting the order.
            if (e.key === "Enter") {
              e.preventDefault();
              void find();
            }
          }}
        />
        <button type="button" disabled={busy} onClick={() => void find()}>
          {t("action.search")}
        </button>
      </span>
      <FormErrors error={error} />
      {found && found.length === 0 && <span class="empty">{t("state.empty")}</span>}
      {found && found.length > 0 && (
        <ul class="picker__results">
          {found.map((sku) => (
            <li>
              <button type="button" class="button--quiet" aria-label={t("entry.pick", { code: sku.code, label: sku.label })} onClick={() => onPick(sku)}>
                <code>{sku.code}</code> {sku.label}{" "}
                <span class="muted">
                  {sku.unit
                    ? t("entry.listPrice", { amount: sku.unit.conversion, unit: sku.unit.salesUnit, price: formatMoney(sku.price, currency) })
                    : formatMoney(sku.price, currency)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Field>
  );
}
