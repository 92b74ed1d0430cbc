/**
 * Node-side probe for the benchmarks: what workerd cannot see about itself.
 *  - memory of the workerd process(es) this vitest run started (descendants of this Node process
 *    whose comm is "workerd"): VmRSS polled every few ms, and VmHWM after resetting it at start
 *    (`echo 5 > /proc/<pid>/clear_refs`, Linux ≥ 4.0), so the peak belongs to the measured phase;
 *  - CPU (utime + stime) of those processes and of this Node process (which serves the fakes);
 *  - time the fakes server spent per request (request received → response finished).
 * Served on loopback; the bench code in workerd calls POST /start and POST /stop around a phase.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Parent PID of every process, from /proc/<pid>/stat. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readText(`/proc/${entry}/stat`);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    map.set(Number(entry), Number(fields[1]));
  }
  return map;
}

/** workerd processes descending from `root` (this vitest process). */
export function workerdPids(root = process.pid): number[] {
  const parentOf = parents();
  const found: number[] = [];
  for (const pid of parentOf.keys()) {
    if (readText(`/proc/${pid}/comm`)?.trim() !== "workerd") continue;
    for (let p: number | undefined = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) {
      if (p === root) {
        found.push(pid);
        break;
      }
    }
  }
  return found.sort((a, b) => a - b);
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  const status = readText(`/proc/${pid}/status`);
  const match = status ? new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status) : null;
  return match ? Number(match[1]) : null;
}

function cpuMs(pid: number): number {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[11] = utime, fields[12] = stime (stat fields 14 and 15)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export interface FakeTiming {
  requests: number;
  ms: number;
}

interface Phase {
  label: string;
  pids: number[];
  startedAt: number;
  rssStartKb: Record<number, number>;
  rssPeakKb: Record<number, number>;
  cpuStart: Record<number, number>;
  nodeCpuStart: NodeJS.CpuUsage;
  fakeStart: FakeTiming;
  samples: number;
  timer: NodeJS.Timeout;
}

export async function startProbe(fakeTiming: FakeTiming, intervalMs = 5): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  let phase: Phase | null = null;

  function sample() {
    if (!phase) return;
    phase.samples++;
    for (const pid of phase.pids) {
      const rss = statusKb(pid, "VmRSS");
      if (rss !== null && rss > (phase.rssPeakKb[pid] ?? 0)) phase.rssPeakKb[pid] = rss;
    }
  }

  function start(label: string) {
    if (phase) clearInterval(phase.timer);
    const pids = workerdPids();
    const resetHwm: Record<number, boolean> = {};
    for (const pid of pids) {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, "5");
        resetHwm[pid] = true;
      } catch {
        resetHwm[pid] = false;
      }
    }
    const rssStartKb = Object.fromEntries(pids.map((pid) => [pid, statusKb(pid, "VmRSS") ?? 0]));
    phase = {
      label,
      pids,
      startedAt: Date.now(),
      rssStartKb,
      rssPeakKb: { ...rssStartKb },
      cpuStart: Object.fromEntries(pids.map((pid) => [pid, cpuMs(pid)])),
      nodeCpuStart: process.cpuUsage(),
      fakeStart: { ...fakeTiming },
      samples: 0,
      timer: setInterval(sample, intervalMs),
    };
    return { label, pids, resetHwm, rssStartKb };
  }

  function stop() {
    if (!phase) return { error: "no phase started" };
    sample();
    clearInterval(phase.timer);
    const p = phase;
    phase = null;
    const node = process.cpuUsage(p.nodeCpuStart);
    return {
      label: p.label,
      wallMs: Date.now() - p.startedAt,
      pids: p.pids,
      samples: p.samples,
      rssStartKb: p.rssStartKb,
      rssPeakKb: p.rssPeakKb,
      hwmKb: Object.fromEntries(p.pids.map((pid) => [pid, statusKb(pid, "VmHWM") ?? 0])),
      rssEndKb: Object.fromEntries(p.pids.map((pid) => [pid, statusKb(pid, "VmRSS") ?? 0])),
      workerdCpuMs: Object.fromEntries(p.pids.map((pid) => [pid, cpuMs(pid) - (p.cpuStart[pid] ?? 0)])),
      nodeCpuMs: Math.round((node.user + node.system) / 1000),
      fake: { requests: fakeTiming.requests - p.fakeStart.requests, ms: Math.round(fakeTiming.ms - p.fakeStart.ms) },
    };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://probe");
    let body: unknown;
    if (req.method === "POST" && url.pathname === "/start") body = start(url.searchParams.get("label") ?? "");
    else if (req.method === "POST" && url.pathname === "/stop") body = stop();
    else if (url.pathname === "/pids") body = workerdPids();
    else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        if (phase) clearInterval(phase.timer);
        server.close(() => resolve());
      }),
  };
}
