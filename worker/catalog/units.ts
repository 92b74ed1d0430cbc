/**
 * 単位設定 (seed 004): units a merchant registers, then sets on products.
 */
import { UNIT_MESSAGES } from "../../shared/schemas/catalog";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid, notFound, ServiceError } from "../errors";

export interface UnitInput {
  code: string;
  managementUnit: string;
  salesUnit: string;
  displayName: string;
  conversion: number;
}

interface UnitRow {
  id: string;
  code: string;
  management_unit: string;
  sales_unit: string;
  display_name: string;
  conversion: number;
}

export const toUnit = (r: UnitRow) => ({
  id: r.id,
  code: r.code,
  managementUnit: r.management_unit,
  salesUnit: r.sales_unit,
  displayName: r.display_name,
  conversion: r.conversion,
});

const COLUMNS = "id, code, management_unit, sales_unit, display_name, conversion";

/** Upsert by code; the statement is returned so bulk upload can batch many. */
export function unitUpsertStatement(ctx: ServiceContext, input: UnitInput, id = newId("unt")) {
  return ctx.db.stmt(
    `INSERT INTO units (id, merchant_id, code, management_unit, sales_unit, display_name, conversion, created_at)
     VALUES (?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8)
     ON CONFLICT (merchant_id, code) DO UPDATE SET management_unit = excluded.management_unit,
       sales_unit = excluded.sales_unit, display_name = excluded.display_name, conversion = excluded.conversion`,
    id,
    input.code,
    input.managementUnit,
    input.salesUnit,
    input.displayName,
    input.conversion,
    nowIso(),
  );
}

export async function saveUnit(ctx: ServiceContext, input: UnitInput) {
  if (!Number.isInteger(input.conversion) || input.conversion < 1) {
    throw invalid("invalid unit", [{ path: ["conversion"], message: UNIT_MESSAGES.conversion }]);
  }
  await unitUpsertStatement(ctx, input).run();
  return (await findUnitByCode(ctx, input.code))!;
}

export async function findUnitByCode(ctx: ServiceContext, code: string) {
  const row = await ctx.db.first<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE merchant_id = ?1 AND code = ?2`, code);
  return row ? toUnit(row) : null;
}

export async function getUnit(ctx: ServiceContext, id: string) {
  const row = await ctx.db.first<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE merchant_id = ?1 AND id = ?2`, id);
  if (!row) throw notFound("unit");
  return toUnit(row);
}

export async function listUnits(ctx: ServiceContext) {
  const rows = await ctx.db.all<UnitRow>(`SELECT ${COLUMNS} FROM units WHERE merchant_id = ?1 ORDER BY code`);
  return rows.map(toUnit);
}

export async function deleteUnit(ctx: ServiceContext, id: string) {
  const used = await ctx.db.first("SELECT id FROM products WHERE merchant_id = ?1 AND unit_id = ?2 LIMIT 1", id);
  if (used) throw new ServiceError("CONFLICT", "この単位は商品に設定されています (the unit is set on products)");
  const result = await ctx.db.run("DELETE FROM units WHERE merchant_id = ?1 AND id = ?2", id);
  if (!result.meta.changes) throw notFound("unit");
}
