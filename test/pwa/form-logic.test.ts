import { describe, expect, it } from "vitest";
import { ApiError } from "../../pwa/admin/api";
import { issuesByPath, pathKey, unplacedIssues } from "../../pwa/admin/form-issues";
import { SubmissionKey } from "../../pwa/admin/idempotency";
import { isEmptyFilter, sameFilter, splitTags, toOrderFilter } from "../../pwa/admin/order-filter";
import { emptyProduct, productFieldPaths, toProductInput } from "../../pwa/admin/product-draft";

describe("placing validation issues on form fields", () => {
  const error = new ApiError(400, "VALIDATION", "invalid body", [
    { path: ["unitMin"], message: "最低注文単位は1以上 (min ≥ 1 and max ≥ min)" },
    { path: ["skus", 1, "code"], message: "duplicate SKU code" },
    { path: ["skus", 1, "code"], message: "second message" },
    { path: ["categoryId"], message: "not an ID" },
    { path: [], message: "expected JSON" },
  ]);

  it("groups messages by field path", () => {
    const byPath = issuesByPath(error);
    expect(pathKey(["skus", 1, "code"])).toBe("skus.1.code");
    expect(byPath.get("skus.1.code")).toEqual(["duplicate SKU code", "second message"]);
    expect(byPath.get("unitMin")).toEqual(["最低注文単位は1以上 (min ≥ 1 and max ≥ min)"]);
  });

  it("leaves every issue no field shows for the banner", () => {
    expect(unplacedIssues(error, ["unitMin", "skus.1.code"]).map((i) => pathKey(i.path))).toEqual(["categoryId", ""]);
  });

  it("copes with errors that carry no issues", () => {
    expect(issuesByPath(new Error("boom")).size).toBe(0);
    expect(issuesByPath(null).size).toBe(0);
    expect(unplacedIssues(undefined, [])).toEqual([]);
  });
});

