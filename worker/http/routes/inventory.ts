import { z } from "zod";
import {
  AdjustmentResult,
  Channel,
  ChannelInput,
  Location,
  LocationInput,
  MovementList,
  MovementQuery,
  StockAdjustment,
  StockLevelList,
  StockQuery,
} from "../../../shared/schemas/inventory";
import { adjustStock } from "../../inventory/adjustments";
import { listLevels, listMovements } from "../../inventory/levels";
import { createLocation, listLocations } from "../../inventory/locations";
import { createChannel, listChannels } from "../../orders/channels";
import { route } from "../route";

export const inventoryRoutes = [
  route({ method: "get", path: "/api/stock", summary: "Stock levels by SKU × location (negativeOnly: offline sales beyond stock)", tag: "stock", auth: "user",
    query: StockQuery, response: StockLevelList, handler: ({ ctx, query }) => listLevels(ctx, query) }),
  route({ method: "get", path: "/api/stock/movements", summary: "Ledger history of a SKU", tag: "stock", auth: "user",
    query: MovementQuery, response: MovementList, handler: ({ ctx, query }) => listMovements(ctx, query) }),
  route({ method: "post", path: "/api/stock/adjustments", summary: "Adjust stock through the ledger (idempotent by key)", tag: "stock", auth: "user", role: "manager",
    body: StockAdjustment, response: AdjustmentResult, handler: ({ ctx, body }) => adjustStock(ctx, body) }),
  route({ method: "get", path: "/api/locations", summary: "Stores and warehouses", tag: "stock", auth: "user",
    response: z.object({ items: z.array(Location) }), handler: async ({ ctx }) => ({ items: await listLocations(ctx) }) }),
  route({ method: "post", path: "/api/locations", summary: "Create a store or warehouse", tag: "stock", auth: "user", role: "owner",
    body: LocationInput, response: Location, status: 201, handler: ({ ctx, body }) => createLocation(ctx, body) }),
  route({ method: "get", path: "/api/channels", summary: "Sales channels and their stock source", tag: "orders", auth: "user",
    response: z.object({ items: z.array(Channel) }), handler: async ({ ctx }) => ({ items: await listChannels(ctx) }) }),
  route({ method: "post", path: "/api/channels", summary: "Create a sales channel (stock source: 在庫数合算設定)", tag: "orders", auth: "user", role: "owner",
    body: ChannelInput, response: Channel, status: 201, handler: ({ ctx, body }) => createChannel(ctx, body) }),
];
