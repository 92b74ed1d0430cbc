/**
 * The outbox: documents are written with the receipt counter in one durable transaction, then
 * pushed to the hub in the order they were made.
 *
 * Order and no loss:
 *  - a document's order is its counter value (`seq`), taken in the same transaction that writes it;
 *  - one pusher at a time: one run per tab (a single promise) and one tab at a time (Web Locks,
 *    `navigator.locks`, where the browser has them); a run reads the first ≤ 100 waiting documents
 *    by [state+seq], sends them as one batch and waits for the answer before reading the next;
 *  - a document leaves `waiting` only when the hub's answer names it: accepted / duplicate → sent,
 *    rejected → rejected with the hub's reasons (kept, shown, never retried by itself). No answer
 *    (offline, timeout, 5xx, 429) changes nothing: the same documents go again after a back-off,
 *    and the hub — which keys each document by its UUID — answers 'duplicate' for those it took;
 *  - a 401 means the device was revoked: pushing stops and every document stays on the device.
 * Nothing here ever deletes a document.
 */
import Dexie from "dexie";
import type { LocalDocument } from "./contract";
import type { PairingRow, PosDb, StoredDocument } from "./db";
import { documentNumber, stockEffects, type DocumentBody, type DocumentHead } from "./documents";
import { HubError, type Hub, type Issue } from "./hub";

export const BATCH_DOCUMENTS = 100;
/** keeps one request reasonable when documents are large (a 5,000-line stocktake sheet) */
export const BATCH_BYTES = 2_000_000;
const LOCK_NAME = "renkei-pos-outbox";
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;

interface PushResult {
  results: { id: string; status: "accepted" | "duplicate" | "rejected"; issues?: Issue[]; negativeStock?: string[] }[];
}

export interface OutboxHooks {
  pairing(): PairingRow | null;
  /** the hub answered 401 to a push */
  revoked(): void;
  /** counts or `sending` changed */
  changed(): void;
  /** documents were marked sent (a batch answered) */
  sent(count: number): void;
  /** a push run ended having marked `sent` documents sent: their stock effect now waits for the
   * next catalog delta, which the caller may fetch once for the whole run */
  settled(sent: number): void;
  /** documents were rejected: their local stock effect no longer applies */
  rejected(docs: StoredDocument[]): void;
  now(): number;
  /** schedule retries by themselves (off in unit tests, which call push() directly) */
  autoRetry: boolean;
}

export function toLocalDocument(doc: StoredDocument): LocalDocument {
  const local: LocalDocument = { id: doc.id, number: doc.number, kind: doc.kind, body: doc.body, createdAt: doc.createdAt, state: doc.state };
  if (doc.issues) local.issues = doc.issues;
  return local;
}

export class Outbox {
  waiting = 0;
  rejected = 0;
  sending = false;
  lastError: string | null = null;
  lastPushAt: string | null = null;
  private run: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private backoffUntil = 0;
  private stopped = false;
  private sentThisRun = 0;

  constructor(
    private readonly db: PosDb,
    private readonly hub: Hub,
    private readonly hooks: OutboxHooks,
  ) {}

  async refreshCounts(): Promise<void> {
    const [waiting, rejected] = await Promise.all([this.countState("waiting"), this.countState("rejected")]);
    this.waiting = waiting;
    this.rejected = rejected;
  }

  private countState(state: LocalDocument["state"]): Promise<number> {
    return this.db.documents.where("[state+seq]").between([state, Dexie.minKey], [state, Dexie.maxKey]).count();
  }

  /**
   * Writes one document: the counter moves and the document lands in the outbox in ONE rw
   * transaction (strict durability), or neither happens. `build` is pure; it is called once
   * before the transaction to refuse a bad draft early, and once inside with the real number.
   */
  async commit(
    kind: LocalDocument["kind"],
    build: (head: DocumentHead) => DocumentBody,
    at: { storeCode: string; deviceNumber: number; merchantId: string; locationId: string },
  ): Promise<StoredDocument> {
    const id = crypto.randomUUID();
    const occurredAt = new Date(this.hooks.now()).toISOString();
    build({ id, number: documentNumber(at.storeCode, at.deviceNumber, 1), occurredAt });
    let doc: StoredDocument | undefined;
    await this.db.transaction("rw", [this.db.counters, this.db.documents], async () => {
      const counter = ((await this.db.counters.get("receipt"))?.value ?? 0) + 1;
      const number = documentNumber(at.storeCode, at.deviceNumber, counter);
      const body = build({ id, number, occurredAt }) as unknown as Record<string, unknown>;
      doc = {
        id,
        number,
        kind,
        body,
        createdAt: occurredAt,
        state: "waiting",
        seq: counter,
        merchantId: at.merchantId,
        locationId: at.locationId,
        stockPending: stockEffects(kind, body).length ? 1 : 0,
      };
      await this.db.counters.put({ name: "receipt", value: counter });
      await this.db.documents.add(doc);
    });
    this.waiting++;
    this.hooks.changed();
    return doc!;
  }

  /** Waits for the push running now, if any. */
  async idle(): Promise<void> {
    while (this.run) await this.run.catch(() => undefined);
  }

