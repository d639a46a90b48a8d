/**
 * Wraps a user objective for a derivative-free optimiser: counts evaluations against a budget,
 * remembers the best point ever evaluated, and replaces non-finite values (NaN, ±Infinity) by a
 * finite "bad" value so the quadratic models stay finite. Exceptions thrown by f propagate.
 *
 * The substitute for a non-finite value is `fmax + max(1, |fmax|)`, fmax being the largest
 * finite value seen so far (1e30 before any finite value): clearly worse than everything seen,
 * but not so large that it swamps the interpolation models (a "moderated extreme barrier").
 *
 * @example
 * const g = new GuardedObjective((x) => (x[0]! > 1 ? NaN : x[0]! ** 2), (x) => Float64Array.from(x), 10, 1);
 * g.evaluate(Float64Array.of(0.5)); // 0.25
 * g.evaluate(Float64Array.of(2)); // NaN → 0.25 + 1 = 1.25 (worse than anything seen)
 * g.bestF; // 0.25
 */
export class GuardedObjective {
  /** Number of calls of the user function so far. */
  evaluations = 0;
  /** Least finite value seen, Infinity if none. */
  bestF = Number.POSITIVE_INFINITY;
  /** Point of bestF (or the first point evaluated while no finite value has been seen). */
  readonly bestX: Float64Array;
  /** The raw value at the first point evaluated (reported when nothing finite was seen). */
  firstF = Number.NaN;
  private maxFinite = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly f: (x: Float64Array) => number,
    private readonly expand: (free: Float64Array) => Float64Array,
    readonly maxeval: number,
    n: number,
  ) {
    this.bestX = new Float64Array(n);
  }

  /** True while another evaluation fits in the budget. */
  canEvaluate(): boolean {
    return this.evaluations < this.maxeval;
  }

  /** Evaluates at the free-variable point x (copied before the user sees it). */
  evaluate(x: Float64Array): number {
    const full = this.expand(x);
    const raw = this.f(full);
    this.evaluations++;
    if (this.evaluations === 1) {
      this.firstF = raw;
      this.bestX.set(full);
    }
    if (Number.isFinite(raw)) {
      if (raw < this.bestF) {
        this.bestF = raw;
        this.bestX.set(full);
      }
      if (raw > this.maxFinite) this.maxFinite = raw;
      return raw;
    }
    if (this.maxFinite === Number.NEGATIVE_INFINITY) return 1e30;
    return this.maxFinite + Math.max(1, Math.abs(this.maxFinite));
  }
}
