/**
 * A link's activity, for its page: the last run of each job the link runs (with the last success,
 * so "failing since …" can be said). Its dead letters are GET /api/sync/dead-letters?connectionId=. The jobs are the connector's own
 * ("<kind>.<verb>" or registered with its kind) and any core job that has run for the link
 * (stock.push for links that take stock, orders.status-action for a status-triggered action of the
 * link) — a core job that never ran for it is not listed, since most links never run most of them.
 *
 * Each job is two lookups on the (merchant, connection, job, id) index, so a link whose every-minute
 * job has 130,000 runs in its 90 days costs the same as a new one.
 */
import type { ConnectionRecord } from "../connections/connections";
import type { ServiceContext } from "../context";
import { describeJobs } from "./jobs";
import { RUN_COLUMNS, toRun, type RunRow } from "./runs";

export async function linkActivity(ctx: ServiceContext, connection: ConnectionRecord) {
  // Core jobs (kind null) are looked up too: some run for a link without needing one (a status action).
  const jobs = describeJobs().filter((job) => job.connectorKind === connection.kind || job.connectorKind === null);
  const reads = jobs.flatMap((job) => [
    ctx.db.stmt(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE merchant_id = ?1 AND connection_id = ?2 AND job = ?3 ORDER BY id DESC LIMIT 1`, connection.id, job.name),
    ctx.db.stmt(
      `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE merchant_id = ?1 AND connection_id = ?2 AND job = ?3 AND status = 'succeeded' ORDER BY id DESC LIMIT 1`,
      connection.id,
      job.name,
    ),
  ]);
  const results = await ctx.db.batch(reads);
  const first = (i: number) => results[i]?.results[0] as RunRow | undefined;
  const items = jobs.flatMap((job, i) => {
    const last = first(i * 2);
    const lastSucceeded = first(i * 2 + 1);
    if (!last && job.connectorKind === null) return [];
    return [{ job: job.name, lastRun: last ? toRun(last) : null, lastSucceededAt: lastSucceeded?.finished_at ?? null }];
  });
  return { jobs: items };
}
