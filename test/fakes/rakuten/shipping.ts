/**
 * 発送完了報告 (updateOrderShippingAsync): validation at the door (errors answered at once, with HTTP
 * 200 and no requestId, nothing applied), then the update applied later, per order, all or nothing.
 * The rule that matters most: a ShippingModel without `shippingDetailId` ADDS a tracking record, one
 * with it updates (or, with shippingDeleteFlag 1, deletes) that record. Every write is logged, so a
 * test can see a retried "add" that left two parcels behind.
 */
import { rmsDatetime } from "./dates";
import { DELIVERY_COMPANIES, type ShippingRecord, type StoredOrder } from "./orders";
import { shopNow, type AsyncRequest, type OrderShippingInput, type ShippingInput, type Shop } from "./shop";

const ASYNC = "ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC";
const UPDATE = "ORDER_EXT_API_UPDATE_ORDERSHIPPING";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Message = Record<string, unknown> & { messageType: "INFO" | "WARNING" | "ERROR"; messageCode: string; message: string };

const error = (messageCode: string, message: string, extra: Record<string, unknown> = {}): Message => ({ messageType: "ERROR", messageCode, message, ...extra });

/** Door checks of the whole request. Returns the error messages (empty when the request is accepted). */
export function validateShippingRequest(body: unknown): { errors: Message[]; orders: OrderShippingInput[] } {
  const list = (body as { OrderShippingModelList?: unknown } | null)?.OrderShippingModelList;
  if (!Array.isArray(list) || list.length === 0) return { errors: [error(`${ASYNC}_ERROR_009`, "OrderShippingModelListの項目を指定して下さい。")], orders: [] };
  // [assumed code] the documented limit is 100 orders; the code for breaking it was not published.
  if (list.length > 100) return { errors: [error(`${ASYNC}_ERROR_012`, "OrderShippingModelListは100件以内で指定して下さい。")], orders: [] };
  const errors: Message[] = [];
  const seen = new Set<string>();
  for (const raw of list as OrderShippingInput[]) {
    const orderNumber = raw?.orderNumber;
    if (typeof orderNumber !== "string" || !orderNumber) {
      errors.push(error(`${ASYNC}_ERROR_009`, "orderNumberの項目を指定して下さい。"));
      continue;
    }
    if (seen.has(orderNumber)) errors.push(error(`${ASYNC}_ERROR_013`, "注文番号が重複しています。", { orderNumber })); // [assumed code]
    seen.add(orderNumber);
    if (!Array.isArray(raw.BasketidModelList) || raw.BasketidModelList.length === 0) {
      errors.push(error(`${ASYNC}_ERROR_009`, "BasketidModelListの項目を指定して下さい。", { orderNumber }));
      continue;
    }
    let dataNumber = 0;
    for (const basket of raw.BasketidModelList) {
      if (!Number.isInteger(basket?.basketId)) errors.push(error(`${ASYNC}_ERROR_011`, "basketIdの書式が不正です。", { orderNumber }));
      const models = Array.isArray(basket?.ShippingModelList) ? basket.ShippingModelList : [];
      if (models.length === 0) errors.push(error(`${ASYNC}_ERROR_009`, "ShippingModelListの項目を指定して下さい。", { orderNumber }));
      if (models.length > 20) errors.push(error(`${ASYNC}_ERROR_014`, "ShippingModelListは20件以内で指定して下さい。", { orderNumber })); // [assumed code]
      for (const model of models) {
        dataNumber++;
        const at = { orderNumber, dataNumber, shippingDetailId: model.shippingDetailId ?? null };
        if (model.deliveryCompany !== undefined && !(typeof model.deliveryCompany === "string" && model.deliveryCompany in DELIVERY_COMPANIES)) {
          errors.push(error(`${ASYNC}_ERROR_011`, "deliveryCompanyの書式が不正です。", at));
        }
        if (model.shippingDate !== undefined && !(model.shippingDate === "" || (typeof model.shippingDate === "string" && DATE.test(model.shippingDate)))) {
          errors.push(error(`${ASYNC}_ERROR_011`, "shippingDateの書式が不正です。", at));
        }
        if (model.shippingNumber !== undefined && !(typeof model.shippingNumber === "string" && model.shippingNumber.length <= 120)) {
          errors.push(error(`${ASYNC}_ERROR_011`, "shippingNumberの書式が不正です。", at));
        }
        if (model.shippingDetailId !== undefined && model.shippingDetailId !== null && !Number.isInteger(model.shippingDetailId)) {
          errors.push(error(`${ASYNC}_ERROR_011`, "shippingDetailIdの書式が不正です。", at));
        }
        if (model.shippingDeleteFlag !== undefined && model.shippingDeleteFlag !== 0 && model.shippingDeleteFlag !== 1) {
          errors.push(error(`${ASYNC}_ERROR_011`, "shippingDeleteFlagの書式が不正です。", at));
        }
      }
    }
  }
  return { errors, orders: list as OrderShippingInput[] };
}

