import { describe, expect, it } from "vitest";
import { priceReceipt } from "../../shared/receipt";
import {
  addInboundLine,
  deviceState,
  DOC_KINDS,
  DOC_STATES,
  documentMoney,
  documentSections,
  emptyInbound,
  emptyOut,
  INBOUND_KINDS,
  kindKey,
  lookupStock,
  receiptDifferences,
  sheetTotals,
  stateKey,
  stocktakePreview,
  submissionCounts,
  sumCounts,
  toInboundInput,
  toOutRequest,
  type LevelRow,
} from "../../pwa/admin/store-logic";
import type { QueryValues } from "../../pwa/admin/router";

const sheet = (lines: { skuId: string; counted: number }[]) => ({ body: { kind: "stocktake", area: "A", lines } });

describe("stocktake preview (盘盈 / 盘亏)", () => {
  it("adds the counts of one SKU over every sheet (area), in the order SKUs first appear", () => {
    const counts = sumCounts([
      sheet([{ skuId: "sku_a", counted: 2 }, { skuId: "sku_b", counted: 0 }]),
      sheet([{ skuId: "sku_c", counted: 4 }, { skuId: "sku_a", counted: 1 }]),
    ]);
    expect(counts).toEqual([["sku_a", 3], ["sku_b", 0], ["sku_c", 4]]);
    expect(sumCounts([])).toEqual([]);
  });

  it("takes the on hand from the count: above zero a surplus, below a deficit; a SKU never stocked has 0", () => {
    const onHand: Record<string, number> = { sku_a: 5, sku_b: 0, sku_d: 7 };
    const preview = stocktakePreview(
      [["sku_a", 3], ["sku_b", 0], ["sku_c", 4], ["sku_d", 7]],
      (id) => onHand[id],
    );
    expect(preview.rows).toEqual([
      { skuId: "sku_c", counted: 4, onHand: 0, diff: 4 },
      { skuId: "sku_a", counted: 3, onHand: 5, diff: -2 },
      { skuId: "sku_b", counted: 0, onHand: 0, diff: 0 },
      { skuId: "sku_d", counted: 7, onHand: 7, diff: 0 },
    ]);
    expect(preview.surplus).toEqual({ items: 1, units: 4 });
    expect(preview.deficit).toEqual({ items: 1, units: 2 });
    expect(preview.unchanged).toBe(2);
  });

  it("counts a negative on hand (offline sales beyond stock) back up to the count", () => {
    const preview = stocktakePreview([["sku_a", 2]], () => -3);
    expect(preview.rows[0]!.diff).toBe(5);
    expect(preview.surplus).toEqual({ items: 1, units: 5 });
  });

  it("reads a submission's counts and a sheet's totals, skipping what is malformed", () => {
    expect(submissionCounts({ counts: [["sku_a", 3], ["bad"], null, ["sku_b", 1]] })).toEqual([["sku_a", 3], ["sku_b", 1]]);
    expect(submissionCounts({})).toEqual([]);
    expect(sheetTotals(sheet([{ skuId: "sku_a", counted: 2 }, { skuId: "sku_b", counted: 5 }]))).toEqual({ lines: 2, counted: 7 });
  });
});

