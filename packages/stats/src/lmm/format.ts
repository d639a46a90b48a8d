import {
  fixed,
  fixedEffectsBlock,
  pValue,
  randomEffectsBlock,
  signif,
  stars,
  summaryHeader,
} from "../format/summaryTable.ts";
import type { FitSummary } from "./types.ts";

/**
 * A plain-text summary of a fit laid out like lme4/lmerTest's `summary()`, for people to read.
 *
 * @example
 * console.log(formatSummary(fit.summary(), "sleepstudy.csv"));
 * console.log(formatSummary(weighted.summary(), "cells.csv", "n")); // with a "Weights: n" line
 */
export function formatSummary(s: FitSummary, dataName = "data", weights?: string): string {
  const out: string[] = [
    `Linear mixed model fit by ${s.method === "REML" ? "REML" : "maximum likelihood"}. t-tests use Satterthwaite's method`,
    ...summaryHeader(s.formula, dataName, s.nDropped, weights),
    "",
  ];
  if (s.method === "REML") out.push(`REML criterion at convergence: ${fixed(s.deviance, 1)}`);
  else {
    out.push(["AIC", "BIC", "logLik", "deviance"].map((h) => h.padStart(10)).join(""));
    out.push([s.AIC, s.BIC, s.logLik, s.deviance].map((v) => fixed(v, 1).padStart(10)).join(""));
  }
  out.push("", ...randomEffectsBlock(s.varcorr, s.nobs, s.groups, s.sigma), "");
  const header = ["", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)", ""];
  const rows = s.fixef.map((f) => [
    f.term,
    signif(f.estimate),
    signif(f.se),
    fixed(f.df, 2),
    fixed(f.t, 3),
    pValue(f.p),
    stars(f.p),
  ]);
  out.push(...fixedEffectsBlock(header, rows, s.warnings));
  return out.join("\n");
}
