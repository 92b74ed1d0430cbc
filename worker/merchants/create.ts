/**
 * Creating a merchant with its owner, a first store and warehouse, a manual-order channel, the
 * usual payment methods and its housekeeping schedule. Used by onboarding, the demo seed and tests.
 */
import { hashSecret } from "../auth/passwords";
import { serviceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { STATUS_ACTION_SWEEP_JOB } from "../orders/status-action-sweep";
import { RETENTION_JOB } from "../sync/retention";
import { createSchedule } from "../sync/schedules";

export interface NewMerchant {
  name: string;
  currency: "JPY" | "CNY";
  timeZone: string;
  unitRounding?: "ceil" | "floor" | "round";
  owner: { email: string; name: string; password: string };
}

export async function createMerchant(env: Env, input: NewMerchant) {
  const merchantId = newId("mer");
  const ownerId = newId("usr");
  const storeId = newId("loc");
  const warehouseId = newId("loc");
  const channelId = newId("chn");
  const at = nowIso();
  const db = env.DB;
  await db.batch([
    db
      .prepare("INSERT INTO merchants (id, name, currency, time_zone, unit_rounding, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(merchantId, input.name, input.currency, input.timeZone, input.unitRounding ?? "ceil", at),
    db
      .prepare("INSERT INTO users (id, merchant_id, email, name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, 'owner', ?5, ?6)")
      .bind(ownerId, merchantId, input.owner.email, input.owner.name, await hashSecret(input.owner.password), at),
    db
      .prepare("INSERT INTO locations (id, merchant_id, code, name, kind, created_at) VALUES (?1, ?2, 'S001', ?3, 'store', ?4)")
      .bind(storeId, merchantId, input.currency === "CNY" ? "门店1" : "本店", at),
    db
      .prepare("INSERT INTO locations (id, merchant_id, code, name, kind, created_at) VALUES (?1, ?2, 'W001', ?3, 'warehouse', ?4)")
      .bind(warehouseId, merchantId, input.currency === "CNY" ? "总仓" : "本倉庫", at),
    db
      .prepare(
        "INSERT INTO channels (id, merchant_id, code, name, kind, default_location_id, created_at) VALUES (?1, ?2, 'manual', ?3, 'manual', ?4, ?5)",
      )
      .bind(channelId, merchantId, input.currency === "CNY" ? "手工订单" : "手入力受注", warehouseId, at),
    ...[
      ["cash", input.currency === "CNY" ? "现金" : "現金", "cash"],
      ["card", input.currency === "CNY" ? "银行卡" : "クレジットカード", "card"],
      ["qr", input.currency === "CNY" ? "扫码支付" : "QR決済", "qr"],
    ].map(([code, name, kind]) =>
      db
        .prepare("INSERT INTO payment_methods (id, merchant_id, code, name, kind) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(newId("pay"), merchantId, code, name, kind),
    ),
  ]);
  const ctx = serviceContext(env, merchantId, { kind: "system", id: "onboarding" });
  await createSchedule(ctx, { job: RETENTION_JOB, kind: "daily", timeOfDay: "03:30", enabled: true });
  await createSchedule(ctx, { job: STATUS_ACTION_SWEEP_JOB, kind: "interval", intervalMinutes: 10, enabled: true });
  return { merchantId, ownerId, storeId, warehouseId, channelId };
}
