// `npm run bench [-- ingest|push|reconcile|documents|wangdian|nextengine|rakuten|smaregi|pos]`: runs the benchmarks of test/bench/*.bench-run.ts
// inside workerd (vitest.bench.config.ts), then the POS benchmarks in headless Chromium against the
// whole stack under `wrangler dev` (test/bench/pos/run.mjs), streams their output, then prints a
// summary of the figures and how busy the machine was with other work meanwhile. Figures only:
// nothing asserts a timing. The full output is also kept in bench-results/<time>.txt (git-ignored).
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const only = process.argv[2];
const WORKER_BENCHES = ["ingest", "push", "reconcile", "documents", "wangdian", "nextengine", "rakuten", "smaregi"];
if (only && ![...WORKER_BENCHES, "pos"].includes(only)) {
  console.error(`unknown benchmark "${only}"; one of: ${[...WORKER_BENCHES, "pos"].join(", ")}`);
  process.exit(2);
}
const runWorker = !only || WORKER_BENCHES.includes(only);
const runPos = !only || only === "pos";

await import("./ensure-assets.mjs"); // the pool needs the assets folder of wrangler.toml

/** Busy and total jiffies of the whole machine (/proc/stat), and of this process's finished children. */
function machineJiffies() {
  const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f.map(Number);
  return { busy: user + nice + system + irq + softirq + steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
}
function ownJiffies() {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
  return f[11] + f[12] + f[13] + f[14]; // utime stime cutime cstime (children reaped, recursively)
}
/** Other heavy processes now, not ours (vitest / workerd / chromium / tsc / vite of other work). */
function otherWork() {
  const mine = new Set([process.pid, process.ppid]);
  const out = [];
  let entries = [];
  try {
    entries = readdirSync("/proc");
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || mine.has(Number(entry))) continue;
    let cmd = "";
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ").trim();
    } catch {
      continue;
    }
    if (/workerd|vitest|chromium|tsc|vite |playwright/.test(cmd)) out.push(`${entry}: ${cmd.slice(0, 90)}`);
  }
  return out;
}

const startedAt = new Date();
const otherBefore = otherWork();
const machineBefore = machineJiffies();
const ownBefore = ownJiffies();
const loadBefore = loadavg();

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  FORCE_COLOR: "0",
  NO_COLOR: "1",
  ...(only && WORKER_BENCHES.includes(only) ? { BENCH_ONLY: only } : {}),
};

let output = "";
/** Runs one part, streaming and keeping its output; resolves with its exit code. */
function runPart(args) {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
    process.stderr.write(chunk);
  });
  return new Promise((resolve) => child.on("close", (c) => resolve(c ?? 1)));
}

let code = 0;
let workerPart = null;
if (runWorker) {
  const vitestBin = join(root, "node_modules", "vitest", "vitest.mjs");
  code = await runPart([vitestBin, "run", "-c", "vitest.bench.config.ts"]);
  // The worker benchmarks' machine figures: vitest reaps its workerd, so its CPU is ours.
  const elapsedS = (Date.now() - startedAt.getTime()) / 1000;
  const machine = machineJiffies();
  const ownCpuS = (ownJiffies() - ownBefore) / 100;
  const busyS = (machine.busy - machineBefore.busy) / 100;
  workerPart = { elapsedS, ownCpuS, otherCpuS: Math.max(0, busyS - ownCpuS) };
}
if (runPos) {
  // The POS part measures its own machine load (the stack's workerd is not its child to reap):
  // see the `[bench] pos.machine` line.
  const posCode = await runPart([join(root, "test", "bench", "pos", "run.mjs")]);
  if (posCode !== 0) code = code || posCode;
}

const elapsedS = (Date.now() - startedAt.getTime()) / 1000;
const cores = cpus().length;

// ---- summary ----
const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
const lines = plain.split("\n").map((l) => l.trim());
const benchLines = lines.filter((l) => l.startsWith("[bench] ") || l.startsWith("ingest ratio ") || /^read \d+ ms in/.test(l));
const figures = new Map();
for (const line of benchLines) {
  const m = /^\[bench\] (\S+) (.*)$/.exec(line);
  if (!m) continue;
  figures.set(m[1], Object.fromEntries(m[2].split(" ").map((kv) => kv.split("=")).map(([k, ...v]) => [k, v.join("=")])));
}
const ratio = lines.find((l) => l.startsWith("ingest ratio "));
const f = (name, key) => figures.get(name)?.[key];

