/**
 * The fake's order book: seeds in a compact shape become full OrderModel objects in RMS's own field
 * names; getOrder renders them for the requested `version` (SkuModelList only from 7, as RMS does);
 * searchOrder filters and sorts them. An order is stored once, at the newest version, and older
 * versions are produced by leaving fields out.
 */
import { DAY_MS, parseLooseInstant, parseRmsDate, parseRmsDatetime, rmsDatetime } from "./dates";

/** 配送会社 codes of ShippingModel.deliveryCompany (RK-1, RK-2). */
export const DELIVERY_COMPANIES: Record<string, string> = {
  "1000": "その他", "1001": "ヤマト運輸", "1002": "佐川急便", "1003": "日本郵便", "1004": "西濃運輸",
  "1005": "セイノースーパーエクスプレス", "1006": "福山通運", "1007": "名鉄運輸", "1008": "トナミ運輸",
  "1009": "第一貨物", "1010": "新潟運輸", "1011": "中越運送", "1012": "岡山県貨物運送", "1013": "久留米運送",
  "1014": "山陽自動車運送", "1015": "NXトランスポート", "1016": "エコ配", "1017": "EMS", "1018": "DHL",
  "1019": "FedEx", "1020": "UPS", "1021": "日本通運", "1022": "TNT", "1023": "OCS", "1024": "USPS",
  "1025": "SFエクスプレス", "1026": "Aramex", "1027": "SGHグローバル・ジャパン", "1028": "Rakuten EXPRESS",
};

export interface ShippingRecord {
  shippingDetailId: number;
  shippingNumber: string | null;
  deliveryCompany: string | null;
  deliveryCompanyName: string | null;
  shippingDate: string | null;
}

/** A stored order: the wire OrderModel (newest version) with typed access to what the fake changes. */
export interface StoredOrder {
  model: Record<string, unknown> & { orderNumber: string; orderProgress: number; PackageModelList: StoredPackage[] };
  orderedAt: number;
}
export type StoredPackage = Record<string, unknown> & {
  basketId: number;
  ItemModelList: Record<string, unknown>[];
  ShippingModelList: ShippingRecord[];
};

export interface SeedItem {
  manageNumber: string;
  itemName?: string;
  itemId?: number;
  itemNumber?: string;
  price: number;
  units: number;
  variantId?: string;
  merchantDefinedSkuId?: string | null;
  skuInfo?: string | null;
  taxRate?: number;
  includeTaxFlag?: 0 | 1;
}
export interface SeedShipping {
  shippingDetailId?: number;
  deliveryCompany?: string;
  shippingNumber?: string;
  shippingDate?: string;
}
export interface SeedPackage {
  basketId?: number;
  items: SeedItem[];
  shippings?: SeedShipping[];
  sender?: Record<string, string>;
}
export interface SeedOrder {
  orderNumber?: string;
  /** RMS form or ISO; default: the shop's now. */
  orderDatetime?: string;
  orderProgress?: number;
  orderType?: number;
  asurakuFlag?: 0 | 1;
  subStatusId?: number | null;
  remarks?: string;
  /** Shortcut for a single package. */
  items?: SeedItem[];
  packages?: SeedPackage[];
  /** Orders placed before the shop's SKU migration carry empty SKU fields (RMS: 値は空になります). */
  preSkuMigration?: boolean;
}

export interface IdSource {
  nextBasketId(): number;
  nextItemDetailId(): number;
  nextShippingDetailId(): number;
  noteShippingDetailId(id: number): void;
  nextOrderSerial(): number;
}

const DEFAULT_SENDER = {
  zipCode1: "158", zipCode2: "0094", prefecture: "東京都", city: "世田谷区", subAddress: "玉川1-14-1",
  familyName: "楽天", firstName: "太郎", familyNameKana: "ラクテン", firstNameKana: "タロウ",
  phoneNumber1: "03", phoneNumber2: "1234", phoneNumber3: "5678", isolatedIslandFlag: 0,
};

