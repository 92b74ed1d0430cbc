/**
 * The fake POS API (`/{contract_id}/pos`): products, stock (absolute, relative, bulk async with
 * callback), stock history, stores (division 2 = warehouse), payment methods and transactions.
 * Numbers travel as strings both ways; lists are bare arrays paged by `Link`; ranges ≤ 31 days.
 */
import { Problem, intField, invalid, json, listResponse, notFound, rangeParam, readJson, stringField } from "./http";
import type { Contract, Product, Transaction } from "./state";
import { STOCK_LIMIT, type SmaregiWorld, type Token } from "./world";

export const BULK_MAX = 100;
const CODE = /^[ -~]+$/;
const ID = /^\d{1,15}$/;

export function need(token: Token, scope: string) {
  if (!token.scopes.includes(scope)) throw new Problem(403, "Forbidden", `スコープ ${scope} が必要です`);
}

const inRange = (value: string, range: { from: number; to: number } | undefined) => !range || (Date.parse(value) >= range.from && Date.parse(value) <= range.to);

// ---- products ----------------------------------------------------------------------------

/** Validates a product body (create when `current` is absent) and answers the product it makes. */
function productFrom(world: SmaregiWorld, contract: Contract, body: Record<string, unknown>, current?: Product, prefix = ""): Product {
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof Problem && prefix) throw new Problem(400, "Bad Request", `${prefix}${error.detail}`);
      throw error;
    }
  };
  return wrap(() => {
    const create = !current;
    const categoryId = stringField(body, "categoryId", { required: create, pattern: ID }) ?? current!.categoryId;
    const productCode = stringField(body, "productCode", { required: create, max: 20, pattern: CODE }) ?? current!.productCode;
    const productName = stringField(body, "productName", { required: create, max: 85 }) ?? current!.productName;
    const price = intField(body, "price", { required: create, min: -999999999, max: 999999999 });
    const cost = intField(body, "cost", { min: 0, max: 999999999 });
    const taxDivision = stringField(body, "taxDivision", { pattern: /^[012]$/ }) ?? current?.taxDivision ?? "1";
    const stockControlDivision = stringField(body, "stockControlDivision", { pattern: /^[01]$/ }) ?? current?.stockControlDivision ?? "0";
    const clash = [...contract.products.values()].find((p) => p.productId !== current?.productId && world.sameCode(p.productCode, productCode));
    if (clash) throw invalid("productCode", `商品コード ${productCode} は既に使われています`);
    const at = world.stamp();
    return {
      productId: current?.productId ?? String(++contract.seq.product),
      categoryId,
      productCode,
      productName,
      price: price === undefined ? current!.price : String(price),
      cost: cost === undefined ? (current?.cost ?? null) : String(cost),
      taxDivision: taxDivision as Product["taxDivision"],
      productPriceDivision: stringField(body, "productPriceDivision") ?? current?.productPriceDivision ?? "1",
      groupCode: stringField(body, "groupCode", { max: 85 }) ?? current?.groupCode ?? null,
      size: stringField(body, "size", { max: 85 }) ?? current?.size ?? null,
      color: stringField(body, "color", { max: 85 }) ?? current?.color ?? null,
      stockControlDivision: stockControlDivision as Product["stockControlDivision"],
      displayFlag: (stringField(body, "displayFlag", { pattern: /^[01]$/ }) ?? current?.displayFlag ?? "1") as Product["displayFlag"],
      insDateTime: current?.insDateTime ?? at,
      updDateTime: at,
    };
  });
}

function callbackUrlOf(body: Record<string, unknown>): string {
  return stringField(body, "callbackUrl", { required: true, max: 511, pattern: /^https?:\/\/\S+$/ })!;
}

function rowsOf(body: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const rows = body[field];
  if (!Array.isArray(rows) || rows.length === 0) throw invalid(field, "1件以上を指定してください");
  if (rows.length > BULK_MAX) throw invalid(field, `${BULK_MAX}件以内で指定してください`);
  rows.forEach((row, i) => {
    if (!row || typeof row !== "object" || Array.isArray(row)) throw invalid(`${field}[${i}]`, "オブジェクトを指定してください");
  });
  return rows as Record<string, unknown>[];
}

