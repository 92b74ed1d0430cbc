/**
 * What the Smaregi screens share: their translator (smaregi-messages.ts, then the shared
 * dictionary), the seed's setting labels in the chosen language (shared/smaregi-settings.ts), a
 * radio group of a setting's seed choices, and the wire shapes of the Smaregi routes.
 */
import { useCallback } from "preact/hooks";
import { SETTING_LABELS, type Label } from "../../../shared/smaregi-settings";
import { Field } from "../components/field";
import type { Vars } from "../i18n";
import { useLang } from "../locale";
import { translateSmaregi, type AnySmaregiKey } from "../smaregi-messages";
import "./smaregi.css";

export type SmaregiT = (key: AnySmaregiKey, vars?: Vars) => string;
export function useSmaregiT(): SmaregiT {
  const { lang } = useLang();
  return useCallback((key: AnySmaregiKey, vars?: Vars) => translateSmaregi(lang, key, vars), [lang]);
}

export type SettingName = keyof typeof SETTING_LABELS;

/** A seed label in the screen's language, with the Japanese original beside it when another language is shown. */
export function useSettingLabel() {
  const { lang } = useLang();
  return useCallback(
    (label: Label) => (lang === "ja" ? label.ja : `${label[lang]}（${label.ja}）`),
    [lang],
  );
}

/** A setting whose seed wording names its choices: one radio per choice, the seed's words on each. */
export function SettingChoices<V extends string>(props: {
  name: SettingName;
  value: V;
  choices: readonly V[];
  onChange: (value: V) => void;
  hint?: string;
  errors?: string[];
  disabled?: boolean;
}) {
  const label = useSettingLabel();
  const setting = SETTING_LABELS[props.name] as Label & { choices?: Record<string, Label> };
  return (
    <Field label={label(setting)} group hint={props.hint} errors={props.errors} wide>
      <div class="radios">
        {props.choices.map((choice) => (
          <label class="radio">
            <input type="radio" name={props.name} value={choice} checked={props.value === choice} disabled={props.disabled} onChange={() => props.onChange(choice)} />{" "}
            {setting.choices?.[choice] ? label(setting.choices[choice]!) : choice}
          </label>
        ))}
      </div>
    </Field>
  );
}

// ---- wire shapes of /api/smaregi/connections/:id/… ----

export interface Choices {
  stores: { storeId: string; storeName: string; warehouse: boolean }[];
  orderStores: { storeId: string; storeName: string; sellDivision: "included" | "excluded"; warehouseStoreId: string | null }[];
  paymentMethods: { paymentMethodId: string; paymentMethodName: string }[];
  renkeiPaymentMethods: { id: string; code: string; name: string }[];
}

export interface LinkedProducts {
  items: { skuId: string; skuCode: string; productId: string; name: string; smaregiProductId: string }[];
  pendingBulk: number;
}

export interface Preview {
  products: { total: number; items: { productId: string; productCode: string; productName: string; renkeiSkuId: string | null }[] };
  stock: { total: number; items: { skuId: string; skuCode: string; locationId: string; smaregiStoreId: string; master: "renkei" | "smaregi"; renkei: number; smaregi: number }[] };
  orders: { total: number; items: { orderId: string; externalId: string; status: string; orderedAt: string; smaregiStoreId: string }[] };
}

export interface ShipmentOutcome {
  at: string;
  status: string | null;
  shipped: { orderId: string; externalId: string; orderHeadId: string }[];
  skipped: { orderId: string; externalId: string; reason: string }[];
}

export interface SentOrders {
  at: string;
  sent: { orderId: string; externalId: string; orderHeadId: string }[];
  skipped: { orderId: string; externalId: string; reason: string }[];
}

export interface ShippingCsv {
  csv: string;
  included: { orderId: string; externalId: string }[];
  excluded: { orderId: string; externalId: string; reason: string }[];
}
