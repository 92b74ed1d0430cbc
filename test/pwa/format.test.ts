import { describe, expect, it } from "vitest";
import { asCurrency, formatInstant, formatMoney, numberOrRaw, statusName } from "../../pwa/admin/format";

describe("admin formatting", () => {
  const statuses = [
    { code: "new", ja: "新規受付", zh: "新订单", en: "New" },
    { code: "gift", ja: "ギフト確認", zh: "", en: "" },
  ];

  it("names a status in the chosen language, falling back to Japanese, then the code", () => {
    expect(statusName(statuses, "new", "zh")).toBe("新订单");
    expect(statusName(statuses, "gift", "en")).toBe("ギフト確認");
    expect(statusName(statuses, "gone", "ja")).toBe("gone");
    expect(statusName(undefined, "new", "ja")).toBe("new");
  });

  it("shows instants in the merchant's time zone", () => {
    expect(formatInstant("2026-04-20T15:30:00Z", "ja", "Asia/Tokyo")).toContain("0:30");
    expect(formatInstant("2026-04-20T15:30:00Z", "en", "Asia/Shanghai")).toContain("23:30");
    expect(formatInstant("not a date", "ja", "Asia/Tokyo")).toBe("not a date");
    expect(formatInstant(null, "ja", "Asia/Tokyo")).toBe("");
    // An unknown zone falls back to the browser's instead of throwing.
    expect(formatInstant("2026-04-20T15:30:00Z", "ja", "Mars/Olympus")).not.toBe("");
  });

  it("formats money from integer minor units and defaults an unknown currency to JPY", () => {
    expect(formatMoney(2550, asCurrency("JPY"))).toBe("¥2,550");
    expect(formatMoney(1230, asCurrency("CNY"))).toBe("¥12.30");
    expect(asCurrency("USD")).toBe("JPY");
  });

  it("reads number inputs, passing non-numbers through for the worker to name", () => {
    expect(numberOrRaw(" 12 ")).toBe(12);
    expect(numberOrRaw("")).toBeNull();
    expect(numberOrRaw("1,5")).toBe("1,5");
  });
});
