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
  // the study-design columns (therapist attribute, experience, modality, ...) are the same on every row
  const extra = Object.keys(rows[0]?.extra ?? {});
  const text = (v: number | string | undefined) =>
    typeof v === "number"
      ? cell(v)
      : v === undefined
        ? "NA"
        : /[",\n]/.test(v)
          ? `"${v.replace(/"/g, '""')}"`
          : v;
  const lines = [
    [`therapist,patient,condition,session,alliance_patient,alliance_therapist,${outcomeName}`, ...extra].join(
      ",",
    ),
    ...rows.map((r) =>
      [
        r.therapist,
        r.patient,
        r.condition,
        r.session,
        cell(r.alliance_patient),
        cell(r.alliance_therapist),
        cell(r.outcome),
        ...extra.map((k) => text(r.extra?.[k])),
      ].join(","),
    ),
  ];
  return lines.join("\n") + "\n";
}