describe("store document lines", () => {
  // A sale of 85 cm × 3 of ¥999 / 100 cm ribbon (ceil: ¥850 a piece) and a coffee with a ¥80 discount.
  const saleLines = [
    { skuId: "sku_rb", quantity: 3, unitValue: 85, unitPrice: 850, discount: 0, taxRate: 10 },
    { skuId: "sku_cf", quantity: 2, unitPrice: 1080, discount: 80, taxRate: 8 },
  ];
  const priced = priceReceipt(saleLines, 100, "inclusive", "JPY");
  const sale = {
    kind: "sale",
    body: {
      kind: "sale",
      lines: saleLines,
      subtotalDiscount: 100,
      total: priced.total,
      tax: priced.tax.tax,
      tenders: [{ method: "現金", kind: "cash", amount: 5000 }],
      change: 5000 - priced.total,
    },
  };

  it("prices each line as shared/receipt.ts does: unit price × quantity − discount", () => {
    const [section] = documentSections(sale);
    expect(section!.key).toBe("lines");
    expect(section!.lines.map((l) => l.amount)).toEqual(priced.lineAmounts);
    expect(section!.lines[0]).toMatchObject({ skuId: "sku_rb", quantity: 3, unitValue: 85, amount: 2550, defective: false });
    expect(section!.lines[1]).toMatchObject({ unitValue: null, discount: 80, amount: 2080, taxRate: 8 });
  });

  it("shows the money of a sale in order: subtotal, discount, tax, total, change, with the tenders", () => {
    const money = documentMoney(sale)!;
    expect(money.rows).toEqual([
      { key: "subtotal", amount: 4630 },
      { key: "subtotalDiscount", amount: 100 },
      { key: "tax", amount: priced.tax.tax },
      { key: "total", amount: 4530 },
      { key: "change", amount: 470 },
    ]);
    expect(money.tenders).toEqual([{ method: "現金", kind: "cash", amount: 5000 }]);
    expect(money.refunds).toEqual([]);
  });

  it("marks defective (残次品) lines of a return, and splits an exchange into goods back and goods out", () => {
    const ret = { kind: "return", body: { lines: [{ skuId: "sku_a", quantity: 1, unitPrice: 3300, taxRate: 10, defective: true }], total: 3300, tax: 300, refunds: [{ method: "現金", kind: "cash", amount: 3300 }] } };
    expect(documentSections(ret)[0]!.lines[0]).toMatchObject({ defective: true, amount: 3300, discount: 0 });
    expect(documentMoney(ret)!.refunds).toEqual([{ method: "現金", kind: "cash", amount: 3300 }]);
    expect(documentMoney(ret)!.rows.map((r) => r.key)).toEqual(["subtotal", "tax", "total"]);

    const exchange = {
      kind: "exchange",
      body: {
        returned: [{ skuId: "sku_s", quantity: 1, unitPrice: 3300, taxRate: 10, defective: false }],
        given: [{ skuId: "sku_m", quantity: 1, unitPrice: 3300, taxRate: 10 }],
        returnedTotal: 3300,
        givenTotal: 3300,
      },
    };
    expect(documentSections(exchange).map((s) => [s.key, s.lines.map((l) => l.skuId)])).toEqual([
      ["returned", ["sku_s"]],
      ["given", ["sku_m"]],
    ]);
    expect(documentMoney(exchange)!.rows).toEqual([
      { key: "returnedTotal", amount: 3300 },
      { key: "givenTotal", amount: 3300 },
    ]);
  });

  it("lists counted and received quantities without prices, and a submission's summed counts", () => {
    const counted = documentSections({ kind: "stocktake", body: sheet([{ skuId: "sku_a", counted: 4 }]).body })[0]!.lines[0]!;
    expect(counted).toMatchObject({ skuId: "sku_a", quantity: 4, unitPrice: null, amount: null });
    const received = documentSections({ kind: "receipt", body: { lines: [{ skuId: "sku_a", received: 9 }] } })[0]!.lines[0]!;
    expect(received.quantity).toBe(9);
    expect(documentSections({ kind: "stocktake_submission", body: { counts: [["sku_a", 3]] } })[0]!.lines[0]).toMatchObject({ skuId: "sku_a", quantity: 3 });
    expect(documentMoney({ kind: "stocktake", body: {} })).toBeNull();
  });

  it("survives a body it does not know (no lines, wrong types)", () => {
    expect(documentSections({ kind: "sale", body: { lines: "nope" } })).toEqual([{ key: "lines", lines: [] }]);
    expect(documentSections({ kind: "sale", body: { lines: [{ skuId: 1, quantity: "2" }] } })[0]!.lines[0]).toMatchObject({ skuId: "", quantity: 0, amount: null });
  });

  it("names kinds and states the worker lists, and leaves unknown ones raw", () => {
    // The worker's filter enums (worker/http/routes/documents.ts DocumentQuery), read as text.
    const [route] = Object.values(import.meta.glob("../../worker/http/routes/documents.ts", { query: "?raw", import: "default", eager: true })) as string[];
    const enumOf = (field: string) => JSON.parse(new RegExp(`${field}: z\\.enum\\((\\[[^\\]]*\\])\\)`).exec(route!)![1]!) as string[];
    expect(enumOf("kind")).toEqual([...DOC_KINDS]);
    expect(enumOf("status")).toEqual([...DOC_STATES]);
    expect(kindKey("return")).toBe("docKind.return");
    expect(kindKey("refund")).toBeNull();
    expect(stateKey("posted")).toBe("docState.posted");
    expect(stateKey("lost")).toBeNull();
  });
});

