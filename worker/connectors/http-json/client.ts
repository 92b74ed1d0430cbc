/**
 * Client of the generic HTTP stock contract (documented in test/fakes/http-json/README.md):
 * bearer token; GET /stock?page=&per_page= answers { items, next_page }; POST /stock with an
 * Idempotency-Key header. 429 (with Retry-After) and 5xx are transient; other errors are not.
 */
import { TransientError } from "../../sync/messages";

export interface WireStock {
  sku: string;
  location: string | null;
  quantity: number;
}

export class HttpJsonClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    // Wrapped: workerd refuses a bare `fetch` called as a method of another object (Illegal invocation).
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  private async call(path: string, init: RequestInit = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl.replace(/\/$/, "")}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json", ...(init.headers ?? {}) },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new TransientError(`network: ${String(error)}`);
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfter = Number(response.headers.get("retry-after") ?? "");
      throw new TransientError(`HTTP ${response.status} ${path}`, Number.isFinite(retryAfter) ? retryAfter : undefined);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${path}: ${JSON.stringify(body)}`);
    return body;
  }

  async readStockPage(page: number, perPage: number): Promise<{ items: WireStock[]; nextPage: number | null }> {
    const body = (await this.call(`/stock?page=${page}&per_page=${perPage}`)) as { items: WireStock[]; next_page: number | null };
    return { items: body.items, nextPage: body.next_page };
  }

  async pushStock(items: WireStock[], idempotencyKey: string): Promise<{ accepted: number }> {
    return (await this.call("/stock", {
      method: "POST",
      headers: { "idempotency-key": idempotencyKey },
      body: JSON.stringify({ items }),
    })) as { accepted: number };
  }
}
