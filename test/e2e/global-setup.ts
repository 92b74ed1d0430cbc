/**
 * Runs the whole stack as `npm start` does (wrangler dev with local D1 migrated and seeded, the
 * fakes beside it), on free loopback ports with a throwaway state folder, for the browser tests;
 * stops it (the whole process group, workerd included) afterwards.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });

export default async function setup(project: TestProject) {
  const [port, fakesPort] = [await freePort(), await freePort()];
  const state = mkdtempSync(join(tmpdir(), "renkei-e2e-"));
  const root = join(import.meta.dirname, "..", "..");
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RENKEI_PORT: String(port), RENKEI_FAKES_PORT: String(fakesPort), RENKEI_STATE_DIR: state, RENKEI_SKIP_BUILD: "1" },
  });
  let log = "";
  child.stdout!.on("data", (chunk) => (log += chunk));
  child.stderr!.on("data", (chunk) => (log += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack did not start in 120 s:\n${log}`)), 120_000);
    child.stdout!.on("data", () => {
      if (log.includes("(ready)")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`start exited with ${code}:\n${log}`)));
  });
  project.provide("hubUrl", `http://127.0.0.1:${port}`);
  project.provide("sandboxUrl", `http://127.0.0.1:${fakesPort}`);
  return async () => {
    try {
      process.kill(-child.pid!, "SIGINT");
    } catch {}
    await new Promise((r) => setTimeout(r, 1000));
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
    rmSync(state, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    hubUrl: string;
    sandboxUrl: string;
  }
}