describe("inbound deliveries", () => {
  const inbound = { body: { kind: "purchase", reference: "PO-1", lines: [{ skuId: "sku_a", quantity: 10 }, { skuId: "sku_b", quantity: 5 }, { skuId: "sku_a", quantity: 2 }] } };

  it("compare expected with received per SKU, with SKUs received but not expected", () => {
    const receipt = { body: { inboundId: "inb_1", lines: [{ skuId: "sku_a", received: 12 }, { skuId: "sku_b", received: 3 }, { skuId: "sku_c", received: 1 }] } };
    expect(receiptDifferences(inbound, receipt)).toEqual([
      { skuId: "sku_a", expected: 12, received: 12, diff: 0 },
      { skuId: "sku_b", expected: 5, received: 3, diff: -2 },
      { skuId: "sku_c", expected: 0, received: 1, diff: 1 },
    ]);
  });

  it("show only the expected quantities while nothing was received", () => {
    expect(receiptDifferences(inbound, null)).toEqual([
      { skuId: "sku_a", expected: 12, received: null, diff: null },
      { skuId: "sku_b", expected: 5, received: null, diff: null },
    ]);
  });

  it("take a picked SKU once, one more each time it is picked again", () => {
    let draft = addInboundLine(emptyInbound("loc_1"), { skuId: "sku_a", label: "A" });
    draft = addInboundLine(draft, { skuId: "sku_b", label: "B" });
    draft = addInboundLine(draft, { skuId: "sku_a", label: "A" });
    expect(draft.lines).toEqual([
      { skuId: "sku_a", label: "A", quantity: "2" },
      { skuId: "sku_b", label: "B", quantity: "1" },
    ]);
  });

  it("send whole quantities of 1 or more, and say which line is wrong", () => {
    const draft = { ...emptyInbound("loc_1"), kind: "transfer" as const, reference: " T-9 ", lines: [{ skuId: "sku_a", label: "A", quantity: " 12 " }] };
    expect(toInboundInput(draft)).toEqual({ input: { locationId: "loc_1", kind: "transfer", reference: "T-9", lines: [{ skuId: "sku_a", quantity: 12 }] }, issues: [] });
    const bad = toInboundInput({ ...draft, locationId: "", lines: [...draft.lines, { skuId: "sku_b", label: "B", quantity: "1.5" }, { skuId: "sku_c", label: "C", quantity: "0" }] });
    expect(bad.issues).toEqual([
      { path: ["locationId"], message: "form.required" },
      { path: ["lines", 1, "quantity"], message: "form.wholeNumber" },
      { path: ["lines", 2, "quantity"], message: "form.wholeNumber" },
    ]);
    expect(toInboundInput(emptyInbound("loc_1")).issues).toEqual([{ path: ["lines"], message: "entry.noLines" }]);
    expect(INBOUND_KINDS).toEqual(["purchase", "transfer", "other_in"]);
  });
});

describe("devices", () => {
  it("are waiting to pair, paired, or revoked (revoked wins)", () => {
    expect(deviceState({ pairedAt: null, revokedAt: null })).toBe("waiting");
    expect(deviceState({ pairedAt: "2026-04-20T00:00:00Z", revokedAt: null })).toBe("paired");
    expect(deviceState({ pairedAt: "2026-04-20T00:00:00Z", revokedAt: "2026-04-21T00:00:00Z" })).toBe("revoked");
    expect(deviceState({ pairedAt: null, revokedAt: "2026-04-21T00:00:00Z" })).toBe("revoked");
  });
});

