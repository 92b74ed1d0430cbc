/**
 * Product files: 商品批量导入 / 商品批量更新 → 文件导入 (seed 003 §3.3.2, §3.4.2) and their 样例文件.
 * The admin reads the merchant's CSV or Excel file in the browser (encodings, Excel cells) and sends
 * the rows as JSON text; the worker checks every row again and writes all or nothing.
 */
import { ProductFileImport, ProductFileImportResult, ProductFileTemplateQuery } from "../../../shared/schemas/catalog";
import { importProductFile, productFileTemplate } from "../../catalog/product-import";
import { route } from "../route";

const TEMPLATE_NAMES = { create: "商品批量导入_样例文件.csv", update: "商品批量更新_样例文件.csv" } as const;

export const productFileRoutes = [
  route({ method: "post", path: "/api/products/import",
    summary: "商品批量导入 (mode create: new products and specs) or 商品批量更新 (mode update: existing SKUs by 商家编码) from a file's rows: ≤ 5,000 rows, every row checked first, then all written or none",
    tag: "catalog", auth: "user", role: "manager",
    body: ProductFileImport, response: ProductFileImportResult, handler: ({ ctx, body }) => importProductFile(ctx, body) }),
  route({ method: "get", path: "/api/products/import/template.csv",
    summary: "样例文件: the product file's header and two example rows (UTF-8 with BOM for Excel), priced in the merchant's currency",
    tag: "catalog", auth: "user", query: ProductFileTemplateQuery, produces: "text/csv",
    async handler({ ctx, query }) {
      const { currency } = await ctx.db.merchant();
      const name = TEMPLATE_NAMES[query.mode];
      return new Response(`\uFEFF${productFileTemplate(query.mode, currency)}`, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          // An ASCII name for old clients, the seed's name for the rest (RFC 6266).
          "content-disposition": `attachment; filename="product-${query.mode}-template.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
          "cache-control": "no-store",
        },
      });
    } }),
];