async function productsBulk(world: SmaregiWorld, contract: Contract, request: Request, mode: "create" | "update"): Promise<Response> {
  const body = await readJson(request);
  const rows = rowsOf(body, "products");
  const callbackUrl = callbackUrlOf(body);
  if (mode === "update") {
    rows.forEach((row, i) => {
      if (!stringField(row, "productId", { pattern: ID })) throw invalid(`products[${i}].productId`, "必須項目です");
    });
  }
  const requestId = String(++contract.seq.bulk);
  const results = rows.map((row) => {
    try {
      const current = mode === "update" ? contract.products.get(String(row.productId)) : undefined;
      if (mode === "update" && !current) throw notFound("指定された商品IDのリソースが見つかりません");
      const product = productFrom(world, contract, row, current);
      contract.products.set(product.productId, product);
      return { requestId, productId: product.productId, productCode: product.productCode, result: "success" };
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      return { requestId, productId: row.productId === undefined ? null : String(row.productId), productCode: row.productCode ?? null, result: "failure", detail: error.detail };
    }
  });
  const ids = results.filter((r) => r.result === "success").map((r) => r.productId!);
  if (ids.length) world.emit(contract, "pos:products", "bulk-update", { productIds: ids });
  world.scheduleCallback(callbackUrl, results);
  return json(202, { requestId, callbackUrl });
}

// ---- stock -------------------------------------------------------------------------------

function memoOf(body: Record<string, unknown>, field = "stockHistory"): string | null {
  const history = body[field];
  if (history === undefined || history === null) return null;
  if (typeof history !== "object" || Array.isArray(history)) throw invalid(field, "オブジェクトを指定してください");
  return stringField(history as Record<string, unknown>, "memo", { max: 100 }) ?? null;
}

async function stockOne(world: SmaregiWorld, contract: Contract, request: Request, productId: string, mode: "set" | "add"): Promise<Response> {
  const body = await readJson(request);
  const storeId = stringField(body, "storeId", { required: true, pattern: ID })!;
  const bound = mode === "set" ? STOCK_LIMIT : 2 * STOCK_LIMIT;
  const amount = intField(body, "stockAmount", { required: true, min: -bound, max: bound })!;
  const memo = memoOf(body);
  const { row, history } = world.writeStock(contract, { productId, storeId, mode, amount, memo, kind: mode });
  world.emit(contract, "pos:stock", "edited", { ids: [{ id: history.id, productId, storeId }] });
  return json(200, { productId, storeId, stockAmount: row.stockAmount, updDateTime: row.updDateTime, stockHistory: { id: history.id, memo: history.memo } });
}

async function stockBulk(world: SmaregiWorld, contract: Contract, request: Request, mode: "set" | "add"): Promise<Response> {
  const body = await readJson(request);
  const rows = rowsOf(body, "stock");
  const callbackUrl = callbackUrlOf(body);
  // Shape errors refuse the whole request; existence and bounds are per row, in the callback.
  const parsed = rows.map((row, i) => {
    const at = (f: string) => `stock[${i}].${f}`;
    const productId = stringField(row, "productId", { pattern: ID });
    if (!productId) throw invalid(at("productId"), "必須項目です");
    const storeId = stringField(row, "storeId", { pattern: ID });
    if (!storeId) throw invalid(at("storeId"), "必須項目です");
    let amount: number;
    try {
      amount = intField(row, "stockAmount", { required: true, min: mode === "set" ? -STOCK_LIMIT : -2 * STOCK_LIMIT, max: mode === "set" ? STOCK_LIMIT : 2 * STOCK_LIMIT })!;
    } catch (error) {
      throw error instanceof Problem ? invalid(at("stockAmount"), error.detail!.replace(/^stockAmount: /, "")) : error;
    }
    if (mode === "add" && amount === 0) throw invalid(at("stockAmount"), "0は指定できません");
    return { productId, storeId, amount, memo: memoOf(row) };
  });
  const requestId = String(++contract.seq.bulk);
  const ids: { id: string; productId: string; storeId: string }[] = [];
  const results = parsed.map((row) => {
    try {
      const { history } = world.writeStock(contract, { ...row, mode, kind: mode === "set" ? "bulk-set" : "bulk-add", requestId });
      ids.push({ id: history.id, productId: row.productId, storeId: row.storeId });
      return { requestId, productId: row.productId, storeId: row.storeId, result: "success", stockHistoryId: history.id };
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      return { requestId, productId: row.productId, storeId: row.storeId, result: "failure", detail: error.detail };
    }
  });
  if (ids.length) world.emit(contract, "pos:stock", "bulk-update", { ids });
  world.scheduleCallback(callbackUrl, results);
  return json(202, { requestId, callbackUrl });
}

