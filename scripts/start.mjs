// `npm start`: Renkei locally in one command.
// Builds the PWA, makes a local secret, migrates local D1, starts the sandbox peers (fakes) on
// 127.0.0.1:8788 and `wrangler dev` on 127.0.0.1:8787, seeds a demo merchant on first run,
// fires the cron dispatcher every minute (wrangler dev never fires cron by itself), and stops
// everything on Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seedDemo, DEMO } from "./seed-demo.mjs";

const root = join(import.meta.dirname, "..");
// Overridable so the browser tests can run a private copy beside a developer's `npm start`.
const PORT = Number(process.env.RENKEI_PORT ?? 8787);
const FAKES_PORT = Number(process.env.RENKEI_FAKES_PORT ?? 8788);
const STATE = process.env.RENKEI_STATE_DIR; // wrangler's --persist-to (default .wrangler/state)
const HUB = `http://127.0.0.1:${PORT}`;
const persist = STATE ? ["--persist-to", STATE] : [];
const quiet = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_ERROR_REPORTS: "false" };
const env = { ...process.env, ...quiet };
const bin = (name) => join(root, "node_modules", ".bin", name);

function step(label, command, args) {
  console.log(`▸ ${label}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, ".dev.vars"))) {
  // The key that seals connection credentials (AES-GCM); production sets it with `wrangler secret put`.
  writeFileSync(join(root, ".dev.vars"), `CREDENTIALS_KEY="${randomBytes(32).toString("base64")}"\n`);
  console.log("▸ generated .dev.vars (local CREDENTIALS_KEY)");
}
if (process.env.RENKEI_SKIP_BUILD !== "1") step("building the PWA", bin("vite"), ["build", "--config", "pwa/vite.config.ts", "--logLevel", "warn"]);
step("applying local D1 migrations", bin("wrangler"), ["d1", "migrations", "apply", "renkei", "--local", ...persist]);

const children = [];
function start(label, command, args) {
  // Own process group, so stopping it stops workerd too (Ctrl-C to npx alone does not).
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"], detached: true });
  children.push(child);
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${label} exited (${code}); stopping`);
      stop(1);
    }
  });
  return child;
}
let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGINT");
    } catch {}
  }
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

start("fakes", bin("tsx"), ["test/fakes/server.ts", String(FAKES_PORT)]);
start("wrangler", bin("wrangler"), ["dev", "--ip", "127.0.0.1", "--port", String(PORT), "--test-scheduled", "--log-level", "warn", ...persist]);

async function waitFor(url) {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}
await waitFor(`${HUB}/api/health`);
await waitFor(`http://127.0.0.1:${FAKES_PORT}/__control/http-json/pushes`);
await seedDemo({ hub: HUB, fakes: `http://127.0.0.1:${FAKES_PORT}`, root, env, persist });

// Local cron: the dispatcher every minute, as Cloudflare's trigger does in production.
setInterval(() => fetch(`${HUB}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(() => {}), 60_000);

console.log(`
  Renkei is running.  (ready)
    admin  ${HUB}/admin/     sign in: ${DEMO.email} / ${DEMO.password}
    POS    ${HUB}/pos/
    API    ${HUB}/api/openapi.json
    sandbox peers (fakes)  http://127.0.0.1:${FAKES_PORT}
  Ctrl-C stops everything.
`);
