/**
 * The fake Smaregi's memory: apps, contracts and, per contract, the POS and order-shipment data.
 * POS records hold every number as a string (as the POS API answers); order-shipment records hold
 * money and quantities as integers (as that API does). Only stock writes change `stock`, and each
 * one leaves a stock history row and an entry in `writes`, so a test can count what was applied.
 */

export interface Product {
  productId: string;
  categoryId: string;
  productCode: string;
  productName: string;
  price: string;
  cost: string | null;
  taxDivision: "0" | "1" | "2";
  productPriceDivision: string;
  groupCode: string | null;
  size: string | null;
  color: string | null;
  stockControlDivision: "0" | "1";
  displayFlag: "0" | "1";
  insDateTime: string;
  updDateTime: string;
}

export interface Store {
  storeId: string;
  storeCode: string;
  storeName: string;
  storeAbbr: string;
  /** "0" / "1" sell, "2" is a warehouse (倉庫). */
  division: "0" | "1" | "2";
  /** "0" 内税販売, "1" 外税販売. */
  sellDivision: "0" | "1";
  sumProcDivision: string;
  sumDateChangeTime: string;
  insDateTime: string;
  updDateTime: string;
}

export interface StockRow {
  productId: string;
  storeId: string;
  stockAmount: string;
  layawayStockAmount: string;
  updDateTime: string;
}

export interface StockHistory {
  id: string;
  productId: string;
  storeId: string;
  /** The signed change this history row records. */
  amount: string;
  stockAmount: string;
  /** Why stock moved [I]: "01" API set, "02" API add, "03" sale, "04" order shipment. */
  stockDivision: string;
  memo: string | null;
  updDateTime: string;
}

export interface PaymentMethod {
  paymentMethodId: string;
  paymentMethodCode: string;
  paymentMethodName: string;
  paymentMethodGroupId: string | null;
  unitPrice: string | null;
  displayFlag: "0" | "1";
  displaySequence: string;
  changeFlag: "0" | "1";
  securitiesFlag: "0" | "1";
  insDateTime: string;
  updDateTime: string;
}

export interface TransactionDetail {
  transactionHeadId: string;
  transactionDetailId: string;
  transactionDetailDivision: "1" | "2" | "3";
  productId: string;
  productCode: string;
  productName: string;
  taxDivision: string;
  price: string;
  salesPrice: string;
  unitDiscountPrice: string;
  quantity: string;
  categoryId: string;
  salesDivision: "0" | "1";
  taxRate: string;
}

export interface DepositOther {
  transactionHeadId: string;
  no: string;
  paymentMethodId: string;
  paymentMethodName: string;
  depositOthers: string;
}

export interface Transaction {
  transactionHeadId: string;
  transactionDateTime: string;
  transactionHeadDivision: string;
  cancelDivision: "0" | "1";
  subtotal: string;
  subtotalDiscountPrice: string;
  pointDiscount: string;
  total: string;
  taxInclude: string;
  taxExclude: string;
  cashTotal: string;
  creditTotal: string;
  deposit: string;
  change: string;
  amount: string;
  storeId: string;
  terminalId: string;
  terminalTranId: string;
  terminalTranDateTime: string;
  sumDate: string;
  sellDivision: "0" | "1";
  updDateTime: string;
  details: TransactionDetail[];
  depositOthers: DepositOther[];
}

/** 受注店舗 (order-shipment store). Fields beyond the documented GET are marked [I] in README.md. */
export interface OrderStore {
  storeId: string;
  storeCode: string;
  storeName: string;
  storeAbbr: string;
  sellDivision: "included" | "excluded";
  sumDateChangeTime: string;
  displaySequence: number;
  pauseFlag: number;
  pointPaymentMethodId: string | null;
  /** [I] the POS warehouse (division 2) linked on the store's 在庫同期 tab, or null. */
  warehouseStoreId: string | null;
  /** [I] 自動処理 › 引当: 1 allocates on registration, 0 waits for an allocation request. */
  autoAllocationFlag: number;
  insDateTime: string;
  updDateTime: string;
}

export type OrderStatus = "accepted" | "allocated" | "shipped" | "canceled";

export interface OrderDetail {
  orderDetailId: string;
  productId: string;
  productCode: string;
  productName: string;
  salesPrice: number;
  quantity: number;
  allocatedQuantity: number;
}

export interface Order {
  orderHeadId: string;
  storeId: string;
  orderCode: string;
  orderDateTime: string;
  status: OrderStatus;
  subtotal: number;
  carriage: number;
  commission: number;
  giftWrapPrice: number;
  totalPointDiscount: number;
  totalCouponDiscount: number;
  subtotalCouponDiscount: number;
  totalPromotionDiscount: number;
  taxExclude: number;
  total: number;
  deliveryDesiredDate: string | null;
  shippingScheduledDate: string;
  shippedDateTime: string | null;
  memo: string | null;
  /** [I] the スマレジ支払方法 the order was paid with (not in the documented head; see README). */
  paymentMethodId: string | null;
  details: OrderDetail[];
  insDateTime: string;
  updDateTime: string;
}

export interface WebhookTarget {
  url: string;
  secret: string;
  /** The request header that carries the per-link secret [I]. */
  secretHeader: string;
}

export interface Contract {
  id: string;
  /** Client IDs of the apps this contract has installed and authorized. */
  apps: Set<string>;
  products: Map<string, Product>;
  stores: Map<string, Store>;
  stock: Map<string, StockRow>;
  histories: StockHistory[];
  paymentMethods: Map<string, PaymentMethod>;
  transactions: Map<string, Transaction>;
  orderStores: Map<string, OrderStore>;
  orders: Map<string, Order>;
  webhook: WebhookTarget | null;
  seq: { product: number; history: number; transaction: number; order: number; orderDetail: number; bulk: number };
}

export interface App {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** Registered redirect URIs; empty = any http(s) URI (a sandbox convenience [I]). */
  redirectUris: string[];
}

export const ALL_SCOPES = [
  "pos.products:read",
  "pos.products:write",
  "pos.stock:read",
  "pos.stock:write",
  "pos.stock-changes:read",
  "pos.stores:read",
  "pos.stores:write",
  "pos.transactions:read",
  "pos.transactions:write",
  "order-shipment.orders:read",
  "order-shipment.orders:write",
  "order-shipment.stores:read",
  "order-shipment.stores:write",
  "order-shipment.stock:read",
];
/** OpenID scopes for the user authorization flow. */
export const USER_SCOPES = ["openid", "email", "profile", "offline_access"];

export function newContract(id: string): Contract {
  return {
    id,
    apps: new Set(),
    products: new Map(),
    stores: new Map(),
    stock: new Map(),
    histories: [],
    paymentMethods: new Map(),
    transactions: new Map(),
    orderStores: new Map(),
    orders: new Map(),
    webhook: null,
    seq: { product: 0, history: 0, transaction: 0, order: 0, orderDetail: 0, bulk: 0 },
  };
}

export const stockKey = (productId: string, storeId: string) => `${productId}\u0000${storeId}`;
