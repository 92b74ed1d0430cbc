/** What a paired device needs before it can sell: its store, the merchant's rules, tenders and staff. */
import type { ServiceContext } from "../context";
import { notFound } from "../errors";
import { pinVersion } from "./staff-pin";

export async function bootstrap(ctx: ServiceContext) {
  const [device, store, tenders, staff, merchant] = await Promise.all([
    ctx.db.first<{ id: string; name: string; number: number }>("SELECT id, name, number FROM devices WHERE merchant_id = ?1 AND id = ?2", ctx.actor.id),
    ctx.db.first<{ id: string; code: string; name: string; tax_display: "inclusive" | "exclusive" }>(
      "SELECT id, code, name, tax_display FROM locations WHERE merchant_id = ?1 AND id = ?2",
      ctx.actor.locationId,
    ),
    ctx.db.all<{ code: string; name: string; kind: "cash" }>("SELECT code, name, kind FROM payment_methods WHERE merchant_id = ?1 ORDER BY kind = 'cash' DESC, code"),
    ctx.db.all<{ id: string; name: string; role: "staff"; pin_hash: string | null }>("SELECT id, name, role, pin_hash FROM users WHERE merchant_id = ?1 ORDER BY name"),
    ctx.db.merchant(),
  ]);
  if (!device || !store) throw notFound("device");
  return {
    device,
    store: { id: store.id, code: store.code, name: store.name, taxDisplay: store.tax_display },
    merchant: { id: merchant.id, name: merchant.name, currency: merchant.currency, unitRounding: merchant.unitRounding, timeZone: merchant.timeZone },
    tenders,
    staff: await Promise.all(
      staff.map(async (s) => ({ id: s.id, name: s.name, role: s.role, hasPin: s.pin_hash !== null, pinVersion: s.pin_hash ? await pinVersion(s.pin_hash) : null })),
    ),
  };
}
