/**
 * Smaregi link routes: [認証] and its return (/oauth/smaregi/callback), disconnect, the live lists
 * the setup screen chooses from, the webhook address to enter in Smaregi, linked products, and the
 * public receivers of Smaregi's webhooks and bulk callbacks. Settings, start / stop and running a
 * job use the hub's generic /api/connections and /api/sync routes (the connector's hooks check them).
 */
import { z } from "zod";
import { Connection } from "../../../shared/schemas/sync";
import { disconnect, beginAuthorization, finishAuthorization, webhookSetup, SMAREGI } from "../../connectors/smaregi/link";
import { linkedProducts } from "../../connectors/smaregi/products";
import { previewStart } from "../../connectors/smaregi/preview";
import { remoteChoices } from "../../connectors/smaregi/setup";
import { lastShipmentOutcome } from "../../connectors/smaregi/shipments";
import { lastSendOutcome } from "../../connectors/smaregi/orders";
import { CSV_MAX_ORDERS, shippingCsv } from "../../connectors/smaregi/shipping-csv";
import { Id } from "../../../shared/schemas/common";
import { pendingBulkRequests } from "../../connectors/smaregi/stock";
import { recentSales } from "../../connectors/smaregi/sales";
import { receiveBulkCallback, receiveWebhook } from "../../connectors/smaregi/webhooks";
import { loadConnection } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { notFound } from "../../errors";
import { route } from "../route";

async function smaregiLink(ctx: ServiceContext, id: string) {
  const connection = await loadConnection(ctx, id);
  if (!connection || connection.kind !== SMAREGI) throw notFound("connection");
  return connection;
}

const Choices = z.object({
  stores: z.array(z.object({ storeId: z.string(), storeName: z.string(), warehouse: z.boolean() })),
  orderStores: z.array(z.object({ storeId: z.string(), storeName: z.string(), sellDivision: z.enum(["included", "excluded"]), warehouseStoreId: z.string().nullable() })),
  paymentMethods: z.array(z.object({ paymentMethodId: z.string(), paymentMethodName: z.string() })),
  /** Renkei's own payment methods, the other side of the 支払方法 mapping. */
  renkeiPaymentMethods: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});

const Preview = z.object({
  products: z.object({ total: z.number().int(), items: z.array(z.object({ productId: z.string(), productCode: z.string(), productName: z.string(), renkeiSkuId: z.string().nullable() })) }),
  stock: z.object({
    total: z.number().int(),
    items: z.array(z.object({ skuId: z.string(), skuCode: z.string(), locationId: z.string(), smaregiStoreId: z.string(), master: z.enum(["renkei", "smaregi"]), renkei: z.number().int(), smaregi: z.number().int() })),
  }),
  orders: z.object({ total: z.number().int(), items: z.array(z.object({ orderId: z.string(), externalId: z.string(), status: z.string(), orderedAt: z.string(), smaregiStoreId: z.string() })) }),
});

const Shipments = z.object({
  at: z.string(),
  status: z.string().nullable(),
  shipped: z.array(z.object({ orderId: z.string(), externalId: z.string(), orderHeadId: z.string() })),
  skipped: z.array(z.object({ orderId: z.string(), externalId: z.string(), reason: z.string() })),
});

const SentOrders = z.object({
  at: z.string(),
  sent: z.array(z.object({ orderId: z.string(), externalId: z.string(), orderHeadId: z.string() })),
  skipped: z.array(z.object({ orderId: z.string(), externalId: z.string(), reason: z.string() })),
});

const Sales = z.object({
  items: z.array(
    z.object({
      transactionHeadId: z.string(),
      smaregiStoreId: z.string(),
      locationId: z.string().nullable(),
      transactedAt: z.string(),
      total: z.number().int(),
      cancelled: z.boolean(),
      lines: z.array(z.object({ detailId: z.string(), productId: z.string().nullable(), productCode: z.string().nullable(), productName: z.string().nullable(), quantity: z.number().int(), salesPrice: z.number().int(), skuId: z.string().nullable() })),
    }),
  ),
});
const ShippingCsvPick = z
  .object({ orderIds: z.array(Id).min(1).max(CSV_MAX_ORDERS).optional(), status: z.string().trim().min(1).max(64).optional() })
  .superRefine((pick, ctx) => {
    if (!pick.orderIds === !pick.status) ctx.addIssue({ code: "custom", path: ["status"], message: "受注IDか受注ステータスのどちらかを指定してください (give either orderIds or status)" });
  });
const ShippingCsvAnswer = z.object({
  csv: z.string(),
  included: z.array(z.object({ orderId: z.string(), externalId: z.string() })),
  excluded: z.array(z.object({ orderId: z.string(), externalId: z.string(), reason: z.string() })),
});

