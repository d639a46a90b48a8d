// Group commit for patient submissions: submissions that arrive while a transaction is being
// written wait and are then written together in ONE transaction (one WAL append / one fsync for
// many). Each is acknowledged only after the transaction that holds it has committed. A batch that
// fails as a whole is retried one submission per transaction, so one bad item cannot sink others.
import type { Db } from "@attune/db";

export interface BatchItem<R> {
  /** Runs inside the shared transaction; returns the item's result (must not throw for expected outcomes). */
  run(trx: Db): Promise<R>;
}

export class Batcher<R> {
  private queue: { item: BatchItem<R>; resolve(r: R): void; reject(e: unknown): void }[] = [];
  private running = 0;

  /**
   * @param lanes transactions written at once (1 for SQLite's single connection; a few for
   *   PostgreSQL, whose pool can write several while one waits for its commit to be flushed)
   */
  constructor(
    private readonly db: Db,
    private readonly lanes = 1,
    private readonly maxBatch = 128,
  ) {}

  submit(item: BatchItem<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running < this.lanes) {
        this.running++;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.db.transaction().execute(async (trx) => {
          const out: R[] = [];
          for (const b of batch) out.push(await b.item.run(trx));
          return out;
        });
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch {
        for (const b of batch) {
          try {
            b.resolve(await this.db.transaction().execute((trx) => b.item.run(trx)));
          } catch (e) {
            b.reject(e);
          }
        }
      }
    }
    this.running--;
  }
}