export function buildOrder(seed: SeedOrder, shopId: string, now: number, ids: IdSource): StoredOrder {
  const orderedAt = seed.orderDatetime ? parseLooseInstant(seed.orderDatetime) : now;
  if (orderedAt === null) throw new Error(`bad orderDatetime ${seed.orderDatetime}`);
  const day = rmsDatetime(orderedAt).slice(0, 10).replaceAll("-", "");
  const orderNumber = seed.orderNumber ?? `${shopId}-${day}-${String(ids.nextOrderSerial()).padStart(8, "0")}`;
  const progress = seed.orderProgress ?? 100;
  const packagesSeed = seed.packages ?? [{ items: seed.items ?? [] }];
  let goodsTotal = 0;
  const packages: StoredPackage[] = packagesSeed.map((p) => {
    const items = p.items.map((item) => {
      goodsTotal += item.price * item.units;
      const taxRate = item.taxRate ?? 0.1;
      const includeTaxFlag = item.includeTaxFlag ?? 1;
      return {
        itemDetailId: ids.nextItemDetailId(),
        itemName: item.itemName ?? item.manageNumber,
        itemId: item.itemId ?? 10_000_000 + ids.nextItemDetailId(),
        itemNumber: item.itemNumber ?? item.manageNumber,
        manageNumber: item.manageNumber,
        price: item.price,
        units: item.units,
        includePostageFlag: 0,
        includeTaxFlag,
        includeCashOnDeliveryPostageFlag: 0,
        selectedChoice: null,
        pointRate: 1,
        pointType: 0,
        inventoryType: 2,
        delvdateInfo: null,
        restoreInventoryFlag: 0,
        dealFlag: 0,
        drugFlag: 0,
        deleteItemFlag: 0,
        taxRate,
        priceTaxIncl: includeTaxFlag ? item.price : Math.floor(item.price * (1 + taxRate)),
        isSingleItemShipping: 0,
        SkuModelList: [
          seed.preSkuMigration
            ? { variantId: "", merchantDefinedSkuId: "", skuInfo: "" }
            : { variantId: item.variantId ?? item.manageNumber, merchantDefinedSkuId: item.merchantDefinedSkuId ?? null, skuInfo: item.skuInfo ?? null },
        ],
      };
    });
    const goodsPrice = items.reduce((sum, i) => sum + i.price * i.units, 0);
    return {
      basketId: p.basketId ?? ids.nextBasketId(),
      postagePrice: 0,
      postageTaxRate: 0.1,
      deliveryPrice: 0,
      deliveryTaxRate: 0.1,
      goodsTax: 0,
      goodsPrice,
      totalPrice: goodsPrice,
      noshi: null,
      packageDeleteFlag: 0,
      SenderModel: { ...DEFAULT_SENDER, ...(p.sender ?? {}) },
      ItemModelList: items,
      ShippingModelList: (p.shippings ?? []).map((s) => ({
        shippingDetailId: s.shippingDetailId === undefined ? ids.nextShippingDetailId() : (ids.noteShippingDetailId(s.shippingDetailId), s.shippingDetailId),
        shippingNumber: s.shippingNumber ?? null,
        deliveryCompany: s.deliveryCompany ?? null,
        deliveryCompanyName: s.deliveryCompany ? (DELIVERY_COMPANIES[s.deliveryCompany] ?? null) : null,
        shippingDate: s.shippingDate ?? null,
      })),
      DeliveryCvsModel: null,
      defaultDeliveryCompanyCode: "1001",
    };
  });
  // Status timestamps that RMS would have set on the way to the seeded status.
  const confirmed = progress >= 300 && progress !== 900 ? rmsDatetime(orderedAt + 10 * 60_000) : null;
  const shipped = progress >= 500 && progress < 800 ? rmsDatetime(orderedAt + DAY_MS) : null;
  return {
    orderedAt,
    model: {
      orderNumber,
      orderProgress: progress,
      subStatusId: seed.subStatusId ?? null,
      subStatusName: null,
      orderDatetime: rmsDatetime(orderedAt),
      shopOrderCfmDatetime: confirmed,
      orderFixDatetime: confirmed,
      shippingInstDatetime: confirmed,
      shippingCmplRptDatetime: shipped,
      cancelDueDate: null,
      deliveryDate: null,
      shippingTerm: 0,
      remarks: seed.remarks ?? null,
      giftCheckFlag: 0,
      severalSenderFlag: packages.length > 1 ? 1 : 0,
      equalSenderFlag: packages.length > 1 ? 0 : 1,
      isolatedIslandFlag: 0,
      rakutenMemberFlag: 1,
      carrierCode: 0,
      emailCarrierCode: 0,
      orderType: seed.orderType ?? 1,
      reserveNumber: null,
      reserveDeliveryCount: null,
      cautionDisplayType: 0,
      rakutenConfirmFlag: 0,
      goodsPrice: goodsTotal,
      goodsTax: 0,
      postagePrice: 0,
      deliveryPrice: 0,
      paymentCharge: 0,
      paymentChargeTaxRate: 0.1,
      totalPrice: goodsTotal,
      requestPrice: goodsTotal,
      couponAllTotalPrice: 0,
      couponShopPrice: 0,
      couponOtherPrice: 0,
      additionalFeeOccurAmountToUser: 0,
      additionalFeeOccurAmountToShop: 0,
      asurakuFlag: seed.asurakuFlag ?? 0,
      drugFlag: 0,
      dealFlag: 0,
      membershipType: 0,
      memo: null,
      operator: null,
      mailPlugSentence: null,
      modifyFlag: 0,
      isTaxRecalc: 0,
      OrdererModel: { ...DEFAULT_SENDER, emailAddress: "masked@pc.fw.rakuten.ne.jp", sex: null, birthYear: null, birthMonth: null, birthDay: null },
      SettlementModel: { settlementMethodCode: 1, settlementMethod: "クレジットカード", rpaySettlementFlag: 1, cardName: "VISA", cardNumber: "XXXX-XXXX-XXXX-1234", cardOwner: null, cardYm: null, cardPayType: 0, cardInstallmentDesc: null },
      DeliveryModel: { deliveryName: "宅配便", deliveryClass: 0 },
      PointModel: { usedPoint: 0 },
      WrappingModel1: null,
      WrappingModel2: null,
      PackageModelList: packages,
      CouponModelList: [],
      ChangeReasonModelList: [],
      TaxSummaryModelList: [{ taxRate: 0.1, reqPrice: goodsTotal, reqPriceTax: Math.floor((goodsTotal * 10) / 110), totalPrice: goodsTotal, paymentCharge: 0, couponPrice: 0, point: 0 }],
    },
  };
}

