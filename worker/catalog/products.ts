/**
 * Products and their SKUs. A product may carry a unit (seed 004): per product, never per SKU;
 * refused for set-child / cart-option / download / BTO-child products; no 入数, no 受注残.
 * The rules are checked here with the seed's words, and again by the table's CHECK.
 */
import { UNIT_MESSAGES } from "../../shared/schemas/catalog";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { placeholders } from "../db/merchant-db";
import { invalid, notFound, ServiceError, type Issue } from "../errors";
import { toUnit } from "./units";
import { notFoundMessage } from "../messages";

type Kind = "normal" | "set_child" | "cart_option" | "download" | "bto_child";

export interface ProductFields {
  code: string;
  name: string;
  categoryId?: string | null;
  brandId?: string | null;
  kind: Kind;
  taxClass: "standard" | "reduced" | "exempt";
  unitId?: string | null;
  unitMin?: number | null;
  unitMax?: number | null;
  packQuantity?: number | null;
  backorder: boolean;
  listingStatus: "listed" | "unlisted";
}

export interface SkuFields {
  code: string;
  barcode?: string | null;
  specName: string;
  price: number;
  costPrice?: number | null;
  listingStatus: "listed" | "unlisted";
}

/** Seed 004's rules for a unit product, as issues. */
export function unitRuleIssues(p: Pick<ProductFields, "kind" | "unitId" | "unitMin" | "unitMax" | "packQuantity" | "backorder">): Issue[] {
  if (!p.unitId) return [];
  const issues: Issue[] = [];
  if (p.kind !== "normal") issues.push({ path: ["unitId"], message: UNIT_MESSAGES.notAllowedKind });
  if (p.packQuantity != null) issues.push({ path: ["packQuantity"], message: UNIT_MESSAGES.packQuantity });
  if (p.backorder) issues.push({ path: ["backorder"], message: UNIT_MESSAGES.backorder });
  if (p.unitMin == null || p.unitMax == null || p.unitMin < 1 || p.unitMax < p.unitMin) {
    issues.push({ path: ["unitMin"], message: UNIT_MESSAGES.minMax });
  }
  return issues;
}

async function checkReferences(ctx: ServiceContext, p: Partial<ProductFields>) {
  const issues: Issue[] = [];
  const checks: [string, string | null | undefined, string][] = [
    ["unitId", p.unitId, "units"],
    ["categoryId", p.categoryId, "categories"],
    ["brandId", p.brandId, "brands"],
  ];
  for (const [field, id, table] of checks) {
    if (!id) continue;
    const row = await ctx.db.first(`SELECT id FROM ${table} WHERE merchant_id = ?1 AND id = ?2`, id);
    if (!row) issues.push({ path: [field], message: notFoundMessage(field.replace(/Id$/, "")) });
  }
  if (issues.length) throw invalid("invalid references", issues);
}

function conflictOnUnique(error: unknown, what: string): never {
  if (String(error).includes("UNIQUE constraint failed")) {
    throw new ServiceError("CONFLICT", `${what} code already exists`, [{ path: ["code"], message: "already exists" }]);
  }
  throw error;
}

export function skuInsertStatement(ctx: ServiceContext, productId: string, sku: SkuFields, at: string, id = newId("sku")) {
  return ctx.db.stmt(
    `INSERT INTO skus (id, merchant_id, product_id, code, barcode, spec_name, price, cost_price, listing_status, created_at, updated_at)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)`,
    id,
    productId,
    sku.code,
    sku.barcode ?? null,
    sku.specName,
    sku.price,
    sku.costPrice ?? null,
    sku.listingStatus,
    at,
  );
}

export async function createProduct(ctx: ServiceContext, input: ProductFields & { skus: SkuFields[] }) {
  const issues = unitRuleIssues(input);
  if (issues.length) throw invalid("invalid product", issues);
  await checkReferences(ctx, input);
  const id = newId("prd");
  const at = nowIso();
  await ctx.db
    .batch([
      ctx.db.stmt(
        `INSERT INTO products (id, merchant_id, code, name, category_id, brand_id, kind, tax_class, unit_id, unit_min, unit_max,
           pack_quantity, backorder, listing_status, created_at, updated_at)
         VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)`,
        id,
        input.code,
        input.name,
        input.categoryId ?? null,
        input.brandId ?? null,
        input.kind,
        input.taxClass,
        input.unitId ?? null,
        input.unitId ? input.unitMin : null,
        input.unitId ? input.unitMax : null,
        input.packQuantity ?? null,
        input.backorder ? 1 : 0,
        input.listingStatus,
        at,
      ),
      ...input.skus.map((sku) => skuInsertStatement(ctx, id, sku, at)),
    ])
    .catch((error) => conflictOnUnique(error, "product or SKU"));
  return getProduct(ctx, id);
}

