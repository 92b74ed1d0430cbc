/**
 * The admin's one door to the worker's /api: JSON in and out, the session cookie sent by the
 * browser, and the CSRF token on every non-GET request (the worker refuses a write without it).
 * Every failure becomes an ApiError shaped like the worker's error body
 * `{ code, message, issues?, requestId }`, so screens show one kind of error.
 */
import { searchOf, type QueryValues } from "./router";

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    /** HTTP status; 0 when no answer came (offline, DNS, CORS). */
    readonly status: number,
    /** The worker's closed code (VALIDATION, NOT_FOUND, …), or NETWORK / HTTP_<status> when it did not say. */
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

const isPath = (value: unknown): value is (string | number)[] =>
  Array.isArray(value) && value.every((p) => typeof p === "string" || typeof p === "number");

/**
 * Reads an error answer. Trusts only the fields that have the right type: a proxy's HTML page or
 * a half-formed body still gives an error with a useful message instead of a crash.
 */
export function parseApiError(status: number, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const record = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === "string" ? record.code : `HTTP_${status}`;
  const message =
    typeof record.message === "string" && record.message
      ? record.message
      : bodyText.trim() && body === undefined && bodyText.length <= 200
        ? bodyText.trim()
        : `HTTP ${status}`;
  const issues = Array.isArray(record.issues)
    ? record.issues.flatMap((i: unknown) => {
        const issue = i as Record<string, unknown> | null;
        return issue && isPath(issue.path) && typeof issue.message === "string" ? [{ path: issue.path, message: issue.message }] : [];
      })
    : [];
  const requestId = typeof record.requestId === "string" ? record.requestId : undefined;
  return new ApiError(status, code, message, issues, requestId);
}

/** No answer at all: the screen says "could not reach the server" in the user's language. */
export const NETWORK = "NETWORK";

let csrfToken: string | null = null;
/** Set from the sign-in / me answer; cleared on sign-out. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called when any request answers 401: the session ended (expired, signed out elsewhere). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") {
    headers["content-type"] = "application/json";
    if (csrfToken) headers["x-csrf-token"] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK, cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  if (!response.ok) {
    const error = parseApiError(response.status, text);
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener());
    throw error;
  }
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A 200 that is not JSON (an HTML page from something in between) is an error, not data.
    throw new ApiError(response.status, "BAD_RESPONSE", `not JSON: ${text.slice(0, 80)}`);
  }
}

export const apiGet = <T>(path: string, query?: QueryValues) => request<T>("GET", query ? `${path}${searchOf(query)}` : path);
export const apiPost = <T>(path: string, body?: unknown) => request<T>("POST", path, body);
export const apiPut = <T>(path: string, body: unknown) => request<T>("PUT", path, body);
export const apiDelete = <T>(path: string) => request<T>("DELETE", path);
