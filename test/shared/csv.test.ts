/**
 * CSV (RFC 4180) for uploads and exports: cells stay strings (leading zeros kept), quotes, CRLF / LF / CR
 * line ends, Excel's BOM dropped, blank rows skipped, formula-looking text defused on export.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, parseCsv, toCsv } from "../../shared/csv";

/** Characters that stress CSV: separators, quotes, every line end, digits with leading zeros, Japanese text. */
const csvChar = fc.constantFrom("a", "Z", "0", "1", "9", " ", "\t", ",", '"', "\n", "\r", "'", "=", "+", "-", "@", "リ", "ボ", "¥", "长");
const anyCell = fc.string({ unit: csvChar, maxLength: 12 });
/** A cell csvCell writes back unchanged: not starting with a formula character. */
const plainCell = anyCell.filter((c) => !/^[=+\-@]/.test(c));
const isBlank = (row: readonly string[]) => row.every((c) => c.trim() === "");
/** parseCsv skips blank rows, so a row that must survive has some visible text. */
const keptRow = fc.array(plainCell, { minLength: 1, maxLength: 6 }).filter((r) => !isBlank(r));
const digitCode = fc.stringMatching(/^0{1,4}\d{0,8}$/);

describe("parseCsv", () => {
  it("keeps codes as strings with their leading zeros", () => {
    expect(parseCsv("code,name\r\n00123,リボン\r\n0000,x\r\n")).toEqual([
      ["code", "name"],
      ["00123", "リボン"],
      ["0000", "x"],
    ]);
  });

  it("drops Excel's UTF-8 BOM from the first cell", () => {
    expect(parseCsv("\uFEFFcode,name\n001,a\n")).toEqual([
      ["code", "name"],
      ["001", "a"],
    ]);
  });

  it("keeps a BOM that is not at the start of the text", () => {
    expect(parseCsv("a,\uFEFFb")).toEqual([["a", "\uFEFFb"]]);
  });

  it("reads quoted cells holding commas, doubled quotes and line breaks", () => {
    expect(parseCsv('"a,b","say ""hi""","line1\nline2","cr\r\nlf"\r\n')).toEqual([["a,b", 'say "hi"', "line1\nline2", "cr\r\nlf"]]);
  });

  it("ends rows at CRLF, LF or a lone CR alike", () => {
    const expected = [
      ["a", "b"],
      ["c", "d"],
    ];
    expect(parseCsv("a,b\r\nc,d\r\n")).toEqual(expected);
    expect(parseCsv("a,b\nc,d\n")).toEqual(expected);
    expect(parseCsv("a,b\rc,d\r")).toEqual(expected);
  });

  it("keeps the last row when the text has no final line break", () => {
    expect(parseCsv("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("keeps empty cells, including a trailing one", () => {
    expect(parseCsv("a,,c\nd,\n")).toEqual([
      ["a", "", "c"],
      ["d", ""],
    ]);
    expect(parseCsv("a,")).toEqual([["a", ""]]);
  });

  it("skips blank lines and rows of empty cells (Excel's ,,, padding)", () => {
    expect(parseCsv("a,b\n\n,,\n \r\nc,d\n\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\uFEFF")).toEqual([]);
  });

  it("does not trim cells", () => {
    expect(parseCsv(" a , b \n")).toEqual([[" a ", " b "]]);
  });

  it("takes a quote inside an unquoted cell literally", () => {
    expect(parseCsv('12"3,x\n')).toEqual([['12"3', "x"]]);
  });

  it("parses the same text the same way with or without a BOM", () => {
    fc.assert(
      fc.property(fc.string({ unit: csvChar, maxLength: 60 }), (text) => {
        // same rows, or the same refusal (an unclosed quote)
        const outcome = (t: string) => {
          try {
            return parseCsv(t);
          } catch (error) {
            return String(error);
          }
        };
        expect(outcome(`\uFEFF${text}`)).toEqual(outcome(text));
      }),
    );
  });

  it("parses LF-separated and CRLF-separated rows of unquoted cells alike", () => {
    const unquoted = fc.string({ unit: fc.constantFrom("a", "0", "7", " ", "リ"), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(unquoted, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), (rows) => {
        const lf = rows.map((r) => r.join(",")).join("\n");
        const crlf = rows.map((r) => r.join(",")).join("\r\n");
        expect(parseCsv(crlf)).toEqual(parseCsv(lf));
        expect(parseCsv(lf)).toEqual(rows.filter((r) => !isBlank(r)));
      }),
    );
  });
});

describe("csvCell", () => {
  it("writes plain text and codes as they are", () => {
    expect(csvCell("リボン")).toBe("リボン");
    expect(csvCell("00123")).toBe("00123");
  });

  it("quotes a cell holding a comma, a quote or a line break, doubling the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("cr\rx")).toBe('"cr\rx"');
  });

  it("writes null and undefined as an empty cell", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("writes numbers in full, negative numbers without defusing", () => {
    expect(csvCell(2550)).toBe("2550");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0)).toBe("0");
  });

  it.each(["=SUM(A1:A9)", "+81-3-1234", "-1+1", "@cmd"])("defuses the formula-looking text %j with a leading apostrophe", (text) => {
    expect(csvCell(text)).toBe(`'${text}`);
  });

  it("defuses and quotes a formula-looking text that also holds a comma", () => {
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });
});

describe("toCsv", () => {
  it("joins cells with commas and ends every row with CRLF", () => {
    expect(
      toCsv([
        ["code", "name", "price"],
        ["00123", "リボン, 赤", 999],
        ["00124", null, undefined],
      ]),
    ).toBe('code,name,price\r\n00123,"リボン, 赤",999\r\n00124,,\r\n');
  });

  it("round-trips arbitrary rows of text through parseCsv (commas, quotes, line breaks, leading zeros)", () => {
    fc.assert(
      fc.property(fc.array(keptRow, { maxLength: 8 }), (rows) => {
        expect(parseCsv(toCsv(rows))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips any digit code with its leading zeros", () => {
    fc.assert(
      fc.property(fc.array(digitCode, { minLength: 1, maxLength: 5 }), (codes) => {
        expect(parseCsv(toCsv([codes]))).toEqual([codes]);
      }),
    );
  });

  it("round-trips formula-looking text as the defused text, apostrophe included", () => {
    fc.assert(
      fc.property(fc.constantFrom("=", "+", "-", "@"), anyCell, (lead, rest) => {
        expect(parseCsv(toCsv([[lead + rest]]))).toEqual([[`'${lead}${rest}`]]);
      }),
    );
  });

  it("drops a row of blank cells on the way back, and only that row", () => {
    expect(parseCsv(toCsv([["a"], ["", " "], ["b"]]))).toEqual([["a"], ["b"]]);
  });
});

describe("parseCsv refuses a broken file", () => {
  it("a quote that never closes is an error naming the line where it opened", async () => {
    const { parseCsv, CsvError } = await import("../../shared/csv");
    expect(() => parseCsv('a,b\n1,"abc\nx,y\n')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,"abc\nx,y\n');
    } catch (error) {
      expect((error as InstanceType<typeof CsvError>).line).toBe(2);
    }
  });
});
