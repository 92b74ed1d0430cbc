import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiGet, apiPost, NETWORK, onUnauthorized, parseApiError, setCsrfToken } from "../../pwa/admin/api";

describe("parseApiError", () => {
  it("keeps the worker's code, message, issues and request ID, messages as given", () => {
    const body = {
      code: "VALIDATION",
      message: "invalid body",
      issues: [
        { path: ["conversion"], message: "単位換算値には1以上の整数値を入力してください。 (conversion must be a whole number of 1 or more)" },
        { path: ["skus", 0, "price"], message: "must not be negative" },
      ],
      requestId: "req-1",
    };
    const error = parseApiError(400, JSON.stringify(body));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "VALIDATION", message: "invalid body", requestId: "req-1" });
    expect(error.issues).toEqual(body.issues);
  });

  it("drops malformed issues instead of failing", () => {
    const error = parseApiError(
      400,
      JSON.stringify({ code: "VALIDATION", message: "x", issues: [{ path: "code", message: "bad" }, null, { path: [{}], message: "m" }, { path: [], message: "body" }] }),
    );
    expect(error.issues).toEqual([{ path: [], message: "body" }]);
  });

  it("gives a usable error for a non-JSON answer (a proxy's page, an empty body)", () => {
    expect(parseApiError(502, "<html><body>Bad gateway</body></html>")).toMatchObject({ code: "HTTP_502", issues: [] });
    expect(parseApiError(503, "")).toMatchObject({ code: "HTTP_503", message: "HTTP 503" });
    expect(parseApiError(500, "upstream timed out").message).toBe("upstream timed out");
    expect(parseApiError(500, "null")).toMatchObject({ code: "HTTP_500", message: "HTTP 500" });
  });
});

describe("request", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  const answer = (status: number, body: unknown) =>
    vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));

  it("sends the CSRF token and a JSON content type on writes, neither on reads", async () => {
    const fetch = answer(200, { ok: true });
    vi.stubGlobal("fetch", fetch);
    setCsrfToken("csrf-123");
    await apiPost("/api/orders/bulk/allocate", { orderIds: ["ord_1"] });
    await apiGet("/api/orders", { status: "new", q: "" });
    const [writeUrl, write] = fetch.mock.calls[0]!;
    const [readUrl, read] = fetch.mock.calls[1]!;
    expect(writeUrl).toBe("/api/orders/bulk/allocate");
    expect(write?.method).toBe("POST");
    expect(write?.headers).toMatchObject({ "x-csrf-token": "csrf-123", "content-type": "application/json" });
    expect(write?.body).toBe(JSON.stringify({ orderIds: ["ord_1"] }));
    expect(readUrl).toBe("/api/orders?status=new");
    expect(read?.headers).not.toHaveProperty("x-csrf-token");
    expect(read?.headers).not.toHaveProperty("content-type");
  });

  it("throws the parsed error and tells listeners when the session is gone (401)", async () => {
    vi.stubGlobal("fetch", answer(401, { code: "UNAUTHORIZED", message: "サインインしてください (sign in first)", requestId: "r" }));
    const ended = vi.fn();
    const stop = onUnauthorized(ended);
    await expect(apiGet("/api/orders")).rejects.toMatchObject({ status: 401, code: "UNAUTHORIZED", message: "サインインしてください (sign in first)" });
    expect(ended).toHaveBeenCalledTimes(1);
    stop();
    await expect(apiGet("/api/orders")).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("refuses a successful answer that is not JSON instead of handing HTML to a screen", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<!doctype html><div id=app></div>", { status: 200 })));
    await expect(apiGet("/api/orders")).rejects.toMatchObject({ status: 200, code: "BAD_RESPONSE" });
  });

  it("turns a failed fetch into a NETWORK error with status 0", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(apiGet("/api/orders")).rejects.toMatchObject({ status: 0, code: NETWORK });
  });
});
