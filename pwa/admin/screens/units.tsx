/**
 * Units (seed 004 単位設定): stock in a management unit (m), sell in a sales unit (cm), with an
 * integer conversion. PUT /api/units creates or updates by code, so "edit" is the same form with
 * the code filled in. The conversion rules (whole number ≥ 1; 1 when both units are the same) are
 * the worker's; its messages show under the field. Many units at once: 単位設定一括アップロード
 * (screens/unit-upload.tsx).
 */
import { useState } from "preact/hooks";
import { ApiError, apiPut } from "../api";
import { Field, FormErrors, LoadError } from "../components/field";
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
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Unit | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = issuesByPath(error);
  const canEdit = hasRole(me, "manager");
  const editing = units.data?.items.some((u) => u.code === draft.code.trim());

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(null);
    const conversion = draft.conversion.trim();
    // Only "is it a number" is ours; 1.5 or -1 go to the worker, whose message quotes seed 004.
    if (conversion === "" || !Number.isFinite(Number(conversion))) {
      setError(new ApiError(0, "LOCAL", t("form.fix"), [{ path: ["conversion"], message: t("form.number") }]));
      return;
    }
    const body: UnitInput = {
      code: draft.code.trim(),
      managementUnit: draft.managementUnit.trim(),
      salesUnit: draft.salesUnit.trim(),
      displayName: draft.displayName.trim(),
      conversion: Number(conversion),
    };
    setBusy(true);
    setError(null);
    try {
      setSaved(await apiPut<Unit>("/api/units", body));
      setDraft(EMPTY);
      forget("/api/units");
      units.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <div class="page__head">
        <h1>{t("units.title")}</h1>
        <Link href={pathFor("unitUpload")}>{t("upload.link")}</Link>
      </div>
      <div class="split">
        <div>
          <LoadError error={units.error} onRetry={units.reload} />
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>{t("unit.code")}</th>
                  <th>{t("unit.displayName")}</th>
                  <th>{t("unit.managementUnit")}</th>
                  <th>{t("unit.salesUnit")}</th>
                  <th class="num">{t("unit.conversion")}</th>
                  {canEdit && <th />}
                </tr>
              </thead>
              <tbody>
                {units.data?.items.map((u) => (
                  <tr>
                    <td>
                      <code>{u.code}</code>
                    </td>
                    <td>{u.displayName}</td>
                    <td>{u.managementUnit}</td>
                    <td>{u.salesUnit}</td>
                    <td class="num" title={t("unit.example", { management: u.managementUnit, conversion: u.conversion, sales: u.salesUnit })}>
                      {u.conversion}
                    </td>
                    {canEdit && (
                      <td>
                        <button
                          type="button"
                          class="button--quiet"
                          onClick={() => {
                            setError(null);
                            setSaved(null);
                            setDraft({ code: u.code, managementUnit: u.managementUnit, salesUnit: u.salesUnit, displayName: u.displayName, conversion: String(u.conversion) });
                          }}
                        >
                          {t("action.edit")}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {units.loading && <p class="loading">{t("state.loading")}</p>}
          {units.data?.items.length === 0 && <p class="empty">{t("state.empty")}</p>}
        </div>

        {canEdit && (
          <form class="card form" onSubmit={submit} noValidate>
            <h2>{editing ? t("units.edit") : t("units.new")}</h2>
            {saved && (
              <p class="notice notice--ok" role="status">
                {t("units.saved", { code: saved.code })}
              </p>
            )}
            <FormErrors error={error} shownPaths={FIELDS} />
            {FIELDS.map((field) => (
              <Field label={t(`unit.${field}`)} errors={issues.get(field)} hint={field === "conversion" ? t("unit.conversionHint") : undefined}>
                <input
                  value={draft[field]}
                  inputMode={field === "conversion" ? "numeric" : undefined}
                  onInput={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
                />
              </Field>
            ))}
            <div class="form__actions">
              <button type="submit" class="button--primary" disabled={busy}>
                {busy ? t("state.working") : t("action.save")}
              </button>
              <button type="button" onClick={() => (setDraft(EMPTY), setError(null))}>
                {t("action.clear")}
              </button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
