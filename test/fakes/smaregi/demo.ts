/**
 * Loading data into the fake without its contract: `seed` takes partial records (defaults fill the
 * rest, sequences move past the seeded IDs), `demo` seeds the sandbox `npm start` shows — contract
 * "sandbox", two stores and one warehouse, three payment methods, Renkei's demo SKUs plus two
 * Smaregi-only products, stock, a few sales and 受注 orders.
 */
import { jst, jstDate } from "./http";
import { ALL_SCOPES, USER_SCOPES, stockKey, type Contract, type Order, type OrderStore, type PaymentMethod, type Product, type Store, type Transaction } from "./state";
import { recordSale } from "./pos";
import type { SmaregiWorld } from "./world";

export interface SeedInput {
  contractId?: string;
  app?: { clientId: string; clientSecret: string; scopes?: string[]; redirectUris?: string[] };
  /** Install the app on the contract (as if already authorized); default true. */
  installed?: boolean;
  stores?: (Partial<Store> & { storeId: string; storeName: string })[];
  products?: (Partial<Product> & { productCode: string; productName: string })[];
  stock?: { productId: string; storeId: string; stockAmount: string | number; layawayStockAmount?: string | number }[];
  paymentMethods?: (Partial<PaymentMethod> & { paymentMethodId: string; paymentMethodName: string })[];
  orderStores?: (Partial<OrderStore> & { storeId: string; storeName: string })[];
  orders?: (Partial<Omit<Order, "details">> & { storeId: string; orderCode: string; details: { productCode: string; salesPrice: number; quantity: number; allocatedQuantity?: number }[] })[];
  transactions?: (Partial<Transaction> & { transactionHeadId: string })[];
  webhook?: { url: string; secret: string; secretHeader?: string };
}

export const DEMO = {
  contractId: "sandbox",
  clientId: "renkei-sandbox-client",
  clientSecret: "renkei-sandbox-secret",
} as const;

const bump = (current: number, id: string) => Math.max(current, /^\d+$/.test(id) ? Number(id) : 0);

