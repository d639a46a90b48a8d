// The staff language kept per browser, and numbers written for the language (decimal comma in French).
import type { Lang } from "./i18n.ts";

const KEY = "attune.staffLang";

/**
 * The staff language: the one chosen on this browser, else the browser's language.
 *
 * @example
 * document.documentElement.lang = staffLang();
 */
export function staffLang(): Lang {
  try {
    const v = localStorage.getItem(KEY);
    if (v === "en" || v === "fr") return v;
  } catch {
    // Storage can be switched off; the browser language still gives a sensible default.
  }
  return navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}

/**
 * Remembers the staff language on this browser (kept across sign-outs and reloads).
 *
 * @example
 * setStaffLang("fr");
 */
export function setStaffLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Not remembered, but the page still switches.
  }
}

/**
 * Number writers for a language: `fmt(v, d)` with `d` decimals ("—" for no value), `signed(v)` whole
 * points with a "+" on gains, `short(v)` up to two decimals (the "why" numbers).
 *
 * @example
 * numbers("fr").fmt(0.854, 2); // "0,85"
 */
export function numbers(lang: Lang) {
  const fixed = (d: number) =>
    new Intl.NumberFormat(lang, { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false });
  const cache = new Map<number, Intl.NumberFormat>();
  const signedF = new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const shortF = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: false });
  return {
    fmt(v: number | null | undefined, d = 0): string {
      if (v === null || v === undefined) return "—";
      let f = cache.get(d);
      if (!f) cache.set(d, (f = fixed(d)));
      return f.format(v);
    },
    signed: (v: number | null): string => (v === null ? "—" : signedF.format(v)),
    short: (v: number): string => shortF.format(v),
  };
}
