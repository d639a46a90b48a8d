// The scales imported scores are on: parsed from what the user typed (flag, query parameter, field, or a
// REDCap dictionary's range), and the warning when undeclared scores do not fit the assumed 1–5.
import {
  ASSUMED_SCALE,
  parseScaleRange,
  SCORE_COLUMNS,
  SCORE_SCALES,
  type ScaleRange,
  type ScoreScale,
} from "@attune/core";
import type { LongColumns, LongRow } from "./longRows.ts";

/** The scale imported scores are on, per stored scale (both alliance columns share one). */
export type DeclaredScales = { [S in ScoreScale]?: ScaleRange };
export type { ScaleRange };
export { ASSUMED_SCALE };

/**
 * Parses a declared scale such as "1-7", "0..27" or "-3..3".
 *
 * @example
 * parseScale("1-7"); // { min: 1, max: 7 }
 */
export const parseScale = parseScaleRange;

/**
 * Parses the declared scales of the score scales as the user typed them; an error names the bad one with
 * `label(scale)` (the flag, query parameter or field it came from).
 *
 * @example
 * parseScales({ alliance: "1-7" }, (r) => `--${r}-scale`); // { alliance: { min: 1, max: 7 } }
 */
export function parseScales(
  given: { [S in ScoreScale]?: string | undefined },
  label: (scale: ScoreScale) => string,
): DeclaredScales | string {
  const out: DeclaredScales = {};
  for (const scale of SCORE_SCALES) {
    const text = given[scale];
    if (text === undefined) continue;
    const parsed = parseScale(text);
    if (typeof parsed === "string") return `${label(scale)}: ${parsed}`;
    out[scale] = parsed;
  }
  return out;
}

/**
 * Warnings for undeclared scales whose values do not fit the assumed 1–5 (the dashboard would clamp them).
 *
 * @example
 * scaleWarnings(rows, DEFAULT_COLUMNS, {}); // ["no scale declared for alliance_patient and … 1-7) …"]
 */
export function scaleWarnings(rows: LongRow[], columns: LongColumns, scales: DeclaredScales): string[] {
  const out: string[] = [];
  for (const scale of SCORE_SCALES) {
    if (scales[scale]) continue;
    const cols = SCORE_COLUMNS.filter((c) => c.scale === scale).map((c) => c.column);
    const values = rows.flatMap((r) => cols.map((c) => r[c])).filter((v): v is number => v !== null);
    const outside = values.filter((v) => v < ASSUMED_SCALE.min || v > ASSUMED_SCALE.max).length;
    if (outside > 0)
      out.push(
        `no scale declared for ${cols.map((c) => columns[c]).join(" and ")}: the dashboard assumes item means on ` +
          `${ASSUMED_SCALE.min}–${ASSUMED_SCALE.max}, but ${outside} of ${values.length} values lie outside it ` +
          `(range ${Math.min(...values)} to ${Math.max(...values)}); declare the scale (${scale}_scale, e.g. 1-7) ` +
          "so the dashboard puts the scores on 0–100 correctly",
      );
  }
  return out;
}
