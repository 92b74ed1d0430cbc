/**
 * The POS's language (日本語 by default, 中文, English): remembered on this device in localStorage,
 * written to <html lang> so fonts follow, handed to screens as `t(key)` — no component holds a UI
 * string of its own.
 */
import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { isLang, translate, type Lang, type MessageKey, type Vars } from "./i18n";

export const LANG_STORAGE_KEY = "renkei.pos.lang";
const HTML_LANG: Record<Lang, string> = { ja: "ja", zh: "zh-CN", en: "en" };

export function savedLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // storage blocked: Japanese, the default
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
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // switched, not remembered
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
