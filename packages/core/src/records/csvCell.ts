// CSV cells safe to open in a spreadsheet (the OWASP "CSV injection" rule): a text cell starting
// with = + - @ tab or carriage return gets a leading apostrophe, so it is shown, not evaluated.
// Plain numbers (-1.5, +3, 2e-4) are left as they are: a spreadsheet reads them as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Neutralises one text value for a CSV cell (before quoting).
 *
 * @example
 * neutraliseCell("=HYPERLINK(\"x\")"); // "'=HYPERLINK(\"x\")"
 * neutraliseCell("-0.5"); // "-0.5"
 */
export function neutraliseCell(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/**
 * One CSV cell: NA for missing, numbers as they are, text neutralised then quoted when it holds
 * a comma, quote or line break.
 *
 * @example
 * csvCell("a,b"); // '"a,b"'
 * csvCell(null); // "NA"
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "NA";
  if (typeof v === "number") return Number.isNaN(v) ? "NA" : String(v);
  const s = neutraliseCell(String(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
