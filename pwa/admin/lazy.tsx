/**
 * Screens loaded on first visit (dynamic import), so the first paint carries only sign-in and the
 * order list. A chunk that fails to load (offline, or a deploy replaced it) offers a reload.
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useT } from "./locale";

export function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<unknown> | undefined;
  return function LazyScreen(props: P) {
    const t = useT();
    const [, setReady] = useState(0);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      pending ??= load().then((module) => {
        loaded = module.default;
      });
      pending.then(
        () => setReady((n) => n + 1),
        () => {
          pending = undefined;
          setFailed(true);
        },
      );
    }, []);
    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    if (failed) {
      return (
        <div class="notice notice--error" role="alert">
          <p>{t("error.chunk")}</p>
          <button type="button" onClick={() => location.reload()}>
            {t("action.reload")}
          </button>
        </div>
      );
    }
    return <p class="loading">{t("state.loading")}</p>;
  };
}
