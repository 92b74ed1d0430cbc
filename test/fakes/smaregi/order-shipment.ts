/**
 * The fake order-shipment API (受注管理, `/{contract_id}/order-shipment`). Documented: POST /orders
 * head fields and its total rule, GET /stores/{id}, the orders webhook, integers for money.
 * Everything else (order reads, lines, statuses, allocation, bulk shipment, the stock view) is
 * modelled in the official field style and marked [I] in README.md.
 *
 * Allocation (引当) reserves a line's quantity at the order store's linked warehouse:
 * available = stockAmount − allocated lines of open orders there. Shipping takes the stock.
 */
import { Problem, invalid, json, jstDate, listResponse, notFound, parseDateTime, rangeParam, readJson, stringField } from "./http";
import { stockKey, type Contract, type Order, type OrderDetail, type OrderStore } from "./state";
import { need, BULK_MAX } from "./pos";
import type { SmaregiWorld, Token } from "./world";

const MONEY_FIELDS = ["carriage", "commission", "giftWrapPrice", "totalPointDiscount", "totalCouponDiscount", "subtotalCouponDiscount", "totalPromotionDiscount", "taxExclude"] as const;
/** [I] 当日出荷締め時間 (same-day shipping cut-off); its store field was not captured. */
export const SAME_DAY_CUTOFF = "15:00";

/** An integer field as order-shipment documents them: a JSON integer, not a string. */
function intOf(body: Record<string, unknown>, field: string, opts: { required?: boolean; min: number; max: number; label?: string }): number | undefined {
  const raw = body[field];
  const name = opts.label ?? field;
  if (raw === undefined || raw === null) {
    if (opts.required) throw invalid(name, "必須項目です");
    return undefined;
  }
  if (typeof raw !== "number" || !Number.isInteger(raw)) throw invalid(name, "整数を指定してください");
  if (raw < opts.min || raw > opts.max) throw invalid(name, `${opts.min}〜${opts.max}で指定してください`);
  return raw;
}

const isOpen = (o: Order) => o.status === "accepted" || o.status === "allocated";

function allocatedAt(contract: Contract, warehouseId: string, productId: string): number {
  let sum = 0;
  for (const order of contract.orders.values()) {
    if (!isOpen(order) || contract.orderStores.get(order.storeId)?.warehouseStoreId !== warehouseId) continue;
    for (const d of order.details) if (d.productId === productId) sum += d.allocatedQuantity;
  }
  return sum;
}

/** Allocates what it can of each line (引当); an order whose lines are all covered becomes "allocated". */
function allocate(world: SmaregiWorld, contract: Contract, order: Order) {
  const warehouseId = contract.orderStores.get(order.storeId)?.warehouseStoreId;
  if (!warehouseId) throw new Problem(400, "Bad Request", "受注店舗に倉庫が紐づいていません");
  for (const line of order.details) {
    const missing = line.quantity - line.allocatedQuantity;
    if (missing <= 0) continue;
    const onHand = Number(contract.stock.get(stockKey(line.productId, warehouseId))?.stockAmount ?? "0");
    const free = Math.max(0, onHand - allocatedAt(contract, warehouseId, line.productId));
    line.allocatedQuantity += Math.min(missing, free);
  }
  if (order.details.every((d) => d.allocatedQuantity === d.quantity)) order.status = "allocated";
  order.updDateTime = world.stamp();
}

function ship(world: SmaregiWorld, contract: Contract, order: Order, shippedDateTime: string | undefined) {
  if (order.status !== "allocated") throw new Problem(400, "Bad Request", `受注 ${order.orderHeadId}: 引当が完了していない受注は出荷できません (status ${order.status})`);
  const warehouseId = contract.orderStores.get(order.storeId)!.warehouseStoreId!;
  for (const line of order.details) {
    world.writeStock(contract, { productId: line.productId, storeId: warehouseId, mode: "add", amount: -line.quantity, memo: `受注出荷 ${order.orderCode}`, kind: "shipment" });
  }
  order.status = "shipped";
  order.shippedDateTime = shippedDateTime ?? world.stamp();
  order.updDateTime = world.stamp();
}

