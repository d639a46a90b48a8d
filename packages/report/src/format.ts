/**
 * Formats a number with fixed decimals ("—" for NaN, "∞" for infinity, no "-0").
 *
 * @example
 * fmt(0.12345); // "0.123"
 */
export function fmt(v: number, digits = 3): string {
  if (Number.isNaN(v)) return "—";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * Formats a p-value as journals do: "<.001" below 0.001, otherwise three decimals without the leading 0.
 *
 * @example
 * fmtP(0.0342); // ".034"
 */
export function fmtP(p: number): string {
  if (Number.isNaN(p)) return "—";
  if (p < 0.001) return "<.001";
  return p.toFixed(3).replace(/^0/, "");
}

/**
 * Formats an estimate with its 95% interval: "0.288 [0.205, 0.371]".
 *
 * @example
 * fmtCi(0.2, 0.1, 0.3); // "0.200 [0.100, 0.300]"
 */
export function fmtCi(estimate: number, lower: number, upper: number, digits = 3): string {
  return `${fmt(estimate, digits)} [${fmt(lower, digits)}, ${fmt(upper, digits)}]`;
}
