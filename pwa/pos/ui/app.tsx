/**
 * The POS shell: language, the status bar (always on screen), the pairing and sign-in gates, the
 * navigation, the screen the hash names (#/sell, #/returns, #/doc/<id>, …), and the update banner.
 * An update waits for an empty cart, no screen with unsaved work and no push running; when it
 * arrives mid-sale the banner says so and applies it after the sale.
 */
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import type { PosData, StoreInfo } from "../data/contract";
import { EMPTY_CART, type Cart } from "./cart";
import { DocumentScreen } from "./document-screen";
import type { MessageKey } from "./i18n";
import { LangSwitch } from "./lang-switch";
import { lazyScreen, prefetchScreens } from "./lazy";
import { LangProvider, useT } from "./locale";
import { SellScreen } from "./sell";
import { loadSaved, save, SessionContext, useStatus, type PosSession, type Staff } from "./session";
import { PairScreen, SignInScreen } from "./sign-in";
import { StatusBar } from "./status-bar";
import { errorText } from "./widgets";

const ReturnsScreen = lazyScreen<{ original?: string }>(() => import("./returns-screen"));
const StocktakeScreen = lazyScreen<object>(() => import("./stocktake-screen"));
const ReceivingScreen = lazyScreen<object>(() => import("./receiving-screen"));
const HistoryScreen = lazyScreen<object>(() => import("./history-screen"));

const CART_KEY = "renkei.pos.cart";
const CLERK_KEY = "renkei.pos.clerk";
const isCart = (v: unknown): v is Cart => typeof v === "object" && v !== null && Array.isArray((v as Cart).lines) && typeof (v as Cart).subtotalDiscount === "number";

const NAV: { route: string; label: MessageKey }[] = [
  { route: "/sell", label: "nav.sell" },
  { route: "/returns", label: "nav.returns" },
  { route: "/stocktake", label: "nav.stocktake" },
  { route: "/receiving", label: "nav.receiving" },
  { route: "/history", label: "nav.history" },
];

/** "#/doc/abc?new=1" → { path: "/doc/abc", query } */
export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#/, "") || "/sell";
  const [path = "/sell", search = ""] = raw.split("?");
  return { path: path.startsWith("/") ? path : `/${path}`, query: new URLSearchParams(search) };
}

function useHashRoute() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  const go = useCallback((route: string) => {
    location.hash = route;
  }, []);
  return { ...parseHash(hash), go };
}

export function App({ data }: { data: PosData }) {
  return (
    <LangProvider>
      <Root data={data} />
    </LangProvider>
  );
}

type Phase = { kind: "loading" } | { kind: "pair" } | { kind: "ready"; info: StoreInfo } | { kind: "error"; message: string };

function Root({ data }: { data: PosData }) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const { status } = useStatus(data);

  const load = useCallback(async () => {
    try {
      if (!(await data.isPaired())) return setPhase({ kind: "pair" });
      const info = await data.storeInfo();
      setPhase(info ? { kind: "ready", info } : { kind: "pair" });
    } catch (error) {
      setPhase({ kind: "error", message: errorText(error) });
    }
  }, [data]);
  useEffect(() => void load(), [load]);

  // The data layer refreshes the bootstrap by itself (staff, tenders, rules): pick up a change.
  const ready = phase.kind === "ready";
  useEffect(() => {
    if (!ready) return;
    prefetchScreens();
    return data.subscribe(() => {
      void data.storeInfo().then((info) => {
        if (info) setPhase((p) => (p.kind === "ready" && p.info !== info && JSON.stringify(p.info) !== JSON.stringify(info) ? { kind: "ready", info } : p));
      });
    });
  }, [ready, data]);

  return (
    <div class="app">
      <StatusBar data={data} timeZone={phase.kind === "ready" ? phase.info.merchant.timeZone : undefined} onOpen={(id) => (location.hash = `/doc/${id}`)} />
      {phase.kind === "loading" && <p class="loading">{t("state.loading")}</p>}
      {phase.kind === "error" && (
        <div class="notice notice--error" role="alert">
          <p>{t("error.start", { reason: phase.message })}</p>
          <button type="button" class="button" onClick={() => location.reload()}>
            {t("action.reload")}
          </button>
        </div>
      )}
      {phase.kind === "pair" && <PairScreen data={data} online={status.online} onPaired={load} />}
      {phase.kind === "ready" && <Signed data={data} info={phase.info} />}
    </div>
  );
}

