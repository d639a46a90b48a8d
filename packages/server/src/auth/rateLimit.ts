// A fixed-window counter of failures per key. Sign-in counts only failed attempts (keys and the reasoning
// in auth/signInLimits.ts): colleagues behind one clinic address do not use up each other's allowance by
// signing in, and nobody can lock a colleague out of the browsers they use.
// In memory: with several API processes each limits on its own (documented in the README).
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the key may try again (0: go ahead); counts nothing. */
  wait(key: string): number {
    const t = this.now();
    const h = this.hits.get(key);
    if (!h || t - h.start >= this.windowMs) return 0;
    return h.count >= this.limit ? Math.ceil((h.start + this.windowMs - t) / 1000) : 0;
  }

  /** Counts one failure of the key. */
  fail(key: string): void {
    const t = this.now();
    let h = this.hits.get(key);
    if (!h || t - h.start >= this.windowMs) {
      h = { start: t, count: 0 };
      this.hits.set(key, h);
    }
    h.count++;
    if (this.hits.size > 100_000) this.sweep(t);
  }

  /** Counts one attempt (failed or not); returns the seconds to wait if over the limit, else 0. */
  hit(key: string): number {
    const w = this.wait(key);
    if (w > 0) return w;
    this.fail(key);
    return 0;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, h] of this.hits) if (t - h.start >= this.windowMs) this.hits.delete(k);
  }
}
