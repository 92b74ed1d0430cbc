import { describe, expect, it } from "vitest";
import { ACTIVITY_MESSAGES, jobName, translateActivity, type ActivityKey } from "../../pwa/admin/activity-messages";
import { hasMessage, isLang, LANG_NAMES, LANGS, MESSAGES, placeholdersOf, translate, type MessageKey } from "../../pwa/admin/i18n";
import { DOC_KINDS, DOC_STATES, INBOUND_KINDS } from "../../pwa/admin/store-logic";
import { ORDER_STATUS_MESSAGES, translateOrderStatus, type OrderStatusKey } from "../../pwa/admin/order-status-messages";
import { NEXTENGINE_MESSAGES, translateNextEngine, type NextEngineKey } from "../../pwa/admin/nextengine-messages";
import { RAKUTEN_MESSAGES, translateRakuten, type RakutenKey } from "../../pwa/admin/rakuten-messages";
import { SMAREGI_MESSAGES, translateSmaregi, type SmaregiKey } from "../../pwa/admin/smaregi-messages";
import { STORE_MESSAGES, translateStore, type StoreKey } from "../../pwa/admin/store-messages";
import { translateWangdian, translateWangdianLabel, WANGDIAN_MESSAGES, type WangdianKey } from "../../pwa/admin/wangdian-messages";

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

describe("旺店通 screens' dictionary (loaded with them)", () => {
  const wdKeys = Object.keys(WANGDIAN_MESSAGES) as WangdianKey[];

  it("has Japanese, Chinese and English for every key with the same {placeholders}, and nothing else", () => {
    for (const key of wdKeys) {
      const entry = WANGDIAN_MESSAGES[key];
      expect(Object.keys(entry).sort(), key).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(entry[lang].trim(), `${key} ${lang}`).not.toBe("");
      expect(placeholdersOf(entry.zh), key).toEqual(placeholdersOf(entry.ja));
      expect(placeholdersOf(entry.en), key).toEqual(placeholdersOf(entry.ja));
    }
  });

  it("shares no key with the first-load or the store dictionary, and reads the shared one", () => {
    expect(wdKeys.filter((key) => hasMessage(key) || key in STORE_MESSAGES)).toEqual([]);
    expect(translateWangdian("en", "action.save")).toBe("Save");
    expect(translateWangdian("ja", "wd.exportTotals", { waiting: 3, failed: 1 })).toBe("送信待ち 3 件（うち失敗 1 件）");
  });

  it("puts the seed's Chinese term first with the reader's words beside, once when they agree", () => {
    expect(translateWangdianLabel("ja", "wd.shopNo")).toBe("店铺编号 · 店舗コード");
    expect(translateWangdianLabel("en", "wd.erpDataSync")).toBe("ERP数据同步设置 · ERP data sync");
    expect(translateWangdianLabel("zh", "wd.verify")).toBe("验证/授权");
    expect(translateWangdianLabel("ja", "wd.driftAction.none")).toBe("一致");
  });

  it("names every drift action and export state the status page shows", () => {
    const needed = [...["renkei_set", "erp_set", "none"].map((a) => `wd.driftAction.${a}`), ...["waiting", "failed", "sent"].map((s) => `wd.exportState.${s}`)];
    expect(needed.filter((key) => !(key in WANGDIAN_MESSAGES))).toEqual([]);
  });
});