function Signed({ data, info }: { data: PosData; info: StoreInfo }) {
  const [clerkId, setClerkId] = useState<string | null>(() => {
    try {
      return sessionStorage.getItem(CLERK_KEY);
    } catch {
      return null;
    }
  });
  const clerk = info.staff.find((s) => s.id === clerkId) ?? null;
  const signIn = (staff: Staff | null) => {
    setClerkId(staff?.id ?? null);
    try {
      if (staff) sessionStorage.setItem(CLERK_KEY, staff.id);
      else sessionStorage.removeItem(CLERK_KEY);
    } catch {
      // signed in for this page only
    }
  };
  if (!clerk) return <SignInScreen data={data} info={info} onSignedIn={signIn} />;
  return <Shell data={data} info={info} clerk={clerk} onSignOut={() => signIn(null)} />;
}

function Shell({ data, info, clerk, onSignOut }: { data: PosData; info: StoreInfo; clerk: Staff; onSignOut: () => void }) {
  const t = useT();
  const { path, query, go } = useHashRoute();
  const { status, updateWaiting } = useStatus(data);
  const [cart, setCartState] = useState<Cart>(() => loadSaved(CART_KEY, EMPTY_CART, isCart));
  const [busy, setBusyState] = useState<ReadonlySet<string>>(new Set());
  const [deferred, setDeferred] = useState(false);
  const [applying, setApplying] = useState(false);
  const [updateFailed, setUpdateFailed] = useState(false);

  const setCart = useCallback((update: (cart: Cart) => Cart) => {
    setCartState((current) => {
      const next = update(current);
      save(CART_KEY, next.lines.length ? next : undefined);
      return next;
    });
  }, []);
  const setBusy = useCallback((screen: string, on: boolean) => {
    setBusyState((current) => {
      if (current.has(screen) === on) return current;
      const next = new Set(current);
      if (on) next.add(screen);
      else next.delete(screen);
      return next;
    });
  }, []);
  const session = useMemo<PosSession>(() => ({ data, info, clerk, cart, setCart, go, setBusy }), [data, info, clerk, cart, setCart, go, setBusy]);

  // An update applies only between customers: empty cart, no unsaved work, nothing being sent.
  const safe = cart.lines.length === 0 && busy.size === 0 && !status.sending && !path.startsWith("/doc/");
  const apply = useCallback(() => {
    setApplying(true);
    setUpdateFailed(false);
    data.applyUpdate().catch(() => {
      // the new version did not take over: keep selling on this one, and say so
      setApplying(false);
      setDeferred(false);
      setUpdateFailed(true);
    });
  }, [data]);
  useEffect(() => {
    if (updateWaiting && !safe) setDeferred(true);
    if (updateWaiting && safe && deferred && !applying) apply();
  }, [updateWaiting, safe, deferred, applying, apply]);

  const section = "/" + (path.split("/")[1] ?? "sell");
  let screen;
  if (path.startsWith("/doc/")) screen = <DocumentScreen id={decodeURIComponent(path.slice(5))} fresh={query.get("new") === "1"} />;
  else if (section === "/returns") screen = <ReturnsScreen original={query.get("original") ?? undefined} />;
  else if (section === "/stocktake") screen = <StocktakeScreen />;
  else if (section === "/receiving") screen = <ReceivingScreen />;
  else if (section === "/history") screen = <HistoryScreen />;
  else screen = <SellScreen />;

  return (
    <SessionContext.Provider value={session}>
      <header class="top no-print">
        <div class="top__store">
          <strong>{info.store.name}</strong>
          <span class="muted">{info.device.name}</span>
        </div>
        <nav class="nav" aria-label={t("nav.label")}>
          {NAV.map((item) => (
            <a key={item.route} href={`#${item.route}`} class={section === item.route || (item.route === "/history" && path.startsWith("/doc/")) ? "is-on" : ""} aria-current={section === item.route ? "page" : undefined}>
              {t(item.label)}
              {item.route === "/sell" && cart.lines.length > 0 && <span class="badge">{cart.lines.length}</span>}
            </a>
          ))}
        </nav>
        <div class="top__clerk">
          <span>
            {clerk.name} <span class="muted">({t(`role.${clerk.role}`)})</span>
          </span>
          <button type="button" class="button button--small" onClick={onSignOut}>
            {t("signIn.switch")}
          </button>
          <LangSwitch />
        </div>
      </header>
      {updateWaiting && (
        <div class="banner banner--info no-print" role="status" data-testid="update-banner">
          {safe ? (
            <>
              <span>{t("update.ready")}</span>
              <button type="button" class="button button--small" disabled={applying} onClick={apply}>
                {t("update.apply")}
              </button>
            </>
          ) : (
            <span>{t("update.afterSale")}</span>
          )}
        </div>
      )}
      {updateFailed && !updateWaiting && (
        <div class="banner banner--error no-print" role="alert" data-testid="update-failed">
          <span>{t("update.failed")}</span>
          <button type="button" class="button button--small" onClick={() => setUpdateFailed(false)}>
            {t("action.close")}
          </button>
        </div>
      )}
      <main class="main">{screen}</main>
    </SessionContext.Provider>
  );
}
