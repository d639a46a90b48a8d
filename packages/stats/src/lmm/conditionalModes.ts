// Conditional modes and covariances of the random effects (lme4's ranef(condVar = TRUE)) from the
// blocked factor at θ̂: computed apart from the fit because they need the diagonal blocks of the inverse.
import type { RandomTermDesign } from "../model/design.ts";
import type { PlsModel } from "./pls.ts";
import type { RandomEffects } from "./types.ts";

/**
 * Every term's conditional modes (b = Λũ, given node-major) and conditional covariances σ² T [A⁻¹]_bb T'.
 *
 * @example
 * const ranef = conditionalModes(model, terms, theta, sigma, b); // ranef[0].modes: level-major BLUPs
 */
export function conditionalModes(
  model: PlsModel,
  terms: readonly RandomTermDesign[],
  theta: Float64Array,
  sigma: number,
  b: Float64Array,
): RandomEffects[] {
  model.factor(theta);
  const inv = model.inverseDiagonalBlocks();
  const s = model.s;
  const s2 = sigma * sigma;
  let invOff = 0;
  return terms.map((term, j) => {
    const k = term.names.length;
    const nl = term.levels.length;
    const modes = new Float64Array(nl * k);
    const condSd = new Float64Array(nl * k);
    const condCov = new Float64Array(nl * k * k);
    const t = model.t[j] as Float64Array;
    for (let l = 0; l < nl; l++) {
      const node = (s.termStart[j] as number) + l;
      const o = s.nodeIndex[node] as number;
      for (let e = 0; e < k; e++) modes[l * k + e] = b[o + e] as number;
      // lme4's condVar: σ² T [A⁻¹]_bb T' (conditional on β̂ and θ̂).
      for (let e = 0; e < k; e++) {
        for (let f = 0; f < k; f++) {
          let v = 0;
          for (let a = 0; a < k; a++) {
            for (let c = 0; c < k; c++) {
              v += (t[e * k + a] as number) * (inv[invOff + a * k + c] as number) * (t[f * k + c] as number);
            }
          }
          condCov[l * k * k + e * k + f] = v * s2;
        }
        condSd[l * k + e] = Math.sqrt(Math.max(condCov[l * k * k + e * k + e] as number, 0));
      }
      invOff += k * k;
    }
    return { group: term.group, terms: term.names, levels: term.levels, modes, condSd, condCov };
  });
}
