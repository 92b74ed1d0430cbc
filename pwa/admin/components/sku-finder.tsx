/**
 * The SKU search of manual order entry: it offers the SKUs that match (order-entry.ts skuChoices)
 * with their price, per sales unit for a unit product. The results stay open after a pick, so the
 * same product can be added again (a unit product at another order value is another line, seed 004).
 */
import type { Currency } from "../../../shared/money";
import { formatMoney } from "../format";
import { useT } from "../locale";
import { skuChoices, type EntrySku } from "../order-entry";
import { SkuSearch, useSkuSearch } from "./sku-search";

export function SkuFinder({ currency, onPick, errors }: { currency: Currency; onPick: (sku: EntrySku) => void; errors?: string[] }) {
  const t = useT();
  const search = useSkuSearch(20, skuChoices);
  return (
    <SkuSearch
      search={search}
      label={t("entry.find")}
      errors={errors}
      onPick={onPick}
      name={(sku) => t("entry.pick", { code: sku.code, label: sku.label })}
      show={(sku) => (
        <>
          <code>{sku.code}</code> {sku.label}{" "}
          <span class="muted">
            {sku.unit
              ? t("entry.listPrice", { amount: sku.unit.conversion, unit: sku.unit.salesUnit, price: formatMoney(sku.price, currency) })
              : formatMoney(sku.price, currency)}
          </span>
        </>
      )}
    />
  );
}