/** The OrderModel as getOrder answers it for `version` (fields arrive with the version that added them). */
export function renderOrder(order: StoredOrder, version: number): Record<string, unknown> {
  const copy = structuredClone(order.model) as Record<string, unknown> & { PackageModelList: Record<string, unknown>[] };
  if (version < 3) for (const key of ["paymentChargeTaxRate", "isTaxRecalc", "TaxSummaryModelList"]) delete copy[key];
  for (const pkg of copy.PackageModelList) {
    if (version < 3) for (const key of ["postageTaxRate", "deliveryTaxRate", "goodsTax"]) delete pkg[key];
    if (version < 4) delete pkg.defaultDeliveryCompanyCode;
    for (const item of pkg.ItemModelList as Record<string, unknown>[]) {
      if (version < 3) for (const key of ["taxRate", "priceTaxIncl"]) delete item[key];
      if (version < 4) delete item.isSingleItemShipping;
      if (version < 7) delete item.SkuModelList;
    }
  }
  return copy;
}

export interface SearchCriteria {
  dateType: number;
  start: number;
  end: number;
  orderProgressList?: number[];
  subStatusIdList?: number[];
  orderTypeList?: number[];
  asurakuFlag?: number;
  shippingNumberBlankFlag?: number;
  ascending: boolean;
}

/** The instant searchOrder compares for a dateType; null when the order has none (never matches). */
function dateOf(order: StoredOrder, dateType: number): number | null {
  const m = order.model;
  const at = (field: string) => parseRmsDatetime(m[field]);
  switch (dateType) {
    case 1: return order.orderedAt;
    case 2: return at("shopOrderCfmDatetime");
    case 3: return at("orderFixDatetime");
    case 4: {
      // 発送日: the earliest shippingDate of the order's parcels (a date, compared at 00:00 JST).
      const dates = m.PackageModelList.flatMap((p) => p.ShippingModelList.map((s) => parseRmsDate(s.shippingDate))).filter((d): d is number => d !== null);
      return dates.length ? Math.min(...dates) : null;
    }
    case 5: return at("shippingCmplRptDatetime");
    default: return null; // 6 決済確定日: settlement is not modelled
  }
}

export function searchOrders(orders: Iterable<StoredOrder>, c: SearchCriteria): StoredOrder[] {
  const found: { order: StoredOrder; at: number }[] = [];
  for (const order of orders) {
    const at = dateOf(order, c.dateType);
    if (at === null || at < c.start || at > c.end) continue;
    const m = order.model;
    if (c.orderProgressList?.length && !c.orderProgressList.includes(m.orderProgress)) continue;
    if (c.subStatusIdList?.length) {
      const sub = (m.subStatusId as number | null) ?? -1;
      if (!c.subStatusIdList.includes(sub)) continue;
    }
    if (c.orderTypeList?.length && !c.orderTypeList.includes(m.orderType as number)) continue;
    if (c.asurakuFlag === 1 && m.asurakuFlag !== 1) continue;
    if (c.shippingNumberBlankFlag === 1 && m.PackageModelList.some((p) => p.ShippingModelList.some((s) => s.shippingNumber))) continue;
    found.push({ order, at: order.orderedAt });
  }
  // sortColumn 1 is 注文日時 (the only one RMS offers); the order number breaks ties so paging is stable.
  found.sort((a, b) => (a.at - b.at || (a.order.model.orderNumber < b.order.model.orderNumber ? -1 : 1)) * (c.ascending ? 1 : -1));
  return found.map((f) => f.order);
}
