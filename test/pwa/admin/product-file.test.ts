import { describe, expect, it } from "vitest";
import { checkSheet, decodeCsvBytes, FileProblem, issuesCsv, legacyEncodingFor, readSheet, type Progress } from "../../../pwa/admin/product-file";
import { FileCheck, rowAttributes, startFile } from "../../../shared/schemas/product-import";
import { readXlsx } from "../../../pwa/admin/xlsx";
import { encoderFor } from "./legacy-encoding";
import { workbook } from "./xlsx-fixture";

const HEADER = "货品编号,货品名称,分类,品牌,规格名称,商家编码,零售价,基本单位,属性1,属性2,属性3,属性4";
/** The seed's header in the kanji Shift_JIS has (货 / 编 / 码 do not exist there). */
const SJIS_HEADER = "貨品編号,貨品名称,分類,品牌,規格名称,商家編碼,零售価,基本単位";

const gbk = encoderFor("gb18030");
const sjis = encoderFor("shift_jis");

const file = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer });

describe("the test encoders agree with published byte values", () => {
  it("GBK 中文 = D6D0 CEC4, 货品 = BBF5 C6B7; Shift_JIS 商品 = 8FA4 9569, 日本 = 93FA 967B, ｶ = B6", () => {
    expect([...gbk("中文货品")]).toEqual([0xd6, 0xd0, 0xce, 0xc4, 0xbb, 0xf5, 0xc6, 0xb7]);
    expect([...sjis("商品日本ｶ")]).toEqual([0x8f, 0xa4, 0x95, 0x69, 0x93, 0xfa, 0x96, 0x7b, 0xb6]);
  });
});

describe("reading a CSV's bytes in the encoding it was saved in", () => {
  const rows = `${HEADER}\r\nT001,纯棉T恤,服装/上衣/T恤,示例品牌,颜色:红;尺码:S,00123,59.90,件,,,,\r\n`;

  it("UTF-8 with a BOM is UTF-8, whatever the user's language, and the BOM is gone from the header", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(rows)]);
    const sheet = await readSheet(file("商品.csv", bytes), "auto", "shift_jis");
    expect(sheet).toMatchObject({ kind: "csv", encoding: "utf-8" });
    expect(sheet.header[0]).toBe("货品编号");
    expect(sheet.rows[0]![5]).toBe("00123");
  });

  it("UTF-8 without a BOM is recognised by being valid UTF-8", () => {
    const decoded = decodeCsvBytes(new TextEncoder().encode(rows), "auto", "gb18030");
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.text).toBe(rows);
  });

  it("GBK from a Chinese Excel is read as GB18030 even for a Japanese user, because its header reads right", async () => {
    const sheet = await readSheet(file("导出.csv", gbk(rows)), "auto", legacyEncodingFor("ja"));
    expect(sheet.encoding).toBe("gb18030");
    expect(sheet.header.join(",")).toBe(HEADER);
    expect(sheet.rows[0]!.slice(0, 7)).toEqual(["T001", "纯棉T恤", "服装/上衣/T恤", "示例品牌", "颜色:红;尺码:S", "00123", "59.90"]);
  });

  it("GB18030's four-byte characters (beyond GBK) are read too", () => {
    // 㐀 U+3400 is 0x8139EE39 in GB18030; GBK has no such character.
    const decoded = decodeCsvBytes(gbk(`${HEADER}\r\nX1,㐀号,,,,001,1,个\r\n`, { 㐀: [0x81, 0x39, 0xee, 0x39] }), "auto", "gb18030");
    expect(decoded.encoding).toBe("gb18030");
    expect(decoded.text).toContain("X1,㐀号,");
  });

  it("Shift_JIS from a Japanese Excel is read as Shift_JIS even for a Chinese user, half-width kana included", async () => {
    const text = `${SJIS_HEADER}\r\nJ01,湯呑ﾕﾉﾐ,食器/和食器,窯元,赤 大,00123,1980,個\r\n`;
    const sheet = await readSheet(file("商品.csv", sjis(text)), "auto", legacyEncodingFor("zh"));
    expect(sheet.encoding).toBe("shift_jis");
    expect(sheet.header.join(",")).toBe(SJIS_HEADER);
    expect(sheet.rows[0]).toEqual(["J01", "湯呑ﾕﾉﾐ", "食器/和食器", "窯元", "赤 大", "00123", "1980", "個"]);
  });

  it("with no header to go by, the user's language picks the legacy encoding; a choice overrides detection", () => {
    const bytes = sjis("日本,商品\r\n");
    expect(decodeCsvBytes(bytes, "auto", "shift_jis")).toEqual({ text: "日本,商品\r\n", encoding: "shift_jis" });
    expect(decodeCsvBytes(bytes, "auto", "gb18030").encoding).toBe("gb18030");
    expect(decodeCsvBytes(bytes, "shift_jis", "gb18030")).toEqual({ text: "日本,商品\r\n", encoding: "shift_jis" });
  });

  it("an old binary .xls and an empty file are refused with a reason", async () => {
    await expect(readSheet(file("a.xls", Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])), "auto", "gb18030")).rejects.toMatchObject({
      key: "productFile.xls",
    });
    await expect(readSheet(file("a.csv", new Uint8Array()), "auto", "gb18030")).rejects.toBeInstanceOf(FileProblem);
  });
});

