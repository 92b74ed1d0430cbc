/**
 * Every string of the store POS in Japanese (first: the default), Chinese and English. Components
 * name keys only; test/pwa/pos-ui checks that each key has all three languages with the same
 * {placeholders}. Messages from the hub (pairing, rejected documents) are shown as the hub wrote
 * them: Japanese first, English in parentheses.
 */

export const LANGS = ["ja", "zh", "en"] as const;
export type Lang = (typeof LANGS)[number];
/** Each language's name in itself, for the switch. */
export const LANG_NAMES: Record<Lang, string> = { ja: "日本語", zh: "中文", en: "English" };
export const isLang = (value: unknown): value is Lang => typeof value === "string" && (LANGS as readonly string[]).includes(value);

type Entry = Record<Lang, string>;

export const MESSAGES = {
  // Shell
  "nav.label": { ja: "メニュー", zh: "菜单", en: "Menu" },
  "nav.sell": { ja: "販売", zh: "销售", en: "Sell" },
  "nav.returns": { ja: "返品・交換", zh: "退换货", en: "Returns" },
  "nav.stocktake": { ja: "棚卸", zh: "盘点", en: "Stocktake" },
  "nav.receiving": { ja: "入荷", zh: "收货", en: "Receiving" },
  "nav.history": { ja: "履歴", zh: "记录", en: "History" },
  "lang.label": { ja: "表示言語", zh: "显示语言", en: "Language" },
  "role.owner": { ja: "オーナー", zh: "所有者", en: "Owner" },
  "role.manager": { ja: "店長", zh: "店长", en: "Manager" },
  "role.staff": { ja: "スタッフ", zh: "店员", en: "Staff" },
  "update.ready": { ja: "新しいバージョンがあります。", zh: "有新版本可用。", en: "A new version is ready." },
  "update.apply": { ja: "今すぐ更新", zh: "立即更新", en: "Update now" },
  "update.afterSale": {
    ja: "新しいバージョンは、この会計（作業）が終わってから適用します。",
    zh: "新版本将在本次结账（操作）完成后应用。",
    en: "A new version will apply after this sale (or task) is finished.",
  },
  "error.start": { ja: "起動できませんでした: {reason}", zh: "无法启动：{reason}", en: "Could not start: {reason}" },
  "error.chunk": {
    ja: "画面を読み込めませんでした。再読み込みしてください。",
    zh: "无法加载页面，请重新加载。",
    en: "This screen could not be loaded. Please reload.",
  },

  // Common actions and states
  "action.apply": { ja: "決定", zh: "确定", en: "Apply" },
  "action.back": { ja: "戻る", zh: "返回", en: "Back" },
  "action.cancel": { ja: "キャンセル", zh: "取消", en: "Cancel" },
  "action.close": { ja: "閉じる", zh: "关闭", en: "Close" },
  "action.open": { ja: "開く", zh: "打开", en: "Open" },
  "action.reload": { ja: "再読み込み", zh: "重新加载", en: "Reload" },
  "action.search": { ja: "検索", zh: "搜索", en: "Search" },
  "state.loading": { ja: "読み込み中…", zh: "加载中…", en: "Loading…" },
  "state.checking": { ja: "確認中…", zh: "验证中…", en: "Checking…" },
  "state.saving": { ja: "保存中…", zh: "保存中…", en: "Saving…" },
  "state.empty": { ja: "該当するものはありません", zh: "没有符合条件的内容", en: "Nothing here" },
  "state.waiting": { ja: "送信待ち", zh: "待发送", en: "Waiting" },
  "state.sent": { ja: "送信済み", zh: "已发送", en: "Sent" },
  "state.rejected": { ja: "エラー", zh: "被拒绝", en: "Rejected" },
  "table.item": { ja: "商品", zh: "商品", en: "Item" },
  "keypad.label": { ja: "テンキー", zh: "数字键盘", en: "Keypad" },
  "keypad.for": { ja: "{label}のテンキー", zh: "{label}数字键盘", en: "Keypad for {label}" },
  "keypad.back": { ja: "1文字消す", zh: "退格", en: "Backspace" },
  "keypad.clear": { ja: "クリア", zh: "清除", en: "Clear" },

  // Status bar
  "status.label": { ja: "端末の状態", zh: "设备状态", en: "Device status" },
  "status.online": { ja: "オンライン", zh: "在线", en: "Online" },
  "status.offline": { ja: "オフライン", zh: "离线", en: "Offline" },
  "status.waiting": { ja: "送信待ち {count}件", zh: "待发送 {count} 条", en: "{count} waiting" },
  "status.sending": { ja: "送信中… 残り{count}件", zh: "发送中… 剩余 {count} 条", en: "Sending… {count} left" },
  "status.sendNow": { ja: "今すぐ送信", zh: "立即发送", en: "Send now" },
  "status.rejected": { ja: "送信エラー {count}件", zh: "被拒绝 {count} 条", en: "{count} rejected" },
  "status.rejectedTitle": { ja: "受け付けられなかった伝票", zh: "被拒绝的单据", en: "Rejected documents" },
  "status.rejectedNote": {
    ja: "これらの伝票は端末に残っています。本部の管理画面（失敗したジョブ）でも確認・再実行できます。",
    zh: "这些单据仍保留在本设备上，也可在总部管理后台（失败的任务）中查看并重新执行。",
    en: "These documents stay on this device; the admin can also see and replay them (dead letters).",
  },
  "status.lastSync": { ja: "最終同期 {time}", zh: "上次同步 {time}", en: "Last sync {time}" },
  "status.never": { ja: "未同期", zh: "尚未同步", en: "never" },
  "status.persisted": { ja: "保存領域: 保護あり", zh: "存储：已保护", en: "Storage: protected" },
  "status.notPersisted": { ja: "保存領域: 保護なし", zh: "存储：未保护", en: "Storage: not protected" },
  "status.persistedHelp": {
    ja: "ブラウザがこの端末のデータを自動で削除しないことを許可しています。",
    zh: "浏览器已允许不自动清除本设备的数据。",
    en: "The browser has agreed not to evict this device's data.",
  },
  "status.notPersistedHelp": {
    ja: "ブラウザの空き容量が少なくなると、データが削除される可能性があります。送信待ちの伝票は早めに送信してください。",
    zh: "浏览器空间不足时数据可能被清除，请尽快发送待发送的单据。",
    en: "The browser may evict this data when space runs low; send waiting documents soon.",
  },
  "status.storageWarning": { ja: "保存容量が残りわずかです", zh: "存储空间即将用尽", en: "Storage nearly full" },
  "status.revoked": {
    ja: "この端末は無効化されました。未送信の伝票は端末に残っています。管理者に連絡してください。",
    zh: "此设备已被停用。未发送的单据仍保留在设备上，请联系管理员。",
    en: "This device was revoked. Unsent documents stay on it. Please contact the administrator.",
  },
  "status.catalog": { ja: "商品データ読込中 {loaded} / {total}", zh: "正在加载商品数据 {loaded} / {total}", en: "Loading catalog {loaded} / {total}" },
  "status.catalogLabel": { ja: "商品データの読込状況", zh: "商品数据加载进度", en: "Catalog load progress" },

  // Pairing and sign-in
  "pair.title": { ja: "端末のペアリング", zh: "设备配对", en: "Pair this device" },
  "pair.intro": {
    ja: "管理画面で発行された8桁のペアリングコードを入力してください。ペアリングは端末ごとに1回だけ必要です。",
    zh: "请输入管理后台生成的 8 位配对码。每台设备只需配对一次。",
    en: "Enter the 8-digit pairing code from the admin. Each tablet is paired once.",
  },
  "pair.code": { ja: "ペアリングコード", zh: "配对码", en: "Pairing code" },
  "pair.submit": { ja: "ペアリング", zh: "配对", en: "Pair" },
  "pair.pairing": { ja: "ペアリング中・商品データ取得中…", zh: "正在配对并下载商品数据…", en: "Pairing and loading the catalog…" },
  "pair.offline": { ja: "ペアリングにはネットワーク接続が必要です。", zh: "配对需要网络连接。", en: "Pairing needs a network connection." },
  "signIn.who": { ja: "担当者を選んでください", zh: "请选择操作员", en: "Who is signing in?" },
  "signIn.noPin": { ja: "PIN未設定（管理画面で設定）", zh: "未设置 PIN（请在管理后台设置）", en: "No PIN yet (set it in the admin)" },
  "signIn.pinFor": { ja: "{name} さんのPIN", zh: "{name} 的 PIN", en: "PIN for {name}" },
  "signIn.switch": { ja: "担当交代", zh: "交班", en: "Switch clerk" },
  "pin.label": { ja: "PINテンキー", zh: "PIN 键盘", en: "PIN keypad" },
  "pin.entered": { ja: "{count}桁入力済み", zh: "已输入 {count} 位", en: "{count} digits entered" },
  "pin.ok": { ja: "OK", zh: "确定", en: "OK" },
  "pin.wrong": { ja: "PINが違います。", zh: "PIN 不正确。", en: "Wrong PIN." },
  "pin.locked": {
    ja: "PINの誤りが続いたためロックしています。15分後にもう一度お試しください。",
    zh: "PIN 错误次数过多，已锁定。请 15 分钟后再试。",
    en: "Locked after too many wrong PINs. Try again in 15 minutes.",
  },
  "pin.notSet": { ja: "PINが設定されていません。管理画面で設定してください。", zh: "尚未设置 PIN，请在管理后台设置。", en: "No PIN is set. Set it in the admin." },
  "pin.needsOnline": {
    ja: "この端末で初めてサインインするときはネットワーク接続が必要です。",
    zh: "在本设备上首次登录需要网络连接。",
    en: "Signing in on this device for the first time needs a network connection.",
  },
  "pin.error": { ja: "確認できませんでした: {reason}", zh: "无法验证：{reason}", en: "Could not check: {reason}" },

  // Scan and search
  "finder.placeholder": { ja: "スキャン、または商品名・コードを入力", zh: "扫码，或输入商品名称/编码", en: "Scan, or type a name or code" },
  "finder.keyboard": { ja: "画面キーボード", zh: "屏幕键盘", en: "On-screen keyboard" },
  "finder.results": { ja: "検索結果", zh: "搜索结果", en: "Results" },
  "finder.none": { ja: "見つかりません", zh: "未找到", en: "Nothing found" },
  "finder.notFound": { ja: "「{query}」は見つかりません", zh: "未找到“{query}”", en: "“{query}” not found" },
  "finder.stock": { ja: "在庫 {count}{unit}", zh: "库存 {count}{unit}", en: "Stock {count}{unit}" },
  "finder.unlisted": { ja: "販売停止", zh: "已停售", en: "Not for sale" },

  // Selling
  "sell.find": { ja: "商品を探す", zh: "查找商品", en: "Find items" },
  "sell.scan": { ja: "バーコード・商品コード・商品名", zh: "条码/商品编码/商品名称", en: "Barcode, code or name" },
  "sell.cart": { ja: "お買い上げ商品", zh: "购物车", en: "Cart" },
  "sell.cartTitle": { ja: "お買い上げ {count}点", zh: "购物车 {count} 件", en: "Cart · {count} items" },
  "sell.empty": { ja: "商品をスキャンしてください", zh: "请扫描商品", en: "Scan an item to start" },
  "sell.clear": { ja: "取消", zh: "清空", en: "Clear" },
  "sell.clearTitle": { ja: "この会計を取り消しますか？", zh: "要清空本次结账吗？", en: "Clear this sale?" },
  "sell.pay": { ja: "会計", zh: "结账", en: "Pay" },
  "sell.added": { ja: "追加: {name}", zh: "已添加：{name}", en: "Added: {name}" },
  "sell.unlisted": { ja: "{name} は販売停止中です", zh: "{name} 已停售", en: "{name} is not for sale" },
  "unit.price": { ja: "単価", zh: "单价", en: "Unit price" },
  "unit.range": { ja: "{min}〜{max}{unit} で入力", zh: "请输入 {min}〜{max}{unit}", en: "Enter {min}–{max} {unit}" },
  "unit.outOfRange": {
    ja: "{min}〜{max}{unit} の範囲で入力してください",
    zh: "请输入 {min}〜{max}{unit} 范围内的值",
    en: "Enter a whole number from {min} to {max} {unit}",
  },
  "unit.add": { ja: "カートに追加", zh: "加入购物车", en: "Add to cart" },

  // Cart
  "cart.quantity": { ja: "数量", zh: "数量", en: "Quantity" },
  "cart.less": { ja: "1つ減らす", zh: "减少 1", en: "One less" },
  "cart.more": { ja: "1つ増やす", zh: "增加 1", en: "One more" },
  "cart.lessOf": { ja: "{name} を1つ減らす", zh: "{name} 减少 1", en: "One less {name}" },
  "cart.moreOf": { ja: "{name} を1つ増やす", zh: "{name} 增加 1", en: "One more {name}" },
  "cart.quantityOf": { ja: "{name} の数量", zh: "{name} 的数量", en: "Quantity of {name}" },
  "cart.removeOf": { ja: "{name} を削除", zh: "删除 {name}", en: "Remove {name}" },
  "cart.discount": { ja: "値引", zh: "折扣", en: "Discount" },
  "cart.lineDiscount": { ja: "値引 -{amount}", zh: "折扣 -{amount}", en: "discount -{amount}" },
  "cart.discountAmount": { ja: "値引額", zh: "折扣金额", en: "Discount amount" },
  "cart.discountPercent": { ja: "値引率 (%)", zh: "折扣率 (%)", en: "Discount (%)" },
  "cart.discountMax": { ja: "最大 {amount}", zh: "最多 {amount}", en: "At most {amount}" },
  "cart.discountIs": { ja: "値引額 {amount}", zh: "折扣金额 {amount}", en: "Discount {amount}" },
  "cart.subtotal": { ja: "小計", zh: "小计", en: "Subtotal" },
  "cart.subtotalDiscount": { ja: "小計値引", zh: "整单折扣", en: "Subtotal discount" },
  "cart.tax": { ja: "消費税", zh: "税额", en: "Tax" },
  "cart.total": { ja: "合計", zh: "合计", en: "Total" },
  "cart.totals": { ja: "合計金額", zh: "合计金额", en: "Totals" },

  // Payment
  "pay.title": { ja: "お支払い", zh: "付款", en: "Payment" },
  "pay.total": { ja: "合計", zh: "合计", en: "Total" },
  "pay.paid": { ja: "お預かり", zh: "已收", en: "Paid" },
  "pay.remaining": { ja: "残り", zh: "还需支付", en: "Left to pay" },
  "pay.change": { ja: "お釣り", zh: "找零", en: "Change" },
  "pay.tenders": { ja: "支払い方法の内訳", zh: "付款明细", en: "Tenders" },
  "pay.method": { ja: "支払い方法", zh: "付款方式", en: "Payment method" },
  "pay.quick": { ja: "よく使う金額", zh: "常用金额", en: "Quick amounts" },
  "pay.exact": { ja: "ちょうど", zh: "刚好", en: "Exact" },
  "pay.amount": { ja: "{method} の金額", zh: "{method} 金额", en: "{method} amount" },
  "pay.amountHint": { ja: "空欄のまま追加すると残り {amount}", zh: "留空则按剩余金额 {amount}", en: "Empty adds what is left: {amount}" },
  "pay.addTender": { ja: "{method} で受け取る", zh: "以{method}收款", en: "Take by {method}" },
  "pay.removeTender": { ja: "{method} を取り消す", zh: "取消 {method}", en: "Remove {method}" },
  "pay.badAmount": { ja: "金額を確認してください", zh: "请检查金额", en: "Check the amount" },
  "pay.overpaid": {
    ja: "{method} は残りの金額までしか受け取れません（お釣りは現金のみ）",
    zh: "{method} 不能超过剩余金额（仅现金可找零）",
    en: "{method} cannot exceed what is left (only cash gives change)",
  },
  "pay.commit": { ja: "会計を確定", zh: "确认结账", en: "Complete sale" },
  "pay.failed": { ja: "保存できませんでした: {reason}", zh: "无法保存：{reason}", en: "Could not save: {reason}" },

  // Receipt
  "receipt.label": { ja: "レシート", zh: "小票", en: "Receipt" },
  "receipt.title.sale": { ja: "領収書", zh: "收据", en: "Receipt" },
  "receipt.title.return": { ja: "返品伝票", zh: "退货单", en: "Return" },
  "receipt.title.exchange": { ja: "交換伝票", zh: "换货单", en: "Exchange" },
  "receipt.number": { ja: "No.", zh: "单号", en: "No." },
  "receipt.staff": { ja: "担当", zh: "操作员", en: "Clerk" },
  "receipt.discount": { ja: "値引", zh: "折扣", en: "Discount" },
  "receipt.subtotalDiscount": { ja: "小計値引", zh: "整单折扣", en: "Subtotal discount" },
  "receipt.total": { ja: "合計", zh: "合计", en: "Total" },
  "receipt.refundTotal": { ja: "返金額", zh: "退款金额", en: "Refund" },
  "receipt.returned": { ja: "返品", zh: "退回商品", en: "Returned" },
  "receipt.given": { ja: "お渡し商品", zh: "换出商品", en: "Given" },
  "receipt.refund": { ja: "返金", zh: "退款", en: "Refund" },
  "receipt.change": { ja: "お釣り", zh: "找零", en: "Change" },
  "receipt.taxInclusive": { ja: "{rate}%対象 {amount} (内消費税 {tax})", zh: "{rate}%税率 {amount}（含税 {tax}）", en: "{rate}% items {amount} (incl. tax {tax})" },
  "receipt.taxExclusive": { ja: "{rate}%対象 {amount} (外税 {tax})", zh: "{rate}%税率 {amount}（税额 {tax}）", en: "{rate}% items {amount} (tax {tax})" },
  "receipt.reducedNote": { ja: "※は軽減税率対象商品です", zh: "※为适用轻减税率的商品", en: "※ reduced tax rate item" },
  "receipt.barcode": { ja: "伝票IDのバーコード", zh: "单据 ID 条码", en: "Document ID barcode" },
  "doc.nextCustomer": { ja: "次のお客様", zh: "下一位顾客", en: "Next customer" },
  "doc.print": { ja: "印刷", zh: "打印", en: "Print" },
  "doc.returnThis": { ja: "この取引を返品・交換", zh: "对此交易退换货", en: "Return / exchange this" },
  "doc.notFound": { ja: "この端末に該当する伝票はありません", zh: "本设备上没有该单据", en: "No such document on this device" },
  "doc.rejected": { ja: "本部がこの伝票を受け付けませんでした:", zh: "总部拒绝了此单据：", en: "The hub rejected this document:" },
  "kind.sale": { ja: "売上", zh: "销售", en: "Sale" },
  "kind.return": { ja: "返品", zh: "退货", en: "Return" },
  "kind.exchange": { ja: "交換", zh: "换货", en: "Exchange" },
  "kind.stocktake": { ja: "棚卸", zh: "盘点", en: "Stocktake" },
  "kind.receipt": { ja: "入荷", zh: "收货", en: "Receiving" },

  // Returns and exchanges
  "returns.title": { ja: "返品・交換", zh: "退换货", en: "Returns and exchanges" },
  "returns.scanReceipt": { ja: "レシートのバーコード・レシート番号", zh: "小票条码/小票号", en: "Receipt barcode or number" },
  "returns.scanPlaceholder": { ja: "レシートをスキャン、または番号を入力", zh: "扫描小票，或输入单号", en: "Scan the receipt, or type its number" },
  "returns.recentSales": { ja: "この端末の売上", zh: "本设备的销售", en: "Sales on this device" },
  "returns.noSuchReceipt": { ja: "「{query}」のレシートはこの端末にありません", zh: "本设备上没有“{query}”的小票", en: "No receipt “{query}” on this device" },
  "returns.notSale": { ja: "{number} は売上伝票ではありません", zh: "{number} 不是销售单", en: "{number} is not a sale" },
  "returns.noReceipt": { ja: "レシートなしで返品（店長承認）", zh: "无小票退货（需店长批准）", en: "No receipt (manager approval)" },
  "returns.approvalTitle": { ja: "店長承認", zh: "店长批准", en: "Manager approval" },
  "returns.approvalNote": {
    ja: "レシートなしの返品・交換には、店長またはオーナーのPINが必要です。",
    zh: "无小票退换货需要店长或所有者输入 PIN。",
    en: "A return without a receipt needs a manager's or owner's PIN.",
  },
  "returns.manager": { ja: "承認者", zh: "批准人", en: "Approver" },
  "returns.noManager": { ja: "PINを設定した店長がいません", zh: "没有已设置 PIN 的店长", en: "No manager with a PIN" },
  "returns.approvedBy": { ja: "レシートなし・承認: {name}", zh: "无小票 · 批准人：{name}", en: "No receipt · approved by {name}" },
  "returns.backSection": { ja: "返品する商品", zh: "退回的商品", en: "Coming back" },
  "returns.original": { ja: "元の取引 {number}（{time}）", zh: "原交易 {number}（{time}）", en: "Original sale {number} ({time})" },
  "returns.originalLines": { ja: "元の取引の明細", zh: "原交易明细", en: "Lines of the original sale" },
  "returns.sold": { ja: "販売 {sold} / 返品可 {remaining}", zh: "售出 {sold} / 可退 {remaining}", en: "sold {sold} / returnable {remaining}" },
  "returns.quantityOf": { ja: "{name} の返品数", zh: "{name} 的退货数量", en: "Quantity of {name} to return" },
  "returns.defective": { ja: "残次品", zh: "残次品", en: "Defective" },
  "returns.defectiveOf": { ja: "{name} は残次品", zh: "{name} 为残次品", en: "{name} is defective" },
  "returns.scanToReturn": { ja: "返品する商品をスキャンしてください", zh: "请扫描要退回的商品", en: "Scan the items coming back" },
  "returns.backTotal": { ja: "返品額", zh: "退货金额", en: "Returned value" },
  "returns.outSection": { ja: "交換でお渡しする商品", zh: "换出的商品", en: "Going out (exchange)" },
  "returns.outTotal": { ja: "お渡し商品", zh: "换出商品金额", en: "Given value" },
  "returns.settle": { ja: "精算", zh: "结算", en: "Settle" },
  "returns.addExchange": { ja: "交換商品を追加", zh: "添加换货商品", en: "Add exchange items" },
  "returns.scanInto": { ja: "スキャン先", zh: "扫码加入", en: "Scan into" },
  "returns.scanIntoBack": { ja: "返品", zh: "退回", en: "Coming back" },
  "returns.scanIntoOut": { ja: "お渡し", zh: "换出", en: "Going out" },
  "returns.scanBack": { ja: "返品する商品", zh: "退回的商品", en: "Item coming back" },
  "returns.scanOut": { ja: "お渡しする商品", zh: "换出的商品", en: "Item going out" },
  "returns.refundMethod": { ja: "返金方法", zh: "退款方式", en: "Refund by" },
  "returns.commitReturn": { ja: "返品を確定（{method}で{amount}返金）", zh: "确认退货（{method}退款 {amount}）", en: "Complete return (refund {amount} by {method})" },
  "returns.commitExchange": { ja: "交換を確定", zh: "确认换货", en: "Complete exchange" },
  "returns.commitExchangePay": { ja: "差額 {amount} を受け取る", zh: "收取差额 {amount}", en: "Take the difference {amount}" },
  "returns.payDifference": { ja: "差額のお支払い", zh: "支付差额", en: "Pay the difference" },
  "exchange.toPay": { ja: "お支払い（差額）", zh: "应付差额", en: "To pay (difference)" },
  "exchange.toRefund": { ja: "ご返金", zh: "应退金额", en: "To refund" },

  // Stocktake
  "stocktake.title": { ja: "棚卸", zh: "盘点", en: "Stocktake" },
  "stocktake.area": { ja: "エリア・棚", zh: "区域/货架", en: "Area / shelf" },
  "stocktake.areaPlaceholder": { ja: "例: A-1 入口棚", zh: "例：A-1 入口货架", en: "e.g. A-1 front shelf" },
  "stocktake.start": { ja: "数え始める", zh: "开始盘点", en: "Start counting" },
  "stocktake.recentAreas": { ja: "最近のエリア", zh: "最近的区域", en: "Recent areas" },
  "stocktake.changeArea": { ja: "エリアを変更", zh: "更换区域", en: "Change area" },
  "stocktake.scan": { ja: "数える商品をスキャン", zh: "扫描要盘点的商品", en: "Scan an item to count" },
  "stocktake.counted1": { ja: "{name}: {count}", zh: "{name}：{count}", en: "{name}: {count}" },
  "stocktake.lines": { ja: "数えた商品 {count}品目", zh: "已盘点 {count} 个品项", en: "{count} items counted" },
  "stocktake.empty": { ja: "同じ商品をもう一度スキャンすると1つ増えます", zh: "再次扫描同一商品数量加 1", en: "Scanning the same item again adds 1" },
  "stocktake.countOf": { ja: "{name} の数を入力", zh: "输入 {name} 的数量", en: "Key the count of {name}" },
  "stocktake.countIn": { ja: "数量 ({unit})", zh: "数量（{unit}）", en: "Count ({unit})" },
  "stocktake.counted": { ja: "実数", zh: "实盘数", en: "Counted" },
  "stocktake.expected": { ja: "帳簿", zh: "账面数", en: "On record" },
  "stocktake.difference": { ja: "差異", zh: "差异", en: "Difference" },
  "stocktake.discard": { ja: "破棄", zh: "放弃", en: "Discard" },
  "stocktake.discardConfirm": { ja: "数えた内容を破棄しますか？", zh: "要放弃已盘点的内容吗？", en: "Discard these counts?" },
  "stocktake.review": { ja: "確認して提出", zh: "核对并提交", en: "Review and submit" },
  "stocktake.reviewTitle": { ja: "棚卸の確認: {area}", zh: "盘点核对：{area}", en: "Review: {area}" },
  "stocktake.reviewNote": {
    ja: "提出後、店長が棚卸を申請し、本部が承認すると在庫に反映されます（盘盈・盘亏）。",
    zh: "提交后由店长提交盘点单，商家后台审核后计入库存（盘盈/盘亏）。",
    en: "After this, the store manager submits the stocktake and the merchant approves it into stock.",
  },
  "stocktake.keepCounting": { ja: "続けて数える", zh: "继续盘点", en: "Keep counting" },
  "stocktake.submit": { ja: "この棚を提出", zh: "提交此区域", en: "Submit this sheet" },

  // Receiving
  "receiving.title": { ja: "入荷予定", zh: "待收货", en: "Deliveries to receive" },
  "receiving.none": { ja: "入荷予定はありません", zh: "没有待收货的单据", en: "No deliveries waiting" },
  "receiving.loadFailed": { ja: "入荷予定を取得できません: {reason}", zh: "无法获取待收货单据：{reason}", en: "Could not load deliveries: {reason}" },
  "receiving.summary": { ja: "{lines}品目・{quantity}点", zh: "{lines} 个品项 · {quantity} 件", en: "{lines} lines · {quantity} pieces" },
  "receiving.inbound": { ja: "入荷伝票", zh: "入库单", en: "Delivery" },
  "receiving.expected": { ja: "予定数", zh: "应收", en: "Expected" },
  "receiving.received": { ja: "検品数", zh: "实收", en: "Received" },
  "receiving.receivedOf": { ja: "{name} の検品数", zh: "{name} 的实收数量", en: "Received of {name}" },
  "receiving.differences": { ja: "{count}品目で予定数と差異があります", zh: "{count} 个品项与应收数量不一致", en: "{count} lines differ from what was sent" },
  "receiving.commit": { ja: "入荷を確定", zh: "确认收货", en: "Confirm receiving" },
  "inbound.purchase": { ja: "仕入", zh: "采购", en: "Purchase" },
  "inbound.transfer": { ja: "移動", zh: "调拨", en: "Transfer" },
  "inbound.other_in": { ja: "その他入庫", zh: "其他入库", en: "Other in" },

  // History
  "history.today": { ja: "本日の伝票", zh: "今日单据", en: "Today's documents" },
  "history.results": { ja: "検索結果", zh: "搜索结果", en: "Results" },
  "history.search": { ja: "レシート番号で検索", zh: "按小票号搜索", en: "Search by receipt number" },
  "history.placeholder": { ja: "レシート番号（例: S001-01-000123）またはスキャン", zh: "小票号（例：S001-01-000123）或扫码", en: "Receipt number (e.g. S001-01-000123) or scan" },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof MESSAGES;
export type Vars = Record<string, string | number>;

/** The text of `key` in `lang` with {placeholders} filled; a missing variable stays visible as {name}. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const entry: Entry = MESSAGES[key];
  const text = entry[lang] || entry.ja;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
}

/** The {placeholders} a text uses, sorted; the completeness test compares them across languages. */
export const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
