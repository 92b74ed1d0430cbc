/**
 * The product file of 商品批量导入 / 商品批量更新 → 文件导入 (seed 003 §3.3.2, §3.4.2): its columns, and
 * every check of a file that needs no database. The admin runs them while it reads the file, so the
 * merchant sees each problem before sending; the worker runs them again on what arrives, trusting
 * nothing the browser did. No zod here: the admin bundles this module (the request body's zod
 * schema is in ./catalog.ts).
 * Rows count data rows from 1; row 0 is the header (as in every upload of Renkei). An issue's path
 * is [row, the column as the file spells it]. Messages: 日本語／中文 (English).
 */
import { restoreCell } from "../csv";
import { MoneyError, parseMajor, type Currency } from "../money";

export const PRODUCT_FILE_MAX_ROWS = 5_000;
/** "所有字段名除了最后四列属性可以更改": up to four attribute columns close the header, named freely. */
export const ATTRIBUTE_COLUMNS = 4;
export const PRODUCT_FILE_MODES = ["create", "update"] as const;
export type ProductFileMode = (typeof PRODUCT_FILE_MODES)[number];

export type ProductFileField = "productCode" | "productName" | "category" | "brand" | "spec" | "skuCode" | "price" | "baseUnit" | "listing";

interface Column {
  field: ProductFileField;
  /** The seed's name, as 旺店通's 单品列表 exports it. */
  name: string;
  /**
   * The same word in the kanji Shift_JIS has: 货 / 编 / 码 do not exist in Shift_JIS, so a Japanese
   * Excel saving the seed's header as Shift_JIS would turn them into "?". These spellings are the
   * same field names, not renamings.
   */
  aliases: readonly string[];
  /** Longest text accepted. */
  max: number;
}

const COLUMNS: readonly Column[] = [
  { field: "productCode", name: "货品编号", aliases: ["貨品編号"], max: 64 },
  { field: "productName", name: "货品名称", aliases: ["貨品名称"], max: 200 },
  { field: "category", name: "分类", aliases: ["分類"], max: 200 },
  { field: "brand", name: "品牌", aliases: [], max: 200 },
  { field: "spec", name: "规格名称", aliases: ["規格名称"], max: 100 },
  { field: "skuCode", name: "商家编码", aliases: ["商家編碼"], max: 64 },
  { field: "price", name: "零售价", aliases: ["零售価", "零售價"], max: 30 },
  { field: "baseUnit", name: "基本单位", aliases: ["基本単位"], max: 20 },
];
/** 上下架 (§3.4.2 注4), in the update file only: blank or 1 = listed, 2 = delisted. */
const LISTING: Column = { field: "listing", name: "上下架", aliases: [], max: 10 };
const ATTRIBUTE_MAX = 200;

export const fileColumns = (mode: ProductFileMode): readonly Column[] => (mode === "update" ? [...COLUMNS, LISTING] : COLUMNS);

/** The 样例文件's header: the fixed columns, then four attribute columns. */
export const templateHeader = (mode: ProductFileMode): string[] => [
  ...fileColumns(mode).map((c) => c.name),
  ...Array.from({ length: ATTRIBUTE_COLUMNS }, (_, i) => `属性${i + 1}`),
];

/** A message in the three languages of the file screens: Japanese／Chinese (English). */
export const say = (ja: string, zh: string, en: string) => `${ja}／${zh} (${en})`;

