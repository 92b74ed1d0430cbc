/** Locations: stores and warehouses, where stock lives. */
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { ServiceError } from "../errors";

export async function listLocations(ctx: ServiceContext) {
  const rows = await ctx.db.all<{ id: string; code: string; name: string; kind: "store" | "warehouse"; tax_display: "inclusive" | "exclusive" }>(
    "SELECT id, code, name, kind, tax_display FROM locations WHERE merchant_id = ?1 ORDER BY code",
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, taxDisplay: r.tax_display }));
}

export async function createLocation(
  ctx: ServiceContext,
  input: { code: string; name: string; kind: "store" | "warehouse"; taxDisplay: "inclusive" | "exclusive" },
) {
  const id = newId("loc");
  await ctx.db
    .run(
      "INSERT INTO locations (id, merchant_id, code, name, kind, tax_display, created_at) VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7)",
      id,
      input.code,
      input.name,
      input.kind,
      input.taxDisplay,
      nowIso(),
    )
    .catch((error) => {
      if (String(error).includes("UNIQUE")) throw new ServiceError("CONFLICT", "location code exists", [{ path: ["code"], message: "already exists" }]);
      throw error;
    });
  return { id, ...input };
}