describe("SKU lookup through the stock list", () => {
  const level = (skuId: string, locationId: string, onHand: number): LevelRow => ({ skuId, skuCode: skuId.toUpperCase(), productName: `name ${skuId}`, locationId, onHand });
  const levels = [level("a", "s1", 5), level("b", "s1", -1), level("c", "w1", 40), ...Array.from({ length: 60 }, (_, i) => level(`x${String(i).padStart(2, "0")}`, "s1", i))];
  function fakeStock() {
    const calls: QueryValues[] = [];
    const get = async (query: QueryValues) => {
      calls.push(query);
      const rows = levels.filter((l) => (!query.locationId || l.locationId === query.locationId) && (!query.skuId || l.skuId === query.skuId));
      const start = query.cursor ? Number(query.cursor) : 0;
      const limit = Number(query.limit);
      const items = rows.slice(start, start + limit);
      return { items, nextCursor: start + limit < rows.length ? String(start + limit) : null };
    };
    return { get, calls };
  }

  it("asks per SKU for a few, and names one stocked only elsewhere with 0 on hand here", async () => {
    const { get, calls } = fakeStock();
    const found = await lookupStock(get, "s1", ["a", "b", "a", "c", "nowhere"]);
    expect(Object.fromEntries(found)).toEqual({
      a: { code: "A", name: "name a", onHand: 5 },
      b: { code: "B", name: "name b", onHand: -1 },
      c: { code: "C", name: "name c", onHand: 0 },
    });
    expect(calls.filter((q) => q.locationId === "s1").map((q) => q.skuId).sort()).toEqual(["a", "b", "c", "nowhere"]);
    expect(calls.filter((q) => !q.locationId).map((q) => q.skuId).sort()).toEqual(["c", "nowhere"]);
  });

  it("reads the store's pages for many, stopping once all are found", async () => {
    const { get, calls } = fakeStock();
    const wanted = ["a", ...Array.from({ length: 45 }, (_, i) => `x${String(i).padStart(2, "0")}`)];
    const found = await lookupStock(get, "s1", wanted, 40);
    expect(found.size).toBe(46);
    expect(found.get("x44")).toEqual({ code: "X44", name: "name x44", onHand: 44 });
    expect(calls.every((q) => q.locationId === "s1" && q.skuId === undefined && q.limit === 500)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("asks for nothing when there are no SKUs", async () => {
    const { get, calls } = fakeStock();
    expect((await lookupStock(get, "s1", [])).size).toBe(0);
    expect(calls).toEqual([]);
  });
});

describe("goods out (出库开单) and transfers (调拨)", () => {
  const lines = [{ skuId: "sku_a", label: "A", quantity: " 3 " }];

  it("goes to /api/outbound with the reason, or to /api/transfers with both stores", () => {
    expect(toOutRequest({ ...emptyOut("other_out", "loc_1"), reason: " 破損 ", lines })).toEqual({
      path: "/api/outbound",
      values: { locationId: "loc_1", reason: "破損", lines: [{ skuId: "sku_a", quantity: 3 }] },
      issues: [],
    });
    expect(toOutRequest({ ...emptyOut("transfer", "loc_1"), toLocationId: "loc_2", reason: "ignored", lines })).toEqual({
      path: "/api/transfers",
      values: { fromLocationId: "loc_1", toLocationId: "loc_2", lines: [{ skuId: "sku_a", quantity: 3 }] },
      issues: [],
    });
  });

  it("names what is missing on the worker's own field paths, and a picked SKU adds one more", () => {
    expect(toOutRequest(emptyOut("other_out", "")).issues).toEqual([
      { path: ["locationId"], message: "form.required" },
      { path: ["reason"], message: "form.required" },
      { path: ["lines"], message: "entry.noLines" },
    ]);
    expect(toOutRequest({ ...emptyOut("transfer", ""), lines: [{ skuId: "sku_a", label: "A", quantity: "0" }] }).issues).toEqual([
      { path: ["fromLocationId"], message: "form.required" },
      { path: ["toLocationId"], message: "form.required" },
      { path: ["lines", 0, "quantity"], message: "form.wholeNumber" },
    ]);
    const twice = addInboundLine(addInboundLine(emptyOut("transfer", "loc_1"), { skuId: "sku_a", label: "A" }), { skuId: "sku_a", label: "A" });
    expect(twice.lines).toEqual([{ skuId: "sku_a", label: "A", quantity: "2" }]);
    expect(twice.mode).toBe("transfer");
  });
});
