import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// One run, two projects: the worker in workerd with real local D1 and Queues, and the
// browser-free code (shared arithmetic, PWA logic) in Node.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        {
          plugins: [
            cloudflareTest({
              main: "./worker/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  // A fixed test key; `npm start` generates its own into .dev.vars.
                  CREDENTIALS_KEY: "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["./test/worker/apply-migrations.ts"],
            globalSetup: ["./test/worker/global-setup.ts"],
            testTimeout: 30_000,
          },
        },
        {
          // The stack as `npm start` runs it, driven by Debian's Chromium through playwright-core.
          test: {
            name: "e2e",
            environment: "node",
            include: ["test/e2e/**/*.test.ts"],
            globalSetup: ["./test/e2e/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 150_000,
          },
        },
        {
          test: {
            name: "node",
            environment: "node",
            include: ["test/pwa/**/*.test.{ts,tsx}", "test/shared/**/*.test.ts", "test/fakes/**/*.test.ts"],
          },
        },
      ],
    },
  };
});
