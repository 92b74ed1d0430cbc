import { z } from "zod";
import {
  Brand,
  BrandInput,
  Category,
  CategoryInput,
  Product,
  ProductInput,
  ProductList,
  ProductQuery,
  ProductUpdate,
  SkuInput,
  Unit,
  UnitInput,
} from "../../../shared/schemas/catalog";
import { Ok } from "../../../shared/schemas/common";
import { createBrand, createCategory, listBrands, listCategories } from "../../catalog/taxonomy";
import { addSku, createProduct, getProduct, listProducts, skusById, updateProduct, updateSku } from "../../catalog/products";
import { deleteUnit, getUnit, listUnits, saveUnit } from "../../catalog/units";
import { route } from "../route";

export const catalogRoutes = [
  route({ method: "get", path: "/api/units", summary: "Units (単位設定)", tag: "catalog", auth: "user",
    response: z.object({ items: z.array(Unit) }), handler: async ({ ctx }) => ({ items: await listUnits(ctx) }) }),
  route({ method: "get", path: "/api/units/:id", summary: "One unit", tag: "catalog", auth: "user",
    response: Unit, handler: ({ ctx, params }) => getUnit(ctx, params.id!) }),
  route({ method: "put", path: "/api/units", summary: "Create or update a unit by its code", tag: "catalog", auth: "user", role: "manager",
    body: UnitInput, response: Unit, handler: ({ ctx, body }) => saveUnit(ctx, body) }),
  route({ method: "delete", path: "/api/units/:id", summary: "Delete a unit no product uses", tag: "catalog", auth: "user", role: "manager",
    response: Ok, handler: async ({ ctx, params }) => { await deleteUnit(ctx, params.id!); return { ok: true }; } }),
  route({ method: "get", path: "/api/products", summary: "Products with SKUs and unit, by code / name / barcode", tag: "catalog", auth: "user",
    query: ProductQuery, response: ProductList, handler: ({ ctx, query }) => listProducts(ctx, query) }),
  route({ method: "get", path: "/api/products/:id", summary: "One product", tag: "catalog", auth: "user",
    response: Product, handler: ({ ctx, params }) => getProduct(ctx, params.id!) }),
  route({ method: "post", path: "/api/products", summary: "Create a product with its SKUs", tag: "catalog", auth: "user", role: "manager",
    body: ProductInput, response: Product, status: 201, handler: ({ ctx, body }) => createProduct(ctx, body) }),
  route({ method: "patch", path: "/api/products/:id", summary: "Change a product (unit rules re-checked)", tag: "catalog", auth: "user", role: "manager",
    body: ProductUpdate, response: Product, handler: ({ ctx, params, body }) => updateProduct(ctx, params.id!, body) }),
  route({ method: "post", path: "/api/products/:id/skus", summary: "Add a SKU to a product", tag: "catalog", auth: "user", role: "manager",
    body: SkuInput, response: Product, status: 201, handler: ({ ctx, params, body }) => addSku(ctx, params.id!, body) }),
  route({ method: "get", path: "/api/skus", summary: "SKUs by ID (ids=a,b,c; up to 500) with their product's name", tag: "catalog", auth: "user",
    query: z.object({ ids: z.string().max(40_000).transform((v) => v.split(",").filter(Boolean)).pipe(z.array(z.string().max(64)).min(1).max(500)) }),
    response: z.object({ items: z.array(z.object({ id: z.string(), productId: z.string(), code: z.string(), barcode: z.string().nullable(), name: z.string(), specName: z.string(), price: z.number() })) }),
    handler: async ({ ctx, query }) => ({ items: await skusById(ctx, query.ids) }) }),
  route({ method: "patch", path: "/api/skus/:id", summary: "Change a SKU (price, barcode, …)", tag: "catalog", auth: "user", role: "manager",
    body: SkuInput.partial(), response: Product, handler: ({ ctx, params, body }) => updateSku(ctx, params.id!, body) }),
  route({ method: "get", path: "/api/categories", summary: "Categories (≤ 3 levels)", tag: "catalog", auth: "user",
    response: z.object({ items: z.array(Category) }), handler: async ({ ctx }) => ({ items: await listCategories(ctx) }) }),
  route({ method: "post", path: "/api/categories", summary: "Create a category", tag: "catalog", auth: "user", role: "manager",
    body: CategoryInput, response: Category, status: 201, handler: ({ ctx, body }) => createCategory(ctx, body) }),
  route({ method: "get", path: "/api/brands", summary: "Brands", tag: "catalog", auth: "user",
    response: z.object({ items: z.array(Brand) }), handler: async ({ ctx }) => ({ items: await listBrands(ctx) }) }),
  route({ method: "post", path: "/api/brands", summary: "Create a brand", tag: "catalog", auth: "user", role: "manager",
    body: BrandInput, response: Brand, status: 201, handler: ({ ctx, body }) => createBrand(ctx, body) }),
];
