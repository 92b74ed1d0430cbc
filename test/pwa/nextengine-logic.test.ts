import { describe, expect, it } from "vitest";
import { expectedRowsFromCsv, issuesToRows, shipmentsFromCsv } from "../../pwa/admin/nextengine-logic";

const waiting = [
  { orderId: "ord_1", receiveOrderId: "1001" },
  { orderId: "ord_2", receiveOrderId: "1002" },
];

describe("入荷予定 CSV: the optional 種別 column", () => {
  it("takes 種別 as a fifth column, or wherever the header puts it; a row without one leaves it to the form", () => {
    const plain = expectedRowsFromCsv("W001,RB-001-RED,5,PO-1,移動\nW001,CF-200,1,PO-2");
    expect(plain.rows).toEqual([
      { location: "W001", code: "RB-001-RED", quantity: "5", reference: "PO-1", kind: "移動" },
      { location: "W001", code: "CF-200", quantity: "1", reference: "PO-2" },
    ]);
    expect(plain.rows[1]).not.toHaveProperty("kind");
    const moved = expectedRowsFromCsv("拠点コード,種別,商品コード,数量,発注番号\nS001, その他 ,TS-100-M,2,ETC-1\nS001,,TS-100-L,1,PO-3");
    expect(moved.rows).toEqual([
      { location: "S001", code: "TS-100-M", quantity: "2", reference: "ETC-1", kind: "その他" },
      { location: "S001", code: "TS-100-L", quantity: "1", reference: "PO-3" },
    ]);
    expect(moved.lines).toEqual([2, 3]);
    // a bad kind is the worker's to name, by row and column
    const odd = expectedRowsFromCsv("location,code,quantity,reference,kind\nW001,RB-001-RED,1,PO-1,返品");
    expect(odd.rows[0]!.kind).toBe("返品");
    expect(issuesToRows([{ path: ["rows", 0, "kind"], message: "種別「返品」は…" }], odd.lines, "rows")).toEqual([{ row: 2, message: "kind: 種別「返品」は…" }]);
  });
});

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
