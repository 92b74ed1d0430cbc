/**
 * Staff and their POS PINs: the merchant's users with their roles; a manager sets a clerk's PIN
 * (4–8 digits, PUT /api/users/:id/pin — the POS enrols it online once, then checks it offline), and
 * the owner adds a user with a role (POST /api/users is the owner's). The API does not say whether
 * a user has a PIN yet, so the list does not either.
 */
import { useState } from "preact/hooks";
import { apiPost, apiPut } from "../api";
import { LoadedTable } from "../components/data-table";
import { Field, FormErrors } from "../components/field";
import { FormActions } from "../components/form-actions";
import { OkNotice } from "../components/ok-notice";
import { useAction } from "../components/use-action";
import { forget, useApiGet } from "../data";
import { formatInstant } from "../format";
import { issuesByPath } from "../form-issues";
import { useLang } from "../locale";
import { hasRole, useSession } from "../session";
import type { Items, User } from "../types";
import type { ScreenProps } from "./props";
import { StorePage, useStoreT } from "./store-parts";

const ROLES = ["staff", "manager", "owner"] as const;
type Role = User["role"];

export default function StaffScreen({ route }: ScreenProps) {
  const t = useStoreT();
  const { lang } = useLang();
  const { me } = useSession();
  const users = useApiGet<Items<User>>("/api/users");
  const [pinFor, setPinFor] = useState<User | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const canPin = hasRole(me, "manager");

  return (
    <StorePage route={route}>
      {done && <OkNotice>{done}</OkNotice>}
      <LoadedTable
        list={users}
        row={(u) => ({ class: u.id === pinFor?.id ? "row--selected" : undefined })}
        columns={[
          { head: t("user.name"), cell: (u) => u.name, attrs: (u) => ({ title: u.id }) },
          { head: t("signIn.email"), cell: (u) => u.email },
          { head: t("user.role"), cell: (u) => t(`role.${u.role}`) },
          { head: t("store.createdAt"), cell: (u) => formatInstant(u.createdAt, lang, me.merchant.timeZone) },
          canPin && {
            cell: (u) => (
              <button
                type="button"
                onClick={() => {
                  setDone(null);
                  setPinFor(u);
                }}
              >
                {t("user.setPin")}
              </button>
            ),
          },
        ]}
      />
      <div class="split split--wide">
        {pinFor && (
          <PinForm
            key={pinFor.id}
            user={pinFor}
            onSaved={() => {
              setDone(t("user.pinSaved", { name: pinFor.name }));
              setPinFor(null);
            }}
          />
        )}
        {hasRole(me, "owner") && (
          <UserForm
            onAdded={(user) => {
              setDone(t("user.added", { name: user.name }));
              forget("/api/users");
              users.reload();
            }}
          />
        )}
      </div>
    </StorePage>
  );
}

function PinForm({ user, onSaved }: { user: User; onSaved: () => void }) {
  const t = useStoreT();
  const [pin, setPin] = useState("");
  const save = useAction();
  async function submit(event: Event) {
    event.preventDefault();
    // The format (4–8 digits) is the worker's rule; its message shows under the field.
    await save.run(async () => {
      await apiPut(`/api/users/${encodeURIComponent(user.id)}/pin`, { pin: pin.trim() });
      onSaved();
    });
  }
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("user.pinFor", { name: user.name })}</h2>
      <FormErrors error={save.error} shownPaths={["pin"]} />
      <Field label={t("user.setPin")} errors={issuesByPath(save.error).get("pin")} hint={t("user.pinHint")}>
        <input type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
      </Field>
      <FormActions label={t("action.save")} busy={save.busy} />
    </form>
  );
}

const USER_FIELDS = ["email", "name", "role", "password"];

function UserForm({ onAdded }: { onAdded: (user: User) => void }) {
  const t = useStoreT();
  const [draft, setDraft] = useState({ email: "", name: "", role: "staff" as Role, password: "" });
  const save = useAction();
  const issues = issuesByPath(save.error);
  const set = (key: keyof typeof draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  async function submit(event: Event) {
    event.preventDefault();
    await save.run(async () => {
      onAdded(await apiPost<User>("/api/users", { ...draft, email: draft.email.trim(), name: draft.name.trim() }));
      setDraft({ email: "", name: "", role: "staff", password: "" });
    });
  }
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <h2>{t("user.new")}</h2>
      <FormErrors error={save.error} shownPaths={USER_FIELDS} />
      <Field label={t("user.name")} errors={issues.get("name")}>
        <input value={draft.name} onInput={(e) => set("name", e.currentTarget.value)} />
      </Field>
      <Field label={t("signIn.email")} errors={issues.get("email")}>
        <input type="email" autoComplete="off" value={draft.email} onInput={(e) => set("email", e.currentTarget.value)} />
      </Field>
      <Field label={t("user.role")} errors={issues.get("role")}>
        <select value={draft.role} onChange={(e) => set("role", e.currentTarget.value)}>
          {ROLES.map((role) => (
            <option value={role}>{t(`role.${role}`)}</option>
          ))}
        </select>
      </Field>
      <Field label={t("signIn.password")} errors={issues.get("password")} hint={t("user.passwordHint")}>
        <input type="password" autoComplete="new-password" value={draft.password} onInput={(e) => set("password", e.currentTarget.value)} />
      </Field>
      <FormActions label={t("action.add")} busy={save.busy} />
    </form>
  );
}
