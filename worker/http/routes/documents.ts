import { z } from "zod";
import { Id } from "../../../shared/schemas/common";
import { OutboundInput, ReversalInput, StoreDocument, TransferInput } from "../../../shared/schemas/documents";
import { Inbound, InboundInput, SetPin } from "../../../shared/schemas/pos";
import { Ok } from "../../../shared/schemas/common";
import { approveStocktake, createInbound, getDocument, listDocuments, receiveReturn, rejectStocktake, submitStocktake } from "../../documents/back-office";
import { createOutbound, createTransfer } from "../../documents/outbound";
import { reverseSale } from "../../documents/reversal";
import { importInboundFile } from "../../documents/inbound-import";
import { InboundFileImport } from "../../../shared/schemas/inbound-file";
import { setPin } from "../../pos/staff-pin";
import { route } from "../route";

const DocumentQuery = z.object({
  locationId: Id.optional(),
  kind: z.enum(["sale", "return", "exchange", "stocktake", "stocktake_submission", "receipt", "inbound", "other_out", "transfer", "reversal"]).optional(),
  status: z.enum(["pending", "received", "submitted", "approved", "posted", "rejected"]).optional(),
  /** e.g. the receipt of an inbound delivery, the returns of a sale */
  referenceId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** The store back office (门店后台) and the merchant (商家后台) on store documents. */
export const documentRoutes = [
  route({ method: "get", path: "/api/documents", summary: "Store documents and their state", tag: "documents", auth: "user",
    query: DocumentQuery, response: z.object({ items: z.array(StoreDocument), nextCursor: z.string().nullable() }), handler: ({ ctx, query }) => listDocuments(ctx, query) }),
  route({ method: "get", path: "/api/documents/:id", summary: "One store document", tag: "documents", auth: "user",
    response: StoreDocument, handler: ({ ctx, params }) => getDocument(ctx, params.id!) }),
  route({ method: "post", path: "/api/documents/:id/receive", summary: "入库退换单: returned goods into stock (defective ones held)", tag: "documents", auth: "user", role: "manager",
    response: StoreDocument, handler: ({ ctx, params }) => receiveReturn(ctx, params.id!) }),
  route({ method: "post", path: "/api/documents/:id/reverse", summary: "冲单: a posted sale reversed in whole, goods back into stock once (refused after a return / exchange or a first 冲单)", tag: "documents", auth: "user", role: "manager",
    body: ReversalInput, response: StoreDocument, status: 201, handler: ({ ctx, params, body }) => reverseSale(ctx, params.id!, body) }),
  route({ method: "post", path: "/api/stocktakes", summary: "The store manager submits counted sheets as a stocktake", tag: "documents", auth: "user", role: "manager",
    body: z.object({ locationId: Id, sheetIds: z.array(z.uuid()).min(1).max(500) }), response: StoreDocument, status: 201,
    handler: ({ ctx, body }) => submitStocktake(ctx, body) }),
  route({ method: "post", path: "/api/stocktakes/:id/approve", summary: "The merchant approves: surplus / deficit (盘盈 / 盘亏) through the ledger", tag: "documents", auth: "user", role: "owner",
    response: StoreDocument.extend({ adjusted: z.number() }), handler: ({ ctx, params }) => approveStocktake(ctx, params.id!) }),
  route({ method: "post", path: "/api/stocktakes/:id/reject", summary: "The merchant sends a stocktake back for recounting", tag: "documents", auth: "user", role: "owner",
    response: StoreDocument, handler: ({ ctx, params }) => rejectStocktake(ctx, params.id!) }),
  route({ method: "post", path: "/api/outbound", summary: "出库开单: goods leave a store outside a sale, at once (refused beyond its stock)", tag: "documents", auth: "user", role: "manager",
    body: OutboundInput, response: StoreDocument, status: 201, handler: ({ ctx, body }) => createOutbound(ctx, body) }),
  route({ method: "post", path: "/api/transfers", summary: "调拨: goods leave one store now and wait at the other as a delivery to receive", tag: "documents", auth: "user", role: "manager",
    body: TransferInput, response: StoreDocument, status: 201, handler: ({ ctx, body }) => createTransfer(ctx, body) }),
  route({ method: "post", path: "/api/inbound", summary: "A delivery for a store to receive (purchase, transfer, other in)", tag: "documents", auth: "user", role: "manager",
    body: InboundInput, response: Inbound, status: 201, handler: ({ ctx, body }) => createInbound(ctx, body) }),
  route({ method: "post", path: "/api/inbound/import", summary: "入库单导入: a delivery from a file's rows (商家编码 / 数量 / 备注), ≤ 5,000 rows, all or nothing, once per file key", tag: "documents", auth: "user", role: "manager",
    body: InboundFileImport, response: StoreDocument, status: 201, handler: ({ ctx, body }) => importInboundFile(ctx, body) }),
  route({ method: "put", path: "/api/users/:id/pin", summary: "Set a clerk's POS PIN", tag: "auth", auth: "user", role: "manager",
    body: SetPin, response: Ok, handler: async ({ ctx, params, body }) => { await setPin(ctx, params.id!, body.pin); return { ok: true }; } }),
];
