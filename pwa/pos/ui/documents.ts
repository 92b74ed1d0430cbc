/**
 * Reading documents back (receipt view, history, returns): the bodies as the hub's schema types
 * them, and a receipt model — lines with names and unit text, the per-rate tax breakdown recomputed
 * with the same priceReceipt the sale used, tenders and change. Pure, so receipt text is tested in Node.
 */
import { formatMoney, sumMinor, type Currency } from "../../../shared/money";
import { priceReceipt, type PricedReceipt } from "../../../shared/receipt";
import { TAX_RATES, type TaxDisplay } from "../../../shared/tax";
import { unitValueText } from "../../../shared/units";
import type { StoreDocumentInput } from "../../../shared/schemas/documents";
import type { LocalDocument, Sku, StoreInfo, Tender } from "../data/contract";
import type { MessageKey, Vars } from "./i18n";

export type SaleBody = Extract<StoreDocumentInput, { kind: "sale" }>;
export type ReturnBody = Extract<StoreDocumentInput, { kind: "return" }>;
export type ExchangeBody = Extract<StoreDocumentInput, { kind: "exchange" }>;
export type StocktakeBody = Extract<StoreDocumentInput, { kind: "stocktake" }>;
export type ReceivingBody = Extract<StoreDocumentInput, { kind: "receipt" }>;

export const saleBody = (doc: LocalDocument) => doc.body as unknown as SaleBody;

type Translate = (key: MessageKey, vars?: Vars) => string;
type BodyLine = { skuId: string; quantity: number; unitValue?: number | null; unitPrice: number; discount?: number; taxRate: number; defective?: boolean };

export interface ReceiptLineView {
  name: string;
  code: string;
  /** 「長さ:85cm」 for unit products */
  unitText: string | null;
  quantity: number;
  unitPrice: number;
  discount: number;
  /** unit price × quantity − discount */
  amount: number;
  taxRate: number;
  /** 軽減税率 (marked ※ on a Japanese receipt) */
  reduced: boolean;
  defective: boolean;
}

export interface ReceiptSection {
  /** null for a sale's only section; "returned" / "given" in an exchange; "returned" in a return */
  role: "sale" | "returned" | "given";
  lines: ReceiptLineView[];
  priced: PricedReceipt;
}

export interface ReceiptModel {
  kind: "sale" | "return" | "exchange";
  id: string;
  number: string;
  occurredAt: string;
  taxDisplay: TaxDisplay;
  sections: ReceiptSection[];
  /** sale: what was paid; return: what is refunded; exchange: given − returned (negative: refunded) */
  total: number;
  tenders: Tender[];
  refunds: Tender[];
  change: number;
  originalId: string | null;
}

function lineViews(lines: readonly BodyLine[], getSku: (id: string) => Sku | undefined, currency: Currency): ReceiptLineView[] {
  return lines.map((l) => {
    const sku = getSku(l.skuId);
    const discount = l.discount ?? 0;
    return {
      name: sku?.name ?? l.skuId,
      code: sku?.code ?? "",
      unitText: sku?.unit && l.unitValue != null ? unitValueText(sku.unit, l.unitValue) : null,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount,
      amount: l.unitPrice * l.quantity - discount,
      taxRate: l.taxRate,
      reduced: currency === "JPY" && l.taxRate === TAX_RATES.JPY.reduced,
      defective: l.defective ?? false,
    };
  });
}

