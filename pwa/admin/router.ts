/**
 * The admin's routes, as plain data: which screen a path under /admin shows, and the path of a
 * screen. Pure (no DOM), so the matching is tested in Node; the history side lives in navigation.tsx.
 * A deep link such as /admin/orders/ord_123 reaches the browser as the admin shell (the worker
 * answers every /admin/* miss with it), and this table picks the screen after the reload.
 */

export const BASE = "/admin";

/** Screen name → path pattern below BASE; `:name` takes one path segment. First match wins. */
export const ROUTES = {
  orders: "/orders",
  // Before "order": "/orders/new" is the entry form, not an order with the ID "new".
  orderNew: "/orders/new",
  order: "/orders/:id",
  products: "/products",
  productNew: "/products/new",
  // 商品批量导入 / 商品批量更新 → 文件导入 (seed 003 §3.3.2, §3.4.2): one screen, two modes
  productImport: "/products/import",
  productUpdate: "/products/update",
  units: "/units",
  unitUpload: "/units/upload",
  stock: "/stock",
  ledger: "/stock/:skuId",
  storeDocuments: "/store/documents",
  storeDocument: "/store/documents/:id",
  stocktakes: "/store/stocktakes",
  inbound: "/store/inbound",
  storeOut: "/store/out",
  devices: "/store/devices",
  staff: "/store/staff",
  syncRuns: "/sync",
  deadLetters: "/sync/dead-letters",
  connections: "/sync/connections",
  // 旺店通 ERP links (seed 003): "new" before ":id", so the form is not a link with the ID "new"
  wangdianNew: "/sync/wangdian/new",
  wangdian: "/sync/wangdian/:id",
  // ネクストエンジン連携設定 (seed 001); NextEngine's login comes back here (worker/http/routes/nextengine.ts)
  nextengine: "/nextengine/:id",
  // 楽天市場 (RMS) links (seed 002): "new" before ":id"
  rakutenNew: "/sync/rakuten/new",
  rakuten: "/sync/rakuten/:id",
  // スマレジ連携 (seed 000): Smaregi's [許可] comes back to /admin/smaregi/:id (worker/connectors/smaregi/link.ts)
  smaregiNew: "/smaregi",
  smaregi: "/smaregi/:id",
  statuses: "/settings/statuses",
  templates: "/settings/templates",
} as const;

export type RouteName = keyof typeof ROUTES;
export type Match = { name: RouteName | "notFound"; params: Record<string, string> };

/** The screen a bare /admin (or /admin/) opens. */
export const HOME: RouteName = "orders";

const segmentsOf = (path: string) => path.split("/").filter((s) => s !== "");

/** Which screen `pathname` (the full path, e.g. "/admin/orders/ord_1") shows, with its decoded params. */
export function matchRoute(pathname: string): Match {
  if (pathname !== BASE && !pathname.startsWith(`${BASE}/`)) return { name: "notFound", params: {} };
  const segments = segmentsOf(pathname.slice(BASE.length));
  if (segments.length === 0) return { name: HOME, params: {} };
  for (const [name, pattern] of Object.entries(ROUTES) as [RouteName, string][]) {
    const params = matchPattern(segmentsOf(pattern), segments);
    if (params) return { name, params };
  }
  return { name: "notFound", params: {} };
}

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = segments[i]!;
    if (want.startsWith(":")) {
      // A malformed escape (a hand-typed "%E3") is no screen rather than a crash.
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return null;
      }
    } else if (want !== got) return null;
  }
  return params;
}

/** The path of a screen: pathFor("order", { id: "ord_1" }) → "/admin/orders/ord_1". */
export function pathFor(name: RouteName, params: Record<string, string> = {}, query?: QueryValues): string {
  const path = ROUTES[name].replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`pathFor(${name}): missing ${key}`);
    return encodeURIComponent(value);
  });
  return `${BASE}${path}${query ? searchOf(query) : ""}`;
}

export type QueryValues = Record<string, string | number | boolean | null | undefined>;

/** "?a=1&b=x" from values, leaving out empty ones so URLs stay short and filters stay optional. */
export function searchOf(query: QueryValues): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The values of a location.search string, as plain strings. */
export function queryOf(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}
