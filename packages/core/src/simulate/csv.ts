import type { PrnRow } from "./simulate.ts";

const cell = (v: number): string => (Number.isNaN(v) ? "NA" : String(v));

/**
 * Writes simulated rows as CSV (header line, `NA` for missing ratings, `\n` line ends).
 *
 * @example
 * prnToCsv(simulatePrn({ therapists: 2 }).rows, "wellbeing").split("\n")[0];
 * // "therapist,patient,condition,session,alliance_patient,alliance_therapist,wellbeing"
 */
export function prnToCsv(rows: readonly PrnRow[], outcomeName = "wellbeing"): string {
  const lines = [
    `therapist,patient,condition,session,alliance_patient,alliance_therapist,${outcomeName}`,
    ...rows.map((r) =>
      [
        r.therapist,
        r.patient,
        r.condition,
        r.session,
        cell(r.alliance_patient),
        cell(r.alliance_therapist),
        cell(r.outcome),
      ].join(","),
    ),
  ];
  return lines.join("\n") + "\n";
}
