import { describe, expect, it } from "vitest";
import type { Connection } from "../../pwa/admin/types";
import { countsText, emptySetup, exportWords, readSettings, splitChecks, toConnectionInput, withTick } from "../../pwa/admin/wangdian-logic";
import { translateWangdianLabel, type WangdianKey } from "../../pwa/admin/wangdian-messages";

describe("旺店通 setup form", () => {
  it("sends credentials, trimmed address and every setting; the master stays unchosen until picked", () => {
    const { input, issues } = toConnectionInput({
      ...emptySetup(),
      baseUrl: " http://erp.test/openapi2/ ",
      sid: " s ",
      appkey: "k",
      appsecret: "x",
      shopNo: "S001",
      locationIds: ["loc_1", "loc_2"],
    });
    expect(issues).toEqual([]);
    expect(input).toMatchObject({ kind: "wangdian", name: "旺店通ERP", baseUrl: "http://erp.test/openapi2", credentials: { sid: "s", appkey: "k", appsecret: "x" } });
    expect(input.settings).toEqual({
      shopNo: "S001",
      locationIds: ["loc_1", "loc_2"],
      salesCadence: "minute",
      walkInBuyer: "门店散客",
      defectiveReturnsToErp: false,
      stocktakeAs: "stocktake",
      erpDataSync: false,
      stockMaster: null,
    });
  });

  it("refuses missing credentials and address at the body paths the worker would use", () => {
    const { issues } = toConnectionInput({ ...emptySetup(), sid: "s" });
    expect(issues.map((i) => i.path.join("."))).toEqual(["credentials.appkey", "credentials.appsecret", "baseUrl"]);
  });
});

describe("a link's settings", () => {
  it("reads what the worker keeps, with its defaults for what is missing", () => {
    const settings = readSettings({ shopNo: "S1", locationIds: ["a", 3], stockMaster: "erp", ticked: { autoSettle: true }, salesCadence: "weekly" });
    expect(settings).toEqual({
      shopNo: "S1",
      locationIds: ["a"],
      salesCadence: "minute",
      walkInBuyer: "门店散客",
      defectiveReturnsToErp: false,
      stocktakeAs: "stocktake",
      erpDataSync: false,
      stockMaster: "erp",
      ticked: { autoSettle: true },
    });
  });

  it("ticks one hand check and keeps every other setting (PUT replaces them all)", () => {
    const settings = readSettings({ shopNo: "S1", locationIds: ["a"], ticked: { autoSettle: true } });
    const next = withTick(settings, "adminRights", true);
    expect(next.ticked).toEqual({ autoSettle: true, adminRights: true });
    expect(next.shopNo).toBe("S1");
    expect(settings.ticked).toEqual({ autoSettle: true });
    expect(withTick(next, "autoSettle", false).ticked).toEqual({ autoSettle: false, adminRights: true });
  });

  it("splits the checklist into API checks and hand checks", () => {
    const label = { ja: "", zh: "", en: "" };
    const checks: Connection["checks"] = {
      ok: false,
      checkedAt: "2026-11-26T00:00:00.000Z",
      items: [
        { key: "authorized", label, ok: true },
        { key: "shop", label, ok: false, detail: "停用" },
        { key: "autoSettle", label, ok: null },
      ],
    };
    const { api, hand } = splitChecks({ checks });
    expect(api.map((c) => c.key)).toEqual(["authorized", "shop"]);
    expect(hand.map((c) => c.key)).toEqual(["autoSettle"]);
    expect(splitChecks({ checks: null })).toEqual({ api: [], hand: [] });
  });
});

describe("a link's status", () => {
  it("writes a run's counts without the zeros", () => {
    expect(countsText({ sent: 3, failed: 0, skipped: 1 })).toBe("sent 3 · skipped 1");
    expect(countsText({})).toBe("");
  });
});

describe("what an export is, in words", () => {
  it("a sale goes as 销售单; other documents as what they are, then what the ERP gets", () => {
    expect(exportWords("sale", "sale")).toEqual({ document: null, erp: "wd.exportAs.sale" });
    expect(exportWords("return", "goods_in")).toEqual({ document: "wd.docKind.return", erp: "wd.exportAs.goods_in" });
    expect(exportWords("exchange", "goods_out")).toEqual({ document: "wd.docKind.exchange", erp: "wd.exportAs.goods_out" });
    expect(exportWords("transfer", "goods_out")).toEqual({ document: "wd.docKind.transfer", erp: "wd.exportAs.goods_out" });
    expect(exportWords("stocktake_submission", "stocktake")).toEqual({ document: "wd.docKind.stocktake_submission", erp: "wd.exportAs.stocktake" });
    expect(translateWangdianLabel("ja", exportWords("reversal", "goods_in").document as WangdianKey)).toBe("冲单 · 取消伝票");
    expect(translateWangdianLabel("ja", exportWords("receipt", "goods_in", "file").document as WangdianKey)).toBe("入库单导入 · 入荷予定取込");
    expect(exportWords("receipt", "goods_in", null)).toEqual({ document: "wd.docKind.receipt", erp: "wd.exportAs.goods_in" });
    expect(translateWangdianLabel("ja", exportWords("other_out", "goods_out").document as WangdianKey)).toBe("出库开单 · 出庫");
    expect(translateWangdianLabel("ja", exportWords("sale", "sale").erp as WangdianKey)).toBe("销售单 · 売上");
  });

  it("keeps a kind or event it does not know as it is", () => {
    expect(exportWords("refund", "void")).toEqual({ document: "refund", erp: "void" });
    expect(translateWangdianLabel("en", "refund" as WangdianKey)).toBe("refund");
  });
});
