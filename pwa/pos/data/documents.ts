/**
 * Drafts from the screens → the exact bodies of shared/schemas/documents.ts, priced with the same
 * shared/receipt.ts the hub re-checks them with. A draft the hub would reject is refused here
 * first, with a clear message, before anything is written.
 */
import type { z } from "zod";
import { changeDue, priceReceipt, ReceiptError } from "../../../shared/receipt";
import { stockQuantity } from "../../../shared/units";
import type {
  ExchangeDocument,
  ReceivingDocument,
  ReturnDocument,
  SaleDocument,
  StocktakeSheet,
} from "../../../shared/schemas/documents";
import type { CartLine, ExchangeDraft, LocalDocument, ReturnDraft, SaleDraft, Sku, StoreInfo, Tender } from "./contract";

export type SaleBody = z.output<typeof SaleDocument>;
export type ReturnBody = z.output<typeof ReturnDocument>;
export type ExchangeBody = z.output<typeof ExchangeDocument>;
export type StocktakeBody = z.output<typeof StocktakeSheet>;
export type ReceivingBody = z.output<typeof ReceivingDocument>;
export type DocumentBody = SaleBody | ReturnBody | ExchangeBody | StocktakeBody | ReceivingBody;

/** A draft that cannot become a document; the message says why (Japanese, then English). */
export class DraftError extends Error {
  override name = "DraftError";
}

export interface DocumentHead {
  id: string;
  number: string;
  occurredAt: string;
}

export interface BuildContext {
  store: StoreInfo;
  sku: (id: string) => Sku | undefined;
}

const MAX = 1_000_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `${store code}-${device number, 2 digits}-${counter, 6 digits}`, e.g. S001-02-000123 */
export function documentNumber(storeCode: string, deviceNumber: number, counter: number): string {
  return `${storeCode}-${String(deviceNumber).padStart(2, "0")}-${String(counter).padStart(6, "0")}`;
}

function fail(ja: string, en: string): never {
  throw new DraftError(`${ja} (${en})`);
}

function checkStaff(ctx: BuildContext, staffId: string, what = "staffId"): void {
  if (!staffId) fail("担当者が選ばれていません", `${what} is missing`);
  if (!ctx.store.staff.some((s) => s.id === staffId)) fail("担当者が見つかりません", `unknown staff ${staffId}`);
}

function isWhole(value: unknown, min: number, max = MAX): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min && value <= max;
}

function checkLines(ctx: BuildContext, lines: readonly CartLine[], what: string): void {
  if (lines.length === 0) fail("商品がありません", `${what}: the cart is empty`);
  if (lines.length > 500) fail("明細は500行までです", `${what}: at most 500 lines`);
  lines.forEach((line, i) => {
    const at = `${what} line ${i + 1}`;
    const sku = ctx.sku(line.skuId);
    if (!sku) fail("商品が見つかりません", `${at}: unknown SKU ${line.skuId}`);
    if (!isWhole(line.quantity, 1)) fail("数量は1以上の整数です", `${at}: quantity must be a whole number of 1 or more`);
    if (!isWhole(line.unitPrice, 0, Number.MAX_SAFE_INTEGER)) fail("単価が正しくありません", `${at}: unit price must be a whole amount of minor units`);
    if (!isWhole(line.discount, 0, Number.MAX_SAFE_INTEGER)) fail("値引きが正しくありません", `${at}: discount must be a whole amount of minor units`);
    if (!isWhole(line.taxRate, 0, 30)) fail("税率が正しくありません", `${at}: tax rate must be 0–30 %`);
    if (sku.unit) {
      const { min, max, salesUnit } = sku.unit;
      if (line.unitValue == null) fail(`${sku.name}: 注文単位を入力してください`, `${at}: a unit value in ${salesUnit} is required`);
      if (!isWhole(line.unitValue, 1) || line.unitValue < min || line.unitValue > max) {
        fail(`注文単位は${min}〜${max}${salesUnit}です`, `${at}: unit value must be ${min}–${max} ${salesUnit}`);
      }
    } else if (line.unitValue != null) {
      fail("この商品は単位販売ではありません", `${at}: ${sku.code} is not sold by unit`);
    }
  });
}

function checkTenders(tenders: readonly Tender[], what: string): void {
  if (tenders.length > 10) fail("支払方法は10件までです", `${what}: at most 10`);
  tenders.forEach((t, i) => {
    if (!t.method || !t.method.trim() || t.method.length > 32) fail("支払方法が正しくありません", `${what} ${i + 1}: method is missing`);
    if (!["cash", "card", "qr", "other"].includes(t.kind)) fail("支払方法の種類が正しくありません", `${what} ${i + 1}: unknown kind ${t.kind}`);
    if (!isWhole(t.amount, 0, Number.MAX_SAFE_INTEGER)) fail("金額が正しくありません", `${what} ${i + 1}: amount must be a whole amount of minor units`);
  });
}