describe("reading an Excel workbook (.xlsx) as text", () => {
  const strings = [
    "<t>货品编号</t>",
    "<t>货品名称</t>",
    "<t>商家编码</t>",
    "<t>00123</t>",
    // Japanese Excel keeps furigana beside the text: not part of the cell.
    '<r><t>纯棉</t></r><r><rPr><b/></rPr><t xml:space="preserve">T恤 &amp; 包</t></r><rPh sb="0" eb="2"><t>ジュンメン</t></rPh>',
  ];
  const sheetRows =
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>T001</t></is></c><c r="B2" t="s"><v>4</v></c><c r="D2" t="s"><v>3</v></c><c r="E2"><v>59.900000000000006</v></c></row>' +
    '<row r="3"><c r="A3"/><c r="B3" s="0"/></row>' +
    '<row r="4"><c r="A4" t="str"><f>A2</f><v>T001</v></c><c r="D4" s="1"><v>124</v></c><c r="E4" s="2"><v>1280</v></c><c r="F4" t="b"><v>1</v></c></row>';

  it("keeps a leading-zero code stored as text, pads a number formatted 00000, writes numbers shortest, drops blank rows and furigana", async () => {
    for (const store of [[], ["xl/worksheets/sheet2.xml", "xl/sharedStrings.xml"]]) {
      const rows = await readXlsx(await workbook(sheetRows, strings, { store }));
      expect(rows).toEqual([
        ["货品编号", "货品名称", "", "商家编码"],
        ["T001", "纯棉T恤 & 包", "", "00123", "59.9"],
        ["T001", "", "", "00124", "1280", "TRUE"],
      ]);
    }
  });

  it("is chosen by its zip signature, reports progress, and reads into the same sheet shape as a CSV", async () => {
    const seen: Progress[] = [];
    const sheet = await readSheet(file("商品.xlsx", await workbook(sheetRows, strings)), "auto", "gb18030", (p) => seen.push(p));
    expect(sheet.kind).toBe("xlsx");
    expect(sheet.header).toEqual(["货品编号", "货品名称", "", "商家编码"]);
    expect(sheet.rows[0]![3]).toBe("00123");
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual({ phase: "read", done: 1, total: 1 });
  });

  it("a broken workbook is refused as such", async () => {
    await expect(readSheet(file("x.xlsx", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), "auto", "gb18030")).rejects.toMatchObject({
      key: "productFile.badXlsx",
    });
  });
});

describe("checking the rows before sending", () => {
  const header = HEADER.split(",");
  const row = (code: string, price: string, category = "") => ["P1", "衫", category, "", code, code, price, "件", "", "", "", ""];

  it("reports every problem by row and column with the worker's own messages, and counts products and SKUs", async () => {
    const checked = await checkSheet({ header, rows: [row("A", "1.5"), row("B", "1.555"), row("A", "1", "一/二/三/四")] }, "create", "CNY");
    expect(checked.issues).toEqual([
      { path: [2, "零售价"], message: expect.stringContaining("小数点以下2桁") },
      { path: [3, "分类"], message: expect.stringContaining("3階層まで") },
      // a repeated code is said even on a row with other problems
      { path: [3, "商家编码"], message: expect.stringContaining("1行目") },
    ]);
    const ok = await checkSheet({ header, rows: [row("A", "1.5"), row("B", "2")] }, "create", "CNY");
    expect(ok).toEqual({ issues: [], products: 1, skus: 2 });
    const yen = await checkSheet({ header, rows: [row("A", "1.5")] }, "create", "JPY");
    expect(yen.issues[0]!.message).toContain("円の整数");
  });

  it("refuses 5,001 rows whole before checking any, and reports progress in chunks on a long file", async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ["P" + Math.floor(i / 4), "衫", "", "", `规格${i % 4}`, String(i).padStart(5, "0"), "1", "", "", "", "", ""]);
    const refused = await checkSheet({ header, rows: many(5_001) }, "create", "CNY");
    expect(refused.issues).toEqual([{ path: [5001, "货品编号"], message: expect.stringContaining("5,000") }]);
    const seen: number[] = [];
    const ok = await checkSheet({ header, rows: many(5_000) }, "create", "CNY", (p) => seen.push(p.done), 1_000);
    expect(ok).toEqual({ issues: [], products: 1_250, skus: 5_000 });
    expect(seen).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000]);
  });

  it("offers the problems as a CSV, header row first, in row order", () => {
    const csv = issuesCsv([
      { path: [3, "零售价"], message: "bad, price" },
      { path: [0, "分类"], message: "header" },
    ]);
    expect(csv.split("\r\n")).toEqual(["行 / 行号 / row,列 / 列 / column,内容 / 错误 / problem", "0,分类,header", '3,零售价,"bad, price"', ""]);
  });
});

describe("the attribute columns of a product file", () => {
  it("keep the merchant's renamed headers as names, blank cells left out, 基本单位 read for the product", () => {
    const header = ["货品编号", "货品名称", "分类", "品牌", "规格名称", "商家编码", "零售价", "基本单位", "颜色说明", "", "材质"];
    const check = startFile(header, 1, "create", "CNY");
    if (!(check instanceof FileCheck)) throw new Error(JSON.stringify(check));
    check.add(["T1", "衫", "", "", "", "00123", "1", "件", "大红", "", "棉"], 1);
    const { products, issues } = check.finish();
    expect(issues).toEqual([]);
    expect(products[0]!.baseUnit).toBe("件");
    expect(rowAttributes(check.layout, products[0]!.skus[0]!)).toEqual({ 颜色说明: "大红", 材质: "棉" });
  });
});
