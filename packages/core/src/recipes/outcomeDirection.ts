import { allInstruments } from "../instruments/registry.ts";
import { longMeasure } from "../records/longTable.ts";

/** Which way the outcome is good. */
export type OutcomeDirection = "higher-is-better" | "lower-is-better" | "unknown";

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The direction of an outcome column: the one given, else that of the long table's measure of that name
 * (records/longTable.ts LONG_MEASURES: `phq9`, `confidence`, `experience_anxiety`, …), else that of the
 * instrument whose id the column name spells (`phq9`, `PHQ-9`, `gad7_total`, `core10`, `who5`, ...), else "higher-is-better" for
 * `wellbeing`/`outcome` (attune's well-being role), else "unknown".
 *
 * @example
 * outcomeDirection("phq9"); // "lower-is-better"
 * outcomeDirection("mood", "higher-is-better"); // "higher-is-better"
 */
export function outcomeDirection(column: string, given?: OutcomeDirection): OutcomeDirection {
  if (given && given !== "unknown") return given;
  const measure = longMeasure(column);
  if (measure) return measure.higherIsBetter ? "higher-is-better" : "lower-is-better";
  const name = squash(column);
  // longest id first, so "wai-sr-t" is not read as "wai-sr"
  const byLength = [...allInstruments()].sort((a, b) => squash(b.id).length - squash(a.id).length);
  for (const inst of byLength) {
    const id = squash(inst.id);
    if (name === id || name.startsWith(id)) {
      return inst.scoring.higherIsBetter ? "higher-is-better" : "lower-is-better";
    }
  }
  if (name === "wellbeing" || name === "outcome") return "higher-is-better";
  return "unknown";
}
