/**
 * The lines of a store form (入荷予定, 出庫・店間移動): find a SKU to add it — picked again, its line
 * gets one more — key each quantity, remove a line; the worker's errors shown on their line. A
 * screen may add a note beside each line (e.g. the store's on-hand).
 */
import type { ComponentChildren } from "preact";
import { Field } from "../components/field";
import { SkuSearch, useSkuSearch } from "../components/sku-search";
import { addInboundLine, type InboundLineDraft } from "../store-logic";
import type { StoreT } from "./store-parts";

const skuChoices = (products: Parameters<Parameters<typeof useSkuSearch>[1]>[0]) =>
  products.flatMap((p) => p.skus.map((s) => ({ skuId: s.id, code: s.code, name: `${p.name}${s.specName ? ` / ${s.specName}` : ""}` })));

export function StoreLines<D extends { lines: InboundLineDraft[] }>({
  t,
  setDraft,
  lines,
  issues,
  note,
}: {
  t: StoreT;
  setDraft: (update: (draft: D) => D) => void;
  lines: InboundLineDraft[];
  issues: Map<string, string[]>;
  note?: (line: InboundLineDraft) => ComponentChildren;
}) {
  const search = useSkuSearch(20, skuChoices);
  const setLine = (index: number, quantity: string) => setDraft((d) => ({ ...d, lines: d.lines.map((l, i) => (i === index ? { ...l, quantity } : l)) }));
  return (
    <>
      <SkuSearch
        search={search}
        label={t("entry.find")}
        errors={issues.get("lines")}
        name={(sku) => t("entry.pick", { code: sku.code, label: sku.name })}
        show={(sku) => (
          <>
            <code>{sku.code}</code> {sku.name}
          </>
        )}
        onPick={(sku) => setDraft((d) => addInboundLine(d, { skuId: sku.skuId, label: `${sku.code} ${sku.name}` }))}
      />
      {lines.map((line, i) => (
        <div class="sku-row field--wide">
          <p class="entry-line__item">
            {line.label}
            {note?.(line)}
          </p>
          <Field label={t("order.quantity")} errors={[...(issues.get(`lines.${i}.quantity`) ?? []), ...(issues.get(`lines.${i}.skuId`) ?? [])]}>
            <input inputMode="numeric" value={line.quantity} onInput={(e) => setLine(i, e.currentTarget.value)} />
          </Field>
          <button
            type="button"
            class="button--quiet sku-row__remove"
            aria-label={t("entry.removeLine", { no: i + 1 })}
            onClick={() => setDraft((d) => ({ ...d, lines: d.lines.filter((_, j) => j !== i) }))}
          >
            {t("action.delete")}
          </button>
        </div>
      ))}
    </>
  );
}
