/**
 * CSV (RFC 4180) for uploads and exports. Cells stay strings, so codes keep their leading zeros
 * ("00123"); a UTF-8 BOM (Excel's habit) is dropped.
 */
export class CsvError extends Error {
  override name = "CsvError";
  constructor(
    message: string,
    /** 1-based line of the file where the problem starts */
    readonly line: number,
  ) {
    super(message);
  }
}

/** Throws CsvError for a quote that never closes (the rest of the file would vanish into one cell). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    }
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      line++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (quoted) throw new CsvError(`line ${quoteLine}: a quoted cell is never closed`, quoteLine);
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/** One CSV cell: quoted when it holds a comma, quote or line break. Formula-looking text is defused. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Undoes csvCell's defusing on the way back in, so a downloaded file re-uploads unchanged. */
export function restoreCell(text: string): string {
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
