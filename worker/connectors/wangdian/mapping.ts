/**
 * Store documents as the ERP takes them (seed 003 §2.3.2, §2.3.6, §4). Pure: the export job reads
 * the documents and SKU codes, these functions shape the calls. Each payload carries the ERP's own
 * dedupe key — the trade's `tid`, the stock-in / stock-out `outer_no`, the stocktake's
 * `api_outer_no` — derived from the Renkei document, so a resend can never make a second one.
 *
 * Amounts go out in major units (yuan / yen) as the ERP counts them; quantities in the management
 * unit (a ribbon sold by the cm goes out in cm, as Renkei's stock counts it).
 */
import { MINOR_DIGITS, toMajorString, type Currency } from "../../../shared/money";
import { priceReceipt } from "../../../shared/receipt";
import type { StoreDocumentInput, ReturnLine } from "../../../shared/schemas/documents";
import type { WdtStockinInfo, WdtStockoutInfo, WdtTrade, WdtTradeOrder } from "../../../shared/schemas/wangdian";
import { stockQuantity } from "../../../shared/units";
import type { z } from "zod";
import { toBeijing } from "./client";

export interface SkuInfo {
  code: string;
  name: string;
}

/** The SKU a document line names, or an error naming the line (a SKU deleted since cannot be guessed). */
export type SkuLookup = (skuId: string) => SkuInfo;

type Sale = Extract<StoreDocumentInput, { kind: "sale" }>;
type Return = Extract<StoreDocumentInput, { kind: "return" }>;
type Exchange = Extract<StoreDocumentInput, { kind: "exchange" }>;
type Receipt = Extract<StoreDocumentInput, { kind: "receipt" }>;

const major = (minor: number, currency: Currency) => Number(toMajorString(minor, currency));

/** Splits `total` over `weights` in proportion, largest remainder first, exactly (minor units). */
export function shareByWeight(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => ({ whole: Math.floor((total * w) / sum), rest: (total * w) % sum }));
  let left = total - exact.reduce((a, e) => a + e.whole, 0);
  const order = exact.map((e, i) => ({ ...e, i })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const e of order) {
    if (left <= 0) break;
    exact[e.i]!.whole++;
    left--;
  }
  return exact.map((e) => e.whole);
}

/**
 * A POS sale as a raw trade (trade_push): paid at the counter, waiting to be "shipped" from the
 * store's own warehouse through the 无单号物流 the seed sets up. Cash makes it 货到付款 (§2.3.6.2:
 * 现金支付方式的订单即为货到付款订单), the cash part as its COD amount; other tenders are paid.
 */
export function saleTrade(sale: Sale, sku: SkuLookup, context: { currency: Currency; warehouseNo: string; buyer: string; shopRemark?: string }): WdtTrade {
  const { currency } = context;
  const priced = priceReceipt(sale.lines, sale.subtotalDiscount, sale.taxDisplay, currency);
  const shares = shareByWeight(sale.subtotalDiscount, priced.lineAmounts);
  // Tax-exclusive stores add the tax on top: it rides on the trade as other_amount, so paid adds up.
  const extra = priced.total - (priced.subtotal - priced.subtotalDiscount);
  const orders: WdtTradeOrder[] = sale.lines.map((line, i) => {
    const { code, name } = sku(line.skuId);
    const num = stockQuantity(line.quantity, line.unitValue);
    const gross = line.unitPrice * line.quantity;
    // price × num must give the line back; for unit products (85 cm × 3 at 850) the per-cm price
    // is rounded to 0.01 and the cent left over travels as adjust_amount.
    const price = Number((gross / num / 10 ** MINOR_DIGITS[currency]).toFixed(2));
    const adjust = Number((major(gross, currency) - price * num).toFixed(2));
    return {
      oid: `${sale.number}-${i + 1}`,
      num,
      price,
      status: 30,
      refund_status: 0,
      goods_id: code,
      spec_no: code,
      goods_name: name,
      adjust_amount: adjust,
      discount: major(line.discount, currency),
      share_discount: major(shares[i]!, currency),
    };
  });
  const cash = sale.tenders.filter((t) => t.kind === "cash").reduce((a, t) => a + t.amount, 0) - sale.change;
  const paidElse = priced.total - Math.max(0, cash);
  const time = toBeijing(new Date(sale.occurredAt));
  return {
    tid: sale.number,
    trade_status: 30,
    delivery_term: cash > 0 ? 2 : 1,
    pay_status: cash > 0 ? (paidElse > 0 ? 1 : 0) : 2,
    trade_time: time,
    pay_time: cash > 0 && paidElse === 0 ? "0000-00-00 00:00:00" : time,
    buyer_nick: context.buyer,
    warehouse_no: context.warehouseNo,
    post_amount: 0,
    cod_amount: major(Math.max(0, cash), currency),
    ext_cod_fee: 0,
    other_amount: major(extra, currency),
    paid: major(paidElse, currency),
    remark: `Renkei ${sale.number}`,
    order_list: orders,
  };
}

