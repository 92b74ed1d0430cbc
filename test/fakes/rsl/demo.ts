/** The sandbox RSL account: the warehouse stocks Renkei's demo SKUs under its own item codes. */
import type { RslItem } from "./account";

export const DEMO_API_KEY = "rsl_sandbox_key";

export const DEMO_ITEMS: RslItem[] = [
  { itemCode: "RSL-10001", name: "リボンバレッタ レッド", merchantSku: "RB-001-RED" },
  { itemCode: "RSL-10002", name: "リボンバレッタ ブルー", merchantSku: "RB-001-BLU" },
  { itemCode: "RSL-10003", name: "オーガニックTシャツ S", merchantSku: "TS-100-S" },
  { itemCode: "RSL-10004", name: "オーガニックTシャツ M", merchantSku: "TS-100-M" },
  { itemCode: "RSL-10005", name: "オーガニックTシャツ L", merchantSku: "TS-100-L" },
  { itemCode: "RSL-10006", name: "ドリップコーヒー 20袋", merchantSku: "CF-200" },
];