// ---- transactions --------------------------------------------------------------------------

function transactionView(t: Transaction, withDetails: string) {
  const { details, depositOthers, ...head } = t;
  if (withDetails === "all") return { ...head, depositOthers, details };
  if (withDetails === "summary") return { ...head, depositOthers };
  return head;
}

function withDetailsOf(url: URL): string {
  const value = url.searchParams.get("with_details") ?? "none";
  if (!["none", "summary", "all"].includes(value)) throw invalid("with_details", "none / summary / all を指定してください");
  return value;
}

function listTransactions(contract: Contract, request: Request): Response {
  const url = new URL(request.url);
  const ranges = {
    transactionDateTime: rangeParam(url, "transaction_date_time"),
    terminalTranDateTime: rangeParam(url, "terminal_tran_date_time"),
    sumDate: rangeParam(url, "sum_date", "date"),
    updDateTime: rangeParam(url, "upd_date_time"),
  };
  if (!Object.values(ranges).some(Boolean)) throw new Problem(400, "Bad Request", "transaction_date_time / terminal_tran_date_time / sum_date / upd_date_time のいずれかの範囲を指定してください");
  const withDetails = withDetailsOf(url);
  const storeId = url.searchParams.get("store_id");
  const division = url.searchParams.get("transaction_head_division");
  const rows = [...contract.transactions.values()].filter(
    (t) =>
      inRange(t.transactionDateTime, ranges.transactionDateTime) &&
      inRange(t.terminalTranDateTime, ranges.terminalTranDateTime) &&
      inRange(`${t.sumDate}T12:00:00+09:00`, ranges.sumDate) &&
      inRange(t.updDateTime, ranges.updDateTime) &&
      (!storeId || t.storeId === storeId) &&
      (!division || t.transactionHeadDivision === division),
  );
  return listResponse(request, rows.map((t) => transactionView(t, withDetails)), {
    sortable: ["transactionHeadId", "transactionDateTime", "updDateTime"],
    defaultSort: "transactionHeadId",
    maxLimit: withDetails === "none" ? 1000 : 100,
  });
}

/**
 * A sale rung up on a Smaregi terminal (control `sale`): a transaction, its stock decrements, and
 * the pos:transactions + pos:stock webhooks the real service would send.
 */
