import { z } from "zod";
import {
  BulkIds,
  BulkResult,
  BulkStatusChange,
  BulkTagChange,
  ConfirmShipment,
  CustomStatusInput,
  CustomStatusUpdate,
  ImportOrders,
  ImportResult,
  ManualOrder,
  Order,
  OrderList,
  OrderQuery,
  OrderStatus,
  PaymentMethod,
  SavedSearch,
  SavedSearchInput,
  SplitShipment,
  StatusAction,
  StatusActionInput,
  TagList,
} from "../../../shared/schemas/orders";
import { Ok } from "../../../shared/schemas/common";
import { importOrders } from "../../orders/import";
import { allocateOrders, cancelOrders, changeStatus, changeTags, deleteOrders } from "../../orders/lifecycle";
import { createManualOrder } from "../../orders/manual";
import { listPaymentMethods } from "../../orders/payment-methods";
import { deleteSavedSearch, getOrder, listOrders, listSavedSearches, listTags, saveSearch } from "../../orders/queries";
import { confirmShipment, createShipment } from "../../orders/shipments";
import { createStatusAction, deleteStatusAction, listStatusActions } from "../../orders/status-actions";
import { createStatus, isKnownStatus, listStatuses, updateStatus } from "../../orders/statuses";
import { route } from "../route";