export const PRODUCT_FILE_MESSAGES = {
  required: say("必須項目です", "必填项", "required"),
  tooLong: (max: number) => say(`${max}文字以内で入力してください`, `请输入${max}个字符以内`, `at most ${max} characters`),
  tooManyRows: (count: number) =>
    say(
      `一度に取り込めるのは${PRODUCT_FILE_MAX_ROWS.toLocaleString("en")}行までです（${count.toLocaleString("en")}行あります）。ファイルを分けてください`,
      `每次最多导入${PRODUCT_FILE_MAX_ROWS}条（文件有${count}条），请拆分文件`,
      `at most ${PRODUCT_FILE_MAX_ROWS.toLocaleString("en")} rows per file: this one has ${count.toLocaleString("en")}; nothing was imported`,
    ),
  noRows: say("データ行がありません", "没有数据行", "no data rows"),
  categoryTooDeep: (levels: number) =>
    say(
      `分类は3階層までです（${levels}階層あります）。3階層以内に整理してください`,
      `分类必须设置为三级以内（当前${levels}级），超过三级需进行优化`,
      `categories go at most 3 levels deep: ${levels} given`,
    ),
  categoryEmptyLevel: say("分类に空の階層があります（例: 服装//T恤）", "分类中有空的级别（如：服装//T恤）", "a category level is empty"),
  extraCells: say(
    "ヘッダーより列が多い行です。カンマを含む値は \"…\" で囲んでください",
    "该行的列数多于标题行，含逗号的值请用 \"…\" 括起来",
    "more cells than header columns: quote values holding commas",
  ),
  listing: say("上下架は空欄・1（上架）・2（下架）のいずれかにしてください", "上下架只能为空、1（上架）或 2（下架）", "上下架 must be blank, 1 (listed) or 2 (delisted)"),
  controlChars: say("改行やタブなどの制御文字は使えません", "不能包含换行、制表符等控制字符", "no line breaks or other control characters"),
} as const;

// ---- Header --------------------------------------------------------------------------------

export interface FileIssue {
  path: [number, string];
  message: string;
}

/** Where each field sits in this file, and its header as the file spells it (for issues). */
export interface FileLayout {
  mode: ProductFileMode;
  names: Record<ProductFileField, string>;
  /** The attribute columns' headers as given (renamed freely). */
  attributes: string[];
  /** Columns the header has; cells past it must be empty. */
  width: number;
}

const headerText = (cell: string | undefined) => (cell ?? "").replace(/^\uFEFF/, "").trim();

/**
 * Fixed columns must be the seed's names in the seed's order (§3.3.2 注5); up to four attribute
 * columns may follow under any name. Anything else refuses the file before any row is read.
 */
export function readHeader(header: readonly string[], mode: ProductFileMode): { layout: FileLayout | null; issues: FileIssue[] } {
  const cells = header.map(headerText);
  while (cells.length && cells[cells.length - 1] === "") cells.pop();
  const fixed = fileColumns(mode);
  const issues: FileIssue[] = [];
  const names = {} as Record<ProductFileField, string>;
  fixed.forEach((column, i) => {
    const found = cells[i] ?? "";
    names[column.field] = column.name;
    if (found === column.name || column.aliases.includes(found)) {
      names[column.field] = found;
      return;
    }
    const message = say(
      `${i + 1}列目の見出しは「${column.name}」にしてください（「${found}」になっています）。最後の4列（属性）以外の見出しは変更できません`,
      `第${i + 1}列的字段名应为「${column.name}」（当前为「${found}」）。除最后四列属性外，字段名都需要一致`,
      `column ${i + 1} must be headed "${column.name}", not "${found}"; only the last four attribute columns may be renamed`,
    );
    issues.push({ path: [0, found || column.name], message });
  });
  const attributes = cells.slice(fixed.length);
  if (mode === "create" && attributes.includes(LISTING.name)) {
    issues.push({
      path: [0, LISTING.name],
      message: say(
        "上下架の列があるファイルは商品批量更新用です。商品批量更新で取り込むか、この列を削除してください",
        "含上下架列的文件用于商品批量更新，请在商品批量更新中导入，或删除该列",
        "a file with 上下架 is for batch update: import it there, or remove the column",
      ),
    });
  } else if (attributes.length > ATTRIBUTE_COLUMNS) {
    issues.push({
      path: [0, attributes[ATTRIBUTE_COLUMNS] || `${fixed.length + ATTRIBUTE_COLUMNS + 1}`],
      message: say(
        `列が多すぎます: 「${fixed[fixed.length - 1]!.name}」の後に置ける属性列は${ATTRIBUTE_COLUMNS}列までです`,
        `列数过多：「${fixed[fixed.length - 1]!.name}」之后最多${ATTRIBUTE_COLUMNS}列属性`,
        `too many columns: at most ${ATTRIBUTE_COLUMNS} attribute columns after ${fixed[fixed.length - 1]!.name}`,
      ),
    });
  }
  if (issues.length) return { layout: null, issues };
  return { layout: { mode, names, attributes: attributes.map((a, i) => a || `属性${i + 1}`), width: cells.length }, issues };
}

// ---- One row -------------------------------------------------------------------------------

