/**
 * The value of a unit product in its sales unit (seed 004), e.g. 「長さ (cm) 10〜1000」: the computed
 * 注文時の値段 shows as it is keyed (value ÷ conversion × price, rounded by 単位換算方法), and a value
 * outside min / max is refused with the range, before anything reaches the cart.
 */
import { useState } from "preact/hooks";
import { formatMoney, multiplyMinor } from "../../../shared/money";
import { unitListPriceText, unitPrice } from "../../../shared/units";
import type { Sku } from "../data/contract";
import { checkUnitValue } from "./cart";
import { useT } from "./locale";
import { usePos } from "./session";
import { Dialog, NumberEntry } from "./widgets";

/** 「長さ (cm) 10〜1000」 */
export const unitFieldLabel = (unit: NonNullable<Sku["unit"]>) => `${unit.displayName} (${unit.salesUnit}) ${unit.min}〜${unit.max}`;

export function UnitEntry({ sku, onAdd, onClose, withPrice = true }: { sku: Sku; onAdd: (value: number, quantity: number) => void; onClose: () => void; withPrice?: boolean }) {
  const t = useT();
  const { info } = usePos();
  const unit = sku.unit!;
  const currency = info.merchant.currency;
  const [value, setValue] = useState("");
  const [quantity, setQuantity] = useState(1);
  const number = value === "" ? null : Number(value);
  const check = number === null ? null : checkUnitValue(unit, number);
  const price = check === "ok" ? unitPrice(number!, unit.conversion, sku.price, info.merchant.unitRounding) : null;
  const add = () => {
    if (check === "ok") onAdd(number!, quantity);
  };
  return (
    <Dialog title={sku.name} onClose={onClose}>
      <p class="muted">
        {sku.code} · {unitListPriceText(unit, formatMoney(sku.price, currency))}
      </p>
      <NumberEntry
        label={unitFieldLabel(unit)}
        value={value}
        onChange={setValue}
        onEnter={add}
        max={9}
        invalid={check !== null && check !== "ok"}
        hint={
          check !== null && check !== "ok" ? (
            <span class="error-text" role="alert">
              {t("unit.outOfRange", { min: unit.min, max: unit.max, unit: unit.salesUnit })}
            </span>
          ) : price !== null && withPrice ? (
            <span>
              {t("unit.price")} <strong data-testid="unit-price">{formatMoney(price, currency)}</strong>
            </span>
          ) : (
            <span class="muted">{t("unit.range", { min: unit.min, max: unit.max, unit: unit.salesUnit })}</span>
          )
        }
      />
      <div class="stepper" role="group" aria-label={t("cart.quantity")}>
        <span class="stepper__label">{t("cart.quantity")}</span>
        <button type="button" class="step" aria-label={t("cart.less")} disabled={quantity <= 1} onClick={() => setQuantity(quantity - 1)}>
          −
        </button>
        <output class="stepper__value" aria-label={t("cart.quantity")}>
          {quantity}
        </output>
        <button type="button" class="step" aria-label={t("cart.more")} onClick={() => setQuantity(quantity + 1)}>
          +
        </button>
        {price !== null && withPrice && <strong class="stepper__total">{formatMoney(multiplyMinor(price, quantity), currency)}</strong>}
      </div>
      <div class="actions">
        <button type="button" class="button button--primary button--big" disabled={check !== "ok"} onClick={add}>
          {t("unit.add")}
        </button>
      </div>
    </Dialog>
  );
}
