// The coordinator pages' checks and parsing that need no DOM (unit-tested in packages/web/test).
import type { ScheduleItem } from "./types.ts";
import type { Lang } from "../lang.ts";
import { randomiseText } from "./randomiseText.ts";

/**
 * Checks a block size against the arms; the message (in `lang`) says what is wrong and what would do.
 *
 * @example
 * blockSizeProblem("3", 2); // "The block size must be a multiple of the number of arms (2), …"
 */
export function blockSizeProblem(text: string, arms: number, lang: Lang = "en"): string | null {
  const w = randomiseText(lang);
  const n = Number(text);
  const examples = [1, 2, 3]
    .map((k) => k * arms)
    .filter((v) => v <= 24)
    .join(", ");
  if (!text.trim() || !Number.isInteger(n)) return w.wholeNumber(arms, examples);
  if (n < 2 || n > 24) return w.range(n);
  if (n % arms !== 0) return w.multiple(arms, examples, n);
  return null;
}

/** Reads "all" (French "toutes", "tous") or "1, 3, 6" (numbers 1..1000); null if it is neither. */
export function parseSessions(text: string): ScheduleItem["sessions"] | null {
  const t = text.trim().toLowerCase();
  if (t === "all" || t === "toutes" || t === "tous") return "all";
  if (t === "") return null;
  const parts = t.split(/[\s,;]+/).filter(Boolean);
  const nums = parts.map(Number);
  if (!nums.every((n) => Number.isInteger(n) && n >= 1 && n <= 1000)) return null;
  return [...new Set(nums)].sort((a, b) => a - b);
}

/** Splits "row 5, column session: message" into its parts (other problems keep their whole text). */
export function rowProblem(d: string): { row: string; column: string; message: string } {
  const m = /^(?:(?:records|dictionary) )?row (\d+)(?:, column ([^:]+))?: (.*)$/s.exec(d);
  return m ? { row: m[1]!, column: m[2] ?? "", message: m[3]! } : { row: "", column: "", message: d };
}
