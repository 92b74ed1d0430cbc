/**
 * Code 128 (ISO/IEC 15417) for the receipt's document barcode, and the document ID it carries.
 *
 * A receipt barcode must print on an 80 mm thermal head (72 mm ≈ 576 dots at 203 dpi) at two or
 * more dots per module to scan reliably. The document ID is a UUID: as 36 characters in code set B
 * it needs 431 modules (≈ 1.3 dots each — unprintable), so the receipt carries the same 128 bits as a
 * 40-digit decimal in code set C instead: 255 modules, 275 with quiet zones, 2 dots each (550 of 576
 * dots). A scanner types
 * those 40 digits like a keyboard; `documentIdFromScan` turns them (or a typed UUID) back into the ID.
 */

/** Bar / space widths in modules, bar first, for symbol values 0–106 (106 = stop, 13 modules). */
export const PATTERNS = [
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
] as const;

const START_B = 104;
const START_C = 105;
const CODE_B = 100; // in set C: switch to B
const CODE_C = 99; // in set B: switch to C
const STOP = 106;

export class BarcodeError extends Error {
  override name = "BarcodeError";
}

const isDigit = (c: string) => c >= "0" && c <= "9";
/** Length of the run of digits starting at `from`. */
function digitRun(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text[i]!)) i++;
  return i - from;
}

/**
 * Symbol values for `text` (printable ASCII), start to check symbol, without the stop.
 * Set C packs digit pairs; it is used where it saves symbols: a start of 4+ digits (or all digits),
 * a run of 6+ digits inside, 4+ digits at the end. Otherwise set B.
 */
export function code128Values(text: string): number[] {
  if (text.length === 0) throw new BarcodeError("nothing to encode");
  for (const c of text) {
    const code = c.charCodeAt(0);
    if (code < 32 || code > 126) throw new BarcodeError(`not printable ASCII: ${JSON.stringify(c)}`);
  }
  const values: number[] = [];
  let set: "B" | "C";
  let i = 0;
  const lead = digitRun(text, 0);
  if ((lead === text.length && lead % 2 === 0) || lead >= 4) {
    set = "C";
    values.push(START_C);
  } else {
    set = "B";
    values.push(START_B);
  }
  while (i < text.length) {
    if (set === "C") {
      const run = digitRun(text, i);
      if (run >= 2) {
        values.push(Number(text.slice(i, i + 2)));
        i += 2;
        continue;
      }
      values.push(CODE_B);
      set = "B";
      continue;
    }
    const run = digitRun(text, i);
    const atEnd = i + run === text.length;
    if (run >= 6 || (atEnd && run >= 4)) {
      // an odd run keeps its first digit in B, so C takes whole pairs
      if (run % 2 === 1) {
        values.push(text.charCodeAt(i) - 32);
        i++;
      }
      values.push(CODE_C);
      set = "C";
      continue;
    }
    values.push(text.charCodeAt(i) - 32);
    i++;
  }
  // check symbol: (start + Σ position × value) mod 103
  let sum = values[0]!;
  for (let p = 1; p < values.length; p++) sum += p * values[p]!;
  values.push(sum % 103);
  return values;
}

/** Bar / space widths in modules, bar first, for the whole symbol including the stop. */
export function code128Widths(text: string): number[] {
  const widths: number[] = [];
  for (const value of [...code128Values(text), STOP]) {
    for (const w of PATTERNS[value]!) widths.push(Number(w));
  }
  return widths;
}

/** Bars as [x, width] in modules, after a quiet zone of `quiet` modules; and the full width. */
export function code128Bars(text: string, quiet = 10): { bars: [number, number][]; modules: number } {
  const bars: [number, number][] = [];
  let x = quiet;
  code128Widths(text).forEach((w, i) => {
    if (i % 2 === 0) bars.push([x, w]);
    x += w;
  });
  return { bars, modules: x + quiet };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The document ID as the receipt barcode carries it: its 128 bits as 40 decimal digits. */
export function documentBarcodeText(id: string): string {
  if (!UUID.test(id)) throw new BarcodeError(`not a document ID: ${id}`);
  return BigInt(`0x${id.replace(/-/g, "")}`).toString().padStart(40, "0");
}

/** What a scan of a receipt means: the document ID (from the 40 digits or a typed UUID), else null. */
export function documentIdFromScan(scanned: string): string | null {
  const text = scanned.trim();
  if (UUID.test(text)) return text.toLowerCase();
  if (!/^\d{40}$/.test(text)) return null;
  const value = BigInt(text);
  if (value >= 1n << 128n) return null;
  const hex = value.toString(16).padStart(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