export const smaregiRoutes = [
  route({ method: "post", path: "/api/smaregi/connections/:id/authorize", summary: "[認証]: the Smaregi authorization page to send the browser to", tag: "smaregi", auth: "user", role: "owner",
    response: z.object({ url: z.string() }),
    handler: ({ ctx, params, c }) => beginAuthorization(ctx, params.id!, new URL(c.req.url).origin) }),
  route({ method: "get", path: "/oauth/smaregi/callback", summary: "Smaregi's redirect after [許可]: the code is exchanged here, then back to the admin", tag: "smaregi", auth: "public",
    produces: "text/html", async handler({ c }) { return c.redirect(await finishAuthorization(c.env, new URL(c.req.url)), 302); } }),
  route({ method: "post", path: "/api/smaregi/connections/:id/disconnect", summary: "Disconnect: forget the contract, tokens and ID links (settings stay)", tag: "smaregi", auth: "user", role: "owner",
    response: Connection, handler: ({ ctx, params }) => disconnect(ctx, params.id!) }),
  route({ method: "get", path: "/api/smaregi/connections/:id/choices", summary: "Live from Smaregi: stores / warehouses, order stores, payment methods", tag: "smaregi", auth: "user", role: "manager",
    response: Choices, async handler({ ctx, params }) {
      const remote = await remoteChoices(ctx, await smaregiLink(ctx, params.id!));
      const renkeiPaymentMethods = await ctx.db.all<{ id: string; code: string; name: string }>("SELECT id, code, name FROM payment_methods WHERE merchant_id = ?1 ORDER BY code");
      return { ...remote, renkeiPaymentMethods };
    } }),
  route({ method: "get", path: "/api/smaregi/connections/:id/webhook", summary: "The webhook URL and secret header to set in Smaregi's app settings", tag: "smaregi", auth: "user", role: "owner",
    response: z.object({ url: z.string(), secretHeader: z.string(), secret: z.string() }).nullable(),
    handler: ({ ctx, params }) => webhookSetup(ctx, params.id!) }),
  route({ method: "get", path: "/api/smaregi/connections/:id/products", summary: "Renkei SKUs with their Smaregi product ID, and bulk stock writes awaiting their callback", tag: "smaregi", auth: "user",
    response: z.object({
      items: z.array(z.object({ skuId: z.string(), skuCode: z.string(), productId: z.string(), name: z.string(), smaregiProductId: z.string() })),
      pendingBulk: z.number().int(),
    }),
    async handler({ ctx, params }) {
      const link = await smaregiLink(ctx, params.id!);
      return { items: await linkedProducts(ctx, link.id), pendingBulk: (await pendingBulkRequests(ctx, link.id)).length };
    } }),
  route({ method: "get", path: "/api/smaregi/connections/:id/preview", summary: "Before start: products to import, stock differences, orders to send (read live, nothing changes)", tag: "smaregi", auth: "user", role: "manager",
    response: Preview, async handler({ ctx, params }) { return previewStart(ctx, await smaregiLink(ctx, params.id!)); } }),
  route({ method: "get", path: "/api/smaregi/connections/:id/shipments", summary: "受注一括出荷連携: the last push (shipped, and skipped with the reason)", tag: "smaregi", auth: "user",
    // Wrapped: a bare null would be answered as the route default { ok: true }.
    response: z.object({ last: Shipments.nullable() }), async handler({ ctx, params }) { return { last: await lastShipmentOutcome(ctx, (await smaregiLink(ctx, params.id!)).id) }; } }),
  route({ method: "get", path: "/api/smaregi/connections/:id/orders-sent", summary: "受注連携: the last send of orders to Smaregi (sent, and held back with the reason)", tag: "smaregi", auth: "user",
    response: z.object({ last: SentOrders.nullable() }), async handler({ ctx, params }) { return { last: await lastSendOutcome(ctx, (await smaregiLink(ctx, params.id!)).id) }; } }),
  route({ method: "get", path: "/api/smaregi/connections/:id/sales", summary: "Smaregi POS sales taken by the link (pos:transactions), newest first: date, store, total, lines", tag: "smaregi", auth: "user",
    response: Sales, async handler({ ctx, params }) { return { items: await recentSales(ctx, (await smaregiLink(ctx, params.id!)).id) }; } }),
  route({ method: "post", path: "/api/smaregi/connections/:id/shipping-csv", summary: "送り状・出荷CSV of many orders, leaving out those whose allocation failed when 送り状・出荷CSV出力制御 says so", tag: "smaregi", auth: "user",
    body: ShippingCsvPick, response: ShippingCsvAnswer, async handler({ ctx, params, body }) { return shippingCsv(ctx, await smaregiLink(ctx, params.id!), body); } }),
  route({ method: "post", path: "/webhooks/smaregi/:id", summary: "Smaregi webhooks (authenticated by the link's secret header, taken once by event ID)", tag: "smaregi", auth: "public",
    async handler({ c, params }) { const answer = await receiveWebhook(c.env, params.id!, c.req.raw); return c.json(answer.body, answer.status); } }),
  route({ method: "post", path: "/webhooks/smaregi/:id/callback/:token", summary: "Results of Smaregi's async bulk calls", tag: "smaregi", auth: "public",
    async handler({ c, params }) {
      const body: unknown = await c.req.json().catch(() => null);
      const answer = await receiveBulkCallback(c.env, params.id!, params.token!, body);
      return c.json(answer.body, answer.status);
    } }),
];
