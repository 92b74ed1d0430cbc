import { describe, expect, it } from "vitest";
import { hasMessage, isLang, LANG_NAMES, LANGS, MESSAGES, placeholdersOf, translate, type MessageKey } from "../../pwa/admin/i18n";

const keys = Object.keys(MESSAGES) as MessageKey[];

describe("admin i18n dictionary", () => {
  it("has Japanese, Chinese and English for every key, none blank", () => {
    const incomplete = keys.filter((key) => LANGS.some((lang) => !MESSAGES[key][lang]?.trim()));
    expect(incomplete).toEqual([]);
  });

  it("uses the same {placeholders} in every language of a key", () => {
    const mismatched = keys.filter((key) => {
      const ja = placeholdersOf(MESSAGES[key].ja).join();
      return placeholdersOf(MESSAGES[key].zh).join() !== ja || placeholdersOf(MESSAGES[key].en).join() !== ja;
    });
    expect(mismatched).toEqual([]);
  });

  it("has no language beyond the three, and names each in itself", () => {
    for (const key of keys) expect(Object.keys(MESSAGES[key]).sort()).toEqual([...LANGS].sort());
    expect(LANG_NAMES).toEqual({ ja: "日本語", zh: "中文", en: "English" });
  });

  it("fills placeholders and leaves a missing one visible", () => {
    expect(translate("ja", "bulk.selected", { count: 3 })).toBe("3件選択中");
    expect(translate("en", "bulk.selected", { count: 3 })).toBe("3 selected");
    expect(translate("zh", "bulk.done", { action: "引当", changed: 2 })).toBe("引当：已处理 2 个（失败 {failed} 个）");
  });

  it("recognises languages and keys given as plain strings (storage, ledger reasons)", () => {
    expect(isLang("zh")).toBe(true);
    expect(isLang("fr")).toBe(false);
    expect(isLang(null)).toBe(false);
    expect(hasMessage("reason.ship")).toBe(true);
    expect(hasMessage("reason.unheard_of")).toBe(false);
    expect(hasMessage("toString")).toBe(false);
  });
});
