/**
 * The strings of the Smaregi link screens (seed 000 スマレジ連携), in Japanese, Chinese and
 * English like i18n.ts. The seed's own labels (settings, choices, buttons) keep its Japanese
 * exactly. Loaded with those screens only; `useSmaregiT` reads this dictionary, then the shared
 * one. test/pwa checks it like the store screens' dictionary.
 */
import { fill, MESSAGES, type Entry, type Lang, type MessageKey, type Vars } from "./i18n";

export const SMAREGI_MESSAGES = {
  "sm.title": { ja: "スマレジ連携設定", zh: "Smaregi 对接设置", en: "Smaregi link settings" },
  "sm.back": { ja: "連携先一覧へ", zh: "返回连接列表", en: "Back to connections" },
  "sm.new": { ja: "スマレジ連携を追加", zh: "新增 Smaregi 对接", en: "Add a Smaregi link" },
  "sm.newNote": {
    ja: "スマレジ・アプリマーケットで利用申込を済ませ、アプリのクライアントIDとクライアントシークレットを入力してください。",
    zh: "请先在 Smaregi 应用市场完成使用申请，再输入应用的客户端 ID 和客户端密钥。",
    en: "Apply for the app in the Smaregi App Market first, then enter the app's client ID and client secret.",
  },
  "sm.name": { ja: "連携名", zh: "对接名称", en: "Link name" },
  "sm.clientId": { ja: "クライアントID", zh: "客户端 ID", en: "Client ID" },
  "sm.clientSecret": { ja: "クライアントシークレット", zh: "客户端密钥", en: "Client secret" },
  "sm.baseUrl": { ja: "接続先（空欄で本番）", zh: "连接地址（留空为正式环境）", en: "Server (empty: production)" },
  "sm.baseUrlHint": {
    ja: "https://smaregi.dev でスマレジのサンドボックス、テスト用の偽スマレジはそのURL",
    zh: "https://smaregi.dev 为 Smaregi 沙箱；测试用模拟 Smaregi 填其 URL",
    en: "https://smaregi.dev for Smaregi's sandbox; the fake Smaregi's URL for tests",
  },
  "sm.create": { ja: "追加して認証へ進む", zh: "添加并前往授权", en: "Add, then authorize" },

  // 2.アプリ認証処理
  "sm.step.auth": { ja: "2.アプリ認証処理", zh: "2. 应用授权", en: "2. App authorization" },
  "sm.authNote": {
    ja: "[認証]ボタンをクリックすると、スマレジのログイン画面が開きます。ログイン後、[許可]をクリックしてください。",
    zh: "点击[认证]后将打开 Smaregi 登录页面。登录后请点击[允许]。",
    en: "[認証] opens Smaregi's sign-in page. After signing in, click [許可] (allow).",
  },
  "sm.authorize": { ja: "認証", zh: "认证", en: "Authorize" },
  "sm.result": { ja: "結果:{result}", zh: "结果:{result}", en: "Result: {result}" },
  "sm.activated": { ja: "有効化済み", zh: "已启用", en: "activated" },
  "sm.notActivated": { ja: "未認証", zh: "未认证", en: "not authorized" },
  "sm.contract": { ja: "契約ID", zh: "合同 ID", en: "Contract ID" },
  "sm.error.access_denied": { ja: "スマレジで[許可]されませんでした", zh: "未在 Smaregi 上点击[允许]", en: "Smaregi's [許可] was not given" },
  "sm.error.state_mismatch": {
    ja: "認証の有効期限が切れたか、別の画面から開かれました。もう一度[認証]してください",
    zh: "授权已过期或从其他页面打开，请重新[认证]",
    en: "The authorization expired or came from another page; authorize again",
  },
  "sm.error.other": { ja: "認証できませんでした（{reason}）", zh: "认证失败（{reason}）", en: "Authorization failed ({reason})" },
  "sm.lastError": { ja: "最後のエラー", zh: "最近的错误", en: "Last error" },

  // ■スマレジ連携開始設定
  "sm.startSetting": { ja: "■スマレジ連携開始設定", zh: "■Smaregi 对接启用设置", en: "■ Smaregi link start setting" },
  "sm.startNote": {
    ja: "連携に必要なすべての設定が完了するまでは[連携を停止する]のままにしてください。開始の前に、下の「連携開始前の確認」で何が起きるかを確認できます。",
    zh: "在完成所有必要设置之前，请保持[停止对接]。启动前可在下方“启动前确认”中查看将发生的变化。",
    en: "Keep it at [連携を停止する] (stopped) until every setting is done. Before starting, the preview below shows what starting will do.",
  },
  "sm.start": { ja: "連携を開始する", zh: "开始对接", en: "Start the link" },
  "sm.stop": { ja: "連携を停止する", zh: "停止对接", en: "Stop the link" },
  "sm.startRefused": { ja: "連携を開始できません。以下を確認してください", zh: "无法开始对接，请检查以下内容", en: "Cannot start: check the items below" },
  "sm.needsAuth": { ja: "先に[認証]を行ってください", zh: "请先进行[认证]", en: "Authorize first" },

  // 設定項目
  "sm.settingsTitle": { ja: "EC受注・在庫連携設定", zh: "电商订单・库存对接设置", en: "Order and stock sync settings" },
  "sm.save": { ja: "設定を保存する", zh: "保存设置", en: "Save settings" },
  "sm.saved": { ja: "設定を保存しました", zh: "设置已保存", en: "Settings saved" },
  "sm.none": { ja: "（未設定）", zh: "（未设置）", en: "(not set)" },
  "sm.adjustmentHint": {
    ja: "調整額が正の値ならこの商品番号の明細として、マイナスならプロモーション割引としてスマレジに連携されます",
    zh: "调整金额为正数时作为此商品编号的明细，负数时作为促销折扣对接到 Smaregi",
    en: "A positive adjustment goes to Smaregi as a line of this product; a negative one as a promotion discount",
  },
  "sm.dummyHint": {
    ja: "受注明細の商品番号が未設定の場合、この商品番号でスマレジに連携されます",
    zh: "订单明细未设置商品编号时，以此商品编号对接到 Smaregi",
    en: "Lines without a product code go to Smaregi under this code",
  },
  "sm.codeHint": { ja: "スマレジに登録済みの商品番号", zh: "须为 Smaregi 中已登记的商品编号", en: "Must exist in Smaregi" },
  "sm.enclosureHint": { ja: "封入物商品を在庫管理する場合は[連携する]", zh: "需要管理附赠品库存时选[对接]", en: "Choose [連携する] to manage enclosure items' stock" },
  "sm.csvHint": {
    ja: "在庫が引き当らない注文（例：スマレジ側の在庫不足）を送り状・出荷CSVに含めるか",
    zh: "库存未能占用的订单（如 Smaregi 库存不足）是否输出到面单・出库CSV",
    en: "Whether orders whose allocation failed (e.g. short in Smaregi) go into the shipping label / shipping CSV",
  },
  "sm.basisHint": {
    ja: "基本的には[受注在庫引当数量で計算]を選択してください（スマレジ側の在庫数で引き当てます）",
    zh: "通常请选择[按订单库存占用数量计算]（按 Smaregi 的库存数占用）",
    en: "Usually choose Smaregi's allocatable stock: allocation then follows Smaregi's figure",
  },
  "sm.aggregationHint": {
    ja: "[受注在庫引当数量で計算]のときに参照するスマレジの在庫数",
    zh: "选择[按订单库存占用数量计算]时参考的 Smaregi 库存数",
    en: "Which Smaregi stock is read when allocating by Smaregi's figure",
  },
  "sm.aggregationUnused": {
    ja: "[受注購入数量で計算]のときは使われません",
    zh: "选择[按订单购买数量计算]时不使用",
    en: "Not used while allocating by Renkei's own stock",
  },
  "sm.inquiryNote": {
    ja: "スマレジ側の在庫引き当て設定（受注店舗の[自動処理]›「引当」）が[OFF]の場合だけ設定してください。",
    zh: "仅当 Smaregi 的库存占用设置（接单店铺的[自动处理]›“占用”）为[OFF]时才需要设置。",
    en: "Only needed when Smaregi's own allocation (the order store's 自動処理 › 引当) is OFF.",
  },
  "sm.inquiryHint": {
    ja: "この受注ステータスに入った注文について、スマレジに在庫引当を依頼します",
    zh: "订单进入此状态时，请求 Smaregi 占用库存",
    en: "Orders entering this status are sent to Smaregi for allocation",
  },
  "sm.allocatedHint": {
    ja: "すべての明細で引当できたときの移動先。引当できなかった注文は「引当失敗」タグが付き、ステータスはそのままです",
    zh: "所有明细占用成功后移至此状态。未能占用的订单加上“引当失败”标签，状态不变",
    en: "Where an order goes once every line is allocated; one that is not keeps its status and gets the tag 引当失敗",
  },
  "sm.allocatedNeedsTrigger": {
    ja: "在庫引当自動照会対象ステータスを先に選んでください",
    zh: "请先选择库存占用自动查询对象状态",
    en: "Choose the trigger status first",
  },
  "sm.shipmentHint": {
    ja: "スマレジに受注連携済み かつ 出荷日登録済みの受注だけが対象です。それ以外は理由付きでスキップされます",
    zh: "仅限已对接到 Smaregi 且已登记出库日的订单，其他订单会附原因跳过",
    en: "Only orders already sent to Smaregi with a ship date go; the others are skipped with the reason",
  },
  "sm.shipNow": { ja: "今すぐ受注一括出荷連携", zh: "立即批量出库对接", en: "Push shipped orders now" },
  "sm.shipSaveFirst": { ja: "ステータスを保存してから実行できます", zh: "保存状态后才能执行", en: "Save the status first" },
  "sm.shipLast": {
    ja: "前回 {at}：出荷連携 {shipped}件／スキップ {skipped}件",
    zh: "上次 {at}：出库对接 {shipped} 件／跳过 {skipped} 件",
    en: "Last run {at}: {shipped} pushed / {skipped} skipped",
  },
  "sm.sendTitle": { ja: "受注連携（スマレジへの受注登録）", zh: "订单对接（向 Smaregi 登记订单）", en: "Orders to Smaregi" },
  "sm.sendHint": {
    ja: "紐づけた店舗の受注を、受注連携設定（封入物・調整額・ダミー商品番号）に従ってスマレジに登録します。1受注は1回だけ登録されます。連携開始中は5分ごとに自動で実行されます",
    zh: "按订单对接设置（附赠品・调整金额・虚拟商品编号）将已关联店铺的订单登记到 Smaregi。每张订单只登记一次。对接启用期间每 5 分钟自动执行",
    en: "Orders of the mapped stores go to Smaregi as the order settings say (enclosures, adjustment, dummy code), each once; while the link is started this runs every 5 minutes",
  },
  "sm.sendNow": { ja: "今すぐ受注連携", zh: "立即对接订单", en: "Send orders now" },
  "sm.sendMapFirst": { ja: "店舗(モール)とスマレジ店舗IDを紐づけてから実行できます", zh: "请先关联店铺(商城)与 Smaregi 店铺ID", en: "Map a store to a Smaregi order store first" },
  "sm.sendLast": {
    ja: "前回 {at}：受注連携 {sent}件／スキップ {skipped}件",
    zh: "上次 {at}：订单对接 {sent} 件／跳过 {skipped} 件",
    en: "Last run {at}: {sent} sent / {skipped} skipped",
  },
  "sm.order": { ja: "受注番号", zh: "订单号", en: "Order" },
  "sm.reason": { ja: "理由", zh: "原因", en: "Reason" },
  "sm.productSyncHint": {
    ja: "[連携する]を選ぶと、下の「スマレジから新規商品情報一括取得」が使えるようになります",
    zh: "选择[对接]后，可使用下方的“从 Smaregi 批量获取新商品信息”",
    en: "With [連携する] the import 「スマレジから新規商品情報一括取得」 below becomes available",
  },

  // 送り状・出荷CSV
  "sm.csvTitle": { ja: "送り状・出荷CSV出力", zh: "面单・出库CSV输出", en: "Shipping label / shipping CSV" },
  "sm.csvStatus": { ja: "出力する受注ステータス", zh: "输出的订单状态", en: "Orders in status" },
  "sm.csvExport": { ja: "CSVを出力する", zh: "输出CSV", en: "Export CSV" },
  "sm.csvDone": { ja: "{included}件を出力しました（除外 {excluded}件）", zh: "已输出 {included} 件（排除 {excluded} 件）", en: "{included} exported ({excluded} left out)" },
  "sm.csvEmpty": { ja: "出力する受注がありません", zh: "没有可输出的订单", en: "No orders to export" },

  // 3.両システムで必要な設定
  "sm.step.mappings": { ja: "3.両システムで必要な設定", zh: "3. 两个系统中需要的设置", en: "3. Setup in both systems" },
  "sm.choicesLive": { ja: "スマレジから取得した一覧です", zh: "以下列表实时取自 Smaregi", en: "Lists read live from Smaregi" },
  "sm.reloadChoices": { ja: "一覧を再取得", zh: "重新获取列表", en: "Reload the lists" },
  "sm.orderStoresTitle": { ja: "店舗(モール)ごとの設定", zh: "各店铺（商城）设置", en: "Per store (mall)" },
  "sm.orderStoresNote": {
    ja: "受注店舗には、スマレジの[在庫同期]タブで倉庫を紐づけてください。税計算設定はスマレジの販売区分に揃えます（内税販売⇒税込、外税販売⇒税別）。",
    zh: "请在 Smaregi 的[库存同步]标签中为接单店铺关联仓库。税额计算设置须与 Smaregi 的销售区分一致（内税销售⇒含税，外税销售⇒不含税）。",
    en: "Link a warehouse to each order store on Smaregi's 在庫同期 tab. Match the tax setting to Smaregi's 販売区分 (内税販売 ⇒ 税込, 外税販売 ⇒ 税別).",
  },
  "sm.channel": { ja: "店舗（モール）", zh: "店铺（商城）", en: "Store (mall)" },
  "sm.sellDivision.included": { ja: "内税販売", zh: "内税销售", en: "Tax-inclusive" },
  "sm.sellDivision.excluded": { ja: "外税販売", zh: "外税销售", en: "Tax-exclusive" },
  "sm.noWarehouse": { ja: "倉庫未紐づけ", zh: "未关联仓库", en: "no warehouse" },
  "sm.paymentTitle": { ja: "支払方法の設定", zh: "支付方式设置", en: "Payment methods" },
  "sm.paymentMethod": { ja: "支払方法", zh: "支付方式", en: "Payment method" },
  "sm.paymentNote": {
    ja: "「スマレジ支払方法」には、スマレジから取得した支払方法を選びます。スマレジに無い支払方法は登録・連携開始のときにエラーになります。受注の支払方法は、ここで紐づけたスマレジ支払方法として受注と一緒に送られます。紐づけのない支払方法の受注は、理由を表示して送らずに保留します（支払方法のない受注はそのまま送られます）。",
    zh: "「Smaregi 支付方式」请从 Smaregi 获取的列表中选择。Smaregi 中不存在的支付方式在登记和开始对接时会报错。订单的支付方式按此处关联的 Smaregi 支付方式随订单发送。支付方式未关联的订单会显示原因并暂缓发送（没有支付方式的订单照常发送）。",
    en: "Choose each Smaregi payment method from the list read from Smaregi; one Smaregi does not have is refused on save and at start. An order's payment method goes with it as the Smaregi method mapped here; an order whose method has no mapping is held with the reason (an order without a payment method goes as it is).",
  },
  "sm.register": { ja: "この内容で登録する", zh: "按此内容登记", en: "Register these settings" },
  "sm.locationsTitle": { ja: "在庫連携拠点", zh: "库存对接仓库/门店", en: "Stock locations" },
  "sm.locationsNote": {
    ja: "拠点ごとに、在庫数をどちらが正とするか（マスター）を選びます。Renkeiがマスターの拠点はRenkeiの在庫数をスマレジに送り、スマレジがマスターの拠点はスマレジの在庫数を取り込みます。",
    zh: "为每个仓库/门店选择以哪一方的库存为准。以 Renkei 为准时把 Renkei 的库存发送到 Smaregi；以 Smaregi 为准时导入 Smaregi 的库存。",
    en: "For each location, choose whose figure wins. Where Renkei is master its figure is sent to Smaregi; where Smaregi is, Smaregi's figure comes in.",
  },
  "sm.location": { ja: "Renkeiの拠点", zh: "Renkei 仓库/门店", en: "Renkei location" },
  "sm.smaregiStore": { ja: "スマレジの店舗・倉庫", zh: "Smaregi 门店・仓库", en: "Smaregi store / warehouse" },
  "sm.warehouse": { ja: "倉庫", zh: "仓库", en: "warehouse" },
  "sm.master.renkei": { ja: "Renkei", zh: "Renkei", en: "Renkei" },
  "sm.master.smaregi": { ja: "スマレジ", zh: "Smaregi", en: "Smaregi" },
  "sm.add": { ja: "行を追加", zh: "添加行", en: "Add a row" },
  "sm.remove": { ja: "削除", zh: "删除", en: "Remove" },
  "sm.choose": { ja: "選択してください", zh: "请选择", en: "Choose" },

  // 商品情報・在庫情報の取得
  "sm.productsTitle": { ja: "商品情報・在庫情報の取得", zh: "获取商品信息・库存信息", en: "Products and stock from Smaregi" },
  "sm.productsNote": {
    ja: "スマレジの商品情報を正として取り込みます。新しい商品は在庫とともに登録され、商品IDの下にスマレジ商品IDが表示されます。",
    zh: "以 Smaregi 的商品信息为准导入。新商品连同库存一起登记，商品 ID 下方显示 Smaregi 商品 ID。",
    en: "Smaregi is the master: new products come in with their stock, each showing its Smaregi product ID under Renkei's ID.",
  },
  "sm.import": { ja: "スマレジから新規商品情報一括取得", zh: "从 Smaregi 批量获取新商品信息", en: "Import new products from Smaregi" },
  "sm.panel": { ja: "モール在庫連携・スマレジ商品在庫連携パネル", zh: "商城库存对接・Smaregi 商品库存对接面板", en: "Mall stock / Smaregi product stock panel" },
  "sm.productLink": { ja: "スマレジ商品連携", zh: "Smaregi 商品对接", en: "Smaregi product link" },
  "sm.operation": { ja: "実行する操作", zh: "要执行的操作", en: "Operation" },
  "sm.noSelection": { ja: "商品の選択は不要です（スマレジから情報を取り込む操作のため）", zh: "无需选择商品（此操作从 Smaregi 导入信息）", en: "No products to select: this operation takes information from Smaregi" },
  "sm.apiLink": { ja: "API連携する", zh: "执行 API 对接", en: "Run via API" },
  "sm.importNeedsSync": { ja: "商品連携設定を[連携する]にして保存してください", zh: "请将商品对接设置设为[对接]并保存", en: "Set product sync to [連携する] and save first" },
  "sm.importRunning": { ja: "取得中…", zh: "获取中…", en: "Importing…" },
  "sm.importDone": {
    ja: "取得完了：新規 {created}件／既存商品に紐づけ {linked}件／取得済み {skipped}件／コード重複 {conflicts}件／在庫 {stockRows}行",
    zh: "获取完成：新建 {created} 件／关联已有商品 {linked} 件／已获取 {skipped} 件／编码冲突 {conflicts} 件／库存 {stockRows} 行",
    en: "Done: {created} new / {linked} linked to existing / {skipped} already in / {conflicts} code conflicts / {stockRows} stock rows",
  },
  "sm.importFailed": { ja: "取得に失敗しました：{error}", zh: "获取失败：{error}", en: "Import failed: {error}" },
  "sm.productId": { ja: "商品ID", zh: "商品 ID", en: "Product ID" },
  "sm.smaregiProductId": { ja: "スマレジ商品ID", zh: "Smaregi 商品 ID", en: "Smaregi product ID" },
  "sm.code": { ja: "商品コード", zh: "商品编码", en: "Code" },
  "sm.productName": { ja: "商品名", zh: "商品名称", en: "Name" },
  "sm.noProducts": { ja: "まだ取り込んだ商品はありません", zh: "尚未导入商品", en: "No products imported yet" },
  "sm.pendingBulk": { ja: "結果通知待ちの一括在庫更新：{count}件", zh: "等待结果通知的批量库存更新：{count} 件", en: "Bulk stock writes awaiting their callback: {count}" },

  // 連携開始前の確認 (preview)
  "sm.previewTitle": { ja: "連携開始前の確認", zh: "启动前确认", en: "Before you start" },
  "sm.previewNote": {
    ja: "連携を開始すると何が起きるかを、両システムから読み取って表示します（何も変更しません）。",
    zh: "从两个系统读取并显示启动对接后会发生什么（不做任何更改）。",
    en: "Reads both systems and shows what starting will do; nothing is changed.",
  },
  "sm.preview": { ja: "確認する", zh: "查看", en: "Preview" },
  "sm.previewProducts": { ja: "取り込まれる商品：{total}件", zh: "将导入的商品：{total} 件", en: "Products to import: {total}" },
  "sm.previewStock": { ja: "在庫数が異なる商品：{total}件", zh: "库存数不一致的商品：{total} 件", en: "Stock that differs: {total}" },
  "sm.previewStockNote": {
    ja: "連携を開始すると、この表のとおりに一度だけ揃えます。スマレジが正の拠点はRenkeiの在庫数をスマレジに合わせ、Renkeiが正の拠点はRenkeiの在庫数をスマレジに送ります。",
    zh: "开始对接时，将按此表同步一次：以 Smaregi 为准的仓库/门店，Renkei 的库存改为 Smaregi 的数量；以 Renkei 为准的，将 Renkei 的库存发送到 Smaregi。",
    en: "Starting the link sets these once: where Smaregi is master, Renkei takes Smaregi's figure; where Renkei is master, Renkei's figure is sent to Smaregi.",
  },
  "sm.previewOrders": { ja: "スマレジに送られる受注：{total}件", zh: "将发送到 Smaregi 的订单：{total} 件", en: "Orders to send to Smaregi: {total}" },
  "sm.newProduct": { ja: "新規登録", zh: "新建", en: "new" },
  "sm.linkExisting": { ja: "同じコードの商品に紐づけ", zh: "关联同编码商品", en: "linked to the same code" },
  "sm.renkeiQty": { ja: "Renkei", zh: "Renkei", en: "Renkei" },
  "sm.smaregiQty": { ja: "スマレジ", zh: "Smaregi", en: "Smaregi" },
  "sm.wins": { ja: "開始後", zh: "启动后", en: "After start" },
  "sm.wins.renkei": { ja: "Renkeiの在庫数をスマレジへ送る", zh: "把 Renkei 的库存发送到 Smaregi", en: "Renkei's figure is sent to Smaregi" },
  "sm.wins.smaregi": { ja: "スマレジの在庫数を取り込む", zh: "导入 Smaregi 的库存", en: "Smaregi's figure comes in" },
  "sm.status": { ja: "ステータス", zh: "状态", en: "Status" },
  "sm.orderedAt": { ja: "受注日時", zh: "下单时间", en: "Ordered" },
  "sm.more": { ja: "ほか {count}件", zh: "另有 {count} 件", en: "and {count} more" },

  // Webhook and disconnect
  "sm.webhookTitle": { ja: "スマレジのWebhook設定", zh: "Smaregi Webhook 设置", en: "Smaregi webhook settings" },
  "sm.webhookNote": {
    ja: "スマレジのアプリ設定で、このURLと追加ヘッダーを登録してください（在庫・取引・商品・受注の通知）。",
    zh: "请在 Smaregi 的应用设置中登记此 URL 和附加请求头（库存・交易・商品・订单通知）。",
    en: "Enter this URL and extra header in Smaregi's app settings (stock, transaction, product and order events).",
  },
  "sm.salesTitle": { ja: "スマレジPOSの売上", zh: "Smaregi POS 销售", en: "Smaregi POS sales" },
  "sm.salesNote": {
    ja: "スマレジの端末で販売された取引です。在庫は、Renkeiが在庫を持つ拠点では取引の明細で、スマレジが在庫を持つ拠点ではスマレジの在庫数で反映されます（1回だけ）。",
    zh: "在 Smaregi 终端售出的交易。Renkei 管理库存的仓库按交易明细扣减，Smaregi 管理库存的仓库采用 Smaregi 的库存数（仅一次）。",
    en: "Sales made on Smaregi's terminals. At locations Renkei owns, stock moves by the sale's lines; at locations Smaregi owns, Renkei takes Smaregi's figure (once either way).",
  },
  "sm.saleAt": { ja: "取引日時", zh: "交易时间", en: "Date" },
  "sm.saleId": { ja: "取引ID", zh: "交易 ID", en: "Transaction ID" },
  "sm.saleStore": { ja: "スマレジ店舗ID", zh: "Smaregi 店铺 ID", en: "Smaregi store ID" },
  "sm.saleLines": { ja: "明細", zh: "明细", en: "Lines" },
  "sm.saleTotal": { ja: "合計", zh: "合计", en: "Total" },
  "sm.saleUnmapped": { ja: "（未連携の商品）", zh: "（未关联商品）", en: "(product not linked)" },
  "sm.noSales": { ja: "スマレジPOSの売上はまだありません", zh: "还没有 Smaregi POS 销售", en: "No Smaregi POS sales yet" },
  "sm.disconnect": { ja: "連携を解除する", zh: "解除对接", en: "Disconnect" },
  "sm.disconnectTitle": { ja: "スマレジとの連携を解除しますか？", zh: "要解除与 Smaregi 的对接吗？", en: "Disconnect from Smaregi?" },
  "sm.disconnectNote": {
    ja: "契約・トークン・商品や拠点の紐づけを削除します。設定は残り、もう一度[認証]すれば再開できます。",
    zh: "将删除合同、令牌以及商品和仓库的关联。设置会保留，再次[认证]即可恢复。",
    en: "The contract, tokens and every ID link are removed. Settings stay; authorize again to resume.",
  },
} satisfies Record<string, Entry>;

export type SmaregiKey = keyof typeof SMAREGI_MESSAGES;
export type AnySmaregiKey = SmaregiKey | MessageKey;

const entries: Record<string, Entry> = { ...MESSAGES, ...SMAREGI_MESSAGES };

/** A key with no entry reads as itself instead of failing the screen. */
export const translateSmaregi = (lang: Lang, key: AnySmaregiKey, vars?: Vars) => {
  const entry = entries[key];
  return entry ? fill(entry, lang, vars) : key;
};
