/**
 * 入库单导入 (seed 003 §2.3.2): a delivery imported from a file's rows — checked again by the worker,
 * all or nothing, one delivery per file key — received at the store like any other, and sent to a
 * 旺店通 link as 其他入库 once, named 入库单导入 in the export queue.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { exportDocuments } from "../../worker/connectors/wangdian/exports";
import { INBOUND_FILE_MAX_ROWS } from "../../shared/schemas/inbound-file";
import { key, level, newMerchant, newSku, type TestMerchant } from "./helpers";
import { number, ownerId, pairedDevice } from "./store-documents";
import { control, erpGoods, linkedStore } from "./wangdian-link";

async function skuWithCode(m: TestMerchant, code: string) {
  const product = await m.api("POST", "/api/products", { code: `G${code}`, name: `商品 ${code}`, taxClass: "standard", skus: [{ code, price: 100 }] });
  expect(product.status, JSON.stringify(product.body)).toBe(201);
  return product.body.skus[0].id as string;
}

const documentsAt = async (m: TestMerchant, locationId: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM store_documents WHERE merchant_id = ?1 AND location_id = ?2").bind(m.merchantId, locationId).first<{ n: number }>())!.n;

describe("入库单导入: a delivery from a file", () => {
  it("takes the rows as one pending delivery (leading zeros kept, 备注 kept); the same file twice at once makes one", async () => {
    const m = await newMerchant();
    const zeros = `00${Date.now() % 100000}`;
    const zeroSku = await skuWithCode(m, zeros);
    const other = await newSku(m);
    const file = {
      idempotencyKey: key(),
      locationId: m.storeId,
      reference: "PO-77",
      fileName: "入库单.csv",
      header: ["\uFEFF商家编码", "数量", "备注"],
      rows: [[zeros, "3", "箱A"], [`="${other.code}"`, "12", ""], ["", "", ""]],
    };
    const [first, second] = await Promise.all([m.api("POST", "/api/inbound/import", file), m.api("POST", "/api/inbound/import", file)]);
    expect([first.status, second.status], JSON.stringify(first.body)).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({
      kind: "inbound",
      status: "pending",
      body: { kind: "other_in", reference: "PO-77", source: "file", fileName: "入库单.csv", lines: [{ skuId: zeroSku, quantity: 3, remark: "箱A" }, { skuId: other.skuId, quantity: 12 }] },
    });
    expect((await m.api("POST", "/api/inbound/import", file)).body.id).toBe(first.body.id);

    // the store receives it like any delivery
    const device = await pairedDevice(m);
    const waiting = (await device.get("/api/pos/inbound")).body.items as { id: string }[];
    expect(waiting.map((w) => w.id)).toEqual([first.body.id]);
    const staff = await ownerId(m);
    const receipt = { id: crypto.randomUUID(), kind: "receipt", number: number(), occurredAt: "2026-11-26T07:00:00.000Z", staffId: staff, inboundId: first.body.id, lines: [{ skuId: zeroSku, received: 3 }, { skuId: other.skuId, received: 12 }] };
    expect((await device.push([receipt])).body.results[0].status).toBe("accepted");
    expect(await level(m, zeroSku, m.storeId)).toMatchObject({ on_hand: 3 });
  });

  it("refuses the whole file with every problem by row and column, and writes nothing", async () => {
    const m = await newMerchant();
    const a = await newSku(m);
    const before = await documentsAt(m, m.storeId);
    const bad = await m.api("POST", "/api/inbound/import", {
      idempotencyKey: key(),
      locationId: m.storeId,
      header: ["商家编码", "数量", "备注"],
      rows: [[a.code, "2", ""], ["NO-SUCH", "1", ""], [a.code, "1", ""], ["", "0", ""], [`${a.code}-x`, "1.5", "x".repeat(201)]],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("何も取り込んでいません");
    expect(bad.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      [3, "商家编码"],
      [4, "商家编码"],
      [4, "数量"],
      [5, "数量"],
      [5, "备注"],
    ]);
    expect(bad.body.issues[0].message).toContain("1行目");
    // with the rows' own problems fixed, the unknown code is named by its row
    const unknown = await m.api("POST", "/api/inbound/import", { idempotencyKey: key(), locationId: m.storeId, header: ["商家编码", "数量"], rows: [[a.code, "2"], ["NO-SUCH", "1"]] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: [2, "商家编码"], message: expect.stringContaining("商家编码") }]);
    const noColumn = await m.api("POST", "/api/inbound/import", { idempotencyKey: key(), locationId: m.storeId, header: ["商家编码", "件数"], rows: [[a.code, "2"]] });
    expect(noColumn.body.issues).toEqual([{ path: [0, "数量"], message: expect.stringContaining("数量") }]);
    expect(await documentsAt(m, m.storeId)).toBe(before);
  });

  it(`refuses a file of ${INBOUND_FILE_MAX_ROWS + 1} rows whole, naming the limit`, async () => {
    const m = await newMerchant();
    const a = await newSku(m);
    const rows = Array.from({ length: INBOUND_FILE_MAX_ROWS + 1 }, (_, i) => [i === 0 ? a.code : `C${i}`, "1"]);
    const refused = await m.api("POST", "/api/inbound/import", { idempotencyKey: key(), locationId: m.storeId, header: ["商家编码", "数量"], rows });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: [INBOUND_FILE_MAX_ROWS + 1, "商家编码"], message: expect.stringContaining("5,000") }]);
    expect(await documentsAt(m, m.storeId)).toBe(0);
  });
});

describe("入库单导入 to 旺店通", () => {
  it("its receipt at the store goes once as 其他入库, named 入库单导入 in the export queue and the ERP's remark", async () => {
    const { m, storeId, credentials, connection, connectionId } = await linkedStore();
    const a = await newSku(m);
    await erpGoods(a.code);
    const imported = await m.api("POST", "/api/inbound/import", { idempotencyKey: key(), locationId: storeId, header: ["商家编码", "数量"], rows: [[a.code, "4"]] });
    expect(imported.status).toBe(201);
    // a delivery waiting at the store is nothing to the ERP yet
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ calls: 0 });

    const device = await pairedDevice(m, storeId);
    const staff = await ownerId(m);
    const receipt = { id: crypto.randomUUID(), kind: "receipt", number: number(), occurredAt: "2026-11-26T07:00:00.000Z", staffId: staff, inboundId: imported.body.id, lines: [{ skuId: a.skuId, received: 4 }] };
    expect((await device.push([receipt])).body.results[0].status).toBe("accepted");
    const waiting = (await m.api("GET", `/api/wangdian/${connectionId}/exports?state=waiting`)).body;
    expect(waiting.items).toEqual([expect.objectContaining({ documentId: receipt.id, kind: "receipt", origin: "file", event: "goods_in" })]);

    await control("fail", [{ endpoint: "stockin_order_push.php", sid: credentials.sid, status: 503, afterApply: true }]);
    await expect(exportDocuments(m.ctx, await connection())).rejects.toThrow();
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ alreadyAccepted: 1, failed: 0 });
    const stockins = ((await control("writes", { kind: "stockin" })) as any[]).filter((w) => w.key === receipt.number);
    expect(stockins).toHaveLength(1);
    expect(stockins[0].detail).toMatchObject({ remark: `Renkei 入库单导入 ${receipt.number}`, lines: [expect.objectContaining({ spec_no: a.code, num: 4 })] });
  });
});
