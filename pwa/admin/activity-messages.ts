/**
 * The strings of a link's activity panel (components/link-activity.tsx) and the names of the jobs,
 * in Japanese, Chinese and English like i18n.ts. Kept apart so they load with the link pages that
 * show the panel, not with the first paint. test/pwa checks it like the other screen dictionaries.
 */
import { fill, MESSAGES, type Entry, type Lang, type MessageKey, type Vars } from "./i18n";

export const ACTIVITY_MESSAGES = {
  "act.title": { ja: "連携ジョブの状況", zh: "同步任务状态", en: "This link's jobs" },
  "act.note": {
    ja: "ジョブごとの最後の実行と最後に成功した日時です。失敗が続くときは最後の成功からの変更が相手に届いていません。",
    zh: "每个任务最近一次运行及最近一次成功的时间。持续失败时，自最近一次成功以来的变更尚未送达对方。",
    en: "The last run of each job and when it last succeeded. While a job keeps failing, changes since its last success have not reached the other side.",
  },
  "act.lastRun": { ja: "最終実行", zh: "最近运行", en: "Last run" },
  "act.lastSuccess": { ja: "最終成功", zh: "最近成功", en: "Last success" },
  "act.never": { ja: "未実行", zh: "尚未运行", en: "Not run yet" },
  "act.neverSucceeded": { ja: "成功なし", zh: "从未成功", en: "Never" },
  "act.runNow": { ja: "今すぐ実行", zh: "立即运行", en: "Run now" },
  "act.queued": { ja: "「{job}」を実行待ちに登録しました", zh: "已将“{job}”加入执行队列", en: "“{job}” queued" },
  "act.allRuns": { ja: "この連携の実行履歴をすべて見る", zh: "查看本连接的全部运行记录", en: "All runs of this link" },
  "act.deadLetters": { ja: "この連携の失敗したジョブ", zh: "本连接失败的任务", en: "This link's dead letters" },

  "job.http-json.reconcile": { ja: "在庫照合", zh: "库存核对", en: "Stock reconciliation" },
  "job.stock.push": { ja: "在庫送信", zh: "库存推送", en: "Stock push" },
  "job.orders.status-action": { ja: "ステータス連動アクション", zh: "状态联动操作", en: "Status-triggered action" },
  "job.nextengine.import-orders": { ja: "受注取り込み", zh: "订单导入", en: "Order import" },
  "job.nextengine.replay-shipments": { ja: "出荷確定の反映（再送）", zh: "发货回传（重发）", en: "Shipment report replay" },
  "job.nextengine.upload-stock": { ja: "在庫アップロード", zh: "库存上传", en: "Stock upload" },
  "job.rakuten.import-orders": { ja: "受注取込・注文確認", zh: "订单导入与确认", en: "Order import & confirmation" },
  "job.rakuten.forward-rsl": { ja: "RSL自動出荷依頼", zh: "RSL 自动发货申请", en: "RSL shipment requests" },
  "job.rakuten.pull-results": { ja: "出荷実績の取得・楽天へ反映", zh: "获取发货结果并回传乐天", en: "Shipment results to Rakuten" },
  "job.smaregi.reconcile": { ja: "連携開始時の在庫照合", zh: "启动时库存核对", en: "Stock reconciliation on start" },
  "job.smaregi.import-products": { ja: "新規商品情報一括取得", zh: "批量获取新商品", en: "New product import" },
  "job.smaregi.send-orders": { ja: "受注連携", zh: "订单同步", en: "Order sending" },
  "job.smaregi.ship-orders": { ja: "受注一括出荷連携", zh: "订单批量发货同步", en: "Bulk shipment" },
  "job.smaregi.recheck-bulk": { ja: "一括更新の結果確認", zh: "批量更新结果确认", en: "Bulk update check" },
  "job.smaregi.webhook": { ja: "Webhook 受信処理", zh: "Webhook 处理", en: "Webhook handling" },
  "job.wangdian.export-documents": { ja: "伝票送信（门店 → ERP）", zh: "单据回传（门店 → ERP）", en: "Documents to the ERP" },
  "job.wangdian.pull-documents": { ja: "ERP伝票の取込（10分ごと）", zh: "ERP 单据下发（每 10 分钟）", en: "ERP documents to stores (every 10 min)" },
  "job.wangdian.refresh-goods": { ja: "商品情報の自動更新（毎時）", zh: "商品数据自动更新（整点）", en: "Hourly product update" },
  "job.wangdian.stock-sync": { ja: "在庫同期（2:10）", zh: "库存同步（2:10）", en: "Stock sync (02:10)" },
  "job.wangdian.import-goods": { ja: "ERP商品导入", zh: "ERP商品导入", en: "ERP product import" },
} satisfies Record<string, Entry>;

export type ActivityKey = keyof typeof ACTIVITY_MESSAGES;
export type AnyActivityKey = ActivityKey | MessageKey;

const entries: Record<string, Entry> = { ...MESSAGES, ...ACTIVITY_MESSAGES };

/** A key with no entry (added since) reads as itself instead of failing the page. */
export const translateActivity = (lang: Lang, key: AnyActivityKey, vars?: Vars) => {
  const entry = entries[key];
  return entry ? fill(entry, lang, vars) : key;
};

/** A job's name in words, or its code when it has none yet. */
export const jobName = (lang: Lang, job: string) => {
  const entry = entries[`job.${job}`];
  return entry ? fill(entry, lang) : job;
};
