import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../shared/csv";
import { newMerchant, newProduct, type TestMerchant } from "./helpers";

const UNIT_HEADER = "単位コード,管理用単位,販売用単位,画面表示名,単位換算値";
const PRODUCT_HEADER = "商品コード,単位コード,最低注文単位,最高注文単位";

const upload = (m: TestMerchant, kind: "units" | "product_units", csv: string) => m.api("POST", "/api/units/upload", { kind, csv });

async function unitsInDb(m: TestMerchant) {
  const rows = await env.DB.prepare("SELECT code, management_unit, sales_unit, display_name, conversion FROM units WHERE merchant_id = ?1 ORDER BY code")
    .bind(m.merchantId)
    .all<{ code: string; management_unit: string; sales_unit: string; display_name: string; conversion: number }>();
  return rows.results;
}

async function productUnitsInDb(m: TestMerchant) {
  const rows = await env.DB.prepare(
    "SELECT p.code, u.code AS unit_code, p.unit_min, p.unit_max FROM products p LEFT JOIN units u ON u.id = p.unit_id WHERE p.merchant_id = ?1 ORDER BY p.code",
  )
    .bind(m.merchantId)
    .all<{ code: string; unit_code: string | null; unit_min: number | null; unit_max: number | null }>();
  return rows.results;
}

