/** 日本語 / 中文 / English, each written in its own language so anyone can find theirs. */
import { LANG_NAMES, LANGS } from "./i18n";
import { useLang, useT } from "./locale";

export function LangSwitch() {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <div class="lang-switch" role="group" aria-label={t("lang.label")}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} class={l === lang ? "is-on" : ""} onClick={() => setLang(l)}>
          {LANG_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