  /**
   * Push what waits. `force` (the clerk's "send now", the `online` event) ignores the back-off.
   * Calls while a run is going make it look again when it ends, so nothing committed meanwhile
   * waits for the next interval.
   */
  push(force = false): Promise<void> {
    if (this.stopped || (!force && this.hooks.now() < this.backoffUntil)) return this.run ?? Promise.resolve();
    if (force) this.clearBackoff();
    if (this.run) {
      this.again = true;
      return this.run;
    }
    const run = (async () => {
      try {
        do {
          this.again = false;
          await withOutboxLock(() => this.drain());
        } while (this.again && this.hooks.now() >= this.backoffUntil);
      } catch (error) {
        // IndexedDB itself failed (or the database was closed): nothing was marked; try later
        if (!this.stopped) this.retryLater(error);
      } finally {
        this.run = null;
        if (this.sending) {
          this.sending = false;
          this.hooks.changed();
        }
        const sent = this.sentThisRun;
        this.sentThisRun = 0;
        if (sent > 0) this.hooks.settled(sent);
      }
    })();
    this.run = run;
    return run;
  }

  private clearBackoff(): void {
    this.backoffUntil = 0;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** The first waiting documents of this device's current store, in creation order. */
  private async nextBatch(pairing: PairingRow): Promise<StoredDocument[]> {
    const docs = await this.db.documents
      .where("[state+seq]")
      .between(["waiting", Dexie.minKey], ["waiting", Dexie.maxKey])
      .filter((d) => d.merchantId === pairing.merchantId && d.locationId === pairing.locationId)
      .limit(BATCH_DOCUMENTS)
      .toArray();
    let bytes = 0;
    const batch: StoredDocument[] = [];
    for (const doc of docs) {
      bytes += JSON.stringify(doc.body).length;
      if (batch.length > 0 && bytes > BATCH_BYTES) break;
      batch.push(doc);
    }
    return batch;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const pairing = this.hooks.pairing();
      if (!pairing || pairing.revoked) return;
      const batch = await this.nextBatch(pairing);
      if (batch.length === 0) return;
      if (!this.sending) {
        this.sending = true;
        this.hooks.changed();
      }
      let answer: PushResult;
      try {
        answer = await this.hub.post<PushResult>("/api/pos/documents", { documents: batch.map((d) => d.body) }, { timeoutMs: 60_000 });
      } catch (error) {
        if (error instanceof HubError && error.status === 401) {
          this.lastError = error.message;
          this.hooks.revoked();
          return;
        }
        // offline, timeout, 5xx, 429 — or a 4xx for the whole batch, which a later version of
        // the hub or of this app may fix: nothing is marked, the same documents go again later
        this.retryLater(error);
        return;
      }
      const moved = await this.applyAnswer(batch, Array.isArray(answer?.results) ? answer.results : []);
      if (moved === 0) {
        this.retryLater(new Error("the hub answered for none of the documents sent"));
        return;
      }
      this.failures = 0;
      this.lastError = null;
    }
  }

  /** Marks the documents the hub answered for, in one transaction. Returns how many moved. */
  private async applyAnswer(batch: StoredDocument[], results: PushResult["results"]): Promise<number> {
    const answers = new Map(results.map((r) => [r.id, r]));
    const sentAt = new Date(this.hooks.now()).toISOString();
    const rejected: StoredDocument[] = [];
    let sent = 0;
    await this.db.transaction("rw", this.db.documents, async () => {
      const current = await this.db.documents.bulkGet(batch.map((d) => d.id));
      const changed: StoredDocument[] = [];
      for (const doc of current) {
        const answer = doc && answers.get(doc.id);
        if (!doc || !answer || doc.state !== "waiting") continue;
        if (answer.status === "accepted" || answer.status === "duplicate") {
          doc.state = "sent";
          doc.sentAt = sentAt;
          if (answer.negativeStock?.length) doc.negativeStock = answer.negativeStock;
          sent++;
        } else if (answer.status === "rejected") {
          doc.state = "rejected";
          doc.issues = Array.isArray(answer.issues) ? answer.issues : [{ path: [], message: "rejected by the hub" }];
          doc.stockPending = 0;
          rejected.push(doc);
        } else continue;
        changed.push(doc);
      }
      await this.db.documents.bulkPut(changed);
    });
    // only after the transaction committed
    this.waiting = Math.max(0, this.waiting - sent - rejected.length);
    this.rejected += rejected.length;
    this.lastPushAt = sentAt;
    if (rejected.length) this.hooks.rejected(rejected);
    if (sent) {
      this.sentThisRun += sent;
      this.hooks.sent(sent);
    }
    this.hooks.changed();
    return sent + rejected.length;
  }

  private retryLater(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.failures++;
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (this.failures - 1));
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.backoffUntil = this.hooks.now() + delay;
    if (!this.hooks.autoRetry) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.backoffUntil = 0;
      void this.push();
    }, delay);
  }

  /** the network is back: try at once, and from a short back-off again */
  online(): void {
    this.failures = 0;
    void this.push(true);
  }

  stop(): void {
    this.stopped = true;
    this.clearBackoff();
  }
}

/**
 * Runs `fn` while holding the outbox lock across tabs. When another tab holds it, that tab is
 * pushing the same (shared) outbox, so this one does nothing.
 */
async function withOutboxLock(fn: () => Promise<void>): Promise<void> {
  const locks = typeof navigator !== "undefined" ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks?.request) return fn();
  await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
    if (lock) await fn();
  });
}
