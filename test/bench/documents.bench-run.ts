/**
 * Benchmark — store documents taken by the hub (issue 3: 10k queued documents delivered after a
 * reconnect). The browser side is measured by test/bench/pos/run.mjs; this one isolates the hub's
 * share: BENCH_DOCS sales (2 lines each, over 1,000 SKUs stocked at the store) pushed as the outbox
 * sends them, 100 per push, through the real service `postMany`, with the time split into the one
 * read batch, the one write batch and the rest (validation with zod, pricing again). Then the same
 * pushes again: every document answered 'duplicate' (what a lost answer costs).
 */
import { it } from "vitest";
import { env } from "cloudflare:workers";
import { createDevice } from "../../worker/auth/devices";
import { postMany } from "../../worker/documents/post";
import { benchMerchant, benchSale, createCatalogue, percentile, prng, report } from "./support";
import { timedContext } from "./timed-db";

const knob = (name: string, fallback: number) => Number((env as unknown as Record<string, string | undefined>)[name] ?? "") || fallback;
const DOCS = knob("BENCH_DOCS", 5_000);
const PER_PUSH = 100;
const SKUS = 1_000;

it("documents: pushes of 100 sales through postMany", { timeout: 30 * 60_000 }, async () => {
  const m = await benchMerchant("documents");
  const skuIds = await createCatalogue(m.ctx, {
    count: SKUS,
    code: (i) => `DOC-${String(i).padStart(5, "0")}`,
    stock: { locationIds: [m.storeId], quantity: () => 1_000 },
  });
  const device = await createDevice(m.ctx, { locationId: m.storeId, name: "bench" });
  const random = prng(20261126);
  const docs = Array.from({ length: DOCS }, (_, i) =>
    benchSale({
      number: `S001-01-${String(i + 1).padStart(6, "0")}`,
      occurredAt: new Date(Date.UTC(2026, 10, 26, 1) + i * 1000).toISOString(),
      staffId: m.ownerId,
      lines: [0, 1].map(() => ({ skuId: skuIds[Math.floor(random() * SKUS)]!, quantity: 1 + Math.floor(random() * 2), unitPrice: 1000 + Math.floor(random() * 50) * 10, taxRate: i % 3 ? 10 : 8 })),
      currency: "JPY",
      tender: "cash",
    }),
  );

  for (const pass of ["first", "replay"] as const) {
    const { ctx, db } = timedContext(m.ctx);
    const perPush: number[] = [];
    const counts: Record<string, number> = {};
    const started = performance.now();
    for (let i = 0; i < docs.length; i += PER_PUSH) {
      const t0 = performance.now();
      const results = await postMany(ctx, m.storeId, device.id, docs.slice(i, i + PER_PUSH));
      perPush.push(performance.now() - t0);
      for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    }
    const ms = performance.now() - started;
    const sorted = [...perPush].sort((a, b) => a - b);
    const readMs = db.readMs();
    report(`documents.${pass}`, {
      documents: docs.length,
      ms,
      "docs/s": Math.round(docs.length / (ms / 1000)),
      pushes: perPush.length,
      push_p50_ms: percentile(sorted, 50),
      push_p95_ms: percentile(sorted, 95),
      reads_ms: readMs,
      write_batches: db.batches.calls,
      batch_ms: db.batches.ms,
      statements: db.batches.statements,
      rest_ms: ms - readMs - db.batches.ms,
      accepted: counts.accepted ?? 0,
      duplicate: counts.duplicate ?? 0,
      rejected: counts.rejected ?? 0,
    });
  }
});