export function seed(world: SmaregiWorld, input: SeedInput): Contract {
  const contract = world.contract(input.contractId ?? DEMO.contractId);
  const at = world.stamp();
  if (input.app) {
    world.apps.set(input.app.clientId, {
      clientId: input.app.clientId,
      clientSecret: input.app.clientSecret,
      scopes: input.app.scopes ?? [...ALL_SCOPES, ...USER_SCOPES],
      redirectUris: input.app.redirectUris ?? [],
    });
    if (input.installed !== false) contract.apps.add(input.app.clientId);
  }
  for (const s of input.stores ?? []) {
    contract.stores.set(s.storeId, {
      storeCode: s.storeId,
      storeAbbr: s.storeName.slice(0, 10),
      division: "1",
      sellDivision: "0",
      sumProcDivision: "0",
      sumDateChangeTime: "00:00",
      insDateTime: at,
      updDateTime: at,
      ...s,
    });
  }
  for (const p of input.products ?? []) {
    const productId = p.productId ?? String(contract.seq.product + 1);
    contract.seq.product = bump(contract.seq.product, productId);
    contract.products.set(productId, {
      categoryId: "1",
      price: "0",
      cost: null,
      taxDivision: "0",
      productPriceDivision: "1",
      groupCode: null,
      size: null,
      color: null,
      stockControlDivision: "0",
      displayFlag: "1",
      insDateTime: at,
      updDateTime: at,
      ...p,
      productId,
    });
  }
  for (const s of input.stock ?? []) {
    contract.stock.set(stockKey(s.productId, s.storeId), {
      productId: s.productId,
      storeId: s.storeId,
      stockAmount: String(s.stockAmount),
      layawayStockAmount: String(s.layawayStockAmount ?? 0),
      updDateTime: at,
    });
  }
  for (const p of input.paymentMethods ?? []) {
    contract.paymentMethods.set(p.paymentMethodId, {
      paymentMethodCode: p.paymentMethodId,
      paymentMethodGroupId: null,
      unitPrice: null,
      displayFlag: "1",
      displaySequence: p.paymentMethodId,
      changeFlag: "0",
      securitiesFlag: "0",
      insDateTime: at,
      updDateTime: at,
      ...p,
    });
  }
  for (const s of input.orderStores ?? []) {
    contract.orderStores.set(s.storeId, {
      storeCode: s.storeId,
      storeAbbr: s.storeName.slice(0, 10),
      sellDivision: "included",
      sumDateChangeTime: "23:59",
      displaySequence: Number(s.storeId),
      pauseFlag: 0,
      pointPaymentMethodId: null,
      warehouseStoreId: null,
      autoAllocationFlag: 1,
      insDateTime: at,
      updDateTime: at,
      ...s,
    });
  }
  for (const t of input.transactions ?? []) {
    contract.seq.transaction = bump(contract.seq.transaction, t.transactionHeadId);
    contract.transactions.set(t.transactionHeadId, t as Transaction);
  }
  for (const o of input.orders ?? []) {
    const orderHeadId = o.orderHeadId ?? String(contract.seq.order + 1);
    contract.seq.order = bump(contract.seq.order, orderHeadId);
    const details = o.details.map((d) => {
      const product = [...contract.products.values()].find((p) => world.sameCode(p.productCode, d.productCode));
      if (!product) throw new Error(`seed order ${o.orderCode}: no product ${d.productCode}`);
      return { orderDetailId: String(++contract.seq.orderDetail), productId: product.productId, productCode: product.productCode, productName: product.productName, salesPrice: d.salesPrice, quantity: d.quantity, allocatedQuantity: d.allocatedQuantity ?? 0 };
    });
    const subtotal = details.reduce((sum, d) => sum + d.salesPrice * d.quantity, 0);
    contract.orders.set(orderHeadId, {
      orderDateTime: at,
      status: details.every((d) => d.allocatedQuantity === d.quantity) ? "allocated" : "accepted",
      carriage: 0,
      commission: 0,
      giftWrapPrice: 0,
      totalPointDiscount: 0,
      totalCouponDiscount: 0,
      subtotalCouponDiscount: 0,
      totalPromotionDiscount: 0,
      taxExclude: 0,
      total: subtotal,
      deliveryDesiredDate: null,
      shippingScheduledDate: jstDate(world.now()),
      shippedDateTime: null,
      memo: null,
      insDateTime: at,
      updDateTime: at,
      ...o,
      paymentMethodId: o.paymentMethodId ?? null,
      orderHeadId,
      subtotal,
      details,
    });
  }
  if (input.webhook) contract.webhook = { url: input.webhook.url, secret: input.webhook.secret, secretHeader: (input.webhook.secretHeader ?? "x-renkei-webhook-secret").toLowerCase() };
  return contract;
}