function shippingScheduledDate(world: SmaregiWorld, desired: string | null): string {
  const now = world.now();
  const today = jstDate(now);
  if (desired && Date.parse(`${desired}T00:00:00+09:00`) - now > 7 * 86400_000) {
    return jstDate(Date.parse(`${desired}T00:00:00+09:00`) - 86400_000);
  }
  const beforeCutoff = new Date(now + 9 * 3600_000).toISOString().slice(11, 16) < SAME_DAY_CUTOFF;
  return beforeCutoff ? today : jstDate(now + 86400_000);
}

async function createOrder(world: SmaregiWorld, contract: Contract, request: Request): Promise<Order> {
  const body = await readJson(request);
  const storeId = stringField(body, "storeId", { required: true, pattern: /^\d{1,9}$/ })!;
  const store = contract.orderStores.get(storeId);
  if (!store) throw invalid("storeId", "指定された受注店舗が見つかりません");
  if (store.pauseFlag === 1) throw invalid("storeId", "受注店舗は停止中です");
  const orderCode = stringField(body, "orderCode", { required: true, max: 50, pattern: /^[ -~]+$/ })!;
  if ([...contract.orders.values()].some((o) => o.storeId === storeId && o.orderCode === orderCode)) {
    throw invalid("orderCode", `受注番号 ${orderCode} は既に登録されています`);
  }
  const orderDateTime = stringField(body, "orderDateTime", { required: true })!;
  parseDateTime("orderDateTime", orderDateTime);
  const money = Object.fromEntries(MONEY_FIELDS.map((f) => [f, intOf(body, f, { min: 0, max: 999999999 }) ?? 0])) as Record<(typeof MONEY_FIELDS)[number], number>;
  const total = intOf(body, "total", { required: true, min: 0, max: 999999999 })!;
  const desired = stringField(body, "deliveryDesiredDate", { pattern: /^\d{4}-\d{2}-\d{2}$/ }) ?? null;
  const paymentMethodId = stringField(body, "paymentMethodId", { pattern: /^\d{1,9}$/ }) ?? null;
  if (paymentMethodId && !contract.paymentMethods.has(paymentMethodId)) throw invalid("paymentMethodId", "指定された支払方法が見つかりません");
  const rawDetails = body.details;
  if (!Array.isArray(rawDetails) || rawDetails.length === 0) throw invalid("details", "1件以上を指定してください");
  const details: OrderDetail[] = rawDetails.map((raw, i) => {
    if (!raw || typeof raw !== "object") throw invalid(`details[${i}]`, "オブジェクトを指定してください");
    const row = raw as Record<string, unknown>;
    const productCode = stringField(row, "productCode", { max: 20 });
    if (!productCode) throw invalid(`details[${i}].productCode`, "必須項目です");
    const product = [...contract.products.values()].find((p) => world.sameCode(p.productCode, productCode));
    if (!product) throw invalid(`details[${i}].productCode`, `商品コード ${productCode} の商品が見つかりません`);
    return {
      orderDetailId: "",
      productId: product.productId,
      productCode: product.productCode,
      productName: stringField(row, "productName", { max: 85 }) ?? product.productName,
      salesPrice: intOf(row, "salesPrice", { required: true, min: 0, max: 999999999, label: `details[${i}].salesPrice` })!,
      quantity: intOf(row, "quantity", { required: true, min: 1, max: 999999, label: `details[${i}].quantity` })!,
      allocatedQuantity: 0,
    };
  });
  const subtotal = details.reduce((sum, d) => sum + d.salesPrice * d.quantity, 0);
  const expected =
    subtotal + money.taxExclude + money.carriage + money.commission + money.giftWrapPrice -
    (money.totalPointDiscount + money.totalCouponDiscount + money.subtotalCouponDiscount + money.totalPromotionDiscount);
  if (total !== expected) throw invalid("total", `合計金額が計算結果 (${expected}) と一致しません`);
  const at = world.stamp();
  const orderHeadId = String(++contract.seq.order);
  for (const d of details) d.orderDetailId = String(++contract.seq.orderDetail);
  const order: Order = {
    orderHeadId,
    storeId,
    orderCode,
    orderDateTime,
    status: "accepted",
    subtotal,
    ...money,
    total,
    deliveryDesiredDate: desired,
    shippingScheduledDate: shippingScheduledDate(world, desired),
    shippedDateTime: null,
    memo: stringField(body, "memo", { max: 1000 }) ?? null,
    paymentMethodId,
    details,
    insDateTime: at,
    updDateTime: at,
  };
  contract.orders.set(orderHeadId, order);
  if (store.autoAllocationFlag === 1 && store.warehouseStoreId) allocate(world, contract, order);
  return order;
}

