/**
 * 入库单导入 in the browser: the product file's reader with this file's header telling a legacy
 * CSV's encoding, and the row checks the worker runs again (row and column of each problem, the
 * 5,000-row limit, leading zeros kept).
 */
import { describe, expect, it } from "vitest";
import { INBOUND_FILE_MAX_ROWS, readInboundFile } from "../../../shared/schemas/inbound-file";
import { checkInboundSheet, inboundTemplate, readInboundSheet } from "../../../pwa/admin/inbound-file";
import { encoderFor } from "./legacy-encoding";
import { workbook } from "./xlsx-fixture";

const file = (name: string, bytes: Uint8Array) => ({ name, arrayBuffer: async () => bytes.slice().buffer });

describe("reading an 入库单 file", () => {
  it("UTF-8 with or without a BOM; the BOM leaves the header", async () => {
    const text = "商家编码,数量,备注\r\n00123,3,箱A\r\n";
    for (const bytes of [new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), new TextEncoder().encode(text)]) {
      const sheet = await readInboundSheet(file("入库单.csv", bytes), "auto", "shift_jis");
      expect(sheet).toMatchObject({ kind: "csv", encoding: "utf-8", header: ["商家编码", "数量", "备注"], rows: [["00123", "3", "箱A"]] });
    }
  });

  it("GB18030 for a Japanese user and Shift_JIS for a Chinese one, each told by the header it reads", async () => {
    const gbk = await readInboundSheet(file("入库单.csv", encoderFor("gb18030")("商家编码,数量,备注\r\nA-1,2,到货\r\n")), "auto", "shift_jis");
    expect(gbk).toMatchObject({ encoding: "gb18030", header: ["商家编码", "数量", "备注"], rows: [["A-1", "2", "到货"]] });
    // Shift_JIS has no 编 / 码 / 备: a Japanese sheet spells them 編碼 / 備考
    const sjis = await readInboundSheet(file("入荷.csv", encoderFor("shift_jis")("商家編碼,数量,備考\r\nA-1,2,入荷\r\n")), "auto", "gb18030");
    expect(sjis).toMatchObject({ encoding: "shift_jis", header: ["商家編碼", "数量", "備考"] });
    expect(checkInboundSheet(sjis)).toEqual({ issues: [], lines: 1, quantity: 2 });
  });

  it("an Excel .xlsx keeps a leading-zero code stored as text", async () => {
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>5</v></c></row>';
    const sheet = await readInboundSheet(file("入库单.xlsx", await workbook(rows, ["<t>商家编码</t>", "<t>数量</t>", "<t>00123</t>"])), "auto", "gb18030");
    expect(sheet).toMatchObject({ kind: "xlsx", header: ["商家编码", "数量"], rows: [["00123", "5"]] });
    expect(checkInboundSheet(sheet)).toEqual({ issues: [], lines: 1, quantity: 5 });
  });

  it("the 样例文件 reads back clean", async () => {
    const sheet = await readInboundSheet(file("t.csv", new TextEncoder().encode(inboundTemplate())), "auto", "gb18030");
    expect(readInboundFile(sheet.header, sheet.rows)).toMatchObject({ issues: [], lines: [{ code: "00123", quantity: 10 }] });
  });
});

describe("checking an 入库单 file", () => {
  it("names each problem by row and column: code missing or repeated, quantity not a whole number ≥ 1", () => {
    const { issues, lines } = readInboundFile(["数量", "商家编码"], [["2", "A"], ["1", "A"], ["0", ""], ["1.5", "B"], ["", "C"], ["", ""]]);
    expect(lines).toEqual([]);
    expect(issues.map((i) => i.path)).toEqual([
      [2, "商家编码"],
      [3, "商家编码"],
      [3, "数量"],
      [4, "数量"],
      [5, "数量"],
    ]);
  });

  it("refuses a header without 商家编码 or 数量, and a file of more than 5,000 rows, whole", () => {
    expect(readInboundFile(["SKU", "数量"], [["A", "1"]]).issues).toEqual([{ path: [0, "商家编码"], message: expect.stringContaining("商家编码") }]);
    const many = Array.from({ length: INBOUND_FILE_MAX_ROWS + 1 }, (_, i) => [`C${i}`, "1"]);
    expect(readInboundFile(["商家编码", "数量"], many).issues).toEqual([{ path: [INBOUND_FILE_MAX_ROWS + 1, "商家编码"], message: expect.stringContaining("5,000") }]);
    expect(readInboundFile(["商家编码", "数量"], many.slice(1)).issues).toEqual([]);
  });

  it("keeps Excel's text guard's leading zeros and the merchant's 备注", () => {
    expect(readInboundFile(["商家编码", "数量", "备注"], [['="00123"', " 4 ", "检查"]]).lines).toEqual([{ row: 1, code: "00123", quantity: 4, remark: "检查" }]);
  });
});
