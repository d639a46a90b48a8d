// Why a boundary fit needs a second start: a term's relative covariance factor Λ_j (lower
// triangular, θ column-wise) gives the covariance Λ_j Λ_j', which is unchanged when a column of
// Λ_j changes sign. lme4 (and attune) keep the diagonal ≥ 0 to pick one of those mirror images; but
// when a diagonal sits at its bound 0 both signs of the entries below it are feasible and give the
// same deviance, while the way back into the interior (a positive diagonal) goes downhill from one
// of them only — the first-order change of the covariance is diag × (entries below). An optimizer
// that reached the bound from the wrong side stays there (a stacked cross-lagged model ended 9 units
// of REML criterion above lme4's that way, docs/engine-factorization.md "Boundary fits"); restarting
// from the mirror image lets it leave.

/** The term layout {@link reflectedStarts} needs (a PlsModel has it). */
export interface FactorLayout {
  /** Dimension of each term's factor. */
  readonly k: Int32Array;
  /** Where each term's θ begins (length terms + 1). */
  readonly thetaStart: Int32Array;
}

/** A diagonal at most this is taken to sit at its bound 0 (lme4's check.boundary uses 1e-5). */
const AT_BOUND = 1e-4;

/**
 * The mirror images of θ worth restarting from: for each factor column whose diagonal is at its
 * bound (≤ 1e-4) while an entry below it is clearly not (larger than 10× the diagonal and 1e-6),
 * a copy of θ with that diagonal set to 0 and the entries below it negated — the same covariance
 * (exactly when the diagonal was 0), the other side of the boundary.
 *
 * @example
 * // one 2×2 term, θ = [L11, L21, L22] = [0, 0.5, 0.1]
 * reflectedStarts({ k: Int32Array.of(2), thetaStart: Int32Array.of(0, 3) }, Float64Array.of(0, 0.5, 0.1));
 * // → [Float64Array [0, -0.5, 0.1]]
 */
export function reflectedStarts(layout: FactorLayout, theta: Float64Array): Float64Array[] {
  const out: Float64Array[] = [];
  for (let j = 0; j < layout.k.length; j++) {
    const k = layout.k[j] as number;
    let idx = layout.thetaStart[j] as number;
    for (let c = 0; c < k; c++) {
      const diag = theta[idx] as number;
      let below = 0;
      for (let r = 1; r < k - c; r++) below = Math.max(below, Math.abs(theta[idx + r] as number));
      if (diag <= AT_BOUND && below > 10 * diag && below > 1e-6) {
        const mirror = Float64Array.from(theta);
        mirror[idx] = 0;
        for (let r = 1; r < k - c; r++) mirror[idx + r] = -(theta[idx + r] as number);
        out.push(mirror);
      }
      idx += k - c;
    }
  }
  return out;
}
