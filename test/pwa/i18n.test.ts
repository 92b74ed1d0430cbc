import { describe, expect, it } from "vitest";
import { hasMessage, isLang, LANG_NAMES, LANGS, MESSAGES, placeholdersOf, translate, type MessageKey } from "../../pwa/admin/i18n";
import { DOC_KINDS, DOC_STATES, INBOUND_KINDS } from "../../pwa/admin/store-logic";
import { STORE_MESSAGES, translateStore, type StoreKey } from "../../pwa/admin/store-messages";

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

describe("store screens' dictionary (loaded with them)", () => {
  const storeKeys = Object.keys(STORE_MESSAGES) as StoreKey[];

  it("has Japanese, Chinese and English for every key with the same {placeholders}, and nothing else", () => {
    for (const key of storeKeys) {
      const entry = STORE_MESSAGES[key];
      expect(Object.keys(entry).sort(), key).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(entry[lang].trim(), `${key} ${lang}`).not.toBe("");
      expect(placeholdersOf(entry.zh), key).toEqual(placeholdersOf(entry.ja));
      expect(placeholdersOf(entry.en), key).toEqual(placeholdersOf(entry.ja));
    }
  });

  it("shares no key with the first-load dictionary, and reads both", () => {
    expect(storeKeys.filter((key) => hasMessage(key))).toEqual([]);
    expect(translateStore("zh", "stk.approved", { adjusted: 2 })).toBe("已审核通过，已记账 2 条库存调整");
    expect(translateStore("en", "order.quantity")).toBe("Qty");
    expect(translateStore("ja", "dev.expires", { at: "2026/04/20 9:15", zone: "Asia/Tokyo" })).toBe("有効期限 2026/04/20 9:15（Asia/Tokyo）");
  });

  it("has a name for every document kind and state, inbound kind and device state", () => {
    const needed = [...DOC_KINDS.map((k) => `docKind.${k}`), ...DOC_STATES.map((s) => `docState.${s}`), ...INBOUND_KINDS.map((k) => `inbKind.${k}`), "devState.waiting", "devState.paired", "devState.revoked"];
    expect(needed.filter((key) => !(key in STORE_MESSAGES))).toEqual([]);
  });

  it("reads an unknown key as itself rather than failing the screen", () => {
    expect(translateStore("ja", "docKind.refund" as StoreKey)).toBe("docKind.refund");
  });
});