function orderOf(contract: Contract, id: string): Order {
  const order = contract.orders.get(id);
  if (!order) throw notFound();
  return order;
}

async function updateOrder(world: SmaregiWorld, contract: Contract, order: Order, request: Request): Promise<Order> {
  const body = await readJson(request);
  const status = stringField(body, "status", { pattern: /^(shipped|canceled)$/ });
  const shippedDateTime = stringField(body, "shippedDateTime");
  if (shippedDateTime) parseDateTime("shippedDateTime", shippedDateTime);
  const memo = stringField(body, "memo", { max: 1000 });
  if (status && !isOpen(order)) throw invalid("status", `${order.status} の受注は変更できません`);
  if (memo !== undefined) order.memo = memo;
  if (status === "shipped") ship(world, contract, order, shippedDateTime);
  if (status === "canceled") {
    order.status = "canceled";
    for (const d of order.details) d.allocatedQuantity = 0;
  }
  order.updDateTime = world.stamp();
  if (status) world.emit(contract, "order-shipment:orders", status, { storeId: order.storeId, orderHeadIds: [order.orderHeadId] });
  return order;
}

/** POST /orders/shipped [I]: ship up to 100 orders at once; all or nothing. */
async function shipMany(world: SmaregiWorld, contract: Contract, request: Request): Promise<Response> {
  const body = await readJson(request);
  const rows = body.orders;
  if (!Array.isArray(rows) || rows.length === 0) throw invalid("orders", "1件以上を指定してください");
  if (rows.length > BULK_MAX) throw invalid("orders", `${BULK_MAX}件以内で指定してください`);
  const targets = rows.map((raw, i) => {
    const row = (raw ?? {}) as Record<string, unknown>;
    const id = stringField(row, "orderHeadId");
    if (!id) throw invalid(`orders[${i}].orderHeadId`, "必須項目です");
    const order = contract.orders.get(id);
    if (!order) throw invalid(`orders[${i}].orderHeadId`, `受注 ${id} が見つかりません`);
    if (order.status !== "allocated") throw invalid(`orders[${i}].orderHeadId`, `受注 ${id} は出荷できません (status ${order.status})`);
    const shippedDateTime = stringField(row, "shippedDateTime");
    if (shippedDateTime) parseDateTime(`orders[${i}].shippedDateTime`, shippedDateTime);
    return { order, shippedDateTime };
  });
  for (const { order, shippedDateTime } of targets) ship(world, contract, order, shippedDateTime);
  const byStore = new Map<string, string[]>();
  for (const { order } of targets) byStore.set(order.storeId, [...(byStore.get(order.storeId) ?? []), order.orderHeadId]);
  for (const [storeId, orderHeadIds] of byStore) world.emit(contract, "order-shipment:orders", "shipped", { storeId, orderHeadIds });
  return json(200, targets.map(({ order }) => ({ orderHeadId: order.orderHeadId, status: order.status, shippedDateTime: order.shippedDateTime })));
}

