import { PushDocuments, PushResult } from "../../../shared/schemas/documents";
import { postDocuments } from "../../documents/post";
import { route } from "../route";

export const posRoutes = [
  route({
    method: "post",
    path: "/api/pos/documents",
    summary: "Push store documents from a device's outbox; each accepted exactly once by its UUID",
    tag: "pos",
    auth: "device",
    body: PushDocuments,
    response: PushResult,
    handler: ({ ctx, body }) => postDocuments(ctx, body.documents),
  }),
];
