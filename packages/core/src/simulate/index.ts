export { createRng, type Rng } from "./prng.ts";
export {
  DEFAULT_SIMULATE_OPTIONS,
  resolveSimulateOptions,
  type SimulateOptions,
  type ResolvedSimulateOptions,
  type AllianceEffects,
  type JudgmentEffects,
  type WellbeingEffects,
  type RuptureEffects,
} from "./options.ts";
export { simulatePrn, type PrnRow, type SimulatedPrn } from "./simulate.ts";
export { prnToCsv } from "./csv.ts";
export { polynomialFromSurface, type PolynomialCoefficients } from "./surfaceCoefficients.ts";
