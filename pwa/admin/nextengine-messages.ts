/**
 * The strings of the ネクストエンジン連携 screens (seed 001), in Japanese, Chinese and English like
 * i18n.ts. Kept apart so they load with those screens, not with the first paint; the screens' `t`
 * reads this dictionary, then the shared one. The switches' wording comes from
 * shared/nextengine-settings.ts — the same words the worker's refusals quote.
 * test/pwa checks it like the shared one (three languages, same {placeholders}, no key in both).
 */
import { SETTING_LABELS } from "../../shared/nextengine-settings";
import { fill, MESSAGES, type Entry, type Lang, type MessageKey, type Vars } from "./i18n";

type SettingName = keyof typeof SETTING_LABELS;
const settingEntries = Object.fromEntries(Object.entries(SETTING_LABELS).map(([name, label]) => [`neSetting.${name}`, label])) as Record<
  `neSetting.${SettingName}`,
  Entry
>;

export const NEXTENGINE_MESSAGES = {
  ...settingEntries,
  "ne.name": { ja: "ネクストエンジン", zh: "NextEngine", en: "NextEngine" },
  "ne.external": { ja: "外部連携", zh: "外部对接", en: "External services" },
  "ne.cardNote": {
    ja: "ネクストエンジンの受注を出荷し、出荷確定・追跡番号・在庫の増減をネクストエンジンへ返します。",
    zh: "发货NextEngine的订单，并将确认发货、追踪单号和库存增减回传到NextEngine。",
    en: "Ship NextEngine's orders here; shipment confirmations, tracking numbers and stock changes go back to it.",
  },
  "ne.start": { ja: "連携を開始する", zh: "开始对接", en: "Start linking (連携を開始する)" },
  "ne.startAgain": { ja: "再度ログインする", zh: "重新登录", en: "Log in again" },
  "ne.openAgain": { ja: "もう一度ネクストエンジンから開く", zh: "重新从NextEngine打开", en: "Open from NextEngine again" },
  "ne.toSettings": { ja: "ネクストエンジン連携設定へ", zh: "前往NextEngine对接设置", en: "NextEngine link settings" },
  "ne.settingsTitle": { ja: "ネクストエンジン連携設定", zh: "NextEngine对接设置", en: "NextEngine link settings" },
  "ne.app": { ja: "アプリ設定（通常は入力不要）", zh: "应用设置（通常无需填写）", en: "App settings (usually left empty)" },
  "ne.clientId": { ja: "クライアントID", zh: "客户端ID", en: "Client ID" },
  "ne.clientSecret": { ja: "クライアントシークレット", zh: "客户端密钥", en: "Client secret" },
  "ne.apiBaseUrl": { ja: "API URL", zh: "API 地址", en: "API URL" },
  "ne.signInBaseUrl": { ja: "ログイン URL", zh: "登录地址", en: "Sign-in URL" },
  "ne.going": { ja: "ネクストエンジンのログインへ移動しています…", zh: "正在前往NextEngine登录…", en: "Going to NextEngine's login…" },
  "ne.connected": { ja: "ネクストエンジンとの連携が完了しました", zh: "已完成与NextEngine的对接", en: "Linked with NextEngine" },
  "ne.callbackError": { ja: "連携できませんでした", zh: "对接失败", en: "Could not link" },

  "ne.state": { ja: "連携状態", zh: "对接状态", en: "Link state" },
  "neState.pending": { ja: "未連携", zh: "未对接", en: "Not linked" },
  "neState.authorized": { ja: "ログイン済み（停止中）", zh: "已登录（未启动）", en: "Logged in (not started)" },
  "neState.started": { ja: "連携中", zh: "对接中", en: "Linked" },
  "neState.stopped": { ja: "停止中", zh: "已停止", en: "Stopped" },
  "ne.lastError": { ja: "最後のエラー", zh: "最近的错误", en: "Last error" },
  "ne.disconnect": { ja: "連携を解除する", zh: "解除对接", en: "Unlink (連携を解除する)" },
  "ne.disconnectTitle": { ja: "ネクストエンジンとの連携を解除しますか？", zh: "要解除与NextEngine的对接吗？", en: "Unlink NextEngine?" },
  "ne.disconnectNote": {
    ja: "「連携を解除する」をクリックしますと、すべてのネクストエンジン連携が解除されます（受注の取り込み、出荷確定の反映、在庫連携、スケジュール、ログイン情報）。取り込み済みの受注はRenkeiに残ります。",
    zh: "解除后，所有NextEngine对接都将被解除（订单导入、发货回传、库存同步、计划任务和登录信息）。已导入的订单会保留在Renkei中。",
    en: "Every NextEngine link is removed: order import, shipment reports, stock sync, schedules and the login. Orders already imported stay in Renkei.",
  },
  "ne.disconnected": { ja: "連携を解除しました", zh: "已解除对接", en: "Unlinked" },

  "ne.basic": { ja: "基本設定", zh: "基本设置", en: "Basic settings" },
  "ne.basicNote": { ja: "チェックがついている=設定が有効の状態になります。", zh: "勾选即表示该设置已启用。", en: "A ticked box means the setting is on." },
  "ne.markShippedNote": {
    ja: "集荷時まで受注の変更/キャンセルを受け付ける方、集荷後に一括で出荷済みにする方はチェックを外してください。取り込み後に有効にした受注も出荷確定を反映します。",
    zh: "如在揽收前仍接受订单修改/取消，或揽收后批量设为已发货，请取消勾选。启用前已导入的订单也会回传确认发货。",
    en: "Untick if orders may still change until pickup, or you mark them shipped in bulk later. Orders imported before you turn it on are reported too.",
  },
  "ne.needsOne": {
    ja: "①「出荷確定時、受注伝票のステータスを「出荷済み」に更新する」も有効にしてください",
    zh: "需要同时启用①",
    en: "Needs ① on as well",
  },
  "ne.trackingNote": { ja: "追跡番号のみをネクストエンジンの受注伝票へ更新することはできません", zh: "无法只更新追踪单号", en: "The tracking number is never written alone" },
  "ne.caseNote": {
    ja: "例: 楽天の商品「SHOUHIN-001」とネクストエンジンの商品コード「shouhin-001」。元のコードは記録に残ります。",
    zh: "例：乐天商品「SHOUHIN-001」与NextEngine商品编码「shouhin-001」。原始编码会保留记录。",
    en: "e.g. Rakuten 「SHOUHIN-001」 and NextEngine 「shouhin-001」. The original codes are kept.",
  },
  "ne.save": { ja: "保存する", zh: "保存", en: "Save" },
  "ne.saved": { ja: "保存しました", zh: "已保存", en: "Saved" },

  "ne.locations": { ja: "拠点設定", zh: "据点设置", en: "Locations" },
  "ne.locationsNote": {
    ja: "チェックがある拠点の入荷・出荷による在庫変動がネクストエンジンに連携されます（③④）。チェックがない拠点の在庫変動は連携されません。",
    zh: "勾选的据点的入库、发货库存变动会同步到NextEngine（③④）；未勾选的据点不同步。",
    en: "Stock changes from receiving and shipping at ticked locations reach NextEngine (③ ④); unticked locations never do.",
  },
  "ne.locationSync": { ja: "ネクストエンジン連携", zh: "NextEngine同步", en: "Sync with NextEngine" },
  "ne.location": { ja: "拠点", zh: "据点", en: "Location" },
  "ne.noLocations": { ja: "拠点がありません", zh: "没有据点", en: "No locations" },

  "ne.register": { ja: "入荷予定の登録", zh: "登记预计入库", en: "Register expected receipts (入荷予定)" },
  "ne.expectedNote": {
    ja: "倉庫や店舗への入荷予定を登録します。同じ拠点・同じ発注番号の行は1件の入荷予定になります。",
    zh: "登记仓库或门店的预计入库。据点和采购单号相同的行合并为一件预计入库。",
    en: "Announce deliveries to a warehouse or store. Rows with the same location and purchase order number make one delivery.",
  },
  "ne.expectedCode": { ja: "商品コード", zh: "商品编码", en: "Product code" },
  "ne.expectedQuantity": { ja: "数量", zh: "数量", en: "Quantity" },
  "ne.expectedReference": { ja: "発注番号", zh: "采购单号", en: "Purchase order no." },
  "ne.expectedAddRow": { ja: "行を追加", zh: "添加一行", en: "Add a row" },
  "ne.expectedSave": { ja: "入荷予定を登録する", zh: "登记预计入库", en: "Register" },
  "ne.expectedDone": { ja: "{count}件の入荷予定を登録しました", zh: "已登记{count}件预计入库", en: "{count} deliveries registered" },
  "ne.expectedCsv": { ja: "CSVで登録", zh: "用CSV登记", en: "Register from a CSV" },
  "ne.expectedCsvNote": {
    ja: "1行に「拠点コード,商品コード,数量,発注番号,種別」。種別（仕入 / 移動 / その他）は省略でき、空欄の行は上で選んだ種別になります。1行目の見出しは省略できます（見出しがあれば列の順は自由）。誤りのある行があれば、何も登録されません。",
    zh: "每行为「据点编码,商品编码,数量,采购单号,类型」。类型（仕入 采购 / 移動 调拨 / その他 其他）可省略，空白行使用上方选择的类型。首行标题可省略（有标题时列顺序不限）。有错误的行时，不会登记任何内容。",
    en: "One row per line: location code, product code, quantity, purchase order no., kind. The kind (仕入 purchase / 移動 transfer / その他 other) is optional; a blank one takes the kind chosen above. The header is optional (with one, columns may come in any order). If any row is wrong, nothing is registered.",
  },
  "ne.expectedKind": { ja: "種別", zh: "类型", en: "Kind" },
  "neKind.purchase": { ja: "仕入", zh: "采购", en: "Purchase" },
  "neKind.transfer": { ja: "移動", zh: "调拨", en: "Transfer" },
  "neKind.other_in": { ja: "その他", zh: "其他", en: "Other" },
  "ne.expectedCsvSave": { ja: "CSVの入荷予定を登録する", zh: "登记CSV中的预计入库", en: "Register the CSV" },
  "ne.csvRow": { ja: "{row}行目", zh: "第{row}行", en: "Row {row}" },
  "ne.results": { ja: "出荷確定の反映結果（受注ごと）", zh: "发货回传结果（按订单）", en: "Shipment reports, order by order" },
  "ne.resultsNote": {
    ja: "ネクストエンジンの受注伝票を「出荷済み」にできたか、断られた場合はその理由です。分割出荷の受注は最後の出荷で反映し、その追跡番号を書き込みます（ネクストエンジンの発送伝票番号は1件のみ）。",
    zh: "NextEngine订单是否已标记为已发货；被拒绝时显示原因。分批发货的订单在最后一批发货时回传，并写入该批的追踪单号（NextEngine每个订单只有一个发货单号）。",
    en: "Whether each NextEngine order was marked shipped, or why it was refused. An order shipped in parts is reported when its last part ships, with that part's tracking number (NextEngine keeps one per order).",
  },
  "ne.resultsProblems": { ja: "反映できなかった受注のみ", zh: "仅显示未能回传的订单", en: "Only orders not reported" },
  "ne.noResults": { ja: "まだ反映した受注はありません", zh: "尚无回传的订单", en: "No orders reported yet" },
  "ne.resultDetail": { ja: "理由", zh: "原因", en: "Reason" },
  "ne.otherParts": { ja: "他の出荷分: {numbers}", zh: "其他批次: {numbers}", en: "Other parts: {numbers}" },
  "ne.tries": { ja: "{n}回目", zh: "第{n}次", en: "attempt {n}" },
  "neOutcome.shipped": { ja: "出荷済みに更新", zh: "已标记为已发货", en: "Marked shipped" },
  "neOutcome.already-shipped": { ja: "既に出荷済み", zh: "原已发货", en: "Already shipped" },
  "neOutcome.cancelled": { ja: "ネクストエンジンでキャンセル済み", zh: "已在NextEngine取消", en: "Cancelled in NextEngine" },
  "neOutcome.refused": { ja: "ネクストエンジンが拒否", zh: "NextEngine拒绝", en: "Refused by NextEngine" },
  "neOutcome.lock-busy": { ja: "更新が続いたため反映できず", zh: "订单持续变更，未能回传", en: "Order kept changing; not reported" },
  "ne.replay": { ja: "再送", zh: "重新回传", en: "Replay" },
  "ne.replayAll": { ja: "まとめて再送（{n}件）", zh: "批量重新回传（{n}件）", en: "Replay all ({n})" },
  "ne.replayNote": {
    ja: "「ネクストエンジンが拒否」「更新が続いたため反映できず」の受注は、原因を直してから再送できます。再送は1回だけ行われ、結果は受注ごとに表示されます。",
    zh: "「NextEngine拒绝」「订单持续变更」的订单，排除原因后可重新回传。每次重新回传只执行一次，结果按订单显示。",
    en: "Orders refused by NextEngine or that kept changing can be replayed once the cause is fixed. Each replay runs once; its result shows per order.",
  },
  "ne.replaying": { ja: "再送中", zh: "重新回传中", en: "Replaying" },
  "ne.replayed": { ja: "再送結果: {outcome}", zh: "重新回传结果: {outcome}", en: "Replay: {outcome}" },
  "ne.replayStarted": { ja: "{n}件の再送を開始しました", zh: "已开始重新回传{n}件", en: "Replay of {n} started" },
  "ne.uploads": { ja: "在庫アップロード", zh: "库存上传", en: "Stock uploads" },
  "ne.uploadsNote": {
    ja: "ネクストエンジンの在庫数を増減したアップロードです。1件ずつ送り、結果（que_id）を確認してから次を送ります。",
    zh: "这些上传增减了NextEngine的库存。每次只发送一件，确认结果（que_id）后再发送下一件。",
    en: "Uploads that changed NextEngine's stock, sent one at a time; each result (que_id) is checked before the next.",
  },
  "ne.noUploads": { ja: "まだアップロードはありません", zh: "尚无上传", en: "No uploads yet" },
  "ne.queId": { ja: "que_id", zh: "que_id", en: "que_id" },
  "ne.lines": { ja: "増減", zh: "增减", en: "Changes" },
  "ne.result": { ja: "結果", zh: "结果", en: "Result" },
  "ne.attempts": { ja: "送信回数", zh: "发送次数", en: "Attempts" },
  "ne.updatedAt": { ja: "更新日時", zh: "更新时间", en: "Updated" },
  "neUpload.sending": { ja: "送信中", zh: "发送中", en: "Sending" },
  "neUpload.unknown": { ja: "結果確認中", zh: "确认结果中", en: "Checking the outcome" },
  "neUpload.queued": { ja: "反映待ち", zh: "等待生效", en: "Queued in NextEngine" },
  "neUpload.applied": { ja: "反映済み", zh: "已生效", en: "Applied" },
  "neUpload.failed": { ja: "失敗", zh: "失败", en: "Failed" },
  "neUpload.review": { ja: "要確認", zh: "需确认", en: "Needs review" },
  "ne.reviewNote": {
    ja: "応答が届かず、ネクストエンジンの在庫数からも反映されたか判断できませんでした。二重計上を避けるため自動では再送しません。ネクストエンジンの在庫をご確認のうえ、選んでください。",
    zh: "未收到应答，且无法从NextEngine库存判断是否已生效。为避免重复计算，不会自动重发。请确认NextEngine库存后选择。",
    en: "The answer was lost and NextEngine's stock cannot tell whether it was applied. To never count twice it is not resent by itself: check NextEngine's stock, then choose.",
  },
  "neReview.applied": { ja: "反映済みとして閉じる", zh: "视为已生效并关闭", en: "It is applied: close" },
  "neReview.resend": { ja: "再送する", zh: "重新发送", en: "Send again" },
  "neReview.discard": { ja: "送信しないで閉じる", zh: "不发送并关闭", en: "Close without sending" },
  "neUpload.skipped": { ja: "送信なし（全行スキップ）", zh: "未发送（全部跳过）", en: "Not sent (every line skipped)" },
  "neUpload.discarded": { ja: "送信せず閉じました", zh: "未发送并已关闭", en: "Closed unsent" },
  "ne.skippedLines": { ja: "送らなかった行", zh: "未发送的行", en: "Lines not sent" },
  "ne.renkeiCode": { ja: "Renkeiの商品コード {code}", zh: "Renkei商品编码 {code}", en: "Renkei code {code}" },
  "ne.resendSkipped": { ja: "送らなかった行を再送", zh: "重新发送未发送的行", en: "Send the skipped lines" },
  "ne.resendSkippedNote": {
    ja: "ほかの行は反映済みです。送らなかった行は、原因を直してから（ネクストエンジンに商品を登録するなど）それだけを再送できます。",
    zh: "其他行已生效。修正原因后（例如在NextEngine登记商品），可以只重新发送未发送的行。",
    en: "The other lines are applied. Once the cause is fixed (e.g. the goods registered in NextEngine), the skipped lines alone can be sent.",
  },
  "ne.resendNote": {
    ja: "ネクストエンジンには何も反映されていません。原因（商品マスタの登録、商品コード、⑥の設定など）を直してから再送してください。商品コードは再送時に照合し直します。",
    zh: "NextEngine中没有任何变更。请先修正原因（商品主档登记、商品编码、⑥设置等）后再重新发送。重新发送时会再次核对商品编码。",
    en: "Nothing of it reached NextEngine. Fix the cause (the goods in NextEngine's master, the code, setting ⑥), then send it again; the codes are looked up again.",
  },

  "ne.shipping": { ja: "出荷（ネクストエンジン受注）", zh: "发货（NextEngine订单）", en: "Shipping (NextEngine orders)" },
  "ne.shippingNote": {
    ja: "出荷する受注を選び、配送会社と追跡番号を入力（またはスキャン）して出荷確定します。",
    zh: "选择要发货的订单，输入（或扫描）承运商和追踪单号后确认发货。",
    en: "Pick the orders to ship, enter or scan the carrier and tracking number, and confirm.",
  },
  "ne.importNow": { ja: "今すぐ受注を取り込む", zh: "立即导入订单", en: "Import orders now" },
  "ne.scanOrder": { ja: "受注番号をスキャン", zh: "扫描订单号", en: "Scan an order number" },
  "ne.scanUnknown": { ja: "受注 {id} は出荷待ちにありません", zh: "订单 {id} 不在待发货列表中", en: "Order {id} is not waiting to ship" },
  "ne.noOrders": { ja: "出荷待ちの受注はありません", zh: "没有待发货的订单", en: "No orders waiting to ship" },
  "ne.order": { ja: "受注", zh: "订单", en: "Order" },
  "ne.customer": { ja: "お届け先", zh: "收件人", en: "Ship to" },
  "ne.carrier": { ja: "配送会社", zh: "承运商", en: "Carrier" },
  "ne.tracking": { ja: "追跡番号", zh: "追踪单号", en: "Tracking number" },
  "ne.confirmShip": { ja: "選択した{count}件を出荷確定", zh: "确认发货所选 {count} 个", en: "Confirm {count} shipment(s)" },
  "ne.shipped": { ja: "{count}件を出荷確定しました", zh: "已确认发货 {count} 个", en: "{count} shipment(s) confirmed" },
  "ne.receiving": { ja: "入荷（入荷予定 → 入荷確定）", zh: "入库（入库单 → 确认入库）", en: "Receiving (入荷予定 → 入荷確定)" },
  "ne.receivingNote": {
    ja: "拠点に届いた入荷予定を数え、入荷数を入力して入荷確定します。④が有効で連携した拠点なら、ネクストエンジンの在庫にプラスされます。",
    zh: "清点到达据点的入库单，输入实收数量后确认入库。若启用④且据点已关联，将增加NextEngine库存。",
    en: "Count what arrived at the location, enter the quantities and confirm. With ④ on and the location ticked, NextEngine's stock goes up.",
  },
  "ne.noDeliveries": { ja: "入荷予定はありません", zh: "没有入库单", en: "No deliveries waiting" },
  "ne.expected": { ja: "予定数", zh: "预计数量", en: "Expected" },
  "ne.counted": { ja: "入荷数", zh: "实收数量", en: "Counted" },
  "ne.countInvalid": { ja: "入荷数は0以上の整数で入力してください", zh: "实收数量须为0以上的整数", en: "Enter a whole number, 0 or more" },
  "ne.confirmReceipt": { ja: "入荷確定", zh: "确认入库", en: "Confirm receipt" },
  "ne.received": { ja: "{reference} を入荷確定しました", zh: "已确认入库 {reference}", en: "{reference} received" },
  "ne.csv": { ja: "CSVで出荷確定", zh: "通过CSV确认发货", en: "Confirm by CSV" },
  "ne.csvNote": {
    ja: "1行に「受注番号,配送会社,追跡番号」。受注番号はネクストエンジンの伝票番号です。",
    zh: "每行「订单号,承运商,追踪单号」，订单号为NextEngine单据号。",
    en: "One line per order: NextEngine order number, carrier, tracking number.",
  },
  "ne.csvUnknown": { ja: "{row}行目: 受注 {id} は出荷待ちにありません", zh: "第 {row} 行：订单 {id} 不在待发货列表中", en: "Row {row}: order {id} is not waiting to ship" },
} satisfies Record<string, Entry>;

export type NextEngineKey = keyof typeof NEXTENGINE_MESSAGES;
/** What a NextEngine screen's `t` takes: its own keys and the shared ones. */
export type AnyNextEngineKey = NextEngineKey | MessageKey;

const entries: Record<string, Entry> = { ...MESSAGES, ...NEXTENGINE_MESSAGES };

/** A key with no entry (a status the API added since) reads as itself instead of failing the screen. */
export const translateNextEngine = (lang: Lang, key: AnyNextEngineKey, vars?: Vars) => {
  const entry = entries[key];
  return entry ? fill(entry, lang, vars) : key;
};
