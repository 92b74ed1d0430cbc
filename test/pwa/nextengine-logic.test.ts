import { describe, expect, it } from "vitest";
import { expectedRowsFromCsv, issuesToRows, shipmentsFromCsv } from "../../pwa/admin/nextengine-logic";

const waiting = [
  { orderId: "ord_1", receiveOrderId: "1001" },
  { orderId: "ord_2", receiveOrderId: "1002" },
];

describe("shipping desk CSV", () => {
  it("reads 受注番号,配送会社,追跡番号 rows after an optional header, skipping blank lines", () => {
    const read = shipmentsFromCsv("受注番号,配送会社,追跡番号\n1001,ヤマト,1234-5678\n\n1002,佐川,\n", waiting);
    expect(read.issues).toEqual([]);
    expect(read.items).toEqual([
      { orderId: "ord_1", carrier: "ヤマト", trackingNumber: "1234-5678" },
      { orderId: "ord_2", carrier: "佐川", trackingNumber: "" },
    ]);
    expect(read.rows).toEqual([2, 4]);
  });

  it("names each row whose order is not waiting to ship, or repeats one", () => {
    const read = shipmentsFromCsv("1001,ヤマト,1\n9999,ヤマト,2\n1001,ヤマト,3", waiting);
    expect(read.items).toHaveLength(1);
    expect(read.issues).toEqual([
      { row: 2, message: "ne.csvUnknown", vars: { row: 2, id: "9999" } },
      { row: 3, message: "ne.csvUnknown", vars: { row: 3, id: "1001" } },
    ]);
  });

  it("maps the worker's per-item issues back to the CSV's rows", () => {
    expect(issuesToRows([{ path: ["items", 1, "trackingNumber"], message: "bad" }], [2, 5])).toEqual([{ row: 5, message: "trackingNumber: bad" }]);
  });

  it("an unclosed quote is an issue on its row, and that row ships nothing", () => {
    const read = shipmentsFromCsv('1002,佐川,9\n1001,"ヤマト,1', waiting);
    expect(read.items).toEqual([{ orderId: "ord_2", carrier: "佐川", trackingNumber: "9" }]);
    expect(read.issues).toMatchObject([{ row: 2 }]);
  });
});

describe("入荷予定 CSV", () => {
  it("reads 拠点コード,商品コード,数量,発注番号 after an optional header, keeping each row's line for the worker's issues", () => {
    const read = expectedRowsFromCsv("拠点コード,商品コード,数量,発注番号\nW001, RB-001-RED ,5,PO-1\n\nS001,CF-200,x,\n");
    expect(read.issues).toEqual([]);
    expect(read.rows).toEqual([
      { location: "W001", code: "RB-001-RED", quantity: "5", reference: "PO-1" },
      { location: "S001", code: "CF-200", quantity: "x", reference: "" },
    ]);
    expect(read.lines).toEqual([2, 4]);
    expect(issuesToRows([{ path: ["rows", 1, "quantity"], message: "bad" }], read.lines, "rows")).toEqual([{ row: 4, message: "quantity: bad" }]);
  });

  it("a row that is not CSV is named and sent nowhere", () => {
    const read = expectedRowsFromCsv('W001,CF-200,1,PO-1\nW001,"CF-200,1,PO-1');
    expect(read.rows).toHaveLength(1);
    expect(read.issues).toMatchObject([{ row: 2 }]);
  });
});
