/**
 * Staying under Smaregi's per-second cap (per app × contract; Smaregi publishes no number, the
 * fake's default is 10 / s [I]). Long runs of calls (bulk stock writes, sending orders) are paced
 * to PACE_PER_SECOND, and a 429 that still comes (other jobs share the contract's budget) is
 * waited out for its Retry-After and the same call made again. Only for calls a 429 makes safe to
 * repeat: Smaregi refused it before writing anything.
 */
import { TransientError } from "../../sync/messages";

/** Calls per second a long run allows itself: the assumed cap, so one run alone never meets a 429. */
export const PACE_PER_SECOND = 10;
/** How often one call may be refused by the cap before the run hands over to the queue's back-off. */
const MAX_429_WAITS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `call`, waiting out 429s (Retry-After, at least 1 s) up to MAX_429_WAITS times. */
export async function admitted<T>(call: () => Promise<T>): Promise<T> {
  for (let waits = 0; ; waits++) {
    try {
      return await call();
    } catch (error) {
      const is429 = error instanceof TransientError && /HTTP 429/.test(error.message);
      if (!is429 || waits >= MAX_429_WAITS) throw error;
      await sleep(Math.max(1, error.retryAfterSeconds ?? 1) * 1000);
    }
  }
}

/**
 * A pacer: `await next()` before each call lets at most `perSecond` calls start in any one-second
 * window (a sliding window over the last calls' start times).
 */
export function pacer(perSecond = PACE_PER_SECOND, now = () => Date.now()) {
  const starts: number[] = [];
  return async function next() {
    for (;;) {
      const t = now();
      while (starts.length && starts[0]! <= t - 1000) starts.shift();
      if (starts.length < perSecond) {
        starts.push(t);
        return;
      }
      await sleep(starts[0]! + 1000 - t + 1);
    }
  };
}

/**
 * One pacer per contract for the isolate's life, so consecutive runs (the hub's stock push pages,
 * one send after another) share one window instead of each starting with a fresh burst.
 */
const pacers = new Map<string, () => Promise<void>>();
export function pacerFor(contract: string): () => Promise<void> {
  let next = pacers.get(contract);
  if (!next) pacers.set(contract, (next = pacer()));
  return next;
}
