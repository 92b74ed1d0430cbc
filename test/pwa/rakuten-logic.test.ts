import { describe, expect, it } from "vitest";
import { countdownText, draftOf, secondsLeftAt, settingsOf, uploadIssueRows } from "../../pwa/admin/rakuten-logic";
import { RakutenSettings } from "../../worker/connectors/rakuten/settings";

describe("Rakuten screens' logic", () => {
  it("counts down as h:mm:ss from the worker's answer, ticking on the page and never below zero", () => {
    expect(countdownText(120)).toBe("0:02:00");
    expect(countdownText(86_400)).toBe("24:00:00");
    expect(countdownText(-5)).toBe("0:00:00");
    expect(secondsLeftAt({ secondsLeft: 120 }, 1_000_000, 1_030_500)).toBe(90);
  });

  it("the 受注取込設定 form round-trips the link's settings, and its numbers are numbers the worker's schema takes", () => {
    const settings = RakutenSettings.parse({ channelId: "chn_1" });
    const draft = draftOf(settings);
    expect(draft).toMatchObject({ asurakuCutoff: "15:29", importIntervalMinutes: "10", rslConnectionId: "" });
    expect(RakutenSettings.parse(settingsOf(draft))).toEqual(settings);
    expect(settingsOf({ ...draft, importIntervalMinutes: "30", rslConnectionId: "con_9" })).toMatchObject({ importIntervalMinutes: 30, rslConnectionId: "con_9" });
    // text that is no number goes as typed, so the worker names the field
    expect(RakutenSettings.safeParse(settingsOf({ ...draft, importDays: "abc" })).error?.issues[0]?.path).toEqual(["importDays"]);
  });

  it("a CSV upload's issues are listed by line, then field", () => {
    expect(uploadIssueRows([{ path: [4, "skuCode"], message: "b" }, { path: [2, "rakutenSku"], message: "a" }, { path: [], message: "c" }])).toEqual([
      { line: null, field: null, message: "c" },
      { line: 2, field: "rakutenSku", message: "a" },
      { line: 4, field: "skuCode", message: "b" },
    ]);
  });
});
