/**
 * A MerchantDb that times what a service does with it, without touching the service: D1 reads per
 * SQL text, batches, and the prepare/bind of statements built for batches. Whatever the service
 * spends outside these (validation, mapping, SQL text building, hashing) is the remainder.
 */
import type { ServiceContext } from "../../worker/context";
import { MerchantDb, type MerchantSettings } from "../../worker/db/merchant-db";

export interface Timing {
  calls: number;
  ms: number;
}

const labelOf = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 60);

export class TimedDb extends MerchantDb {
  readonly reads = new Map<string, Timing>();
  readonly batches: Timing & { statements: number } = { calls: 0, ms: 0, statements: 0 };
  readonly prepare: Timing = { calls: 0, ms: 0 };
  private reading = false;

  private note(label: string, ms: number) {
    const t = this.reads.get(label) ?? { calls: 0, ms: 0 };
    t.calls++;
    t.ms += ms;
    this.reads.set(label, t);
  }

  private async timeRead<T>(label: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.reading = true;
    let pending: Promise<T>;
    try {
      pending = call(); // runs synchronously up to its first await, so its stmt() is not counted as prepare
    } finally {
      this.reading = false;
    }
    const result = await pending;
    this.note(label, performance.now() - started);
    return result;
  }

  override stmt(sql: string, ...params: unknown[]): D1PreparedStatement {
    if (this.reading) return super.stmt(sql, ...params);
    const started = performance.now();
    try {
      return super.stmt(sql, ...params);
    } finally {
      this.prepare.calls++;
      this.prepare.ms += performance.now() - started;
    }
  }

  override all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    return this.timeRead(labelOf(sql), () => super.all<T>(sql, ...params));
  }

  override first<T>(sql: string, ...params: unknown[]): Promise<T | null> {
    return this.timeRead(labelOf(sql), () => super.first<T>(sql, ...params));
  }

  override run(sql: string, ...params: unknown[]): Promise<D1Result> {
    return this.timeRead(labelOf(sql), () => super.run(sql, ...params));
  }

  override merchant(): Promise<MerchantSettings> {
    return this.timeRead("merchant()", () => super.merchant());
  }

  override async batch(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    const started = performance.now();
    const result = await super.batch(statements);
    this.batches.calls++;
    this.batches.statements += statements.length;
    this.batches.ms += performance.now() - started;
    return result;
  }

  readMs(): number {
    return [...this.reads.values()].reduce((a, t) => a + t.ms, 0);
  }
}

export function timedContext(ctx: ServiceContext): { ctx: ServiceContext; db: TimedDb } {
  const db = new TimedDb(ctx.db.d1, ctx.merchantId);
  return { ctx: { ...ctx, db }, db };
}
