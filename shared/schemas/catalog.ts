/**
 * Catalog bodies: units (seed 004 単位設定), products with their SKUs, and the bulk unit upload.
 * Messages quote seed 004's own wording first, English after.
 */
import { z } from "zod";
import { Code, Id, Name, NonNegativeMinor, TaxClass } from "./common";

export const UNIT_MESSAGES = {
  conversion: "単位換算値には1以上の整数値を入力してください。小数点以下を含む数値や、マイナス値は設定できません (conversion must be a whole number of 1 or more)",
  sameUnit: "管理用単位と販売用単位が同一の場合は1を入力してください (same management and sales unit: conversion must be 1)",
  notAllowedKind: "セット子商品・カートオプション商品・ダウンロード商品・BTO子商品には単位を設定できません (this kind of product cannot have a unit)",
  packQuantity: "単位管理商品に入数を設定できません (a unit product takes no pack quantity)",
  backorder: "単位管理商品では受注残管理を併用できません (a unit product cannot use backorders)",
  minMax: "最低注文単位は1以上、最高注文単位は最低注文単位以上にしてください (min ≥ 1 and max ≥ min)",
  unitRange: (min: number, max: number) =>
    `注文単位は最低注文単位(${min})以上、最高注文単位(${max})以下で入力してください (order value must be within ${min}–${max})`,
  unitRequired: "単位が設定された商品は注文単位を入力する必要があります (a unit product needs its order value)",
  unitNotAllowed: "単位が設定されていない商品に注文単位は入力できません (this product has no unit)",
} as const;

export const UnitInput = z
  .object({
    code: Code,
    managementUnit: z.string().trim().min(1).max(20), // 管理用単位
    salesUnit: z.string().trim().min(1).max(20), // 販売用単位
    displayName: z.string().trim().min(1).max(40), // 画面表示名
    conversion: z.number().refine((v) => Number.isInteger(v) && v >= 1 && v <= 1_000_000, UNIT_MESSAGES.conversion),
  })
  .superRefine((u, ctx) => {
    if (u.managementUnit === u.salesUnit && u.conversion !== 1) {
      ctx.addIssue({ code: "custom", path: ["conversion"], message: UNIT_MESSAGES.sameUnit });
    }
  });
export const Unit = z.object({
  id: Id,
  code: z.string(),
  managementUnit: z.string(),
  salesUnit: z.string(),
  displayName: z.string(),
  conversion: z.number().int(),
});

export const ProductKind = z.enum(["normal", "set_child", "cart_option", "download", "bto_child"]);
export const ListingStatus = z.enum(["listed", "unlisted"]);

export const SkuInput = z.object({
  code: Code,
  barcode: z
    .string()
    .trim()
    .regex(/^\d{8}$|^\d{12,14}$/, "JAN / EAN: 8 or 13 digits (12–14 accepted)")
    .optional()
    .nullable(),
  specName: z.string().trim().max(100).default(""),
  price: NonNegativeMinor,
  costPrice: NonNegativeMinor.optional().nullable(),
  listingStatus: ListingStatus.default("listed"),
});

const unitIssues = (
  p: { kind: string; unitId?: string | null; unitMin?: number | null; unitMax?: number | null; packQuantity?: number | null; backorder?: boolean },
  ctx: z.RefinementCtx,
) => {
  if (!p.unitId) return;
  if (p.kind !== "normal") ctx.addIssue({ code: "custom", path: ["unitId"], message: UNIT_MESSAGES.notAllowedKind });
  if (p.packQuantity != null) ctx.addIssue({ code: "custom", path: ["packQuantity"], message: UNIT_MESSAGES.packQuantity });
  if (p.backorder) ctx.addIssue({ code: "custom", path: ["backorder"], message: UNIT_MESSAGES.backorder });
  if (p.unitMin == null || p.unitMax == null || p.unitMin < 1 || p.unitMax < p.unitMin) {
    ctx.addIssue({ code: "custom", path: ["unitMin"], message: UNIT_MESSAGES.minMax });
  }
};

