/**
 * Legacy encoders for the tests (TextEncoder writes UTF-8 only): every one- and two-byte sequence
 * of the encoding, decoded once, gives the table from character back to bytes. The tests check
 * the table against byte values published for these encodings, so they do not only trust the
 * decoder they test.
 */
export function encoderFor(encoding: "gb18030" | "shift_jis") {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number[]>();
  const single = encoding === "shift_jis" ? [0xa1, 0xdf] : [0, -1];
  for (let b = single[0]!; b <= single[1]!; b++) table.set(decoder.decode(Uint8Array.from([b])), [b]);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const text = decoder.decode(Uint8Array.from([lead, trail]));
      if (text.length === 1 && text !== "\uFFFD" && !table.has(text)) table.set(text, [lead, trail]);
    }
  }
  return (text: string, extra: Record<string, number[]> = {}) =>
    Uint8Array.from(
      [...text].flatMap((ch) => {
        if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
        const bytes = extra[ch] ?? table.get(ch);
        if (!bytes) throw new Error(`${encoding} cannot encode ${ch}`);
        return bytes;
      }),
    );
}
