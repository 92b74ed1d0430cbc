import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../shared/csv";
import { call, newMerchant, type TestMerchant } from "./helpers";

const FIXED = ["货品编号", "货品名称", "分类", "品牌", "规格名称", "商家编码", "零售价", "基本单位"];
const ATTRIBUTES = ["属性1", "属性2", "属性3", "属性4"];
const CREATE_HEADER = [...FIXED, ...ATTRIBUTES];
const UPDATE_HEADER = [...FIXED, "上下架", ...ATTRIBUTES];

type Mode = "create" | "update";
const send = (m: TestMerchant, mode: Mode, header: string[], rows: string[][], createCategories = false) =>
  m.api("POST", "/api/products/import", { mode, header, rows, createCategories });

/** A create row: 货品编号, 货品名称, 分类, 品牌, 规格名称, 商家编码, 零售价 (基本单位 件, attributes empty). */
const row = (product: string, name: string, category: string, brand: string, spec: string, sku: string, price: string) => [
  product, name, category, brand, spec, sku, price, "件", "", "", "", "",
];
/** An update row: only the codes, price, spec and 上下架 filled; blank cells keep the catalog's. */
const updateRow = (product: string, sku: string, cells: { price?: string; spec?: string; name?: string; listing?: string } = {}) => [
  product, cells.name ?? "", "", "", cells.spec ?? "", sku, cells.price ?? "", "", cells.listing ?? "", "", "", "", "",
];

interface SkuInDb {
  product: string;
  name: string;
  category: string | null;
  brand: string | null;
  productListing: string;
  code: string;
  spec: string;
  price: number;
  listing: string;
}

async function catalog(m: TestMerchant): Promise<SkuInDb[]> {
  const rows = await env.DB.prepare(
    `SELECT p.code AS product, p.name, c.name AS category, b.name AS brand, p.listing_status AS productListing,
       s.code, s.spec_name AS spec, s.price, s.listing_status AS listing
     FROM skus s JOIN products p ON p.id = s.product_id LEFT JOIN categories c ON c.id = p.category_id LEFT JOIN brands b ON b.id = p.brand_id
     WHERE s.merchant_id = ?1 ORDER BY s.code`,
  )
    .bind(m.merchantId)
    .all<SkuInDb>();
  return rows.results;
}

