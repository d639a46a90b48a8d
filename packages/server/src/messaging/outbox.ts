// Sending never holds up a request: a message is logged as queued and the request answers at once;
// the outbox delivers in the background, a few at a time, retrying with doubling waits, and records
// each outcome in the send log. Bodies stay in memory only (they carry one-time links): a message
// still queued when the server stops is marked failed at the next start (failUnsent).
import { logAttempt, type Db } from "@attune/db";
import type { RetryConfig } from "./config.ts";

interface Job {
  id: string;
  deliver: () => Promise<void>;
  attempts: number;
}

export class Outbox {
  private readonly waiting: Job[] = [];
  private running = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly settled = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly retry: RetryConfig,
    private readonly parallel = 4,
  ) {}

  /**
   * Queues the delivery of a logged message (`id` is its send-log row).
   *
   * @example
   * outbox.enqueue(row.id, () => mail.send(message));
   */
  enqueue(id: string, deliver: () => Promise<void>): void {
    if (this.closed) return;
    this.waiting.push({ id, deliver, attempts: 0 });
    this.pump();
  }

  /** Resolves once nothing is queued, sending or waiting to retry (tests, shutdown). */
  idle(): Promise<void> {
    if (this.pending() === 0) return Promise.resolve();
    return new Promise((resolve) => this.settled.add(resolve));
  }

  /** Stops retrying; messages not yet sent stay queued in the log until failUnsent marks them. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
    this.notify();
  }

  private pending(): number {
    return this.waiting.length + this.running + this.timers.size;
  }

  private pump(): void {
    while (!this.closed && this.running < this.parallel && this.waiting.length) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.attempt(job).finally(() => {
        this.running--;
        this.pump();
        this.notify();
      });
    }
  }

  private async attempt(job: Job): Promise<void> {
    job.attempts++;
    try {
      await job.deliver();
      await this.record(job.id, { attempts: job.attempts });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const final = job.attempts >= this.retry.attempts || this.closed;
      await this.record(job.id, { attempts: job.attempts, error, final });
      if (final) return;
      const t = setTimeout(
        () => {
          this.timers.delete(t);
          this.waiting.push(job);
          this.pump();
        },
        this.retry.baseDelayMs * 2 ** (job.attempts - 1),
      );
      this.timers.add(t);
    }
  }

  private async record(id: string, a: Parameters<typeof logAttempt>[2]): Promise<void> {
    // The store may be closing at shutdown; the log row then keeps its last state.
    await logAttempt(this.db, id, a).catch(() => undefined);
  }

  private notify(): void {
    if (this.pending() > 0) return;
    for (const s of this.settled) s();
    this.settled.clear();
  }
}
