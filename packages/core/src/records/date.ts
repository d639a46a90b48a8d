// Dates: ISO 8601 calendar dates (2025-03-01), optionally with a time and zone, that exist.

/** ISO 8601 date or date-time text, as schemas check it (the calendar is checked by isoDateProblem). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Checks a date; returns a message naming the bad value, or undefined for a real ISO 8601 date
 * (2025-02-30 and 2025-13-01 are refused).
 *
 * @example
 * isoDateProblem("2025-03-01"); // undefined
 * isoDateProblem("yesterday"); // 'date "yesterday" is not an ISO 8601 date (YYYY-MM-DD)'
 */
export function isoDateProblem(value: unknown, what = "date"): string | undefined {
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  const bad = `${what} ${shown} is not an ISO 8601 date (YYYY-MM-DD)`;
  if (typeof value !== "string" || !ISO_DATE_PATTERN.test(value)) return bad;
  const [y, m, d] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
    return `${what} ${shown} is not a day of the calendar`;
  if (y < 1900 || y > 2200) return `${what} ${shown} is outside 1900–2200`;
  if (Number.isNaN(Date.parse(value))) return bad;
  return undefined;
}
