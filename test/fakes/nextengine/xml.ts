/**
 * Reads the `data` XML of an order update: `<root><receiveorder_base><field>value</field>…
 * </receiveorder_base></root>` (reference §2.4, NE-7 / NE-13). Only the flat base block is
 * understood; anything else is refused rather than half-applied.
 */
function unescape(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/** The fields of <receiveorder_base>, or an error message. */
export function parseOrderUpdateXml(xml: string): Record<string, string> | string {
  const body = xml.replace(/^\s*<\?xml[^>]*\?>/, "").trim();
  const root = /^<root>([\s\S]*)<\/root>$/.exec(body);
  if (!root) return "dataのXMLに<root>がありません";
  const inner = root[1]!.trim();
  const base = /^<receiveorder_base>([\s\S]*)<\/receiveorder_base>$/.exec(inner);
  if (!base) return "dataのXMLは<receiveorder_base>だけを含めて下さい (only <receiveorder_base> is supported)";
  const fields: Record<string, string> = {};
  let rest = base[1]!.trim();
  const element = /^<([a-z0-9_]+)\s*(?:\/>|>([\s\S]*?)<\/\1>)/;
  while (rest) {
    const m = element.exec(rest);
    if (!m) return `dataのXMLを解釈できません: ${rest.slice(0, 40)}`;
    fields[m[1]!] = unescape(m[2] ?? "");
    rest = rest.slice(m[0].length).trim();
  }
  return fields;
}
