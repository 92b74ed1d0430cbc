/**
 * What a Renkei order looks like when it goes to Smaregi's order-shipment API (POST /orders), with
 * seed 000's 受注連携設定 applied. Pure: the caller reads the order and Smaregi's products, this
 * decides the body, or why the order cannot go.
 *  - ■封入物商品連携: [連携しない] leaves enclosure lines out (products Smaregi does not stock-manage,
 *    stockControlDivision "1": they would never allocate there); [連携する] sends them as lines.
 *  - ■調整額用商品番号: a positive adjustment becomes one line of that product (price = the amount);
 *    a negative one goes as totalPromotionDiscount.
 *  - ■ダミー商品番号: a line with no product code (no SKU and no external code) goes under it.
 *  - 支払方法 (§3): the order's payment method goes as the mapped スマレジ支払方法 (paymentMethodId);
 *    a method with no mapping holds the order rather than send it silently without its payment
 *    (the merchant maps it, and the next run sends it); an order without a payment method goes
 *    without the field.
 * Money is integer yen; Smaregi's rule total = Σ(salesPrice × quantity) + taxExclude + carriage −
 * discounts holds by construction (外税 stores carry Renkei's tax as taxExclude).
 */
import type { SmaregiOrderInput } from "../../../shared/schemas/smaregi";
import type { SmaregiSettings } from "./settings";
import { smaregiDateTime } from "./windows";

export interface OrderToSend {
  id: string;
  externalId: string;
  orderedAt: string;
  tax: number;
  shippingFee: number;
  adjustment: number;
  note: string;
  /** The Renkei payment method (支払方法); none when the order has none. */
  paymentMethod?: { id: string; name: string } | null;
  lines: { productCode: string; name: string; unitPrice: number; quantity: number }[];
}

export type OrderBody = { ok: true; body: SmaregiOrderInput } | { ok: false; reason: string };

export const SEND_REFUSALS = {
  orderCode: "受注番号が半角英数記号50文字以内ではないため、スマレジに送れません (the order number is not ≤ 50 printable ASCII)",
  noDummy: "商品番号のない明細があります。■ダミー商品番号を設定してください (a line has no product code: set the dummy product code)",
  noAdjustment: "調整額があります。■調整額用商品番号を設定してください (the order has an adjustment: set the adjustment product code)",
  negativePrice: "マイナス金額の明細はスマレジに送れません (a line with a negative price cannot go to Smaregi)",
  noLines: "スマレジに送る明細がありません (no line to send: every line is an enclosure item)",
  negativeTotal: "合計金額がマイナスになるため、スマレジに送れません (the total would be negative)",
} as const;

/** The 支払方法 refusal names the method, so the merchant knows which mapping to add. */
export const unmappedPaymentReason = (name: string) =>
  `支払方法「${name}」がスマレジ支払方法に紐づいていません。支払方法の設定で紐づけてください (payment method not mapped to a Smaregi one: map it in the settings)`;

export function smaregiOrderBody(
  order: OrderToSend,
  store: { smaregiStoreId: string; taxCalculation: "inclusive" | "exclusive" },
  s: Pick<SmaregiSettings, "enclosureItems" | "adjustmentProductCode" | "dummyProductCode"> & Partial<Pick<SmaregiSettings, "paymentMethods">>,
  /** Smaregi product codes that are not stock-managed there (enclosures, wrapping). */
  notStockManaged: ReadonlySet<string>,
): OrderBody {
  if (!/^[ -~]{1,50}$/.test(order.externalId)) return { ok: false, reason: SEND_REFUSALS.orderCode };
  let paymentMethodId: string | undefined;
  if (order.paymentMethod) {
    paymentMethodId = (s.paymentMethods ?? []).find((p) => p.paymentMethodId === order.paymentMethod!.id)?.smaregiPaymentMethodId;
    if (!paymentMethodId) return { ok: false, reason: unmappedPaymentReason(order.paymentMethod.name) };
  }
  const details: SmaregiOrderInput["details"] = [];
  for (const line of order.lines) {
    const code = line.productCode.trim() || s.dummyProductCode;
    if (!code) return { ok: false, reason: SEND_REFUSALS.noDummy };
    if (s.enclosureItems === "none" && notStockManaged.has(code)) continue;
    if (line.unitPrice < 0) return { ok: false, reason: SEND_REFUSALS.negativePrice };
    details.push({ productCode: code, productName: line.name.slice(0, 85) || undefined, salesPrice: line.unitPrice, quantity: line.quantity });
  }
  let promotion = 0;
  if (order.adjustment > 0) {
    if (!s.adjustmentProductCode) return { ok: false, reason: SEND_REFUSALS.noAdjustment };
    details.push({ productCode: s.adjustmentProductCode, productName: "調整額", salesPrice: order.adjustment, quantity: 1 });
  } else if (order.adjustment < 0) promotion = -order.adjustment;
  if (!details.length) return { ok: false, reason: SEND_REFUSALS.noLines };
  const taxExclude = store.taxCalculation === "exclusive" ? order.tax : 0;
  const total = details.reduce((sum, d) => sum + d.salesPrice * d.quantity, 0) + taxExclude + order.shippingFee - promotion;
  if (total < 0) return { ok: false, reason: SEND_REFUSALS.negativeTotal };
  return {
    ok: true,
    body: {
      storeId: store.smaregiStoreId,
      orderCode: order.externalId,
      orderDateTime: smaregiDateTime(Date.parse(order.orderedAt)),
      carriage: order.shippingFee,
      taxExclude,
      totalPromotionDiscount: promotion,
      total,
      ...(order.note ? { memo: order.note.slice(0, 1000) } : {}),
      ...(paymentMethodId ? { paymentMethodId } : {}),
      details,
    },
  };
}
