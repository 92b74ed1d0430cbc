/**
 * Units (seed 004 単位設定): stock in a management unit (m), sell in a sales unit (cm), with an
 * integer conversion. PUT /api/units creates or updates by code, so "edit" is the same form with
 * the code filled in. The conversion rules (whole number ≥ 1; 1 when both units are the same) are
 * the worker's; its messages show under the field. Many units at once: 単位設定一括アップロード
 * (screens/unit-upload.tsx).
 */
import { useState } from "preact/hooks";
import { apiPut } from "../api";
import { LoadedTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { forget, useApiGet } from "../data";
import { issuesByPath } from "../form-issues";
import { useT } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import type { Items, Unit, UnitInput } from "../types";

const FIELDS = ["code", "managementUnit", "salesUnit", "displayName", "conversion"] as const;
type UnitDraft = Record<(typeof FIELDS)[number], string>;
const EMPTY: UnitDraft = { code: "", managementUnit: "", salesUnit: "", displayName: "", conversion: "" };

export default function UnitsScreen() {
  const t = useT();
  const { me } = useSession();
  const units = useApiGet<Items<Unit>>("/api/units");
  const [draft, setDraft] = useState<UnitDraft>(EMPTY);
  const [saved, setSaved] = useState<Unit | null>(null);
  const save = useAction();
  const issues = issuesByPath(save.error);
  const canEdit = hasRole(me, "manager");
  const editing = units.data?.items.some((u) => u.code === draft.code.trim());

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(null);
    const conversion = draft.conversion.trim();
    // Only "is it a number" is ours; 1.5 or -1 go to the worker, whose message quotes seed 004.
    if (conversion === "" || !Number.isFinite(Number(conversion))) return save.refuse([{ path: ["conversion"], message: "form.number" }]);
    const body: UnitInput = {
      code: draft.code.trim(),
      managementUnit: draft.managementUnit.trim(),
      salesUnit: draft.salesUnit.trim(),
      displayName: draft.displayName.trim(),
      conversion: Number(conversion),
    };
    await save.run(async () => {
      setSaved(await apiPut<Unit>("/api/units", body));
      setDraft(EMPTY);
      forget("/api/units");
      units.reload();
    });
  }

  return (
    <section>
      <div class="page__head">
        <h1>{t("units.title")}</h1>
        <Link href={pathFor("unitUpload")}>{t("upload.link")}</Link>
      </div>
      <div class="split">
        <div>
          <LoadedTable
            list={units}
            empty={t("state.empty")}
            columns={[
              { head: t("unit.code"), cell: (u) => <code>{u.code}</code> },
              { head: t("unit.displayName"), cell: (u) => u.displayName },
              { head: t("unit.managementUnit"), cell: (u) => u.managementUnit },
              { head: t("unit.salesUnit"), cell: (u) => u.salesUnit },
              {
                head: t("unit.conversion"),
                class: "num",
                cell: (u) => u.conversion,
                attrs: (u) => ({ title: t("unit.example", { management: u.managementUnit, conversion: u.conversion, sales: u.salesUnit }) }),
              },
              canEdit && {
                cell: (u) => (
                  <button
                    type="button"
                    class="button--quiet"
                    onClick={() => {
                      save.clear();
                      setSaved(null);
                      setDraft({ code: u.code, managementUnit: u.managementUnit, salesUnit: u.salesUnit, displayName: u.displayName, conversion: String(u.conversion) });
                    }}
                  >
                    {t("action.edit")}
                  </button>
                ),
              },
            ]}
          />
        </div>

        {canEdit && (
          <form class="card form" onSubmit={submit} noValidate>
            <h2>{editing ? t("units.edit") : t("units.new")}</h2>
            {saved && <OkNotice>{t("units.saved", { code: saved.code })}</OkNotice>}
            <FormErrors error={save.error} shownPaths={FIELDS} />
            {FIELDS.map((field) => (
              <Field label={t(`unit.${field}`)} errors={issues.get(field)} hint={field === "conversion" ? t("unit.conversionHint") : undefined}>
                <input
                  value={draft[field]}
                  inputMode={field === "conversion" ? "numeric" : undefined}
                  onInput={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
                />
              </Field>
            ))}
            <FormActions label={t("action.save")} busy={save.busy}>
              <button type="button" onClick={() => (setDraft(EMPTY), save.clear())}>
                {t("action.clear")}
              </button>
            </FormActions>
          </form>
        )}
      </div>
    </section>
  );
}
