/**
 * The catalog in memory: built once from the stored pages, then kept in step with the deltas.
 * Lookups by ID, barcode and merchant code are Map gets; substring search runs `indexOf` over one
 * normalised text of all SKUs (name, code, barcode), so a 100k catalog answers in a few ms and a
 * query stops as soon as it has `limit` hits.
 *
 * Pages: the snapshot arrives in pages of up to PAGE_SIZE tuples and is stored as such. A delta
 * rewrites the pages its SKUs live in (a new SKU goes to the last page, or a new one when that is
 * full); `planDelta` computes the new page records without touching memory, so the caller writes
 * them in one transaction and only then applies them here.
 */
import type { Sku } from "./contract";

/** [id, code, barcode, name, price, taxRate, listed (1/0), unit: [conversion, salesUnit, displayName, min, max] | null] */
export type CatalogTuple = [string, string, string | null, string, number, number, 0 | 1, [number, string, string, number, number] | null];
/** [skuId, on hand, available] at the device's store */
export type StockTuple = [string, number, number];

export const PAGE_SIZE = 5000;

export interface StockLevel {
  onHand: number;
  available: number;
}

export function skuFromTuple(t: CatalogTuple): Sku {
  const u = t[7];
  return {
    id: t[0],
    code: t[1],
    barcode: t[2],
    name: t[3],
    price: t[4],
    taxRate: t[5],
    listed: t[6] === 1,
    unit: u ? { conversion: u[0], salesUnit: u[1], displayName: u[2], min: u[3], max: u[4] } : null,
  };
}

export function tupleFromSku(s: Sku): CatalogTuple {
  const u = s.unit;
  return [s.id, s.code, s.barcode, s.name, s.price, s.taxRate, s.listed ? 1 : 0, u ? [u.conversion, u.salesUnit, u.displayName, u.min, u.max] : null];
}

const HIRAGANA = /[\u3041-\u3096]/g;
/**
 * One form for search and keyed lookups: NFKC (full-width digits and letters, half-width kana),
 * lower case, hiragana as katakana (さっぽろ finds サッポロ).
 */
export function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** Separators inside the search text; a query never contains them. */
const FIELD = "\u0001";
const ENTRY = "\u0002";
const CONTROL = /[\u0000-\u001f]/g;

class SearchIndex {
  readonly text: string;
  readonly starts: Int32Array;
  readonly skus: Sku[];

  constructor(skus: Sku[]) {
    this.skus = skus;
    this.starts = new Int32Array(skus.length);
    const parts: string[] = new Array(skus.length);
    let offset = 0;
    for (let i = 0; i < skus.length; i++) {
      const s = skus[i]!;
      const part = `${normalize(s.name)}${FIELD}${normalize(s.code)}${FIELD}${s.barcode ? normalize(s.barcode) : ""}${ENTRY}`;
      this.starts[i] = offset;
      parts[i] = part;
      offset += part.length;
    }
    this.text = parts.join("");
  }

  /** index of the entry holding text position `pos` */
  private entryAt(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  find(terms: string[], limit: number, skip: Set<string>, out: Sku[]): void {
    // Scan for the longest term (fewest hits), then check the others within the same entry.
    const sorted = [...terms].sort((a, b) => b.length - a.length);
    const first = sorted[0]!;
    const rest = sorted.slice(1);
    let from = 0;
    while (out.length < limit) {
      const pos = this.text.indexOf(first, from);
      if (pos < 0) return;
      const i = this.entryAt(pos);
      const end = i + 1 < this.starts.length ? this.starts[i + 1]! : this.text.length;
      const sku = this.skus[i]!;
      if (!skip.has(sku.id) && (rest.length === 0 || rest.every((t) => this.entryIncludes(i, end, t)))) {
        out.push(sku);
        skip.add(sku.id);
      }
      from = end;
    }
  }

  private entryIncludes(i: number, end: number, term: string): boolean {
    const at = this.text.indexOf(term, this.starts[i]!);
    return at >= 0 && at + term.length <= end;
  }
}

export interface DeltaPlan {
  catalogPages: { page: number; items: CatalogTuple[] }[];
  stockPages: { page: number; items: StockTuple[] }[];
  /** apply to memory, after the pages were written */
  apply(): void;
}

export class Catalog {
  private readonly byId = new Map<string, Sku>();
  private readonly byBarcode = new Map<string, Sku>();
  private readonly byCode = new Map<string, Sku>();
  private readonly stockById = new Map<string, StockLevel>();
  private readonly pageOf = new Map<string, number>();
  /** SKU IDs per page, in page order */
  private pageMembers: string[][] = [];
  private index: SearchIndex | null = null;

  get size(): number {
    return this.byId.size;
  }
  get pageCount(): number {
    return this.pageMembers.length;
  }

  clear(): void {
    this.byId.clear();
    this.byBarcode.clear();
    this.byCode.clear();
    this.stockById.clear();
    this.pageOf.clear();
    this.pageMembers = [];
    this.index = null;
  }