/** The receipt of a sale, return or exchange; null for a stocktake sheet or a receiving. */
export function receiptModel(doc: LocalDocument, getSku: (id: string) => Sku | undefined, currency: Currency): ReceiptModel | null {
  const section = (role: ReceiptSection["role"], lines: readonly BodyLine[], discount: number, display: TaxDisplay): ReceiptSection => ({
    role,
    lines: lineViews(lines, getSku, currency),
    priced: priceReceipt(
      lines.map((l) => ({ unitPrice: l.unitPrice, quantity: l.quantity, discount: l.discount ?? 0, taxRate: l.taxRate })),
      discount,
      display,
      currency,
    ),
  });
  const base = { id: doc.id, number: doc.number, occurredAt: doc.createdAt };
  if (doc.kind === "sale") {
    const b = doc.body as unknown as SaleBody;
    const s = section("sale", b.lines, b.subtotalDiscount ?? 0, b.taxDisplay);
    return { ...base, kind: "sale", taxDisplay: b.taxDisplay, sections: [s], total: s.priced.total, tenders: b.tenders, refunds: [], change: b.change ?? 0, originalId: null };
  }
  if (doc.kind === "return") {
    const b = doc.body as unknown as ReturnBody;
    const s = section("returned", b.lines, b.subtotalDiscount ?? 0, b.taxDisplay);
    return { ...base, kind: "return", taxDisplay: b.taxDisplay, sections: [s], total: s.priced.total, tenders: [], refunds: b.refunds ?? [], change: 0, originalId: b.originalId ?? null };
  }
  if (doc.kind === "exchange") {
    const b = doc.body as unknown as ExchangeBody;
    const back = section("returned", b.returned, 0, b.taxDisplay);
    const out = section("given", b.given, 0, b.taxDisplay);
    return {
      ...base,
      kind: "exchange",
      taxDisplay: b.taxDisplay,
      sections: [back, out],
      total: out.priced.total - back.priced.total,
      tenders: b.tenders ?? [],
      refunds: b.refunds ?? [],
      change: b.change ?? 0,
      originalId: b.originalId ?? null,
    };
  }
  return null;
}

/** 「10%対象 ¥2,550 (内消費税 ¥231)」 (tax-inclusive) or 「10%対象 ¥2,318 (外税 ¥231)」 (exclusive). */
export function taxLineText(t: Translate, rate: { rate: number; amount: number; tax: number }, display: TaxDisplay, currency: Currency): string {
  return t(display === "inclusive" ? "receipt.taxInclusive" : "receipt.taxExclusive", {
    rate: rate.rate,
    amount: formatMoney(rate.amount, currency),
    tax: formatMoney(rate.tax, currency),
  });
}

/** The time zone's local date-time of an instant: "2026/04/20 09:05". */
export function receiptTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("ja-JP", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  } catch {
    format = new Intl.DateTimeFormat("ja-JP", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }
  return format.format(date);
}

/**
 * The receipt as plain lines of text, as printed (the view renders the same parts); used by the
 * tests and as the printable text of a document.
 */
export function receiptText(model: ReceiptModel, info: StoreInfo, t: Translate): string[] {
  const currency = info.merchant.currency;
  const money = (n: number) => formatMoney(n, currency);
  const out: string[] = [info.store.name, t(`receipt.title.${model.kind}`), `${t("receipt.number")} ${model.number}`, receiptTime(model.occurredAt, info.merchant.timeZone)];
  for (const section of model.sections) {
    if (model.kind === "exchange") out.push(t(section.role === "returned" ? "receipt.returned" : "receipt.given"));
    for (const l of section.lines) {
      out.push(`${l.reduced ? "※" : ""}${l.name}${l.defective ? ` [${t("returns.defective")}]` : ""}`);
      if (l.unitText) out.push(`  ${l.unitText}`);
      out.push(`  ${money(l.unitPrice)} × ${l.quantity} = ${money(l.unitPrice * l.quantity)}`);
      if (l.discount) out.push(`  ${t("receipt.discount")} -${money(l.discount)}`);
    }
    if (section.priced.subtotalDiscount) out.push(`${t("receipt.subtotalDiscount")} -${money(section.priced.subtotalDiscount)}`);
    for (const rate of section.priced.tax.byRate) out.push(taxLineText(t, rate, model.taxDisplay, currency));
    if (section.lines.some((l) => l.reduced)) out.push(t("receipt.reducedNote"));
    out.push(`${t(model.kind === "sale" ? "receipt.total" : section.role === "returned" ? "receipt.refundTotal" : "receipt.total")} ${money(section.priced.total)}`);
  }
  if (model.kind === "exchange") out.push(`${t(model.total >= 0 ? "exchange.toPay" : "exchange.toRefund")} ${money(Math.abs(model.total))}`);
  for (const tender of model.tenders) out.push(`${tenderName(info, tender.method)} ${money(tender.amount)}`);
  for (const refund of model.refunds) out.push(`${t("receipt.refund")} ${tenderName(info, refund.method)} ${money(refund.amount)}`);
  if (model.kind === "sale" || model.change > 0) out.push(`${t("receipt.change")} ${money(model.change)}`);
  return out;
}

export const tenderName = (info: StoreInfo, method: string) => info.tenders.find((x) => x.code === method)?.name ?? method;

/** Σ of a set of tenders. */
export const tendersTotal = (tenders: readonly Tender[]) => sumMinor(tenders.map((t) => t.amount));
