/**
 * RSL (Rakuten Super Logistics) behind one narrow interface. RSL publishes no API: the HTTP
 * implementation below speaks the contract Renkei ASSUMED (test/fakes/rsl/README.md), so that the
 * real one — an API under contract, or SFTP/CSV — replaces HttpRslClient without touching the
 * connector. The interface's promise, whatever the transport:
 * - requestShipment is idempotent by requestKey: a repeat answers the first answer, never a
 *   second shipment. After a timeout, call getStatus(requestKey) before resending.
 * - cancel works only before picking starts.
 * - listResults returns each shipment result once, after a cursor the caller stores.
 * Pace (assumed, README): RSL answers 429 + Retry-After beyond a per-account (per-warehouse) limit,
 * having done nothing. The client keeps a gap between its calls (RslPacing) and, within a budget,
 * waits a 429 out and asks again.
 */
import { z } from "zod";
import { TransientError } from "../../sync/messages";

export interface RslShipmentRequest {
  /** Renkei's key for this request (one per order, or per split part). */
  requestKey: string;
  /** The mall order number (楽天の注文番号), shown on RSL's side. */
  shopOrderNumber: string;
  shipTo: { name: string; postalCode: string; prefecture: string; address1: string; address2?: string; phone: string };
  /** Lines by RSL item code (商品マッピング: Rakuten SKU ↔ Renkei SKU ↔ RSL item). */
  lines: { itemCode: string; quantity: number }[];
  deliveryDate?: string;
  note?: string;
}

const Line = z.object({ itemCode: z.string(), quantity: z.number().int() });

export const RslShipment = z.looseObject({
  shipmentId: z.string(),
  requestKey: z.string(),
  shopOrderNumber: z.string(),
  status: z.enum(["received", "picking", "shipped", "cancelled"]),
  receivedAt: z.string(),
  expectedShipDate: z.string(),
  cancelledAt: z.string().nullable(),
  resultId: z.number().nullable(),
  lines: z.array(Line),
});
export type RslShipment = z.infer<typeof RslShipment>;

export const RslShipmentResult = z.looseObject({
  resultId: z.number(),
  requestKey: z.string(),
  shipmentId: z.string(),
  shopOrderNumber: z.string(),
  /** JST instant with offset (2026-07-01T19:00:00+09:00). */
  shippedAt: z.string(),
  shipDate: z.string(),
  parcels: z.array(z.looseObject({ parcelNo: z.number(), carrier: z.string(), carrierName: z.string(), trackingNumber: z.string(), lines: z.array(Line) })),
});
export type RslShipmentResult = z.infer<typeof RslShipmentResult>;

const ResultsPage = z.object({ results: z.array(RslShipmentResult), nextCursor: z.string(), hasMore: z.boolean() });
export type RslResultsPage = z.infer<typeof ResultsPage>;

export type RslCancelOutcome = { cancelled: true; shipment: RslShipment } | { cancelled: false; reason: "too-late" | "not-found"; message: string };

export interface RslClient {
  requestShipment(request: RslShipmentRequest): Promise<RslShipment>;
  /** null when RSL has no request with this key (it never arrived). */
  getStatus(requestKey: string): Promise<RslShipment | null>;
  cancel(requestKey: string): Promise<RslCancelOutcome>;
  /** Results after `cursor` (null: from the start); store `nextCursor` once they are handled. */
  listResults(cursor: string | null, limit?: number): Promise<RslResultsPage>;
}

/** RSL refused the request: `code` is RSL's (UNKNOWN_ITEM, INVALID_REQUEST, REQUEST_KEY_CONFLICT, …). */
export class RslError extends Error {
  override name = "RslError";
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}

/** RSL did not answer in time: transient (a job retries it), and the request may have taken effect. */
export class RslTimeout extends TransientError {
  override name = "RslTimeout";
}

export interface RslPacing {
  /** Calls per second this client keeps to (none: as fast as answers come). */
  requestsPerSecond?: number;
  /** How long one call may spend, in all, waiting out 429s before the error goes to the caller (0: not at all). */
  maxThrottleWaitMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const retryAfterMs = (response: Response) => {
  const seconds = Number(response.headers.get("retry-after") ?? "");
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
};

/**
 * The window the pace is counted over: RSL's assumed limit is per sliding second; the client's window
 * is a little longer, so calls that leave a second apart never arrive less than a second apart.
 */
const PACE_WINDOW_MS = 1050;

export class HttpRslClient implements RslClient {
  private readonly perSecond: number;
  private readonly maxThrottleWaitMs: number;
  /** When the calls of the current window left. */
  private recent: number[] = [];
  /** 429s this client waited out (a job reports them, a test counts them). */
  throttled = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    // Wrapped: workerd refuses a bare `fetch` called as a method of another object (Illegal invocation).
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly timeoutMs = 30_000,
    pacing: RslPacing = {},
  ) {
    this.perSecond = pacing.requestsPerSecond ?? 0;
    this.maxThrottleWaitMs = pacing.maxThrottleWaitMs ?? 0;
  }

