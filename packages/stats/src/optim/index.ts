/** Derivative-free bounded optimisation (Powell's BOBYQA), as used for lme4's profiled deviance. */
export { bobyqa } from "./bobyqa.ts";
export type { BobyqaOptions, OptimResult } from "./bobyqa.ts";
