/**
 * The link's own settings, the same fields in the new-link form and on the link's page: the sales
 * cadence (§4), the walk-in buyer name, 残次品 returns (§2.3.2), stocktakes as 盘点 or adjustments,
 * and the 「ERP数据同步设置」 switch (§3.3.3) with what it means.
 */
import { Field } from "../components/field";
import { SALES_CADENCES, STOCKTAKE_AS, type WangdianSettings } from "../wangdian-logic";
import { useWangdianT } from "./wangdian-parts";

export type OwnSettings = Pick<WangdianSettings, "salesCadence" | "walkInBuyer" | "defectiveReturnsToErp" | "stocktakeAs" | "erpDataSync">;

export function SettingsFields({ value, issues, onChange }: { value: OwnSettings; issues: Map<string, string[]>; onChange: (patch: Partial<OwnSettings>) => void }) {
  const { t, label } = useWangdianT();
  return (
    <>
      <Field label={label("wd.salesCadence")} errors={issues.get("settings.salesCadence")}>
        <select value={value.salesCadence} onChange={(e) => onChange({ salesCadence: e.currentTarget.value as OwnSettings["salesCadence"] })}>
          {SALES_CADENCES.map((c) => (
            <option value={c}>{t(`wd.cadence.${c}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={label("wd.walkInBuyer")} errors={issues.get("settings.walkInBuyer")}>
        <input value={value.walkInBuyer} onInput={(e) => onChange({ walkInBuyer: e.currentTarget.value })} />
      </Field>
      <Field label={label("wd.stocktakeAs")} errors={issues.get("settings.stocktakeAs")}>
        <select value={value.stocktakeAs} onChange={(e) => onChange({ stocktakeAs: e.currentTarget.value as OwnSettings["stocktakeAs"] })}>
          {STOCKTAKE_AS.map((s) => (
            <option value={s}>{label(`wd.stocktake.${s}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={label("wd.defectiveReturnsToErp")} errors={issues.get("settings.defectiveReturnsToErp")} hint={t("wd.defectiveHint")}>
        <input type="checkbox" checked={value.defectiveReturnsToErp} onChange={(e) => onChange({ defectiveReturnsToErp: e.currentTarget.checked })} />
      </Field>
      <Field label={label("wd.erpDataSync")} errors={issues.get("settings.erpDataSync")} hint={t("wd.erpDataSyncHint")}>
        <input type="checkbox" checked={value.erpDataSync} onChange={(e) => onChange({ erpDataSync: e.currentTarget.checked })} />
      </Field>
    </>
  );
}
