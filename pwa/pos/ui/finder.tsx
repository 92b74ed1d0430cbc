/**
 * Scan or search: one field that a keyboard-wedge scanner types into (digits + Enter), looked up by
 * barcode (JAN / EAN) then merchant code; anything else is a name / code search whose results are
 * large touch targets. Used by selling, returns / exchanges and stocktaking.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { formatMoney } from "../../../shared/money";
import { unitListPriceText } from "../../../shared/units";
import type { Sku } from "../data/contract";
import { useT } from "./locale";
import { usePos } from "./session";
import { useFlash, useScanFocus } from "./widgets";

export type PickResult = { ok?: string; error?: string } | void;

export function Finder({
  label,
  onPick,
  onOther,
  active = true,
  showStock = true,
}: {
  label: string;
  onPick: (sku: Sku) => PickResult;
  /** a scan that is not a SKU (a receipt barcode): return true when handled */
  onOther?: (text: string) => boolean | Promise<boolean>;
  /** takes the scanner while true (false while a dialog is open) */
  active?: boolean;
  showStock?: boolean;
}) {
  const t = useT();
  const { data } = usePos();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [results, setResults] = useState<Sku[] | null>(null);
  const [keyboard, setKeyboard] = useState(false);
  const [flash, show] = useFlash();
  useScanFocus(input, active);

  // Typing by hand searches as it goes; a scanner's Enter comes long before this fires.
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setResults(null);
      return;
    }
    const timer = window.setTimeout(() => setResults(data.search(query, 40)), 180);
    return () => window.clearTimeout(timer);
  }, [text, data]);

  const pick = (sku: Sku) => {
    const result = onPick(sku);
    if (result?.error) show("error", result.error);
    else if (result?.ok) show("ok", result.ok);
    setText("");
    setResults(null);
    if (input.current) input.current.value = "";
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const query = (input.current?.value ?? text).trim();
    if (!query) return;
    const exact = data.findByBarcode(query) ?? data.findByCode(query);
    if (exact) return pick(exact);
    if (onOther && (await onOther(query))) {
      setText("");
      if (input.current) input.current.value = "";
      return;
    }
    const found = data.search(query, 40);
    setResults(found);
    if (found.length === 0) show("error", t("finder.notFound", { query }));
  };

  const { info } = usePos();
  const currency = info.merchant.currency;
  return (
    <div class="finder">
      <form class="finder__form" onSubmit={submit} role="search">
        <input
          ref={input}
          class="finder__input"
          type="search"
          aria-label={label}
          placeholder={t("finder.placeholder")}
          inputMode={keyboard ? "search" : "none"}
          autoComplete="off"
          enterKeyHint="search"
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        />
        <button
          type="button"
          class={`icon-button finder__kbd${keyboard ? " is-on" : ""}`}
          aria-pressed={keyboard}
          aria-label={t("finder.keyboard")}
          title={t("finder.keyboard")}
          onClick={() => {
            setKeyboard(!keyboard);
            window.setTimeout(() => input.current?.focus(), 0);
          }}
        >
          ⌨
        </button>
        <button type="submit" class="button">
          {t("action.search")}
        </button>
      </form>
      <p class={`flash${flash ? ` flash--${flash.kind}` : ""}`} role="status" aria-live="polite">
        {flash?.text ?? "\u00a0"}
      </p>
      {results && (
        <ul class="results" aria-label={t("finder.results")}>
          {results.length === 0 && <li class="results__empty">{t("finder.none")}</li>}
          {results.map((sku) => {
            const stock = showStock ? data.stockOf(sku.id) : undefined;
            const price = formatMoney(sku.price, currency);
            return (
              <li key={sku.id}>
                <button type="button" class={`result${sku.listed ? "" : " result--unlisted"}`} onClick={() => pick(sku)}>
                  <span class="result__name">{sku.name}</span>
                  <span class="result__code">
                    {sku.code}
                    {sku.barcode ? ` · ${sku.barcode}` : ""}
                  </span>
                  <span class="result__price">{sku.unit ? unitListPriceText(sku.unit, price) : price}</span>
                  {stock && (
                    <span class={`result__stock${stock.available <= 0 ? " is-low" : ""}`}>
                      {t("finder.stock", { count: stock.available, unit: sku.unit?.salesUnit ?? "" })}
                    </span>
                  )}
                  {!sku.listed && <span class="tag tag--warn">{t("finder.unlisted")}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
