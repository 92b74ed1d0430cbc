/**
 * The Smaregi link's settings form, in seed 000's order: 「EC受注・在庫連携設定」 (受注連携設定,
 * 在庫引当設定, 在庫引当自動照会設定, 受注一括出荷連携設定), 「商品連携設定」, then §3's mappings
 * (店舗(モール) ↔ スマレジ店舗ID with 税計算設定, 支払方法 ↔ スマレジ支払方法, stock locations with
 * their master) chosen from lists read live from Smaregi. [設定を保存する] sends it whole; the
 * worker's issues (and a refused start's) are shown at the field they name.
 */
import { useState } from "preact/hooks";
import { SETTING_LABELS } from "../../../shared/smaregi-settings";
import { apiPut } from "../api";
import { Field, FormErrors, LoadError } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { useLookup, type Loaded } from "../data";
import { issuesByPath } from "../form-issues";
import { useLang } from "../locale";
import { draftOf, settingsBody, type SmaregiDraft } from "../smaregi-draft";
import type { Channel, Connection, Items, Location, OrderStatus } from "../types";
import { SettingChoices, useSettingLabel, useSmaregiT, type Choices } from "./smaregi-parts";

export function SmaregiSettingsForm(props: { connection: Connection; choices: Loaded<Choices>; startError: unknown; canEdit: boolean; onSaved: (c: Connection) => void }) {
  const t = useSmaregiT();
  const label = useSettingLabel();
  const { lang } = useLang();
  const [draft, setDraft] = useState<SmaregiDraft>(() => draftOf(props.connection.settings));
  const [saved, setSaved] = useState(false);
  const saving = useAction();
  const statuses = useLookup<Items<OrderStatus>>("/api/order-statuses");
  const channels = useLookup<Items<Channel>>("/api/channels");
  const locations = useLookup<Items<Location>>("/api/locations");
  const choices = props.choices.data;

  const set = <K extends keyof SmaregiDraft>(key: K, value: SmaregiDraft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const setRow = <K extends "orderStores" | "paymentMethods" | "locations">(key: K, i: number, patch: Partial<SmaregiDraft[K][number]>) =>
    set(key, draft[key].map((row, j) => (j === i ? { ...row, ...patch } : row)) as SmaregiDraft[K]);
  const addRow = <K extends "orderStores" | "paymentMethods" | "locations">(key: K, row: SmaregiDraft[K][number]) => set(key, [...draft[key], row] as SmaregiDraft[K]);
  const removeRow = (key: "orderStores" | "paymentMethods" | "locations", i: number) => set(key, draft[key].filter((_, j) => j !== i) as never);

  // Issues of the last save and of a refused start, by path ("settings.orderStores.0.taxCalculation").
  const issues = new Map([...issuesByPath(props.startError), ...issuesByPath(saving.error)]);
  const errorsAt = (...path: (string | number)[]) => issues.get(["settings", ...path].join("."));
  const shownPaths = [...issues.keys()].filter((k) => k.startsWith("settings."));

  const submit = async (e: Event) => {
    e.preventDefault();
    const saved = await saving.run(() => apiPut<Connection>(`/api/connections/${encodeURIComponent(props.connection.id)}/settings`, settingsBody(draft)));
    if (saved) {
      setSaved(true);
      props.onSaved(saved);
    }
  };

  const statusName = (s: OrderStatus) => s[lang] || s.ja;
  // A plain function, not a component: a component defined here would remount (and lose focus) on every keystroke.
  const statusSelect = (value: string, onChange: (v: string) => void, disabled = false) => (
    <select value={value} disabled={disabled || !props.canEdit} onChange={(e) => onChange(e.currentTarget.value)}>
      <option value="">{t("sm.none")}</option>
      {statuses.data?.items.map((s) => (
        <option value={s.code}>{statusName(s)}</option>
      ))}
    </select>
  );
  const codeInput = (key: "adjustmentProductCode" | "dummyProductCode") => (
    <input value={draft[key]} maxLength={20} disabled={!props.canEdit} onInput={(e) => set(key, e.currentTarget.value)} />
  );
  const sellDivision = (storeId: string) => choices?.orderStores.find((o) => o.storeId === storeId);
  // The seed's [この内容で登録する] under 支払方法 and 店舗(モール): it saves the whole form, as [設定を保存する] does.
  const register = props.canEdit && (
    <p>
      <button type="submit" disabled={saving.busy}>
        {t("sm.register")}
      </button>
    </p>
  );

  return (
    <form class="card form" onSubmit={submit} noValidate aria-label={t("sm.settingsTitle")}>
      <h2>{t("sm.settingsTitle")}</h2>
      {saved && <OkNotice>{t("sm.saved")}</OkNotice>}
      <FormErrors error={saving.error} shownPaths={shownPaths} />

      <fieldset>
        <legend>{label(SETTING_LABELS.orderSection)}</legend>
        <div class="form__grid">
          <SettingChoices name="enclosureItems" value={draft.enclosureItems} choices={["link", "none"] as const} onChange={(v) => set("enclosureItems", v)} hint={t("sm.enclosureHint")} errors={errorsAt("enclosureItems")} disabled={!props.canEdit} />
          <Field label={label(SETTING_LABELS.adjustmentProductCode)} hint={`${t("sm.adjustmentHint")}（${t("sm.codeHint")}）`} errors={errorsAt("adjustmentProductCode")}>
            {codeInput("adjustmentProductCode")}
          </Field>
          <Field label={label(SETTING_LABELS.dummyProductCode)} hint={`${t("sm.dummyHint")}（${t("sm.codeHint")}）`} errors={errorsAt("dummyProductCode")}>
            {codeInput("dummyProductCode")}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{label(SETTING_LABELS.allocationSection)}</legend>
        <div class="form__grid">
          <SettingChoices name="shippingCsvUnallocated" value={draft.shippingCsvUnallocated} choices={["include", "exclude"] as const} onChange={(v) => set("shippingCsvUnallocated", v)} hint={t("sm.csvHint")} errors={errorsAt("shippingCsvUnallocated")} disabled={!props.canEdit} />
          <SettingChoices name="availableStockBasis" value={draft.availableStockBasis} choices={["smaregi", "renkei"] as const} onChange={(v) => set("availableStockBasis", v)} hint={t("sm.basisHint")} errors={errorsAt("availableStockBasis")} disabled={!props.canEdit} />
          <SettingChoices
            name="stockAggregation"
            value={draft.stockAggregation}
            choices={["order_store", "all"] as const}
            onChange={(v) => set("stockAggregation", v)}
            hint={draft.availableStockBasis === "smaregi" ? t("sm.aggregationHint") : t("sm.aggregationUnused")}
            errors={errorsAt("stockAggregation")}
            disabled={!props.canEdit || draft.availableStockBasis !== "smaregi"}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{label(SETTING_LABELS.inquirySection)}</legend>
        <p class="muted">{t("sm.inquiryNote")}</p>
        <div class="form__grid">
          <Field label={label(SETTING_LABELS.allocationInquiryStatus)} hint={t("sm.inquiryHint")} errors={errorsAt("allocationInquiryStatus")}>
            {statusSelect(draft.allocationInquiryStatus, (v) => set("allocationInquiryStatus", v))}
          </Field>
          <Field label={label(SETTING_LABELS.allocatedStatus)} hint={draft.allocationInquiryStatus ? t("sm.allocatedHint") : t("sm.allocatedNeedsTrigger")} errors={errorsAt("allocatedStatus")}>
            {statusSelect(draft.allocatedStatus, (v) => set("allocatedStatus", v), !draft.allocationInquiryStatus)}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{label(SETTING_LABELS.shipmentSection)}</legend>
        <div class="form__grid">
          <Field label={label(SETTING_LABELS.bulkShipmentStatus)} hint={t("sm.shipmentHint")} errors={errorsAt("bulkShipmentStatus")}>
            {statusSelect(draft.bulkShipmentStatus, (v) => set("bulkShipmentStatus", v))}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{label(SETTING_LABELS.productSection)}</legend>
        <div class="form__grid">
          <SettingChoices
            name="productSync"
            value={draft.productSync ? "true" : "false"}
            choices={["true", "false"] as const}
            onChange={(v) => set("productSync", v === "true")}
            hint={t("sm.productSyncHint")}
            errors={errorsAt("productSync")}
            disabled={!props.canEdit}
          />
        </div>
      </fieldset>

      <h2>{t("sm.step.mappings")}</h2>
      <p class="muted">
        {t("sm.choicesLive")}{" "}
        <button type="button" class="button--quiet" onClick={props.choices.reload}>
          {t("sm.reloadChoices")}
        </button>
      </p>
      <LoadError error={props.choices.error} onRetry={props.choices.reload} />

      <fieldset>
        <legend>{t("sm.orderStoresTitle")}</legend>
        <p class="muted">{t("sm.orderStoresNote")}</p>
        {draft.orderStores.map((row, i) => (
          <div class="sku-row" role="group" aria-label={`${t("sm.orderStoresTitle")} ${i + 1}`}>
            <Field label={t("sm.channel")} errors={errorsAt("orderStores", i, "channelId")}>
              <select value={row.channelId} disabled={!props.canEdit} onChange={(e) => setRow("orderStores", i, { channelId: e.currentTarget.value })}>
                <option value="">{t("sm.choose")}</option>
                {channels.data?.items.map((c) => (
                  <option value={c.id}>{`${c.name} (${c.code})`}</option>
                ))}
              </select>
            </Field>
            <Field label={label(SETTING_LABELS.orderStores)} errors={errorsAt("orderStores", i, "smaregiStoreId")}>
              <select value={row.smaregiStoreId} disabled={!props.canEdit} onChange={(e) => setRow("orderStores", i, { smaregiStoreId: e.currentTarget.value })}>
                <option value="">{t("sm.choose")}</option>
                {choices?.orderStores.map((o) => (
                  <option value={o.storeId}>
                    {`${o.storeId} ${o.storeName}（${t(`sm.sellDivision.${o.sellDivision}`)}${o.warehouseStoreId ? "" : `・${t("sm.noWarehouse")}`}）`}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={label(SETTING_LABELS.taxCalculation)} errors={errorsAt("orderStores", i, "taxCalculation")} hint={sellDivision(row.smaregiStoreId) ? `スマレジ: ${t(`sm.sellDivision.${sellDivision(row.smaregiStoreId)!.sellDivision}`)}` : undefined}>
              <select value={row.taxCalculation} disabled={!props.canEdit} onChange={(e) => setRow("orderStores", i, { taxCalculation: e.currentTarget.value as "inclusive" | "exclusive" })}>
                {(["inclusive", "exclusive"] as const).map((v) => (
                  <option value={v}>{label(SETTING_LABELS.taxCalculation.choices[v])}</option>
                ))}
              </select>
            </Field>
            {props.canEdit && (
              <button type="button" class="button--quiet sku-row__remove" onClick={() => removeRow("orderStores", i)}>
                {t("sm.remove")}
              </button>
            )}
          </div>
        ))}
        {props.canEdit && (
          <button type="button" onClick={() => addRow("orderStores", { channelId: "", smaregiStoreId: "", taxCalculation: "inclusive" })}>
            {t("sm.add")}
          </button>
        )}
        {register}
      </fieldset>

      <fieldset>
        <legend>{t("sm.paymentTitle")}</legend>
        <p class="muted">{t("sm.paymentNote")}</p>
        {draft.paymentMethods.map((row, i) => (
          <div class="sku-row" role="group" aria-label={`${t("sm.paymentTitle")} ${i + 1}`}>
            <Field label={t("sm.paymentMethod")} errors={errorsAt("paymentMethods", i, "paymentMethodId")}>
              <select value={row.paymentMethodId} disabled={!props.canEdit} onChange={(e) => setRow("paymentMethods", i, { paymentMethodId: e.currentTarget.value })}>
                <option value="">{t("sm.choose")}</option>
                {choices?.renkeiPaymentMethods.map((p) => (
                  <option value={p.id}>{`${p.name} (${p.code})`}</option>
                ))}
              </select>
            </Field>
            <Field label={label(SETTING_LABELS.paymentMethods)} errors={errorsAt("paymentMethods", i, "smaregiPaymentMethodId")}>
              <select value={row.smaregiPaymentMethodId} disabled={!props.canEdit} onChange={(e) => setRow("paymentMethods", i, { smaregiPaymentMethodId: e.currentTarget.value })}>
                <option value="">{t("sm.choose")}</option>
                {choices?.paymentMethods.map((p) => (
                  <option value={p.paymentMethodId}>{p.paymentMethodName}</option>
                ))}
              </select>
            </Field>
            {props.canEdit && (
              <button type="button" class="button--quiet sku-row__remove" onClick={() => removeRow("paymentMethods", i)}>
                {t("sm.remove")}
              </button>
            )}
          </div>
        ))}
        {props.canEdit && (
          <button type="button" onClick={() => addRow("paymentMethods", { paymentMethodId: "", smaregiPaymentMethodId: "" })}>
            {t("sm.add")}
          </button>
        )}
        {register}
      </fieldset>

      <fieldset>
        <legend>{t("sm.locationsTitle")}</legend>
        <p class="muted">{t("sm.locationsNote")}</p>
        {draft.locations.map((row, i) => (
          <div class="sku-row" role="group" aria-label={`${t("sm.locationsTitle")} ${i + 1}`}>
            <Field label={t("sm.location")} errors={errorsAt("locations", i, "locationId")}>
              <select value={row.locationId} disabled={!props.canEdit} onChange={(e) => setRow("locations", i, { locationId: e.currentTarget.value })}>
                <option value="">{t("sm.choose")}</option>
                {locations.data?.items.map((l) => (
                  <option value={l.id}>{`${l.name} (${l.code})`}</option>
                ))}
              </select>
            </Field>
            <Field label={t("sm.smaregiStore")} errors={errorsAt("locations", i, "smaregiStoreId")}>
              <select value={row.smaregiStoreId} disabled={!props.canEdit} onChange={(e) => setRow("locations", i, { smaregiStoreId: e.currentTarget.value })}>
                <option value="">{t("sm.choose")}</option>
                {choices?.stores.map((s) => (
                  <option value={s.storeId}>{`${s.storeId} ${s.storeName}${s.warehouse ? `（${t("sm.warehouse")}）` : ""}`}</option>
                ))}
              </select>
            </Field>
            <Field label={label(SETTING_LABELS.stockMaster)} errors={errorsAt("locations", i, "master")}>
              <select value={row.master} disabled={!props.canEdit} onChange={(e) => setRow("locations", i, { master: e.currentTarget.value as "renkei" | "smaregi" })}>
                <option value="renkei">{t("sm.master.renkei")}</option>
                <option value="smaregi">{t("sm.master.smaregi")}</option>
              </select>
            </Field>
            {props.canEdit && (
              <button type="button" class="button--quiet sku-row__remove" onClick={() => removeRow("locations", i)}>
                {t("sm.remove")}
              </button>
            )}
          </div>
        ))}
        {props.canEdit && (
          <button type="button" onClick={() => addRow("locations", { locationId: "", smaregiStoreId: "", master: "renkei" })}>
            {t("sm.add")}
          </button>
        )}
      </fieldset>

      {props.canEdit && <FormActions label={t("sm.save")} busy={saving.busy} />}
    </form>
  );
}
