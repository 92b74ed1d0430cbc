import { describe, expect, it } from "vitest";
import { recordRun } from "../../worker/sync/runs";
import { newMerchant } from "./helpers";

describe("sync listings", () => {
  it("runs filter by connection: a link's page sees only its own runs, newest first, paged", async () => {
    const m = await newMerchant();
    const link = async (name: string) => (await m.api("POST", "/api/connections", { kind: "http-json", name, credentials: { token: "very-secret-token" } })).body.id as string;
    const [a, b] = [await link("A"), await link("B")];
    const ofA = [];
    for (let i = 0; i < 3; i++) ofA.push((await recordRun(m.ctx, "http-json.reconcile", { connectionId: a, trigger: "manual" })).runId);
    await recordRun(m.ctx, "http-json.reconcile", { connectionId: b, trigger: "manual" });
    await recordRun(m.ctx, "maintenance.retention", { trigger: "manual" });

    const page1 = await m.api("GET", `/api/sync/runs?connectionId=${a}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual([ofA[2], ofA[1]]);
    const page2 = await m.api("GET", `/api/sync/runs?connectionId=${a}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ items: [expect.objectContaining({ id: ofA[0], connectionId: a })], nextCursor: null });
    // combined with the other filters, and without it every run of the merchant
    expect((await m.api("GET", `/api/sync/runs?connectionId=${b}&job=maintenance.retention`)).body.items).toEqual([]);
    expect((await m.api("GET", "/api/sync/runs")).body.items).toHaveLength(5);
    // another merchant's link ID lists nothing of this merchant
    const other = await newMerchant();
    expect((await other.api("GET", `/api/sync/runs?connectionId=${a}`)).body.items).toEqual([]);
  });

  it("a malformed connectionId is refused by field", async () => {
    const m = await newMerchant();
    const bad = await m.api("GET", "/api/sync/runs?connectionId=not%20an%20id");
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toContainEqual(expect.objectContaining({ path: ["connectionId"] }));
  });

  it("jobs say whether they need a connection and, for a connector's job, which kind", async () => {
    const m = await newMerchant();
    const { body } = await m.api("GET", "/api/sync/jobs");
    const byName = new Map((body.jobs as { name: string }[]).map((j) => [j.name, j]));
    // the bare names stay for screens that read them
    expect(body.items).toEqual((body.jobs as { name: string }[]).map((j) => j.name));
    expect(byName.get("maintenance.retention")).toEqual({ name: "maintenance.retention", needsConnection: false, connectorKind: null });
    expect(byName.get("orders.status-action-sweep")).toEqual({ name: "orders.status-action-sweep", needsConnection: false, connectorKind: null });
    // any link that pushes stock can run it: needs a connection, of no one kind
    expect(byName.get("stock.push")).toEqual({ name: "stock.push", needsConnection: true, connectorKind: null });
    expect(byName.get("http-json.reconcile")).toEqual({ name: "http-json.reconcile", needsConnection: true, connectorKind: "http-json" });
    expect(byName.get("wangdian.export-documents")).toMatchObject({ needsConnection: true, connectorKind: "wangdian" });
    expect(byName.get("rakuten.import-orders")).toMatchObject({ needsConnection: true, connectorKind: "rakuten" });
  });
});
