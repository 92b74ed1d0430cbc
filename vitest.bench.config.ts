import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Runs the benchmarks in the issues' order (ingest, push, reconcile, documents, wangdian, nextengine, rakuten), whatever vitest would pick. */
const ORDER = ["ingest", "push", "reconcile", "documents", "wangdian", "nextengine", "rakuten", "smaregi"];
const rank = (file: TestSpecification) => {
  const index = ORDER.findIndex((name) => file.moduleId.endsWith(`/${name}.bench-run.ts`));
  return index === -1 ? ORDER.length : index;
};
class BenchSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

// `npm run bench` (scripts/bench.mjs): the benchmarks of test/bench/*.bench-run.ts, inside workerd
// with the same worker, wrangler.toml (real local D1 and Queues, max_batch_timeout 0), migrations and
// fakes as the worker tests. They print figures and assert no timings. `npm test` never matches them.
// Files run one after another (never in parallel), in the order ingest, push, reconcile.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  const only = process.env.BENCH_ONLY; // e.g. BENCH_ONLY=ingest → test/bench/ingest.bench-run.ts
  return {
    plugins: [
      cloudflareTest({
        main: "./worker/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            CREDENTIALS_KEY: "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=",
            APP_ENV: "test",
            // Size knobs for quick trial runs (BENCH_ORDERS=1000 …); the defaults are the sizes.
            ...Object.fromEntries(Object.entries(process.env).filter(([k]) => /^BENCH_[A-Z_]+$/.test(k) && k !== "BENCH_ONLY")),
          },
        },
      }),
    ],
    test: {
      name: "bench",
      include: [only ? `test/bench/${only}.bench-run.ts` : "test/bench/*.bench-run.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
      // The fakes (same server as test/worker/global-setup.ts) plus a Node-side probe that samples
      // the workerd process's memory and CPU (test/bench/node/probe.ts).
      globalSetup: ["./test/bench/node/global-setup.ts"],
      fileParallelism: false,
      sequence: { sequencer: BenchSequencer },
      maxWorkers: 1,
      testTimeout: 20 * 60_000,
      hookTimeout: 20 * 60_000,
      teardownTimeout: 60_000,
      // Figures go to stdout as they are printed, not buffered per test.
      silent: false,
      reporters: ["verbose"],
    },
  };
});