export function recordSale(world: SmaregiWorld, contract: Contract, input: { storeId: string; lines: { productId: string; quantity: number; price?: number }[]; paymentMethodId?: string; at?: number }): Transaction {
  if (!contract.stores.has(input.storeId)) throw new Problem(400, "Bad Request", "指定された店舗IDのリソースが見つかりません");
  const id = String(++contract.seq.transaction);
  const at = world.stamp();
  const when = input.at === undefined ? at : new Date(input.at).toISOString();
  const details = input.lines.map((line, i) => {
    const product = contract.products.get(line.productId);
    if (!product) throw notFound("指定された商品IDのリソースが見つかりません");
    const price = line.price ?? Number(product.price);
    return {
      transactionHeadId: id,
      transactionDetailId: String(i + 1),
      transactionDetailDivision: "1" as const,
      productId: product.productId,
      productCode: product.productCode,
      productName: product.productName,
      taxDivision: product.taxDivision,
      price: String(price),
      salesPrice: String(price),
      unitDiscountPrice: "0",
      quantity: String(line.quantity),
      categoryId: product.categoryId,
      salesDivision: "0" as const,
      taxRate: "10",
    };
  });
  const total = details.reduce((sum, d) => sum + Number(d.salesPrice) * Number(d.quantity), 0);
  const method = input.paymentMethodId ? contract.paymentMethods.get(input.paymentMethodId) : undefined;
  const cash = !method || method.paymentMethodCode === "cash";
  const transaction: Transaction = {
    transactionHeadId: id,
    transactionDateTime: when,
    transactionHeadDivision: "1",
    cancelDivision: "0",
    subtotal: String(total),
    subtotalDiscountPrice: "0",
    pointDiscount: "0",
    total: String(total),
    taxInclude: String(Math.floor((total * 10) / 110)),
    taxExclude: "0",
    cashTotal: cash ? String(total) : "0",
    creditTotal: cash ? "0" : String(total),
    deposit: String(total),
    change: "0",
    amount: String(details.reduce((sum, d) => sum + Number(d.quantity), 0)),
    storeId: input.storeId,
    terminalId: "1",
    terminalTranId: id,
    terminalTranDateTime: when,
    sumDate: when.slice(0, 10),
    sellDivision: contract.stores.get(input.storeId)!.sellDivision,
    updDateTime: at,
    details,
    depositOthers: cash ? [] : [{ transactionHeadId: id, no: "1", paymentMethodId: method!.paymentMethodId, paymentMethodName: method!.paymentMethodName, depositOthers: String(total) }],
  };
  const ids = input.lines.map((line) => {
    const { history } = world.writeStock(contract, { productId: line.productId, storeId: input.storeId, mode: "add", amount: -line.quantity, memo: `取引 ${id}`, kind: "sale" });
    return { id: history.id, productId: line.productId, storeId: input.storeId };
  });
  contract.transactions.set(id, transaction);
  world.emit(contract, "pos:transactions", "created", { transactionHeadIds: [id] });
  world.emit(contract, "pos:stock", "edited", { ids });
  return transaction;
}

// ---- routing ------------------------------------------------------------------------------

