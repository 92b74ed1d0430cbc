/**
 * §3.3.1 注4 「可回传图片数据,多规格商品只回传第一个sku的图片」: a product that comes from the ERP takes
 * the goods' image — a multi-spec goods its first spec's, in the ERP's spec order — and a spec
 * added later never replaces it.
 */
import { describe, expect, it } from "vitest";
import { importGoodsByDate } from "../../worker/connectors/wangdian/catalog-jobs";
import { pullDocuments } from "../../worker/connectors/wangdian/inbound";
import { beijingToday, control, linkedStore } from "./wangdian-link";

describe("ERP goods images", () => {
  it("a 3-spec goods comes in with its first spec's image; a spec added later does not replace it", async () => {
    const { m, p, connection } = await linkedStore();
    const today = beijingToday();
    const specs = ["S", "M", "L"].map((size) => ({ spec_no: `${p}-${size}`, spec_name: size, retail_price: 59, img_url: `https://img.example/${p}-${size}.jpg` }));
    await control("seed", { goods: [{ goods_no: `IMG${p}`, goods_name: "三规格T恤", spec_list: specs }] });
    await importGoodsByDate(m.ctx, await connection(), today, today);
    const read = async () => (await m.api("GET", `/api/products?q=IMG${p}`)).body.items as { imageUrl: string | null; skus: { code: string }[] }[];
    const [product] = await read();
    expect(product).toMatchObject({ imageUrl: `https://img.example/${p}-S.jpg` });
    expect(product!.skus).toHaveLength(3);

    // the ERP now lists a new spec first, with its own image: it comes in as a SKU, the image stays
    const xl = { spec_no: `${p}-XL`, spec_name: "XL", retail_price: 59, img_url: `https://img.example/${p}-XL.jpg` };
    await control("seed", { goods: [{ goods_no: `IMG${p}`, goods_name: "三规格T恤", spec_list: [xl, ...specs] }] });
    await importGoodsByDate(m.ctx, await connection(), today, today);
    const [after] = await read();
    expect(after!.skus.map((s) => s.code)).toContain(`${p}-XL`);
    expect(after!.imageUrl).toBe(`https://img.example/${p}-S.jpg`);
  });

  it("a product created by an ERP document takes its goods' first spec's image too", async () => {
    const { m, p, connectionId, connection } = await linkedStore();
    const settings = (await m.api("GET", `/api/connections/${connectionId}`)).body.settings;
    await m.api("PUT", `/api/connections/${connectionId}/settings`, { ...settings, erpDataSync: true });
    const specs = ["A", "B"].map((v) => ({ spec_no: `${p}-D${v}`, spec_name: v, retail_price: 10, img_url: `https://img.example/${p}-D${v}.jpg` }));
    await control("seed", {
      goods: [{ goods_no: `DOC${p}`, goods_name: "单据新品", spec_list: specs }],
      // the document names the second spec only: the goods' image is still the first spec's
      documents: [{ direction: "in", order_type: "purchase", warehouse_no: p, order_no: `${p}-PO`, lines: [{ spec_no: `${p}-DB`, num: 2 }] }],
    });
    // (productsCreated counts the SKUs that came in: the goods query answers the goods with all its specs)
    expect(await pullDocuments(m.ctx, await connection())).toMatchObject({ taken: 1, productsCreated: 2 });
    const [product] = (await m.api("GET", `/api/products?q=DOC${p}`)).body.items;
    expect(product.imageUrl).toBe(`https://img.example/${p}-DA.jpg`);
  });

  it("goods without an image leave the product without one", async () => {
    const { m, p, connection } = await linkedStore();
    const today = beijingToday();
    await control("seed", { goods: [{ goods_no: `NOIMG${p}`, goods_name: "无图", spec_list: [{ spec_no: `${p}-N`, retail_price: 1 }] }] });
    await importGoodsByDate(m.ctx, await connection(), today, today);
    const [product] = (await m.api("GET", `/api/products?q=NOIMG${p}`)).body.items;
    expect(product.imageUrl).toBeNull();
  });
});
