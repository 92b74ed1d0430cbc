/**
 * Idempotency keys for writes the worker applies once per key (stock adjustments, 受注登録). One key per
 * submission: pressing "save" again after a lost answer (timeout, offline) re-sends the *same*
 * key, so the write is applied once; a new submission — or the same form with changed
 * values — gets a new key. The key is dropped once the worker has answered.
 */
export class SubmissionKey {
  private pending: { fingerprint: string; key: string } | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  /** The key to send with these values. */
  keyFor(values: unknown): string {
    const fingerprint = JSON.stringify(values);
    if (this.pending?.fingerprint !== fingerprint) this.pending = { fingerprint, key: this.newKey() };
    return this.pending.key;
  }

  /** The worker answered (applied or refused for good): the next submission is a new one. */
  settle(): void {
    this.pending = null;
  }

  /**
   * Sends `values` with their key. A refusal is final, so it settles like an answer; only "no
   * answer" (network, 5xx) keeps the key for the retry.
   */
  async send<R>(values: unknown, write: (idempotencyKey: string) => Promise<R>): Promise<R> {
    try {
      const answer = await write(this.keyFor(values));
      this.settle();
      return answer;
    } catch (failure) {
      const status = (failure as { status?: number } | null)?.status ?? 0;
      if (status >= 400 && status < 500) this.settle();
      throw failure;
    }
  }
}