describe("idempotency key per submission", () => {
  let n = 0;
  const keys = () => new SubmissionKey(() => `key-${++n}`);

  it("re-sends the same key when the same values are submitted again before an answer", () => {
    const submission = keys();
    const values = { skuId: "sku_1", locationId: "loc_1", quantity: 5 };
    const first = submission.keyFor(values);
    expect(submission.keyFor({ ...values })).toBe(first);
  });

  it("makes a new key for changed values and after the worker answered", () => {
    const submission = keys();
    const first = submission.keyFor({ quantity: 5 });
    const changed = submission.keyFor({ quantity: 6 });
    expect(changed).not.toBe(first);
    submission.settle();
    expect(submission.keyFor({ quantity: 6 })).not.toBe(changed);
  });

  it("sends the values with their key, and settles once the worker answered or refused", async () => {
    const submission = keys();
    const sent: string[] = [];
    const answer = await submission.send({ quantity: 5 }, async (key) => (sent.push(key), "applied"));
    expect(answer).toBe("applied");
    await submission.send({ quantity: 5 }, async (key) => sent.push(key));
    expect(sent[1]).not.toBe(sent[0]);

    const refused = new ApiError(409, "INSUFFICIENT_STOCK", "short");
    await expect(submission.send({ quantity: 7 }, async (key) => (sent.push(key), Promise.reject(refused)))).rejects.toBe(refused);
    await submission.send({ quantity: 7 }, async (key) => sent.push(key));
    expect(sent[3]).not.toBe(sent[2]);
  });

  it("keeps the key for the retry when no answer came (network, 5xx)", async () => {
    const submission = keys();
    const sent: string[] = [];
    for (const failure of [new ApiError(0, "NETWORK", "offline"), new ApiError(503, "HTTP_503", "busy"), new Error("boom")]) {
      await expect(submission.send({ quantity: 5 }, async (key) => (sent.push(key), Promise.reject(failure)))).rejects.toBe(failure);
    }
    await submission.send({ quantity: 5 }, async (key) => sent.push(key));
    expect(new Set(sent).size).toBe(1);
  });

  it("uses crypto.randomUUID by default", () => {
    expect(new SubmissionKey().keyFor({})).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("order filters", () => {
  it("reads only status, tag and q as non-empty strings from a URL or a saved search", () => {
    expect(toOrderFilter({ status: "new", tag: " 引当失敗 ", q: "", cursor: "x", extra: 1 })).toEqual({ status: "new", tag: "引当失敗" });
    expect(toOrderFilter({ status: 3, tag: ["a"] })).toEqual({});
    expect(toOrderFilter(null)).toEqual({});
  });

  it("compares filters by value and knows an empty one", () => {
    expect(sameFilter({ status: "new" }, { status: "new", q: "" })).toBe(true);
    expect(sameFilter({ status: "new" }, { status: "new", tag: "x" })).toBe(false);
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ q: "x" })).toBe(false);
  });

  it("splits tags on ASCII, Japanese and full-width commas, without blanks or repeats", () => {
    expect(splitTags("ギフト, 要確認、至急，ギフト,, ")).toEqual(["ギフト", "要確認", "至急"]);
    expect(splitTags("  ")).toEqual([]);
  });
});

describe("new product form → POST /api/products body", () => {
  const draft = () => ({
    ...emptyProduct(),
    code: " P-1 ",
    name: "リボン",
    skus: [{ code: "P-1-R", barcode: "", specName: "赤", price: "1,280", costPrice: "" }],
  });

  it("sends prices as integer minor units of the merchant's currency", () => {
    const jpy = toProductInput(draft(), "JPY");
    expect(jpy.issues).toEqual([]);
    expect(jpy.input).toMatchObject({ code: "P-1", unitId: null, unitMin: null, unitMax: null, packQuantity: null });
    expect(jpy.input.skus[0]).toEqual({ code: "P-1-R", barcode: null, specName: "赤", price: 1280, costPrice: null });
    const cny = toProductInput({ ...draft(), skus: [{ ...draft().skus[0]!, price: "12.3", costPrice: "8.05" }] }, "CNY");
    expect(cny.input.skus[0]).toMatchObject({ price: 1230, costPrice: 805 });
  });

  it("refuses amounts finer than the currency's minor unit, at the SKU field", () => {
    const yen = toProductInput({ ...draft(), skus: [{ ...draft().skus[0]!, price: "1.5" }] }, "JPY");
    expect(yen.issues).toEqual([{ path: ["skus", 0, "price"], message: "form.amountJpy" }]);
    const yuan = toProductInput({ ...draft(), skus: [{ ...draft().skus[0]!, price: "12.345" }] }, "CNY");
    expect(yuan.issues).toEqual([{ path: ["skus", 0, "price"], message: "form.amountCny" }]);
    const missing = toProductInput({ ...draft(), skus: [{ ...draft().skus[0]!, price: " " }] }, "JPY");
    expect(missing.issues).toEqual([{ path: ["skus", 0, "price"], message: "form.required" }]);
  });

  it("sends the order-value limits only with a unit, and leaves range rules to the worker", () => {
    const withUnit = toProductInput({ ...draft(), unitId: "unit_1", unitMin: "0", unitMax: "1000" }, "JPY");
    expect(withUnit.issues).toEqual([]);
    expect(withUnit.input).toMatchObject({ unitId: "unit_1", unitMin: 0, unitMax: 1000 });
    const withoutUnit = toProductInput({ ...draft(), unitMin: "10", unitMax: "abc" }, "JPY");
    expect(withoutUnit.issues).toEqual([]);
    expect(withoutUnit.input).toMatchObject({ unitMin: null, unitMax: null });
    const typo = toProductInput({ ...draft(), unitId: "unit_1", unitMin: "1.5", unitMax: "x" }, "JPY");
    expect(typo.issues.map((i) => i.path.join("."))).toEqual(["unitMin", "unitMax"]);
  });

  it("lists the paths the form shows, per SKU row and with the unit limits only when a unit is chosen", () => {
    const paths = productFieldPaths({ ...draft(), skus: [draft().skus[0]!, draft().skus[0]!] });
    expect(paths).toContain("skus.1.price");
    expect(paths).toContain("skus");
    expect(paths).not.toContain("unitMin");
    expect(productFieldPaths({ ...draft(), unitId: "unit_1" })).toContain("unitMin");
  });
});
