/**
 * The chosen language (日本語 first, 中文, English) for the whole admin: remembered on this
 * browser, written to <html lang> so fonts and screen readers follow, and handed to screens as
 * `t(key)` so no component holds a UI string of its own.
 */
import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { isLang, translate, type Lang, type MessageKey, type Vars } from "./i18n";

const STORAGE_KEY = "renkei.admin.lang";
const HTML_LANG: Record<Lang, string> = { ja: "ja", zh: "zh-CN", en: "en" };

function savedLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can be blocked (private mode); Japanese is the default anyway.
  }
  return "ja";
}

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}
const LangContext = createContext<LangState>({ lang: "ja", setLang: () => {} });

export function LangProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(savedLang);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, still switched.
    }
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = () => useContext(LangContext);

export type Translate = (key: MessageKey, vars?: Vars) => string;
export function useT(): Translate {
  const { lang } = useLang();
  return useCallback((key: MessageKey, vars?: Vars) => translate(lang, key, vars), [lang]);
}
