/** Categories (at most three levels deep) and brands. */
import type { ServiceContext } from "../context";
import { newId } from "../db/ids";
import { invalid, ServiceError } from "../errors";
import { notFoundMessage } from "../messages";

export async function listCategories(ctx: ServiceContext) {
  const rows = await ctx.db.all<{ id: string; name: string; parent_id: string | null; depth: number }>(
    "SELECT id, name, parent_id, depth FROM categories WHERE merchant_id = ?1 ORDER BY depth, name",
  );
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, depth: r.depth }));
}

export async function createCategory(ctx: ServiceContext, input: { name: string; parentId?: string | null }) {
  let depth = 1;
  if (input.parentId) {
    const parent = await ctx.db.first<{ depth: number }>("SELECT depth FROM categories WHERE merchant_id = ?1 AND id = ?2", input.parentId);
    if (!parent) throw invalid("invalid category", [{ path: ["parentId"], message: notFoundMessage("category") }]);
    if (parent.depth >= 3) throw invalid("too deep", [{ path: ["parentId"], message: "categories go at most 3 levels deep" }]);
    depth = parent.depth + 1;
  }
  const id = newId("cat");
  await ctx.db.run(
    "INSERT INTO categories (id, merchant_id, parent_id, name, depth) VALUES (?2, ?1, ?3, ?4, ?5)",
    id,
    input.parentId ?? null,
    input.name,
    depth,
  );
  return { id, name: input.name, parentId: input.parentId ?? null, depth };
}

export async function listBrands(ctx: ServiceContext) {
  return ctx.db.all<{ id: string; name: string }>("SELECT id, name FROM brands WHERE merchant_id = ?1 ORDER BY name");
}

export async function createBrand(ctx: ServiceContext, input: { name: string }) {
  const id = newId("brd");
  await ctx.db.run("INSERT INTO brands (id, merchant_id, name) VALUES (?2, ?1, ?3)", id, input.name).catch((error) => {
    if (String(error).includes("UNIQUE")) throw new ServiceError("CONFLICT", "brand exists", [{ path: ["name"], message: "already exists" }]);
    throw error;
  });
  return { id, name: input.name };
}
