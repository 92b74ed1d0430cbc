/**
 * The admin shell: language, the sign-in gate (GET /api/auth/me on load; any 401 later returns
 * here), the header with navigation, and the screen the URL names. Sign-in and the order list are
 * in the first chunk; every other screen loads on first visit.
 */
import type { ComponentType } from "preact";
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { apiGet, apiPost, onUnauthorized, setCsrfToken, type ApiError } from "./api";
import { LoadError } from "./components/field";
import { forget } from "./data";
import { LangSwitch } from "./components/lang-switch";
import type { MessageKey } from "./i18n";
import { lazyScreen } from "./lazy";
import { LangProvider, useT } from "./locale";
import { Link, useLocation } from "./navigation";
import { matchRoute, pathFor, type RouteName } from "./router";
import { OrdersScreen } from "./screens/orders";
import type { ScreenProps } from "./screens/props";
import { SignInScreen } from "./screens/sign-in";
import { SessionContext, type Session } from "./session";
import type { Me } from "./types";

const SCREENS: Record<RouteName | "notFound", ComponentType<ScreenProps>> = {
  orders: OrdersScreen,
  orderNew: lazyScreen(() => import("./screens/order-new")),
  order: lazyScreen(() => import("./screens/order-detail")),
  products: lazyScreen(() => import("./screens/products")),
  productNew: lazyScreen(() => import("./screens/product-new")),
  productImport: lazyScreen(() => import("./screens/product-import")),
  productUpdate: lazyScreen(() => import("./screens/product-import")),
  units: lazyScreen(() => import("./screens/units")),
  unitUpload: lazyScreen(() => import("./screens/unit-upload")),
  stock: lazyScreen(() => import("./screens/stock")),
  ledger: lazyScreen(() => import("./screens/stock-ledger")),
  storeDocuments: lazyScreen(() => import("./screens/store-documents")),
  storeDocument: lazyScreen(() => import("./screens/store-document")),
  stocktakes: lazyScreen(() => import("./screens/stocktakes")),
  inbound: lazyScreen(() => import("./screens/inbound")),
  storeOut: lazyScreen(() => import("./screens/store-out")),
  devices: lazyScreen(() => import("./screens/devices")),
  staff: lazyScreen(() => import("./screens/staff")),
  syncRuns: lazyScreen(() => import("./screens/sync")),
  deadLetters: lazyScreen(() => import("./screens/sync")),
  connections: lazyScreen(() => import("./screens/connections")),
  wangdianNew: lazyScreen(() => import("./screens/wangdian-setup")),
  wangdian: lazyScreen(() => import("./screens/wangdian")),
  nextengine: lazyScreen(() => import("./screens/nextengine")),
  rakutenNew: lazyScreen(() => import("./screens/rakuten-setup")),
  rakuten: lazyScreen(() => import("./screens/rakuten")),
  smaregiNew: lazyScreen(() => import("./screens/smaregi-new")),
  smaregi: lazyScreen(() => import("./screens/smaregi")),
  statuses: lazyScreen(() => import("./screens/order-statuses")),
  templates: lazyScreen(() => import("./screens/templates")),
  notFound: lazyScreen(() => import("./screens/not-found")),
};

/** Navigation sections; each highlights for the screens listed. */
const SECTIONS: { label: MessageKey; to: RouteName; screens: (RouteName | "notFound")[] }[] = [
  { label: "nav.orders", to: "orders", screens: ["orders", "orderNew", "order"] },
  { label: "nav.products", to: "products", screens: ["products", "productNew", "productImport", "productUpdate"] },
  { label: "nav.units", to: "units", screens: ["units", "unitUpload"] },
  { label: "nav.stock", to: "stock", screens: ["stock", "ledger"] },
  { label: "nav.store", to: "storeDocuments", screens: ["storeDocuments", "storeDocument", "stocktakes", "inbound", "storeOut", "devices", "staff"] },
  { label: "nav.sync", to: "syncRuns", screens: ["syncRuns", "deadLetters", "connections", "wangdianNew", "wangdian", "nextengine", "rakutenNew", "rakuten", "smaregiNew", "smaregi"] },
  { label: "nav.settings", to: "statuses", screens: ["statuses", "templates"] },
];

export function App() {
  return (
    <LangProvider>
      <Gate />
    </LangProvider>
  );
}

type GateState = { kind: "checking" } | { kind: "unreachable"; error: unknown } | { kind: "signedOut"; expired: boolean } | { kind: "signedIn"; me: Me };

function Gate() {
  const t = useT();
  const [state, setState] = useState<GateState>({ kind: "checking" });

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ kind: "signedIn", me });
  }, []);

  const checkSession = useCallback(() => {
    setState({ kind: "checking" });
    apiGet<Me>("/api/auth/me").then(signedIn, (error: ApiError) =>
      setState(error.status === 401 ? { kind: "signedOut", expired: false } : { kind: "unreachable", error }),
    );
  }, [signedIn]);

  useEffect(checkSession, [checkSession]);

  // A 401 on any later request: the session ended elsewhere or expired. Back to sign-in, same URL.
  useEffect(
    () =>
      onUnauthorized(() => {
        setCsrfToken(null);
        forget();
        setState((s) => (s.kind === "signedIn" ? { kind: "signedOut", expired: true } : s));
      }),
    [],
  );

  const session = useMemo<Session | null>(() => {
    if (state.kind !== "signedIn") return null;
    return {
      me: state.me,
      async signOut() {
        await apiPost("/api/auth/sign-out").catch(() => undefined);
        setCsrfToken(null);
        forget();
        setState({ kind: "signedOut", expired: false });
      },
    };
  }, [state]);

  if (state.kind === "checking") return <p class="loading loading--page">{t("state.loading")}</p>;
  if (state.kind === "unreachable") {
    return (
      <main class="page page--narrow">
        <LoadError error={state.error} onRetry={checkSession} />
      </main>
    );
  }
  if (state.kind === "signedOut" || !session) return <SignInScreen expired={state.kind === "signedOut" && state.expired} onSignedIn={signedIn} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell session={session} />
    </SessionContext.Provider>
  );
}

function Shell({ session }: { session: Session }) {
  const t = useT();
  const where = useLocation();
  const match = matchRoute(where.path);
  const Screen = SCREENS[match.name];
  const section = SECTIONS.find((s) => s.screens.includes(match.name));

  useEffect(() => {
    document.title = `${section ? t(section.label) : "Renkei"} — Renkei`;
  }, [section, t]);

  return (
    <div class="shell">
      <header class="header">
        <span class="header__brand">Renkei</span>
        <span class="header__merchant">{session.me.merchant.name}</span>
        <nav class="nav" aria-label={t("nav.label")}>
          {SECTIONS.map((s) => (
            <Link href={pathFor(s.to)} class={`nav__link${s === section ? " nav__link--active" : ""}`} aria-current={s === section ? "page" : undefined}>
              {t(s.label)}
            </Link>
          ))}
        </nav>
        <div class="header__end">
          <LangSwitch />
          <span class="header__user" title={session.me.user.email}>
            {session.me.user.name} ({t(`role.${session.me.user.role}`)})
          </span>
          <button type="button" class="button--quiet" onClick={() => void session.signOut()}>
            {t("action.signOut")}
          </button>
        </div>
      </header>
      <main class="page">
        <Screen key={`${match.name}:${JSON.stringify(match.params)}`} route={match.name} params={match.params} search={where.search} />
      </main>
    </div>
  );
}
