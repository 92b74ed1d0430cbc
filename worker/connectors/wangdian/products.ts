/**
 * ERP goods (货品) into Renkei's catalog (seed 003 §3): new products and new specs only — a product
 * Renkei already has is never rewritten by an import (§3.3.1 注2); 零售价, 货品名称 and 规格条码 of
 * products both sides have follow the ERP hourly (§3.4.3, `refreshFromErp`).
 * 货品编号 → product code, 商家编码 (spec_no) → SKU code, kept as text ("00123" stays "00123").
 * Categories (§3.1): the ERP names the leaf; a Renkei category of that name is used, otherwise the
 * name lands as a level-1 category (the seed: an unmaintained 3-level category becomes level 1).
 * Brands (§3.2): by name, created when new.
 */
import { MoneyError, parseMajor, type Currency } from "../../../shared/money";
import type { WdtGoods } from "../../../shared/schemas/wangdian";
import type { ServiceContext } from "../../context";
import { newId, nowIso } from "../../db/ids";
import { skuInsertStatement } from "../../catalog/products";

export interface GoodsImport {
  products: number;
  skus: number;
  existing: number;
  /** spec_no → why it could not come in (e.g. a price the currency cannot hold) */
  refused: Record<string, string>;
  /** spec_no → Renkei SKU ID, for every spec now in Renkei */
  skuIds: Map<string, string>;
}

const price = (value: number | undefined, currency: Currency) => parseMajor(String(value ?? 0), currency);

async function taxonomy(ctx: ServiceContext, goods: WdtGoods[]) {
  const categoryNames = [...new Set(goods.map((g) => g.class_name ?? "").filter(Boolean))];
  const brandNames = [...new Set(goods.map((g) => g.brand_name ?? "").filter(Boolean))];
  const [categories, brands] = await Promise.all([
    ctx.db.all<{ id: string; name: string; depth: number }>("SELECT id, name, depth FROM categories WHERE merchant_id = ?1 AND name IN (SELECT value FROM json_each(?2)) ORDER BY depth DESC", JSON.stringify(categoryNames)),
    ctx.db.all<{ id: string; name: string }>("SELECT id, name FROM brands WHERE merchant_id = ?1 AND name IN (SELECT value FROM json_each(?2))", JSON.stringify(brandNames)),
  ]);
  const category = new Map<string, string>();
  for (const c of categories) if (!category.has(c.name)) category.set(c.name, c.id);
  const brand = new Map(brands.map((b) => [b.name, b.id]));
  const statements: D1PreparedStatement[] = [];
  for (const name of categoryNames.filter((n) => !category.has(n))) {
    const id = newId("cat");
    category.set(name, id);
    statements.push(ctx.db.stmt("INSERT INTO categories (id, merchant_id, parent_id, name, depth) VALUES (?2, ?1, NULL, ?3, 1)", id, name));
  }
  for (const name of brandNames.filter((n) => !brand.has(n))) {
    const id = newId("brd");
    brand.set(name, id);
    statements.push(ctx.db.stmt("INSERT INTO brands (id, merchant_id, name) VALUES (?2, ?1, ?3) ON CONFLICT DO NOTHING", id, name));
  }
  return { category, brand, statements };
}

/** New products and new specs of `goods`; everything Renkei already has is left as it is. */
export async function importErpGoods(ctx: ServiceContext, goods: WdtGoods[], currency: Currency): Promise<GoodsImport> {
  const result: GoodsImport = { products: 0, skus: 0, existing: 0, refused: {}, skuIds: new Map() };
  if (!goods.length) return result;
  const specNos = goods.flatMap((g) => g.spec_list.map((s) => s.spec_no));
  const [products, skus] = await Promise.all([
    ctx.db.all<{ id: string; code: string }>("SELECT id, code FROM products WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))", JSON.stringify(goods.map((g) => g.goods_no))),
    ctx.db.all<{ id: string; code: string }>("SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))", JSON.stringify(specNos)),
  ]);
  const productIds = new Map(products.map((p) => [p.code, p.id]));
  for (const s of skus) result.skuIds.set(s.code, s.id);
  const { category, brand, statements } = await taxonomy(ctx, goods);
  const at = nowIso();
  for (const g of goods) {
    const fresh = g.spec_list.filter((s) => !result.skuIds.has(s.spec_no));
    result.existing += g.spec_list.length - fresh.length;
    if (!fresh.length) continue;
    let productId = productIds.get(g.goods_no);
    if (!productId) {
      productId = newId("prd");
      productIds.set(g.goods_no, productId);
      result.products++;
      statements.push(
        ctx.db.stmt(
          `INSERT INTO products (id, merchant_id, code, name, category_id, brand_id, kind, tax_class, backorder, listing_status, created_at, updated_at)
           VALUES (?2, ?1, ?3, ?4, ?5, ?6, 'normal', 'standard', 0, 'listed', ?7, ?7)`,
          productId,
          g.goods_no,
          g.goods_name,
          g.class_name ? category.get(g.class_name)! : null,
          g.brand_name ? brand.get(g.brand_name)! : null,
          at,
        ),
      );
    }
    for (const spec of fresh) {
      let minor: number;
      try {
        minor = price(spec.retail_price, currency);
      } catch (error) {
        if (!(error instanceof MoneyError)) throw error;
        result.refused[spec.spec_no] = `零售价 ${spec.retail_price}: ${error.message}`;
        continue;
      }
      const skuId = newId("sku");
      result.skuIds.set(spec.spec_no, skuId);
      result.skus++;
      statements.push(skuInsertStatement(ctx, productId, { code: spec.spec_no, barcode: spec.barcode || null, specName: spec.spec_name ?? "", price: minor, listingStatus: "listed" }, at, skuId));
    }
  }
  // One batch: a product and its specs come in together or not at all.
  await ctx.db.batch(statements);
  return result;
}

/**
 * §3.4.3 整点自动更新: 零售价, 货品名称 and 规格条码 of products both sides have, as the ERP has them now.
 * Answers how many SKUs changed.
 */
export async function refreshFromErp(ctx: ServiceContext, goods: WdtGoods[], currency: Currency): Promise<{ products: number; skus: number; refused: number }> {
  const names: D1PreparedStatement[] = [];
  const statements: D1PreparedStatement[] = [];
  let refused = 0;
  const at = nowIso();
  for (const g of goods) {
    names.push(ctx.db.stmt("UPDATE products SET name = ?3, updated_at = ?4 WHERE merchant_id = ?1 AND code = ?2 AND name <> ?3 RETURNING id", g.goods_no, g.goods_name, at));
    for (const spec of g.spec_list) {
      let minor: number;
      try {
        minor = price(spec.retail_price, currency);
      } catch (error) {
        if (!(error instanceof MoneyError)) throw error;
        refused++;
        continue;
      }
      statements.push(
        ctx.db.stmt(
          `UPDATE skus SET price = ?3, barcode = ?4, updated_at = ?5
           WHERE merchant_id = ?1 AND code = ?2 AND (price <> ?3 OR COALESCE(barcode, '') <> COALESCE(?4, ''))
           RETURNING id`,
          spec.spec_no,
          minor,
          spec.barcode || null,
          at,
        ),
      );
    }
  }
  const results = await ctx.db.batch([...names, ...statements]);
  // counted from RETURNING: meta.changes would also count the change-log rows the triggers write
  const changed = (from: number, to: number) => results.slice(from, to).reduce((n, r) => n + r.results.length, 0);
  return { products: changed(0, names.length), skus: changed(names.length, results.length), refused };
}
