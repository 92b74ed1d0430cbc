/**
 * What the catalog already holds for one product file: SKUs and products by code, the specs of
 * those products, the merchant's category tree and brands — and the categories and brands the file
 * adds. Reads only; the import decides with them and writes everything in one batch.
 * Codes are looked up 1,000 at a time, each chunk bound as one JSON array (one parameter, well
 * under D1's 100), not one query per row.
 */
import { categoryKey, type FileIssue } from "../../shared/schemas/product-import";
import type { ServiceContext } from "../context";
import { bulkInsert } from "../db/bulk";
import { newId } from "../db/ids";

const CHUNK = 1_000;

async function inChunks<T>(ctx: ServiceContext, sql: string, values: readonly string[]): Promise<T[]> {
  const unique = [...new Set(values)];
  const found: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    found.push(...(await ctx.db.all<T>(sql, JSON.stringify(unique.slice(i, i + CHUNK)))));
  }
  return found;
}

export interface CatalogSku {
  id: string;
  code: string;
  productId: string;
  productCode: string;
  specName: string;
}

export async function skusByCode(ctx: ServiceContext, codes: readonly string[]): Promise<Map<string, CatalogSku>> {
  const rows = await inChunks<{ id: string; code: string; product_id: string; product_code: string; spec_name: string }>(
    ctx,
    `SELECT s.id, s.code, s.product_id, p.code AS product_code, s.spec_name FROM skus s JOIN products p ON p.id = s.product_id
     WHERE s.merchant_id = ?1 AND s.code IN (SELECT value FROM json_each(?2))`,
    codes,
  );
  return new Map(rows.map((r) => [r.code, { id: r.id, code: r.code, productId: r.product_id, productCode: r.product_code, specName: r.spec_name }]));
}

export async function productIdsByCode(ctx: ServiceContext, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await inChunks<{ id: string; code: string }>(
    ctx,
    "SELECT id, code FROM products WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
    codes,
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Every SKU of these products (those the file does not name keep their spec and count too). */
export async function skusOfProducts(ctx: ServiceContext, productIds: readonly string[]): Promise<Map<string, CatalogSku[]>> {
  const rows = await inChunks<{ id: string; code: string; product_id: string; spec_name: string }>(
    ctx,
    "SELECT id, code, product_id, spec_name FROM skus WHERE +merchant_id = ?1 AND product_id IN (SELECT value FROM json_each(?2))",
    productIds,
  );
  const byProduct = new Map<string, CatalogSku[]>();
  for (const r of rows) {
    const list = byProduct.get(r.product_id) ?? [];
    list.push({ id: r.id, code: r.code, productId: r.product_id, productCode: "", specName: r.spec_name });
    byProduct.set(r.product_id, list);
  }
  return byProduct;
}

/**
 * The merchant's categories as a tree of names, with the levels a file asks to add. The table does
 * not make sibling names unique, so two siblings of one name make a path ambiguous: refused, rather
 * than filing products under a guess.
 */
export class CategoryTree {
  private readonly children = new Map<string, Map<string, string[]>>();
  private readonly added: { id: string; parentId: string | null; name: string; depth: number }[] = [];

  static async load(ctx: ServiceContext): Promise<CategoryTree> {
    const rows = await ctx.db.all<{ id: string; parent_id: string | null; name: string }>(
      "SELECT id, parent_id, name FROM categories WHERE merchant_id = ?1 ORDER BY depth",
    );
    const tree = new CategoryTree();
    for (const r of rows) tree.link(r.parent_id, r.name, r.id);
    return tree;
  }

  private link(parentId: string | null, name: string, id: string) {
    const siblings = this.children.get(parentId ?? "") ?? new Map<string, string[]>();
    siblings.set(name, [...(siblings.get(name) ?? []), id]);
    this.children.set(parentId ?? "", siblings);
  }

  /** The leaf's ID; with `create`, missing levels are planned (once per path, however many rows name it). */
  resolve(levels: readonly string[], create: boolean): { id: string } | { missing: number } | { ambiguous: number } {
    let parentId: string | null = null;
    for (let depth = 0; depth < levels.length; depth++) {
      const ids: string[] = this.children.get(parentId ?? "")?.get(levels[depth]!) ?? [];
      if (ids.length > 1) return { ambiguous: depth };
      if (ids.length === 0) {
        if (!create) return { missing: depth };
        const id = newId("cat");
        this.added.push({ id, parentId, name: levels[depth]!, depth: depth + 1 });
        this.link(parentId, levels[depth]!, id);
        parentId = id;
      } else parentId = ids[0]!;
    }
    return { id: parentId! };
  }

  get addedCount() {
    return this.added.length;
  }

  /** Parents before children, so the rows' foreign keys hold in any statement order. */
  statements(ctx: ServiceContext): D1PreparedStatement[] {
    return bulkInsert(
      ctx.db,
      "categories",
      ["id", "parent_id", "name", "depth"],
      [...this.added].sort((a, b) => a.depth - b.depth).map((c) => [c.id, c.parentId, c.name, c.depth]),
    );
  }
}

/** Brands by name; a name the catalog lacks is added (§3.2: 品牌 may arrive with the products). */
export class BrandBook {
  private readonly added = new Map<string, string>();
  private constructor(private readonly known: Map<string, string>) {}

  static async load(ctx: ServiceContext): Promise<BrandBook> {
    const rows = await ctx.db.all<{ id: string; name: string }>("SELECT id, name FROM brands WHERE merchant_id = ?1");
    return new BrandBook(new Map(rows.map((r) => [r.name, r.id])));
  }

  idOf(name: string): string {
    let id = this.known.get(name) ?? this.added.get(name);
    if (!id) {
      id = newId("brd");
      this.added.set(name, id);
    }
    return id;
  }

  get addedCount() {
    return this.added.size;
  }

  statements(ctx: ServiceContext): D1PreparedStatement[] {
    return bulkInsert(ctx.db, "brands", ["id", "name"], [...this.added].map(([name, id]) => [id, name]));
  }
}

/** A 分类 cell's category ID, or the row's issue (unknown level, ambiguous name). */
export function categoryIdOf(
  tree: CategoryTree,
  levels: readonly string[],
  create: boolean,
  at: [number, string],
  issues: FileIssue[],
): string | null {
  const found = tree.resolve(levels, create);
  if ("id" in found) return found.id;
  const path = categoryKey(levels);
  if ("ambiguous" in found) {
    const name = levels[found.ambiguous]!;
    issues.push({
      path: at,
      message: `分类「${path}」の「${name}」と同じ名前のカテゴリが複数あり、どれか決められません／分类「${path}」中的「${name}」有多个同名分类，无法确定 (category level "${name}" of "${path}" is ambiguous: several share that name)`,
    });
  } else {
    const name = levels[found.missing]!;
    issues.push({
      path: at,
      message: `分类「${path}」の${found.missing + 1}階層目「${name}」が登録されていません。先に分類を登録するか、「存在しない分類を作成する」を選んでください／分类「${path}」的第${found.missing + 1}级「${name}」不存在，请先维护分类，或勾选「自动创建不存在的分类」 (category level ${found.missing + 1} "${name}" of "${path}" does not exist: add it first, or choose to create missing categories)`,
    });
  }
  return null;
}