function stockView(contract: Contract, store: OrderStore, productId: string | null) {
  if (!store.warehouseStoreId) throw new Problem(400, "Bad Request", "受注店舗に倉庫が紐づいていません");
  const warehouseId = store.warehouseStoreId;
  return [...contract.stock.values()]
    .filter((s) => s.storeId === warehouseId && (!productId || s.productId === productId))
    .map((s) => {
      const stockAmount = Number(s.stockAmount);
      const allocatedAmount = allocatedAt(contract, warehouseId, s.productId);
      return { storeId: store.storeId, productId: s.productId, productCode: contract.products.get(s.productId)?.productCode ?? null, stockAmount, allocatedAmount, availableAmount: stockAmount - allocatedAmount };
    });
}

export async function orderShipmentApi(world: SmaregiWorld, contract: Contract, token: Token, request: Request, path: string): Promise<Response> {
  const url = new URL(request.url);
  const q = (name: string) => url.searchParams.get(name);
  const method = request.method;
  let m: RegExpExecArray | null;

  if (path === "/stores" && method === "GET") {
    need(token, "order-shipment.stores:read");
    return listResponse(request, [...contract.orderStores.values()], { sortable: ["storeId", "displaySequence"], defaultSort: "storeId" });
  }
  if ((m = /^\/stores\/([^/]+)$/.exec(path)) && method === "GET") {
    need(token, "order-shipment.stores:read");
    const store = contract.orderStores.get(m[1]!);
    if (!store) throw notFound();
    return json(200, store);
  }
  if (path === "/stock" && method === "GET") {
    need(token, "order-shipment.stock:read");
    const storeId = q("store_id");
    if (!storeId) throw invalid("store_id", "必須項目です");
    const store = contract.orderStores.get(storeId);
    if (!store) throw invalid("store_id", "指定された受注店舗が見つかりません");
    return listResponse(request, stockView(contract, store, q("product_id")), { sortable: ["productId"], defaultSort: "productId" });
  }
  if (path === "/orders" && method === "GET") {
    need(token, "order-shipment.orders:read");
    const ordered = rangeParam(url, "order_date_time");
    const upd = rangeParam(url, "upd_date_time");
    const within = (v: string, r?: { from: number; to: number }) => !r || (Date.parse(v) >= r.from && Date.parse(v) <= r.to);
    const rows = [...contract.orders.values()].filter(
      (o) =>
        (!q("store_id") || o.storeId === q("store_id")) &&
        (!q("order_code") || o.orderCode === q("order_code")) &&
        (!q("status") || o.status === q("status")) &&
        within(o.orderDateTime, ordered) &&
        within(o.updDateTime, upd),
    );
    return listResponse(request, rows, { sortable: ["orderHeadId", "orderDateTime", "updDateTime"], defaultSort: "orderHeadId" });
  }
  if (path === "/orders" && method === "POST") {
    need(token, "order-shipment.orders:write");
    return json(200, await createOrder(world, contract, request));
  }
  if (path === "/orders/shipped" && method === "POST") {
    need(token, "order-shipment.orders:write");
    return shipMany(world, contract, request);
  }
  if ((m = /^\/orders\/([^/]+)\/allocate$/.exec(path)) && method === "POST") {
    need(token, "order-shipment.orders:write");
    const order = orderOf(contract, m[1]!);
    if (!isOpen(order)) throw new Problem(400, "Bad Request", `${order.status} の受注は引当できません`);
    allocate(world, contract, order);
    return json(200, order);
  }
  if ((m = /^\/orders\/([^/]+)$/.exec(path))) {
    if (method === "GET") {
      need(token, "order-shipment.orders:read");
      return json(200, orderOf(contract, m[1]!));
    }
    if (method === "PATCH") {
      need(token, "order-shipment.orders:write");
      return json(200, await updateOrder(world, contract, orderOf(contract, m[1]!), request));
    }
  }
  throw notFound(`${method} /order-shipment${path} はありません`);
}
