/**
 * Sign-in: POST /api/auth/sign-in sets the HttpOnly session cookie and answers who signed in and
 * the CSRF token. Shown for any /admin URL while signed out; the URL stays, so a deep link opens
 * its screen right after signing in. A worker page that needed a session first (a NextEngine launch)
 * sends the merchant here with `?next=<same-origin path>`: signed in, the browser goes back there.
 */
import { useState } from "preact/hooks";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { LangSwitch } from "../components/lang-switch";
import { issuesByPath } from "../form-issues";
import { useT } from "../locale";
import { safeNextPath } from "../next-path";
import type { Me } from "../types";

const FIELDS = ["email", "password"] as const;

export function SignInScreen({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const t = useT();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const issues = issuesByPath(error);
  const next = safeNextPath(window.location.search, window.location.origin);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await apiPost<Me>("/api/auth/sign-in", { email: email.trim(), password });
      if (next) return window.location.assign(next); // the worker page finishes what it started (busy until it loads)
      onSignedIn(me);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <form class="card sign-in__card" onSubmit={submit}>
        <div class="sign-in__top">
          <h1>{t("signIn.title")}</h1>
          <LangSwitch />
        </div>
        {expired && !error && <p class="notice">{t("signIn.expired")}</p>}
        {next && !error && <p class="notice">{t("signIn.continue")}</p>}
        <FormErrors error={error} shownPaths={FIELDS} />
        <Field label={t("signIn.email")} errors={issues.get("email")}>
          <input type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        <Field label={t("signIn.password")} errors={issues.get("password")}>
          <input type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="button--primary" disabled={busy}>
          {busy ? t("state.working") : t("signIn.submit")}
        </button>
      </form>
    </main>
  );
}
