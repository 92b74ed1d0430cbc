/**
 * The strings of the store screens (店舗: documents, stocktakes, inbound, goods out and transfers,
 * devices, staff PINs), in Japanese, Chinese and English like i18n.ts. Kept apart so they load with those screens and not
 * with the first paint; a store screen's `t` (useStoreT) reads this dictionary, then the shared one.
 * test/pwa checks both the same way (three languages, same {placeholders}, no key in both).
 */
import { fill, MESSAGES, type Entry, type Lang, type MessageKey, type Vars } from "./i18n";

export const STORE_MESSAGES = {
  "tab.documents": { ja: "店舗伝票", zh: "门店单据", en: "Store documents" },
  "tab.stocktakes": { ja: "棚卸", zh: "盘点", en: "Stocktakes" },
  "tab.inbound": { ja: "入荷予定", zh: "入库单", en: "Inbound deliveries" },
  "tab.devices": { ja: "端末", zh: "终端", en: "Devices" },
  "tab.staff": { ja: "スタッフ・PIN", zh: "员工与 PIN", en: "Staff & PINs" },
  "store.store": { ja: "店舗", zh: "门店", en: "Store" },
  "store.createdAt": { ja: "作成日時", zh: "创建时间", en: "Created" },

  // Devices (端末)
  "dev.new": { ja: "端末を追加", zh: "添加终端", en: "Add a device" },
  "dev.name": { ja: "端末名", zh: "终端名称", en: "Device name" },
  "dev.nameHint": { ja: "例: レジ1", zh: "例：收银台 1", en: "e.g. Till 1" },
  "dev.paired": { ja: "登録日時", zh: "配对时间", en: "Paired at" },
  "dev.revoked": { ja: "無効化日時", zh: "停用时间", en: "Revoked at" },
  "devState.waiting": { ja: "登録待ち", zh: "待配对", en: "Waiting to pair" },
  "devState.paired": { ja: "利用中", zh: "使用中", en: "In use" },
  "devState.revoked": { ja: "無効", zh: "已停用", en: "Revoked" },
  "dev.code": { ja: "「{name}」のペアリングコード", zh: "“{name}”的配对码", en: "Pairing code for “{name}”" },
  "dev.expires": { ja: "有効期限 {at}（{zone}）", zh: "有效期至 {at}（{zone}）", en: "Valid until {at} ({zone})" },
  "dev.once": {
    ja: "タブレットのPOSで入力してください。このコードは1回だけ使え、この画面を閉じると再表示できません。",
    zh: "请在平板的 POS 上输入。此配对码只能使用一次，关闭此画面后无法再次显示。",
    en: "Enter it in the POS on the tablet. It works once, and is not shown again after you leave.",
  },
  "dev.revoke": { ja: "無効化", zh: "停用", en: "Revoke" },
  "dev.revokeTitle": { ja: "「{name}」を無効にしますか？", zh: "要停用“{name}”吗？", en: "Revoke “{name}”?" },
  "dev.revokeNote": {
    ja: "この端末はすぐに同期できなくなります。未送信の伝票は端末に残り、消えません。",
    zh: "该终端将立即无法同步。未发送的单据保留在终端上，不会丢失。",
    en: "The tablet stops syncing at once. Its unsent documents stay on the tablet; nothing is deleted.",
  },
  "dev.none": { ja: "端末はありません", zh: "没有终端", en: "No devices" },

  // Staff and POS PINs
  "user.new": { ja: "ユーザーを追加", zh: "添加用户", en: "Add a user" },
  "user.name": { ja: "氏名", zh: "姓名", en: "Name" },
  "user.role": { ja: "権限", zh: "角色", en: "Role" },
  "user.passwordHint": { ja: "管理画面用・10文字以上", zh: "用于管理后台，至少 10 个字符", en: "For this admin, 10 characters or more" },
  "user.added": { ja: "「{name}」を追加しました", zh: "已添加“{name}”", en: "“{name}” added" },
  "user.setPin": { ja: "PINを設定", zh: "设置 PIN", en: "Set PIN" },
  "user.pinFor": { ja: "「{name}」のPOS用PIN", zh: "“{name}”的 POS PIN", en: "POS PIN for “{name}”" },
  "user.pinHint": {
    ja: "数字4〜8桁。POSでスタッフを切り替えるときに使います",
    zh: "4–8 位数字，在 POS 上切换员工时使用",
    en: "4–8 digits, used to switch clerks on the POS",
  },
  "user.pinSaved": { ja: "「{name}」のPINを設定しました", zh: "已设置“{name}”的 PIN", en: "PIN set for “{name}”" },

  // Store documents (店舗伝票)
  "doc.number": { ja: "伝票番号", zh: "单据号", en: "Number" },
  "doc.kind": { ja: "種類", zh: "类型", en: "Kind" },
  "doc.state": { ja: "状態", zh: "状态", en: "State" },
  "doc.occurred": { ja: "発生日時", zh: "发生时间", en: "Occurred at" },
  "doc.received": { ja: "受信日時", zh: "接收时间", en: "Received at" },
  "doc.submitted": { ja: "提出日時", zh: "提交时间", en: "Submitted at" },
  "doc.approved": { ja: "承認日時", zh: "审核时间", en: "Approved at" },
  "doc.posted": { ja: "計上日時", zh: "记账时间", en: "Posted at" },
  "doc.device": { ja: "端末", zh: "终端", en: "Device" },
  "doc.staff": { ja: "担当者", zh: "经办人", en: "Staff" },
  "doc.approvedBy": { ja: "承認者", zh: "审批人", en: "Approved by" },
  "doc.reference": { ja: "関連伝票", zh: "关联单据", en: "Related document" },
  "docKind.sale": { ja: "販売", zh: "销售单", en: "Sale" },
  "docKind.return": { ja: "返品", zh: "退货单", en: "Return" },
  "docKind.exchange": { ja: "交換", zh: "换货单", en: "Exchange" },
  "docKind.stocktake": { ja: "棚卸表", zh: "盘点表", en: "Count sheet" },
  "docKind.stocktake_submission": { ja: "棚卸申請", zh: "盘点单", en: "Stocktake" },
  "docKind.receipt": { ja: "入荷検品", zh: "收货单", en: "Receipt" },
  "docKind.inbound": { ja: "入荷予定", zh: "入库单", en: "Inbound delivery" },
  "docKind.other_out": { ja: "出庫", zh: "出库单", en: "Goods out" },
  "docKind.transfer": { ja: "店間移動", zh: "调拨单", en: "Transfer" },
  "docKind.reversal": { ja: "取消伝票", zh: "冲单", en: "Reversal" },
  "docState.pending": { ja: "入荷待ち", zh: "待收货", en: "Pending" },
  "docState.received": { ja: "受付済み", zh: "已接收", en: "Received" },
  "docState.submitted": { ja: "承認待ち", zh: "待审核", en: "Awaiting approval" },
  "docState.approved": { ja: "承認済み", zh: "已审核", en: "Approved" },
  "docState.posted": { ja: "計上済み", zh: "已记账", en: "Posted" },
  "docState.rejected": { ja: "差し戻し", zh: "已驳回", en: "Sent back" },
  "doc.returned": { ja: "返品された商品", zh: "退回的商品", en: "Coming back" },
  "doc.given": { ja: "お渡しした商品", zh: "换出的商品", en: "Given out" },
  "doc.defective": { ja: "不良品（残次品）", zh: "残次品", en: "Defective" },
  "doc.unitValue": { ja: "注文単位", zh: "订购值", en: "Order value" },
  "doc.discount": { ja: "値引", zh: "折扣", en: "Discount" },
  "doc.subtotalDiscount": { ja: "小計値引", zh: "整单折扣", en: "Subtotal discount" },
  "doc.returnedTotal": { ja: "返品合計", zh: "退回合计", en: "Returned total" },
  "doc.givenTotal": { ja: "お渡し合計", zh: "换出合计", en: "Given total" },
  "doc.tenders": { ja: "お支払い", zh: "支付", en: "Payments" },
  "doc.refunds": { ja: "返金", zh: "退款", en: "Refunds" },
  "doc.change": { ja: "おつり", zh: "找零", en: "Change" },
  "doc.method": { ja: "支払方法", zh: "支付方式", en: "Method" },
  "doc.area": { ja: "棚・エリア", zh: "货架 / 区域", en: "Area" },
  "doc.counted": { ja: "実数", zh: "实盘数", en: "Counted" },
  "doc.receive": { ja: "入庫", zh: "入库", en: "Receive into stock" },
  "doc.receiveTitle": { ja: "返品された商品を入庫しますか？", zh: "要将退回的商品入库吗？", en: "Receive the returned goods into stock?" },
  "doc.receiveNote": {
    ja: "{store}の在庫に戻します。不良品（残次品）は在庫数に入りますが「保留」となり、販売できません（確認用）。",
    zh: "商品将回到{store}的库存。残次品计入在库数，但处于“冻结”状态，不可销售（仅供查看）。",
    en: "The goods go back into stock at {store}. Defective items come in held: counted on hand, never available to sell.",
  },
  "doc.receivedOk": { ja: "入庫しました", zh: "已入库", en: "Received into stock" },
  // 冲单: a sale rung up by mistake reversed in whole
  "doc.reverse": { ja: "販売を取り消す（冲单）", zh: "冲单", en: "Reverse the sale (冲单)" },
  "doc.reverseTitle": { ja: "この販売を取り消しますか？", zh: "要冲销这张销售单吗？", en: "Reverse this sale?" },
  "doc.reverseNote": {
    ja: "誤って登録した販売を全額取り消します。取消伝票（冲单）を作成し、全商品を{store}の在庫に戻します。ERP連携があれば「その他入庫」として一度だけ送ります。元に戻せません。一部だけ戻す場合やお客様が商品を返す場合は、POSで返品してください。",
    zh: "整单冲销误录的销售单：生成冲单，全部商品退回{store}的库存；已对接ERP时，作为“其他入库”发送一次。此操作不可撤销。部分退回或顾客退货请在POS上做退货。",
    en: "The whole sale is undone as rung up by mistake: a reversal (冲单) is made and every item goes back into stock at {store}; a linked ERP gets it once as other stock-in. This cannot be undone. For part of a sale, or goods a customer brings back, make a return on the POS.",
  },
  "doc.reasonLabel": { ja: "取消理由（任意）", zh: "冲单原因（可选）", en: "Reason (optional)" },
  "doc.reversedOk": { ja: "販売を取り消しました（{number}）", zh: "已冲单（{number}）", en: "Sale reversed ({number})" },
  "doc.reversedBy": { ja: "この販売は取り消し済みです", zh: "此销售单已冲单", en: "This sale was reversed" },
  "doc.expected": { ja: "予定数", zh: "预计数量", en: "Expected" },
  "doc.receivedQty": { ja: "入荷数", zh: "实收数量", en: "Received" },
  "doc.diff": { ja: "差異", zh: "差异", en: "Difference" },
  "doc.waitingReceipt": { ja: "店舗での検品を待っています", zh: "等待门店收货", en: "Waiting for the store to receive it" },

  // Stocktakes (棚卸 / 盘点)
  "stk.sheets": { ja: "未提出の棚卸表", zh: "未提交的盘点表", en: "Count sheets not yet submitted" },
  "stk.noSheets": { ja: "未提出の棚卸表はありません", zh: "没有未提交的盘点表", en: "No count sheets waiting" },
  "stk.select": { ja: "{number} を選択", zh: "选择 {number}", en: "Select {number}" },
  "stk.selectAll": { ja: "すべて選択", zh: "全选", en: "Select all" },
  "stk.lines": { ja: "品目数", zh: "品项数", en: "Lines" },
  "stk.total": { ja: "数量合計", zh: "数量合计", en: "Total counted" },
  "stk.submit": { ja: "選択した{count}枚を提出", zh: "提交所选 {count} 张", en: "Submit {count} selected" },
  "stk.submitNote": {
    ja: "店舗の棚卸として提出し、オーナーの承認を待ちます。同じ商品の数は全エリア分を合計します。",
    zh: "作为门店盘点提交，等待商家审核。同一商品在各区域的数量将合计。",
    en: "Sent as the store's stocktake for the owner to approve. Counts of one item are added up over all areas.",
  },
  "stk.submitted": { ja: "棚卸を提出しました", zh: "已提交盘点", en: "Stocktake submitted" },
  "stk.submissions": { ja: "提出した棚卸", zh: "已提交的盘点", en: "Submitted stocktakes" },
  "stk.sheetCount": { ja: "棚卸表", zh: "盘点表", en: "Sheets" },
  "stk.skus": { ja: "SKU数", zh: "SKU 数", en: "SKUs" },
  "stk.onHand": { ja: "現在の在庫数", zh: "当前在库数", en: "On hand now" },
  "stk.expected": { ja: "見込み差異", zh: "预计差异", en: "Expected difference" },
  "stk.surplus": { ja: "棚卸増（盘盈）", zh: "盘盈", en: "Surplus" },
  "stk.deficit": { ja: "棚卸減（盘亏）", zh: "盘亏", en: "Deficit" },
  "stk.same": { ja: "差異なし", zh: "无差异", en: "No difference" },
  "stk.summary": {
    ja: "棚卸増 {up}品目（+{upUnits}）／棚卸減 {down}品目（−{downUnits}）／差異なし {same}品目",
    zh: "盘盈 {up} 项（+{upUnits}）／盘亏 {down} 项（−{downUnits}）／无差异 {same} 项",
    en: "Surplus: {up} items (+{upUnits}) / deficit: {down} items (−{downUnits}) / unchanged: {same}",
  },
  "stk.approveNote": {
    ja: "承認すると、差異を棚卸増・棚卸減として在庫台帳に計上します。差異は最後の棚卸表が届いた {asOf} 時点の在庫との差で、その後の販売はそのまま残ります。",
    zh: "审核通过后，差异将作为盘盈、盘亏计入库存流水。差异以最后一张盘点表到达时（{asOf}）的库存为准，之后的销售保持不变。",
    en: "Approving posts the differences through the stock ledger as surplus and deficit. They are taken against the stock when the last sheet arrived ({asOf}), so sales since then are kept.",
  },
  "stk.approve": { ja: "承認", zh: "审核通过", en: "Approve" },
  "stk.reject": { ja: "差し戻し", zh: "驳回", en: "Send back" },
  "stk.approveTitle": { ja: "この棚卸を承認しますか？", zh: "要审核通过此盘点吗？", en: "Approve this stocktake?" },
  "stk.rejectTitle": { ja: "この棚卸を差し戻しますか？", zh: "要驳回此盘点吗？", en: "Send this stocktake back?" },
  "stk.rejectNote": {
    ja: "棚卸表は未提出に戻り、数え直して再提出できます。在庫は変わりません。",
    zh: "盘点表将退回为未提交状态，可重新盘点后再提交。库存不变。",
    en: "Its sheets go back to not submitted, to be counted again and resubmitted. Stock does not change.",
  },
  "stk.approved": { ja: "承認しました。在庫の調整 {adjusted}件を計上しました", zh: "已审核通过，已记账 {adjusted} 条库存调整", en: "Approved: {adjusted} stock adjustments posted" },
  "stk.rejected": { ja: "差し戻しました", zh: "已驳回", en: "Sent back" },

  // Inbound deliveries (入荷予定)
  "inb.new": { ja: "入荷予定を登録", zh: "新建入库单", en: "New inbound delivery" },
  "inb.kind": { ja: "入荷区分", zh: "入库类型", en: "Kind" },
  "inbKind.purchase": { ja: "仕入", zh: "采购入库", en: "Purchase" },
  "inbKind.transfer": { ja: "移動入庫", zh: "调拨入库", en: "Transfer" },
  "inbKind.other_in": { ja: "その他入庫", zh: "其他入库", en: "Other in" },
  "inb.reference": { ja: "参照番号", zh: "参考单号", en: "Reference" },
  "inb.referenceHint": { ja: "発注番号・移動伝票番号など", zh: "采购单号、调拨单号等", en: "Purchase order, transfer number, …" },
  "inb.created": { ja: "入荷予定 {id} を登録しました", zh: "已创建入库单 {id}", en: "Inbound delivery {id} created" },
  // 入库单导入: a delivery from a file
  "inb.import": { ja: "ファイルから取込（入库单导入）", zh: "入库单导入", en: "Import from a file (入库单导入)" },
  "inb.importIntro": {
    ja: "列「商家编码」「数量」（任意で「备注」）のCSV（UTF-8・GB18030・Shift_JIS）またはExcel .xlsx を選んでください。5,000行まで。1行でもエラーがあれば何も登録しません。店舗で検品するとERP連携に「その他入庫」として送られます。",
    zh: "请选择包含「商家编码」「数量」（可选「备注」）列的 CSV（UTF-8、GB18030、Shift_JIS）或 Excel .xlsx 文件，最多 5,000 行。任一行有错误则不导入任何数据。门店收货后作为“其他入库”发送给 ERP。",
    en: "Choose a CSV (UTF-8, GB18030 or Shift_JIS) or Excel .xlsx file with columns 商家编码 and 数量 (备注 optional), up to 5,000 rows. One bad row and nothing is imported. Once the store receives it, a linked ERP gets it as other stock-in.",
  },
  "inb.importTemplate": { ja: "样例文件をダウンロード", zh: "下载样例文件", en: "Download the template (样例文件)" },
  "inb.importRead": { ja: "{lines}行・合計{quantity}点を読み込みました（{source}）", zh: "已读取 {lines} 行，共 {quantity} 件（{source}）", en: "{lines} lines read, {quantity} items in all ({source})" },
  "inb.importSubmit": { ja: "入荷予定として登録", zh: "生成入库单", en: "Create the delivery" },
  "inb.imported": { ja: "{number} を登録しました（{lines}行）", zh: "已生成入库单 {number}（{lines} 行）", en: "{number} created ({lines} lines)" },

  // Goods out (出库开单) and transfers between stores (调拨)
  "tab.out": { ja: "出庫・店間移動", zh: "出库与调拨", en: "Goods out & transfers" },
  "out.new": { ja: "出庫を登録", zh: "出库开单", en: "New goods out" },
  "out.mode": { ja: "区分", zh: "类型", en: "Kind" },
  "out.fromStore": { ja: "出庫する店舗", zh: "出库门店", en: "From store" },
  "out.toStore": { ja: "移動先の店舗", zh: "调入门店", en: "To store" },
  "out.reason": { ja: "出庫理由", zh: "出库原因", en: "Reason" },
  "out.reasonHint": { ja: "例: 破損、サンプル", zh: "例：破损、样品", en: "e.g. damaged, samples" },
  "out.onHand": { ja: "在庫 {count}", zh: "库存 {count}", en: "On hand {count}" },
  "out.note": {
    ja: "登録するとすぐに店舗の在庫から引き落とします。在庫を超える数量は登録できません。店間移動は移動先の店舗の「入荷予定」になり、先方で検品して入庫します。",
    zh: "开单后立即从门店库存扣减，不能超过库存。调拨单在调入门店生成入库单，由对方收货后入库。",
    en: "The goods leave the store's stock at once, never beyond what it holds. A transfer waits at the other store as an inbound delivery it receives with counts.",
  },
  "out.created": { ja: "{number} を登録しました", zh: "已创建 {number}", en: "{number} created" },
  "out.reasonCol": { ja: "理由・移動先", zh: "原因 / 调入门店", en: "Reason / to store" },
} satisfies Record<string, Entry>;

export type StoreKey = keyof typeof STORE_MESSAGES;
/** What a store screen's `t` takes: its own keys and the shared ones. */
export type AnyKey = StoreKey | MessageKey;

const entries: Record<string, Entry> = { ...MESSAGES, ...STORE_MESSAGES };

/** A key with no entry (a kind the API added since) reads as itself instead of failing the screen. */
export const translateStore = (lang: Lang, key: AnyKey, vars?: Vars) => {
  const entry = entries[key];
  return entry ? fill(entry, lang, vars) : key;
};
