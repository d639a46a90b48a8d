// The code alphabet: how therapists, patients, staff and arms are named in every export. One
// definition for the API, the pages, the long CSV, REDCap and FHIR Bundle imports.
//
// A code is 1–64 characters: Unicode letters and digits, and . _ : - inside. It starts with a
// letter or digit, so it can never begin with = + - @ (a spreadsheet formula), and it holds no
// space, quote, backslash, newline or control character (nothing that could end a CSV cell, an R
// string or an HTML attribute).

/** The longest code accepted. */
export const CODE_MAX = 64;

/** The code alphabet as a regular expression (Unicode flag), for schemas and form inputs. */
export const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._:-]{0,63}$/u;

/** The alphabet in words, for error messages and docs. */
export const CODE_RULE = "1–64 letters, digits, . _ : - starting with a letter or digit";

/**
 * Checks a code; returns a message naming the bad value, or undefined when it is a valid code.
 *
 * @example
 * codeProblem("T01", "therapist"); // undefined
 * codeProblem("=1+1", "arm"); // 'arm code "=1+1" is not 1–64 letters, ...'
 */
export function codeProblem(value: unknown, what = "code"): string | undefined {
  if (typeof value !== "string") return `${what} code is missing`;
  if (value === "") return `${what} code is empty`;
  if (CODE_PATTERN.test(value)) return undefined;
  return `${what} code ${JSON.stringify(value.slice(0, 40))} is not ${CODE_RULE}`;
}

/**
 * True when `value` is a valid code.
 *
 * @example
 * isCode("arm:1"); // true
 * isCode("-1"); // false
 */
export function isCode(value: unknown): value is string {
  return typeof value === "string" && CODE_PATTERN.test(value);
}
