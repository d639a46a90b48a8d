import { pTwoSidedZ } from "@attune/stats";

/** A response-surface parameter with its delta-method SE, z and two-sided normal p. */
export interface SurfaceParameter {
  readonly estimate: number;
  readonly se: number;
  readonly z: number;
  readonly p: number;
}

/** a1..a5 of a polynomial surface (X = first predictor, Y = second). */
export interface SurfaceParameters {
  readonly a1: SurfaceParameter;
  readonly a2: SurfaceParameter;
  readonly a3: SurfaceParameter;
  readonly a4: SurfaceParameter;
  readonly a5: SurfaceParameter;
}

/** Contrast vectors over (b1..b5): a1 = b1 + b2, a2 = b3 + b4 + b5, a3 = b1 − b2, a4 = b3 − b4 + b5, a5 = b3 − b5. */
export const SURFACE_CONTRASTS: Readonly<Record<keyof SurfaceParameters, readonly number[]>> = {
  a1: [1, 1, 0, 0, 0],
  a2: [0, 0, 1, 1, 1],
  a3: [1, -1, 0, 0, 0],
  a4: [0, 0, 1, -1, 1],
  a5: [0, 0, 1, 0, -1],
};

/**
 * Surface parameters from b = (b1..b5) and their 5 × 5 covariance V (row-major): estimate c'b, SE
 * √(c'Vc), z = estimate/SE, p = 2Φ(−|z|).
 *
 * @example
 * surfaceParameters([0.1, 0.1, 0, 0, 0], identity5).a1; // { estimate: 0.2, se: 1.414..., z: 0.141..., p: 0.887... }
 */
export function surfaceParameters(b: ArrayLike<number>, V: ArrayLike<number>): SurfaceParameters {
  if (b.length !== 5 || V.length !== 25) {
    throw new Error(
      `surfaceParameters needs 5 coefficients and a 5 × 5 covariance, got ${b.length} and ${V.length}`,
    );
  }
  const one = (c: readonly number[]): SurfaceParameter => {
    let est = 0;
    let v = 0;
    for (let i = 0; i < 5; i++) {
      est += (c[i] as number) * (b[i] as number);
      for (let j = 0; j < 5; j++) v += (c[i] as number) * (V[i * 5 + j] as number) * (c[j] as number);
    }
    const se = Math.sqrt(v);
    const z = est / se;
    return { estimate: est, se, z, p: pTwoSidedZ(z) };
  };
  const c = SURFACE_CONTRASTS;
  return { a1: one(c.a1), a2: one(c.a2), a3: one(c.a3), a4: one(c.a4), a5: one(c.a5) };
}

/**
 * Extracts (b, V) for the named terms from a full coefficient vector and its p × p covariance.
 *
 * @example
 * subBlock(["(Intercept)", "X", "Y"], beta, vcov, ["X", "Y"]); // { b: [bX, bY], V: 2 × 2 block }
 */
export function subBlock(
  names: readonly string[],
  beta: ArrayLike<number>,
  vcov: ArrayLike<number>,
  terms: readonly string[],
): { b: Float64Array; V: Float64Array } {
  const p = names.length;
  const idx = terms.map((t) => {
    const i = names.indexOf(t);
    if (i < 0) throw new Error(`term "${t}" is not among the fixed effects (${names.join(", ")})`);
    return i;
  });
  const b = Float64Array.from(idx, (i) => beta[i] as number);
  const V = new Float64Array(idx.length * idx.length);
  idx.forEach((i, r) => idx.forEach((j, c) => (V[r * idx.length + c] = vcov[i * p + j] as number)));
  return { b, V };
}
