import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registerConnector } from "../../worker/connections/registry";
import { registerStockSource } from "../../worker/inventory/stock-sources";
import { key, level, newMerchant, newSku } from "./helpers";

// A connector that offers its own stock figure (as Smaregi's 受注在庫引当数量 will): 3 of every SKU.
const external = new Map<string, number>();
registerConnector({ kind: "test-pos", label: { ja: "テストPOS", zh: "测试POS", en: "Test POS" }, settings: z.object({}) });
registerStockSource("test-pos", { available: async (_ctx, _connection, skuIds) => new Map(skuIds.map((id) => [id, external.get(id) ?? 0])) });

describe("a connector as the stock source (有効在庫数計算設定)", () => {
  it("allocation reads the connector's figure minus what Renkei already allocated, not Renkei's levels", async () => {
    const m = await newMerchant();
    const { skuId } = await newSku(m, { stock: 100 }); // Renkei thinks there are 100
    external.set(skuId, 3); // the POS says 3
    const connection = await m.api("POST", "/api/connections", { kind: "test-pos", name: "POS" });
    const channel = await m.api("POST", "/api/channels", {
      code: "mall",
      name: "Mall",
      kind: "mall",
      defaultLocationId: m.warehouseId,
      stockSource: "connector",
      stockSourceConnectionId: connection.body.id,
    });
    expect(channel.status).toBe(201);
    const order = (quantity: number) => m.api("POST", "/api/orders", { idempotencyKey: key(), channelId: channel.body.id, lines: [{ skuId, quantity }] });
    expect((await order(2)).status).toBe(201);
    expect((await order(2)).status).toBe(409); // 3 − 2 allocated = 1 left
    expect((await order(1)).status).toBe(201);
    expect(await level(m, skuId)).toMatchObject({ on_hand: 100, allocated: 3 });
  });

  it("a channel cannot name a connector stock source without its connection", async () => {
    const m = await newMerchant();
    const response = await m.api("POST", "/api/channels", { code: "x", name: "x", kind: "mall", defaultLocationId: m.warehouseId, stockSource: "connector" });
    expect(response.status).toBe(400);
    expect(response.body.issues[0].path).toEqual(["stockSourceConnectionId"]);
  });
});