describe("ネクストエンジン screens' dictionary (loaded with them)", () => {
  const neKeys = Object.keys(NEXTENGINE_MESSAGES) as NextEngineKey[];

  it("has Japanese, Chinese and English for every key with the same {placeholders}, and shares no key with the first load", () => {
    for (const key of neKeys) {
      const entry = NEXTENGINE_MESSAGES[key];
      expect(Object.keys(entry).sort(), key).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(entry[lang].trim(), `${key} ${lang}`).not.toBe("");
      expect(placeholdersOf(entry.zh), key).toEqual(placeholdersOf(entry.ja));
      expect(placeholdersOf(entry.en), key).toEqual(placeholdersOf(entry.ja));
    }
    expect(neKeys.filter((key) => hasMessage(key))).toEqual([]);
  });

  it("words the six switches as the guide does, with ⑤'s tag filled in, and names every upload state", () => {
    expect(translateNextEngine("ja", "neSetting.markShipped")).toBe("① 出荷確定時、受注伝票のステータスを「出荷済み」に更新する");
    expect(translateNextEngine("ja", "neSetting.importTaggedOnly", { tag: "ロジクラ受注取込対象" })).toBe("⑤ 受注取り込み時、受注分類タグに「ロジクラ受注取込対象」タグがある受注伝票のみ取り込む");
    expect(translateNextEngine("ja", "neSetting.caseInsensitiveCodes")).toBe("⑥ 受注取り込み時、紐付けコードの大文字小文字を区別しない");
    for (const s of ["sending", "unknown", "queued", "applied", "failed", "review", "skipped", "discarded"]) expect(`neUpload.${s}` in NEXTENGINE_MESSAGES, s).toBe(true);
    expect(translateNextEngine("en", "action.reload")).toBe("Reload");
  });
});

describe("楽天 (RMS + RSL) screens' dictionary (loaded with them)", () => {
  const rkKeys = Object.keys(RAKUTEN_MESSAGES) as RakutenKey[];

  it("has Japanese, Chinese and English for every key with the same {placeholders}, and shares no key with the first load", () => {
    for (const key of rkKeys) {
      const entry = RAKUTEN_MESSAGES[key];
      expect(Object.keys(entry).sort(), key).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(entry[lang].trim(), `${key} ${lang}`).not.toBe("");
      expect(placeholdersOf(entry.zh), key).toEqual(placeholdersOf(entry.ja));
      expect(placeholdersOf(entry.en), key).toEqual(placeholdersOf(entry.ja));
    }
    expect(rkKeys.filter((key) => hasMessage(key))).toEqual([]);
  });

  it("uses seed 002's labels in Japanese, says Rakuten is not touched, and names every review kind, section and setting", () => {
    expect(["rk.tab.link", "rk.tab.mappings", "rk.tab.settings", "rk.tab.waiting"].map((k) => translateRakuten("ja", k as RakutenKey))).toEqual(["API接続設定", "商品マッピング", "受注取込設定", "確認待"]);
    expect(["rk.wait.delete", "rk.wait.cancel", "rk.wait.split", "rk.wait.orderNumber"].map((k) => translateRakuten("ja", k as RakutenKey))).toEqual(["注文削除", "注文キャンセル", "出荷分割", "モール注文番号"]);
    expect(translateRakuten("ja", "rk.wait.renkeiOnly")).toContain("楽天RMSの注文はキャンセルされません");
    expect(translateRakuten("ja", "rk.wait.all.note")).toContain("楽天RMSの注文はキャンセルされません");
    const needed = [
      ...["rsl_request", "confirm_order", "shipping_report", "rms_cancel"].map((k) => `rk.rev.kind.${k}`),
      ...["link", "settings", "mappings", "waiting", "asuraku", "review"].map((s) => `rk.tab.${s}`),
      ...["channelId", "rslConnectionId", "importIntervalMinutes", "importDays", "importProgress", "autoConfirm", "autoForward", "asurakuCutoff", "licenseWarnDays", "callIntervalMs"].map((k) => `rk.set.${k}`),
    ];
    expect(needed.filter((key) => !(key in RAKUTEN_MESSAGES))).toEqual([]);
    // API呼び出し間隔 says what it means and names RMS's limit
    expect(translateRakuten("ja", "rk.gap.meaning", { min: 1000 })).toContain("1秒に1回");
    expect(translateRakuten("ja", "rk.gap.meaning", { min: 1000 })).toContain("1000ミリ秒未満にはできません");
    expect(translateRakuten("en", "action.retry")).toBe(translate("en", "action.retry"));
  });
});

