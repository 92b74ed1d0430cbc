/**
 * The strings of the 旺店通 ERP link screens (seed 003), in Japanese, Chinese and English like
 * i18n.ts. Kept apart so they load with those screens, not with the first paint. The seed is a
 * Chinese implementation guide: its field and setting names are shown Chinese first with the
 * reader's language beside (`translateWangdianLabel`); prose is in the reader's language only.
 * test/pwa checks this dictionary like the shared one (three languages, same {placeholders},
 * no key in both).
 */
import { fill, MESSAGES, type Entry, type Lang, type MessageKey, type Vars } from "./i18n";

export const WANGDIAN_MESSAGES = {
  "wd.title": { ja: "旺店通 ERP 連携", zh: "旺店通ERP对接", en: "WangDianTong ERP link" },
  "wd.add": { ja: "旺店通 ERP 連携を追加", zh: "新增旺店通ERP对接", en: "Add a WangDianTong ERP link" },
  "wd.open": { ja: "連携ページ", zh: "对接页面", en: "Open link" },
  "wd.back": { ja: "連携先一覧へ", zh: "返回连接列表", en: "Back to connections" },

  // Setup form (§2.2 / §2.3.3)
  "wd.name": { ja: "連携名", zh: "对接名称", en: "Link name" },
  "wd.baseUrl": { ja: "ERP API アドレス", zh: "ERP接口地址", en: "ERP API address" },
  "wd.baseUrlHint": {
    ja: "例: https://api.wangdian.cn/openapi2（署名は Renkei のサーバーで行い、ブラウザには秘密鍵を残しません）",
    zh: "例：https://api.wangdian.cn/openapi2（签名在 Renkei 服务器上进行，密钥不留在浏览器中）",
    en: "e.g. https://api.wangdian.cn/openapi2 (Renkei's server signs; the secret never stays in the browser)",
  },
  "wd.sid": { ja: "sid（卖家账号）", zh: "sid（卖家账号）", en: "sid (seller account)" },
  "wd.appkey": { ja: "appkey", zh: "appkey（接口账号）", en: "appkey" },
  "wd.appsecret": { ja: "appsecret", zh: "appsecret（接口密钥）", en: "appsecret" },
  "wd.shopNo": { ja: "店舗コード", zh: "店铺编号", en: "Shop code" },
  "wd.shopNoHint": { ja: "ERP で作成した自社プラットフォーム（自有平台）の店舗", zh: "在ERP中新建的自有平台店铺", en: "The ERP shop of platform 自有平台 made for the stores" },
  "wd.locations": { ja: "連携する店舗・総倉庫（倉庫コード = 店舗ID）", zh: "对接门店与总仓（仓库编号 = 门店ID）", en: "Linked stores and main warehouse (warehouse code = store ID)" },
  "wd.lockTitle": { ja: "連携前にご確認ください", zh: "对接前请确认", en: "Before linking" },
  "wd.lockNote": {
    ja: "ERP の倉庫コードは店舗ID（下のコード）と同じにします。総倉庫は「总仓」の倉庫コードと同じにします。連携した後は店舗IDを変更できません。変更すると、その店舗の帳票・受注・設定が失われます（§2.3.4 注3）。",
    zh: "ERP中的仓库编号必须与门店ID（下方的编号）一致，总仓与“总仓”的仓库编号一致。对接后门店ID不可更改，否则该门店的报表、订单和设置都会丢失（§2.3.4 注3）。",
    en: "Each ERP warehouse code must equal the store ID (the code below); the main warehouse is the 总仓. Once linked a store ID cannot be changed: changing it loses the store's reports, orders and settings (§2.3.4 note 3).",
  },
  "wd.locationKind.store": { ja: "店舗", zh: "门店", en: "Store" },
  "wd.locationKind.warehouse": { ja: "総倉庫", zh: "总仓", en: "Main warehouse" },
  "wd.credentials": { ja: "認証情報を変更", zh: "修改接口账号", en: "Change the credentials" },
  "wd.credentialsNote": {
    ja: "保存すると連携は「認証待ち」に戻ります。もう一度「验证/授权」を押してください。",
    zh: "保存后对接回到“待授权”，请再次点击“验证/授权”。",
    en: "Saving puts the link back to pending: press 验证/授权 again.",
  },
  "wd.create": { ja: "連携を作成", zh: "创建对接", en: "Create the link" },
  "wd.required": { ja: "入力してください", zh: "请填写", en: "Required" },

  // Other settings
  "wd.settings": { ja: "連携の設定", zh: "对接设置", en: "Link settings" },
  "wd.salesCadence": { ja: "売上の送信間隔", zh: "销售单回传频率", en: "Sales sent" },
  "wd.cadence.minute": { ja: "1分以内（Renkei 標準）", zh: "1分钟内（Renkei 默认）", en: "Within a minute (Renkei default)" },
  "wd.cadence.ten_minutes": { ja: "10分ごと（§4 の間隔）", zh: "每10分钟（§4）", en: "Every 10 minutes (§4)" },
  "wd.walkInBuyer": { ja: "一般客の購入者名", zh: "散客买家昵称", en: "Walk-in buyer name" },
  "wd.defectiveReturnsToErp": { ja: "不良品の返品もERPへ送る（其他入库）", zh: "残次品退货回传ERP（其他入库）", en: "Send defective returns to the ERP (other stock-in)" },
  "wd.defectiveHint": {
    ja: "オフ: 不良品は店舗で保留在庫となり、ERP には送りません（§2.3.2）",
    zh: "关闭：残次品留在门店冻结库存，不回传ERP（§2.3.2）",
    en: "Off: defective items stay held at the store and are not sent (§2.3.2)",
  },
  "wd.stocktakeAs": { ja: "棚卸の送り方", zh: "盘点单回传方式", en: "Stocktakes sent as" },
  "wd.stocktake.stocktake": { ja: "盘点（実数で上書き）", zh: "盘点单（按实盘数覆盖）", en: "盘点 (absolute counts)" },
  "wd.stocktake.adjustments": { ja: "差異を其他入库・其他出库で", zh: "按差异生成其他入库 / 其他出库", en: "Differences as other stock-in / stock-out" },
  "wd.erpDataSync": { ja: "ERPデータ同期設定", zh: "ERP数据同步设置", en: "ERP data sync" },
  "wd.erpDataSyncHint": {
    ja: "オン: ERP の入出庫伝票に Renkei にない商品があれば、その商品を作成します（§3.3.3）。オフの間はその伝票を保留します。",
    zh: "开启：ERP出入库单中含有Renkei不存在的商品时，自动新建该商品（§3.3.3）。关闭时该单据暂不处理。",
    en: "On: an ERP document carrying a product Renkei does not know creates it (§3.3.3). While off, such a document waits.",
  },
  "wd.saved": { ja: "保存しました", zh: "已保存", en: "Saved" },

  // Verification and checklist (§2.3)
  "wd.verify": { ja: "認証・確認", zh: "验证/授权", en: "Verify / authorize" },
  "wd.checks": { ja: "ERP 側の設定確認", zh: "ERP端设置检查", en: "ERP-side setup" },
  "wd.checkedAt": { ja: "確認日時 {at}", zh: "检查时间 {at}", en: "Checked {at}" },
  "wd.notVerified": { ja: "まだ確認していません。「验证/授权」を押してください。", zh: "尚未验证，请点击“验证/授权”。", en: "Not verified yet: press 验证/授权." },
  "wd.apiChecks": { ja: "API で確認した項目", zh: "通过接口检查的项目", en: "Checked through the API" },
  "wd.handChecks": { ja: "手作業で確認する項目（ERP 画面で設定してチェック）", zh: "需手工确认的项目（在ERP中设置后勾选）", en: "Checked by hand (set in the ERP, then tick)" },
  "wd.ok": { ja: "OK", zh: "通过", en: "OK" },
  "wd.ng": { ja: "NG", zh: "未通过", en: "Failed" },

  // Stock master (§5)
  "wd.master": { ja: "在庫同期のマスター", zh: "库存同步以谁为主", en: "Stock sync master" },
  "wd.master.erp": { ja: "ERP（毎日02:10 ERP の在庫で店舗を上書き）", zh: "以ERP为主（每天02:10以ERP库存覆盖门店）", en: "The ERP (its stock overwrites the stores' daily at 02:10)" },
  "wd.master.stores": { ja: "店舗（毎日02:10 店舗の在庫で ERP を上書き）", zh: "以门店为主（每天02:10以门店库存覆盖ERP）", en: "The stores (their stock overwrites the ERP's daily at 02:10)" },
  "wd.masterOnce": {
    ja: "一度決めたら変更しない設定です（§5）。後で変更するときは、上書きされる内容を確認してから行います。",
    zh: "一次性设置，之后不再更改（§5）。如需更改，须先确认将被覆盖的内容。",
    en: "A one-time choice (§5). Changing it later shows what it will overwrite and asks you to confirm.",
  },
  "wd.masterChoose": { ja: "マスターを決定", zh: "确定", en: "Choose" },
  "wd.masterChange": { ja: "マスターを変更…", zh: "更改…", en: "Change…" },
  "wd.masterPreview": { ja: "変更内容を確認", zh: "预览更改", en: "Preview the change" },
  "wd.masterOverwrites.renkei": { ja: "Renkei（店舗）の在庫が上書きされます", zh: "将覆盖门店（Renkei）库存", en: "Renkei's (the stores') stock will be overwritten" },
  "wd.masterOverwrites.erp": { ja: "ERP の在庫が上書きされます", zh: "将覆盖ERP库存", en: "The ERP's stock will be overwritten" },
  "wd.masterSkus": { ja: "対象: 連携店舗で在庫のある {skus} 件の SKU", zh: "涉及：对接门店中有库存的 {skus} 个SKU", en: "Affects {skus} SKUs with stock at the linked stores" },
  "wd.masterConfirm": { ja: "上書きを承知で変更する", zh: "确认覆盖并更改", en: "Change, overwriting as shown" },
  "wd.masterChanged": { ja: "マスターを変更しました", zh: "已更改", en: "Master changed" },

  // Start / stop
  "wd.status": { ja: "状態", zh: "状态", en: "State" },
  "wd.start": { ja: "連携を開始", zh: "启动对接", en: "Start the link" },
  "wd.stop": { ja: "連携を停止", zh: "停止对接", en: "Stop the link" },
  "wd.startRefused": { ja: "開始できません。次を解決してください:", zh: "无法启动，请先处理：", en: "Cannot start yet. Fix these first:" },
  "wd.lastError": { ja: "ERP からのエラー", zh: "ERP返回的错误", en: "The ERP's error" },
  "wd.stopNote": {
    ja: "停止中は店舗伝票を ERP へ送らず、ERP の伝票・在庫も取り込みません。送信待ちの伝票は残り、再開後に送ります。",
    zh: "停止期间不向ERP回传门店单据，也不拉取ERP单据与库存。待发送单据会保留，重新启动后发送。",
    en: "While stopped nothing is sent to or read from the ERP. Waiting documents stay and go once restarted.",
  },

  // ERP商品导入 (§3.3.1)
  "wd.import": { ja: "ERP商品インポート", zh: "ERP商品导入", en: "Import goods from the ERP" },
  "wd.importNote": {
    ja: "期間内に ERP で作成された新しい商品・新しい規格だけを取り込みます（期間は1か月以内）。",
    zh: "只导入时间段内ERP新建的货品与规格（时长限制为一个月）。",
    en: "Only goods and specs created in the ERP in the range come in (at most one month).",
  },
  "wd.from": { ja: "開始日", zh: "开始日期", en: "From" },
  "wd.to": { ja: "終了日", zh: "截止日期", en: "To" },
  "wd.importRun": { ja: "インポート", zh: "导入", en: "Import" },
  "wd.importQueued": { ja: "インポートを開始しました（実行ID {runId}）", zh: "已开始导入（运行 ID {runId}）", en: "Import started (run {runId})" },

  // Status page (item 6)
  "wd.tab.setup": { ja: "設定", zh: "对接设置", en: "Setup" },
  "wd.tab.status": { ja: "連携状況", zh: "对接状态", en: "Status" },
  "wd.exports": { ja: "ERP への送信キュー", zh: "回传ERP队列", en: "Documents for the ERP" },
  "wd.exportState.waiting": { ja: "送信待ち", zh: "待回传", en: "Waiting" },
  "wd.exportState.failed": { ja: "失敗", zh: "失败", en: "Failed" },
  "wd.exportState.sent": { ja: "送信済み", zh: "已回传", en: "Sent" },
  "wd.exportTotals": { ja: "送信待ち {waiting} 件（うち失敗 {failed} 件）", zh: "待回传 {waiting} 条（其中失败 {failed} 条）", en: "{waiting} waiting ({failed} failed)" },
  "wd.exportRetry": { ja: "失敗分を再送", zh: "重新回传失败单据", en: "Send the failed again" },
  "wd.exportRetried": { ja: "{retried} 件を再送に回しました", zh: "已重新排队 {retried} 条", en: "{retried} queued again" },
  "wd.exportNone": { ja: "該当する伝票はありません", zh: "没有单据", en: "No documents" },
  "wd.number": { ja: "伝票番号", zh: "单据号", en: "Number" },
  "wd.event": { ja: "内容", zh: "事件", en: "Event" },
  "wd.externalNo": { ja: "ERP 伝票番号", zh: "ERP单号", en: "ERP number" },
  "wd.reason": { ja: "理由", zh: "原因", en: "Reason" },
  "wd.drift": { ja: "在庫同期の差異レポート", zh: "库存同步差异报告", en: "Stock sync drift report" },
  "wd.driftNone": { ja: "まだ在庫同期を実行していません", zh: "尚未运行库存同步", en: "No stock sync has run yet" },
  "wd.driftSummary": {
    ja: "{at}: {skus} 件（Renkei を更新 {renkeiSet} / ERP を更新 {erpSet} / 一致 {equal}）",
    zh: "{at}：共 {skus} 条（更新门店 {renkeiSet} / 更新ERP {erpSet} / 一致 {equal}）",
    en: "{at}: {skus} SKUs (Renkei set {renkeiSet} / ERP set {erpSet} / equal {equal})",
  },
  "wd.onlyDifferent": { ja: "差異のみ表示", zh: "只看有差异的", en: "Only differences" },
  "wd.sku": { ja: "SKU", zh: "商家编码", en: "SKU" },
  "wd.location": { ja: "店舗・倉庫", zh: "门店 / 仓库", en: "Store / warehouse" },
  "wd.renkei": { ja: "Renkei", zh: "Renkei", en: "Renkei" },
  "wd.erp": { ja: "ERP", zh: "ERP", en: "ERP" },
  "wd.difference": { ja: "差異", zh: "差异", en: "Difference" },
  "wd.action": { ja: "処理", zh: "处理", en: "Done" },
  "wd.driftAction.renkei_set": { ja: "Renkei を ERP に合わせた", zh: "门店库存已按ERP更新", en: "Renkei set to the ERP's" },
  "wd.driftAction.erp_set": { ja: "ERP を Renkei に合わせた", zh: "ERP库存已按门店更新", en: "ERP set to Renkei's" },
  "wd.driftAction.none": { ja: "一致", zh: "一致", en: "Equal" },
  "wd.reload": { ja: "再読み込み", zh: "刷新", en: "Reload" },

  // What a store document goes to the ERP as (the export queue's 内容 column)
  "wd.exportAs.sale": { ja: "売上", zh: "销售单", en: "Sale" },
  "wd.exportAs.goods_in": { ja: "その他入庫", zh: "其他入库", en: "Other stock-in" },
  "wd.exportAs.goods_out": { ja: "その他出庫", zh: "其他出库", en: "Other stock-out" },
  "wd.exportAs.stocktake": { ja: "棚卸", zh: "盘点", en: "Stocktake" },
  "wd.docKind.return": { ja: "返品", zh: "退货单", en: "Return" },
  "wd.docKind.exchange": { ja: "交換", zh: "换货单", en: "Exchange" },
  "wd.docKind.receipt": { ja: "入荷検品", zh: "收货单", en: "Receipt" },
  "wd.docKind.inbound": { ja: "入荷予定", zh: "入库单", en: "Inbound delivery" },
  "wd.docKind.other_out": { ja: "出庫", zh: "出库开单", en: "Goods out" },
  "wd.docKind.transfer": { ja: "店間移動", zh: "调拨单", en: "Transfer" },
  "wd.docKind.stocktake_submission": { ja: "棚卸", zh: "盘点单", en: "Stocktake" },
  "wd.docKind.reversal": { ja: "取消伝票", zh: "冲单", en: "Reversal" },
  "wd.docKind.inboundImport": { ja: "入荷予定取込", zh: "入库单导入", en: "Imported delivery" },

  // Linked stores after creation
  "wd.editLocations": { ja: "連携店舗を変更", zh: "修改对接门店", en: "Change the linked stores" },
  "wd.editLocationsNote": {
    ja: "店舗はいつでも追加できます。ERP へ送信待ちの伝票がある店舗は、送信が終わるまで外せません。店舗ID（倉庫コード）は変わりません。追加した店舗の倉庫は「接続確認」で確かめてください。",
    zh: "可随时添加门店。有待回传ERP单据的门店，在回传完成前不能移除。门店ID（仓库编号）不会改变。新增门店的仓库请通过“验证/授权”确认。",
    en: "Stores can be added at any time. A store with documents waiting for the ERP stays linked until they are sent. Store IDs (warehouse codes) never change. Verify the link to check a new store's warehouse.",
  },
  "wd.locationsSaved": { ja: "連携店舗を保存しました", zh: "已保存对接门店", en: "Linked stores saved" },

  // Drift report: past runs and pages
  "wd.driftRun": { ja: "同期日時", zh: "同步时间", en: "Sync run" },
  "wd.driftMore": { ja: "続きを表示（{shown} / {total} 件）", zh: "显示更多（{shown} / {total} 条）", en: "Show more ({shown} of {total})" },
} satisfies Record<string, Entry>;

export type WangdianKey = keyof typeof WANGDIAN_MESSAGES;
/** What a 旺店通 screen's `t` takes: its own keys and the shared ones. */
export type WangdianAnyKey = WangdianKey | MessageKey;

const entries: Record<string, Entry> = { ...MESSAGES, ...WANGDIAN_MESSAGES };

/** A key with no entry (a job or state the API added since) reads as itself instead of failing the screen. */
export const translateWangdian = (lang: Lang, key: WangdianAnyKey, vars?: Vars) => {
  const entry = entries[key];
  return entry ? fill(entry, lang, vars) : key;
};

/** A seed term: Chinese first, the reader's words beside when they differ ("店铺编号 · 店舗コード"). */
export const translateWangdianLabel = (lang: Lang, key: WangdianAnyKey, vars?: Vars) => {
  const zh = translateWangdian("zh", key, vars);
  const own = translateWangdian(lang, key, vars);
  return lang === "zh" || own === zh ? zh : `${zh} · ${own}`;
};
