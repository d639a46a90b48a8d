// Number formats of the researcher pages. Fixed decimals (not significant digits) so a reader, and the
// browser test comparing with lme4, knows each number's precision: estimates and SEs to 4 decimals.
import type { Redaction } from "./types.ts";

/** Decimals of estimates, SEs, intervals and SDs. */
export const EST_DECIMALS = 4;
/** Decimals of the REML criterion. */
export const CRIT_DECIMALS = 2;

/** A number with `d` decimals; "—" for missing or non-finite values. ASCII minus, so it pastes into R. */
export function num(v: number | null | undefined, d = EST_DECIMALS): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const s = v.toFixed(d);
  // -0.0000 reads as a sign that is not there.
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A p value as journals print it: "< 0.001" below 0.001, else 3 decimals. */
export function pval(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** Satterthwaite df (1 decimal), or "∞ (z)" for a z test. */
export function dfText(df: number | null | undefined): string {
  return df === null || df === undefined || !Number.isFinite(df) ? "∞ (z)" : df.toFixed(1);
}

/** "[lower, upper]". */
export function ci(lower: number, upper: number): string {
  return `[${num(lower)}, ${num(upper)}]`;
}

/** An ISO time as "2026-11-22 00:41:07 UTC" (runs are recorded in UTC; the time zone is stated). */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * Patients' rows removed from a run's data after erasure (0: the data are as recorded).
 *
 * @example
 * rowsRedacted([{ at: "2026-01-01T00:00:00Z", rowsRemoved: 3, before: "…", after: "…" }]); // 3
 */
export function rowsRedacted(redactions: readonly Redaction[]): number {
  return redactions.reduce((n, x) => n + x.rowsRemoved, 0);
}
