import type { GlmmFitSummary } from "./types.ts";

/**
 * A plain-text summary of a generalized fit laid out like `summary(glmer(...))`, for people to read.
 *
 * @example
 * console.log(formatGlmmSummary(fit.summary(), "cbpp.csv"));
 */
export function formatGlmmSummary(s: GlmmFitSummary, dataName = "data"): string {
  const out: string[] = [];
  const how =
    s.method === "AGQ" ? `Adaptive Gauss-Hermite Quadrature, nAGQ = ${s.nAGQ}` : "Laplace Approximation";
  out.push(`Generalized linear mixed model fit by maximum likelihood (${how}) [glmerMod]`);
  out.push(` Family: ${s.family}  ( ${s.link} )`);
  out.push(`Formula: ${s.formula}`);
  out.push(
    `   Data: ${dataName}${s.nDropped > 0 ? ` (${s.nDropped} row${s.nDropped > 1 ? "s" : ""} with missing values dropped)` : ""}`,
  );
  out.push("");
  const npar = s.fixef.length + s.theta.length;
  out.push(["AIC", "BIC", "logLik", "deviance", "df.resid"].map((h) => h.padStart(10)).join(""));
  out.push(
    [fmt(s.AIC, 1), fmt(s.BIC, 1), fmt(s.logLik, 1), fmt(s.deviance, 1), String(s.nobs - npar)]
      .map((v) => v.padStart(10))
      .join(""),
  );
  out.push("");
  out.push("Random effects:");
  const rows: string[][] = [["Groups", "Name", "Variance", "Std.Dev.", "Corr"]];
  const cors = s.varcorr.filter((v) => "cor" in v);
  let lastGroup = "";
  const namesByGroup = new Map<string, string[]>();
  for (const v of s.varcorr) {
    if (!("sd" in v)) continue;
    const names = namesByGroup.get(v.group) ?? [];
    const corr = names
      .map((prev) =>
        cors.find((c) => c.group === v.group && "terms" in c && c.terms[0] === prev && c.terms[1] === v.term),
      )
      .map((c) => (c && "cor" in c ? fmt(c.cor, 2) : ""))
      .join(" ");
    names.push(v.term);
    namesByGroup.set(v.group, names);
    rows.push([v.group === lastGroup ? "" : v.group, v.term, sig(v.sd * v.sd), sig(v.sd), corr]);
    lastGroup = v.group;
  }
  out.push(...table(rows, [false, false, true, true, false]).map((l) => ` ${l}`));
  out.push(
    `Number of obs: ${s.nobs}, groups:  ${Object.entries(s.groups)
      .map(([g, n]) => `${g}, ${n}`)
      .join("; ")}`,
  );
  out.push("");
  out.push("Fixed effects:");
  const fe: string[][] = [["", "Estimate", "Std. Error", "z value", "Pr(>|z|)", ""]];
  for (const f of s.fixef) fe.push([f.term, sig(f.estimate), sig(f.se), fmt(f.z, 3), pval(f.p), stars(f.p)]);
  out.push(...table(fe, [false, true, true, true, true, false]));
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
