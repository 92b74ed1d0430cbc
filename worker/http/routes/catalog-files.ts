/**
 * Catalog files: 単位設定一括アップロード (seed 004) and the units CSV to edit and send back.
 * The upload travels as JSON `{ kind, csv }` so it goes through the same validation and OpenAPI as
 * every other route; the download is text/csv.
 */
import { z } from "zod";
import { BulkUploadResult } from "../../../shared/schemas/catalog";
import { uploadUnitCsv, unitsCsv } from "../../catalog/unit-upload";
import { route } from "../route";

/** Roughly 5,000 rows of the longest cells the schemas allow, with room to spare. */
const MAX_CSV_CHARS = 2_000_000;

export const UnitUpload = z.object({
  kind: z.enum(["units", "product_units"]),
  csv: z.string().min(1, "CSVが空です (empty CSV)").max(MAX_CSV_CHARS, "CSVが大きすぎます (CSV too large)"),
});

export const catalogFileRoutes = [
  route({ method: "post", path: "/api/units/upload",
    summary: "単位設定一括アップロード: CSV of units (単位コード,管理用単位,販売用単位,画面表示名,単位換算値) or of products' unit settings (商品コード,単位コード,最低注文単位,最高注文単位); every row is checked first, then all are written or none",
    tag: "catalog", auth: "user", role: "manager",
    body: UnitUpload, response: BulkUploadResult, handler: ({ ctx, body }) => uploadUnitCsv(ctx, body.kind, body.csv) }),
  route({ method: "get", path: "/api/units.csv", summary: "Units as CSV, in the upload's format (UTF-8 with BOM for Excel)", tag: "catalog", auth: "user",
    produces: "text/csv",
    async handler({ ctx }) {
      return new Response(`\uFEFF${await unitsCsv(ctx)}`, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="units.csv"', "cache-control": "no-store" },
      });
    } }),
];
