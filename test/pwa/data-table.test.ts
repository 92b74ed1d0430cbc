import type { VNode } from "preact";
import { describe, expect, it } from "vitest";
import { DataTable, type Column } from "../../pwa/admin/components/data-table";
import { negative, stockLevelColumns } from "../../pwa/admin/components/stock-columns";
import { translate, type MessageKey } from "../../pwa/admin/i18n";
import type { StockLevel } from "../../pwa/admin/types";

// DataTable has no hooks: its markup is read straight from the elements it returns.
type Element = VNode<Record<string, unknown> & { children?: unknown }>;
const childrenOf = (node: Element): Element[] => [node.props.children].flat(Infinity).filter((c): c is Element => !!c && typeof c === "object");
const all = (node: Element, type: string): Element[] => [...(node.type === type ? [node] : []), ...childrenOf(node).flatMap((c) => all(c, type))];
const text = (node: Element): string =>
  [node.props.children]
    .flat(Infinity)
    .map((c) => (c && typeof c === "object" ? text(c as Element) : c == null || typeof c === "boolean" ? "" : String(c)))
    .join("");
const attrs = ({ props: { children: _, ...rest } }: Element) => Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));

interface Row {
  id: string;
  qty: number;
}
const rows: Row[] = [
  { id: "a", qty: 3 },
  { id: "b", qty: -2 },
];

describe("DataTable", () => {
  const columns: (Column<Row> | false)[] = [
    { head: "ID", cell: (r) => r.id, attrs: (r) => ({ title: `row ${r.id}` }) },
    false,
    { head: "数量", class: "num", cell: (r) => r.qty, attrs: (r) => negative(r.qty) },
    { cell: () => "edit", attrs: () => ({ class: "row-actions" }) },
  ];

  it("is a scrolling table with a header row and one row per item, columns left out where they are false", () => {
    const table = DataTable({ columns, rows }) as Element;
    expect(table.props.class).toBe("table-wrap");
    expect(all(table, "table")[0]!.props.class).toBe("table");
    expect(all(table, "th").map(text)).toEqual(["ID", "数量", ""]);
    expect(all(table, "tr").slice(1).map((tr) => all(tr, "td").map(text))).toEqual([
      ["a", "3", "edit"],
      ["b", "-2", "edit"],
    ]);
  });

  it("gives a column's class to its header and its cells, adding a cell's own class and attributes", () => {
    const table = DataTable({ columns, rows }) as Element;
    expect(all(table, "th").map(attrs)).toEqual([{}, { class: "num" }, {}]);
    const [first, second] = all(table, "tr").slice(1).map((tr) => all(tr, "td").map(attrs));
    expect(first).toEqual([{ title: "row a" }, { class: "num" }, { class: "row-actions" }]);
    expect(second).toEqual([{ title: "row b" }, { class: "num negative" }, { class: "row-actions" }]);
  });

  it("marks rows that open something, and gives each row its own attributes", () => {
    const onClick = () => {};
    const table = DataTable({ columns, rows, clickable: true, row: (r) => ({ class: r.id === "b" ? "row--selected" : "", onClick }) }) as Element;
    expect(all(table, "table")[0]!.props.class).toBe("table table--clickable");
    expect(all(table, "tr").slice(1).map(attrs)).toEqual([
      { class: "", onClick },
      { class: "row--selected", onClick },
    ]);
  });

  it("shows the header alone while there are no rows yet", () => {
    const table = DataTable({ columns, rows: undefined }) as Element;
    expect(all(table, "th")).toHaveLength(3);
    expect(all(table, "td")).toHaveLength(0);
  });
});

describe("stock level columns", () => {
  const t = (key: MessageKey) => translate("ja", key);
  const level = { onHand: -1, allocated: 2, held: 0, incoming: 4, available: -3 } as StockLevel;

  it("are the five numbers of a level, right-aligned, a negative one marked", () => {
    const columns = stockLevelColumns(t);
    expect(columns.map((c) => c.head)).toEqual(["在庫数", "引当数", "保留数", "入荷予定数", "引当可能数"]);
    expect(columns.every((c) => c.class === "num")).toBe(true);
    expect(columns.map((c) => c.cell(level))).toEqual([-1, 2, 0, 4, -3]);
    expect(columns.map((c) => c.attrs?.(level)?.class)).toEqual(["negative", undefined, undefined, undefined, "negative"]);
    expect(columns.map((c) => c.attrs?.({ ...level, onHand: 0, available: 5 })?.class)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
