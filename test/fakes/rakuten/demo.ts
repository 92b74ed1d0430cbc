/**
 * The sandbox shop of `npm start` and of tests that want a realistic mix: orders in several
 * statuses whose SKUs partly match Renkei's demo catalogue (RB-001-RED, RB-001-BLU, TS-100-S/M/L,
 * CF-200) and partly do not (MUG-900, BAG-300 — goods the merchant ships with another order
 * system), so fully mapped, partly mapped and fully unmapped orders all exist (seed 002).
 */
import { DAY_MS, rmsDatetime } from "./dates";
import type { SeedItem, SeedOrder } from "./orders";

export const DEMO_CREDENTIALS = { serviceSecret: "SP399999_sandboxSecret", licenseKey: "SL399999_sandboxLicense", shopId: "399999" };

// manageNumber / variantId are lower case, as RMS stores item URLs; システム連携用SKU番号
// (merchantDefinedSkuId) carries the merchant's own code, the natural key for mapping.
const ITEMS: Record<string, Omit<SeedItem, "units">> = {
  "RB-001-RED": { manageNumber: "rb-001", variantId: "rb-001-red", merchantDefinedSkuId: "RB-001-RED", itemName: "リボンバレッタ", skuInfo: "カラー:レッド", price: 1980 },
  "RB-001-BLU": { manageNumber: "rb-001", variantId: "rb-001-blu", merchantDefinedSkuId: "RB-001-BLU", itemName: "リボンバレッタ", skuInfo: "カラー:ブルー", price: 1980 },
  "TS-100-S": { manageNumber: "ts-100", variantId: "ts-100-s", merchantDefinedSkuId: "TS-100-S", itemName: "オーガニックTシャツ", skuInfo: "サイズ:S", price: 3300 },
  "TS-100-M": { manageNumber: "ts-100", variantId: "ts-100-m", merchantDefinedSkuId: "TS-100-M", itemName: "オーガニックTシャツ", skuInfo: "サイズ:M", price: 3300 },
  "TS-100-L": { manageNumber: "ts-100", variantId: "ts-100-l", merchantDefinedSkuId: "TS-100-L", itemName: "オーガニックTシャツ", skuInfo: "サイズ:L", price: 3300 },
  "CF-200": { manageNumber: "cf-200", variantId: "cf-200", merchantDefinedSkuId: "CF-200", itemName: "ドリップコーヒー 20袋", skuInfo: null, price: 2160 },
  "MUG-900": { manageNumber: "mug-900", variantId: "mug-900", merchantDefinedSkuId: "MUG-900", itemName: "波佐見焼マグ", skuInfo: null, price: 2750 },
  "BAG-300": { manageNumber: "bag-300", variantId: "bag-300-nvy", merchantDefinedSkuId: "BAG-300-NVY", itemName: "帆布トート", skuInfo: "カラー:ネイビー", price: 4400 },
};

const line = (sku: keyof typeof ITEMS, units = 1): SeedItem => ({ ...ITEMS[sku]!, units });

/** Ten orders of the last three days, relative to the shop's clock. */
export function demoOrders(now: number): (SeedOrder & { note: string })[] {
  const at = (hoursAgo: number) => rmsDatetime(now - hoursAgo * 3600_000);
  const shipDay = rmsDatetime(now - DAY_MS).slice(0, 10);
  return [
    { note: "注文確認待ち, fully mapped", orderDatetime: at(1), orderProgress: 100, items: [line("RB-001-RED")] },
    { note: "注文確認待ち, fully mapped, several lines", orderDatetime: at(2), orderProgress: 100, asurakuFlag: 1, items: [line("TS-100-S", 2), line("TS-100-M")] },
    { note: "注文確認待ち, partly mapped", orderDatetime: at(3), orderProgress: 100, items: [line("CF-200"), line("MUG-900")] },
    { note: "注文確認待ち, fully unmapped", orderDatetime: at(4), orderProgress: 100, items: [line("BAG-300")] },
    {
      note: "注文確認待ち, fully mapped, two destinations (two baskets)",
      orderDatetime: at(5),
      orderProgress: 100,
      packages: [{ items: [line("RB-001-BLU")] }, { items: [line("CF-200", 2)], sender: { familyName: "楽天", firstName: "花子", prefecture: "大阪府", city: "大阪市北区", subAddress: "梅田1-1-1" } }],
    },
    { note: "発送待ち, fully mapped", orderDatetime: at(26), orderProgress: 300, asurakuFlag: 1, items: [line("RB-001-BLU"), line("TS-100-L")] },
    { note: "発送待ち, partly mapped", orderDatetime: at(27), orderProgress: 300, items: [line("TS-100-L"), line("BAG-300", 2)] },
    { note: "発送待ち, fully unmapped", orderDatetime: at(28), orderProgress: 300, items: [line("MUG-900", 3)] },
    {
      note: "発送済, fully mapped, already reported",
      orderDatetime: at(50),
      orderProgress: 500,
      packages: [{ items: [line("CF-200")], shippings: [{ deliveryCompany: "1003", shippingNumber: "123412341234", shippingDate: shipDay }] }],
    },
    { note: "キャンセル確定", orderDatetime: at(60), orderProgress: 900, items: [line("RB-001-RED")] },
  ];
}