async function counts(m: TestMerchant) {
  const count = async (table: string) =>
    (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE merchant_id = ?1`).bind(m.merchantId).first<{ n: number }>())!.n;
  return { products: await count("products"), skus: await count("skus"), categories: await count("categories"), brands: await count("brands") };
}

async function categoryPath(m: TestMerchant, ...names: string[]) {
  let parentId: string | null = null;
  for (const name of names) {
    const created: { status: number; body: { id: string } } = await m.api("POST", "/api/categories", { name, parentId });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    parentId = created.body.id;
  }
}

describe("商品批量导入 (create)", () => {
  it("creates products and specs from a CNY file: yuan decimals become fen, 00123 stays 00123, the category is found, the brand is added", async () => {
    const m = await newMerchant({ currency: "CNY", timeZone: "Asia/Shanghai" });
    await categoryPath(m, "服装", "上衣", "T恤");
    const response = await send(m, "create", CREATE_HEADER, [
      row("T001", "纯棉T恤", "服装/上衣/T恤", "示例品牌", "颜色:红;尺码:S", "00123", "59.9"),
      row("T001", "纯棉T恤", "服装/上衣/T恤", "示例品牌", "颜色:红;尺码:M", "00124", "59.90"),
      row("B7", "帆布包", "服装", "", "", "0007", "¥1,280.05"),
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ mode: "create", productsCreated: 2, skusCreated: 3, productsUpdated: 0, skusUpdated: 0, categoriesCreated: 0, brandsCreated: 1 });
    expect(await catalog(m)).toEqual([
      { product: "B7", name: "帆布包", category: "服装", brand: null, productListing: "listed", code: "0007", spec: "", price: 128005, listing: "listed" },
      { product: "T001", name: "纯棉T恤", category: "T恤", brand: "示例品牌", productListing: "listed", code: "00123", spec: "颜色:红;尺码:S", price: 5990, listing: "listed" },
      { product: "T001", name: "纯棉T恤", category: "T恤", brand: "示例品牌", productListing: "listed", code: "00124", spec: "颜色:红;尺码:M", price: 5990, listing: "listed" },
    ]);
  });

  it("takes multi-spec products in both forms: 规格组 (颜色:红;尺码:S, full-width too) and 规格值 (红 S)", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const response = await send(m, "create", CREATE_HEADER, [
      row("G1", "组形式", "", "", "颜色：红；尺码：S", "G1-1", "10"),
      row("G1", "组形式", "", "", "颜色:蓝;尺码:S", "G1-2", "10"),
      row("V1", "值形式", "", "", "红 S", "V1-1", "10"),
      row("V1", "值形式", "", "", "红　M", "V1-2", "10"),
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect((await catalog(m)).map((s) => [s.code, s.spec])).toEqual([
      ["G1-1", "颜色:红;尺码:S"],
      ["G1-2", "颜色:蓝;尺码:S"],
      ["V1-1", "红 S"],
      ["V1-2", "红 M"],
    ]);
  });

  it("a JPY merchant's 零售价 is whole yen: 1980 is ¥1,980, 1.5 is refused", async () => {
    const m = await newMerchant({ currency: "JPY" });
    const bad = await send(m, "create", CREATE_HEADER, [row("J1", "湯呑", "", "", "", "J1", "1.5")]);
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: [1, "零售价"], message: expect.stringContaining("円の整数") }]);
    const ok = await send(m, "create", CREATE_HEADER, [row("J1", "湯呑", "", "", "", "J1", "1980")]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await catalog(m))[0]!.price).toBe(1980);
  });

  it("accepts renamed attribute headers (the last four) and a file without them; the Shift_JIS spelling of the seed's names is the same header", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const renamed = await send(m, "create", [...FIXED, "颜色说明", "材质", "产地", "备注"], [[...row("A1", "甲", "", "", "", "A1", "1").slice(0, 8), "红", "棉", "上海", "x"]]);
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const bare = await send(m, "create", FIXED, [row("A2", "乙", "", "", "", "A2", "1").slice(0, 8)]);
    expect(bare.status, JSON.stringify(bare.body)).toBe(200);
    const kanji = ["貨品編号", "貨品名称", "分類", "品牌", "規格名称", "商家編碼", "零售価", "基本単位"];
    const sjis = await send(m, "create", kanji, [row("A3", "丙", "", "", "", "A3", "1").slice(0, 8)]);
    expect(sjis.status, JSON.stringify(sjis.body)).toBe(200);
    expect((await catalog(m)).map((s) => s.code)).toEqual(["A1", "A2", "A3"]);
  });

  it("stores 基本单位 on the product and the attribute cells under the merchant's own headers, shown with the product", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const header = [...FIXED, "颜色说明", "材质", "属性3", "属性4"];
    const created = await send(m, "create", header, [
      [...row("B1", "衬衫", "", "", "红", "B1-R", "1").slice(0, 7), "件", "大红", "棉", "", ""],
      [...row("B1", "衬衫", "", "", "蓝", "B1-B", "1").slice(0, 7), "件", "", "", "", ""],
    ]);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const list = (await m.api("GET", "/api/products?q=B1")).body.items;
    const product = (await m.api("GET", `/api/products/${list[0].id}`)).body;
    expect(product.baseUnit).toBe("件");
    expect(product.skus.map((s: { code: string; attributes: unknown }) => [s.code, s.attributes])).toEqual([
      ["B1-B", {}],
      ["B1-R", { 颜色说明: "大红", 材质: "棉" }],
    ]);
  });

  it("refuses a header that differs from the seed's in a fixed column, or has more than four attribute columns, naming each", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const renamedFixed = [...FIXED];
    renamedFixed[2] = "类目";
    const wrong = await send(m, "create", [...renamedFixed, ...ATTRIBUTES], [row("A1", "甲", "", "", "", "A1", "1")]);
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([{ path: [0, "类目"], message: expect.stringContaining("「分类」") }]);

    const swapped = await send(m, "create", ["货品名称", "货品编号", ...FIXED.slice(2)], [row("A1", "甲", "", "", "", "A1", "1")]);
    expect(swapped.body.issues.map((i: { path: unknown[] }) => i.path)).toEqual([
      [0, "货品名称"],
      [0, "货品编号"],
    ]);
    const wide = await send(m, "create", [...CREATE_HEADER, "属性5"], [row("A1", "甲", "", "", "", "A1", "1")]);
    expect(wide.body.issues).toEqual([{ path: [0, "属性5"], message: expect.stringContaining("4") }]);
    const updateFile = await send(m, "create", UPDATE_HEADER, [updateRow("A1", "A1")]);
    expect(updateFile.body.issues[0].message).toContain("商品批量更新");
    expect(await counts(m)).toEqual({ products: 0, skus: 0, categories: 0, brands: 0 });
  });

  it("reports an unknown category level, a 4-level category, a bad price, a duplicate 商家编码 and missing cells by row and column, writing nothing", async () => {
    const m = await newMerchant({ currency: "CNY" });
    await categoryPath(m, "服装");
    const response = await send(m, "create", CREATE_HEADER, [
      row("P1", "好的", "服装", "新品牌", "", "S1", "10"),
      row("P2", "未知", "服装/裤子", "", "", "S2", "10"),
      row("P3", "太深", "一/二/三/四", "", "", "S3", "10"),
      row("P4", "价格", "", "", "", "S4", "12.345"),
      row("P5", "价格", "", "", "", "S5", "abc"),
      row("P6", "重复", "", "", "", "S1", "10"),
      row("", "", "", "", "", "S7", ""),
    ]);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION");
    expect(response.body.message).toContain("何も取り込んでいません");
    expect(response.body.issues).toEqual([
      { path: [2, "分类"], message: expect.stringContaining("2階層目「裤子」が登録されていません") },
      { path: [3, "分类"], message: expect.stringContaining("3階層まで") },
      { path: [4, "零售价"], message: expect.stringContaining("小数点以下2桁") },
      { path: [5, "零售价"], message: expect.stringContaining("小数点以下2桁") },
      { path: [6, "商家编码"], message: expect.stringContaining("1行目") },
      { path: [7, "货品编号"], message: expect.stringContaining("必須") },
      { path: [7, "货品名称"], message: expect.stringContaining("必須") },
      { path: [7, "零售价"], message: expect.stringContaining("必須") },
    ]);
    expect(await counts(m)).toEqual({ products: 0, skus: 0, categories: 1, brands: 0 });
  });

  it("creates missing category levels when asked, once per path, and still refuses a fourth level", async () => {
    const m = await newMerchant({ currency: "CNY" });
    await categoryPath(m, "服装");
    const response = await send(
      m,
      "create",
      CREATE_HEADER,
      [row("P1", "甲", "服装/裤子/长裤", "", "", "S1", "1"), row("P2", "乙", "服装/裤子/长裤", "", "", "S2", "1"), row("P3", "丙", "服装/裤子", "", "", "S3", "1")],
      true,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.categoriesCreated).toBe(2);
    const tree = await m.api("GET", "/api/categories");
    expect(tree.body.items.map((c: { name: string; depth: number }) => [c.name, c.depth])).toEqual([
      ["服装", 1],
      ["裤子", 2],
      ["长裤", 3],
    ]);
    const deep = await send(m, "create", CREATE_HEADER, [row("P4", "丁", "服装/裤子/长裤/九分", "", "", "S4", "1")], true);
    expect(deep.body.issues).toEqual([{ path: [1, "分类"], message: expect.stringContaining("三级以内") }]);
  });

  it("a 商家编码 the catalog has is refused as existing; a 货品编号 it has takes new specs, which must differ from its own", async () => {
    const m = await newMerchant({ currency: "CNY" });
    expect((await send(m, "create", CREATE_HEADER, [row("T1", "衫", "", "", "红", "00123", "1")])).status).toBe(200);
    const again = await send(m, "create", CREATE_HEADER, [row("T1", "衫", "", "", "红", "00123", "1")]);
    expect(again.body.issues).toEqual([{ path: [1, "商家编码"], message: expect.stringContaining("already exists") }]);
    const sameSpec = await send(m, "create", CREATE_HEADER, [row("T1", "衫", "", "", "颜色:红", "00125", "1")]);
    expect(sameSpec.body.issues).toEqual([{ path: [1, "规格名称"], message: expect.stringContaining("00123") }]);
    const newSpec = await send(m, "create", CREATE_HEADER, [row("T1", "别的名字", "", "", "蓝", "00124", "2")]);
    expect(newSpec.status, JSON.stringify(newSpec.body)).toBe(200);
    expect(newSpec.body).toMatchObject({ productsCreated: 0, skusCreated: 1 });
    expect((await catalog(m)).map((s) => [s.product, s.name, s.code, s.spec])).toEqual([
      ["T1", "衫", "00123", "红"],
      ["T1", "衫", "00124", "蓝"],
    ]);
  });

  it("rows of one 货品编号 must agree on the product's cells, and a multi-spec product names every spec once", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const response = await send(m, "create", CREATE_HEADER, [
      row("T1", "衫", "", "", "红", "A", "1"),
      row("T1", "裤", "", "", "蓝", "B", "1"),
      row("T1", "衫", "", "", "", "C", "1"),
      row("T1", "衫", "", "", "颜色:红", "D", "1"),
    ]);
    expect(response.body.issues).toEqual([
      { path: [2, "货品名称"], message: expect.stringContaining("1行目") },
      { path: [3, "规格名称"], message: expect.stringContaining("規格名称が必須") },
      { path: [4, "规格名称"], message: expect.stringContaining("1行目と同じ") },
    ]);
    expect(await counts(m)).toEqual({ products: 0, skus: 0, categories: 0, brands: 0 });
  });

  it("5,001 rows are refused whole with the limit named; 5,000 are written in one go", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => row(`P${String(Math.floor(i / 5)).padStart(4, "0")}`, "批量", "", "", `规格${i % 5}`, String(i).padStart(5, "0"), "9.99"));
    const tooMany = await send(m, "create", CREATE_HEADER, rows(5_001));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues).toEqual([{ path: [5001, "货品编号"], message: expect.stringContaining("5,000") }]);
    expect(await counts(m)).toEqual({ products: 0, skus: 0, categories: 0, brands: 0 });

    const ok = await send(m, "create", CREATE_HEADER, rows(5_000));
    expect(ok.status, JSON.stringify(ok.body).slice(0, 500)).toBe(200);
    expect(ok.body).toMatchObject({ productsCreated: 1_000, skusCreated: 5_000 });
    expect(await counts(m)).toMatchObject({ products: 1_000, skus: 5_000 });
  });

  it("nothing is half-applied: one bad row keeps the good rows' products, new brands and new categories out", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const response = await send(
      m,
      "create",
      CREATE_HEADER,
      [row("P1", "甲", "新/分类", "新品牌", "", "S1", "1"), row("P2", "乙", "新/分类", "新品牌", "", "S2", "-1")],
      true,
    );
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: [2, "零售价"], message: expect.stringContaining("マイナス") }]);
    expect(await counts(m)).toEqual({ products: 0, skus: 0, categories: 0, brands: 0 });
  });

  it("the 样例文件 downloads with a BOM, the seed's header and a two-spec example whose codes keep their zeros, and imports back as it is", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const response = await m.api("GET", "/api/products/import/template.csv?mode=create");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    // The bytes themselves: Response.text() would drop the BOM.
    const signedIn = await call("POST", "/api/auth/sign-in", { email: m.email, password: m.password });
    const raw = await exports.default.fetch(
      new Request("http://renkei.test/api/products/import/template.csv", { headers: { cookie: signedIn.headers.get("set-cookie")!.split(";")[0]! } }),
    );
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('="00123"');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(CREATE_HEADER);
    expect(rows).toHaveLength(2);
    const imported = await send(m, "create", header!, rows, true);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect((await catalog(m)).map((s) => [s.code, s.spec, s.price])).toEqual([
      ["00123", "颜色:红;尺码:S", 5990],
      ["00124", "颜色:红;尺码:M", 5990],
    ]);
    const update = await m.api("GET", "/api/products/import/template.csv?mode=update");
    expect(parseCsv(update.body as string)[0]).toEqual(UPDATE_HEADER);
  });
});

describe("商品批量更新 (update)", () => {
  async function stocked() {
    const m = await newMerchant({ currency: "CNY" });
    const created = await send(m, "create", CREATE_HEADER, [
      row("T1", "衫", "", "", "红", "00123", "10"),
      row("T1", "衫", "", "", "蓝", "00124", "10"),
      row("T2", "裤", "", "", "", "00200", "20"),
    ]);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    return m;
  }

  it("上下架 blank or 1 lists, 2 delists; the product is listed while any SKU is; blank cells keep the catalog's values", async () => {
    const m = await stocked();
    const response = await send(m, "update", UPDATE_HEADER, [
      updateRow("T1", "00123", { listing: "2", price: "12.5" }),
      updateRow("T1", "00124", { listing: "1" }),
      updateRow("T2", "00200", { listing: "2", name: "长裤" }),
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toEqual({ mode: "update", productsCreated: 0, skusCreated: 0, productsUpdated: 2, skusUpdated: 3, categoriesCreated: 0, brandsCreated: 0 });
    expect((await catalog(m)).map((s) => [s.code, s.name, s.spec, s.price, s.listing, s.productListing])).toEqual([
      ["00123", "衫", "红", 1250, "unlisted", "listed"],
      ["00124", "衫", "蓝", 1000, "listed", "listed"],
      ["00200", "长裤", "", 2000, "unlisted", "unlisted"],
    ]);

    const relist = await send(m, "update", UPDATE_HEADER, [updateRow("T2", "00200"), updateRow("T1", "00123", { spec: "绿" })]);
    expect(relist.status, JSON.stringify(relist.body)).toBe(200);
    expect((await catalog(m)).map((s) => [s.code, s.spec, s.listing, s.productListing])).toEqual([
      ["00123", "绿", "listed", "listed"],
      ["00124", "蓝", "listed", "listed"],
      ["00200", "", "listed", "listed"],
    ]);
  });

  it("updates 基本单位 and attribute cells by the file's headers; blank cells keep what the product has", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const created = await send(m, "create", [...FIXED, "材质", "产地"], [[...row("C1", "裤", "", "", "", "C1", "1").slice(0, 7), "条", "棉", "上海"]]);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const header = [...FIXED, "上下架", "材质", "产地", "季节"];
    const updated = await send(m, "update", header, [["C1", "", "", "", "", "C1", "", "件", "", "麻", "", "夏", ""].slice(0, 12)]);
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const id = (await m.api("GET", "/api/products?q=C1")).body.items[0].id;
    const product = (await m.api("GET", `/api/products/${id}`)).body;
    expect(product.baseUnit).toBe("件");
    expect(product.skus[0].attributes).toEqual({ 材质: "麻", 产地: "上海", 季节: "夏" });
    // a blank 基本单位 keeps it
    expect((await send(m, "update", header, [["C1", "", "", "", "", "C1", "", "", "", "", "", "", ""].slice(0, 12)])).status).toBe(200);
    expect((await m.api("GET", `/api/products/${id}`)).body.baseUnit).toBe("件");
  });

  it("refuses unknown SKUs, a SKU under another 货品编号, a bad 上下架 and a spec its product already has — and changes nothing", async () => {
    const m = await stocked();
    const before = await catalog(m);
    const response = await send(m, "update", UPDATE_HEADER, [
      updateRow("T1", "00123", { price: "99", listing: "3" }),
      updateRow("T1", "99999"),
      updateRow("T1", "00200"),
      updateRow("T1", "00124", { spec: "红" }),
    ]);
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([
      { path: [1, "上下架"], message: expect.stringContaining("上下架") },
      { path: [2, "商家编码"], message: expect.stringContaining("找不到") },
      { path: [3, "货品编号"], message: expect.stringContaining("T2") },
      { path: [4, "规格名称"], message: expect.stringContaining("00123") },
    ]);
    expect(await catalog(m)).toEqual(before);
  });

  it("updates 5,000 SKUs in one file and refuses 5,001 whole", async () => {
    const m = await newMerchant({ currency: "CNY" });
    const codes = Array.from({ length: 5_000 }, (_, i) => String(i).padStart(5, "0"));
    const created = await send(m, "create", CREATE_HEADER, codes.map((c, i) => row(`P${Math.floor(i / 10)}`, "批量", "", "", `规格${i % 10}`, c, "1")));
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(200);

    const tooMany = await send(m, "update", UPDATE_HEADER, [...codes, "05000"].map((c, i) => updateRow(`P${Math.floor(i / 10)}`, c, { listing: "2" })));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues).toEqual([{ path: [5001, "货品编号"], message: expect.stringContaining("5,000") }]);

    const ok = await send(m, "update", UPDATE_HEADER, codes.map((c, i) => updateRow(`P${Math.floor(i / 10)}`, c, { listing: i % 2 ? "2" : "", price: "2.50" })));
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(200);
    expect(ok.body).toMatchObject({ productsUpdated: 500, skusUpdated: 5_000 });
    const summary = await env.DB.prepare(
      "SELECT listing_status, COUNT(*) AS n, MIN(price) AS low, MAX(price) AS high FROM skus WHERE merchant_id = ?1 GROUP BY listing_status ORDER BY listing_status",
    )
      .bind(m.merchantId)
      .all();
    expect(summary.results).toEqual([
      { listing_status: "listed", n: 2_500, low: 250, high: 250 },
      { listing_status: "unlisted", n: 2_500, low: 250, high: 250 },
    ]);
  });
});
