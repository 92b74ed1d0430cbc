/**
 * The strings of editing an order status (renaming a custom status, moving it in the display
 * order), in Japanese, Chinese and English like i18n.ts. Kept apart so they load with the
 * order-statuses screen and not with the first paint; that screen's `t` reads this dictionary, then
 * the shared one. test/pwa checks it like the others (three languages, same {placeholders}, no key in both).
 */
import { fill, MESSAGES, type Entry, type Lang, type MessageKey, type Vars } from "./i18n";

export const ORDER_STATUS_MESSAGES = {
  "stEdit.title": { ja: "「{code}」を編集", zh: "编辑“{code}”", en: "Edit “{code}”" },
  "stEdit.codeFixed": {
    ja: "コードは変更できません（受注・連動処理・保存した検索が参照しています）",
    zh: "编码不可更改（订单、联动处理和已保存的搜索引用了它）",
    en: "The code cannot change (orders, status actions and saved searches refer to it)",
  },
  "stEdit.sortHint": { ja: "小さい順に表示します（標準ステータスは 0〜）", zh: "按从小到大显示（内置状态从 0 开始）", en: "Shown smallest first (built-in statuses from 0)" },
  "stEdit.saved": { ja: "ステータス「{name}」を更新しました", zh: "已更新状态“{name}”", en: "Status “{name}” updated" },
  "stEdit.cancel": { ja: "編集をやめる", zh: "取消编辑", en: "Stop editing" },
} satisfies Record<string, Entry>;

export type OrderStatusKey = keyof typeof ORDER_STATUS_MESSAGES;
/** What the order-statuses screen's `t` takes: its own keys and the shared ones. */
export type AnyKey = OrderStatusKey | MessageKey;

const entries: Record<string, Entry> = { ...MESSAGES, ...ORDER_STATUS_MESSAGES };

/** A key with no entry reads as itself instead of failing the screen. */
export const translateOrderStatus = (lang: Lang, key: AnyKey, vars?: Vars) => {
  const entry = entries[key];
  return entry ? fill(entry, lang, vars) : key;
};