const productFields = {
  code: Code,
  name: Name,
  categoryId: Id.optional().nullable(),
  brandId: Id.optional().nullable(),
  kind: ProductKind.default("normal"),
  taxClass: TaxClass.default("standard"),
  unitId: Id.optional().nullable(),
  unitMin: z.number().int("must be a whole number").optional().nullable(), // 最低注文単位
  unitMax: z.number().int("must be a whole number").optional().nullable(), // 最高注文単位
  packQuantity: z.number().int().min(1).optional().nullable(), // 入数
  backorder: z.boolean().default(false), // 受注残管理
  listingStatus: ListingStatus.default("listed"),
};

export const ProductInput = z
  .object({ ...productFields, skus: z.array(SkuInput).min(1, "a product needs at least one SKU").max(200) })
  .superRefine((p, ctx) => {
    unitIssues(p, ctx);
    const seen = new Set<string>();
    p.skus.forEach((s, i) => {
      if (seen.has(s.code)) ctx.addIssue({ code: "custom", path: ["skus", i, "code"], message: "duplicate SKU code" });
      seen.add(s.code);
    });
  });
export const ProductUpdate = z.object(productFields).partial().extend({ code: Code.optional() });

export const Sku = z.object({
  id: Id,
  productId: Id,
  code: z.string(),
  barcode: z.string().nullable(),
  specName: z.string(),
  price: z.number().int(),
  costPrice: z.number().int().nullable(),
  listingStatus: ListingStatus,
  /** the product file's attribute columns: header as the merchant named it → value */
  // optional in the type so older callers' fixtures stand; the API always sends them
  attributes: z.record(z.string(), z.string()).optional(),
});
export const Product = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  categoryId: Id.nullable(),
  brandId: Id.nullable(),
  kind: ProductKind,
  taxClass: TaxClass,
  unitId: Id.nullable(),
  unitMin: z.number().nullable(),
  unitMax: z.number().nullable(),
  packQuantity: z.number().nullable(),
  backorder: z.boolean(),
  listingStatus: ListingStatus,
  /** 基本单位 (件, 个, …) from the product file */
  baseUnit: z.string().nullable().optional(),
  /** the goods' image (from the ERP: a multi-spec goods gives its first spec's) */
  imageUrl: z.string().nullable().optional(),
  unit: Unit.nullable(),
  skus: z.array(Sku),
  updatedAt: z.string(),
});
export const ProductList = z.object({ items: z.array(Product), nextCursor: z.string().nullable() });
export const ProductQuery = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const CategoryInput = z.object({ name: Name, parentId: Id.optional().nullable() });
export const Category = z.object({ id: Id, name: z.string(), parentId: Id.nullable(), depth: z.number() });
export const BrandInput = z.object({ name: Name });
export const Brand = z.object({ id: Id, name: z.string() });

/** 単位設定一括アップロード: a CSV file (UTF-8, header row) of units, then products' unit settings. */
export const BulkUploadResult = z.object({
  units: z.number(),
  products: z.number(),
});

/**
 * 商品批量导入 / 商品批量更新 → 文件导入 (seed 003 §3.3.2, §3.4.2): the rows the admin read from the
 * merchant's CSV or Excel file, as text, header first. The worker checks them all again
 * (shared/schemas/product-import.ts); the row limit is checked there, so it can name row 5,001.
 */
export const ProductFileImport = z.object({
  mode: z.enum(["create", "update"]),
  /** Create a 分类 level the catalog lacks instead of refusing the row. */
  createCategories: z.boolean().default(false),
  header: z.array(z.string().max(1_000)).min(1).max(100),
  rows: z.array(z.array(z.string().max(10_000)).max(100)).max(100_000),
});
export const ProductFileImportResult = z.object({
  mode: z.enum(["create", "update"]),
  productsCreated: z.number(),
  skusCreated: z.number(),
  productsUpdated: z.number(),
  skusUpdated: z.number(),
  categoriesCreated: z.number(),
  brandsCreated: z.number(),
});
export const ProductFileTemplateQuery = z.object({ mode: z.enum(["create", "update"]).default("create") });
