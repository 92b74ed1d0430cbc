/**
 * The cart on screen: lines with − / quantity / + (the quantity opens a keypad), a line editor for
 * quantity and discount (amount or %), the subtotal discount, and the totals with the per-rate tax
 * breakdown exactly as the receipt will print them.
 */
import { useState } from "preact/hooks";
import { formatMoney, MoneyError, multiplyMinor, parseMajor, toMajorString } from "../../../shared/money";
import type { PricedReceipt } from "../../../shared/receipt";
import { TAX_RATES, type TaxDisplay } from "../../../shared/tax";
import { unitValueText } from "../../../shared/units";
import { cartSubtotal, maxLineDiscount, percentOf, removeLine, setLineDiscount, setQuantity, setSubtotalDiscount, stepQuantity, type Cart, type CartEntry } from "./cart";
import { taxLineText } from "./documents";
import { useT } from "./locale";
import { usePos } from "./session";
import { Dialog, NumberEntry } from "./widgets";

export function CartLines({ cart, onChange, label }: { cart: Cart; onChange: (next: Cart) => void; label: string }) {
  const t = useT();
  const { data, info } = usePos();
  const [editing, setEditing] = useState<{ key: string; mode: "quantity" | "discount" } | null>(null);
  const money = (n: number) => formatMoney(n, info.merchant.currency);
  const line = editing ? cart.lines.find((l) => l.key === editing.key) : undefined;
  return (
    <>
      <ul class="lines" aria-label={label}>
        {cart.lines.map((l) => {
          const sku = data.getSku(l.skuId);
          const gross = multiplyMinor(l.unitPrice, l.quantity);
          return (
            <li key={l.key} class="line" data-sku={sku?.code}>
              <div class="line__what">
                <span class="line__name">
                  {info.merchant.currency === "JPY" && l.taxRate === TAX_RATES.JPY.reduced && <span title={t("receipt.reducedNote")}>※</span>}
                  {sku?.name ?? l.skuId}
                </span>
                <span class="line__detail">
                  {sku?.unit && l.unitValue !== null && <span class="tag">{unitValueText(sku.unit, l.unitValue)}</span>}
                  {money(l.unitPrice)} × {l.quantity}
                  {l.discount > 0 && <span class="line__discount"> {t("cart.lineDiscount", { amount: money(l.discount) })}</span>}
                </span>
              </div>
              <div class="line__qty">
                <button type="button" class="step" aria-label={t("cart.lessOf", { name: sku?.name ?? "" })} onClick={() => onChange(stepQuantity(cart, l.key, -1))}>
                  −
                </button>
                <button type="button" class="qty" aria-label={t("cart.quantityOf", { name: sku?.name ?? "" })} onClick={() => setEditing({ key: l.key, mode: "quantity" })}>
                  {l.quantity}
                </button>
                <button type="button" class="step" aria-label={t("cart.moreOf", { name: sku?.name ?? "" })} onClick={() => onChange(stepQuantity(cart, l.key, 1))}>
                  +
                </button>
              </div>
              <strong class="line__amount">{money(gross - l.discount)}</strong>
              <div class="line__tools">
                <button type="button" class="button button--small" onClick={() => setEditing({ key: l.key, mode: "discount" })}>
                  {t("cart.discount")}
                </button>
                <button type="button" class="icon-button" aria-label={t("cart.removeOf", { name: sku?.name ?? "" })} onClick={() => onChange(removeLine(cart, l.key))}>
                  ×
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {line && editing && (
        <LineEditor
          line={line}
          mode={editing.mode}
          name={data.getSku(line.skuId)?.name ?? line.skuId}
          onClose={() => setEditing(null)}
          onApply={(quantity, discount) => {
            let next = setQuantity(cart, line.key, quantity);
            next = setLineDiscount(next, line.key, discount);
            onChange(next);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

/** Quantity or discount of one line, on a keypad. */
function LineEditor({ line, name, mode: initial, onApply, onClose }: { line: CartEntry; name: string; mode: "quantity" | "discount"; onApply: (quantity: number, discount: number) => void; onClose: () => void }) {
  const t = useT();
  const { info } = usePos();
  const currency = info.merchant.currency;
  const [mode, setMode] = useState<"quantity" | "amount" | "percent">(initial === "quantity" ? "quantity" : "amount");
  const [quantity, setQuantityText] = useState(String(line.quantity));
  const [discount, setDiscount] = useState(line.discount ? toMajorString(line.discount, currency) : "");
  const [percent, setPercent] = useState("");
  const q = Number(quantity);
  const qOk = Number.isSafeInteger(q) && q >= 1;
  const max = maxLineDiscount({ ...line, quantity: qOk ? q : line.quantity });
  let amount: number | null = 0;
  if (mode === "percent") amount = percent === "" ? 0 : Number(percent) <= 100 ? percentOf(max, Number(percent)) : null;
  else {
    try {
      amount = discount === "" ? 0 : parseMajor(discount, currency);
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error;
      amount = null;
    }
  }
  const discountOk = amount !== null && amount >= 0 && amount <= max;
  const apply = () => {
    if (qOk && discountOk) onApply(q, amount!);
  };
  return (
    <Dialog title={name} onClose={onClose}>
      <div class="segmented" role="tablist">
        {(["quantity", "amount", "percent"] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} class={mode === m ? "is-on" : ""} onClick={() => setMode(m)}>
            {t(m === "quantity" ? "cart.quantity" : m === "amount" ? "cart.discountAmount" : "cart.discountPercent")}
          </button>
        ))}
      </div>
      {mode === "quantity" && <NumberEntry label={t("cart.quantity")} value={quantity} onChange={setQuantityText} onEnter={apply} max={6} invalid={!qOk} />}
      {mode === "amount" && (
        <NumberEntry
          label={t("cart.discountAmount")}
          value={discount}
          onChange={setDiscount}
          onEnter={apply}
          decimal={currency === "CNY"}
          invalid={!discountOk}
          hint={<span class={discountOk ? "muted" : "error-text"}>{t("cart.discountMax", { amount: formatMoney(max, currency) })}</span>}
        />
      )}
      {mode === "percent" && (
        <NumberEntry
          label={t("cart.discountPercent")}
          value={percent}
          onChange={setPercent}
          onEnter={apply}
          max={3}
          invalid={!discountOk}
          hint={amount !== null && <span>{t("cart.discountIs", { amount: formatMoney(amount, currency) })}</span>}
        />
      )}
      <div class="actions">
        <button type="button" class="button button--primary button--big" disabled={!qOk || !discountOk} onClick={apply}>
          {t("action.apply")}
        </button>
      </div>
    </Dialog>
  );
}

export function SubtotalDiscount({ cart, onApply, onClose }: { cart: Cart; onApply: (next: Cart) => void; onClose: () => void }) {
  const t = useT();
  const { info } = usePos();
  const currency = info.merchant.currency;
  const max = cartSubtotal(cart);
  const [mode, setMode] = useState<"amount" | "percent">("amount");
  const [text, setText] = useState("");
  let amount: number | null;
  if (text === "") amount = 0;
  else if (mode === "percent") amount = Number(text) <= 100 ? percentOf(max, Number(text)) : null;
  else {
    try {
      amount = parseMajor(text, currency);
    } catch {
      amount = null;
    }
  }
  const ok = amount !== null && amount <= max;
  const apply = () => ok && onApply(setSubtotalDiscount(cart, amount!));
  return (
    <Dialog title={t("cart.subtotalDiscount")} onClose={onClose}>
      <div class="segmented" role="tablist">
        {(["amount", "percent"] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} class={mode === m ? "is-on" : ""} onClick={() => (setMode(m), setText(""))}>
            {t(m === "amount" ? "cart.discountAmount" : "cart.discountPercent")}
          </button>
        ))}
      </div>
      <NumberEntry
        label={t(mode === "amount" ? "cart.discountAmount" : "cart.discountPercent")}
        value={text}
        onChange={setText}
        onEnter={apply}
        decimal={mode === "amount" && currency === "CNY"}
        max={mode === "percent" ? 3 : 12}
        invalid={!ok}
        hint={<span class={ok ? "muted" : "error-text"}>{ok && mode === "percent" ? t("cart.discountIs", { amount: formatMoney(amount!, currency) }) : t("cart.discountMax", { amount: formatMoney(max, currency) })}</span>}
      />
      <div class="actions">
        <button type="button" class="button button--primary button--big" disabled={!ok} onClick={apply}>
          {t("action.apply")}
        </button>
      </div>
    </Dialog>
  );
}

/** 小計, 値引, per-rate tax lines, 合計 — as the receipt will show them. */
export function Totals({ priced, display, label }: { priced: PricedReceipt; display: TaxDisplay; label?: string }) {
  const t = useT();
  const { info } = usePos();
  const currency = info.merchant.currency;
  const money = (n: number) => formatMoney(n, currency);
  return (
    <dl class="totals" aria-label={label ?? t("cart.totals")}>
      <dt>{t("cart.subtotal")}</dt>
      <dd>{money(priced.subtotal)}</dd>
      {priced.subtotalDiscount > 0 && (
        <>
          <dt>{t("cart.subtotalDiscount")}</dt>
          <dd>-{money(priced.subtotalDiscount)}</dd>
        </>
      )}
      {priced.tax.byRate.map((r) => (
        <dd key={r.rate} class="totals__tax">
          {taxLineText(t, r, display, currency)}
        </dd>
      ))}
      {display === "exclusive" && (
        <>
          <dt>{t("cart.tax")}</dt>
          <dd>{money(priced.tax.tax)}</dd>
        </>
      )}
      <dt class="totals__grand">{t("cart.total")}</dt>
      <dd class="totals__grand" data-testid="cart-total">
        {money(priced.total)}
      </dd>
    </dl>
  );
}