describe("Smaregi screens' dictionary (loaded with them)", () => {
  const smaregiKeys = Object.keys(SMAREGI_MESSAGES) as SmaregiKey[];

  it("has Japanese, Chinese and English for every key with the same {placeholders}, and shares no key with the first-load dictionary", () => {
    for (const key of smaregiKeys) {
      const entry = SMAREGI_MESSAGES[key];
      expect(Object.keys(entry).sort(), key).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(entry[lang].trim(), `${key} ${lang}`).not.toBe("");
      expect(placeholdersOf(entry.zh), key).toEqual(placeholdersOf(entry.ja));
      expect(placeholdersOf(entry.en), key).toEqual(placeholdersOf(entry.ja));
    }
    expect(smaregiKeys.filter((key) => hasMessage(key))).toEqual([]);
  });

  it("keeps the seed's words and reads the shared dictionary too", () => {
    expect(translateSmaregi("ja", "sm.result", { result: translateSmaregi("ja", "sm.activated") })).toBe("結果:有効化済み");
    expect(translateSmaregi("ja", "sm.import")).toBe("スマレジから新規商品情報一括取得");
    expect(translateSmaregi("ja", "sm.start")).toBe("連携を開始する");
    expect(translateSmaregi("ja", "sm.stop")).toBe("連携を停止する");
    expect(translateSmaregi("ja", "sm.save")).toBe("設定を保存する");
    expect(translateSmaregi("ja", "sm.register")).toBe("この内容で登録する");
    expect(translateSmaregi("ja", "sm.productLink")).toBe("スマレジ商品連携");
    expect(translateSmaregi("ja", "sm.apiLink")).toBe("API連携する");
    expect(translateSmaregi("ja", "sm.panel")).toBe("モール在庫連携・スマレジ商品在庫連携パネル");
    expect(translateSmaregi("en", "state.loading")).toBe(translate("en", "state.loading"));
  });
});

describe("order-statuses screen's dictionary (loaded with it)", () => {
  const statusKeys = Object.keys(ORDER_STATUS_MESSAGES) as OrderStatusKey[];

  it("has Japanese, Chinese and English for every key with the same {placeholders}, and shares no key with the first-load dictionary", () => {
    for (const key of statusKeys) {
      const entry = ORDER_STATUS_MESSAGES[key];
      expect(Object.keys(entry).sort(), key).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(entry[lang].trim(), `${key} ${lang}`).not.toBe("");
      expect(placeholdersOf(entry.zh), key).toEqual(placeholdersOf(entry.ja));
      expect(placeholdersOf(entry.en), key).toEqual(placeholdersOf(entry.ja));
    }
    expect(statusKeys.filter((key) => hasMessage(key))).toEqual([]);
  });

  it("reads its own keys and the shared ones", () => {
    expect(translateOrderStatus("ja", "stEdit.title", { code: "gift_wrap" })).toBe("「gift_wrap」を編集");
    expect(translateOrderStatus("zh", "statuses.sort")).toBe(translate("zh", "statuses.sort"));
  });
});

describe("link activity panel's dictionary (loaded with the link pages)", () => {
  const activityKeys = Object.keys(ACTIVITY_MESSAGES) as ActivityKey[];

  it("has Japanese, Chinese and English for every key with the same {placeholders}, and shares no key with the first-load dictionary", () => {
    for (const key of activityKeys) {
      const entry = ACTIVITY_MESSAGES[key];
      expect(Object.keys(entry).sort(), key).toEqual([...LANGS].sort());
      for (const lang of LANGS) expect(entry[lang].trim(), `${key} ${lang}`).not.toBe("");
      expect(placeholdersOf(entry.zh), key).toEqual(placeholdersOf(entry.ja));
      expect(placeholdersOf(entry.en), key).toEqual(placeholdersOf(entry.ja));
    }
    expect(activityKeys.filter((key) => hasMessage(key))).toEqual([]);
  });

  it("names the link jobs in words, and a job it does not know by its code", () => {
    expect(jobName("ja", "wangdian.stock-sync")).toBe("在庫同期（2:10）");
    expect(jobName("zh", "rakuten.forward-rsl")).toBe("RSL 自动发货申请");
    expect(jobName("en", "some.new-job")).toBe("some.new-job");
    expect(translateActivity("ja", "act.queued", { job: "在庫送信" })).toBe("「在庫送信」を実行待ちに登録しました");
    expect(translateActivity("en", "sync.job")).toBe(translate("en", "sync.job"));
  });
});
