/**
 * Routes of a Rakuten link (seed 002): its status (license key expiry), 商品マッピング by hand and
 * by CSV file, and what needs checking. Credentials, settings (受注取込設定), verify and start go
 * through the generic /api/connections routes.
 */
import { z } from "zod";
import { Ok } from "../../../shared/schemas/common";
import { deleteItemMapping, itemMappingsCsv, listItemMappings, requireLink, saveItemMappings, uploadItemMappingCsv } from "../../connectors/rakuten/item-mappings";
import { asurakuStatus } from "../../connectors/rakuten/asuraku";
import { recheckLicense } from "../../connectors/rakuten/link";
import { ordersLeftToOtherSystem, otherSystemCsv } from "../../connectors/rakuten/other-system";
import { linkStatus, reviewList } from "../../connectors/rakuten/review";
import { splitOrders } from "../../connectors/rakuten/split";
import { route } from "../route";

const MappingRow = z.object({ rakutenSku: z.string().max(200), skuCode: z.string().max(200), rslItemCode: z.string().max(200) });
const MappingList = z.object({
  items: z.array(z.object({ rakutenSku: z.string(), skuId: z.string(), skuCode: z.string(), rslItemCode: z.string(), updatedAt: z.string() })),
});
const LinkStatus = z.object({
  connectionId: z.string(),
  status: z.string(),
  lastError: z.string().nullable(),
  license: z.object({
    expiresAt: z.string().nullable(),
    checkedAt: z.string().nullable(),
    warnDays: z.number(),
    state: z.enum(["ok", "warning", "expired", "unknown"]),
    daysLeft: z.number().nullable(),
  }),
  counts: z.object({ orders: z.number(), unconfirmed: z.number(), requested: z.number(), reported: z.number() }),
});
const Review = z.object({
  items: z.array(z.object({ kind: z.string(), orderId: z.string().nullable(), orderNumber: z.string(), detail: z.string().nullable(), error: z.string(), at: z.string() })),
  unmatchedResults: z.array(z.object({ resultId: z.number(), requestKey: z.string(), shopOrderNumber: z.string(), result: z.unknown(), receivedAt: z.string() })),
});

const OtherSystemOrder = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  orderedAt: z.string(),
  scope: z.enum(["whole", "part"]),
  lines: z.array(z.object({ code: z.string(), quantity: z.number() })),
  handling: z.enum(["split", "deleted", "cancelled"]),
});