  /** A stored or freshly fetched snapshot page (pages come in order 0, 1, 2 …). */
  addPage(page: number, items: readonly CatalogTuple[], stock: readonly StockTuple[]): void {
    const members = (this.pageMembers[page] ??= []);
    for (const t of items) {
      this.put(skuFromTuple(t), page, members);
    }
    for (const [id, onHand, available] of stock) this.stockById.set(id, { onHand, available });
    for (let p = 0; p < page; p++) this.pageMembers[p] ??= [];
    this.index = null;
  }

  private put(sku: Sku, page: number, members: string[]): void {
    const old = this.byId.get(sku.id);
    if (old) this.unindex(old);
    else {
      members.push(sku.id);
      this.pageOf.set(sku.id, page);
    }
    this.byId.set(sku.id, sku);
    if (sku.barcode) this.byBarcode.set(normalize(sku.barcode), sku);
    this.byCode.set(normalize(sku.code), sku);
  }

  private unindex(sku: Sku): void {
    if (sku.barcode) {
      const key = normalize(sku.barcode);
      if (this.byBarcode.get(key) === sku) this.byBarcode.delete(key);
    }
    const code = normalize(sku.code);
    if (this.byCode.get(code) === sku) this.byCode.delete(code);
  }

  /**
   * The page records a delta changes: each affected page is rewritten whole, with the changed
   * SKUs replaced in place and new ones appended to the last page (or a new page when it is full).
   */
  planDelta(items: readonly CatalogTuple[], stock: readonly StockTuple[]): DeltaPlan {
    const changed = new Map<string, CatalogTuple>();
    for (const t of items) changed.set(t[0], t);
    const stockChanged = new Map<string, StockTuple>();
    for (const s of stock) stockChanged.set(s[0], s);

    const members = this.pageMembers.map((m) => m);
    const newPageOf = new Map<string, number>();
    const touched = new Set<number>();
    for (const id of changed.keys()) {
      const page = this.pageOf.get(id);
      if (page !== undefined) {
        touched.add(page);
        continue;
      }
      let last = members.length - 1;
      if (last < 0 || members[last]!.length >= PAGE_SIZE) {
        members.push([]);
        last = members.length - 1;
      } else if (members[last] === this.pageMembers[last]) {
        members[last] = [...members[last]!];
      }
      members[last]!.push(id);
      newPageOf.set(id, last);
      touched.add(last);
    }

    const catalogPages: DeltaPlan["catalogPages"] = [];
    const stockPages: DeltaPlan["stockPages"] = [];
    for (const page of [...touched].sort((a, b) => a - b)) {
      const ids = members[page]!;
      catalogPages.push({
        page,
        items: ids.map((id) => changed.get(id) ?? tupleFromSku(this.byId.get(id)!)),
      });
      const levels: StockTuple[] = [];
      for (const id of ids) {
        if (changed.has(id)) {
          // A changed SKU comes with its stock row, or has none at this store.
          const s = stockChanged.get(id);
          if (s) levels.push(s);
        } else {
          const level = this.stockById.get(id);
          if (level) levels.push([id, level.onHand, level.available]);
        }
      }
      stockPages.push({ page, items: levels });
    }

    return {
      catalogPages,
      stockPages,
      apply: () => {
        this.pageMembers = members;
        for (const [id, t] of changed) {
          const page = this.pageOf.get(id) ?? newPageOf.get(id)!;
          if (!this.pageOf.has(id)) this.pageOf.set(id, page);
          const old = this.byId.get(id);
          if (old) this.unindex(old);
          const sku = skuFromTuple(t);
          this.byId.set(id, sku);
          if (sku.barcode) this.byBarcode.set(normalize(sku.barcode), sku);
          this.byCode.set(normalize(sku.code), sku);
          const s = stockChanged.get(id);
          if (s) this.stockById.set(id, { onHand: s[1], available: s[2] });
          else this.stockById.delete(id);
        }
        this.index = null;
      },
    };
  }

  getSku(id: string): Sku | undefined {
    return this.byId.get(id);
  }
  findByBarcode(barcode: string): Sku | undefined {
    return this.byBarcode.get(normalize(barcode.trim()));
  }
  findByCode(code: string): Sku | undefined {
    return this.byCode.get(normalize(code.trim()));
  }
  stockLevel(id: string): StockLevel | undefined {
    return this.stockById.get(id);
  }

  /** Build the search text now (it is otherwise built by the first search). */
  warm(): void {
    this.index ??= new SearchIndex(this.ordered());
  }

  private ordered(): Sku[] {
    const out: Sku[] = [];
    for (const ids of this.pageMembers) for (const id of ids) out.push(this.byId.get(id)!);
    return out;
  }

  /**
   * Substring search over name, code and barcode. Words separated by spaces must all occur in the
   * same SKU. An exact barcode or code comes first.
   */
  search(query: string, limit = 50): Sku[] {
    const normalized = normalize(query).replace(CONTROL, "").trim();
    if (!normalized || limit <= 0) return [];
    const out: Sku[] = [];
    const seen = new Set<string>();
    for (const exact of [this.byBarcode.get(normalized), this.byCode.get(normalized)]) {
      if (exact && !seen.has(exact.id)) {
        out.push(exact);
        seen.add(exact.id);
      }
    }
    if (out.length >= limit) return out.slice(0, limit);
    this.warm();
    this.index!.find(normalized.split(/\s+/), limit, seen, out);
    return out;
  }
}
