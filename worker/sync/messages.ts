/**
 * The queue message every job travels in. `runId` is the job's identity: a redelivered message
 * finds its run already succeeded and is acked without running twice.
 */
export interface JobMessage {
  runId: string;
  merchantId: string;
  connectionId: string | null;
  job: string;
  payload: Record<string, unknown>;
  trigger: "schedule" | "event" | "manual" | "replay";
}

/** A failure worth retrying: 429, 5xx, timeouts, network. Anything else is permanent. */
export class TransientError extends Error {
  override name = "TransientError";
  constructor(
    message: string,
    /** What the remote asked for (Retry-After), in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Back-off for attempt n (1-based): exponential from 2 s with full jitter, capped at 10 minutes. */
export function backoffSeconds(attempt: number, retryAfter?: number, random = Math.random): number {
  const ceiling = Math.min(600, 2 ** Math.min(attempt, 10));
  const jittered = Math.max(1, Math.round(ceiling * random()));
  return Math.max(jittered, Math.ceil(retryAfter ?? 0));
}

export const MAX_ATTEMPTS = 8;
