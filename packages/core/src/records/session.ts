// Session numbers: 1-based treatment session numbers, whole numbers 1..1000.

/** The highest session number accepted. */
export const SESSION_MAX = 1000;

/**
 * Checks a session number given as a number or as text; returns the number or a message naming the
 * bad value.
 *
 * @example
 * sessionNumber("3"); // 3
 * sessionNumber(1.5); // 'session number 1.5 is not a whole number 1..1000'
 */
export function sessionNumber(value: unknown): number | string {
  const text = typeof value === "string" ? value.trim() : value;
  const n = typeof text === "string" && /^\d{1,4}$/.test(text) ? Number(text) : text;
  if (typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= SESSION_MAX) return n;
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  return `session number ${shown} is not a whole number 1..${SESSION_MAX}`;
}
