/**
 * 受注取込: every order of the shop in the import window comes into the hub's orders once
 * (searchOrder in ≤63-day windows and 1,000-order pages, getOrder 100 at a time with SKUs), lines
 * mapped by 商品マッピング — the hub stops unmapped ones in 確認待 with 「全商品未マッピング」 /
 * 「一部商品未マッピング」. Then 注文確認 in RMS of every order imported (confirm-orders.ts).
 */
import type { ConnectionRecord } from "../../connections/connections";
import type { ServiceContext } from "../../context";
import { nowIso } from "../../db/ids";
import { importOrders } from "../../orders/import";
import { enqueueJob } from "../../sync/runs";
import type { RakutenClient } from "./client";
import { confirmPending } from "./confirm-orders";
import { mappingsFor } from "./item-mappings";
import { checkLicense, FORWARD_JOB, rmsClientFor, storedLicense, withRms } from "./link";
import { followRmsCancellations } from "./rms-cancellations";
import { basketsOf, rakutenSkuOf, toImportOrder } from "./mapping";
import { RakutenSettings } from "./settings";

const DAY_MS = 86_400_000;
/** The license expiry is read again at most this often (it changes only when the key is reissued). */
const LICENSE_RECHECK_MS = 12 * 3600_000;

export interface ImportCounts {
  found: number;
  imported: number;
  known: number;
  unmapped: number;
  confirmed: number;
  confirmFailed: number;
  [key: string]: number;
}

export async function importRakutenOrders(ctx: ServiceContext, connection: ConnectionRecord, runId: string, now = Date.now()): Promise<ImportCounts> {
  const settings = RakutenSettings.parse(connection.settings);
  const client = await rmsClientFor(ctx, connection);
  return withRms(ctx, connection, async () => {
    const license = await storedLicense(ctx, connection.id);
    if (!license || now - Date.parse(license.checked_at) > LICENSE_RECHECK_MS) await checkLicense(ctx, connection, client);
    const counts: ImportCounts = { found: 0, imported: 0, known: 0, unmapped: 0, confirmed: 0, confirmFailed: 0 };
    /** Mapped orders imported since forwarding was last woken. */
    let forwardable = 0;
    let woken = false;
    const wakeForwarding = async () => {
      woken = true;
      forwardable = 0;
      if (settings.autoForward && settings.rslConnectionId) await enqueueJob(ctx, FORWARD_JOB, { connectionId: connection.id, trigger: "event" });
    };
    // to: a minute ahead, so an order of this very second (RMS compares whole seconds) or a clock a little
    // ahead of ours is not left for the next run
    const window = { dateType: 1, from: new Date(now - settings.importDays * DAY_MS), to: new Date(now + 60_000), orderProgressList: settings.importProgress };
    for await (const numbers of client.searchOrderNumbers(window)) {
      counts.found += numbers.length;
      const known = new Set(
        (
          await ctx.db.all<{ order_number: string }>(
            "SELECT order_number FROM rakuten_orders WHERE merchant_id = ?1 AND connection_id = ?2 AND order_number IN (SELECT value FROM json_each(?3))",
            connection.id,
            JSON.stringify(numbers),
          )
        ).map((r) => r.order_number),
      );
      counts.known += known.size;
      const fresh = numbers.filter((n) => !known.has(n));
      for (let i = 0; i < fresh.length; i += 100) {
        const slice = fresh.slice(i, i + 100);
        const batch = await importBatch(ctx, connection, settings, client, slice, `rakuten:${connection.id}:${runId}:${await digestOf(slice)}`);
        counts.imported += batch.imported;
        counts.unmapped += batch.unmapped;
        forwardable += batch.imported - batch.unmapped;
        // RSL自動出荷依頼 starts with the first mapped batch, not after the whole (RMS-paced) run
        if (forwardable && !woken) await wakeForwarding();
      }
    }
    if (settings.autoConfirm) Object.assign(counts, await confirmPending(ctx, connection, client, now));
    Object.assign(counts, await followRmsCancellations(ctx, connection, client, { dateType: window.dateType, from: window.from, to: window.to }));
    // and once more for what came after that run had planned (it holds the lease; this one waits its turn)
    if (forwardable) await wakeForwarding();
    return counts;
  }, now);
}

/**
 * A batch's idempotency key names its orders, not its position: a retry of the run skips the orders
 * an earlier attempt imported, so the batches after them hold other orders than they did then.
 */
async function digestOf(orderNumbers: string[]) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(orderNumbers.join("\n"))));
  return [...bytes.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function importBatch(ctx: ServiceContext, connection: ConnectionRecord, settings: RakutenSettings, client: RakutenClient, numbers: string[], idempotencyKey: string) {
  const { orders } = await client.getOrders(numbers);
  const skus = orders.flatMap((o) => o.PackageModelList.flatMap((p) => p.ItemModelList.map(rakutenSkuOf)));
  const mappings = await mappingsFor(ctx, connection.id, skus);
  const { result } = await importOrders(ctx, { idempotencyKey, orders: orders.map((o) => toImportOrder(o, mappings, settings.channelId)) });
  const byNumber = new Map(result.orders.map((o) => [o.externalId, o]));
  const at = nowIso();
  // Once per order number; an order found in Renkei already (a crash after the import) is recorded now.
  await ctx.db.batch(
    orders.map((o) =>
      ctx.db.stmt(
        `INSERT INTO rakuten_orders (merchant_id, connection_id, order_number, order_id, order_progress, asuraku, baskets, confirmed_at, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (connection_id, order_number) DO NOTHING`,
        connection.id,
        o.orderNumber,
        byNumber.get(o.orderNumber)!.orderId,
        o.orderProgress,
        o.asurakuFlag === 1 ? 1 : 0,
        JSON.stringify(basketsOf(o)),
        o.orderProgress >= 300 ? at : null, // confirmed already (by RMS's clock, or by the other order system)
        at,
      ),
    ),
  );
  return { imported: result.created, unmapped: result.orders.filter((o) => o.created && o.status === "awaiting_confirmation").length };
}
