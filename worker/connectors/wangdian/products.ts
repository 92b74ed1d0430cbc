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
import type { WdtGoods, WdtGoodsClass } from "../../../shared/schemas/wangdian";
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

/** The ERP's category tree as paths by leaf name (goods name only their leaf). */
export type ClassPaths = Map<string, string[][]>;

export function classPaths(classes: readonly WdtGoodsClass[]): ClassPaths {
  const byId = new Map(classes.map((c) => [c.class_id, c]));
  const paths: ClassPaths = new Map();
  for (const c of classes) {
    const path: string[] = [];
    for (let at: WdtGoodsClass | undefined = c; at && path.length < 10; at = at.parent_id ? byId.get(at.parent_id) : undefined) path.unshift(at.class_name);
    paths.set(c.class_name, [...(paths.get(c.class_name) ?? []), path]);
  }
  return paths;
}

export const TOO_DEEP = (path: string[]) =>
  `分类「${path.join("/")}」は${path.length}階層です。分類は3階層までです（ERP側で整理してください） (categories go at most 3 levels deep, §3.1)`;

/**
 * Category and brand IDs for the goods, creating what is missing in the same batch as the goods:
 * a category path maintained in Renkei is used to its deepest level; otherwise the leaf lands as
 * a level-1 category (§3.1). A path deeper than three levels is refused (the goods' specs are
 * answered in `refused`).
 */
async function taxonomy(ctx: ServiceContext, goods: WdtGoods[], paths: ClassPaths) {
  const brandNames = [...new Set(goods.map((g) => g.brand_name ?? "").filter(Boolean))];
  const [categories, brands] = await Promise.all([
    ctx.db.all<{ id: string; name: string; parent_id: string | null }>("SELECT id, name, parent_id FROM categories WHERE merchant_id = ?1"),
    ctx.db.all<{ id: string; name: string }>("SELECT id, name FROM brands WHERE merchant_id = ?1 AND name IN (SELECT value FROM json_each(?2))", JSON.stringify(brandNames)),
  ]);
  const child = new Map(categories.map((c) => [`${c.parent_id ?? ""}\u0000${c.name}`, c.id]));
  const levelOne = new Map<string, string>();
  const brand = new Map(brands.map((b) => [b.name, b.id]));
  const statements: D1PreparedStatement[] = [];
  const category = new Map<string, string | null>();
  const tooDeep = new Map<string, string[]>();
  for (const leaf of new Set(goods.map((g) => g.class_name ?? "").filter(Boolean))) {
    // goods name only the leaf: when several ERP categories share it, the path is known only if
    // they agree on depth — all deeper than three levels is refused; otherwise the one that fits
    const candidates = paths.get(leaf) ?? [[leaf]];
    const fitting = candidates.filter((c) => c.length <= 3);
    if (!fitting.length) {
      tooDeep.set(leaf, candidates[0]!);
      continue;
    }
    const path = fitting.length === 1 ? fitting[0]! : [leaf];
    // the whole path maintained in Renkei: its deepest level
    let parent: string | null = null;
    for (const name of path) {
      const id = child.get(`${parent ?? ""}\u0000${name}`);
      if (!id) {
        parent = null;
        break;
      }
      parent = id;
    }
    if (parent) {
      category.set(leaf, parent);
      continue;
    }
    const existing = child.get(`\u0000${leaf}`) ?? levelOne.get(leaf);
    if (existing) category.set(leaf, existing);
    else {
      const id = newId("cat");
      levelOne.set(leaf, id);
      category.set(leaf, id);
      statements.push(ctx.db.stmt("INSERT INTO categories (id, merchant_id, parent_id, name, depth) VALUES (?2, ?1, NULL, ?3, 1)", id, leaf));
    }
  }
  for (const name of brandNames.filter((n) => !brand.has(n))) {
    const id = newId("brd");
    brand.set(name, id);
    statements.push(ctx.db.stmt("INSERT INTO brands (id, merchant_id, name) VALUES (?2, ?1, ?3) ON CONFLICT DO NOTHING", id, name));
  }
  return { category, brand, statements, tooDeep };
}

/**
 * The goods' image (§3.3.1 注4: 「可回传图片数据,多规格商品只回传第一个sku的图片」): the first spec's in
 * the ERP's spec order, taken when the product is created — a spec added later never replaces it.
 */
export const goodsImage = (g: Pick<WdtGoods, "spec_list">): string | null => g.spec_list[0]?.img_url?.trim() || null;

/** New products and new specs of `goods`; everything Renkei already has is left as it is. */
export async function importErpGoods(ctx: ServiceContext, goods: WdtGoods[], currency: Currency, paths: ClassPaths = new Map()): Promise<GoodsImport> {
  const result: GoodsImport = { products: 0, skus: 0, existing: 0, refused: {}, skuIds: new Map() };
  if (!goods.length) return result;
  const specNos = goods.flatMap((g) => g.spec_list.map((s) => s.spec_no));
  const [products, skus] = await Promise.all([
    ctx.db.all<{ id: string; code: string }>("SELECT id, code FROM products WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))", JSON.stringify(goods.map((g) => g.goods_no))),
    ctx.db.all<{ id: string; code: string }>("SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))", JSON.stringify(specNos)),
  ]);
  const productIds = new Map(products.map((p) => [p.code, p.id]));
  for (const s of skus) result.skuIds.set(s.code, s.id);
  const { category, brand, statements, tooDeep } = await taxonomy(ctx, goods, paths);
  const at = nowIso();
  for (const g of goods) {
    const fresh = g.spec_list.filter((s) => !result.skuIds.has(s.spec_no));
    result.existing += g.spec_list.length - fresh.length;
    if (!fresh.length) continue;
    const deep = g.class_name ? tooDeep.get(g.class_name) : undefined;
    if (deep) {
      for (const spec of fresh) result.refused[spec.spec_no] = TOO_DEEP(deep);
      continue;
    }
    let productId = productIds.get(g.goods_no);
    if (!productId) {
      productId = newId("prd");
      productIds.set(g.goods_no, productId);
      result.products++;
      statements.push(
        ctx.db.stmt(
          `INSERT INTO products (id, merchant_id, code, name, category_id, brand_id, kind, tax_class, backorder, listing_status, created_at, updated_at, image_url)
           VALUES (?2, ?1, ?3, ?4, ?5, ?6, 'normal', 'standard', 0, 'listed', ?7, ?7, ?8)`,
          productId,
          g.goods_no,
          g.goods_name,
          g.class_name ? (category.get(g.class_name) ?? null) : null,
          g.brand_name ? brand.get(g.brand_name)! : null,
          at,
          goodsImage(g),
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
