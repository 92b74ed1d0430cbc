/**
 * Screens used less often than selling (returns, stocktake, receiving, history) load on first
 * visit, so the first chunk stays small; all of them are fetched once the app is idle, so they are
 * cached before the network goes away. A chunk that cannot load offers a reload.
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useT } from "./locale";

type Loader<P> = () => Promise<{ default: ComponentType<P> }>;
const loaders: (() => Promise<unknown>)[] = [];

export function lazyScreen<P extends object>(load: Loader<P>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  const start = () =>
    (pending ??= load().then(
      (module) => {
        loaded = module.default;
      },
      (error) => {
        pending = undefined;
        throw error;
      },
    ));
  loaders.push(() => start().catch(() => {}));
  return function LazyScreen(props: P) {
    const t = useT();
    const [, setReady] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (!loaded) start().then(() => setReady((n) => n + 1), () => setFailed(true));
    }, []);
    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    if (failed)
      return (
        <div class="notice notice--error" role="alert">
          <p>{t("error.chunk")}</p>
          <button type="button" class="button" onClick={() => location.reload()}>
            {t("action.reload")}
          </button>
        </div>
      );
    return <p class="loading">{t("state.loading")}</p>;
  };
}

/** Fetch every lazy screen while nothing else is happening. */
export function prefetchScreens(): void {
  const run = () => loaders.forEach((load) => void load());
  if ("requestIdleCallback" in window) window.requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 2000);
}
