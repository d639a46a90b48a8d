/**
 * Writes a double as R's `as.character()` and `deparse()` do (15 significant digits, the shortest
 * that round-trips at that precision; scientific notation when it is not wider than fixed notation),
 * so that term names (`I(x + 1e+05)`) and factor levels made from numbers match R's.
 *
 * @example
 * formatRNumber(100000); // "1e+05"
 * formatRNumber(0.1 + 0.2); // "0.3"
 * formatRNumber(123456); // "123456"
 */
export function formatRNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (v === 0) return "0";
  const target = Number(v.toPrecision(15));
  let nsig = 1;
  while (nsig < 15 && Number(v.toPrecision(nsig)) !== target) nsig++;
  const mant = target.toExponential(nsig - 1); // e.g. "1.5e-7"
  const e10 = Number(mant.slice(mant.indexOf("e") + 1));
  const neg = v < 0 ? 1 : 0;
  const rgt = e10 >= 0 ? Math.max(0, nsig - e10 - 1) : -e10 + nsig - 1;
  const left = e10 >= 0 ? e10 + 1 : 1;
  const fixedWidth = neg + left + (rgt > 0 ? rgt + 1 : 0);
  const sciWidth = neg + (nsig > 1 ? nsig + 1 : 1) + (Math.abs(e10) >= 100 ? 5 : 4);
  if (fixedWidth <= sciWidth) return target.toFixed(rgt);
  const [m, e] = mant.split("e") as [string, string];
  const sign = e.startsWith("-") ? "-" : "+";
  const digits = e.replace(/^[+-]/, "").padStart(2, "0");
  return `${m}e${sign}${digits}`;
}

/**
 * The label R gives a number read from a CSV file when it becomes a factor level: whole numbers
 * as integers (read.csv reads such a column as integer), others as {@link formatRNumber}.
 *
 * @example
 * levelLabel(100000); // "100000"
 * levelLabel(0.5); // "0.5"
 */
export function levelLabel(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? String(v) : formatRNumber(v);
}
