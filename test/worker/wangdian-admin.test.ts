/**
 * The 旺店通 link page's back office: the linked stores edited after creation (added freely, one
 * with documents waiting for the ERP kept linked until they are sent), and the drift report of any
 * past daily sync read in full, page after page by cursor.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { exportDocuments } from "../../worker/connectors/wangdian/exports";
import { linkedLocations } from "../../worker/connectors/wangdian/link";
import { key, newSku } from "./helpers";
import { control, erpGoods, linkedStore, unique } from "./wangdian-link";

describe("the linked stores of a 旺店通 link", () => {
  it("takes a new store, and keeps one linked while its documents wait for the ERP, naming it", async () => {
    const { m, p, storeId, connectionId, connection } = await linkedStore();
    const settingsPath = `/api/connections/${connectionId}/settings`;
    const settings = (await m.api("GET", `/api/connections/${connectionId}`)).body.settings;
    const other = await m.api("POST", "/api/locations", { code: `${p}B`, name: "新店", kind: "store" });
    const added = await m.api("PUT", settingsPath, { ...settings, locationIds: [storeId, other.body.id] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect((await linkedLocations(m.ctx, connectionId)).map((l) => l.code)).toEqual([p, `${p}B`]);

    // 出库开单 at the first store: a 其他出库 waits for the ERP
    const sku = await newSku(m, { stock: 3, locationId: storeId });
    expect((await m.api("POST", "/api/outbound", { idempotencyKey: key(), locationId: storeId, reason: "破損", lines: [{ skuId: sku.skuId, quantity: 1 }] })).status).toBe(201);
    const refused = await m.api("PUT", settingsPath, { ...settings, locationIds: [other.body.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: ["settings", "locationIds"], message: expect.stringContaining(`${p} has 1 documents waiting for the ERP`) }]);
    expect((await linkedLocations(m.ctx, connectionId)).map((l) => l.code)).toEqual([p, `${p}B`]);
    expect((await m.api("GET", `/api/connections/${connectionId}`)).body.settings.locationIds).toEqual([storeId, other.body.id]);

    // once the ERP has it, the store may go
    await erpGoods(sku.code);
    await control("seed", { stock: [{ warehouse_no: p, spec_no: sku.code, stock_num: 3 }] });
    expect(await exportDocuments(m.ctx, await connection())).toMatchObject({ stockouts: 1 });
    const removed = await m.api("PUT", settingsPath, { ...settings, locationIds: [other.body.id] });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect((await linkedLocations(m.ctx, connectionId)).map((l) => l.code)).toEqual([`${p}B`]);
  });
});

describe("the drift report of the daily stock sync", () => {
  const differenceOf = (i: number) => (i % 4 === 0 ? 0 : (i % 50) - 25);
  /** Rows as the 02:10 sync writes them (stock-sync.ts recordDrift), for a report of `count` SKUs. */
  async function driftRun(merchantId: string, connectionId: string, locationId: string, runId: string, at: string, count: number) {
    const rows = Array.from({ length: count }, (_, i) => {
      const difference = differenceOf(i);
      return [`sku_${runId}_${i}`, `C-${String(i % 300).padStart(3, "0")}-${i}`, 10, 10 + difference, difference, difference === 0 ? "none" : "erp_set"];
    });
    for (let i = 0; i < rows.length; i += 200) {
      await env.DB.prepare(
        `INSERT INTO stock_sync_drift (run_id, merchant_id, connection_id, location_id, sku_id, code, renkei, erp, difference, action, at)
         SELECT ?3, ?1, ?2, ?4, r.value ->> 0, r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, ?5 FROM json_each(?6) r`,
      )
        .bind(merchantId, connectionId, runId, locationId, at, JSON.stringify(rows.slice(i, i + 200)))
        .run();
    }
  }

  it("lists the past runs newest first and reads an older one in full, 500 rows a page, largest difference first", async () => {
    const { m, storeId, connectionId } = await linkedStore({ verify: false });
    const older = `run_${unique()}`;
    const newer = `run_${unique()}`;
    await driftRun(m.merchantId, connectionId, storeId, older, "2026-11-24T18:10:00.000Z", 1_203);
    await driftRun(m.merchantId, connectionId, storeId, newer, "2026-11-25T18:10:00.000Z", 3);
    const base = `/api/wangdian/${connectionId}/drift`;
    expect((await m.api("GET", `${base}/runs`)).body.items).toEqual([
      { runId: newer, at: "2026-11-25T18:10:00.000Z" },
      { runId: older, at: "2026-11-24T18:10:00.000Z" },
    ]);
    expect((await m.api("GET", base)).body).toMatchObject({ runId: newer, nextCursor: null, summary: { skus: 3 } });

    const read = async (query: string) => {
      const seen: { skuId: string; difference: number | null }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; body: { items: { skuId: string; difference: number | null }[]; nextCursor: string | null } } = await m.api("GET", `${base}?runId=${older}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(500);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      return { seen, pages };
    };
    const all = await read("");
    expect(all.pages).toBe(3);
    expect(all.seen).toHaveLength(1_203);
    expect(new Set(all.seen.map((r) => r.skuId)).size).toBe(1_203);
    const sizes = all.seen.map((r) => Math.abs(r.difference ?? 0));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

    const different = await read("&onlyDifferent=true");
    expect(different.seen).toHaveLength(Array.from({ length: 1_203 }, (_, i) => differenceOf(i)).filter((d) => d !== 0).length);
    expect(different.seen.every((r) => r.difference !== 0)).toBe(true);

    const bad = await m.api("GET", `${base}?runId=${older}&cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toEqual(["cursor"]);
  });
});