export interface Spec {
  /** As stored: "颜色:红;尺码:S" (规格组形式) or "红 S" (规格值形式), separators made plain. */
  text: string;
  /** The values alone, case-folded: two rows name the same spec when their keys match, whatever the form. */
  key: string;
  /** The group names in the 规格组 form; null in the value form. */
  groups: string[] | null;
  /** How many values (dimensions) the spec has. */
  values: number;
}

export interface ProductFileRow {
  row: number;
  productCode: string;
  /** "" when blank (in update mode: keep what the catalog has). */
  productName: string;
  /** Levels, top first; null when blank. */
  category: string[] | null;
  brand: string;
  /** null when blank. */
  spec: Spec | null;
  skuCode: string;
  /** Minor units (fen, yen); null when blank (update mode only). */
  price: number | null;
  baseUnit: string;
  attributes: string[];
  /** Create: always listed. Update: 上下架 blank or 1 → true, 2 → false. */
  listed: boolean;
}

/**
 * A cell as the merchant meant it: trimmed, a defused formula (our own CSV's "'=…") restored, and
 * Excel's text guard ="00123" — the usual way to keep leading zeros through Excel — unwrapped.
 */
export function cellText(raw: string | undefined): string {
  const text = restoreCell((raw ?? "").trim());
  const guarded = /^="((?:[^"]|"")*)"$/.exec(text);
  return (guarded ? guarded[1]!.replace(/""/g, '"') : text).trim();
}

/** "一级/二级/三级" (also ／ and ＞ >) → levels; more than 3 is refused (§3.1). */
export function parseCategoryPath(text: string): { levels: string[] } | { error: string } {
  const levels = text.split(/[/／>＞]/).map((level) => level.trim());
  if (levels.some((level) => level === "")) return { error: PRODUCT_FILE_MESSAGES.categoryEmptyLevel };
  if (levels.length > 3) return { error: PRODUCT_FILE_MESSAGES.categoryTooDeep(levels.length) };
  return { levels };
}

/**
 * 规格名称 in either form (§3.3.2 注3): "颜色:红;尺码:S" (规格组形式, full-width ：； too) or "红 S"
 * (规格值形式: values split by spaces, commas or 、). Mixing both in one cell is refused.
 */
export function parseSpec(text: string): Spec | { error: string } {
  const plain = text.normalize("NFKC").trim();
  const parts = plain.split(";").map((p) => p.trim()).filter(Boolean);
  const grouped = parts.filter((p) => p.includes(":"));
  if (grouped.length && grouped.length === parts.length) {
    const pairs = parts.map((p) => {
      const at = p.indexOf(":");
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()] as const;
    });
    if (pairs.some(([group, value]) => !group || !value)) {
      return { error: say("規格組の名前か値が空です（例: 颜色:红;尺码:S）", "规格组名或规格值为空（例：颜色:红;尺码:S）", 'a spec group or value is empty (e.g. "颜色:红;尺码:S")') };
    }
    return {
      text: pairs.map(([group, value]) => `${group}:${value}`).join(";"),
      key: pairs.map(([, value]) => value.toLowerCase()).join("\u0001"),
      groups: pairs.map(([group]) => group),
      values: pairs.length,
    };
  }
  if (grouped.length) {
    return {
      error: say(
        "規格組形式（颜色:红;尺码:S）と規格値形式（红 S）が混在しています",
        "规格组形式（颜色:红;尺码:S）与规格值形式（红 S）混用",
        'mixed spec forms: use "颜色:红;尺码:S" or "红 S"',
      ),
    };
  }
  const values = plain.split(/[\s,、;]+/).filter(Boolean);
  return { text: values.join(" "), key: values.map((v) => v.toLowerCase()).join("\u0001"), groups: null, values: values.length };
}