/** A merchant with two units on file: 001 (m → cm, 100) and 002 (本 → 本, 1). */
async function merchantWithUnits() {
  const m = await newMerchant();
  const response = await upload(m, "units", `${UNIT_HEADER}\n001,m,cm,長さ,100\n002,本,本,本数,1\n`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return m;
}

describe("単位設定一括アップロード: units", () => {
  it("a valid file upserts every unit by code, keeping leading zeros and quoted commas", async () => {
    const m = await newMerchant();
    const csv = `\uFEFF${UNIT_HEADER}\r\n007,m,cm,"長さ, 布",100\r\n0010,kg,g,重さ,1000\r\n012,個,個,個数,1\r\n`;
    const first = await upload(m, "units", csv);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ units: 3, products: 0 });
    expect(await unitsInDb(m)).toEqual([
      { code: "0010", management_unit: "kg", sales_unit: "g", display_name: "重さ", conversion: 1000 },
      { code: "007", management_unit: "m", sales_unit: "cm", display_name: "長さ, 布", conversion: 100 },
      { code: "012", management_unit: "個", sales_unit: "個", display_name: "個数", conversion: 1 },
    ]);
    const idBefore = (await m.api("GET", "/api/units")).body.items.find((u: { code: string }) => u.code === "007").id;

    const second = await upload(m, "units", `${UNIT_HEADER}\n007,m,mm,長さ,1000\n`);
    expect(second.body).toEqual({ units: 1, products: 0 });
    const units = (await m.api("GET", "/api/units")).body.items;
    expect(units).toHaveLength(3);
    expect(units.find((u: { code: string }) => u.code === "007")).toMatchObject({ id: idBefore, salesUnit: "mm", conversion: 1000 });
  });

  it("English headers, in any order, and extra columns are accepted", async () => {
    const m = await newMerchant();
    const response = await upload(m, "units", "conversion,note,displayName,salesUnit,managementUnit,code\n100,リボン用,長さ,cm,m,U1\n");
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(await unitsInDb(m)).toEqual([{ code: "U1", management_unit: "m", sales_unit: "cm", display_name: "長さ", conversion: 100 }]);
  });

  it.each([
    ["0", "001,m,cm,長さ,0"],
    ["1.5", "001,m,cm,長さ,1.5"],
    ["−1", "001,m,cm,長さ,-1"],
    ["abc", "001,m,cm,長さ,abc"],
    ["empty", "001,m,cm,長さ,"],
  ])("conversion %s on row 2 refuses the file with the seed's message, and the good row 1 is not written either", async (_, bad) => {
    const m = await newMerchant();
    const response = await upload(m, "units", `${UNIT_HEADER}\n000,本,本,本数,1\n${bad}\n`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION");
    expect(response.body.message).toContain("データ行");
    expect(response.body.issues).toEqual([{ path: [2, "単位換算値"], message: expect.stringContaining("単位換算値には1以上の整数値") }]);
    expect(await unitsInDb(m)).toEqual([]);
  });

  it("the same management and sales unit needs conversion 1", async () => {
    const m = await newMerchant();
    const response = await upload(m, "units", `code,managementUnit,salesUnit,displayName,conversion\n001,m,cm,長さ,100\nCM,cm,cm,長さ,10\n`);
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: [2, "conversion"], message: expect.stringContaining("管理用単位と販売用単位が同一の場合は1") }]);
    expect(await unitsInDb(m)).toEqual([]);
  });

  it("every bad row is reported at once: empty cells, duplicate codes, a missing column", async () => {
    const m = await newMerchant();
    const bad = await upload(m, "units", `${UNIT_HEADER}\n001,m,cm,長さ,100\n002,,cm,長さ,100\n001,m,mm,長さ,1000\n`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([
      { path: [2, "管理用単位"], message: expect.stringContaining("必須") },
      { path: [3, "単位コード"], message: expect.stringContaining("row 1") },
    ]);
    const missing = await upload(m, "units", "単位コード,管理用単位,販売用単位,単位換算値\n001,m,cm,100\n");
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toEqual([{ path: [0, "画面表示名"], message: expect.stringContaining("missing column") }]);
    expect(await unitsInDb(m)).toEqual([]);
  });

  it("5,001 data rows are refused (row 5001 named) and nothing is written; 5,000 are written in one go", async () => {
    const m = await newMerchant();
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `${String(i).padStart(5, "0")},m,cm,長さ,100`).join("\n");
    const tooMany = await upload(m, "units", `${UNIT_HEADER}\n${rows(5_001)}\n`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues).toEqual([{ path: [5001, "単位コード"], message: expect.stringContaining("5,000") }]);
    expect(await unitsInDb(m)).toEqual([]);

    const ok = await upload(m, "units", `${UNIT_HEADER}\n${rows(5_000)}\n`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ units: 5000, products: 0 });
    const units = await unitsInDb(m);
    expect(units).toHaveLength(5000);
    expect(units[0]!.code).toBe("00000");
  });

  it("GET /api/units.csv downloads the units in the upload's format, and the download uploads back unchanged", async () => {
    const m = await merchantWithUnits();
    const response = await m.api("GET", "/api/units.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(parseCsv(response.body as string)).toEqual([UNIT_HEADER.split(","), ["001", "m", "cm", "長さ", "100"], ["002", "本", "本", "本数", "1"]]);
    const back = await upload(m, "units", response.body as string);
    expect(back.body).toEqual({ units: 2, products: 0 });
    expect(await unitsInDb(m)).toHaveLength(2);
  });

  it("an upload of an unknown kind answers 400 naming the kind", async () => {
    const m = await newMerchant();
    const response = await m.api("POST", "/api/units/upload", { kind: "products", csv: "x" });
    expect(response.status).toBe(400);
    expect(response.body.issues[0].path).toEqual(["kind"]);
  });
});

