/**
 * The linked stores of a 旺店通 link, changed after creation: a store may be added at any time; the
 * worker refuses to unlink one whose documents still wait for the ERP and says which, shown here
 * beside the list. A store's code (its ERP warehouse number) is never edited here or anywhere.
 */
import { useState } from "preact/hooks";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { issuesByPath } from "../form-issues";
import type { Location } from "../types";
import { patchSettings, useWangdianT } from "./wangdian-parts";

export function LinkedStoresForm({ connectionId, linked, locations, onSaved }: { connectionId: string; linked: string[]; locations: Location[]; onSaved: () => void }) {
  const { t, label } = useWangdianT();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>(linked);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const issues = issuesByPath(save.error);
  const errors = [...issues].filter(([path]) => path.startsWith("settings.locationIds")).flatMap(([, messages]) => messages);
  const toggle = (id: string, on: boolean) => setChosen((ids) => (on ? [...ids, id] : ids.filter((l) => l !== id)));

  async function submit(event: Event) {
    event.preventDefault();
    setSaved(false);
    await save.run(async () => {
      await patchSettings(connectionId, { locationIds: chosen });
      setSaved(true);
      setOpen(false);
      onSaved();
    });
  }

  if (!open) {
    return (
      <>
        {saved && <OkNotice>{t("wd.locationsSaved")}</OkNotice>}
        <p>
          <button
            type="button"
            onClick={() => {
              setChosen(linked);
              save.clear();
              setOpen(true);
            }}
          >
            {label("wd.editLocations")}
          </button>
        </p>
      </>
    );
  }
  return (
    <form class="form" onSubmit={submit} noValidate aria-label={label("wd.editLocations")}>
      <p class="muted">{t("wd.editLocationsNote")}</p>
      <FormErrors error={save.error} shownPaths={[...issues.keys()].filter((k) => k.startsWith("settings.locationIds"))} />
      <Field label={label("wd.locations")} errors={errors} group>
        <ul class="plain">
          {locations.map((l) => (
            <li>
              <label>
                <input type="checkbox" checked={chosen.includes(l.id)} onChange={(e) => toggle(l.id, e.currentTarget.checked)} /> <code>{l.code}</code> {l.name}{" "}
                <span class="muted">({label(`wd.locationKind.${l.kind}`)})</span>
              </label>
            </li>
          ))}
        </ul>
      </Field>
      <FormActions label={t("action.save")} busy={save.busy}>
        <button type="button" class="button--quiet" onClick={() => setOpen(false)}>
          {t("action.close")}
        </button>
      </FormActions>
    </form>
  );
}
