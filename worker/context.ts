/**
 * What a service sees: the merchant, who acts, and the scoped database. Never Hono's Context.
 */
import { MerchantDb } from "./db/merchant-db";

export type Role = "owner" | "manager" | "staff";

export interface Actor {
  kind: "user" | "device" | "system";
  id: string;
  role?: Role;
  /** devices: the store they are paired to */
  locationId?: string;
}

export interface ServiceContext {
  merchantId: string;
  actor: Actor;
  db: MerchantDb;
  env: Env;
}

export function serviceContext(env: Env, merchantId: string, actor: Actor): ServiceContext {
  return { merchantId, actor, db: new MerchantDb(env.DB, merchantId), env };
}
