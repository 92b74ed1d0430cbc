/**
 * The 旺店通 link's settings that change what reaches the ERP or the stores, each against the fake
 * ERP over loopback with real D1: the seed's 10-minute cadence for sales (§4), defective returns as
 * 其他入库 (§2.3.2), stocktakes as surplus / deficit documents, the five ERP document kinds a store
 * never receives (§4) and the 5,000-SKU limit of one document (§3.3.3 注1).
 */
import { describe, expect, it } from "vitest";
import { exportDocuments } from "../../worker/connectors/wangdian/exports";
import { pullDocuments } from "../../worker/connectors/wangdian/inbound";
import { newSku } from "./helpers";
import { number, ownerId, pairedDevice, returned, sale } from "./store-documents";
import { control, erpGoods, linkedStore } from "./wangdian-link";

async function writes(kind: string, text: string) {
  return ((await control("writes", { kind })) as unknown[]).filter((w) => JSON.stringify(w).includes(text));
}

describe("旺店通 settings that change what is sent", () => {
  it("a sale made offline reaches the ERP once though the ERP times out twice (the second time after taking it)", async () => {
    const { m, p, storeId, credentials, connection } = await linkedStore({ settings: { callTimeoutSeconds: 1 } });
    const staff = await ownerId(m);
    const sku = await newSku(m, { price: 450, stock: 5, locationId: storeId });
    await erpGoods(sku.code);
    const device = await pairedDevice(m, storeId);
    // rung up an hour ago while the tablet was offline, pushed when it came back
    const offline = { ...sale(staff, [{ skuId: sku.skuId, quantity: 1, unitPrice: 450 }]), occurredAt: new Date(Date.now() - 3600_000).toISOString() };
    expect((await device.push([offline])).body.results[0].status).toBe("accepted");

    await control("fail", [
      { endpoint: "trade_push.php", sid: credentials.sid, delayMs: 1500, status: 504 },
      { endpoint: "trade_push.php", sid: credentials.sid, delayMs: 1500, status: 504, afterApply: true },
    ]);
    await expect(exportDocuments(m.ctx, await connection())).rejects.toThrow(/timed out|timeout|abort/i);
    await expect(exportDocuments(m.ctx, await connection())).rejects.toThrow(/timed out|timeout|abort/i);
    // the ERP took the second one after Renkei gave up on it: the third is answered "already accepted"
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ trades: 0, alreadyAccepted: 1 });
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ calls: 0 });
    expect(await writes("trade", offline.number)).toHaveLength(1);
    const state = await control("state");
    expect(state.trades.filter((t: { shop_no: string }) => t.shop_no === `${p}-SHOP`)).toHaveLength(1);
  });

  it("an export whose stored document no longer reads is kept as failed with the reason; the queue goes on", async () => {
    const { m, storeId, connection } = await linkedStore();
    const staff = await ownerId(m);
    const sku = await newSku(m, { price: 300, stock: 9, locationId: storeId });
    await erpGoods(sku.code);
    const device = await pairedDevice(m, storeId);
    const broken = sale(staff, [{ skuId: sku.skuId, quantity: 1, unitPrice: 300 }]);
    const fine = returned(staff, [{ skuId: sku.skuId, quantity: 1, unitPrice: 300 }], broken.id);
    expect((await device.push([broken, fine])).body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted"]);
    expect((await m.api("POST", `/api/documents/${fine.id}/receive`)).status).toBe(200);
    // a body an older version wrote, or damaged: it cannot become a trade
    await m.ctx.db.run("UPDATE store_documents SET body = ?3 WHERE merchant_id = ?1 AND id = ?2", broken.id, JSON.stringify({ kind: "sale", lines: "?" }));
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ failed: 1, stockins: 1 });
    const failed = await m.ctx.db.first<{ last_error: string }>("SELECT last_error FROM document_exports WHERE merchant_id = ?1 AND document_id = ?2", broken.id);
    expect(failed!.last_error).not.toBe("");
    expect(await writes("stockin", fine.number)).toHaveLength(1);
  });

  it("销售单回传频率 = every 10 minutes: a sale waits for the tick, then goes once; a flush sends it at once", async () => {
    const { m, storeId, connection } = await linkedStore({ settings: { salesCadence: "ten_minutes" } });
    const staff = await ownerId(m);
    const sku = await newSku(m, { price: 300, stock: 9, locationId: storeId });
    const device = await pairedDevice(m, storeId);
    const first = sale(staff, [{ skuId: sku.skuId, quantity: 1, unitPrice: 300 }]);
    expect((await device.push([first])).body.results[0].status).toBe("accepted");

    const queuedAt = Date.now();
    expect(await exportDocuments(m.ctx, await connection(), { now: queuedAt + 60_000 })).toMatchObject({ held: 1, trades: 0, calls: 0 });
    expect(await writes("trade", first.number)).toHaveLength(0);
    expect(await exportDocuments(m.ctx, await connection(), { now: queuedAt + 11 * 60_000 })).toMatchObject({ held: 0, trades: 1 });
    expect(await writes("trade", first.number)).toHaveLength(1);

    // the 02:10 sync (and a manual 立即回传) flushes what waits
    const second = sale(staff, [{ skuId: sku.skuId, quantity: 2, unitPrice: 300 }]);
    expect((await device.push([second])).body.results[0].status).toBe("accepted");
    expect(await exportDocuments(m.ctx, await connection(), { flush: true })).toMatchObject({ held: 0, trades: 1 });
    expect(await writes("trade", second.number)).toHaveLength(1);
  });

  it("残次品退货回传ERP on: the defective line goes to the ERP as 其他入库 with the good one", async () => {
    const { m, storeId, connection } = await linkedStore({ settings: { defectiveReturnsToErp: true } });
    const staff = await ownerId(m);
    const good = await newSku(m, { price: 800, stock: 5, locationId: storeId });
    const bad = await newSku(m, { price: 800, stock: 5, locationId: storeId });
    await erpGoods(good.code, bad.code);
    const device = await pairedDevice(m, storeId);
    const original = sale(staff, [{ skuId: good.skuId, quantity: 1, unitPrice: 800 }, { skuId: bad.skuId, quantity: 1, unitPrice: 800 }]);
    const back = returned(staff, [{ skuId: good.skuId, quantity: 1, unitPrice: 800 }, { skuId: bad.skuId, quantity: 1, unitPrice: 800, defective: true }], original.id);
    expect((await device.push([original, back])).body.results.map((r: { status: string }) => r.status)).toEqual(["accepted", "accepted"]);
    expect((await m.api("POST", `/api/documents/${back.id}/receive`)).status).toBe(200);
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ trades: 1, stockins: 1 });
    const [stockin] = await writes("stockin", back.number);
    expect(JSON.stringify(stockin)).toContain(good.code);
    expect(JSON.stringify(stockin)).toContain(bad.code);
  });

  it("盘点单回传方式 = surplus / deficit: one 其他入库 and one 其他出库 of the differences, each once", async () => {
    const { m, p, storeId, credentials, connection } = await linkedStore({ settings: { stocktakeAs: "adjustments" } });
    const staff = await ownerId(m);
    const more = await newSku(m, { stock: 10, locationId: storeId });
    const less = await newSku(m, { stock: 10, locationId: storeId });
    const same = await newSku(m, { stock: 4, locationId: storeId });
    await erpGoods(more.code, less.code, same.code);
    await control("seed", { stock: [{ warehouse_no: p, spec_no: less.code, stock_num: 10 }] });
    const device = await pairedDevice(m, storeId);
    const sheet = {
      id: crypto.randomUUID(),
      kind: "stocktake",
      number: number(),
      occurredAt: "2026-11-26T06:00:00.000Z",
      staffId: staff,
      area: "棚B",
      lines: [
        { skuId: more.skuId, counted: 13 },
        { skuId: less.skuId, counted: 8 },
        { skuId: same.skuId, counted: 4 },
      ],
    };
    expect((await device.push([sheet])).body.results[0].status).toBe("accepted");
    const submitted = await m.api("POST", "/api/stocktakes", { locationId: storeId, sheetIds: [sheet.id] });
    expect((await m.api("POST", `/api/stocktakes/${submitted.body.id}/approve`)).status).toBe(200);

    // the stock-out's answer is lost once: the retry is answered "already accepted", not a second document
    await control("fail", [{ endpoint: "stockout_order_push.php", sid: credentials.sid, status: 503, afterApply: true }]);
    await expect(exportDocuments(m.ctx, await connection())).rejects.toThrow();
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ failed: 0 });
    const ins = await writes("stockin", `${submitted.body.id}-IN`);
    const outs = await writes("stockout", `${submitted.body.id}-OUT`);
    expect([ins.length, outs.length]).toEqual([1, 1]);
    expect(JSON.stringify(ins[0])).toContain(more.code);
    expect(JSON.stringify(ins[0])).not.toContain(less.code);
    expect(JSON.stringify(outs[0])).toContain(less.code);
    expect(JSON.stringify([ins, outs])).not.toContain(same.code);
    expect(await writes("stocktake", submitted.body.id)).toHaveLength(0);
  });
});

