/**
 * The change feed: what changed since a cursor (seq of the monotonic change log). Consumers
 * (devices, connections) store their cursor so retention can compact the log behind the slowest.
 */
import type { ServiceContext } from "../context";
import { nowIso } from "../db/ids";

export async function readChanges(ctx: ServiceContext, since: number, limit: number, consumer?: string) {
  const rows = await ctx.db.all<{ seq: number; entity: string; entity_id: string }>(
    "SELECT seq, entity, entity_id FROM change_log WHERE merchant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    since,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const cursor = page.length ? page[page.length - 1]!.seq : since;
  if (consumer) await saveCursor(ctx, consumer, since);
  return { changes: page.map((r) => ({ seq: r.seq, entity: r.entity, entityId: r.entity_id })), cursor, more: rows.length > limit };
}

/** A consumer asking from `seq` has everything up to it: the log before it may go. */
export async function saveCursor(ctx: ServiceContext, consumer: string, seq: number) {
  await ctx.db.run(
    `INSERT INTO sync_cursors (merchant_id, consumer, seq, updated_at) VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (merchant_id, consumer) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
    consumer,
    seq,
    nowIso(),
  );
}