/** Applies every accepted request whose time has come, in acceptance order. Called before each read. */
export function settleShipping(shop: Shop) {
  const now = Date.now();
  for (const request of shop.asyncRequests.values()) {
    if (request.result || request.dueAt > now) continue;
    request.result = request.body.map((input) => ({ orderNumber: input.orderNumber, MessageModelList: applyOrder(shop, request, input) }));
  }
}

function applyOrder(shop: Shop, request: AsyncRequest, input: OrderShippingInput): Message[] {
  const order = shop.orders.get(input.orderNumber);
  const none = { dataNumber: null, shippingDetailId: null };
  // [assumed code] for an unknown order number.
  if (!order) return [error(`${UPDATE}_ERROR_101`, "指定された注文番号は存在しませんでした。", none)];
  const progress = order.model.orderProgress;
  if (progress === 800 || progress === 900) {
    return [error(`${UPDATE}_ERROR_102`, "指定された注文番号は既にキャンセルされているため、発送完了報告が出来る状態ではありませんでした。", none)];
  }
  // [assumed] a report needs a confirmed order (発送待ち or later); 注文確認待ち / 楽天処理中 are refused.
  if (progress < 300) return [error(`${UPDATE}_ERROR_103`, "指定された注文番号は発送完了報告が出来るステータスではありませんでした。", none)];

  // Work on a copy so the order changes all at once or not at all.
  const packages = new Map(order.model.PackageModelList.map((p) => [p.basketId, p.ShippingModelList.map((s) => ({ ...s }))]));
  const messages: Message[] = [];
  const writes: { basketId: number; action: "add" | "update" | "delete"; record: ShippingRecord }[] = [];
  let dataNumber = 0;
  let failed = false;
  for (const basket of input.BasketidModelList) {
    const records = packages.get(basket.basketId);
    for (const model of basket.ShippingModelList) {
      dataNumber++;
      const at = { dataNumber, shippingDetailId: model.shippingDetailId ?? null };
      if (!records) {
        messages.push(error(`${UPDATE}_ERROR_104`, "指定された送付先IDは存在しませんでした。", at)); // [assumed code]
        failed = true;
        continue;
      }
      const outcome = applyModel(shop, records, model);
      if ("error" in outcome) {
        messages.push({ ...outcome.error, ...at });
        failed = true;
        continue;
      }
      writes.push({ basketId: basket.basketId, action: outcome.action, record: outcome.record });
      messages.push(
        outcome.action === "add"
          ? { messageType: "INFO", messageCode: `${UPDATE}_INFO_101`, message: "発送情報の追加設定が完了しました。", dataNumber, shippingDetailId: outcome.record.shippingDetailId }
          : outcome.action === "update"
            ? { messageType: "INFO", messageCode: `${UPDATE}_INFO_102`, message: "発送情報の更新設定が完了しました。", dataNumber, shippingDetailId: outcome.record.shippingDetailId }
            : { messageType: "INFO", messageCode: `${UPDATE}_INFO_103`, message: "発送情報の削除設定が完了しました。", dataNumber, shippingDetailId: outcome.record.shippingDetailId }, // [assumed code]
      );
    }
  }
  if (failed) return messages.filter((m) => m.messageType === "ERROR");

  for (const pkg of order.model.PackageModelList) pkg.ShippingModelList = packages.get(pkg.basketId)!;
  const at = rmsDatetime(shopNow(shop));
  for (const w of writes) {
    shop.shippingLog.push({ at, requestId: request.requestId, orderNumber: input.orderNumber, basketId: w.basketId, action: w.action, ...w.record });
  }
  // [assumed] 発送待ち becomes 発送済 once every parcel destination has a record with a shipping date.
  if (order.model.orderProgress === 300 && order.model.PackageModelList.every((p) => p.ShippingModelList.some((s) => s.shippingDate))) {
    order.model.orderProgress = 500;
    order.model.shippingCmplRptDatetime = at;
  }
  return messages;
}

