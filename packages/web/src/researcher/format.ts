// Number formats of the researcher pages, per language. Fixed decimals (not significant digits) so a reader,
// and the browser test comparing with lme4, knows each number's precision: estimates and SEs to 4 decimals.
// English keeps the ASCII point and minus, so a number pastes into R; French writes the decimal comma and
// separates an interval's ends with a semicolon ("[0,1200 ; 0,3400]"), as French journals do.
import type { Lang } from "../lang.ts";
import type { Redaction } from "./types.ts";

/** Decimals of estimates, SEs, intervals and SDs. */
export const EST_DECIMALS = 4;
/** Decimals of the REML criterion. */
export const CRIT_DECIMALS = 2;

/** The number writers of one language. */
export interface Formats {
  /** A number with `d` decimals; "—" for missing or non-finite values. */
  num(v: number | null | undefined, d?: number): string;
  /** A p value as journals print it: "< 0.001" below 0.001, else 3 decimals. */
  pval(p: number | null | undefined): string;
  /** "p = 0.012" or "p < 0.001". */
  pIs(p: number | null | undefined): string;
  /** Satterthwaite df (1 decimal), or "∞ (z)" for a z test. */
  df(df: number | null | undefined): string;
  /** An interval: "[lower, upper]" (French "[lower ; upper]"). */
  ci(lower: number, upper: number, d?: number): string;
  /** A share in per cent with one decimal and its count: "12.5% (3)" (French "12,5 % (3)"). */
  pct(v: number | null, n: number): string;
}

/**
 * The number writers of `lang`.
 *
 * @example
 * formats("fr").ci(0.12, 0.34); // "[0,1200 ; 0,3400]"
 * formats("en").pval(0.0004); // "< 0.001"
 */
export function formats(lang: Lang): Formats {
  const comma = lang === "fr";
  const fixed = (v: number, d: number) => {
    const s = v.toFixed(d);
    // -0.0000 reads as a sign that is not there.
    const t = /^-0\.?0*$/.test(s) ? s.slice(1) : s;
    return comma ? t.replace(".", ",") : t;
  };
  const num = (v: number | null | undefined, d = EST_DECIMALS) =>
    v === null || v === undefined || !Number.isFinite(v) ? "—" : fixed(v, d);
  const pval = (p: number | null | undefined) =>
    p === null || p === undefined || !Number.isFinite(p)
      ? "—"
      : p < 0.001
        ? `< ${fixed(0.001, 3)}`
        : fixed(p, 3);
  return {
    num,
    pval,
    pIs: (p) => (pval(p).startsWith("<") ? `p ${pval(p)}` : `p = ${pval(p)}`),
    df: (df) => (df === null || df === undefined || !Number.isFinite(df) ? "∞ (z)" : fixed(df, 1)),
    ci: (lower, upper, d = EST_DECIMALS) => `[${num(lower, d)}${comma ? " ; " : ", "}${num(upper, d)}]`,
    pct: (v, n) => (v === null ? "—" : `${fixed(100 * v, 1)}${comma ? "\u202f%" : "%"} (${n})`),
  };
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
