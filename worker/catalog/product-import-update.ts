/**
 * 商品批量更新 (seed 003 §3.4.2): existing SKUs only, found by 商家编码, each under the 货品编号 it
 * belongs to (a file never moves a SKU to another product). A blank cell keeps what the catalog
 * has, except 上下架, where blank means listed (注4). The product is listed while any of its SKUs
 * is — the POS shows a SKU only when both are — recomputed in the same batch after the SKUs change.
 */
import { parseSpec, rowAttributes, type FileIssue, type FileLayout, type FileProduct } from "../../shared/schemas/product-import";
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { BrandBook, categoryIdOf, CategoryTree, skusByCode, skusOfProducts } from "./product-import-catalog";
import type { ImportPlan } from "./product-import";
import { attributesJson } from "./product-import-create";

export async function planUpdate(
  ctx: ServiceContext,
  layout: FileLayout,
  products: readonly FileProduct[],
  createCategories: boolean,
  issues: FileIssue[],
): Promise<ImportPlan> {
  const names = layout.names;
  const found = await skusByCode(ctx, products.flatMap((p) => p.skus.map((s) => s.skuCode)));
  const tree = await CategoryTree.load(ctx);
  const brands = await BrandBook.load(ctx);
  const productRows: unknown[][] = [];
  const skuRows: unknown[][] = [];
  const touched: { productId: string; product: FileProduct }[] = [];

  for (const product of products) {
    let productId: string | null = null;
    for (const sku of product.skus) {
      const existing = found.get(sku.skuCode);
      if (!existing) {
        issues.push({
          path: [sku.row, names.skuCode],
          message: `商家编码「${sku.skuCode}」の商品が見つかりません。新しい商品は商品批量导入で登録してください／找不到商家编码「${sku.skuCode}」的商品，新商品请使用商品批量导入 (unknown 商家编码: batch update changes existing SKUs only)`,
        });
      } else if (existing.productCode !== product.code) {
        issues.push({
          path: [sku.row, names.productCode],
          message: `商家编码「${sku.skuCode}」は货品编号「${existing.productCode}」の商品です／商家编码「${sku.skuCode}」属于货品编号「${existing.productCode}」 (this SKU belongs to product ${existing.productCode})`,
        });
      } else {
        productId = existing.productId;
        skuRows.push([existing.id, sku.spec?.text ?? null, sku.price, sku.listed ? "listed" : "unlisted", attributesJson(rowAttributes(layout, sku))]);
      }
    }
    if (!productId) continue;
    touched.push({ productId, product });
    const categoryId = product.category ? categoryIdOf(tree, product.category, createCategories, [product.row, names.category], issues) : null;
    const brandId = product.brand ? brands.idOf(product.brand) : null;
    productRows.push([productId, product.name || null, categoryId, brandId, product.baseUnit || null]);
  }
  await specsStayDistinct(ctx, touched, found, names.spec, issues);

  const at = nowIso();
  return {
    statements: () => [
      ...tree.statements(ctx),
      ...brands.statements(ctx),
      // SKUs first: the products' listing is recomputed from them.
      ...updateFromValues(
        ctx,
        at,
        skuRows,
        // attributes: the file's non-blank cells patched over the SKU's own (a blank cell keeps it)
        `UPDATE skus SET spec_name = COALESCE(v.column2, spec_name), price = COALESCE(v.column3, price), listing_status = v.column4,
           attributes = CASE WHEN v.column5 IS NULL THEN attributes ELSE json_patch(COALESCE(attributes, '{}'), v.column5) END, updated_at = ?2
         FROM (VALUES #) AS v WHERE skus.merchant_id = ?1 AND skus.id = v.column1`,
      ),
      ...updateFromValues(
        ctx,
        at,
        productRows,
        `UPDATE products SET name = COALESCE(v.column2, name), category_id = COALESCE(v.column3, category_id), brand_id = COALESCE(v.column4, brand_id),
           base_unit = COALESCE(v.column5, base_unit),
           listing_status = CASE WHEN EXISTS (SELECT 1 FROM skus s WHERE s.product_id = products.id AND s.listing_status = 'listed') THEN 'listed' ELSE 'unlisted' END,
           updated_at = ?2
         FROM (VALUES #) AS v WHERE products.merchant_id = ?1 AND products.id = v.column1`,
      ),
    ],
    result: {
      mode: "update",
      productsCreated: 0,
      skusCreated: 0,
      productsUpdated: productRows.length,
      skusUpdated: skuRows.length,
      categoriesCreated: tree.addedCount,
      brandsCreated: brands.addedCount,
    },
  };
}

/**
 * After the file, no two SKUs of a product may share a spec — counting the SKUs the file leaves
 * alone, with the spec they keep.
 */
async function specsStayDistinct(
  ctx: ServiceContext,
  touched: readonly { productId: string; product: FileProduct }[],
  found: Map<string, { id: string }>,
  column: string,
  issues: FileIssue[],
) {
  const renamed = touched.filter((t) => t.product.skus.some((s) => s.spec));
  const skusOf = await skusOfProducts(ctx, renamed.map((t) => t.productId));
  for (const { productId, product } of renamed) {
    const fileSpec = new Map(product.skus.filter((s) => s.spec).map((s) => [found.get(s.skuCode)?.id, s] as const));
    const byKey = new Map<string, { code: string; row?: number; text: string }[]>();
    for (const sku of skusOf.get(productId) ?? []) {
      const row = fileSpec.get(sku.id);
      const spec = row?.spec ?? (sku.specName.trim() ? parseSpec(sku.specName) : null);
      if (!spec || "error" in spec) continue;
      byKey.set(spec.key, [...(byKey.get(spec.key) ?? []), { code: sku.code, row: row?.row, text: spec.text }]);
    }
    for (const alike of byKey.values()) {
      if (alike.length < 2) continue;
      // Said on each file row that makes the clash; the file's own repeats were already said.
      for (const sku of alike) {
        const other = alike.find((a) => a !== sku && a.row === undefined);
        if (sku.row === undefined || !other) continue;
        issues.push({
          path: [sku.row, column],
          message: `規格「${sku.text}」は同じ货品编号の商家编码「${other.code}」と重複します／规格「${sku.text}」与同一货品编号下的商家编码「${other.code}」重复 (the product's SKU ${other.code} has this spec)`,
        });
      }
    }
  }
}

/**
 * One UPDATE … FROM (VALUES …) per chunk of rows: ?1 the merchant, ?2 the time, then the rows'
 * values (under D1's 100 bound parameters). `sql` marks the VALUES list with #.
 */
function updateFromValues(ctx: ServiceContext, at: string, rows: readonly unknown[][], sql: string): D1PreparedStatement[] {
  if (!rows.length) return [];
  const width = rows[0]!.length;
  const perStatement = Math.floor((100 - 2) / width);
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values = chunk.map((_, r) => `(${Array.from({ length: width }, (_, c) => `?${3 + r * width + c}`).join(", ")})`).join(", ");
    statements.push(ctx.db.stmt(sql.replace("#", values), at, ...chunk.flat()));
  }
  return statements;
}
