/**
 * The hub's device API as the POS calls it (worker/http/routes/pos.ts): JSON over fetch with the
 * device's bearer token. Every answer tells the caller whether the hub was reachable, which is what
 * status().online reports beside navigator.onLine.
 */

export type Issue = { path: (string | number)[]; message: string };

/** The hub answered with an error status; `code` and `message` are the hub's own. */
export class HubError extends Error {
  override name = "HubError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
  /** worth another try later: 5xx, 429, 408 */
  get transient(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** No answer at all: offline, DNS, connection reset, timeout. Always worth another try. */
export class NetworkError extends Error {
  override name = "NetworkError";
}

/** The hub's answer to a revoked or unknown device token (worker/http/route.ts: code DEVICE_REVOKED). */
export function isDeviceRejected(error: unknown): boolean {
  return error instanceof HubError && error.status === 401 && error.code === "DEVICE_REVOKED";
}

export interface HubOptions {
  baseUrl: string;
  fetch: typeof fetch;
  token: () => string | null;
  /** called after each request: true when the hub answered (any status), false when it did not */
  reached: (reached: boolean) => void;
}

export class Hub {
  constructor(private readonly options: HubOptions) {}

  async request<T>(method: "GET" | "POST", path: string, body?: unknown, init: { auth?: boolean; timeoutMs?: number } = {}): Promise<T> {
    const { auth = true, timeoutMs = 30_000 } = init;
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (auth) {
      const token = this.options.token();
      if (!token) throw new HubError(401, "DEVICE_REVOKED", "device not paired or revoked");
      headers.authorization = `Bearer ${token}`;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: "no-store",
      });
      text = await response.text();
    } catch (error) {
      this.options.reached(false);
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
    this.options.reached(true);
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const e = (json ?? {}) as { code?: unknown; message?: unknown; issues?: unknown };
      throw new HubError(
        response.status,
        typeof e.code === "string" ? e.code : `HTTP_${response.status}`,
        typeof e.message === "string" ? e.message : text.slice(0, 200) || `HTTP ${response.status}`,
        Array.isArray(e.issues) ? (e.issues as Issue[]) : [],
      );
    }
    if (json === null) throw new HubError(response.status, "BAD_RESPONSE", "the hub's answer was not JSON");
    return json as T;
  }

  get<T>(path: string, init?: { auth?: boolean; timeoutMs?: number }): Promise<T> {
    return this.request<T>("GET", path, undefined, init);
  }
  post<T>(path: string, body: unknown, init?: { auth?: boolean; timeoutMs?: number }): Promise<T> {
    return this.request<T>("POST", path, body, init);
  }
}
