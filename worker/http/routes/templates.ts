/**
 * Mail and document templates (seed 004 置換文字) and an order rendered with them.
 */
import { z } from "zod";
import { RenderedTemplate, TemplateInput, TemplateKind } from "../../../shared/schemas/orders";
import { invalid } from "../../errors";
import { getTemplate, renderOrder, resetTemplate, saveTemplate } from "../../orders/templates";
import { route } from "../route";

const Template = TemplateInput.extend({ kind: TemplateKind, isDefault: z.boolean(), updatedAt: z.string().nullable() });

/** The :kind path parameter, refused with the kinds there are. */
function kindOf(params: Record<string, string>) {
  const parsed = TemplateKind.safeParse(params.kind);
  if (!parsed.success) throw invalid("unknown template kind", [{ path: ["kind"], message: `one of ${TemplateKind.options.join(", ")}` }]);
  return parsed.data;
}

export const templateRoutes = [
  route({ method: "get", path: "/api/templates/:kind", summary: "A mail / document template (the default when none is saved)", tag: "orders", auth: "user",
    response: Template, handler: ({ ctx, params }) => getTemplate(ctx, kindOf(params)) }),
  route({ method: "put", path: "/api/templates/:kind", summary: "Save a template: body with #LINES#, lineFormat per order line (seed 004 placeholders)", tag: "orders", auth: "user", role: "manager",
    body: TemplateInput, response: Template, handler: ({ ctx, params, body }) => saveTemplate(ctx, kindOf(params), body) }),
  route({ method: "delete", path: "/api/templates/:kind", summary: "Go back to the default template", tag: "orders", auth: "user", role: "manager",
    response: Template, handler: ({ ctx, params }) => resetTemplate(ctx, kindOf(params)) }),
  route({ method: "get", path: "/api/orders/:id/render/:kind", summary: "An order rendered with a template (mail text, delivery note, shipping CSV)", tag: "orders", auth: "user",
    response: RenderedTemplate, handler: ({ ctx, params }) => renderOrder(ctx, params.id!, kindOf(params)) }),
];
