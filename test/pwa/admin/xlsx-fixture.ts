/**
 * Builds small .xlsx files for the reader's tests, the way Excel lays them out: a zip (some parts
 * deflated, some stored) holding the workbook, its relationships, shared strings, styles and one
 * sheet. Written independently of pwa/admin/xlsx.ts, from the OOXML and zip formats.
 */

const table = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Little-endian header fields at their offsets. */
function header(size: number, fields: [offset: number, bytes: 2 | 4, value: number][]): Uint8Array {
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  for (const [offset, bytes, value] of fields) {
    if (bytes === 2) view.setUint16(offset, value, true);
    else view.setUint32(offset, value, true);
  }
  return out;
}

export async function zip(files: Record<string, string>, options: { store?: string[] } = {}): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = new TextEncoder().encode(text);
    const stored = options.store?.includes(name) ?? false;
    const data = stored ? raw : await deflateRaw(raw);
    const nameBytes = new TextEncoder().encode(name);
    const method = stored ? 0 : 8;
    const crc = crc32(raw);
    const local = header(30, [[0, 4, 0x04034b50], [4, 2, 20], [8, 2, method], [14, 4, crc], [18, 4, data.length], [22, 4, raw.length], [26, 2, nameBytes.length]]);
    parts.push(local, nameBytes, data);
    directory.push(
      header(46, [[0, 4, 0x02014b50], [4, 2, 20], [6, 2, 20], [10, 2, method], [16, 4, crc], [20, 4, data.length], [24, 4, raw.length], [28, 2, nameBytes.length], [42, 4, offset]]),
      nameBytes,
    );
    offset += local.length + nameBytes.length + data.length;
  }
  const dirSize = directory.reduce((n, p) => n + p.length, 0);
  const count = Object.keys(files).length;
  const end = header(22, [[0, 4, 0x06054b50], [8, 2, count], [10, 2, count], [12, 4, dirSize], [16, 4, offset]]);
  const all = [...parts, ...directory, end];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A workbook whose first sheet (by the workbook's order, not the part's name) holds `sheetXml`'s rows. */
export function workbook(sheetRows: string, sharedStrings: string[], options: { store?: string[] } = {}): Promise<Uint8Array> {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return zip(
    {
      "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${ns} ${rel}><sheets><sheet name="商品" sheetId="2" r:id="rId7"/><sheet name="其他" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>',
      "xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst ${ns} count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((s) => `<si>${s}</si>`).join("")}</sst>`,
      // Style 1 shows numbers with the custom format 00000 (leading zeros on a number); style 2 is 0.00.
      "xl/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="00000"/></numFmts><cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0"/></cellXfs></styleSheet>`,
      "xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`,
      "xl/worksheets/sheet2.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${ns}><dimension ref="A1:M4"/><sheetData>${sheetRows}</sheetData></worksheet>`,
    },
    options,
  );
}
