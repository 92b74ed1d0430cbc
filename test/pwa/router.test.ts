import { describe, expect, it } from "vitest";
import { matchRoute, pathFor, queryOf, ROUTES, searchOf, type RouteName } from "../../pwa/admin/router";

describe("admin router", () => {
  it("opens the order list for a bare /admin, with or without the slash", () => {
    expect(matchRoute("/admin")).toEqual({ name: "orders", params: {} });
    expect(matchRoute("/admin/")).toEqual({ name: "orders", params: {} });
  });

  it("renders the right screen for a deep link after a reload", () => {
    expect(matchRoute("/admin/orders/ord_123")).toEqual({ name: "order", params: { id: "ord_123" } });
    expect(matchRoute("/admin/stock/sku_9")).toEqual({ name: "ledger", params: { skuId: "sku_9" } });
    expect(matchRoute("/admin/sync/dead-letters")).toEqual({ name: "deadLetters", params: {} });
    expect(matchRoute("/admin/products/new")).toEqual({ name: "productNew", params: {} });
    expect(matchRoute("/admin/units/")).toEqual({ name: "units", params: {} });
    expect(matchRoute("/admin/units/upload")).toEqual({ name: "unitUpload", params: {} });
    expect(matchRoute("/admin/sync/connections")).toEqual({ name: "connections", params: {} });
    expect(matchRoute("/admin/settings/templates")).toEqual({ name: "templates", params: {} });
    expect(matchRoute("/admin/store/documents")).toEqual({ name: "storeDocuments", params: {} });
    expect(matchRoute("/admin/store/documents/stk_1")).toEqual({ name: "storeDocument", params: { id: "stk_1" } });
    expect(matchRoute("/admin/store/stocktakes")).toEqual({ name: "stocktakes", params: {} });
    expect(matchRoute("/admin/store/inbound")).toEqual({ name: "inbound", params: {} });
    expect(matchRoute("/admin/store/out")).toEqual({ name: "storeOut", params: {} });
    expect(matchRoute("/admin/store/devices")).toEqual({ name: "devices", params: {} });
    expect(matchRoute("/admin/store/staff")).toEqual({ name: "staff", params: {} });
  });

  it("opens the entry form for /admin/orders/new, not an order with the ID \"new\"", () => {
    expect(matchRoute("/admin/orders/new")).toEqual({ name: "orderNew", params: {} });
    expect(matchRoute("/admin/orders/ord_new")).toEqual({ name: "order", params: { id: "ord_new" } });
  });

  it("decodes path parameters, and treats a malformed escape as no screen instead of throwing", () => {
    expect(matchRoute("/admin/orders/%E5%8F%97%E6%B3%A8").params).toEqual({ id: "受注" });
    expect(matchRoute("/admin/orders/%E3")).toEqual({ name: "notFound", params: {} });
  });

  it("answers notFound for unknown paths and for anything outside /admin", () => {
    expect(matchRoute("/admin/orders/ord_1/extra").name).toBe("notFound");
    expect(matchRoute("/admin/nope").name).toBe("notFound");
    expect(matchRoute("/administrator").name).toBe("notFound");
    expect(matchRoute("/pos/").name).toBe("notFound");
    expect(matchRoute("/api/orders").name).toBe("notFound");
  });

  it("builds every screen's path so that matching it gives the same screen back", () => {
    const params = { id: "ord_01/x", skuId: "sku 1" };
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      const path = pathFor(name, params);
      const match = matchRoute(path);
      expect(match.name).toBe(name);
      for (const [key, value] of Object.entries(match.params)) expect(value).toBe(params[key as keyof typeof params]);
    }
  });

  it("refuses to build a path with a missing parameter", () => {
    expect(() => pathFor("order")).toThrow(/missing id/);
  });

  it("puts filters in the query string, leaving out empty ones", () => {
    expect(pathFor("orders", {}, { status: "new", tag: "", q: undefined })).toBe("/admin/orders?status=new");
    expect(searchOf({ q: "長さ 85", negativeOnly: true, off: false, none: null })).toBe("?q=%E9%95%B7%E3%81%95+85&negativeOnly=true");
    expect(searchOf({})).toBe("");
    expect(queryOf("?q=%E9%95%B7%E3%81%95+85&status=new")).toEqual({ q: "長さ 85", status: "new" });
  });
});