/** 零售价 in the merchant's currency: yuan with up to 2 decimals → fen; yen whole → yen. */
export function parsePrice(text: string, currency: Currency): number | { error: string } {
  const plain = text.normalize("NFKC").replace(/[元円]$/, "").trim();
  try {
    const minor = parseMajor(plain, currency);
    if (minor < 0) return { error: say("零售价にマイナスは使えません", "零售价不能为负数", "the price must not be negative") };
    if (minor >= 10_000_000_000) return { error: say("零售价が大きすぎます", "零售价过大", "the price is too large") };
    return minor;
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    return {
      error:
        currency === "JPY"
          ? say(`零售价は円の整数で入力してください（「${text}」）`, `零售价请输入整数日元（「${text}」）`, `the price must be whole yen: "${text}"`)
          : say(
              `零售价は元で、小数点以下2桁までの数値で入力してください（「${text}」）`,
              `零售价请以元为单位，最多两位小数（「${text}」）`,
              `the price must be yuan with at most 2 decimals: "${text}"`,
            ),
    };
  }
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** One data row read and checked on its own; null when a cell is unusable (its issues say why). */
export function readRow(
  cells: readonly string[],
  rowNo: number,
  layout: FileLayout,
  currency: Currency,
): { row: ProductFileRow | null; issues: FileIssue[] } {
  const issues: FileIssue[] = [];
  const columns = fileColumns(layout.mode);
  const at = (field: ProductFileField) => columns.findIndex((c) => c.field === field);
  const problem = (field: ProductFileField, message: string) => issues.push({ path: [rowNo, layout.names[field]], message });
  const text = {} as Record<ProductFileField, string>;
  for (const column of columns) {
    const value = cellText(cells[at(column.field)]);
    text[column.field] = value;
    if (value.length > column.max) problem(column.field, PRODUCT_FILE_MESSAGES.tooLong(column.max));
    else if (CONTROL.test(value)) problem(column.field, PRODUCT_FILE_MESSAGES.controlChars);
  }
  if (cells.slice(layout.width).some((cell) => cell.trim() !== "")) {
    issues.push({ path: [rowNo, layout.attributes[layout.attributes.length - 1] ?? columns[columns.length - 1]!.name], message: PRODUCT_FILE_MESSAGES.extraCells });
  }
  const attributes = layout.attributes.map((_, i) => cellText(cells[columns.length + i]));
  attributes.forEach((value, i) => {
    if (value.length > ATTRIBUTE_MAX) issues.push({ path: [rowNo, layout.attributes[i]!], message: PRODUCT_FILE_MESSAGES.tooLong(ATTRIBUTE_MAX) });
  });

  // Both modes find rows by these codes; a new product also needs its name and price.
  const required: ProductFileField[] = layout.mode === "create" ? ["productCode", "productName", "skuCode", "price"] : ["productCode", "skuCode"];
  for (const field of required) if (!text[field]) problem(field, PRODUCT_FILE_MESSAGES.required);

  let category: string[] | null = null;
  if (text.category) {
    const parsed = parseCategoryPath(text.category);
    if ("error" in parsed) problem("category", parsed.error);
    else category = parsed.levels;
  }
  let spec: Spec | null = null;
  if (text.spec) {
    const parsed = parseSpec(text.spec);
    if ("error" in parsed) problem("spec", parsed.error);
    else spec = parsed;
  }
  let price: number | null = null;
  if (text.price) {
    const parsed = parsePrice(text.price, currency);
    if (typeof parsed === "number") price = parsed;
    else problem("price", parsed.error);
  }
  let listed = true;
  if (layout.mode === "update") {
    const value = (text.listing ?? "").normalize("NFKC");
    if (value === "2") listed = false;
    else if (value !== "" && value !== "1") problem("listing", PRODUCT_FILE_MESSAGES.listing);
  }
  if (issues.length) return { row: null, issues };
  return {
    row: {
      row: rowNo,
      productCode: text.productCode,
      productName: text.productName,
      category,
      brand: text.brand,
      spec,
      skuCode: text.skuCode,
      price,
      baseUnit: text.baseUnit,
      attributes,
      listed,
    },
    issues,
  };
}

/**
 * A row's attribute cells as header → value, under the headers the merchant gave (§3.4.2: 「所有字段名
 * 除了最后四列属性可以更改」); blank cells are left out (in an update: keep what the SKU has).
 */
export function rowAttributes(layout: Pick<FileLayout, "attributes">, row: Pick<ProductFileRow, "attributes">): Record<string, string> {
  const pairs: Record<string, string> = {};
  layout.attributes.forEach((name, i) => {
    const value = row.attributes[i] ?? "";
    if (value !== "") pairs[name] = value;
  });
  return pairs;
}

// ---- The rows together ---------------------------------------------------------------------

/** One 货品编号 of the file with its rows (one per 商家编码), in file order. */
export interface FileProduct {
  code: string;
  /** The first row naming this product. */
  row: number;
  /** The first non-blank value of each product-level cell. */
  name: string;
  category: string[] | null;
  brand: string;
  baseUnit: string;
  skus: ProductFileRow[];
}

export const categoryKey = (levels: readonly string[]) => levels.join("/");

/**
 * A file checked row by row, then as a whole. `add` takes one data row (the admin calls it in
 * chunks between paints, the worker in one loop); `finish` adds the checks across rows. A
 * 商家编码 is counted once per file even on a row with other problems, so a repeat is never hidden
 * behind a bad price.
 */
export class FileCheck {
  readonly issues: FileIssue[] = [];
  private readonly rows: ProductFileRow[] = [];
  private readonly skuRows = new Map<string, number>();
  private readonly skuColumn: number;

  constructor(
    readonly layout: FileLayout,
    private readonly currency: Currency,
  ) {
    this.skuColumn = fileColumns(layout.mode).findIndex((c) => c.field === "skuCode");
  }

  /** Reads data row `rowNo` (from 1). */
  add(cells: readonly string[], rowNo: number) {
    const read = readRow(cells, rowNo, this.layout, this.currency);
    this.issues.push(...read.issues);
    const code = cellText(cells[this.skuColumn]);
    const first = code ? this.skuRows.get(code) : undefined;
    if (first !== undefined) {
      this.issues.push({
        path: [rowNo, this.layout.names.skuCode],
        message: say(
          `商家编码「${code}」がファイル内で重複しています（${first}行目と同じ）`,
          `商家编码「${code}」在文件中重复（与第${first}行相同）`,
          `duplicate 商家编码 "${code}" in the file, first on row ${first}`,
        ),
      });
      return;
    }
    if (code) this.skuRows.set(code, rowNo);
    if (read.row) this.rows.push(read.row);
  }

  /** The file's products, and every issue found (rows, then across rows). */
  finish(): { products: FileProduct[]; issues: FileIssue[] } {
    const grouped = groupProducts(this.rows, this.layout);
    return { products: grouped.products, issues: [...this.issues, ...grouped.issues] };
  }
}

/**
 * The header and the row count, before any row is read: a file over the limit is refused whole,
 * naming the limit (§3.4.2 注3: at most 5,000 SKUs per file).
 */
export function startFile(header: readonly string[], rowCount: number, mode: ProductFileMode, currency: Currency): FileCheck | FileIssue[] {
  const { layout, issues } = readHeader(header, mode);
  if (!layout) return issues;
  const first = layout.names.productCode;
  if (rowCount === 0) return [{ path: [1, first], message: PRODUCT_FILE_MESSAGES.noRows }];
  if (rowCount > PRODUCT_FILE_MAX_ROWS) return [{ path: [PRODUCT_FILE_MAX_ROWS + 1, first], message: PRODUCT_FILE_MESSAGES.tooManyRows(rowCount) }];
  return new FileCheck(layout, currency);
}

/**
 * Checks across rows (each 商家编码 once): the rows of one 货品编号 agree on the product's own cells
 * (a blank cell agrees with anything in update mode, where blank means "keep"); a product of
 * several specs names each one, no two alike, with the same groups and as many values.
 */
function groupProducts(rows: readonly ProductFileRow[], layout: FileLayout): { products: FileProduct[]; issues: FileIssue[] } {
  const issues: FileIssue[] = [];
  const byCode = new Map<string, FileProduct>();
  for (const row of rows) {
    let product = byCode.get(row.productCode);
    if (!product) {
      product = { code: row.productCode, row: row.row, name: row.productName, category: row.category, brand: row.brand, baseUnit: row.baseUnit, skus: [] };
      byCode.set(row.productCode, product);
    } else sameProduct(product, row, layout, issues);
    product.skus.push(row);
  }
  for (const product of byCode.values()) specsOfProduct(product, layout.names.spec, layout.mode, issues);
  return { products: [...byCode.values()], issues };
}

function sameProduct(product: FileProduct, row: ProductFileRow, layout: FileLayout, issues: FileIssue[]) {
  const keep = layout.mode === "update";
  const cells: [ProductFileField, "name" | "category" | "brand" | "baseUnit", string, string][] = [
    ["productName", "name", product.name, row.productName],
    ["category", "category", product.category ? categoryKey(product.category) : "", row.category ? categoryKey(row.category) : ""],
    ["brand", "brand", product.brand, row.brand],
    ["baseUnit", "baseUnit", product.baseUnit, row.baseUnit],
  ];
  for (const [field, key, first, value] of cells) {
    if (first === value || (keep && value === "")) continue;
    if (keep && first === "") {
      // The first row left it blank: the first row that fills it speaks for the product.
      if (key === "category") product.category = row.category;
      else product[key] = value;
      continue;
    }
    issues.push({
      path: [row.row, layout.names[field]],
      message: say(
        `同じ货品编号「${product.code}」の行で${layout.names[field]}が違います（${product.row}行目は「${first}」）`,
        `同一货品编号「${product.code}」的${layout.names[field]}不一致（第${product.row}行为「${first}」）`,
        `rows of product "${product.code}" disagree on ${layout.names[field]}: row ${product.row} has "${first}"`,
      ),
    });
  }
}

function specsOfProduct(product: FileProduct, column: string, mode: ProductFileMode, issues: FileIssue[]) {
  if (product.skus.length < 2) return;
  const seen = new Map<string, number>();
  const grouped = product.skus.find((s) => s.spec?.groups)?.spec;
  const shape = product.skus.find((s) => s.spec)?.spec;
  for (const sku of product.skus) {
    const spec = sku.spec;
    if (!spec) {
      // In an update a blank 规格名称 keeps the SKU's own; the worker checks the result.
      if (mode === "update") continue;
      issues.push({
        path: [sku.row, column],
        message: say(
          `多規格商品（货品编号「${product.code}」に複数の行）では規格名称が必須です`,
          `多规格商品（货品编号「${product.code}」有多行）必须填写规格名称`,
          `a product with several specs needs each one named`,
        ),
      });
      continue;
    }
    const first = seen.get(spec.key);
    if (first !== undefined) {
      issues.push({
        path: [sku.row, column],
        message: say(
          `規格「${spec.text}」は${first}行目と同じです（同じ货品编号の中で規格は重複できません）`,
          `规格「${spec.text}」与第${first}行相同（同一货品编号下规格不能重复）`,
          `spec "${spec.text}" repeats row ${first} of the same product`,
        ),
      });
    } else seen.set(spec.key, sku.row);
    if (grouped && spec.groups && spec.groups.join(";") !== grouped.groups!.join(";")) {
      issues.push({
        path: [sku.row, column],
        message: say(
          `規格組が他の行と違います（${grouped.groups!.join("・")} にしてください）`,
          `规格组与其他行不一致（应为 ${grouped.groups!.join("、")}）`,
          `spec groups differ from the product's other rows (${grouped.groups!.join(", ")})`,
        ),
      });
    } else if (shape && spec.values !== shape.values) {
      issues.push({
        path: [sku.row, column],
        message: say(
          `規格の値の数が他の行と違います（${shape.values}つ: 「${shape.text}」のように）`,
          `规格值的个数与其他行不一致（应为${shape.values}个，如「${shape.text}」）`,
          `this spec has ${spec.values} value(s), the product's others ${shape.values} (like "${shape.text}")`,
        ),
      });
    }
  }
}

// ---- The 样例文件 --------------------------------------------------------------------------

/**
 * The template's example rows: one product of two specs whose 商家编码 start with 0. The codes are
 * written ="00123", Excel's text guard, so opening and saving the file in Excel keeps the zeros
 * (§3.3.2 注1); cellText unwraps it on the way back in.
 */
export function templateRows(mode: ProductFileMode, currency: Currency): string[][] {
  const price = currency === "JPY" ? "1980" : "59.90";
  const rows = [
    ["T001", "纯棉T恤", "服装/上衣/T恤", "示例品牌", "颜色:红;尺码:S", '="00123"', price, "件"],
    ["T001", "纯棉T恤", "服装/上衣/T恤", "示例品牌", "颜色:红;尺码:M", '="00124"', price, "件"],
  ];
  return rows.map((row) => [...row, ...(mode === "update" ? ["1"] : []), ...Array.from({ length: ATTRIBUTE_COLUMNS }, () => "")]);
}
