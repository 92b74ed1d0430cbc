/**
 * The `data` XML of an order update (reference §2.4, NE-7):
 * `<?xml version="1.0" encoding="utf-8"?><root><receiveorder_base><field>value</field>…</receiveorder_base></root>`.
 * Values are escaped, so a tracking number or a note can never break out of its element.
 */
import { NextEngineInputError } from "./errors";

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

export type OrderUpdateFields = Record<string, string | number | null>;

export function orderUpdateXml(fields: OrderUpdateFields): string {
  const names = Object.keys(fields);
  if (names.length === 0) throw new NextEngineInputError("an order update needs at least one field");
  const body = names
    .map((name) => {
      if (!/^receive_order_[a-z0-9_]+$/.test(name)) throw new NextEngineInputError(`not a receiveorder_base field: ${name}`);
      const value = fields[name];
      return `<${name}>${value == null ? "" : escapeXml(String(value))}</${name}>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?><root><receiveorder_base>${body}</receiveorder_base></root>`;
}