const summary = [];
summary.push("");
summary.push("==== Renkei benchmarks: summary ====");
summary.push(`started ${startedAt.toISOString()}, ${elapsedS.toFixed(0)} s, ${cores} CPUs, node ${process.version}, exit code ${code}`);
if (figures.has("ingest")) {
  summary.push(
    `1. ingest with allocation: ${f("ingest", "orders")} orders × 3 lines in ${f("ingest", "ms")} ms = ${f("ingest", "orders/s")} orders/s ` +
      `(${f("ingest", "allocated")} allocated, ${f("ingest", "awaiting_allocation")} awaiting allocation); raw insert of the same ${f("ingest.rows", "total")} rows ${f("ingest.raw", "ms")} ms`,
  );
  if (ratio) summary.push(`   ${ratio}   (goal ≥ 0.5)`);
}
if (figures.has("push")) {
  summary.push(
    `2. stock change → push job started: p50 ${f("push", "start_p50_ms")} ms, p95 ${f("push", "start_p95_ms")} ms, max ${f("push", "start_max_ms")} ms ` +
      `over ${f("push", "adjustments")} adjustments (goal p95 ≤ 1000 ms); pushed p95 ${f("push.detail", "pushed_p95_ms")} ms`,
  );
}
if (figures.has("reconcile")) {
  summary.push(
    `3. reconciliation ${f("reconcile", "skus")} SKUs × ${f("reconcile", "locations")} locations (page ${f("reconcile", "page_size")}): ${(Number(f("reconcile", "ms")) / 1000).toFixed(1)} s (goal ≤ 30 s), ` +
      `workerd peak RSS ${f("reconcile", "peak_rss_mb")} MB (+${f("reconcile", "peak_growth_mb")} MB over ${f("reconcile", "rss_before_mb")} MB before); ` +
      `setup ${(Number(f("reconcile.setup", "ms")) / 1000).toFixed(1)} s not counted`,
  );
  const s = (name, key) => (Number(f(name, key)) / 1000).toFixed(1);
  summary.push(
    `   of the ${s("reconcile", "ms")} s: fake server answering ${s("reconcile.breakdown", "fake_server_ms")} s, Renkei's D1 reads ${s("reconcile.breakdown", "renkei_d1_reads_ms")} s, the rest ${s("reconcile.breakdown", "rest_ms")} s; workerd CPU ${s("reconcile.breakdown", "workerd_cpu_ms")} s`,
  );
  if (figures.has("reconcile.page-size")) {
    summary.push(
      `   same with page ${f("reconcile.page-size", "page_size")}: ${(Number(f("reconcile.page-size", "ms")) / 1000).toFixed(1)} s, peak RSS ${f("reconcile.page-size", "peak_rss_mb")} MB (+${f("reconcile.page-size", "peak_growth_mb")} MB)`,
    );
  }
}
if (figures.has("pos.first-load") || figures.has("pos.bundle")) {
  const s = (ms) => (Number(ms) / 1000).toFixed(1);
  // in-page timings are performance.now(), which Chromium coarsens to 0.1 ms
  const ms = (value) => (Number(value) === 0 ? "< 0.1" : value);
  summary.push(`4. POS in headless Chromium against wrangler dev${figures.has("pos.first-load") ? `, ${f("pos.first-load", "skus")} SKUs` : ""}:`);
  if (figures.has("pos.first-load")) {
    summary.push(
      `   first load, pair → catalog → barcode found: ${s(f("pos.first-load", "ms"))} s median of ${f("pos.first-load", "rounds")} (${f("pos.first-load", "rounds_ms")} ms; goal ≤ 5 s); ` +
        `hub answering the ${f("pos.first-load", "catalog_requests")} catalog pages ${s(f("pos.first-load", "hub_catalog_ms"))} s of it`,
    );
  }
  if (figures.has("pos.first-load.naive")) {
    summary.push(
      `   naive per-SKU bulkPut of the same ${f("pos.first-load.naive", "records")} records (indexes code, barcode, name; chunks of ${f("pos.first-load.naive", "chunk")}): ` +
        `${s(f("pos.first-load.naive", "ms"))} s (${f("pos.first-load.naive", "vs_first_load")} the first load); app restart on the loaded device ${f("pos.reopen", "ms")} ms`,
    );
  }
  if (figures.has("pos.barcode")) {
    summary.push(
      `   barcode lookup p95 ${ms(f("pos.barcode", "p95_ms"))} ms (goal ≤ 5 ms, ${f("pos.barcode", "found")}/${f("pos.barcode", "lookups")} found); ` +
        `substring search p95 ${ms(f("pos.search", "p95_ms"))} ms (goal ≤ 30 ms, ${f("pos.search", "queries")} × 2 chars), no-hit p95 ${ms(f("pos.search.no-hit", "p95_ms"))} ms, index build ${f("pos.search-index", "first_search_ms")} ms`,
    );
  }
  if (figures.has("pos.commit")) {
    summary.push(
      `   durable sale commit p95 ${f("pos.commit", "p95_ms")} ms over ${f("pos.commit", "commits")} offline (goal ≤ 20 ms); ` +
        `all ${f("pos.commit.all", "commits")}: p95 ${f("pos.commit.all", "p95_ms")} ms, max ${f("pos.commit.all", "max_ms")} ms, last 500 p95 ${f("pos.commit.all", "last_500_p95_ms")} ms`,
    );
  }
  if (figures.has("pos.bundle")) {
    summary.push(`   JS /pos loads first: ${f("pos.bundle", "gzip_kb")} KB gzip -9 in ${f("pos.bundle", "js_files")} files (goal ≤ 100 KB; pwa/dist built ${f("pos.bundle", "dist_built")})`);
  }
  if (figures.has("pos.delivery")) {
    summary.push(
      `   ${f("pos.delivery", "documents")} queued documents delivered after reconnect: ${s(f("pos.delivery", "ms"))} s (goal ≤ 30 s), ${f("pos.delivery", "posts")} pushes, ` +
        `hub answering ${s(f("pos.delivery", "hub_ms"))} s of it (${f("pos.delivery", "post_avg_ms")} ms per push of ≤ 100, hub CPU ${f("pos.delivery", "hub_cpu_s")} s); each exactly once: ${f("pos.delivery.check", "exactly_once")} ` +
        `(${f("pos.delivery.check", "at_hub")} at the hub, ${f("pos.delivery.check", "missing")} missing, ${f("pos.delivery.check", "extra")} extra, ${f("pos.delivery.check", "movements")} stock movements for ${f("pos.delivery.check", "lines")} lines)`,
    );
  }
}
summary.push("figures:");
for (const line of benchLines) summary.push(`  ${line}`);
summary.push(`machine: load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")} before, ${loadavg().map((x) => x.toFixed(2)).join(" ")} after`);
if (workerPart) {
  summary.push(
    `  worker benchmarks: other processes used ${workerPart.otherCpuS.toFixed(1)} CPU-s of ${(workerPart.elapsedS * cores).toFixed(0)} available (${((workerPart.otherCpuS / (workerPart.elapsedS * cores)) * 100).toFixed(0)} %); ` +
      `they used ${workerPart.ownCpuS.toFixed(1)} CPU-s`,
  );
}
if (figures.has("pos.machine")) {
  summary.push(
    `  POS benchmarks: other processes used ${f("pos.machine", "others_cpu_s")} CPU-s of ${Number(f("pos.machine", "available_cpu_s")).toFixed(0)} available (${f("pos.machine", "others_cpu_pct")} %); ` +
      `they used ${f("pos.machine", "own_cpu_s")} CPU-s (each pos line's others_cpu_pct is the same for its own phase)`,
  );
}
const otherAfter = otherWork();
if (otherBefore.length || otherAfter.length) {
  summary.push(`other test / browser processes seen: ${[...new Set([...otherBefore, ...otherAfter])].slice(0, 8).join(" | ")}`);
}
const text = summary.join("\n");
console.log(text);

mkdirSync(join(root, "bench-results"), { recursive: true });
const file = join(root, "bench-results", `${startedAt.toISOString().replace(/[:.]/g, "-")}${only ? `-${only}` : ""}.txt`);
writeFileSync(file, `${plain}\n${text}\n`);
console.log(`(full output in ${file})`);
process.exit(code);
