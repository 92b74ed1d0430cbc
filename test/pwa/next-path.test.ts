import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../pwa/admin/next-path";

const origin = "https://renkei.example.jp";
const next = (value: string) => safeNextPath(`?next=${encodeURIComponent(value)}`, origin);

describe("where sign-in goes next", () => {
  it("follows a same-origin path with its query: the pending NextEngine launch", () => {
    expect(next("/oauth/nextengine/callback?uid=u-1&state=st-2")).toBe("/oauth/nextengine/callback?uid=u-1&state=st-2");
    expect(next("/admin/orders")).toBe("/admin/orders");
  });

  it("ignores an absolute or protocol-relative URL, and the forms browsers read as one", () => {
    for (const evil of ["//evil.example", "https://evil.example", "https://evil.example/oauth/nextengine/callback", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", " //evil.example", "javascript:alert(1)", "evil.example/path", `${origin}.evil.example/`]) {
      expect(next(evil), evil).toBeNull();
    }
  });

  it("ignores a missing or empty next", () => {
    expect(safeNextPath("", origin)).toBeNull();
    expect(safeNextPath("?next=", origin)).toBeNull();
    expect(safeNextPath("?other=/admin", origin)).toBeNull();
  });
});