export const orderRoutes = [
  route({ method: "get", path: "/api/orders", summary: "Orders by status / tag / text / channel / time", tag: "orders", auth: "user",
    query: OrderQuery, response: OrderList, handler: ({ ctx, query }) => listOrders(ctx, query) }),
  route({ method: "get", path: "/api/orders/:id", summary: "One order with lines, allocation, shipments", tag: "orders", auth: "user",
    response: Order, handler: ({ ctx, params }) => getOrder(ctx, params.id!) }),
  route({ method: "post", path: "/api/orders/import", summary: "Import orders taken elsewhere (connectors); once per channel + external ID", tag: "orders", auth: "user", role: "manager",
    body: ImportOrders, response: ImportResult, handler: async ({ ctx, body }) => (await importOrders(ctx, body)).result }),
  route({ method: "post", path: "/api/orders", summary: "Enter an order by hand; refused when stock is short", tag: "orders", auth: "user", role: "staff",
    body: ManualOrder, response: Order, status: 201, handler: ({ ctx, body }) => createManualOrder(ctx, body) }),
  route({ method: "get", path: "/api/payment-methods", summary: "The merchant's payment methods (支払方法), for order entry and import codes", tag: "orders", auth: "user",
    response: z.object({ items: z.array(PaymentMethod) }), handler: async ({ ctx }) => ({ items: await listPaymentMethods(ctx) }) }),
  route({ method: "post", path: "/api/orders/bulk/status", summary: "Move orders to a status", tag: "orders", auth: "user",
    body: BulkStatusChange, response: BulkResult, handler: ({ ctx, body }) => changeStatus(ctx, body.orderIds, body.status) }),
  route({ method: "post", path: "/api/orders/bulk/tags", summary: "Add / remove user tags", tag: "orders", auth: "user",
    body: BulkTagChange, response: BulkResult, handler: ({ ctx, body }) => changeTags(ctx, body.orderIds, body.add, body.remove) }),
  route({ method: "post", path: "/api/orders/bulk/allocate", summary: "Retry allocation (引当)", tag: "orders", auth: "user",
    body: BulkIds, response: BulkResult,
    async handler({ ctx, body }) {
      const ok = await allocateOrders(ctx, body.orderIds);
      return { changed: ok.size, results: body.orderIds.map((orderId) => ({ orderId, ok: ok.has(orderId) })) };
    } }),
  route({ method: "post", path: "/api/orders/bulk/cancel", summary: "Cancel in Renkei (releases allocation once; the mall order is not cancelled)", tag: "orders", auth: "user", role: "manager",
    body: BulkIds, response: BulkResult, handler: ({ ctx, body }) => cancelOrders(ctx, body.orderIds) }),
  route({ method: "post", path: "/api/orders/bulk/delete", summary: "Delete in Renkei only (soft; mall order number kept)", tag: "orders", auth: "user", role: "manager",
    body: BulkIds, response: BulkResult, handler: ({ ctx, body }) => deleteOrders(ctx, body.orderIds) }),
  route({ method: "post", path: "/api/orders/:id/shipments", summary: "Create a (split) shipment of some lines", tag: "orders", auth: "user",
    body: SplitShipment, response: z.object({ id: z.string() }), status: 201,
    handler: async ({ ctx, params, body }) => (await createShipment(ctx, params.id!, body)).result }),
  route({ method: "post", path: "/api/shipments/:id/confirm", summary: "Confirm a shipment (出荷確定): stock leaves, allocation consumed", tag: "orders", auth: "user",
    body: ConfirmShipment, response: z.object({ shipmentId: z.string(), orderStatus: z.string(), alreadyShipped: z.boolean() }),
    handler: async ({ ctx, params, body }) => (await confirmShipment(ctx, params.id!, body)).result }),
  route({ method: "get", path: "/api/order-statuses", summary: "Built-in and custom statuses", tag: "orders", auth: "user",
    response: z.object({ items: z.array(OrderStatus) }), handler: async ({ ctx }) => ({ items: await listStatuses(ctx) }) }),
  route({ method: "post", path: "/api/order-statuses", summary: "Add a custom status", tag: "orders", auth: "user", role: "manager",
    body: CustomStatusInput, response: OrderStatus, status: 201, handler: ({ ctx, body }) => createStatus(ctx, body) }),
  route({ method: "patch", path: "/api/order-statuses/:code", summary: "Rename a custom status (ja / zh / en) or change its display order", tag: "orders", auth: "user", role: "manager",
    body: CustomStatusUpdate, response: OrderStatus, handler: ({ ctx, params, body }) => updateStatus(ctx, params.code!, body) }),
  route({ method: "get", path: "/api/order-tags", summary: "Tags in use, with their order counts", tag: "orders", auth: "user",
    response: TagList, handler: async ({ ctx }) => ({ items: await listTags(ctx) }) }),
  route({ method: "get", path: "/api/saved-searches", summary: "Saved order searches", tag: "orders", auth: "user",
    response: z.object({ items: z.array(SavedSearch) }), handler: async ({ ctx }) => ({ items: await listSavedSearches(ctx) }) }),
  route({ method: "post", path: "/api/saved-searches", summary: "Save an order search", tag: "orders", auth: "user",
    body: SavedSearchInput, response: SavedSearch, status: 201, handler: ({ ctx, body }) => saveSearch(ctx, body) }),
  route({ method: "delete", path: "/api/saved-searches/:id", summary: "Delete a saved search", tag: "orders", auth: "user",
    response: Ok, handler: async ({ ctx, params }) => { await deleteSavedSearch(ctx, params.id!); return { ok: true }; } }),
  route({ method: "get", path: "/api/status-actions", summary: "Status-triggered actions", tag: "orders", auth: "user",
    response: z.object({ items: z.array(StatusAction) }), handler: async ({ ctx }) => ({ items: await listStatusActions(ctx) }) }),
  route({ method: "post", path: "/api/status-actions", summary: "When an order enters status X, run action Y (for connection Z); on success move to W", tag: "orders", auth: "user", role: "manager",
    body: StatusActionInput, response: StatusAction, status: 201,
    handler: ({ ctx, body }) => createStatusAction(ctx, body, (code) => isKnownStatus(ctx, code)) }),
  route({ method: "delete", path: "/api/status-actions/:id", summary: "Delete a status action", tag: "orders", auth: "user", role: "manager",
    response: Ok, handler: async ({ ctx, params }) => { await deleteStatusAction(ctx, params.id!); return { ok: true }; } }),
];
