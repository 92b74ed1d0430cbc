/**
 * Shared pieces of the benchmarks (workerd side): one-line figures, a seeded PRNG, the Node-side
 * probe, and bulk setup of a catalogue with stock. Setup writes products / SKUs with multi-row
 * INSERTs and stock only through the ledger (movementStatements → triggers), as the schema requires.
 */
import { env } from "cloudflare:workers";
import { priceReceipt } from "../../shared/receipt";
import { inject } from "vitest";
import { serviceContext, type ServiceContext } from "../../worker/context";
import { bulkInsert } from "../../worker/db/bulk";
import { newId, nowIso } from "../../worker/db/ids";
import { batchInChunks } from "../../worker/db/merchant-db";
import { movementStatements, type MovementInput } from "../../worker/inventory/ledger";
import { createMerchant } from "../../worker/merchants/create";

/** Prints one figure line: `[bench] <name> key=value …` (scripts/bench.mjs collects these). */
export function report(name: string, fields: Record<string, string | number | boolean>) {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "number" && !Number.isInteger(v) ? v.toFixed(2) : v}`);
  console.log(`[bench] ${name} ${parts.join(" ")}`);
}

/** mulberry32: small, fast, seeded. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  // nearest-rank
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export const mb = (kb: number) => Math.round(kb / 102.4) / 10;

export interface ProbeResult {
  label: string;
  wallMs: number;
  pids: number[];
  samples: number;
  rssStartKb: Record<string, number>;
  rssPeakKb: Record<string, number>;
  hwmKb: Record<string, number>;
  rssEndKb: Record<string, number>;
  workerdCpuMs: Record<string, number>;
  nodeCpuMs: number;
  fake: { requests: number; ms: number };
}

/** Node-side probe (test/bench/node/probe.ts): memory and CPU of workerd, time spent in the fakes. */
export const probe = {
  async start(label: string) {
    const response = await fetch(`${inject("benchProbeUrl")}/start?label=${encodeURIComponent(label)}`, { method: "POST" });
    return (await response.json()) as { pids: number[]; resetHwm: Record<string, boolean>; rssStartKb: Record<string, number> };
  },
  async stop(): Promise<ProbeResult> {
    const response = await fetch(`${inject("benchProbeUrl")}/stop`, { method: "POST" });
    return (await response.json()) as ProbeResult;
  },
};

export const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

export async function benchMerchant(name: string) {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `bench-${name}-${tag}@example.test`;
  const password = "correct horse battery";
  const created = await createMerchant(env, {
    name: `Bench ${name} ${tag}`,
    currency: "JPY",
    timeZone: "Asia/Tokyo",
    owner: { email, name: "Bench", password },
  });
  const ctx = serviceContext(env, created.merchantId, { kind: "system", id: "bench" });
  return { ...created, ctx, email, password };
}

/** The worker tests' caller of the real HTTP API (exports.default.fetch), signed in as the owner. */
export { signIn, type Api } from "../worker/helpers";

/** The fakes server's control API (test/fakes/server.ts). */
export async function fakeControl(fake: string, action: string, body?: unknown): Promise<any> {
  const response = await fetch(`${inject("fakesUrl")}/__control/${fake}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`fake control ${fake}/${action}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Extra locations (the merchant starts with a store and a warehouse). */
export async function addLocations(ctx: ServiceContext, count: number, prefix = "BL"): Promise<string[]> {
  const at = nowIso();
  const rows = Array.from({ length: count }, (_, i) => [newId("loc"), `${prefix}${i}`, `Bench location ${i}`, "warehouse", at]);
  await ctx.db.batch(bulkInsert(ctx.db, "locations", ["id", "code", "name", "kind", "created_at"], rows));
  return rows.map((r) => r[0] as string);
}

/**
 * `count` SKUs with codes `code(i)`, `skusPerProduct` per product, and optional on-hand stock per
 * location through ledger movements. Returns SKU IDs in code order.
 */
export async function createCatalogue(
  ctx: ServiceContext,
  options: {
    count: number;
    code: (i: number) => string;
    skusPerProduct?: number;
    stock?: { locationIds: readonly string[]; quantity: (skuIndex: number, locationIndex: number) => number };
    statementsPerBatch?: number;
  },
): Promise<string[]> {
  const per = options.skusPerProduct ?? 10;
  const size = options.statementsPerBatch ?? 1000;
  const at = nowIso();
  const skuIds: string[] = [];
  const productRows: unknown[][] = [];
  const skuRows: unknown[][] = [];
  for (let i = 0; i < options.count; i++) {
    if (i % per === 0) productRows.push([newId("prd"), `PRD-${options.code(i)}`, `Product ${options.code(i)}`, at, at]);
    const skuId = newId("sku");
    skuIds.push(skuId);
    skuRows.push([skuId, productRows[productRows.length - 1]![0], options.code(i), 1000 + (i % 50) * 10, at, at]);
  }
  await batchInChunks(
    env.DB,
    [
      ...bulkInsert(ctx.db, "products", ["id", "code", "name", "created_at", "updated_at"], productRows),
      ...bulkInsert(ctx.db, "skus", ["id", "product_id", "code", "price", "created_at", "updated_at"], skuRows),
    ],
    size,
  );
  if (options.stock) {
    const { locationIds, quantity } = options.stock;
    // Built and written in slices, so the whole movement list never sits in memory at once.
    const slice = 20_000;
    for (let start = 0; start < skuIds.length; start += slice) {
      const movements: MovementInput[] = [];
      for (let i = start; i < Math.min(skuIds.length, start + slice); i++) {
        locationIds.forEach((locationId, l) => {
          const q = quantity(i, l);
          if (q !== 0) {
            movements.push({
              skuId: skuIds[i]!,
              locationId,
              bucket: "on_hand",
              quantity: q,
              reason: "receipt",
              sourceType: "adjustment",
              sourceId: "bench-setup",
              key: `bench-setup:${skuIds[i]}:${locationId}`,
            });
          }
        });
      }
      await batchInChunks(env.DB, movementStatements(ctx.db, movements, at, "system:bench"), size);
    }
  }
  return skuIds;
}

/** A POS sale as a device pushes it, priced with the shared arithmetic, paid in full by one tender. */
export function benchSale(input: {
  number: string;
  occurredAt: string;
  staffId: string;
  lines: { skuId: string; quantity: number; unitPrice: number; taxRate: number }[];
  currency: "JPY" | "CNY";
  tender: "cash" | "card";
}) {
  const lines = input.lines.map((l) => ({ ...l, discount: 0 }));
  const priced = priceReceipt(lines, 0, "inclusive", input.currency);
  return {
    id: crypto.randomUUID(),
    kind: "sale",
    number: input.number,
    occurredAt: input.occurredAt,
    staffId: input.staffId,
    taxDisplay: "inclusive",
    subtotalDiscount: 0,
    total: priced.total,
    tax: priced.tax.tax,
    lines,
    tenders: [{ method: input.tender, kind: input.tender, amount: priced.total }],
    change: 0,
  };
}