export async function updateProduct(ctx: ServiceContext, id: string, patch: Partial<ProductFields>) {
  const current = await getProduct(ctx, id);
  const merged = { ...current, ...patch };
  const issues = unitRuleIssues(merged);
  if (issues.length) throw invalid("invalid product", issues);
  await checkReferences(ctx, patch);
  await ctx.db
    .run(
      `UPDATE products SET code = ?3, name = ?4, category_id = ?5, brand_id = ?6, kind = ?7, tax_class = ?8, unit_id = ?9,
         unit_min = ?10, unit_max = ?11, pack_quantity = ?12, backorder = ?13, listing_status = ?14, updated_at = ?15
       WHERE merchant_id = ?1 AND id = ?2`,
      id,
      merged.code,
      merged.name,
      merged.categoryId ?? null,
      merged.brandId ?? null,
      merged.kind,
      merged.taxClass,
      merged.unitId ?? null,
      merged.unitId ? merged.unitMin : null,
      merged.unitId ? merged.unitMax : null,
      merged.packQuantity ?? null,
      merged.backorder ? 1 : 0,
      merged.listingStatus,
      nowIso(),
    )
    .catch((error) => conflictOnUnique(error, "product"));
  return getProduct(ctx, id);
}

export async function addSku(ctx: ServiceContext, productId: string, sku: SkuFields) {
  await getProduct(ctx, productId);
  await skuInsertStatement(ctx, productId, sku, nowIso())
    .run()
    .catch((error) => conflictOnUnique(error, "SKU"));
  return getProduct(ctx, productId);
}

export async function updateSku(ctx: ServiceContext, skuId: string, patch: Partial<SkuFields>) {
  const row = await ctx.db.first<{ product_id: string }>("SELECT product_id FROM skus WHERE merchant_id = ?1 AND id = ?2", skuId);
  if (!row) throw notFound("SKU");
  await ctx.db
    .run(
      `UPDATE skus SET code = COALESCE(?3, code), barcode = CASE WHEN ?4 THEN ?5 ELSE barcode END, spec_name = COALESCE(?6, spec_name),
         price = COALESCE(?7, price), cost_price = CASE WHEN ?8 THEN ?9 ELSE cost_price END,
         listing_status = COALESCE(?10, listing_status), updated_at = ?11
       WHERE merchant_id = ?1 AND id = ?2`,
      skuId,
      patch.code ?? null,
      patch.barcode !== undefined ? 1 : 0,
      patch.barcode ?? null,
      patch.specName ?? null,
      patch.price ?? null,
      patch.costPrice !== undefined ? 1 : 0,
      patch.costPrice ?? null,
      patch.listingStatus ?? null,
      nowIso(),
    )
    .catch((error) => conflictOnUnique(error, "SKU"));
  return getProduct(ctx, row.product_id);
}

interface ProductRow {
  id: string;
  code: string;
  name: string;
  category_id: string | null;
  brand_id: string | null;
  kind: Kind;
  tax_class: ProductFields["taxClass"];
  unit_id: string | null;
  unit_min: number | null;
  unit_max: number | null;
  pack_quantity: number | null;
  backorder: number;
  listing_status: "listed" | "unlisted";
  updated_at: string;
  base_unit: string | null;
  image_url: string | null;
  u_code: string | null;
  management_unit: string | null;
  sales_unit: string | null;
  display_name: string | null;
  conversion: number | null;
}

interface SkuRow {
  id: string;
  product_id: string;
  code: string;
  barcode: string | null;
  spec_name: string;
  price: number;
  cost_price: number | null;
  listing_status: "listed" | "unlisted";
  attributes: string | null;
}

const PRODUCT_SELECT = `SELECT p.id, p.code, p.name, p.category_id, p.brand_id, p.kind, p.tax_class, p.unit_id, p.unit_min, p.unit_max,
    p.pack_quantity, p.backorder, p.listing_status, p.updated_at, p.base_unit, p.image_url,
    u.code AS u_code, u.management_unit, u.sales_unit, u.display_name, u.conversion
  FROM products p LEFT JOIN units u ON u.id = p.unit_id`;

function toProduct(p: ProductRow, skus: SkuRow[]) {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    categoryId: p.category_id,
    brandId: p.brand_id,
    kind: p.kind,
    taxClass: p.tax_class,
    unitId: p.unit_id,
    unitMin: p.unit_min,
    unitMax: p.unit_max,
    packQuantity: p.pack_quantity,
    backorder: p.backorder === 1,
    listingStatus: p.listing_status,
    baseUnit: p.base_unit,
    imageUrl: p.image_url,
    unit: p.unit_id
      ? toUnit({
          id: p.unit_id,
          code: p.u_code!,
          management_unit: p.management_unit!,
          sales_unit: p.sales_unit!,
          display_name: p.display_name!,
          conversion: p.conversion!,
        })
      : null,
    skus: skus.map((s) => ({
      id: s.id,
      productId: s.product_id,
      code: s.code,
      barcode: s.barcode,
      specName: s.spec_name,
      price: s.price,
      costPrice: s.cost_price,
      listingStatus: s.listing_status,
      attributes: s.attributes ? (JSON.parse(s.attributes) as Record<string, string>) : {},
    })),
    updatedAt: p.updated_at,
  };
}

