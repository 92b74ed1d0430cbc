/**
 * Pure mapping between RMS / RSL shapes and Renkei's (no I/O): an RMS order becomes an order for
 * the hub's import, each basket a possible RSL shipment request, an RSL parcel an RMS shipping
 * record. A line is "mapped" only when its Rakuten SKU has a 商品マッピング row (Renkei SKU and RSL
 * item); a Renkei SKU that merely shares the code does not count (see import matchLinesByCode).
 */
import type { RmsItemModel, RmsOrderModel } from "../../../shared/schemas/rakuten";
import type { ImportOrderInput } from "../../orders/import";
import type { RslShipmentRequest } from "../rsl/client";
import { parseRmsDatetime } from "./dates";

export interface ItemMapping {
  skuId: string;
  rslItemCode: string;
}

/** Case-folded key of a Rakuten SKU: RMS lower-cases SKU管理番号, merchants type codes in capitals. */
export const foldSku = (sku: string) => sku.trim().toLowerCase();

/**
 * The Rakuten SKU a line is mapped by: システム連携用SKU番号 (the merchant's own code) first, then
 * SKU管理番号, then — for orders placed before the shop's SKU migration, whose SKU fields are empty —
 * the item's 商品管理番号.
 */
export function rakutenSkuOf(item: RmsItemModel): string {
  const sku = item.SkuModelList?.[0];
  return (sku?.merchantDefinedSkuId || sku?.variantId || item.manageNumber).trim();
}

type Sender = Record<string, unknown> | null | undefined;
const text = (value: unknown) => (typeof value === "string" ? value : "");

export function shipToOf(sender: Sender): RslShipmentRequest["shipTo"] {
  return {
    name: `${text(sender?.familyName)} ${text(sender?.firstName)}`.trim(),
    postalCode: `${text(sender?.zipCode1)}${text(sender?.zipCode2)}`,
    prefecture: text(sender?.prefecture),
    address1: `${text(sender?.city)}${text(sender?.subAddress)}`,
    phone: `${text(sender?.phoneNumber1)}${text(sender?.phoneNumber2)}${text(sender?.phoneNumber3)}`,
  };
}

/** What Renkei keeps of each basket, to build RSL requests and RMS shipping records later. */
export interface BasketRecord {
  basketId: number;
  shipTo: RslShipmentRequest["shipTo"];
  /** 1-based line numbers of the Renkei order, in import order. */
  lines: { lineNo: number; rakutenSku: string; quantity: number }[];
}

export function basketsOf(order: RmsOrderModel): BasketRecord[] {
  let lineNo = 0;
  return order.PackageModelList.map((p) => ({
    basketId: p.basketId,
    shipTo: shipToOf(p.SenderModel as Sender),
    lines: p.ItemModelList.map((item) => ({ lineNo: ++lineNo, rakutenSku: rakutenSkuOf(item), quantity: item.units })),
  }));
}

/** An RMS order as the hub's import takes it; lines in basket order (the same order basketsOf numbers). */
export function toImportOrder(order: RmsOrderModel, mappings: ReadonlyMap<string, ItemMapping>, channelId: string): ImportOrderInput {
  const orderer = order.OrdererModel as Sender;
  const first = order.PackageModelList[0];
  const ship = shipToOf(first?.SenderModel as Sender);
  const fees = order.PackageModelList.reduce((sum, p) => sum + Number((p as Record<string, unknown>).postagePrice ?? 0) + Number((p as Record<string, unknown>).deliveryPrice ?? 0), 0);
  return {
    channelId,
    externalId: order.orderNumber,
    orderedAt: parseRmsDatetime(order.orderDatetime).toISOString(),
    currency: "JPY",
    customerName: `${text(orderer?.familyName)} ${text(orderer?.firstName)}`.trim(),
    shippingAddress: `〒${ship.postalCode} ${ship.prefecture}${ship.address1}`,
    shippingFee: fees,
    adjustment: 0,
    note: order.remarks ?? "",
    taxDisplay: "inclusive",
    matchLinesByCode: false,
    lines: order.PackageModelList.flatMap((p) =>
      p.ItemModelList.map((item) => {
        const sku = rakutenSkuOf(item);
        const skuInfo = item.SkuModelList?.[0]?.skuInfo;
        return {
          externalCode: sku,
          skuId: mappings.get(foldSku(sku))?.skuId ?? null,
          name: skuInfo ? `${item.itemName} ${skuInfo}` : item.itemName,
          quantity: item.units,
          // RMS price is per unit; priceTaxIncl (version ≥ 3) is the tax-inclusive one
          unitPrice: item.priceTaxIncl ?? item.price,
          taxRate: Math.round((item.taxRate ?? 0.1) * 100),
        };
      }),
    ),
  };
}

/** RSL's carrier names → RMS deliveryCompany codes (1001 ヤマト, 1002 佐川, 1003 日本郵便; 1000 その他). */
export const RMS_DELIVERY_COMPANY: Record<string, string> = { yamato: "1001", sagawa: "1002", japanpost: "1003" };
export const deliveryCompanyOf = (carrier: string) => RMS_DELIVERY_COMPANY[carrier] ?? "1000";

/** RSL request keys: one per basket, `-s<n>` for a split part; RSL allows 1–64 of A-Za-z0-9_.:- */
export const requestKeyOf = (orderNumber: string, basketId: number, part?: number) =>
  `${orderNumber}.${basketId}${part ? `-s${part}` : ""}`;
