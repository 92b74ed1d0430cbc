/**
 * The 02:10 sync (seed 003 §5) when sales have reached the ERP as trades it has not shipped yet:
 * the ERP's stock_num still counts those goods (they leave it when the ERP ships the trade), so an
 * overwrite that read stock_num alone would put sold goods back in the store (ERP master) or take
 * them twice (stores master). Against the fake ERP, which holds a pushed trade's lines as 待发货量
 * until `deliver`.
 */
import { describe, expect, it } from "vitest";
import { syncStock } from "../../worker/connectors/wangdian/stock-sync";
import { level, newSku } from "./helpers";
import { ownerId, pairedDevice, sale } from "./store-documents";
import { control, erpGoods, linkedStore } from "./wangdian-link";

async function erpRow(p: string, code: string) {
  const state = await control("state");
  return state.stock.find((s: { warehouse_no: string; spec_no: string }) => s.warehouse_no === p && s.spec_no === code) as { stock_num: number; sending_num: number };
}

describe("02:10 with sales the ERP has not shipped", () => {
  it("ERP master: a sale the ERP holds as 待发货 is not put back when the ERP's figure also changed", async () => {
    const { m, p, storeId, connection } = await linkedStore({ settings: { stockMaster: "erp" } });
    const staff = await ownerId(m);
    const sku = await newSku(m, { price: 500, stock: 10, locationId: storeId });
    await erpGoods(sku.code);
    // the ERP received 5 more (a purchase booked in the ERP): 15 there; the store sells 3 meanwhile
    await control("seed", { stock: [{ warehouse_no: p, spec_no: sku.code, stock_num: 15 }] });
    const device = await pairedDevice(m, storeId);
    expect((await device.push([sale(staff, [{ skuId: sku.skuId, quantity: 3, unitPrice: 500 }])])).body.results[0].status).toBe("accepted");
    expect(await level(m, sku.skuId, storeId)).toMatchObject({ on_hand: 7 });

    // the sale goes first and the ERP holds its 3 as 待发货: Renkei lands on 15 − 3 = 12 (= 10 − 3 + 5), not 15
    const counts = await syncStock(m.ctx, await connection(), `run-${p}`);
    expect(counts).toMatchObject({ documentsFlushed: 1, renkeiSet: 1 });
    expect(await erpRow(p, sku.code)).toMatchObject({ stock_num: 15, sending_num: 3 });
    expect(await level(m, sku.skuId, storeId)).toMatchObject({ on_hand: 12 });
    const drift = await m.ctx.db.first<{ renkei: number; erp: number; difference: number; action: string }>(
      "SELECT renkei, erp, difference, action FROM stock_sync_drift WHERE merchant_id = ?1 AND run_id = ?2 AND sku_id = ?3",
      `run-${p}`,
      sku.skuId,
    );
    expect(drift).toEqual({ renkei: 7, erp: 12, difference: 5, action: "renkei_set" });

    // the ERP ships the trade: its stock_num falls to 12, which the next sync finds equal
    await control("deliver", { shop_no: `${p}-SHOP` });
    expect(await erpRow(p, sku.code)).toMatchObject({ stock_num: 12, sending_num: 0 });
    expect(await syncStock(m.ctx, await connection(), `run2-${p}`)).toMatchObject({ renkeiSet: 0, erpSet: 0 });
    expect(await level(m, sku.skuId, storeId)).toMatchObject({ on_hand: 12 });
  });

  it("stores master: the 盘点 adds what unshipped trades hold, so their shipment leaves the ERP on Renkei's figure", async () => {
    const { m, p, storeId, connection } = await linkedStore({ settings: { stockMaster: "stores" } });
    const staff = await ownerId(m);
    const sku = await newSku(m, { price: 500, stock: 10, locationId: storeId });
    await erpGoods(sku.code);
    await control("seed", { stock: [{ warehouse_no: p, spec_no: sku.code, stock_num: 10 }] });
    const device = await pairedDevice(m, storeId);
    expect((await device.push([sale(staff, [{ skuId: sku.skuId, quantity: 3, unitPrice: 500 }])])).body.results[0].status).toBe("accepted");

    // 10 − 3 held = 7 = Renkei: nothing to overwrite
    expect(await syncStock(m.ctx, await connection(), `run-${p}`)).toMatchObject({ documentsFlushed: 1, erpSet: 0, equal: 1 });
    // the store counts 2 fewer and sells 1 more; the ERP still holds both trades unshipped
    expect((await m.api("POST", "/api/stock/adjustments", { idempotencyKey: `adj-${p}`, skuId: sku.skuId, locationId: storeId, quantity: -2, reason: "count_correction" })).status).toBe(200);
    expect((await device.push([sale(staff, [{ skuId: sku.skuId, quantity: 1, unitPrice: 500 }])])).body.results[0].status).toBe("accepted");
    expect(await level(m, sku.skuId, storeId)).toMatchObject({ on_hand: 4 });

    const counts = await syncStock(m.ctx, await connection(), `run2-${p}`);
    expect(counts).toMatchObject({ documentsFlushed: 1, erpSet: 1, calls: 1 });
    // 盘点 = on-hand 4 + held 4; once the ERP ships both trades it holds exactly the store's 4
    expect(await erpRow(p, sku.code)).toMatchObject({ stock_num: 8, sending_num: 4 });
    await control("deliver", { shop_no: `${p}-SHOP` });
    expect(await erpRow(p, sku.code)).toMatchObject({ stock_num: 4, sending_num: 0 });
    expect(await syncStock(m.ctx, await connection(), `run3-${p}`)).toMatchObject({ erpSet: 0 });
  });

  it("ERP master: a SKU moved only in Renkei (an admin adjustment the ERP never hears of) is read from the ERP and set back", async () => {
    const { m, p, storeId, connection } = await linkedStore({ settings: { stockMaster: "erp" } });
    const sku = await newSku(m, { stock: 10, locationId: storeId });
    await erpGoods(sku.code);
    await control("seed", { stock: [{ warehouse_no: p, spec_no: sku.code, stock_num: 10 }] });
    // the first sync reads the ERP up to 3 s from now, so the ERP row is behind the next sync's window
    const start = Date.now();
    expect(await syncStock(m.ctx, await connection(), `run-${p}`, start + 3000)).toMatchObject({ equal: 1 });
    expect((await m.api("POST", "/api/stock/adjustments", { idempotencyKey: `adj-${p}`, skuId: sku.skuId, locationId: storeId, quantity: -2 })).status).toBe(200);

    const counts = await syncStock(m.ctx, await connection(), `run2-${p}`, start + 4000);
    // one stock_query by code for the SKU the ERP's changed rows did not include
    expect(counts).toMatchObject({ skus: 1, renkeiSet: 1, calls: 1 });
    expect(await level(m, sku.skuId, storeId)).toMatchObject({ on_hand: 10 });
  });
});
