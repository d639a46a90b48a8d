// The pieces summary(lmer) and summary(glmer) share: the header lines, the random-effects table,
// column alignment and R's number formats. formatSummary (LMM) and formatGlmmSummary use them.

/** A random-effect SD or correlation as both fit summaries list them. */
export type VarCorrLine =
  | { readonly group: string; readonly term: string | null; readonly sd: number }
  | { readonly group: string; readonly terms: readonly [string, string]; readonly cor: number };

/**
 * Aligns a table: the first row gives the columns; `right[j]` right-aligns column j.
 *
 * @example
 * alignTable([["a", "b"], ["xx", "1"]], [false, true]); // ["a  b", "xx 1"]
 */
export function alignTable(rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  const widths = (rows[0] as readonly string[]).map((_, j) =>
    Math.max(...rows.map((r) => (r[j] ?? "").length)),
  );
  return rows.map((r) =>
    r
      .map((c, j) => (right[j] ? c.padStart(widths[j] as number) : c.padEnd(widths[j] as number)))
      .join(" ")
      .trimEnd(),
  );
}

/**
 * The `Formula:`, `Data:` and (with prior weights) `Weights:` lines of an lme4 summary.
 *
 * @example
 * summaryHeader("y ~ x + (1 | g)", "d.csv", 2, "n"); // ["Formula: ...", "   Data: d.csv (2 rows ...)", "Weights: n"]
 */
export function summaryHeader(
  formula: string,
  dataName: string,
  nDropped: number,
  weights?: string,
): string[] {
  const out = [
    `Formula: ${formula}`,
    `   Data: ${dataName}${nDropped > 0 ? ` (${nDropped} row${nDropped > 1 ? "s" : ""} with missing values dropped)` : ""}`,
  ];
  // lme4 names the prior weights under the data.
  if (weights !== undefined) out.push(`Weights: ${weights}`);
  return out;
}

/**
 * The `Random effects:` block (groups, names, variances, SDs, correlations), then `Number of obs`;
 * `residualSd` adds lme4's Residual row of a linear model.
 *
 * @example
 * randomEffectsBlock(s.varcorr, s.nobs, s.groups, s.sigma);
 */
export function randomEffectsBlock(
  varcorr: readonly VarCorrLine[],
  nobs: number,
  groups: Readonly<Record<string, number>>,
  residualSd?: number,
): string[] {
  const rows: string[][] = [["Groups", "Name", "Variance", "Std.Dev.", "Corr"]];
  const cors = varcorr.filter((v) => "cor" in v);
  let lastGroup = "";
  const namesByGroup = new Map<string, string[]>();
  for (const v of varcorr) {
    if (!("sd" in v) || v.group === "Residual" || v.term === null) continue;
    const names = namesByGroup.get(v.group) ?? [];
    const corr = names
      .map((prev) =>
        cors.find((c) => c.group === v.group && "terms" in c && c.terms[0] === prev && c.terms[1] === v.term),
      )
      .map((c) => (c && "cor" in c ? fixed(c.cor, 2) : ""))
      .join(" ");
    names.push(v.term);
    namesByGroup.set(v.group, names);
    rows.push([v.group === lastGroup ? "" : v.group, v.term, signif(v.sd * v.sd), signif(v.sd), corr]);
    lastGroup = v.group;
  }
  if (residualSd !== undefined)
    rows.push(["Residual", "", signif(residualSd * residualSd), signif(residualSd), ""]);
  return [
    "Random effects:",
    ...alignTable(rows, [false, false, true, true, false]).map((l) => ` ${l}`),
    `Number of obs: ${nobs}, groups:  ${Object.entries(groups)
      .map(([g, n]) => `${g}, ${n}`)
      .join("; ")}`,
  ];
}

/**
 * The `Fixed effects:` table (name column left, numbers right), signif codes and warnings.
 *
 * @example
 * fixedEffectsBlock(["", "Estimate", "z value"], [["(Intercept)", "1.2", "3.4"]], []);
 */
export function fixedEffectsBlock(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  warnings: readonly string[],
): string[] {
  const right = header.map((h, j) => j > 0 && h !== "");
  return [
    "Fixed effects:",
    ...alignTable([header, ...rows], right),
    "---",
    "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
    ...warnings.map((w) => `warning: ${w}`),
  ];
}

/**
 * A fixed number of decimals (R's `format(round(v, d))`), non-finite values as R prints them.
 *
 * @example
 * fixed(3.14159, 2); // "3.14"
 */
export function fixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : String(v);
}

/**
 * Five significant digits as summary() prints estimates (exponent form for tiny or huge values).
 *
 * @example
 * signif(0.000123456); // "1.235e-4"
 */
export function signif(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) return v.toExponential(3);
  return Number(v.toPrecision(5)).toString();
}

/**
 * A p value as summary() prints it.
 *
 * @example
 * pValue(1e-20); // "< 2e-16"
 */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return "NA";
  return p < 2e-16 ? "< 2e-16" : p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

/**
 * R's significance stars.
 *
 * @example
 * stars(0.003); // "**"
 */
export function stars(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}
