/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { isLang, LANG_NAMES, LANGS, MESSAGES, placeholdersOf, translate, type MessageKey } from "../../../pwa/pos/ui/i18n";

const keys = Object.keys(MESSAGES) as MessageKey[];
// the screens' source, to find the keys they name
const sources = import.meta.glob(["../../../pwa/pos/ui/*.{ts,tsx}", "!../../../pwa/pos/ui/i18n.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

describe("POS i18n dictionary", () => {
  it("has Japanese, Chinese and English for every key, none blank, nothing else", () => {
    const incomplete = keys.filter((key) => LANGS.some((lang) => !MESSAGES[key][lang]?.trim()));
    expect(incomplete).toEqual([]);
    for (const key of keys) expect(Object.keys(MESSAGES[key]).sort()).toEqual([...LANGS].sort());
    expect(LANG_NAMES).toEqual({ ja: "日本語", zh: "中文", en: "English" });
  });

  it("uses the same {placeholders} in every language of a key", () => {
    const mismatched = keys.filter((key) => {
      const ja = placeholdersOf(MESSAGES[key].ja).join();
      return placeholdersOf(MESSAGES[key].zh).join() !== ja || placeholdersOf(MESSAGES[key].en).join() !== ja;
    });
    expect(mismatched).toEqual([]);
  });

  it("has every key the screens name (literal t(\"…\") calls), and no key nobody uses", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const source = Object.values(sources).join("\n");
    const named = new Set([...source.matchAll(/\bt\(\s*"([\w.]+)"/g)].map((m) => m[1]!));
    expect([...named].filter((k) => !(k in MESSAGES))).toEqual([]);
    // keys built at run time: t(`kind.${…}`) and the like, or chosen with a ternary
    const dynamic = /^(kind|role|state|inbound|receipt\.title|receipt\.tax)\./;
    const unused = keys.filter((k) => !named.has(k) && !dynamic.test(k) && !source.includes(`"${k}"`));
    expect(unused).toEqual([]);
  });

  it("fills placeholders; Japanese is the fallback language", () => {
    expect(translate("ja", "receipt.taxInclusive", { rate: 10, amount: "¥2,550", tax: "¥231" })).toBe("10%対象 ¥2,550 (内消費税 ¥231)");
    expect(translate("ja", "receipt.taxExclusive", { rate: 8, amount: "¥1,000", tax: "¥80" })).toBe("8%対象 ¥1,000 (外税 ¥80)");
    expect(translate("en", "status.waiting", { count: 3 })).toBe("3 waiting");
    expect(translate("zh", "finder.notFound", {})).toBe("未找到“{query}”");
    expect(isLang("zh")).toBe(true);
    expect(isLang("fr")).toBe(false);
  });
});
