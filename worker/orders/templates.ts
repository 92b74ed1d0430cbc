/**
 * Mail and document templates with seed 004's placeholders (置換文字): the order confirmation mail
 * (注文完了メール明細フォーマット), the delivery note (帳票) and a shipping CSV. One per kind per merchant,
 * Japanese defaults when none is saved. `lineFormat` is rendered once per order line and goes where
 * the body says #LINES#.
 * Invariants: placeholders are replaced in one pass, so text taken from the order (a customer named
 * "#TOTAL#") is never expanded again; shipping_csv is rendered cell by cell and written with
 * shared/csv.ts, so every cell is escaped whatever the order holds.
 */
import { parseCsv, toCsv } from "../../shared/csv";
import { formatMoney, toMajorString, type Currency } from "../../shared/money";
import { unitListPriceText, unitValueText } from "../../shared/units";
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";
import { invalid, type Issue } from "../errors";
import { getOrder } from "./queries";

export const TEMPLATE_KINDS = ["order_confirmation", "delivery_note", "shipping_csv"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface TemplateInput {
  body: string;
  lineFormat: string;
}

/** Order-level placeholders, usable in the body and in the line format. */
export const ORDER_PLACEHOLDERS = [
  "ORDER_ID", // Renkei's order ID
  "EXTERNAL_ID", // the shop / mall order number
  "CUSTOMER_NAME",
  "SHIPPING_ADDRESS",
  "ORDERED_AT", // in the merchant's time zone, 2026/11/26 18:05
  "SUBTOTAL",
  "TAX",
  "SHIPPING_FEE",
  "TOTAL",
  "SHOP_NAME",
] as const;

/** Per-line placeholders, usable in the line format only. */
export const LINE_PLACEHOLDERS = [
  "LINE_NO",
  "ITEM_CODE", // the SKU's code (the external code for an unmapped line)
  "ITEM_NAME",
  "QUANTITY",
  "UNIT_PRICE", // 注文時の値段 of one piece (for unit lines already rounded by 単位換算方法)
  "AMOUNT",
  // seed 004 (mail): empty on lines without a unit
  "ORDER_UNIT_VALUE", // 注文単位: 85
  "SALE_UNIT", // 販売用単位: cm
  "UNIT_DISP_NAME", // 画面表示名: 長さ
  "ORDER_UNIT_VALUE_TEXT", // 長さ:85cm
  "UNIT_ITEM_TEIKA", // 100cmあたり¥999
  // seed 004 (帳票)
  "UNIT_VALUE", // 注文単位, as #ORDER_UNIT_VALUE#
  "UNIT_ITEM_SHIRE_PRICE", // 仕入単価: the SKU's cost price, plain number
] as const;

const ALL = [...ORDER_PLACEHOLDERS, ...LINE_PLACEHOLDERS, "LINES"];
/** Known names only, longest first, so #ORDER_UNIT_VALUE_TEXT# is never read as #ORDER_UNIT_VALUE#. */
const KNOWN = new RegExp(`#(${[...ALL].sort((a, b) => b.length - a.length).join("|")})#`, "g");
const ANY_TOKEN = /#[A-Z][A-Z0-9_]*#/g;

export const DEFAULT_TEMPLATES: Record<TemplateKind, TemplateInput> = {
  order_confirmation: {
    body: [
      "#CUSTOMER_NAME# 様",
      "",
      "この度は#SHOP_NAME#をご利用いただき、誠にありがとうございます。",
      "以下の内容でご注文を承りました。",
      "",
      "■ご注文番号: #EXTERNAL_ID#",
      "■ご注文日時: #ORDERED_AT#",
      "",
      "■ご注文内容",
      "#LINES#",
      "",
      "小計: #SUBTOTAL#",
      "送料: #SHIPPING_FEE#",
      "合計: #TOTAL# (うち消費税 #TAX#)",
      "",
      "#SHOP_NAME#",
    ].join("\n"),
    lineFormat: ["#ITEM_NAME# (#ITEM_CODE#)", "  #ORDER_UNIT_VALUE_TEXT# #UNIT_ITEM_TEIKA#", "  #UNIT_PRICE# × #QUANTITY# = #AMOUNT#"].join("\n"),
  },
  delivery_note: {
    body: [
      "納品書",
      "",
      "#CUSTOMER_NAME# 様",
      "#SHIPPING_ADDRESS#",
      "",
      "ご注文番号: #EXTERNAL_ID#",
      "ご注文日: #ORDERED_AT#",
      "",
      "#LINES#",
      "",
      "小計: #SUBTOTAL#",
      "送料: #SHIPPING_FEE#",
      "合計金額: #TOTAL# (うち消費税 #TAX#)",
      "",
      "#SHOP_NAME#",
    ].join("\n"),
    lineFormat: ["#LINE_NO#. #ITEM_CODE# #ITEM_NAME#", "    #UNIT_DISP_NAME# #UNIT_VALUE##SALE_UNIT#", "    #UNIT_PRICE# × #QUANTITY# = #AMOUNT#"].join("\n"),
  },
  shipping_csv: {
    body: ["受注番号,お届け先氏名,お届け先住所,商品コード,商品名,注文単位,数量", "#LINES#"].join("\n"),
    lineFormat: "#EXTERNAL_ID#,#CUSTOMER_NAME#,#SHIPPING_ADDRESS#,#ITEM_CODE#,#ITEM_NAME#,#ORDER_UNIT_VALUE_TEXT#,#QUANTITY#",
  },
};

export interface TemplateView extends TemplateInput {
  kind: TemplateKind;
  isDefault: boolean;
  updatedAt: string | null;
}

export async function getTemplate(ctx: ServiceContext, kind: TemplateKind): Promise<TemplateView> {
  const row = await ctx.db.first<{ body: string; line_format: string; updated_at: string }>(
    "SELECT body, line_format, updated_at FROM templates WHERE merchant_id = ?1 AND kind = ?2",
    kind,
  );
  if (!row) return { kind, ...DEFAULT_TEMPLATES[kind], isDefault: true, updatedAt: null };
  return { kind, body: row.body, lineFormat: row.line_format, isDefault: false, updatedAt: row.updated_at };
}

export async function saveTemplate(ctx: ServiceContext, kind: TemplateKind, input: TemplateInput): Promise<TemplateView> {
  const issues = templateIssues(kind, input);
  if (issues.length) throw invalid("invalid template", issues);
  await ctx.db.run(
    `INSERT INTO templates (merchant_id, kind, body, line_format, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (merchant_id, kind) DO UPDATE SET body = excluded.body, line_format = excluded.line_format, updated_at = excluded.updated_at`,
    kind,
    input.body,
    input.lineFormat,
    nowIso(),
  );
  return getTemplate(ctx, kind);
}

/** Back to the default: the saved template is removed. */
export async function resetTemplate(ctx: ServiceContext, kind: TemplateKind): Promise<TemplateView> {
  await ctx.db.run("DELETE FROM templates WHERE merchant_id = ?1 AND kind = ?2", kind);
  return getTemplate(ctx, kind);
}

/** Typos (#ORDER_UNIT_VALUE_TXT#) and placeholders in the wrong part are refused, not printed as is. */
export function templateIssues(kind: TemplateKind, input: TemplateInput): Issue[] {
  const issues: Issue[] = [];
  const tokens = (text: string) => ({
    known: [...text.matchAll(KNOWN)].map((m) => m[1]!),
    unknown: [...text.replace(KNOWN, " ").matchAll(ANY_TOKEN)].map((m) => m[0]),
  });
  const body = tokens(input.body);
  const line = tokens(input.lineFormat);
  for (const [field, found] of [["body", body], ["lineFormat", line]] as const) {
    for (const token of new Set(found.unknown)) issues.push({ path: [field], message: `不明な置換文字です: ${token} (unknown placeholder)` });
  }
  const linesOnly = new Set<string>(LINE_PLACEHOLDERS);
  for (const name of new Set(body.known.filter((n) => linesOnly.has(n)))) {
    issues.push({ path: ["body"], message: `#${name}# は明細フォーマットに書いてください (a line placeholder belongs in lineFormat)` });
  }
  if (line.known.includes("LINES")) issues.push({ path: ["lineFormat"], message: "#LINES# は本文に書いてください (#LINES# belongs in body)" });
  if (kind === "shipping_csv") {
    if (parseCsv(input.lineFormat).length > 1) {
      issues.push({ path: ["lineFormat"], message: "CSVの明細フォーマットは1行にしてください (one CSV row per order line)" });
    }
    const rows = parseCsv(input.body);
    if (rows.some((r) => r.length > 1 && r.some((c) => c.includes("#LINES#")))) {
      issues.push({ path: ["body"], message: "#LINES# は単独の行に書いてください (#LINES# must be a row of its own)" });
    }
  }
  return issues;
}

type Value = string | number;
type Values = Partial<Record<string, Value>>;

const fill = (text: string, values: Values) => text.replace(KNOWN, (_, name: string) => String(values[name] ?? ""));

/** One cell of a CSV template: a cell that is one placeholder keeps its value's type (numbers stay numbers). */
function fillCell(cell: string, values: Values): Value {
  const whole = /^#([A-Z][A-Z0-9_]*)#$/.exec(cell);
  if (whole && ALL.includes(whole[1]!)) return values[whole[1]!] ?? "";
  return fill(cell, values);
}

/** Renders an order with the merchant's template of `kind` (or the default). */
export async function renderOrder(ctx: ServiceContext, orderId: string, kind: TemplateKind): Promise<{ kind: TemplateKind; text: string }> {
  const order = await getOrder(ctx, orderId);
  const [template, merchant, skus] = await Promise.all([
    getTemplate(ctx, kind),
    ctx.db.merchant(),
    ctx.db.all<{
      id: string;
      code: string;
      price: number;
      cost_price: number | null;
      sales_unit: string | null;
      display_name: string | null;
      conversion: number | null;
    }>(
      `SELECT s.id, s.code, s.price, s.cost_price, u.sales_unit, u.display_name, u.conversion
       FROM skus s JOIN products p ON p.id = s.product_id LEFT JOIN units u ON u.id = p.unit_id
       WHERE s.merchant_id = ?1 AND s.id IN (SELECT value FROM json_each(?2))`,
      JSON.stringify([...new Set(order.lines.map((l) => l.skuId).filter((id): id is string => id != null))]),
    ),
  ]);
  const bySku = new Map(skus.map((s) => [s.id, s]));
  const csv = kind === "shipping_csv";
  const currency: Currency = order.currency;
  // Money reads as ¥2,550 in text; a CSV gets plain numbers (2550, 12.30) another system can import.
  const money = (minor: number) => (csv ? toMajorString(minor, currency) : formatMoney(minor, currency));

  const orderValues: Values = {
    ORDER_ID: order.id,
    EXTERNAL_ID: order.externalId,
    CUSTOMER_NAME: order.customerName,
    SHIPPING_ADDRESS: order.shippingAddress,
    ORDERED_AT: localTime(order.orderedAt, merchant.timeZone),
    SUBTOTAL: money(order.subtotal),
    TAX: money(order.tax),
    SHIPPING_FEE: money(order.shippingFee),
    TOTAL: money(order.total),
    SHOP_NAME: merchant.name,
  };
  const lineValues = order.lines.map((line): Values => {
    const sku = line.skuId ? bySku.get(line.skuId) : undefined;
    const values: Values = {
      ...orderValues,
      LINE_NO: line.lineNo,
      ITEM_CODE: sku?.code ?? line.externalCode,
      ITEM_NAME: line.name,
      QUANTITY: line.quantity,
      UNIT_PRICE: money(line.unitPrice),
      AMOUNT: money(line.amount),
    };
    if (line.unitValue == null) return values; // not a unit line: the unit placeholders stay empty
    const unit = sku?.conversion != null ? { salesUnit: sku.sales_unit!, displayName: sku.display_name!, conversion: sku.conversion } : null;
    return {
      ...values,
      ORDER_UNIT_VALUE: line.unitValue,
      UNIT_VALUE: line.unitValue,
      SALE_UNIT: unit?.salesUnit ?? "",
      UNIT_DISP_NAME: unit?.displayName ?? "",
      ORDER_UNIT_VALUE_TEXT: unit ? unitValueText(unit, line.unitValue) : (line.unitValueText ?? ""),
      // 商品定価 is the SKU's price now: order lines keep the rounded 注文時の値段, not the list price.
      UNIT_ITEM_TEIKA: unit && sku ? unitListPriceText(unit, formatMoney(sku.price, currency)) : "",
      UNIT_ITEM_SHIRE_PRICE: sku?.cost_price != null ? toMajorString(sku.cost_price, currency) : "",
    };
  });

  if (csv) {
    const cells = parseCsv(template.lineFormat)[0] ?? [];
    const rows: Value[][] = [];
    for (const row of parseCsv(template.body)) {
      if (row.length === 1 && row[0]!.trim() === "#LINES#") {
        for (const values of lineValues) rows.push(cells.map((cell) => fillCell(cell, values)));
      } else rows.push(row.map((cell) => fillCell(cell, orderValues)));
    }
    return { kind, text: toCsv(rows) };
  }

  // A template line whose placeholders all came out empty (a unit line on a plain product) is dropped.
  const formatLines = template.lineFormat.replace(/\r\n?/g, "\n").split("\n");
  const lines = lineValues.map((values) =>
    formatLines
      .flatMap((format) => {
        const text = fill(format, values);
        return format.match(KNOWN) && text.trim() === "" ? [] : [text];
      })
      .join("\n"),
  );
  return { kind, text: fill(template.body.replace(/\r\n?/g, "\n"), { ...orderValues, LINES: lines.join("\n") }) };
}

/** 2026/11/26 18:05 in the merchant's time zone. */
function localTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
}
