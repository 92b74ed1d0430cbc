/**
 * One forwarding run at a time per Rakuten link. Runs can meet — a schedule tick beside the run an
 * import wakes, a split's wake-up, a continuation — and two runs planning the same order at once
 * would each make a Renkei shipment for its lines (the shipment's idempotency key is checked before
 * the work, not during it). A run first takes this lease (a row in connection_cursors, taken by a
 * conditional upsert, so only one of two racing runs gets it); the other is retried by the queue a
 * little later. The lease expires by itself, so a run that died never blocks the link.
 */
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { TransientError } from "../../sync/messages";

const LEASE = "rakuten.forward-lease";
/** Longer than a run takes (200 plans, 500 requests); a dead run's lease is free after it. */
const LEASE_MS = 5 * 60_000;
/** When the queue tries a run again that found the lease taken. */
export const BUSY_RETRY_SECONDS = 15;

/** Runs `work` holding the link's forwarding lease, or throws a TransientError when another run holds it. */
export async function withForwardLease<T>(ctx: ServiceContext, connectionId: string, work: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const token = `${nowIso(now + LEASE_MS)}#${crypto.randomUUID()}`;
  const taken = await ctx.db.run(
    `INSERT INTO connection_cursors (connection_id, name, value, updated_at)
     SELECT id, ?3, ?4, ?5 FROM connections WHERE merchant_id = ?1 AND id = ?2
     ON CONFLICT (connection_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
     WHERE substr(connection_cursors.value, 1, 24) <= ?5`,
    connectionId,
    LEASE,
    token,
    nowIso(now),
  );
  if (!taken.meta.changes) throw new TransientError("RSL自動出荷依頼は別の実行が処理中です (another forwarding run is working)", BUSY_RETRY_SECONDS);
  try {
    return await work();
  } finally {
    await ctx.db.run(
      "DELETE FROM connection_cursors WHERE connection_id IN (SELECT id FROM connections WHERE merchant_id = ?1 AND id = ?2) AND name = ?3 AND value = ?4",
      connectionId,
      LEASE,
      token,
    );
  }
}