export async function posApi(world: SmaregiWorld, contract: Contract, token: Token, request: Request, path: string): Promise<Response> {
  const url = new URL(request.url);
  const q = (name: string) => url.searchParams.get(name);
  const method = request.method;
  let m: RegExpExecArray | null;

  if (path === "/products" && method === "GET") {
    need(token, "pos.products:read");
    const upd = rangeParam(url, "upd_date_time");
    const rows = [...contract.products.values()].filter(
      (p) =>
        (!q("product_code") || world.sameCode(p.productCode, q("product_code")!)) &&
        (!q("product_id") || p.productId === q("product_id")) &&
        (!q("group_code") || p.groupCode === q("group_code")) &&
        (!q("category_id") || p.categoryId === q("category_id")) &&
        inRange(p.updDateTime, upd),
    );
    return listResponse(request, rows, { sortable: ["productId", "productCode", "categoryId", "updDateTime"], defaultSort: "productId" });
  }
  if (path === "/products" && method === "POST") {
    need(token, "pos.products:write");
    const product = productFrom(world, contract, await readJson(request));
    contract.products.set(product.productId, product);
    world.emit(contract, "pos:products", "created", { productIds: [product.productId] });
    return json(200, product);
  }
  if (path === "/products/bulk" && (method === "POST" || method === "PATCH")) {
    need(token, "pos.products:write");
    return productsBulk(world, contract, request, method === "POST" ? "create" : "update");
  }
  if ((m = /^\/products\/([^/]+)$/.exec(path))) {
    const product = contract.products.get(m[1]!);
    if (method === "GET") {
      need(token, "pos.products:read");
      if (!product) throw notFound();
      return json(200, product);
    }
    if (method === "DELETE") {
      // 商品削除 [I: answer 204 and a pos:products "deleted" webhook are assumed]: the product and its stock rows go.
      need(token, "pos.products:write");
      if (!product) throw notFound();
      contract.products.delete(product.productId);
      for (const [key, row] of contract.stock) if (row.productId === product.productId) contract.stock.delete(key);
      world.emit(contract, "pos:products", "deleted", { productIds: [product.productId] });
      return new Response(null, { status: 204 });
    }
    if (method === "PATCH") {
      need(token, "pos.products:write");
      if (!product) throw notFound();
      const updated = productFrom(world, contract, await readJson(request), product);
      contract.products.set(updated.productId, updated);
      world.emit(contract, "pos:products", "edited", { productIds: [updated.productId] });
      return json(200, updated);
    }
  }

  if (path === "/stock" && method === "GET") {
    need(token, "pos.stock:read");
    const upd = rangeParam(url, "upd_date_time");
    const rows = [...contract.stock.values()].filter(
      (s) => (!q("store_id") || s.storeId === q("store_id")) && (!q("product_id") || s.productId === q("product_id")) && inRange(s.updDateTime, upd),
    );
    return listResponse(request, rows, { sortable: ["productId", "storeId"], defaultSort: "productId,storeId" });
  }
  if (path === "/stock/bulk" && method === "PATCH") {
    need(token, "pos.stock:write");
    return stockBulk(world, contract, request, "set");
  }
  if (path === "/stock/add/bulk" && method === "POST") {
    need(token, "pos.stock:write");
    return stockBulk(world, contract, request, "add");
  }
  if ((m = /^\/stock\/([^/]+)$/.exec(path)) && method === "PATCH") {
    need(token, "pos.stock:write");
    return stockOne(world, contract, request, m[1]!, "set");
  }
  if ((m = /^\/stock\/([^/]+)\/add$/.exec(path)) && method === "POST") {
    need(token, "pos.stock:write");
    return stockOne(world, contract, request, m[1]!, "add");
  }
  if (path === "/stock_changes" && method === "GET") {
    need(token, "pos.stock-changes:read");
    const upd = rangeParam(url, "upd_date_time");
    const rows = contract.histories.filter(
      (h) => (!q("id") || h.id === q("id")) && (!q("store_id") || h.storeId === q("store_id")) && (!q("product_id") || h.productId === q("product_id")) && inRange(h.updDateTime, upd),
    );
    return listResponse(request, rows, { sortable: ["id", "updDateTime"], defaultSort: "id" });
  }

  if (path === "/stores" && method === "GET") {
    need(token, "pos.stores:read");
    const rows = [...contract.stores.values()].filter((s) => (!q("division") || s.division === q("division")) && (!q("store_code") || s.storeCode === q("store_code")));
    return listResponse(request, rows, { sortable: ["storeId", "storeCode"], defaultSort: "storeId" });
  }
  if ((m = /^\/stores\/([^/]+)$/.exec(path)) && method === "GET") {
    need(token, "pos.stores:read");
    const store = contract.stores.get(m[1]!);
    if (!store) throw notFound();
    return json(200, store);
  }

  if (path === "/payment_methods" && method === "GET") {
    need(token, "pos.stores:read");
    const rows = [...contract.paymentMethods.values()].filter(
      (p) => (!q("payment_method_code") || p.paymentMethodCode === q("payment_method_code")) && (!q("display_flag") || p.displayFlag === q("display_flag")),
    );
    return listResponse(request, rows, { sortable: ["paymentMethodId", "paymentMethodCode", "displaySequence"], defaultSort: "paymentMethodId" });
  }

  if (path === "/transactions" && method === "GET") {
    need(token, "pos.transactions:read");
    return listTransactions(contract, request);
  }
  if ((m = /^\/transactions\/([^/]+)$/.exec(path)) && method === "GET") {
    need(token, "pos.transactions:read");
    const transaction = contract.transactions.get(m[1]!);
    if (!transaction) throw notFound();
    return json(200, transactionView(transaction, withDetailsOf(url)));
  }
  throw notFound(`${method} /pos${path} はありません`);
}
