/**
 * 入库单导入 (seed 003 §2.3.2): the store back office imports an inbound delivery from a file. The
 * admin reads the CSV / Excel file in the browser and sends its rows; they are checked again here
 * (shared/schemas/inbound-file.ts), then against the catalog by 商家编码. All or nothing: one bad
 * row refuses the file with every issue as [row, column], and nothing is written. The file's
 * idempotency key is the delivery's number, so a double submit or a retry makes one delivery.
 * The delivery waits at the store like any other; its receipt reaches an ERP link as 其他入库
 * through the receipt's own export (migrations/0013).
 */
import type { z } from "zod";
import { INBOUND_FILE_MESSAGES, readInboundFile, type InboundFileImport } from "../../shared/schemas/inbound-file";
import type { FileIssue } from "../../shared/schemas/product-import";
import type { ServiceContext } from "../context";
import { newId, nowIso } from "../db/ids";
import { invalid } from "../errors";
import { notFoundMessage } from "../messages";
import { getDocument } from "./back-office";

export const FILE_SOURCE = "file";

export async function importInboundFile(ctx: ServiceContext, input: z.infer<typeof InboundFileImport>) {
  const number = `IMP-${input.idempotencyKey}`;
  const before = await madeBefore(ctx, input.locationId, number);
  if (before) return before;
  const location = await ctx.db.first("SELECT id FROM locations WHERE merchant_id = ?1 AND id = ?2", input.locationId);
  if (!location) throw invalid("unknown location", [{ path: ["locationId"], message: notFoundMessage("store") }]);

  const { lines, names, issues } = readInboundFile(input.header, input.rows);
  if (issues.length) refuse(issues);
  const skus = await ctx.db.all<{ id: string; code: string }>(
    "SELECT id, code FROM skus WHERE merchant_id = ?1 AND code IN (SELECT value FROM json_each(?2))",
    JSON.stringify(lines.map((l) => l.code)),
  );
  const byCode = new Map(skus.map((s) => [s.code, s.id]));
  const unknown = lines.filter((l) => !byCode.has(l.code)).map((l): FileIssue => ({ path: [l.row, names.code], message: INBOUND_FILE_MESSAGES.unknownCode }));
  if (unknown.length) refuse(unknown);

  const id = newId("inb");
  const at = nowIso();
  const body = {
    kind: input.kind,
    reference: input.reference,
    source: FILE_SOURCE,
    fileName: input.fileName,
    lines: lines.map((l) => ({ skuId: byCode.get(l.code)!, quantity: l.quantity, ...(l.remark ? { remark: l.remark } : {}) })),
  };
  try {
    await ctx.db.run(
      `INSERT INTO store_documents (id, merchant_id, location_id, staff_id, kind, number, status, body, occurred_at, received_at)
       VALUES (?2, ?1, ?3, ?4, 'inbound', ?5, 'pending', ?6, ?7, ?7)`,
      id,
      input.locationId,
      ctx.actor.id,
      number,
      JSON.stringify(body),
      at,
    );
  } catch (error) {
    // the same file sent twice at once: the other request made it
    if (!String(error).includes("UNIQUE")) throw error;
    const raced = await madeBefore(ctx, input.locationId, number);
    if (raced) return raced;
    throw error;
  }
  return getDocument(ctx, id);
}

async function madeBefore(ctx: ServiceContext, locationId: string, number: string) {
  const row = await ctx.db.first<{ id: string }>("SELECT id FROM store_documents WHERE merchant_id = ?1 AND location_id = ?2 AND kind = 'inbound' AND number = ?3", locationId, number);
  return row ? getDocument(ctx, row.id) : null;
}

function refuse(issues: FileIssue[]): never {
  throw invalid(
    `ファイルに${issues.length}件のエラーがあります。何も取り込んでいません／文件有${issues.length}处错误，未导入任何数据 (${issues.length} issue(s); nothing was written)`,
    issues.slice(0, 1_000).map((i) => ({ path: i.path, message: i.message })),
  );
}