function price(ctx: BuildContext, lines: readonly CartLine[], subtotalDiscount: number) {
  if (!isWhole(subtotalDiscount, 0, Number.MAX_SAFE_INTEGER)) fail("小計値引きが正しくありません", "subtotal discount must be a whole amount");
  try {
    return priceReceipt(lines, subtotalDiscount, ctx.store.store.taxDisplay, ctx.store.merchant.currency);
  } catch (error) {
    if (error instanceof ReceiptError) fail("金額を計算できません", error.message);
    throw error;
  }
}

const sum = (tenders: readonly Tender[]) => tenders.reduce((total, t) => total + t.amount, 0);

const receiptLine = (l: CartLine) => ({
  skuId: l.skuId,
  quantity: l.quantity,
  unitValue: l.unitValue ?? null,
  unitPrice: l.unitPrice,
  discount: l.discount,
  taxRate: l.taxRate,
});
const returnLine = (l: CartLine & { defective: boolean }) => ({ ...receiptLine(l), defective: l.defective === true });
const tender = (t: Tender) => ({ method: t.method.trim(), kind: t.kind, amount: t.amount });

function checkReturnAuthority(ctx: BuildContext, originalId: string | null, approvedBy: string | null): void {
  if (originalId !== null && !UUID.test(originalId)) fail("元のレシートが正しくありません", "originalId must be the original sale's UUID");
  if (originalId === null) {
    const approver = approvedBy ? ctx.store.staff.find((s) => s.id === approvedBy) : undefined;
    if (!approver || approver.role === "staff") {
      fail("レシートなしの返品には店長の承認が必要です", "a return without a receipt needs a manager's approval");
    }
  } else if (approvedBy !== null) checkStaff(ctx, approvedBy, "approvedBy");
}

export function buildSale(ctx: BuildContext, head: DocumentHead, draft: SaleDraft): SaleBody {
  checkStaff(ctx, draft.staffId);
  checkLines(ctx, draft.lines, "sale");
  checkTenders(draft.tenders, "tender");
  if (draft.tenders.length === 0) fail("支払方法を選んでください", "at least one tender is needed");
  const priced = price(ctx, draft.lines, draft.subtotalDiscount);
  const change = changeDue(priced.total, draft.tenders);
  if (change === null) {
    fail(
      "お預かり金額が合計に足りません(おつりは現金のみ)",
      `the tenders (${sum(draft.tenders)}) do not cover the total (${priced.total}); only cash gives change`,
    );
  }
  return {
    id: head.id,
    number: head.number,
    occurredAt: head.occurredAt,
    staffId: draft.staffId,
    kind: "sale",
    taxDisplay: ctx.store.store.taxDisplay,
    subtotalDiscount: draft.subtotalDiscount,
    total: priced.total,
    tax: priced.tax.tax,
    lines: draft.lines.map(receiptLine),
    tenders: draft.tenders.map(tender),
    change,
  };
}

export function buildReturn(ctx: BuildContext, head: DocumentHead, draft: ReturnDraft): ReturnBody {
  checkStaff(ctx, draft.staffId);
  checkLines(ctx, draft.lines, "return");
  checkTenders(draft.refunds, "refund");
  checkReturnAuthority(ctx, draft.originalId, draft.approvedBy);
  const priced = price(ctx, draft.lines, 0);
  if (draft.refunds.length && sum(draft.refunds) !== priced.total) {
    fail("返金額が合計と一致しません", `refunds (${sum(draft.refunds)}) must equal the total (${priced.total})`);
  }
  return {
    id: head.id,
    number: head.number,
    occurredAt: head.occurredAt,
    staffId: draft.staffId,
    kind: "return",
    taxDisplay: ctx.store.store.taxDisplay,
    subtotalDiscount: 0,
    total: priced.total,
    tax: priced.tax.tax,
    originalId: draft.originalId,
    approvedBy: draft.approvedBy,
    lines: draft.lines.map(returnLine),
    refunds: draft.refunds.map(tender),
  };
}