describe("単位設定一括アップロード: products' unit settings", () => {
  it("a valid file sets unit, min and max per product code (leading zeros kept), and an empty unit code takes the unit off", async () => {
    const m = await merchantWithUnits();
    await newProduct(m, { code: "000123" });
    await newProduct(m, { code: "000124" });
    const first = await upload(m, "product_units", `${PRODUCT_HEADER}\n000123,001,1,1000\n000124,002,2,20\n`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ units: 0, products: 2 });
    expect(await productUnitsInDb(m)).toEqual([
      { code: "000123", unit_code: "001", unit_min: 1, unit_max: 1000 },
      { code: "000124", unit_code: "002", unit_min: 2, unit_max: 20 },
    ]);
    const product = (await m.api("GET", "/api/products?q=000123")).body.items[0];
    expect(product.unit).toMatchObject({ code: "001", salesUnit: "cm", conversion: 100 });

    const cleared = await upload(m, "product_units", `productCode,unitCode,unitMin,unitMax\n000124,,,\n`);
    expect(cleared.body).toEqual({ units: 0, products: 1 });
    expect((await productUnitsInDb(m))[1]).toEqual({ code: "000124", unit_code: null, unit_min: null, unit_max: null });
  });

  it("more than one statement's worth of products (D1's 100 parameters) is written as one batch", async () => {
    const m = await merchantWithUnits();
    const codes = Array.from({ length: 30 }, (_, i) => `B${String(i).padStart(3, "0")}`);
    for (const code of codes) await newProduct(m, { code });
    const response = await upload(m, "product_units", `${PRODUCT_HEADER}\n${codes.map((c, i) => `${c},001,1,${100 + i}`).join("\n")}\n`);
    expect(response.body).toEqual({ units: 0, products: 30 });
    const rows = await productUnitsInDb(m);
    expect(rows.map((r) => [r.unit_code, r.unit_max])).toEqual(codes.map((_, i) => ["001", 100 + i]));
  });

  it.each([
    ["a set-child product", { kind: "set_child" }, "1,100", "単位コード", "セット子商品"],
    ["a download product", { kind: "download" }, "1,100", "単位コード", "ダウンロード商品"],
    ["a product with a pack quantity (入数)", { packQuantity: 6 }, "1,100", "単位コード", "入数"],
    ["a product with backorders (受注残)", { backorder: true }, "1,100", "単位コード", "受注残"],
    ["min 0", {}, "0,100", "最低注文単位", "最低注文単位は1以上"],
    ["max below min", {}, "10,5", "最高注文単位", "最高注文単位は最低注文単位以上"],
    ["a decimal min", {}, "1.5,100", "最低注文単位", "最低注文単位は1以上"],
  ])("%s on row 2 refuses the file, naming row 2 and the column; nothing is written", async (_, fields, minMax, column, message) => {
    const m = await merchantWithUnits();
    await newProduct(m, { code: "GOOD" });
    await newProduct(m, { code: "BAD", ...fields });
    const response = await upload(m, "product_units", `${PRODUCT_HEADER}\nGOOD,001,1,100\nBAD,001,${minMax}\n`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("VALIDATION");
    expect(response.body.issues).toEqual([{ path: [2, column], message: expect.stringContaining(message) }]);
    expect((await productUnitsInDb(m)).every((p) => p.unit_code === null)).toBe(true);
  });

  it("unknown product and unit codes are errors — another merchant's product counts as unknown", async () => {
    const m = await merchantWithUnits();
    const other = await merchantWithUnits();
    await newProduct(other, { code: "THEIRS" });
    await newProduct(m, { code: "MINE" });
    const response = await upload(m, "product_units", `${PRODUCT_HEADER}\nMINE,001,1,10\nTHEIRS,001,1,10\nMINE2,001,1,10\nMINE,999,1,10\n`);
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([
      { path: [2, "商品コード"], message: expect.stringContaining("unknown product code") },
      { path: [3, "商品コード"], message: expect.stringContaining("unknown product code") },
      { path: [4, "商品コード"], message: expect.stringContaining("duplicate") },
      { path: [4, "単位コード"], message: expect.stringContaining("unknown unit code") },
    ]);
    expect((await productUnitsInDb(m)).every((p) => p.unit_code === null)).toBe(true);
    expect((await productUnitsInDb(other)).every((p) => p.unit_code === null)).toBe(true);
  });

  it("5,001 rows of product settings are refused before any lookup, nothing written", async () => {
    const m = await merchantWithUnits();
    await newProduct(m, { code: "P0" });
    const rows = Array.from({ length: 5_001 }, (_, i) => `P${i},001,1,10`).join("\n");
    const response = await upload(m, "product_units", `${PRODUCT_HEADER}\n${rows}\n`);
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: [5001, "商品コード"], message: expect.stringContaining("5,000") }]);
    expect((await productUnitsInDb(m)).every((p) => p.unit_code === null)).toBe(true);
  });
});