export const rakutenRoutes = [
  route({ method: "get", path: "/api/rakuten/links/:id/status", summary: "楽天連携の状態: ライセンスキーの有効期限 (warned ahead), counts, the error that stopped it", tag: "rakuten", auth: "user",
    response: LinkStatus, handler: ({ ctx, params }) => linkStatus(ctx, params.id!) }),
  route({ method: "post", path: "/api/rakuten/links/:id/license/check", summary: "ライセンスキーの再確認: reads the key's expiry from RMS again (after a reissue) and answers the link's status", tag: "rakuten", auth: "user", role: "manager",
    response: LinkStatus,
    async handler({ ctx, params }) {
      await recheckLicense(ctx, await requireLink(ctx, params.id!));
      return linkStatus(ctx, params.id!);
    } }),
  route({ method: "get", path: "/api/rakuten/links/:id/other-system", summary: "Orders left to the other order system (cancelled / deleted in Renkei with nothing at RSL, or split): mall order numbers and the lines it ships; pages by cursor (ordered_at, id)", tag: "rakuten", auth: "user",
    query: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(500) }),
    response: z.object({ items: z.array(OtherSystemOrder), nextCursor: z.string().nullable() }),
    handler: ({ ctx, params, query }) => ordersLeftToOtherSystem(ctx, params.id!, query) }),
  route({ method: "get", path: "/api/rakuten/links/:id/other-system.csv", summary: "The same as CSV (モール注文番号 first), every page, to move them to the other order system", tag: "rakuten", auth: "user", produces: "text/csv",
    async handler({ ctx, params }) {
      return new Response(`\uFEFF${await otherSystemCsv(ctx, params.id!)}`, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="rakuten-other-system.csv"', "cache-control": "no-store" },
      });
    } }),
  route({ method: "get", path: "/api/rakuten/links/:id/mappings", summary: "商品マッピング: Rakuten SKU ↔ Renkei SKU ↔ RSL item", tag: "rakuten", auth: "user",
    response: MappingList, handler: async ({ ctx, params }) => ({ items: await listItemMappings(ctx, params.id!) }) }),
  route({ method: "put", path: "/api/rakuten/links/:id/mappings", summary: "商品マッピング by hand: rows checked first (per-row errors), then all saved or none", tag: "rakuten", auth: "user", role: "manager",
    body: z.object({ rows: z.array(MappingRow).min(1).max(1000) }), response: z.object({ saved: z.number() }),
    handler: ({ ctx, params, body }) => saveItemMappings(ctx, params.id!, body.rows) }),
  route({ method: "post", path: "/api/rakuten/links/:id/mappings/delete", summary: "Remove one 商品マッピング (the Rakuten SKU in the body: it may hold characters a path does not)", tag: "rakuten", auth: "user", role: "manager",
    body: z.object({ rakutenSku: z.string().min(1).max(200) }), response: Ok,
    handler: async ({ ctx, params, body }) => { await deleteItemMapping(ctx, params.id!, body.rakutenSku); return { ok: true }; } }),
  route({ method: "post", path: "/api/rakuten/links/:id/mappings/upload", summary: "商品マッピング by CSV file (楽天SKU,商品コード,RSL商品コード): errors name the line; all rows saved or none", tag: "rakuten", auth: "user", role: "manager",
    body: z.object({ csv: z.string().min(1, "CSVが空です (empty CSV)").max(2_000_000, "CSVが大きすぎます (CSV too large)") }), response: z.object({ saved: z.number() }),
    handler: ({ ctx, params, body }) => uploadItemMappingCsv(ctx, params.id!, body.csv) }),
  route({ method: "get", path: "/api/rakuten/links/:id/mappings.csv", summary: "商品マッピング as CSV, in the upload's format", tag: "rakuten", auth: "user", produces: "text/csv",
    async handler({ ctx, params }) {
      return new Response(`\uFEFF${await itemMappingsCsv(ctx, params.id!)}`, {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="rakuten-mappings.csv"', "cache-control": "no-store" },
      });
    } }),
  route({ method: "get", path: "/api/rakuten/links/:id/review", summary: "要確認: RSL requests refused, orders RMS would not confirm, parcels RMS would not take, RSL results for unknown orders", tag: "rakuten", auth: "user",
    response: Review, handler: ({ ctx, params }) => reviewList(ctx, params.id!) }),
  route({ method: "post", path: "/api/rakuten/links/:id/split", summary: "出荷分割: the mapped lines of 確認待 orders go to RSL, the rest stay with the other order system (Rakuten is not changed)", tag: "rakuten", auth: "user", role: "staff",
    body: z.object({ orderIds: z.array(z.string().max(64)).min(1).max(500) }),
    response: z.object({ changed: z.number(), results: z.array(z.object({ orderId: z.string(), ok: z.boolean(), message: z.string().optional(), requests: z.number().optional() })) }),
    handler: ({ ctx, params, body }) => splitOrders(ctx, params.id!, body.orderIds) }),
  route({ method: "get", path: "/api/rakuten/links/:id/asuraku", summary: "あす楽 締め時間: countdown to today's cut-off (JST) and the あす楽 orders not yet with RSL", tag: "rakuten", auth: "user",
    response: z.object({ cutoff: z.string(), todayCutoffAt: z.string(), passed: z.boolean(), nextCutoffAt: z.string(), secondsLeft: z.number(),
      atRisk: z.array(z.object({ orderId: z.string(), orderNumber: z.string(), status: z.string(), orderedAt: z.string(), shipDate: z.string(), shipDay: z.enum(["today", "next", "missed"]) })) }),
    handler: ({ ctx, params }) => asurakuStatus(ctx, params.id!) }),
];
