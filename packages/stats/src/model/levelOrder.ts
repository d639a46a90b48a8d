// The order of a factor's text levels: R's sort() in an English locale, which is ICU's "en" collation
// (Intl.Collator("en")). Going through the collator costs ≈ 40 ms to load ICU's collation data and
// then ≈ 2–5 µs a comparison: 50–100 ms for the 10,000 patient ids of a 100k-session file, a tenth of
// a whole fit. For levels made of printable ASCII, each character is one collation element, so the
// collation reduces to comparing the characters' primary weights left to right (a shorter prefix
// first) and, when all are equal, their case weights (lower before upper): primary keys that
// compare as plain strings, then the case weights where the primary keys are equal.
// levelOrder.test.ts checks the table below against Intl.Collator on every character pair and on
// random strings, so an ICU that orders ASCII differently fails the tests instead of sorting
// differently from R.
// Made on first use: creating it loads ICU's collation data, which an all-ASCII fit never needs.
let collatorCache: Intl.Collator | null = null;
const collator = (): Intl.Collator => (collatorCache ??= new Intl.Collator("en"));

/**
 * Printable ASCII in ICU's root (and "en") collation order, one string per primary weight; within
 * a string, the characters differ only in case, in tertiary order.
 */
const PRIMARY_CLASSES = [
  ..." _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789",
  ..."abcdefghijklmnopqrstuvwxyz".split("").map((c) => c + c.toUpperCase()),
];

/** Per ASCII code: 0 outside the fast path (control characters), else (primary + 1) * 256 + case weight. */
const WEIGHTS = (() => {
  const table = new Uint16Array(128);
  PRIMARY_CLASSES.forEach((chars, primary) => {
    for (let t = 0; t < chars.length; t++) table[chars.charCodeAt(t)] = (primary + 1) * 256 + t;
  });
  return table;
})();

/** Per ASCII code: its primary weight as a one-character string ("" outside the fast path). */
const PRIMARY_CHARS = Array.from(WEIGHTS, (w) => (w === 0 ? "" : String.fromCharCode(0x20 + (w >> 8))));

/**
 * The primary sort key of a level (its characters' primary weights), or null when it has a
 * character outside the fast path. Case weights are compared only between levels with equal
 * primary keys ({@link compareCase}), which ids rarely are, so they are not built for every level.
 */
function primaryKey(s: string): string | null {
  let primary = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const w = c < 128 ? (PRIMARY_CHARS[c] as string) : "";
    if (w === "") return null;
    primary += w;
  }
  return primary;
}

/** The order of two levels with equal primary keys (so equal lengths): their case weights left to right. */
function compareCase(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) {
    const d = ((WEIGHTS[a.charCodeAt(i)] as number) & 255) - ((WEIGHTS[b.charCodeAt(i)] as number) & 255);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Compares two strings as R's sort() does in an English locale (ICU "en" collation).
 *
 * @example
 * compareLevels("b", "A"); // > 0
 */
export function compareLevels(a: string, b: string): number {
  return collator().compare(a, b);
}

/**
 * The indices of `levels` in collation order (as `order.sort` with {@link compareLevels}): by sort
 * keys when every level is printable ASCII, through the collator otherwise.
 *
 * @example
 * levelOrder(["b", "a10", "a2", "B"]); // [1, 2, 0, 3]: a10, a2, b, B
 */
export function levelOrder(levels: readonly string[]): number[] {
  const order = levels.map((_, i) => i);
  const keys: string[] = [];
  for (const s of levels) {
    const k = primaryKey(s);
    if (k === null) {
      const c = collator();
      return order.sort((i, j) => c.compare(levels[i] as string, levels[j] as string));
    }
    keys.push(k);
  }
  // A primary key that is a prefix of another sorts first (a shorter string of equal weights), as
  // plain string comparison orders them; equal primary keys fall to the case weights.
  return order.sort((i, j) => {
    const a = keys[i] as string;
    const b = keys[j] as string;
    return a < b ? -1 : a > b ? 1 : compareCase(levels[i] as string, levels[j] as string);
  });
}