export function buildExchange(ctx: BuildContext, head: DocumentHead, draft: ExchangeDraft): ExchangeBody {
  checkStaff(ctx, draft.staffId);
  checkLines(ctx, draft.returned, "returned");
  checkLines(ctx, draft.given, "given");
  checkTenders(draft.tenders, "tender");
  checkTenders(draft.refunds, "refund");
  checkReturnAuthority(ctx, draft.originalId, draft.approvedBy);
  const returnedTotal = price(ctx, draft.returned, 0).total;
  const givenTotal = price(ctx, draft.given, 0).total;
  const due = givenTotal - returnedTotal;
  const change = due > 0 ? changeDue(due, draft.tenders) : 0;
  if (change === null) fail("差額の支払いが足りません", `the tenders (${sum(draft.tenders)}) do not cover the difference (${due})`);
  if (due <= 0 && draft.tenders.length) fail("差額の支払いはありません", "nothing to pay: the goods returned cover the goods given");
  if (due < 0 && sum(draft.refunds) !== -due) {
    fail("差額の返金が一致しません", `refunds (${sum(draft.refunds)}) must equal the difference (${-due})`);
  }
  return {
    id: head.id,
    number: head.number,
    occurredAt: head.occurredAt,
    staffId: draft.staffId,
    kind: "exchange",
    originalId: draft.originalId,
    approvedBy: draft.approvedBy,
    taxDisplay: ctx.store.store.taxDisplay,
    returned: draft.returned.map(returnLine),
    given: draft.given.map(receiptLine),
    returnedTotal,
    givenTotal,
    tenders: draft.tenders.map(tender),
    refunds: draft.refunds.map(tender),
    change,
  };
}

export function buildStocktake(
  ctx: BuildContext,
  head: DocumentHead,
  sheet: { staffId: string; area: string; lines: { skuId: string; counted: number }[] },
): StocktakeBody {
  checkStaff(ctx, sheet.staffId);
  const area = (sheet.area ?? "").trim();
  if (!area || area.length > 64) fail("エリアを入力してください(64文字まで)", "area is required, at most 64 characters");
  if (sheet.lines.length === 0) fail("棚卸の明細がありません", "the stocktake sheet is empty");
  if (sheet.lines.length > 5000) fail("明細は5000行までです", "at most 5,000 lines");
  sheet.lines.forEach((l, i) => {
    if (!ctx.sku(l.skuId)) fail("商品が見つかりません", `line ${i + 1}: unknown SKU ${l.skuId}`);
    if (!isWhole(l.counted, 0)) fail("数量は0以上の整数です", `line ${i + 1}: counted must be a whole number of 0 or more`);
  });
  return {
    id: head.id,
    number: head.number,
    occurredAt: head.occurredAt,
    staffId: sheet.staffId,
    kind: "stocktake",
    area,
    lines: sheet.lines.map((l) => ({ skuId: l.skuId, counted: l.counted })),
  };
}

export function buildReceiving(
  ctx: BuildContext,
  head: DocumentHead,
  receipt: { staffId: string; inboundId: string; lines: { skuId: string; received: number }[] },
): ReceivingBody {
  checkStaff(ctx, receipt.staffId);
  if (!receipt.inboundId) fail("入荷伝票が選ばれていません", "inboundId is missing");
  if (receipt.lines.length === 0) fail("入荷の明細がありません", "the receipt has no lines");
  if (receipt.lines.length > 5000) fail("明細は5000行までです", "at most 5,000 lines");
  receipt.lines.forEach((l, i) => {
    if (!l.skuId) fail("商品が見つかりません", `line ${i + 1}: skuId is missing`);
    if (!isWhole(l.received, 0)) fail("数量は0以上の整数です", `line ${i + 1}: received must be a whole number of 0 or more`);
  });
  return {
    id: head.id,
    number: head.number,
    occurredAt: head.occurredAt,
    staffId: receipt.staffId,
    kind: "receipt",
    inboundId: receipt.inboundId,
    lines: receipt.lines.map((l) => ({ skuId: l.skuId, received: l.received })),
  };
}

/**
 * What a document does to the store's on-hand stock, as the hub will post it
 * (worker/documents/post.ts): a sale and an exchange's given goods leave at once; a receipt comes
 * in at once; returned goods wait for the back office (门店后台入库) and a stocktake for approval.
 */
export function stockEffects(kind: LocalDocument["kind"], body: Record<string, unknown>): [string, number][] {
  type Line = { skuId: string; quantity: number; unitValue?: number | null };
  switch (kind) {
    case "sale":
      return (body.lines as Line[]).map((l) => [l.skuId, -stockQuantity(l.quantity, l.unitValue)]);
    case "exchange":
      return (body.given as Line[]).map((l) => [l.skuId, -stockQuantity(l.quantity, l.unitValue)]);
    case "receipt":
      return (body.lines as { skuId: string; received: number }[]).filter((l) => l.received > 0).map((l) => [l.skuId, l.received]);
    default:
      return [];
  }
}
