/**
 * The chosen language for a whole app: remembered on this browser under the app's own key,
 * written to <html lang> so fonts and screen readers follow, and handed to screens as `t(key)` so
 * no component holds a UI string of its own. Each app makes its own with its dictionary.
 */
import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { isLang, type Lang, type Vars } from "./language";

const HTML_LANG: Record<Lang, string> = { ja: "ja", zh: "zh-CN", en: "en" };

export function savedLang(storageKey: string): Lang {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode); Japanese is the default anyway.
  }
  return "ja";
}

export function createLocale<Key extends string>(storageKey: string, translate: (lang: Lang, key: Key, vars?: Vars) => string) {
  interface LangState {
    lang: Lang;
    setLang: (lang: Lang) => void;
  }
  const LangContext = createContext<LangState>({ lang: "ja", setLang: () => {} });

  function LangProvider({ children }: { children: ComponentChildren }) {
    const [lang, setLangState] = useState<Lang>(() => savedLang(storageKey));
    useEffect(() => {
      document.documentElement.lang = HTML_LANG[lang];
    }, [lang]);
    const setLang = useCallback((next: Lang) => {
      setLangState(next);
      try {
        localStorage.setItem(storageKey, next);
      } catch {
        // Not remembered, still switched.
      }
    }, []);
    const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
    return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
  }

  const useLang = () => useContext(LangContext);
  function useT() {
    const { lang } = useLang();
    return useCallback((key: Key, vars?: Vars) => translate(lang, key, vars), [lang]);
  }
  return { LangProvider, useLang, useT };
}