  /**
   * At most `requestsPerSecond` calls in any window, counted the way RSL is assumed to count (a sliding
   * second): a backlog goes in bursts of that many, and only a call beyond them waits. (A fixed gap
   * between calls would sleep on every call, and a sleep in workerd costs far more than its few ms.)
   */
  private async pace() {
    if (!this.perSecond) return;
    for (;;) {
      const now = Date.now();
      this.recent = this.recent.filter((at) => now - at < PACE_WINDOW_MS);
      if (this.recent.length < this.perSecond) {
        this.recent.push(now);
        return;
      }
      await sleep(PACE_WINDOW_MS - (now - this.recent[0]!));
    }
  }

  /**
   * One call, paced. A 429 is waited out and asked again, within the budget: under the assumed
   * contract a throttled call did nothing, and a repeat is harmless even if it had — a shipment
   * request is idempotent by requestKey (a repeat answers the first answer), a cancel is repeatable,
   * the rest only read. A 5xx or a timeout is NOT repeated here: it may have taken effect, so it goes
   * to the caller (the queue retries, and forwarding looks with getStatus before resending).
   */
  private async send(path: string, init: RequestInit): Promise<Response> {
    let waited = 0;
    for (;;) {
      await this.pace();
      let response: Response;
      try {
        response = await this.fetcher(`${this.baseUrl.replace(/\/$/, "")}${path}`, {
          ...init,
          headers: { "x-api-key": this.apiKey, "content-type": "application/json", ...(init.headers ?? {}) },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        // The request may have arrived: the caller checks getStatus before resending.
        if ((error as { name?: string } | null)?.name === "TimeoutError") throw new RslTimeout(`RSL ${path}: no answer within ${this.timeoutMs} ms`);
        throw new TransientError(`RSL ${path}: network: ${String(error)}`);
      }
      if (response.status !== 429) return response;
      const wait = retryAfterMs(response) ?? 1000;
      if (waited + wait > this.maxThrottleWaitMs) return response;
      await response.body?.cancel();
      this.throttled++;
      waited += wait;
      await sleep(wait);
    }
  }

  private async call(path: string, init: RequestInit = {}): Promise<unknown> {
    const response = await this.send(path, init);
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get("retry-after") ?? "");
      throw new TransientError(`RSL ${path}: HTTP ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    if (!response.ok) {
      const code = body?.error?.code ?? `HTTP_${response.status}`;
      throw new RslError(`RSL ${path}: ${code}: ${body?.error?.message ?? ""}`, response.status, code, body?.error?.details);
    }
    return body;
  }

  async requestShipment(request: RslShipmentRequest): Promise<RslShipment> {
    return RslShipment.parse(await this.call("/v1/shipments", { method: "POST", body: JSON.stringify(request) }));
  }

  async getStatus(requestKey: string): Promise<RslShipment | null> {
    try {
      return RslShipment.parse(await this.call(`/v1/shipments/${encodeURIComponent(requestKey)}`));
    } catch (error) {
      if (error instanceof RslError && error.status === 404) return null;
      throw error;
    }
  }

  async cancel(requestKey: string): Promise<RslCancelOutcome> {
    try {
      return { cancelled: true, shipment: RslShipment.parse(await this.call(`/v1/shipments/${encodeURIComponent(requestKey)}/cancel`, { method: "POST" })) };
    } catch (error) {
      if (error instanceof RslError && error.status === 404) return { cancelled: false, reason: "not-found", message: error.message };
      if (error instanceof RslError && error.code === "CANNOT_CANCEL") return { cancelled: false, reason: "too-late", message: error.message };
      throw error;
    }
  }

  async listResults(cursor: string | null, limit = 100): Promise<RslResultsPage> {
    const query = new URLSearchParams({ after: cursor ?? "", limit: String(limit) });
    return ResultsPage.parse(await this.call(`/v1/shipment-results?${query}`));
  }
}