/** Returned goods received by the store back office (门店后台入库退换单) → 其他入库. Defective ones only when asked (§2.3.2). */
export function returnStockin(
  doc: Return | Exchange,
  sku: SkuLookup,
  context: { currency: Currency; warehouseNo: string; withDefective: boolean },
): WdtStockinInfo | null {
  const lines: z.infer<typeof ReturnLine>[] = doc.kind === "exchange" ? doc.returned : doc.lines;
  const goods = lines
    .filter((l) => context.withDefective || !l.defective)
    .map((l) => ({ spec_no: sku(l.skuId).code, stockin_num: stockQuantity(l.quantity, l.unitValue), stockin_price: major(l.unitPrice, context.currency) }));
  if (!goods.length) return null;
  return {
    outer_no: doc.kind === "exchange" ? `${doc.number}-IN` : doc.number,
    warehouse_no: context.warehouseNo,
    remark: `Renkei ${doc.kind === "exchange" ? "换货入库" : "退货入库"} ${doc.number}`,
    goods_list: goods,
  };
}

/** The goods an exchange gives out (换货出库) → 其他出库. */
export function exchangeStockout(doc: Exchange, sku: SkuLookup, context: { currency: Currency; warehouseNo: string }): WdtStockoutInfo {
  return {
    outer_no: `${doc.number}-OUT`,
    warehouse_no: context.warehouseNo,
    remark: `Renkei 换货出库 ${doc.number}`,
    goods_list: doc.given.map((l) => ({ spec_no: sku(l.skuId).code, num: stockQuantity(l.quantity, l.unitValue), price: major(l.unitPrice, context.currency) })),
  };
}

/** 出库开单 or a transfer out of the store (门店后台) → 其他出库. */
export function storeStockout(doc: { number: string; kind: string; lines: { skuId: string; quantity: number }[] }, sku: SkuLookup, context: { warehouseNo: string }): WdtStockoutInfo {
  return {
    outer_no: doc.number,
    warehouse_no: context.warehouseNo,
    remark: `Renkei ${doc.kind === "transfer" ? "调拨出库" : "出库开单"} ${doc.number}`,
    goods_list: doc.lines.map((l) => ({ spec_no: sku(l.skuId).code, num: l.quantity })),
  };
}

/**
 * 冲单: a sale reversed in whole (门店后台) → 其他入库 of its goods, priced as sold. Keyed by the
 * reversal's own number (CD-<sale number>), so it never meets the sale's trade or a return.
 */
export interface ReversalDoc {
  number: string;
  saleNumber: string;
  lines: { skuId: string; quantity: number; unitValue?: number | null; unitPrice?: number }[];
}

export function reversalStockin(
  doc: ReversalDoc,
  sku: SkuLookup,
  context: { currency: Currency; warehouseNo: string },
): WdtStockinInfo {
  return {
    outer_no: doc.number,
    warehouse_no: context.warehouseNo,
    remark: `Renkei 冲单 ${doc.saleNumber}`,
    goods_list: doc.lines.map((l) => ({
      spec_no: sku(l.skuId).code,
      stockin_num: stockQuantity(l.quantity, l.unitValue),
      ...(l.unitPrice === undefined ? {} : { stockin_price: major(l.unitPrice, context.currency) }),
    })),
  };
}

/** A delivery Renkei created (入库单导入, purchase into a store), as received → 其他入库. */
export function receiptStockin(doc: Receipt, sku: SkuLookup, context: { warehouseNo: string; imported?: boolean }): WdtStockinInfo | null {
  const goods = doc.lines.filter((l) => l.received > 0).map((l) => ({ spec_no: sku(l.skuId).code, stockin_num: l.received }));
  if (!goods.length) return null;
  return { outer_no: doc.number, warehouse_no: context.warehouseNo, remark: `Renkei ${context.imported ? "入库单导入" : "入库"} ${doc.number}`, goods_list: goods };
}

/** Surplus / deficit of an approved stocktake as 其他入库 / 其他出库 (the "adjustments" way). */
export function stocktakeAdjustments(
  id: string,
  differences: { code: string; quantity: number }[],
  warehouseNo: string,
): { stockin: WdtStockinInfo | null; stockout: WdtStockoutInfo | null } {
  const surplus = differences.filter((d) => d.quantity > 0);
  const deficit = differences.filter((d) => d.quantity < 0);
  return {
    stockin: surplus.length ? { outer_no: `${id}-IN`, warehouse_no: warehouseNo, remark: `Renkei 盘盈 ${id}`, goods_list: surplus.map((d) => ({ spec_no: d.code, stockin_num: d.quantity })) } : null,
    stockout: deficit.length ? { outer_no: `${id}-OUT`, warehouse_no: warehouseNo, remark: `Renkei 盘亏 ${id}`, goods_list: deficit.map((d) => ({ spec_no: d.code, num: -d.quantity })) } : null,
  };
}
