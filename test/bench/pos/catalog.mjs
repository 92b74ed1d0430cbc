// A synthetic store catalog for the POS benchmarks: N SKUs (4 per product) with Japanese-like
// names (≈ 20 characters, e.g. `サッポロ アイスクリーム 濃厚 微糖 200g ブルー`), unique 13-digit JAN
// barcodes (45… + check digit), prices, and stock at the store for every 5th SKU. Written as SQL
// for `wrangler d1 execute --local --file`: products and SKUs as multi-row INSERTs (their triggers
// add the change-log rows), stock only through the ledger (stock_movements, whose triggers write
// stock_levels and the change log), as the schema requires. Deterministic for a seed.

/** mulberry32, as test/bench/support.ts */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = ["サッポロ", "アサヒ", "キリン", "明治", "森永", "カルビー", "ロッテ", "グリコ", "ハウス", "味の素", "日清", "ニチレイ", "ヤマザキ", "雪印", "伊藤園", "サントリー", "花王", "ライオン", "資生堂", "ユニチャーム", "無印良品", "タカラ", "コクヨ", "パイロット", "ゼブラ", "象印", "タイガー", "シャープ", "ソニー", "パナソニック", "ミズノ", "アシックス", "ワコール", "グンゼ", "エプソン", "ニトリ", "カゴメ", "キッコーマン", "ヤクルト", "不二家"];
const ITEMS = ["アイスクリーム", "ポテトチップス", "チョコレート", "緑茶", "コーヒー", "ボールペン", "ノート", "シャンプー", "歯ブラシ", "タオル", "Tシャツ", "靴下", "マグカップ", "電池", "ハンドクリーム", "カップ麺", "ヨーグルト", "ビスケット", "洗剤", "ティッシュ", "スニーカー", "傘", "水筒", "トートバッグ", "クッキー", "ミネラルウォーター", "カレールウ", "醤油", "味噌", "せんべい"];
const WORDS = ["濃厚", "微糖", "低脂肪", "プレミアム", "やわらか", "さらさら", "しっとり", "国産", "有機", "北海道", "抹茶", "いちご", "大容量", "お徳用", "限定", "無香料", "速乾", "厚手", "薄型", "ミニ"];
const SIZES = ["200g", "500ml", "1L", "10枚", "3本入", "M", "L", "24cm", "80g", "2個"];
const VARIANTS = [["ホワイト", "ブラック", "ブルー", "レッド"], ["S", "M", "L", "XL"], ["1個", "3個", "6個", "12個"], ["しお", "しょうゆ", "みそ", "とんこつ"]];

export const SKUS_PER_PRODUCT = 4;
/** rows per INSERT: wrangler's SQL splitter is quadratic in statement length, so keep them short */
const ROWS = Number(process.env.BENCH_POS_SQL_ROWS ?? 40);

function janCheck(twelve) {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** A unique JAN for SKU number i: 45 + a scrambled 10-digit number (i × prime mod 10^10, a bijection) + check digit. */
export function barcodeOf(i) {
  const body = `45${String((BigInt(i) * 7_919_357n + 1_234_567n) % 10_000_000_000n).padStart(10, "0")}`;
  return body + janCheck(body);
}

/**
 * The catalog in memory (what the benches pick from) and the SQL that writes it.
 * @param {{ skus: number, merchantId: string, storeId: string, seed?: number, now?: string }} options
 */
export function generateCatalog({ skus: n, merchantId, storeId, seed = 20261126, now = new Date().toISOString() }) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const products = Math.ceil(n / SKUS_PER_PRODUCT);
  /** @type {{ id: string, code: string, barcode: string, name: string, price: number, reduced: boolean }[]} */
  const items = [];
  const statements = [];
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  let productRows = [];
  let skuRows = [];
  // products before their SKUs (foreign key), 500 SKU rows per statement
  const flush = (force) => {
    if (!force && skuRows.length < ROWS) return;
    if (productRows.length) {
      statements.push(`INSERT INTO products (id, merchant_id, code, name, tax_class, created_at, updated_at) VALUES\n${productRows.join(",\n")};`);
      productRows = [];
    }
    if (skuRows.length) {
      statements.push(`INSERT INTO skus (id, merchant_id, product_id, code, barcode, spec_name, price, created_at, updated_at) VALUES\n${skuRows.join(",\n")};`);
      skuRows = [];
    }
  };
  for (let p = 0; p < products; p++) {
    const productId = `prd_bench${String(p).padStart(7, "0")}`;
    const productCode = `B${String(p).padStart(7, "0")}`;
    const item = pick(ITEMS);
    const name = `${pick(BRANDS)} ${item} ${pick(WORDS)} ${pick(WORDS)} ${pick(SIZES)}`;
    const reduced = /アイス|チップス|チョコ|茶|コーヒー|麺|ヨーグルト|ビスケット|クッキー|ウォーター|ルウ|醤油|味噌|せんべい/.test(item);
    const variants = pick(VARIANTS);
    const base = 100 + Math.floor(random() * 200) * 50;
    productRows.push(`(${q(productId)}, ${q(merchantId)}, ${q(productCode)}, ${q(name)}, ${q(reduced ? "reduced" : "standard")}, ${q(now)}, ${q(now)})`);
    for (let v = 0; v < SKUS_PER_PRODUCT && items.length < n; v++) {
      const i = items.length;
      const id = `sku_bench${String(i).padStart(7, "0")}`;
      const code = `${productCode}-${v + 1}`;
      const barcode = barcodeOf(i);
      const spec = variants[v];
      const price = base + v * 100;
      items.push({ id, code, barcode, name: `${name} ${spec}`, price, reduced });
      skuRows.push(`(${q(id)}, ${q(merchantId)}, ${q(productId)}, ${q(code)}, ${q(barcode)}, ${q(spec)}, ${price}, ${q(now)}, ${q(now)})`);
    }
    flush(false);
  }
  flush(true);
  // Stock at the store for every 5th SKU, through the ledger (one movement each).
  let stocked = 0;
  let moves = [];
  const flushMoves = () => {
    if (!moves.length) return;
    statements.push(
      `INSERT INTO stock_movements (merchant_id, sku_id, location_id, bucket, quantity, reason, source_type, source_id, idempotency_key, created_at) VALUES\n${moves.join(",\n")};`,
    );
    moves = [];
  };
  for (let i = 0; i < items.length; i += 5) {
    const quantity = 1 + Math.floor(random() * 50);
    moves.push(`(${q(merchantId)}, ${q(items[i].id)}, ${q(storeId)}, 'on_hand', ${quantity}, 'receipt', 'bench', 'bench-seed', ${q(`bench-seed-${i}`)}, ${q(now)})`);
    stocked++;
    if (moves.length >= ROWS) flushMoves();
  }
  flushMoves();
  return { items, stocked, products, sql: statements.join("\n") };
}