export type ProductView = ReturnType<typeof toProduct>;

async function skusOf(ctx: ServiceContext, productIds: string[]) {
  if (!productIds.length) return new Map<string, SkuRow[]>();
  const rows = await ctx.db.all<SkuRow>(
    `SELECT id, product_id, code, barcode, spec_name, price, cost_price, listing_status, attributes FROM skus
     WHERE merchant_id = ?1 AND product_id IN (${placeholders(productIds.length)}) ORDER BY code`,
    ...productIds,
  );
  const byProduct = new Map<string, SkuRow[]>();
  for (const row of rows) (byProduct.get(row.product_id) ?? byProduct.set(row.product_id, []).get(row.product_id)!).push(row);
  return byProduct;
}

export async function getProduct(ctx: ServiceContext, id: string) {
  const row = await ctx.db.first<ProductRow>(`${PRODUCT_SELECT} WHERE p.merchant_id = ?1 AND p.id = ?2`, id);
  if (!row) throw notFound("product");
  return toProduct(row, (await skusOf(ctx, [id])).get(id) ?? []);
}

export async function listProducts(ctx: ServiceContext, query: { q?: string; limit: number; cursor?: string }) {
  const rows = await ctx.db.all<ProductRow>(
    `${PRODUCT_SELECT}
     WHERE p.merchant_id = ?1 AND (?2 IS NULL OR p.code > ?2)
       AND (?3 IS NULL OR p.code LIKE ?3 || '%' OR p.name LIKE '%' || ?3 || '%'
            OR EXISTS (SELECT 1 FROM skus s WHERE s.product_id = p.id AND (s.code LIKE ?3 || '%' OR s.barcode = ?3)))
     ORDER BY p.code LIMIT ?4`,
    query.cursor ?? null,
    query.q ?? null,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const skus = await skusOf(
    ctx,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => toProduct(r, skus.get(r.id) ?? [])),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.code : null,
  };
}

/** What pricing and stock need to know of SKUs, for orders and the POS. */
export interface SkuPricing {
  skuId: string;
  code: string;
  name: string;
  price: number;
  taxClass: ProductFields["taxClass"];
  unit: { conversion: number; salesUnit: string; displayName: string; min: number; max: number } | null;
}

export async function skuPricing(ctx: ServiceContext, skuIds: string[]): Promise<Map<string, SkuPricing>> {
  const result = new Map<string, SkuPricing>();
  for (let i = 0; i < skuIds.length; i += 90) {
    const chunk = skuIds.slice(i, i + 90);
    const rows = await ctx.db.all<{
      id: string;
      code: string;
      name: string;
      spec_name: string;
      price: number;
      tax_class: ProductFields["taxClass"];
      conversion: number | null;
      sales_unit: string | null;
      display_name: string | null;
      unit_min: number | null;
      unit_max: number | null;
    }>(
      `SELECT s.id, s.code, p.name, s.spec_name, s.price, p.tax_class, u.conversion, u.sales_unit, u.display_name, p.unit_min, p.unit_max
       FROM skus s JOIN products p ON p.id = s.product_id LEFT JOIN units u ON u.id = p.unit_id
       WHERE +s.merchant_id = ?1 AND s.id IN (${placeholders(chunk.length)})`,
      ...chunk,
    );
    for (const r of rows) {
      result.set(r.id, {
        skuId: r.id,
        code: r.code,
        name: r.spec_name ? `${r.name} ${r.spec_name}` : r.name,
        price: r.price,
        taxClass: r.tax_class,
        unit: r.conversion
          ? { conversion: r.conversion, salesUnit: r.sales_unit!, displayName: r.display_name!, min: r.unit_min!, max: r.unit_max! }
          : null,
      });
    }
  }
  return result;
}

/** SKUs by ID with their product's name, for screens that hold only IDs (documents, ledgers). */
export async function skusById(ctx: ServiceContext, ids: string[]) {
  const rows = await ctx.db.all<{ id: string; product_id: string; code: string; barcode: string | null; name: string; spec_name: string; price: number }>(
    `SELECT s.id, s.product_id, s.code, s.barcode, p.name, s.spec_name, s.price FROM skus s JOIN products p ON p.id = s.product_id
     WHERE +s.merchant_id = ?1 AND s.id IN (SELECT value FROM json_each(?2)) ORDER BY s.code`,
    JSON.stringify([...new Set(ids)]),
  );
  return rows.map((r) => ({ id: r.id, productId: r.product_id, code: r.code, barcode: r.barcode, name: r.name, specName: r.spec_name, price: r.price }));
}
