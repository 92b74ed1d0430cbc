/**
 * The strings of the Rakuten RMS + RSL screens (seed 002), in Japanese, Chinese and English like
 * i18n.ts. The seed's own words (API接続設定, 商品マッピング, 受注取込設定, 確認待, 全商品未マッピング,
 * 出荷分割, 注文削除, 注文キャンセル, モール注文番号, あす楽) are the Japanese labels. Kept apart so they
 * load with those screens only; a Rakuten screen's `t` reads this dictionary, then the shared one.
 */
import { fill, MESSAGES, type Entry, type Lang, type MessageKey, type Vars } from "./i18n";

export const RAKUTEN_MESSAGES = {
  "rk.title": { ja: "楽天市場 (RMS) + RSL 連携", zh: "乐天市场 (RMS) + RSL 对接", en: "Rakuten Ichiba (RMS) + RSL" },
  "rk.back": { ja: "連携先の一覧へ", zh: "返回连接列表", en: "Back to connections" },
  "rk.tab.link": { ja: "API接続設定", zh: "API连接设置", en: "API connection" },
  "rk.wait.perPage": { ja: "1ページの表示件数", zh: "每页显示条数", en: "Orders per page" },
  "rk.tab.settings": { ja: "受注取込設定", zh: "订单导入设置", en: "Order import settings" },
  "rk.tab.mappings": { ja: "商品マッピング", zh: "商品映射", en: "Product mapping" },
  "rk.tab.waiting": { ja: "確認待", zh: "待确认", en: "Awaiting check (確認待)" },
  "rk.tab.asuraku": { ja: "あす楽 締め時間", zh: "次日达截单", en: "Asuraku cut-off" },
  "rk.tab.review": { ja: "システムエラー", zh: "系统错误", en: "System errors" },

  // New link
  "rk.new": { ja: "楽天市場 (RMS) 連携を追加", zh: "新增乐天市场 (RMS) 对接", en: "Add a Rakuten (RMS) link" },
  "rk.new.intro": {
    ja: "楽天の受注をすべて取り込み、商品マッピング済みの受注はRSLへ自動で出荷依頼します。自社出荷分は「確認待」で止まります。",
    zh: "导入乐天的全部订单，商品已映射的订单自动委托RSL发货。自营发货的订单停在“待确认”。",
    en: "Every Rakuten order is imported; orders whose products are all mapped go to RSL by themselves. Orders you ship yourself stop in 確認待.",
  },
  "rk.name": { ja: "連携名", zh: "对接名称", en: "Link name" },
  "rk.baseUrl": { ja: "APIのURL", zh: "API 地址", en: "API URL" },
  "rk.baseUrlHint": { ja: "空欄なら楽天の本番API", zh: "留空则使用乐天正式API", en: "Empty: Rakuten's production API" },
  "rk.serviceSecret": { ja: "serviceSecret", zh: "serviceSecret", en: "serviceSecret" },
  "rk.licenseKey": { ja: "licenseKey（ライセンスキー）", zh: "licenseKey（许可密钥）", en: "licenseKey" },
  "rk.licenseKeyHint": { ja: "RMSで発行。90日ごとに再発行が必要です", zh: "在RMS发行，每90天需重新发行", en: "Issued in RMS; it must be reissued every 90 days" },
  "rk.rslNew": { ja: "RSL連携を追加", zh: "新增RSL对接", en: "Add an RSL link" },
  "rk.rslApiKey": { ja: "RSL APIキー", zh: "RSL API密钥", en: "RSL API key" },
  "rk.rslNone": { ja: "RSLへ出荷依頼しない", zh: "不委托RSL发货", en: "Do not send to RSL" },
  "rk.create": { ja: "連携を作成", zh: "创建对接", en: "Create link" },
  "rk.created": { ja: "「{name}」を作成しました", zh: "已创建“{name}”", en: "“{name}” created" },

  // API接続設定
  "rk.status": { ja: "状態", zh: "状态", en: "Status" },
  "rk.license": { ja: "ライセンスキーの有効期限", zh: "许可密钥有效期", en: "License key expiry" },
  "rk.license.left": { ja: "{date}まで（残り{days}日）", zh: "至 {date}（剩余 {days} 天）", en: "Until {date} ({days} days left)" },
  "rk.license.unknown": { ja: "未確認", zh: "未确认", en: "Not checked yet" },
  "rk.license.warning": {
    ja: "ライセンスキーの有効期限まであと{days}日です。RMSで再発行し、ここで更新してください。",
    zh: "许可密钥将在 {days} 天后到期。请在RMS重新发行并在此更新。",
    en: "The license key expires in {days} days. Reissue it in RMS and update it here.",
  },
  "rk.license.expired": {
    ja: "ライセンスキーの有効期限が切れています。RMSで再発行し、ここで更新するまで受注を取り込めません。",
    zh: "许可密钥已过期。在RMS重新发行并在此更新前，无法导入订单。",
    en: "The license key has expired. No orders are imported until it is reissued in RMS and updated here.",
  },
  "rk.license.check": { ja: "ライセンスキーを再確認", zh: "重新确认许可密钥", en: "Check the license key again" },
  "rk.license.checked": { ja: "確認日時 {at}", zh: "确认时间 {at}", en: "Checked {at}" },
  "rk.credentials.update": { ja: "ライセンスキーを更新", zh: "更新许可密钥", en: "Update the license key" },
  "rk.credentials.saved": { ja: "ライセンスキーを更新し、接続を確認しました", zh: "已更新许可密钥并确认连接", en: "License key updated and the connection checked" },
  "rk.verify": { ja: "接続を確認", zh: "确认连接", en: "Check the connection" },
  "rk.lastError": { ja: "連携停止の理由", zh: "停止原因", en: "Why the link stopped" },
  "rk.rsl": { ja: "出荷依頼先 (RSL)", zh: "发货委托方 (RSL)", en: "RSL link" },
  "rk.gap.meaning": {
    ja: "楽天RMSへのAPI呼び出しの間に空ける時間です。RMSの上限は1店舗あたり1秒に1回程度とされています（Renkeiの想定）。短くしても取込は速くならず、RMSに断られる呼び出しが増えるだけなので、楽天RMSに接続する連携では{min}ミリ秒未満にはできません。",
    zh: "两次调用乐天RMS API之间的间隔。RMS的上限约为每店每秒1次（Renkei的假定）。缩短间隔不会加快导入，只会增加被RMS拒绝的调用，因此连接乐天RMS的对接不能设为低于{min}毫秒。",
    en: "The time kept between two calls to the RMS API. RMS allows about one call a second per shop (Renkei's assumption). A shorter gap does not import faster, it only adds calls RMS refuses, so a link to the real RMS cannot go under {min} ms.",
  },
  "rk.gap.belowLimit": {
    ja: "この間隔はRMSの上限（1秒に1回）より短く、サンドボックスでのみ使えます。",
    zh: "此间隔短于RMS的上限（每秒1次），仅可用于沙盒。",
    en: "This gap is shorter than RMS's limit (one call a second); it is allowed for a sandbox only.",
  },
  "rk.gap.save": { ja: "呼び出し間隔を保存", zh: "保存调用间隔", en: "Save the call gap" },
  "rk.gap.saved": { ja: "API呼び出し間隔を保存しました", zh: "已保存API调用间隔", en: "Call gap saved" },
  "rk.counts": { ja: "取込 {orders}件・注文確認待ち {unconfirmed}件・RSL依頼中 {requested}件・出荷実績送信済 {reported}件", zh: "已导入 {orders} 单・待确认 {unconfirmed} 单・RSL委托中 {requested} 单・已回传发货 {reported} 件", en: "{orders} imported · {unconfirmed} to confirm · {requested} at RSL · {reported} parcels reported" },

  // 受注取込設定
  "rk.set.channelId": { ja: "取込先の販売チャネル", zh: "导入到的销售渠道", en: "Sales channel" },
  "rk.set.rslConnectionId": { ja: "出荷依頼先 (RSL)", zh: "发货委托方 (RSL)", en: "RSL link for shipments" },
  "rk.set.importIntervalMinutes": { ja: "受注取込間隔 (分)", zh: "订单导入间隔 (分钟)", en: "Import every (minutes)" },
  "rk.set.importDays": { ja: "受注取込期間 (日)", zh: "订单导入范围 (天)", en: "Import window (days)" },
  "rk.set.importProgress": { ja: "取込対象ステータス", zh: "导入的订单状态", en: "Order statuses imported" },
  "rk.set.progress100": { ja: "注文確認待ち", zh: "待确认订单", en: "Awaiting confirmation" },
  "rk.set.progress300": { ja: "発送待ち", zh: "待发货", en: "Awaiting shipment" },
  "rk.set.autoConfirm": { ja: "注文確認を自動で行う", zh: "自动确认订单", en: "Confirm orders in RMS" },
  "rk.set.autoForward": { ja: "RSL自動出荷依頼", zh: "自动向RSL委托发货", en: "Send mapped orders to RSL" },
  "rk.set.asurakuCutoff": { ja: "あす楽 締め時間", zh: "次日达截单时间", en: "Asuraku cut-off (JST)" },
  "rk.set.licenseWarnDays": { ja: "ライセンスキー期限の警告 (日前)", zh: "许可密钥到期提醒 (提前天数)", en: "Warn before license expiry (days)" },
  "rk.set.callIntervalMs": { ja: "API呼び出し間隔 (ミリ秒)", zh: "API调用间隔 (毫秒)", en: "Gap between API calls (ms)" },
  "rk.set.save": { ja: "受注取込設定を保存", zh: "保存订单导入设置", en: "Save import settings" },
  "rk.set.saved": { ja: "保存しました。取込間隔の変更はスケジュールにも反映されます", zh: "已保存。导入间隔的变更也已应用到计划任务", en: "Saved. A new import interval also moves the schedule" },

  // 商品マッピング
  "rk.map.rakutenSku": { ja: "楽天SKU", zh: "乐天SKU", en: "Rakuten SKU" },
  "rk.map.skuCode": { ja: "商品コード", zh: "商品编码", en: "Renkei SKU code" },
  "rk.map.rslItemCode": { ja: "RSL商品コード", zh: "RSL商品编码", en: "RSL item code" },
  "rk.map.updatedAt": { ja: "更新日時", zh: "更新时间", en: "Updated" },
  "rk.map.none": { ja: "商品マッピングはありません。マッピングされていない商品の受注は「確認待」で止まります", zh: "没有商品映射。含未映射商品的订单会停在“待确认”", en: "No mappings yet. Orders with unmapped products stop in 確認待" },
  "rk.map.add": { ja: "マッピングを追加・変更", zh: "新增・修改映射", en: "Add or change a mapping" },
  "rk.map.save": { ja: "保存", zh: "保存", en: "Save" },
  "rk.map.edit": { ja: "編集", zh: "编辑", en: "Edit" },
  "rk.map.delete": { ja: "削除", zh: "删除", en: "Delete" },
  "rk.map.deleteTitle": { ja: "「{sku}」のマッピングを削除しますか？", zh: "要删除“{sku}”的映射吗？", en: "Delete the mapping of “{sku}”?" },
  "rk.map.deleteNote": { ja: "この楽天SKUを含む新しい受注は「確認待」で止まります。取込済みの受注は変わりません。", zh: "含此乐天SKU的新订单将停在“待确认”。已导入的订单不变。", en: "New orders with this Rakuten SKU will stop in 確認待. Orders already imported do not change." },
  "rk.map.upload": { ja: "CSVファイルで登録", zh: "通过CSV文件登记", en: "Upload a CSV file" },
  "rk.map.uploadHint": { ja: "見出し: 楽天SKU,商品コード,RSL商品コード。1行でも誤りがあれば何も登録しません", zh: "表头：楽天SKU,商品コード,RSL商品コード。只要有一行错误，就不登记任何行", en: "Header: 楽天SKU,商品コード,RSL商品コード. One wrong row and nothing is saved" },
  "rk.map.uploaded": { ja: "{saved}件のマッピングを登録しました", zh: "已登记 {saved} 条映射", en: "{saved} mappings saved" },
  "rk.map.download": { ja: "CSVダウンロード", zh: "下载CSV", en: "Download CSV" },
  "rk.map.line": { ja: "{line}行目", zh: "第 {line} 行", en: "Line {line}" },

  // 確認待
  "rk.wait.intro": {
    ja: "マッピングされていない商品を含む受注は「確認待」で止まっています。自社出荷分（他の受注管理システムで出荷する分）を整理してください。",
    zh: "含未映射商品的订单停在“待确认”。请整理自营发货的订单（由其他订单管理系统发货）。",
    en: "Orders with unmapped products wait here. Sort out the ones you ship yourself with your other order system.",
  },
  "rk.wait.none": { ja: "「{tag}」の確認待の受注はありません", zh: "没有“{tag}”的待确认订单", en: "No 確認待 orders tagged {tag}" },
  "rk.wait.all.title": { ja: "全商品未マッピング（自社出荷分）", zh: "全部商品未映射（自营发货）", en: "No product mapped (you ship these)" },
  "rk.wait.all.note": {
    ja: "他の受注管理システムで出荷する受注です。「注文削除」または「注文キャンセル」でRenkeiの管理から外してください。楽天RMSの注文はキャンセルされません。",
    zh: "这些订单由其他订单管理系统发货。请用“删除订单”或“取消订单”将其移出Renkei。乐天RMS的订单不会被取消。",
    en: "Your other order system ships these. Delete or cancel them in Renkei to take them off its hands. Nothing is cancelled in Rakuten RMS.",
  },
  "rk.wait.some.title": { ja: "一部商品未マッピング（RSL出荷分と自社出荷分が混在）", zh: "部分商品未映射（RSL发货与自营发货混合）", en: "Partly mapped (RSL and your own goods mixed)" },
  "rk.wait.some.note": {
    ja: "「出荷分割」でマッピング済みの商品だけをRSLへ出荷依頼し、残りは自社出荷にします。自社出荷にまとめる場合は「注文キャンセル」を行い、モール注文番号を他の受注管理システムへ移してください（下のCSVに残ります）。楽天RMSの注文はキャンセルされません。",
    zh: "“拆分发货”只把已映射的商品委托RSL发货，其余为自营发货。若全部自营发货，请“取消订单”，并将商城订单号转到其他订单管理系统（保留在下方CSV中）。乐天RMS的订单不会被取消。",
    en: "Split (出荷分割) sends only the mapped lines to RSL and leaves the rest to you. To ship it all yourself, cancel it here and move its mall order number to your other system (it stays in the CSV below). Nothing is cancelled in Rakuten RMS.",
  },
  "rk.wait.orderNumber": { ja: "モール注文番号", zh: "商城订单号", en: "Mall order number" },
  "rk.wait.orderedAt": { ja: "注文日時", zh: "下单时间", en: "Ordered" },
  "rk.wait.customer": { ja: "注文者", zh: "下单人", en: "Customer" },
  "rk.wait.tags": { ja: "タグ", zh: "标签", en: "Tags" },
  "rk.wait.select": { ja: "{number}を選択", zh: "选择 {number}", en: "Select {number}" },
  "rk.wait.selected": { ja: "{count}件選択中", zh: "已选择 {count} 个", en: "{count} selected" },
  "rk.wait.delete": { ja: "注文削除", zh: "删除订单", en: "Delete order" },
  "rk.wait.cancel": { ja: "注文キャンセル", zh: "取消订单", en: "Cancel order" },
  "rk.wait.split": { ja: "出荷分割", zh: "拆分发货", en: "Split shipment" },
  "rk.wait.confirmTitle": { ja: "{count}件を「{action}」しますか？", zh: "要对 {count} 个订单执行“{action}”吗？", en: "{action}: {count} orders?" },
  "rk.wait.renkeiOnly": {
    ja: "Renkei上だけの操作です。楽天RMSの注文はキャンセルされません。モール注文番号は他システム用CSVに残ります。",
    zh: "仅在Renkei中操作。乐天RMS的订单不会被取消。商城订单号保留在供其他系统使用的CSV中。",
    en: "This acts in Renkei only. The order is not cancelled in Rakuten RMS. Its mall order number stays in the CSV for your other system.",
  },
  "rk.wait.splitNote": { ja: "マッピング済みの商品だけをRSLへ出荷依頼します。残りの商品は自社出荷です。", zh: "只将已映射的商品委托RSL发货，其余商品为自营发货。", en: "Only the mapped lines go to RSL; the rest is yours to ship." },
  "rk.wait.done": { ja: "{action}: {changed}件を処理しました", zh: "{action}：已处理 {changed} 个", en: "{action}: {changed} done" },
  "rk.wait.failed": { ja: "処理できなかった受注", zh: "未能处理的订单", en: "Not done" },
  "rk.wait.savedSearch": { ja: "この条件を保存済み検索にする", zh: "将此条件保存为搜索", en: "Save as a saved search" },
  "rk.wait.savedSearchName": { ja: "楽天 確認待 {tag}", zh: "楽天 確認待 {tag}", en: "楽天 確認待 {tag}" },
  "rk.wait.savedSearchDone": { ja: "保存済み検索「{name}」を作成しました（受注一覧で使えます）", zh: "已创建保存的搜索“{name}”（可在订单列表中使用）", en: "Saved search “{name}” created (use it in the order list)" },
  "rk.wait.savedSearchExists": { ja: "保存済み検索「{name}」はすでにあります", zh: "保存的搜索“{name}”已存在", en: "Saved search “{name}” already exists" },
  "rk.other.title": { ja: "他の受注管理システムへ移す受注", zh: "转到其他订单管理系统的订单", en: "Orders for your other order system" },
  "rk.other.note": {
    ja: "Renkeiで削除・キャンセル・出荷分割した受注のモール注文番号と自社出荷の商品です。他の受注管理システムでこの番号を検索し、自社出荷のステータスへ移してください。",
    zh: "在Renkei中删除、取消或拆分发货的订单的商城订单号与自营发货商品。请在其他订单管理系统中搜索这些订单号，并移到自营发货状态。",
    en: "Mall order numbers (and the goods you ship) of the orders deleted, cancelled or split in Renkei. Search these numbers in your other order system and move them to your own shipping status.",
  },
  "rk.other.download": { ja: "モール注文番号をCSVでダウンロード", zh: "下载商城订单号CSV", en: "Download the mall order numbers (CSV)" },
  "rk.other.count": { ja: "{count}件", zh: "{count} 个", en: "{count} orders" },
  "rk.other.scope.whole": { ja: "全商品", zh: "全部商品", en: "Whole order" },
  "rk.other.scope.part": { ja: "一部商品（出荷分割）", zh: "部分商品（拆分发货）", en: "Part (split)" },
  "rk.other.handling.split": { ja: "出荷分割", zh: "拆分发货", en: "Split" },
  "rk.other.handling.deleted": { ja: "注文削除", zh: "删除订单", en: "Deleted" },
  "rk.other.handling.cancelled": { ja: "注文キャンセル", zh: "取消订单", en: "Cancelled" },
  "rk.other.lines": { ja: "自社出荷の商品", zh: "自营发货商品", en: "Goods you ship" },
  "rk.other.handling": { ja: "Renkeiでの扱い", zh: "在Renkei中的处理", en: "In Renkei" },
  "rk.other.scope": { ja: "自社出荷の範囲", zh: "自营发货范围", en: "You ship" },

  // あす楽
  "rk.asu.intro": {
    ja: "あす楽の当日出荷はRSLへの出荷依頼が締め時間（日本時間）までに必要です。締め時間は受注取込設定で変更できます。",
    zh: "次日达当日发货需要在截单时间（日本时间）前向RSL委托发货。截单时间可在订单导入设置中修改。",
    en: "Same-day Asuraku shipping needs the RSL request before the cut-off (Japan time). Change the cut-off in the import settings.",
  },
  "rk.asu.left": { ja: "本日の締め時間 {cutoff} まであと {time}", zh: "距今日截单 {cutoff} 还有 {time}", en: "{time} left until today's cut-off at {cutoff}" },
  "rk.asu.passed": { ja: "本日の締め時間 {cutoff} は過ぎました。次の締めまで {time}", zh: "今日截单 {cutoff} 已过。距下次截单 {time}", en: "Today's cut-off at {cutoff} has passed. Next in {time}" },
  "rk.asu.atRisk": { ja: "締め時間に間に合わない可能性があるあす楽の受注（RSL未依頼）", zh: "可能赶不上截单的次日达订单（未委托RSL）", en: "Asuraku orders that may miss it (not yet with RSL)" },
  "rk.asu.orderedAt": { ja: "注文日時", zh: "下单时间", en: "Ordered" },
  "rk.asu.shipDay": { ja: "出荷予定日", zh: "预计发货日", en: "Ships" },
  "rk.asu.day.today": { ja: "本日 {date}（締め時間までにRSLへ）", zh: "今天 {date}（截单前委托RSL）", en: "Today {date} (if with RSL before the cut-off)" },
  "rk.asu.day.next": { ja: "翌日 {date}（締め時間後の注文）", zh: "次日 {date}（截单后下单）", en: "Next day {date} (ordered after the cut-off)" },
  "rk.asu.day.missed": { ja: "締め時間超過（{date} の当日出荷に間に合いませんでした）", zh: "已过截单（未赶上 {date} 当日发货）", en: "Missed the cut-off of {date}" },
  "rk.asu.none": { ja: "RSL未依頼のあす楽受注はありません", zh: "没有未委托RSL的次日达订单", en: "No Asuraku order is waiting" },

  // システムエラー
  "rk.rev.intro": { ja: "システムエラーが出ている受注です。内容を確認してください。", zh: "以下订单出现系统错误，请确认内容。", en: "Orders with a system error. Please check them." },
  "rk.rev.none": { ja: "確認が必要なエラーはありません", zh: "没有需要确认的错误", en: "Nothing needs checking" },
  "rk.rev.kind": { ja: "種類", zh: "类型", en: "Kind" },
  "rk.rev.error": { ja: "エラー内容", zh: "错误内容", en: "Error" },
  "rk.rev.at": { ja: "日時", zh: "时间", en: "When" },
  "rk.rev.kind.rsl_request": { ja: "RSL出荷依頼", zh: "RSL发货委托", en: "RSL request" },
  "rk.rev.kind.confirm_order": { ja: "注文確認", zh: "订单确认", en: "Order confirmation" },
  "rk.rev.kind.shipping_report": { ja: "出荷実績の反映", zh: "发货结果回传", en: "Shipment report to RMS" },
  "rk.rev.kind.rms_cancel": { ja: "楽天でのキャンセル", zh: "乐天侧取消", en: "Cancelled in Rakuten" },
  "rk.rev.unmatched": { ja: "Renkeiにない受注のRSL出荷実績", zh: "Renkei中不存在的订单的RSL发货结果", en: "RSL results for orders Renkei does not know" },
} satisfies Record<string, Entry>;

export type RakutenKey = keyof typeof RAKUTEN_MESSAGES;
/** What a Rakuten screen's `t` takes: its own keys and the shared ones. */
export type RakutenAnyKey = RakutenKey | MessageKey;

const entries: Record<string, Entry> = { ...MESSAGES, ...RAKUTEN_MESSAGES };

/** A key with no entry (a review kind the API added since) reads as itself instead of failing the screen. */
export const translateRakuten = (lang: Lang, key: RakutenAnyKey, vars?: Vars) => {
  const entry = entries[key];
  return entry ? fill(entry, lang, vars) : key;
};
