/**
 * 商品批量导入 (seed 003 §3.3.2): new products and new specs only. A 商家编码 the catalog has is
 * refused ("already exists"; changing it is 商品批量更新's job). A 货品编号 the catalog has takes the
 * file's new specs (注4: specs added later by file), leaving the product's own cells as they are.
 * Returns the statements; the caller runs them in one batch with nothing else.
 */
import { parseSpec, rowAttributes, type FileIssue, type FileLayout, type FileProduct } from "../../shared/schemas/product-import";
import type { ServiceContext } from "../context";
import { bulkInsert } from "../db/bulk";
import { newId, nowIso } from "../db/ids";
import { BrandBook, categoryIdOf, CategoryTree, productIdsByCode, skusByCode, skusOfProducts, type CatalogSku } from "./product-import-catalog";
import type { ImportPlan } from "./product-import";

export async function planCreate(
  ctx: ServiceContext,
  layout: FileLayout,
  products: readonly FileProduct[],
  createCategories: boolean,
  issues: FileIssue[],
): Promise<ImportPlan> {
  const names = layout.names;
  const existingSkus = await skusByCode(ctx, products.flatMap((p) => p.skus.map((s) => s.skuCode)));
  const existingProducts = await productIdsByCode(ctx, products.map((p) => p.code));
  const specsOf = await skusOfProducts(ctx, [...existingProducts.values()]);
  const tree = await CategoryTree.load(ctx);
  const brands = await BrandBook.load(ctx);
  const at = nowIso();
  const productRows: unknown[][] = [];
  const skuRows: unknown[][] = [];

  for (const product of products) {
    for (const sku of product.skus) {
      const existing = existingSkus.get(sku.skuCode);
      if (existing) {
        issues.push({
          path: [sku.row, names.skuCode],
          message: `商家编码「${sku.skuCode}」は既に登録されています（货品编号「${existing.productCode}」）。変更は商品批量更新で行ってください／商家编码「${sku.skuCode}」已存在（货品编号「${existing.productCode}」），修改请使用商品批量更新 (already exists; use batch update to change it)`,
        });
      }
    }
    let productId = existingProducts.get(product.code);
    if (productId) {
      // Rows whose 商家编码 exists were refused above; their spec is the existing SKU's own.
      const fresh = { ...product, skus: product.skus.filter((s) => !existingSkus.has(s.skuCode)) };
      newSpecsFit(fresh, specsOf.get(productId) ?? [], names.spec, issues);
    } else {
      productId = newId("prd");
      const categoryId = product.category ? categoryIdOf(tree, product.category, createCategories, [product.row, names.category], issues) : null;
      const brandId = product.brand ? brands.idOf(product.brand) : null;
      productRows.push([productId, product.code, product.name, categoryId, brandId, product.baseUnit || null, at, at]);
    }
    for (const sku of product.skus) skuRows.push([newId("sku"), productId, sku.skuCode, sku.spec?.text ?? "", sku.price, attributesJson(rowAttributes(layout, sku)), at, at]);
  }

  return {
    statements: () => [
      ...tree.statements(ctx),
      ...brands.statements(ctx),
      ...bulkInsert(ctx.db, "products", ["id", "code", "name", "category_id", "brand_id", "base_unit", "created_at", "updated_at"], productRows),
      ...bulkInsert(ctx.db, "skus", ["id", "product_id", "code", "spec_name", "price", "attributes", "created_at", "updated_at"], skuRows),
    ],
    result: {
      mode: "create",
      productsCreated: productRows.length,
      skusCreated: skuRows.length,
      productsUpdated: 0,
      skusUpdated: 0,
      categoriesCreated: tree.addedCount,
      brandsCreated: brands.addedCount,
    },
  };
}

/** A row's attributes as stored: a JSON object, or null when the row gave none. */
export const attributesJson = (pairs: Record<string, string>) => (Object.keys(pairs).length ? JSON.stringify(pairs) : null);

/** New specs for a product the catalog has: each named, none like a spec it already has. */
function newSpecsFit(product: FileProduct, existing: readonly CatalogSku[], column: string, issues: FileIssue[]) {
  const unnamed = existing.find((s) => s.specName.trim() === "");
  const known = new Map<string, string>();
  for (const sku of existing) {
    const spec = sku.specName.trim() ? parseSpec(sku.specName) : null;
    if (spec && !("error" in spec)) known.set(spec.key, sku.code);
  }
  for (const sku of product.skus) {
    const at: [number, string] = [sku.row, column];
    if (unnamed) {
      issues.push({
        path: at,
        message: `货品编号「${product.code}」の既存SKU（商家编码「${unnamed.code}」）に規格名称がないため、規格を追加できません。先に商品批量更新で規格名称を付けてください／货品编号「${product.code}」的现有SKU（商家编码「${unnamed.code}」）没有规格名称，无法新增规格，请先通过商品批量更新补充规格名称 (the product's SKU ${unnamed.code} has no spec name: name it first, then add specs)`,
      });
    } else if (!sku.spec) {
      issues.push({
        path: at,
        message: `货品编号「${product.code}」は登録済みの商品です。追加する規格の規格名称を入力してください／货品编号「${product.code}」已存在，新增规格须填写规格名称 (the product exists: a new spec needs its name)`,
      });
    } else if (known.has(sku.spec.key)) {
      issues.push({
        path: at,
        message: `規格「${sku.spec.text}」は货品编号「${product.code}」に登録済みです（商家编码「${known.get(sku.spec.key)}」）／规格「${sku.spec.text}」已存在于货品编号「${product.code}」（商家编码「${known.get(sku.spec.key)}」） (the product already has this spec)`,
      });
    }
  }
}
