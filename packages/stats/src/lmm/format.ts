import type { FitSummary } from "./types.ts";

/**
 * A plain-text summary of a fit laid out like lme4/lmerTest's `summary()`, for people to read.
 *
 * @example
 * console.log(formatSummary(fit.summary(), "sleepstudy.csv"));
 * console.log(formatSummary(weighted.summary(), "cells.csv", "n")); // with a "Weights: n" line
 */
export function formatSummary(s: FitSummary, dataName = "data", weights?: string): string {
  const out: string[] = [];
  out.push(
    `Linear mixed model fit by ${s.method === "REML" ? "REML" : "maximum likelihood"}. t-tests use Satterthwaite's method`,
  );
  out.push(`Formula: ${s.formula}`);
  out.push(
    `   Data: ${dataName}${s.nDropped > 0 ? ` (${s.nDropped} row${s.nDropped > 1 ? "s" : ""} with missing values dropped)` : ""}`,
  );
  // lme4 names the prior weights under the data.
  if (weights !== undefined) out.push(`Weights: ${weights}`);
  out.push("");
  if (s.method === "REML") out.push(`REML criterion at convergence: ${fmt(s.deviance, 1)}`);
  else {
    out.push(["AIC", "BIC", "logLik", "deviance"].map((h) => h.padStart(10)).join(""));
    out.push([s.AIC, s.BIC, s.logLik, s.deviance].map((v) => fmt(v, 1).padStart(10)).join(""));
  }
  out.push("");
  out.push("Random effects:");
  const rows: string[][] = [["Groups", "Name", "Variance", "Std.Dev.", "Corr"]];
  const cors = s.varcorr.filter((v) => "cor" in v);
  let lastGroup = "";
  const namesByGroup = new Map<string, string[]>();
  for (const v of s.varcorr) {
    if (!("sd" in v) || v.group === "Residual") continue;
    const names = namesByGroup.get(v.group) ?? [];
    const corr = names
      .map((prev) =>
        cors.find((c) => c.group === v.group && "terms" in c && c.terms[0] === prev && c.terms[1] === v.term),
      )
      .map((c) => (c && "cor" in c ? fmt(c.cor, 2) : ""))
      .join(" ");
    names.push(v.term as string);
    namesByGroup.set(v.group, names);
    rows.push([v.group === lastGroup ? "" : v.group, v.term as string, sig(v.sd * v.sd), sig(v.sd), corr]);
    lastGroup = v.group;
  }
  rows.push(["Residual", "", sig(s.sigma * s.sigma), sig(s.sigma), ""]);
  out.push(...table(rows, [false, false, true, true, false]).map((l) => ` ${l}`));
  out.push(
    `Number of obs: ${s.nobs}, groups:  ${Object.entries(s.groups)
      .map(([g, n]) => `${g}, ${n}`)
      .join("; ")}`,
  );
  out.push("");
  out.push("Fixed effects:");
  const fe: string[][] = [["", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)", ""]];
  for (const f of s.fixef) {
    fe.push([f.term, sig(f.estimate), sig(f.se), fmt(f.df, 2), fmt(f.t, 3), pval(f.p), stars(f.p)]);
  }
  out.push(...table(fe, [false, true, true, true, true, true, false]));
  out.push("---");
  out.push("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
  for (const w of s.warnings) out.push(`warning: ${w}`);
  return out.join("\n");
}

function table(rows: string[][], right: boolean[]): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? "").length)));
  return rows.map((r) =>
    r
      .map((c, j) => (right[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
      .join(" ")
      .trimEnd(),
  );
}

function fmt(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : String(v);
}

function sig(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(3);
  return Number(v.toPrecision(5)).toString();
}

function pval(p: number): string {
  if (!Number.isFinite(p)) return "NA";
  return p < 2e-16 ? "< 2e-16" : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

function stars(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}
