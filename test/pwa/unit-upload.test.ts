import { describe, expect, it } from "vitest";
import { csvTextProblem, isFileIssue, issueTable } from "../../pwa/admin/unit-upload";

describe("単位設定一括アップロード: the refused file as a table", () => {
  it("lists the worker's [row, column] issues by row, header first, keeping the order within a row", () => {
    const rows = issueTable([
      { path: [3, "単位換算値"], message: "単位換算値には1以上の整数値を入力してください。 (conversion)" },
      { path: [1, "単位コード"], message: "必須項目です (required)" },
      { path: [3, "単位コード"], message: "ファイル内でコードが重複しています (duplicate code, first on row 1)" },
      { path: [0, "画面表示名"], message: "必須の列がありません: 画面表示名 / displayName (missing column)" },
    ]);
    expect(rows).toEqual([
      { row: 0, column: "画面表示名", message: "必須の列がありません: 画面表示名 / displayName (missing column)" },
      { row: 1, column: "単位コード", message: "必須項目です (required)" },
      { row: 3, column: "単位換算値", message: "単位換算値には1以上の整数値を入力してください。 (conversion)" },
      { row: 3, column: "単位コード", message: "ファイル内でコードが重複しています (duplicate code, first on row 1)" },
    ]);
  });

  it("keeps issues of the form's own fields (kind, csv) out of the table", () => {
    const issues = [
      { path: ["csv"], message: "CSVが空です (empty CSV)" },
      { path: [2, "最高注文単位"], message: "最低注文単位は1以上 (min ≥ 1 and max ≥ min)" },
    ];
    expect(issues.map(isFileIssue)).toEqual([false, true]);
    expect(issueTable(issues)).toEqual([{ row: 2, column: "最高注文単位", message: "最低注文単位は1以上 (min ≥ 1 and max ≥ min)" }]);
  });

  it("gives an empty column for an issue that names only a row", () => {
    expect(issueTable([{ path: [5], message: "x" }])).toEqual([{ row: 5, column: "", message: "x" }]);
  });
});

describe("a first look at the file's text", () => {
  it("accepts a UTF-8 CSV, with or without Excel's BOM", () => {
    expect(csvTextProblem("単位コード,管理用単位,販売用単位,画面表示名,単位換算値\nLEN-CM,m,cm,長さ,100\n")).toBeNull();
    expect(csvTextProblem("\uFEFF単位コード\nLEN-CM\n")).toBeNull();
  });

  it("refuses an empty file, a BOM alone included", () => {
    expect(csvTextProblem("")).toBe("upload.empty");
    expect(csvTextProblem("\uFEFF\n \n")).toBe("upload.empty");
  });

  it("recognises a Shift_JIS file read as UTF-8 (File.text() puts U+FFFD for its bytes)", () => {
    // 「単位コード」 as Excel saves it in Shift_JIS.
    const shiftJis = new Uint8Array([0x92, 0x50, 0x88, 0xca, 0x83, 0x52, 0x81, 0x5b, 0x83, 0x68, 0x0a]);
    expect(csvTextProblem(new TextDecoder("utf-8").decode(shiftJis))).toBe("upload.notUtf8");
  });
});
