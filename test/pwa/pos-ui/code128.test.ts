import { describe, expect, it } from "vitest";
import { code128Bars, code128Values, code128Widths, documentBarcodeText, documentIdFromScan, PATTERNS } from "../../../pwa/pos/ui/code128";

describe("Code 128", () => {
  it("every symbol is 11 modules wide, the stop 13, in bar/space pairs", () => {
    expect(PATTERNS).toHaveLength(107);
    PATTERNS.forEach((p, value) => {
      const sum = [...p].reduce((s, w) => s + Number(w), 0);
      expect(sum, `symbol ${value}`).toBe(value === 106 ? 13 : 11);
    });
    expect(new Set(PATTERNS.slice(0, 106)).size).toBe(106);
  });

  it("encodes an even run of digits in code set C, matching a published bar pattern", () => {
    // jbarcode's Barcode128Test: "01040123453333361503123110123456" as bar / space widths
    const expected = [
      2, 1, 1, 2, 3, 2, 2, 2, 2, 1, 2, 2, 1, 2, 1, 3, 2, 2, 2, 2, 2, 1, 2, 2, 3, 1, 2, 1, 3, 1, 1, 1, 3, 1, 2, 3, 1, 1, 1, 3, 2, 3, 1, 1, 1, 3,
      2, 3, 1, 1, 2, 3, 1, 3, 1, 1, 3, 2, 2, 2, 1, 2, 1, 2, 2, 3, 1, 1, 2, 2, 3, 2, 2, 1, 2, 3, 2, 1, 2, 2, 1, 3, 1, 2, 1, 1, 2, 2, 3, 2, 1,
      3, 1, 1, 2, 3, 3, 3, 1, 1, 2, 1, 2, 2, 3, 1, 1, 2, 2, 3, 3, 1, 1, 1, 2,
    ];
    expect(code128Widths("01040123453333361503123110123456")).toEqual(expected);
  });

  it("computes the mod-103 check symbol: 'Kingcean' in set B checks to 64", () => {
    // Trivial.Mime's Code128.CreateB("Kingcean") → 68 2b 49 4e 47 43 45 41 4e 40 6a (hex)
    expect(code128Values("Kingcean")).toEqual([104, 43, 73, 78, 71, 67, 69, 65, 78, 64]);
  });

  it("switches to set C for a long run of digits inside text, and back", () => {
    const values = code128Values("S001-01-000123");
    expect(values[0]).toBe(104); // start B: "S" first
    expect(values).toContain(99); // CODE C for the trailing 000123
    expect(values.slice(-4, -1)).toEqual([0, 1, 23]);
  });

  it("draws bars after a 10-module quiet zone: a UUID as 40 digits is 255 modules + quiet zones (2 dots each fit 72 mm at 203 dpi)", () => {
    const id = "6bf9fa20-6594-45cc-8147-5e6bcf7f2628";
    const text = documentBarcodeText(id);
    expect(text).toMatch(/^\d{40}$/);
    const { bars, modules } = code128Bars(text);
    expect(modules).toBe(10 + 22 * 11 + 13 + 10); // start C, 20 pairs, check; stop
    expect(modules * 2).toBeLessThanOrEqual(576);
    expect(bars[0]![0]).toBe(10);
  });

  it("a scanned receipt barcode (40 digits) or a typed UUID gives back the document ID; anything else does not", () => {
    for (const id of ["6bf9fa20-6594-45cc-8147-5e6bcf7f2628", "00000000-0000-4000-8000-000000000000", "ffffffff-ffff-4fff-bfff-ffffffffffff"]) {
      expect(documentIdFromScan(documentBarcodeText(id))).toBe(id);
    }
    expect(documentIdFromScan("6BF9FA20-6594-45CC-8147-5E6BCF7F2628")).toBe("6bf9fa20-6594-45cc-8147-5e6bcf7f2628");
    expect(documentIdFromScan("4901234567828")).toBeNull();
    expect(documentIdFromScan("S001-01-000001")).toBeNull();
    expect(documentIdFromScan("9".repeat(40))).toBeNull(); // beyond 128 bits
  });
});
