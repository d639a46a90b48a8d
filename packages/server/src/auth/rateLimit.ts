// A fixed-window counter per key (sign-in attempts per client address and per account).
// In memory: with several API processes each limits on its own (documented in the README).
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; returns the seconds to wait if the key is over its limit, else 0. */
  hit(key: string): number {
    const t = this.now();
    let h = this.hits.get(key);
    if (!h || t - h.start >= this.windowMs) {
      h = { start: t, count: 0 };
      this.hits.set(key, h);
    }
    h.count++;
    if (this.hits.size > 100_000) this.sweep(t);
    return h.count > this.limit ? Math.ceil((h.start + this.windowMs - t) / 1000) : 0;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, h] of this.hits) if (t - h.start >= this.windowMs) this.hits.delete(k);
  }
}