/** The sandbox Smaregi of `npm start`. Product IDs 1–6 carry Renkei's demo SKUs. */
export function loadDemo(world: SmaregiWorld, ids: { contractId: string; clientId: string; clientSecret: string } = DEMO): Contract {
  const contract = seed(world, {
    contractId: ids.contractId,
    app: { clientId: ids.clientId, clientSecret: ids.clientSecret },
    stores: [
      { storeId: "1", storeCode: "S001", storeName: "渋谷店", division: "1", sellDivision: "0" },
      { storeId: "2", storeCode: "S002", storeName: "新宿店", division: "1", sellDivision: "0" },
      { storeId: "3", storeCode: "W001", storeName: "東京倉庫", division: "2", sellDivision: "0" },
    ],
    paymentMethods: [
      { paymentMethodId: "1", paymentMethodCode: "cash", paymentMethodName: "現金", changeFlag: "1" },
      { paymentMethodId: "2", paymentMethodCode: "credit", paymentMethodName: "クレジット" },
      { paymentMethodId: "3", paymentMethodCode: "qr", paymentMethodName: "QR" },
    ],
    products: [
      { productId: "1", categoryId: "1", productCode: "RB-001-RED", productName: "リュックサック レッド", price: "8800", groupCode: "RB-001", color: "レッド" },
      { productId: "2", categoryId: "1", productCode: "RB-001-BLU", productName: "リュックサック ブルー", price: "8800", groupCode: "RB-001", color: "ブルー" },
      { productId: "3", categoryId: "2", productCode: "TS-100-S", productName: "ロゴTシャツ S", price: "2980", groupCode: "TS-100", size: "S" },
      { productId: "4", categoryId: "2", productCode: "TS-100-M", productName: "ロゴTシャツ M", price: "2980", groupCode: "TS-100", size: "M" },
      { productId: "5", categoryId: "2", productCode: "TS-100-L", productName: "ロゴTシャツ L", price: "2980", groupCode: "TS-100", size: "L" },
      { productId: "6", categoryId: "3", productCode: "CF-200", productName: "ブレンドコーヒー豆 200g", price: "1620" },
      { productId: "7", categoryId: "9", productCode: "SM-GIFT-01", productName: "ギフトラッピング", price: "330", stockControlDivision: "1" },
      { productId: "8", categoryId: "9", productCode: "SM-BAG-01", productName: "オリジナルショッパー", price: "55" },
    ],
    stock: [
      ...["1", "2", "3", "4", "5", "6"].flatMap((productId, i) => [
        { productId, storeId: "1", stockAmount: 5 + i },
        { productId, storeId: "2", stockAmount: 3 + i },
        { productId, storeId: "3", stockAmount: 40 + 10 * i },
      ]),
      { productId: "8", storeId: "1", stockAmount: 200 },
    ],
    orderStores: [
      { storeId: "1", storeCode: "R001", storeName: "楽天市場店", sellDivision: "included", warehouseStoreId: "3", autoAllocationFlag: 1, pointPaymentMethodId: "1" },
      { storeId: "2", storeCode: "E001", storeName: "自社ECサイト", sellDivision: "excluded", warehouseStoreId: null, autoAllocationFlag: 0 },
    ],
  });
  // A few past sales, made the way a terminal makes them (stock follows), then dated back.
  const day = 86400_000;
  const sales = [
    { storeId: "1", lines: [{ productId: "1", quantity: 1 }, { productId: "8", quantity: 1 }], paymentMethodId: "1", at: world.now() - 3 * day },
    { storeId: "1", lines: [{ productId: "3", quantity: 2 }], paymentMethodId: "2", at: world.now() - 2 * day },
    { storeId: "2", lines: [{ productId: "6", quantity: 1 }], paymentMethodId: "3", at: world.now() - day },
  ];
  const webhook = contract.webhook;
  contract.webhook = null; // the demo's own history is not news to anyone
  for (const sale of sales) {
    const t = recordSale(world, contract, sale);
    t.transactionDateTime = t.terminalTranDateTime = t.updDateTime = jst(sale.at);
    t.sumDate = jstDate(sale.at);
  }
  contract.webhook = webhook;
  // Forget the demo's own stock writes (only this contract's: others may be mid-test).
  const mine = world.writes.filter((w) => w.contractId !== contract.id);
  world.writes.length = 0;
  world.writes.push(...mine);
  seed(world, {
    contractId: contract.id,
    orders: [
      { orderHeadId: "1", storeId: "1", orderCode: "R-20260401-0001", details: [{ productCode: "RB-001-RED", salesPrice: 8800, quantity: 1, allocatedQuantity: 1 }], carriage: 500, total: 9300 },
      { orderHeadId: "2", storeId: "1", orderCode: "R-20260401-0002", details: [{ productCode: "TS-100-M", salesPrice: 2980, quantity: 2, allocatedQuantity: 2 }, { productCode: "CF-200", salesPrice: 1620, quantity: 1, allocatedQuantity: 1 }] },
      { orderHeadId: "3", storeId: "2", orderCode: "EC-1001", details: [{ productCode: "TS-100-L", salesPrice: 2709, quantity: 1 }], taxExclude: 270, total: 2979 },
    ],
  });
  return contract;
}
