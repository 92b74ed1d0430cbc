/**
 * The first sheet of an Excel workbook (.xlsx) as rows of text, read in the browser with no
 * library: an .xlsx is a zip of XML parts, and the platform's DecompressionStream("deflate-raw")
 * (Chromium ≥ 103, Node ≥ 20) inflates them. Loaded by dynamic import only when an .xlsx is chosen,
 * so the admin's first load does not carry it.
 * Invariant: a cell comes back as the text Excel shows for it. A code stored as text ("00123")
 * stays "00123"; a number whose format is all zeros ("00000", Excel's way of showing leading
 * zeros on a number) is padded the same way; other numbers read as Excel shows them, to 15
 * significant digits (59.9, not 59.900000000000006). Fully blank rows are dropped, as the CSV
 * reader drops them, so row numbers mean the same for both kinds of file.
 */

export class XlsxError extends Error {
  override name = "XlsxError";
}

// ---- zip -----------------------------------------------------------------------------------

interface ZipEntry {
  method: number;
  size: number;
  offset: number;
}

/** The central directory: name → where the entry's data starts. */
function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  // The end record sits in the last 22 bytes plus a comment of up to 65,535.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new XlsxError("not a zip file");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new XlsxError("broken zip directory");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // The local header repeats name and extra field with lengths of its own.
    const offset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.set(name, { method, size, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function unzipText(bytes: Uint8Array, entries: Map<string, ZipEntry>, name: string): Promise<string | null> {
  const entry = entries.get(name);
  if (!entry) return null;
  const data = bytes.slice(entry.offset, entry.offset + entry.size);
  if (entry.method === 0) return new TextDecoder().decode(data);
  if (entry.method !== 8) throw new XlsxError(`unsupported zip method ${entry.method}`);
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}

// ---- XML -----------------------------------------------------------------------------------

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML entities, then OOXML's own _xHHHH_ escapes (Excel writes a carriage return as _x000D_). */
function xmlText(raw: string): string {
  return raw
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) =>
      name[0] === "#" ? String.fromCodePoint(name[1] === "x" ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : (ENTITIES[name] ?? whole),
    )
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) found[m[1]!] = xmlText(m[2]!);
  return found;
}

/** The text runs of a string item, leaving out ruby (Japanese Excel's furigana in <rPh>). */
function runsText(xml: string): string {
  const visible = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let text = "";
  for (const m of visible.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += xmlText(m[1] ?? "");
  return text;
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => runsText(m[1] ?? ""));
}

/** Per cell style index: how many digits an all-zeros number format pads to (0 = none). */
function zeroPadding(xml: string | null): number[] {
  if (!xml) return [];
  const pads = new Map<number, number>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const { numFmtId, formatCode } = attributes(m[1]!);
    const code = (formatCode ?? "").replace(/\\|"/g, "");
    if (/^0{2,}$/.test(code)) pads.set(Number(numFmtId), code.length);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  return [...xfs.matchAll(/<xf\b([^>]*)/g)].map((m) => pads.get(Number(attributes(m[1]!).numFmtId)) ?? 0);
}

/** The first sheet's part name, by the workbook's order and its relationships. */
function firstSheetPath(workbook: string | null, rels: string | null): string {
  const sheet = workbook && /<sheet\b([^>]*)\/?>/.exec(workbook);
  const id = sheet ? Object.entries(attributes(sheet[1]!)).find(([name]) => /(^|:)id$/.test(name))?.[1] : undefined;
  if (id && rels) {
    for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const rel = attributes(m[1]!);
      if (rel.Id === id && rel.Target) return rel.Target.startsWith("/") ? rel.Target.slice(1) : `xl/${rel.Target.replace(/^\.\//, "")}`;
    }
  }
  return "xl/worksheets/sheet1.xml";
}

/** "AB" of "AB12" → 27 (0-based). */
function columnIndex(ref: string): number {
  let index = 0;
  for (const ch of ref.replace(/\d+$/, "").toUpperCase()) index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

function numberText(raw: string, pad: number): string {
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) return raw;
  if (pad && Number.isInteger(value) && value >= 0) return String(value).padStart(pad, "0");
  // Excel shows at most 15 significant digits: 59.900000000000006 is the 59.9 the merchant typed.
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

export interface XlsxProgress {
  (done: number, total: number): Promise<void> | void;
}

/**
 * Rows of text of the workbook's first sheet. `progress` is awaited every `every` rows, so a
 * caller can update a progress bar and let the page breathe on a big sheet.
 */
export async function readXlsx(input: ArrayBuffer | Uint8Array, progress?: XlsxProgress, every = 500): Promise<string[][]> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const entries = zipEntries(bytes);
  const [workbook, rels, strings, styles] = await Promise.all([
    unzipText(bytes, entries, "xl/workbook.xml"),
    unzipText(bytes, entries, "xl/_rels/workbook.xml.rels"),
    unzipText(bytes, entries, "xl/sharedStrings.xml"),
    unzipText(bytes, entries, "xl/styles.xml"),
  ]);
  const sheet = await unzipText(bytes, entries, firstSheetPath(workbook, rels));
  if (sheet === null) throw new XlsxError("no worksheet");
  const shared = sharedStrings(strings);
  const pads = zeroPadding(styles);

  const rowMatches = [...sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)];
  const rows: string[][] = [];
  for (let r = 0; r < rowMatches.length; r++) {
    if (progress && r % every === 0) await progress(r, rowMatches.length);
    const cells: string[] = [];
    let next = 0;
    for (const c of (rowMatches[r]![2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = attributes(c[1]!);
      const column = attrs.r ? columnIndex(attrs.r) : next;
      next = column + 1;
      const body = c[2] ?? "";
      const v = xmlText(/<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? "");
      let text: string;
      switch (attrs.t) {
        case "s":
          text = shared[Number(v)] ?? "";
          break;
        case "inlineStr":
          text = runsText(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
          break;
        case "b":
          text = v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
          break;
        case "str":
        case "e":
        case "d":
          text = v;
          break;
        default:
          text = numberText(v, pads[Number(attrs.s ?? 0)] ?? 0);
      }
      while (cells.length < column) cells.push("");
      cells[column] = text;
    }
    if (cells.some((cell) => cell.trim() !== "")) rows.push(cells);
  }
  if (progress) await progress(rowMatches.length, rowMatches.length);
  return rows;
}