function applyModel(shop: Shop, records: ShippingRecord[], model: ShippingInput): { action: "add" | "update" | "delete"; record: ShippingRecord } | { error: Message } {
  // Omitted field: unchanged; empty string: cleared (RMS's documented rule).
  const value = (given: string | undefined, current: string | null) => (given === undefined ? current : given === "" ? null : given);
  if (model.shippingDetailId === undefined || model.shippingDetailId === null) {
    if (model.shippingDeleteFlag === 1) return { error: error(`${UPDATE}_ERROR_105`, "削除対象の発送明細IDを指定して下さい。") }; // [assumed code]
    if (records.length >= 20) return { error: error(`${UPDATE}_ERROR_106`, "発送情報は1送付先につき20件までです。") }; // [assumed code]
    const deliveryCompany = value(model.deliveryCompany, null);
    const record: ShippingRecord = {
      shippingDetailId: shop.nextShippingDetailId(),
      deliveryCompany,
      deliveryCompanyName: deliveryCompany ? (DELIVERY_COMPANIES[deliveryCompany] ?? null) : null,
      shippingNumber: value(model.shippingNumber, null),
      shippingDate: value(model.shippingDate, null),
    };
    records.push(record);
    return { action: "add", record };
  }
  const index = records.findIndex((r) => r.shippingDetailId === model.shippingDetailId);
  if (index < 0) return { error: error(`${UPDATE}_ERROR_107`, "指定された発送明細IDは存在しませんでした。") }; // [assumed code]
  const existing = records[index]!;
  if (model.shippingDeleteFlag === 1) {
    records.splice(index, 1);
    return { action: "delete", record: existing };
  }
  const deliveryCompany = value(model.deliveryCompany, existing.deliveryCompany);
  const record: ShippingRecord = {
    shippingDetailId: existing.shippingDetailId,
    deliveryCompany,
    deliveryCompanyName: deliveryCompany ? (DELIVERY_COMPANIES[deliveryCompany] ?? null) : null,
    shippingNumber: value(model.shippingNumber, existing.shippingNumber),
    shippingDate: value(model.shippingDate, existing.shippingDate),
  };
  records[index] = record;
  return { action: "update", record };
}

/** What tests read to catch a duplicate parcel: the records per basket, the log, and repeated tracking numbers. */
export function shippingRecords(shop: Shop, order: StoredOrder) {
  const orderNumber = order.model.orderNumber;
  const duplicates: { basketId: number; deliveryCompany: string | null; shippingNumber: string; shippingDetailIds: number[] }[] = [];
  for (const p of order.model.PackageModelList) {
    const byNumber = new Map<string, ShippingRecord[]>();
    for (const s of p.ShippingModelList) {
      if (!s.shippingNumber) continue;
      const key = `${s.deliveryCompany ?? ""}|${s.shippingNumber}`;
      byNumber.set(key, [...(byNumber.get(key) ?? []), s]);
    }
    for (const group of byNumber.values()) {
      if (group.length > 1) duplicates.push({ basketId: p.basketId, deliveryCompany: group[0]!.deliveryCompany, shippingNumber: group[0]!.shippingNumber!, shippingDetailIds: group.map((g) => g.shippingDetailId) });
    }
  }
  return {
    orderNumber,
    orderProgress: order.model.orderProgress,
    packages: order.model.PackageModelList.map((p) => ({ basketId: p.basketId, ShippingModelList: p.ShippingModelList })),
    log: shop.shippingLog.filter((l) => l.orderNumber === orderNumber),
    duplicates,
  };
}