describe("ERP documents a store never receives, and the 5,000-SKU limit", () => {
  it("JIT退货入库, 预入库, 线上销售单, 盘盈单 and 盘亏单 are never taken; a purchase beside them is", async () => {
    const { m, p, storeId, connection } = await linkedStore();
    const sku = await newSku(m, { locationId: storeId });
    await erpGoods(sku.code);
    const line = [{ spec_no: sku.code, num: 1 }];
    await control("seed", {
      documents: [
        { direction: "in", order_type: "jitRefund", warehouse_no: p, order_no: `${p}-JIT`, lines: line },
        { direction: "in", order_type: "preStockin", warehouse_no: p, order_no: `${p}-PRE`, lines: line },
        { direction: "in", order_type: "pdSurplus", warehouse_no: p, order_no: `${p}-PY`, lines: line },
        { direction: "out", order_type: "sale", warehouse_no: p, order_no: `${p}-XS`, lines: line },
        { direction: "out", order_type: "pdDeficit", warehouse_no: p, order_no: `${p}-PK`, lines: line },
        { direction: "in", order_type: "purchase", warehouse_no: p, order_no: `${p}-PO`, lines: line },
      ],
    });
    expect(await pullDocuments(m.ctx, await connection())).toMatchObject({ taken: 1, excluded: 5 });
    const docs = await m.ctx.db.all<{ number: string }>("SELECT number FROM store_documents WHERE merchant_id = ?1 AND location_id = ?2", storeId);
    expect(docs.map((d) => d.number)).toEqual([`${p}-PO`]);
  });

  it("a document of more than 5,000 SKUs is not taken, and the link says which and why", async () => {
    const { m, p, connectionId, connection } = await linkedStore();
    const lines = Array.from({ length: 5_001 }, (_, i) => ({ spec_no: `${p}-X${i}`, num: 1 }));
    await control("seed", { documents: [{ direction: "in", order_type: "initial", warehouse_no: p, order_no: `${p}-INIT`, lines }] });
    expect(await pullDocuments(m.ctx, await connection())).toMatchObject({ taken: 0, tooLarge: 1 });
    const link = (await m.api("GET", `/api/connections/${connectionId}`)).body;
    expect(link.lastError).toContain(`${p}-INIT`);
    expect(link.lastError).toContain("5,000");
    expect(link.status).not.toBe("stopped");
  });
});
