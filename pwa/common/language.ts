/**
 * The three languages of Renkei's screens (日本語 first and the default, 中文, English) and how a
 * message is filled — shared by the admin and the POS, which each keep their own dictionary.
 */
export const LANGS = ["ja", "zh", "en"] as const;
export type Lang = (typeof LANGS)[number];
/** Each language's name in itself, for the switch. */
export const LANG_NAMES: Record<Lang, string> = { ja: "日本語", zh: "中文", en: "English" };
export const isLang = (value: unknown): value is Lang => typeof value === "string" && (LANGS as readonly string[]).includes(value);

export type Entry = Record<Lang, string>;
export type Vars = Record<string, string | number>;

/** An entry's text in `lang` (Japanese when blank) with {placeholders} filled; a missing one stays visible. */
export function fill(entry: Entry, lang: Lang, vars?: Vars): string {
  const text = entry[lang] || entry.ja;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
}

/** The {placeholders} a text uses, sorted; the completeness tests compare them across languages. */
export const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
