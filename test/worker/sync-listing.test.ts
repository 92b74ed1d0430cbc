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

  it("a link's activity: the last run of each of its jobs, its last success, and only its dead letters", async () => {
    const m = await newMerchant();
    const link = async (name: string) => (await m.api("POST", "/api/connections", { kind: "http-json", name, credentials: { token: "very-secret-token" } })).body.id as string;
    const [a, b] = [await link("A"), await link("B")];
    const run = async (connectionId: string, job: string, status: string, finishedAt: string, error: string | null = null) => {
      const { runId } = await recordRun(m.ctx, job, { connectionId, trigger: "schedule" });
      await m.ctx.db.run("UPDATE sync_runs SET status = ?3, finished_at = ?4, error = ?5 WHERE merchant_id = ?1 AND id = ?2", runId, status, finishedAt, error);
      return runId;
    };
    await run(a, "http-json.reconcile", "succeeded", "2026-11-01T00:00:00.000Z");
    const failing = await run(a, "http-json.reconcile", "failed", "2026-11-02T00:00:00.000Z", "remote said no");
    await run(b, "http-json.reconcile", "succeeded", "2026-11-03T00:00:00.000Z");
    const pushed = await run(a, "stock.push", "succeeded", "2026-11-04T00:00:00.000Z");
    const letter = (runId: string, id: string) =>
      m.ctx.db.run(
        "INSERT INTO dead_letters (id, merchant_id, run_id, job, payload, error, attempts, created_at) VALUES (?2, ?1, ?3, 'http-json.reconcile', '{}', 'gave up', 5, '2026-11-02T00:00:00.000Z')",
        id,
        runId,
      );
    await letter(failing, `dl_${a}`);
    await letter(await run(b, "http-json.reconcile", "failed", "2026-11-05T00:00:00.000Z"), `dl_${b}`);

    const { status, body } = await m.api("GET", `/api/connections/${a}/activity`);
    expect(status).toBe(200);
    const byJob = new Map((body.jobs as { job: string }[]).map((j) => [j.job, j]));
    // failing since the 2nd, last good on the 1st; B's newer success is not A's
    expect(byJob.get("http-json.reconcile")).toMatchObject({ lastRun: { id: failing, status: "failed", error: "remote said no" }, lastSucceededAt: "2026-11-01T00:00:00.000Z" });
    // a core job is listed once it ran for the link
    expect(byJob.get("stock.push")).toMatchObject({ lastRun: { id: pushed }, lastSucceededAt: "2026-11-04T00:00:00.000Z" });
    // another kind's jobs are not this link's
    expect([...byJob.keys()].filter((job) => !job.startsWith("http-json.") && job !== "stock.push")).toEqual([]);
    expect((await m.api("GET", `/api/sync/dead-letters?connectionId=${a}`)).body.items.map((d: { id: string }) => d.id)).toEqual([`dl_${a}`]);
    // a new link lists its jobs as never run, and no core job
    const c = await link("C");
    const fresh = (await m.api("GET", `/api/connections/${c}/activity`)).body;
    expect(fresh.jobs.length).toBeGreaterThan(0);
    expect(fresh.jobs.every((j: { job: string; lastRun: unknown }) => j.lastRun === null && j.job.startsWith("http-json."))).toBe(true);
    // the dead-letter list filters the same way; another merchant cannot read the link
    expect((await m.api("GET", `/api/sync/dead-letters?connectionId=${b}`)).body.items.map((d: { id: string }) => d.id)).toEqual([`dl_${b}`]);
    expect((await (await newMerchant()).api("GET", `/api/connections/${a}/activity`)).status).toBe(404);
  });
});
