/**
 * Japanese first in what the API says: zod's own messages in Japanese (the merchant's admin shows
 * them as they come), and "not found" naming the thing in Japanese with the English beside it.
 */
import { z } from "zod";
import ja from "zod/v4/locales/ja.js";

z.config(ja());

const NAMES: Record<string, string> = {
  order: "受注",
  product: "商品",
  SKU: "SKU",
  unit: "単位",
  location: "拠点",
  store: "店舗",
  channel: "販売チャネル",
  connection: "連携",
  "connection credentials": "連携の認証情報",
  device: "端末",
  shipment: "出荷",
  schedule: "スケジュール",
  "saved search": "保存した検索条件",
  "status action": "ステータス連動処理",
  "dead letter": "失敗ジョブ",
  run: "同期実行",
  user: "ユーザー",
  merchant: "店舗アカウント",
  category: "カテゴリ",
  inbound: "入荷予定",
  document: "伝票",
  stocktake: "棚卸",
  brand: "ブランド",
};

export function notFoundMessage(what: string): string {
  return `${NAMES[what] ?? what}が見つかりません (${what} not found)`;
}
