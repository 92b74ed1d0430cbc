import { describe, expect, it } from "vitest";
import { fileNameFor } from "../../pwa/admin/download";
import { hasMessage, translate } from "../../pwa/admin/i18n";
import { scheduleRule, toScheduleInput, emptySchedule } from "../../pwa/admin/schedule-draft";
import { insertToken, LINE_PLACEHOLDERS, ORDER_PLACEHOLDERS, PLACEHOLDERS } from "../../pwa/admin/template-placeholders";
import * as worker from "../../worker/orders/templates";

describe("template placeholders (置換文字)", () => {
  it("are the ones the worker renders, in the same parts", () => {
    expect([...ORDER_PLACEHOLDERS]).toEqual([...worker.ORDER_PLACEHOLDERS]);
    expect([...LINE_PLACEHOLDERS]).toEqual([...worker.LINE_PLACEHOLDERS]);
  });

  it("include every seed 004 placeholder for mail and 帳票, marked as unit ones", () => {
    const seed = ["#ORDER_UNIT_VALUE#", "#SALE_UNIT#", "#UNIT_DISP_NAME#", "#ORDER_UNIT_VALUE_TEXT#", "#UNIT_ITEM_TEIKA#", "#UNIT_VALUE#", "#UNIT_ITEM_SHIRE_PRICE#"];
    expect(PLACEHOLDERS.filter((p) => p.unit).map((p) => p.token)).toEqual(seed);
    expect(PLACEHOLDERS.filter((p) => p.unit).every((p) => p.lineOnly)).toBe(true);
  });

  it("each have a description in the dictionary", () => {
    expect(PLACEHOLDERS.filter((p) => !hasMessage(p.description))).toEqual([]);
  });

  it("go in at the caret, over a selection, and the caret follows them", () => {
    expect(insertToken("ab", 1, 1, "#TOTAL#")).toEqual({ text: "a#TOTAL#b", caret: 8 });
    expect(insertToken("a-b", 1, 2, "#TAX#")).toEqual({ text: "a#TAX#b", caret: 6 });
    expect(insertToken("ab", 9, 9, "#LINES#")).toEqual({ text: "ab#LINES#", caret: 9 });
  });
});

describe("sync schedules", () => {
  it("send only the fields of their kind", () => {
    const base = { ...emptySchedule(), job: "stock.push", connectionId: "con_1", timeOfDay: "03:30", intervalMinutes: "10", minute: "5" };
    expect(toScheduleInput({ ...base, kind: "daily" })).toEqual({
      input: { job: "stock.push", connectionId: "con_1", kind: "daily", timeOfDay: "03:30", intervalMinutes: null, minute: null },
      issues: [],
    });
    expect(toScheduleInput({ ...base, kind: "interval", connectionId: "" }).input).toEqual({
      job: "stock.push",
      connectionId: null,
      kind: "interval",
      timeOfDay: null,
      intervalMinutes: 10,
      minute: null,
    });
    expect(toScheduleInput({ ...base, kind: "hourly", minute: "０５" }).input.minute).toBe(5);
  });

  it("name a missing job and a minutes value that is not a whole number", () => {
    expect(toScheduleInput({ ...emptySchedule(), kind: "interval", intervalMinutes: "7.5" }).issues).toEqual([
      { path: ["job"], message: "form.required" },
      { path: ["intervalMinutes"], message: "form.wholeNumber" },
    ]);
  });

  it("read as words in every language", () => {
    const say = (lang: "ja" | "zh" | "en", s: Parameters<typeof scheduleRule>[0]) => {
      const rule = scheduleRule(s);
      return translate(lang, rule.key, rule.vars);
    };
    expect(say("ja", { kind: "daily", timeOfDay: "03:30", intervalMinutes: null, minute: null })).toBe("毎日 03:30");
    expect(say("ja", { kind: "interval", timeOfDay: null, intervalMinutes: 10, minute: null })).toBe("10分ごと");
    expect(say("ja", { kind: "hourly", timeOfDay: null, intervalMinutes: null, minute: 5 })).toBe("毎時 05分");
    expect(say("en", { kind: "hourly", timeOfDay: null, intervalMinutes: null, minute: null })).toBe("Hourly at :00");
    expect(say("zh", { kind: "interval", timeOfDay: null, intervalMinutes: 15, minute: null })).toBe("每 15 分钟");
  });
});

describe("downloaded file names", () => {
  it("keep the order number, Japanese included, and drop what a file system dislikes", () => {
    expect(fileNameFor("shipping", "EC-10001", "csv")).toBe("shipping-EC-10001.csv");
    expect(fileNameFor("shipping", "受注/12:3", "csv")).toBe("shipping-受注_12_3.csv");
    expect(fileNameFor("shipping", "../..", "csv")).toBe("shipping.csv");
  });
});
