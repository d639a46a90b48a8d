import {
  fixed,
  fixedEffectsBlock,
  pValue,
  randomEffectsBlock,
  signif,
  stars,
  summaryHeader,
} from "../format/summaryTable.ts";
import type { GlmmFitSummary } from "./types.ts";

/**
 * A plain-text summary of a generalized fit laid out like `summary(glmer(...))`, for people to read.
 *
 * @example
 * console.log(formatGlmmSummary(fit.summary(), "cbpp.csv"));
 */
export function formatGlmmSummary(s: GlmmFitSummary, dataName = "data", weights?: string): string {
  // lme4 titles nAGQ = 0 like AGQ ("Adaptive Gauss-Hermite Quadrature, nAGQ = 0").
  const how = s.nAGQ === 1 ? "Laplace Approximation" : `Adaptive Gauss-Hermite Quadrature, nAGQ = ${s.nAGQ}`;
  const npar = s.fixef.length + s.theta.length;
  const out: string[] = [
    `Generalized linear mixed model fit by maximum likelihood (${how}) [glmerMod]`,
    ` Family: ${s.family}  ( ${s.link} )`,
    ...summaryHeader(s.formula, dataName, s.nDropped, weights),
    "",
    ["AIC", "BIC", "logLik", "deviance", "df.resid"].map((h) => h.padStart(10)).join(""),
    [fixed(s.AIC, 1), fixed(s.BIC, 1), fixed(s.logLik, 1), fixed(s.deviance, 1), String(s.nobs - npar)]
      .map((v) => v.padStart(10))
      .join(""),
    "",
    ...randomEffectsBlock(s.varcorr, s.nobs, s.groups),
    "",
  ];
  const header = ["", "Estimate", "Std. Error", "z value", "Pr(>|z|)", ""];
  const rows = s.fixef.map((f) => [
    f.term,
    signif(f.estimate),
    signif(f.se),
    fixed(f.z, 3),
    pValue(f.p),
    stars(f.p),
  ]);
  out.push(...fixedEffectsBlock(header, rows, s.warnings));
  return out.join("\n");
}
