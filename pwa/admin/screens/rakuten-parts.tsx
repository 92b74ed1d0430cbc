/**
 * What the Rakuten screens share: their translator (rakuten-messages.ts, then the shared
 * dictionary) and the link page's sections as tabs in the URL (?tab=…), so a section survives a
 * reload and can be shared.
 */
import { useCallback } from "preact/hooks";
import type { Vars } from "../i18n";
import { useLang } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";
import { translateRakuten, type RakutenAnyKey, type RakutenKey } from "../rakuten-messages";

export type RakutenT = (key: RakutenAnyKey, vars?: Vars) => string;
export function useRakutenT(): RakutenT {
  const { lang } = useLang();
  return useCallback((key: RakutenAnyKey, vars?: Vars) => translateRakuten(lang, key, vars), [lang]);
}

export const SECTIONS = ["link", "settings", "mappings", "waiting", "asuraku", "review"] as const;
export type Section = (typeof SECTIONS)[number];
export const sectionOf = (search: string): Section => {
  const tab = new URLSearchParams(search).get("tab");
  return (SECTIONS as readonly string[]).includes(tab ?? "") ? (tab as Section) : "link";
};

export function SectionTabs({ id, current, t }: { id: string; current: Section; t: RakutenT }) {
  return (
    <nav class="tabs">
      {SECTIONS.map((s) => (
        <Link href={pathFor("rakuten", { id }, { tab: s })} class={`tabs__tab${s === current ? " tabs__tab--on" : ""}`} aria-current={s === current ? "page" : undefined}>
          {t(`rk.tab.${s}` as RakutenKey)}
        </Link>
      ))}
    </nav>
  );
}
