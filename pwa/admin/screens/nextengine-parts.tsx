/**
 * What the ネクストエンジン screens share: their translator (nextengine-messages.ts, then the shared
 * dictionary), and the 外部連携 card the connections screen shows (seed 001 steps 1–4):
 * 「連携を開始する」 until the link is made, then 「ネクストエンジン連携設定へ」. Starting asks the worker
 * for NextEngine's login URL and leaves for it; NextEngine sends the browser back to the settings page.
 */
import { useCallback, useState } from "preact/hooks";
import { apiPost } from "../api";
import { Field, FormErrors } from "../components/field";
import { useAction } from "../components/use-action";
import type { Vars } from "../i18n";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { translateNextEngine, type AnyNextEngineKey } from "../nextengine-messages";
import { pathFor } from "../router";
import { hasRole, useSession } from "../session";
import type { Connection } from "../types";

export type NeT = (key: AnyNextEngineKey, vars?: Vars) => string;
export function useNeT(): NeT {
  const { lang } = useLang();
  return useCallback((key: AnyNextEngineKey, vars?: Vars) => translateNextEngine(lang, key, vars), [lang]);
}

export const NEXTENGINE_KIND = "nextengine";
export const nextEnginePath = (id: string) => pathFor("nextengine", { id });

type AppFields = { clientId: string; clientSecret: string; apiBaseUrl: string; signInBaseUrl: string };
const NO_APP: AppFields = { clientId: "", clientSecret: "", apiBaseUrl: "", signInBaseUrl: "" };

/** 「連携を開始する」 (or log in again): the worker answers NextEngine's login URL; the browser goes there. */
export function ConnectButton({ label, again = false }: { label: AnyNextEngineKey; again?: boolean }) {
  const t = useNeT();
  const acting = useAction();
  const [app, setApp] = useState<AppFields>(NO_APP);
  const [showApp, setShowApp] = useState(false);
  const start = () =>
    acting.run(async () => {
      // only what was typed: the worker keeps the link's app, or uses its own secrets
      const body = Object.fromEntries(Object.entries(app).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));
      const answer = await apiPost<{ connectionId: string; signInUrl: string }>("/api/nextengine/connect", body);
      window.location.assign(answer.signInUrl);
      return answer;
    });
  const input = (name: keyof AppFields) => (
    <Field label={t(`ne.${name}`)}>
      {name === "clientSecret" ? (
        <input name={name} type="password" value={app[name]} onInput={(e) => setApp({ ...app, [name]: e.currentTarget.value })} />
      ) : (
        <input name={name} value={app[name]} onInput={(e) => setApp({ ...app, [name]: e.currentTarget.value })} />
      )}
    </Field>
  );
  return (
    <div class="ne-connect">
      <FormErrors error={acting.error} />
      <button type="button" class={again ? "" : "button--primary"} disabled={acting.busy} onClick={() => void start()}>
        {acting.busy ? t("ne.going") : t(label)}
      </button>{" "}
      <button type="button" class="button--quiet" aria-expanded={showApp} onClick={() => setShowApp(!showApp)}>
        {t("ne.app")}
      </button>
      {showApp && (
        <div class="form__grid">
          {input("clientId")}
          {input("clientSecret")}
          {input("apiBaseUrl")}
          {input("signInBaseUrl")}
        </div>
      )}
    </div>
  );
}

/** The 外部連携 card: NextEngine's entry point on the connections screen. */
export function NextEngineCard({ connections }: { connections: readonly Connection[] }) {
  const t = useNeT();
  const { me } = useSession();
  const link = connections.find((c) => c.kind === NEXTENGINE_KIND);
  const linked = !!link && link.status !== "pending";
  return (
    <section class="card" aria-labelledby="ne-card-title">
      <h2 id="ne-card-title">
        {t("ne.external")}: {t("ne.name")}
      </h2>
      <p class="muted">{t("ne.cardNote")}</p>
      {link && linked && (
        <p>
          <span class={`run run--${link.status === "started" ? "succeeded" : "failed"}`}>{t(`neState.${link.status}`)}</span> {link.name}
        </p>
      )}
      {linked ? (
        <Link href={nextEnginePath(link.id)} class="button button--primary">
          {t("ne.toSettings")}
        </Link>
      ) : hasRole(me, "owner") ? (
        <ConnectButton label="ne.start" />
      ) : null}
    </section>
  );
}
