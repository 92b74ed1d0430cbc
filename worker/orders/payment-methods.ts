/**
 * The merchant's payment methods (支払方法: 現金, クレジットカード, QR決済 …), as orders name them:
 * chosen at manual entry, matched by code on import, mapped per link (Smaregi's 支払方法).
 */
import type { ServiceContext } from "../context";

export function listPaymentMethods(ctx: ServiceContext) {
  return ctx.db.all<{ id: string; code: string; name: string; kind: "cash" | "card" | "qr" | "other" }>(
    "SELECT id, code, name, kind FROM payment_methods WHERE merchant_id = ?1 ORDER BY kind = 'cash' DESC, code",
  );
}
