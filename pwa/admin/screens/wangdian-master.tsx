/**
 * The daily stock sync's master (§5: "一次性，之后不再更改"): chosen once with the settings; a
 * later change goes through POST /api/wangdian/:id/stock-master, first as a preview of what it
 * will overwrite (which side, how many SKUs), applied only after the owner confirms that.
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { useAction } from "../components/use-action";
import { useConfirm } from "../components/use-confirm";
import { issuesByPath } from "../form-issues";
import { hasRole, useSession } from "../session";
import type { Connection } from "../types";
import { MASTERS, type StockMaster as Master, type WangdianSettings } from "../wangdian-logic";
import { patchSettings, useWangdianT } from "./wangdian-parts";

interface MasterPreview {
  current: Master | null;
  next: Master;
  overwrites: "erp" | "renkei";
  skus: number;
  message: string;
  changed: boolean;
}

export function StockMaster(props: { connection: Connection; settings: WangdianSettings; refused?: string[]; onChanged: () => void }) {
  const { t, label } = useWangdianT();
  const { me } = useSession();
  const current = props.settings.stockMaster;
  const [choice, setChoice] = useState<Master | "">(current ? (current === "erp" ? "stores" : "erp") : "");
  const [changed, setChanged] = useState(false);
  const act = useAction();
  const issues = issuesByPath(act.error);
  const url = `/api/wangdian/${encodeURIComponent(props.connection.id)}/stock-master`;

  const choose = () =>
    act.run(async () => {
      await patchSettings(props.connection.id, { stockMaster: choice || null });
      props.onChanged();
    });
  const confirm = useConfirm((preview: MasterPreview) => ({
    title: label("wd.masterPreview"),
    confirmLabel: t("wd.masterConfirm"),
    danger: true,
    onConfirm: () =>
      void act.run(async () => {
        await apiPost<MasterPreview>(url, { master: preview.next, confirm: true });
        setChanged(true);
        props.onChanged();
      }),
    children: (
      <div data-testid="wd-master-preview">
        <p>
          <strong>{t(`wd.masterOverwrites.${preview.overwrites}`)}</strong>
        </p>
        <p>{t("wd.masterSkus", { skus: preview.skus })}</p>
        <p class="muted">{preview.message}</p>
      </div>
    ),
  }));
  const preview = () =>
    act.run(async () => {
      if (!choice) return;
      confirm.ask(await apiPost<MasterPreview>(url, { master: choice, confirm: false }));
    });

  return (
    <section class="card form" aria-label={label("wd.master")}>
      <h2>{label("wd.master")}</h2>
      <p class="muted">{t("wd.masterOnce")}</p>
      {changed && <p class="notice notice--ok">{t("wd.masterChanged")}</p>}
      <FormErrors error={act.error} shownPaths={["master", "settings.stockMaster"]} />
      {current && <p data-testid="wd-master-current">{label(`wd.master.${current}`)}</p>}
      {(current ? hasRole(me, "owner") : hasRole(me, "manager")) && (
        <>
          <Field label={label("wd.master")} errors={[...(props.refused ?? []), ...(issues.get("master") ?? []), ...(issues.get("settings.stockMaster") ?? [])]}>
            <select value={choice} onChange={(e) => setChoice(e.currentTarget.value as Master | "")}>
              {!current && <option value="">{t("filter.choose")}</option>}
              {MASTERS.filter((m) => m !== current).map((m) => (
                <option value={m}>{label(`wd.master.${m}`)}</option>
              ))}
            </select>
          </Field>
          <div class="form__actions">
            <button type="button" class={current ? "" : "button--primary"} disabled={act.busy || !choice} onClick={() => void (current ? preview() : choose())}>
              {act.busy ? t("state.working") : label(current ? "wd.masterChange" : "wd.masterChoose")}
            </button>
          </div>
        </>
      )}
      {confirm.dialog}
    </section>
  );
}
