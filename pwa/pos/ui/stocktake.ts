/**
 * A stocktake sheet being counted (棚卸): one area, counts per SKU in the stock unit (unit products:
 * the sales unit, e.g. cm). Scanning the same SKU again adds 1; a keyed count replaces it. The
 * latest touched line comes first, so the clerk sees what was just scanned. Kept in localStorage
 * by the screen, so a reload in the middle of a long count loses nothing.
 */

export interface SheetLine {
  skuId: string;
  counted: number;
}

export interface Sheet {
  area: string;
  lines: SheetLine[];
}

export const EMPTY_SHEET: Sheet = { area: "", lines: [] };

const touch = (sheet: Sheet, line: SheetLine): Sheet => ({ ...sheet, lines: [line, ...sheet.lines.filter((l) => l.skuId !== line.skuId)] });

/** One more of `skuId` (a scan). */
export function countOne(sheet: Sheet, skuId: string): Sheet {
  const line = sheet.lines.find((l) => l.skuId === skuId);
  return touch(sheet, { skuId, counted: (line?.counted ?? 0) + 1 });
}

/** A keyed count for `skuId` (whole number ≥ 0). */
export function setCount(sheet: Sheet, skuId: string, counted: number): Sheet {
  if (!Number.isSafeInteger(counted) || counted < 0) throw new Error("a count is a whole number ≥ 0");
  return touch(sheet, { skuId, counted });
}

export function removeCount(sheet: Sheet, skuId: string): Sheet {
  return { ...sheet, lines: sheet.lines.filter((l) => l.skuId !== skuId) };
}

export interface ReviewLine extends SheetLine {
  /** on hand as last synced (with this device's unsent documents applied), if known */
  expected: number | null;
  difference: number | null;
}

/** The sheet with the expected quantity and the difference per line, for the review before submitting. */
export function reviewSheet(sheet: Sheet, onHand: (skuId: string) => number | undefined): ReviewLine[] {
  return sheet.lines.map((l) => {
    const expected = onHand(l.skuId) ?? null;
    return { ...l, expected, difference: expected === null ? null : l.counted - expected };
  });
}
