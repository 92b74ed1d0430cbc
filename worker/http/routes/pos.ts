import { z } from "zod";
import { PushDocuments, PushResult } from "../../../shared/schemas/documents";
import { Bootstrap, CatalogPage, CatalogQuery, Inbound, StaffPinCheck, StaffPinResult } from "../../../shared/schemas/pos";
import { pendingInbound } from "../../documents/back-office";
import { postDocuments } from "../../documents/post";
import { bootstrap } from "../../pos/bootstrap";
import { catalogPage } from "../../pos/catalog-feed";
import { checkPin } from "../../pos/staff-pin";
import { route } from "../route";

/** What a paired POS device calls, with its bearer token. */
export const posRoutes = [
  route({ method: "get", path: "/api/pos/bootstrap", summary: "The device's store, the merchant's rules, tenders and staff", tag: "pos", auth: "device",
    response: Bootstrap, handler: ({ ctx }) => bootstrap(ctx) }),
  route({ method: "get", path: "/api/pos/catalog", summary: "Catalog snapshot pages, then deltas after a change-log cursor", tag: "pos", auth: "device",
    query: CatalogQuery, response: CatalogPage, handler: ({ ctx, query }) => catalogPage(ctx, query) }),
  route({ method: "post", path: "/api/pos/documents", summary: "Push store documents from the outbox; each accepted exactly once by its UUID", tag: "pos", auth: "device",
    body: PushDocuments, response: PushResult, handler: ({ ctx, body }) => postDocuments(ctx, body.documents) }),
  route({ method: "post", path: "/api/pos/staff/pin", summary: "Check a clerk's PIN online (to enrol it on the device); 5 wrong PINs lock for 15 minutes", tag: "pos", auth: "device",
    body: StaffPinCheck, response: StaffPinResult, handler: ({ ctx, body }) => checkPin(ctx, body.staffId, body.pin) }),
  route({ method: "get", path: "/api/pos/inbound", summary: "Deliveries waiting to be received at the device's store", tag: "pos", auth: "device",
    response: z.object({ items: z.array(Inbound) }), handler: async ({ ctx }) => ({ items: await pendingInbound(ctx, ctx.actor.locationId!) }) }),
];
