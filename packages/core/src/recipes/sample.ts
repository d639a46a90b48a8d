import type { PrnData } from "./prepare.ts";

/** Who and what is in a data set: the sample description of a report. */
export interface SampleDescription {
  readonly rows: number;
  readonly therapists: number;
  readonly patients: number;
  readonly sessions: { readonly min: number; readonly max: number };
  readonly patientsPerTherapist: { readonly min: number; readonly mean: number; readonly max: number };
  readonly sessionsPerPatient: { readonly min: number; readonly mean: number; readonly max: number };
  /** Therapists and patients per arm (label → counts). */
  readonly arms: ReadonlyArray<{
    readonly arm: string;
    readonly therapists: number;
    readonly patients: number;
  }>;
  /** Missing values per role column. */
  readonly missing: ReadonlyArray<{ readonly role: string; readonly column: string; readonly rows: number }>;
  /** Rows with at least one missing rating or outcome. */
  readonly incompleteRows: number;
  /** The outcome column and which way it is good (null when the data have none). */
  readonly outcome: { readonly column: string; readonly direction: string } | null;
  /** Roles the data do not have (e.g. alliance_therapist for patient-only alliance data). */
  readonly absentRoles: readonly string[];
}

const stats = (v: number[]) => ({
  min: Math.min(...v),
  mean: v.reduce((s, x) => s + x, 0) / v.length,
  max: Math.max(...v),
});

/**
 * Describes the sample: counts of therapists, patients and sessions, caseloads, arms and missing values.
 *
 * @example
 * describeSample(data).therapists; // 40
 */
export function describeSample(data: PrnData): SampleDescription {
  const byTherapist = new Map<string, Set<string>>();
  const byPatient = new Map<string, number>();
  const arms = new Map<string, { t: Set<string>; p: Set<string> }>();
  let sMin = Infinity;
  let sMax = -Infinity;
  let incomplete = 0;
  for (let i = 0; i < data.nrow; i++) {
    const t = data.therapist[i] as string;
    const p = data.patient[i] as string;
    (byTherapist.get(t) ?? byTherapist.set(t, new Set()).get(t))?.add(p);
    byPatient.set(p, (byPatient.get(p) ?? 0) + 1);
    const c = data.condition[i];
    const label =
      c === null || c === undefined || (typeof c === "number" && Number.isNaN(c)) ? "missing" : String(c);
    const a = arms.get(label) ?? { t: new Set<string>(), p: new Set<string>() };
    a.t.add(t);
    a.p.add(p);
    arms.set(label, a);
    sMin = Math.min(sMin, data.session[i] as number);
    sMax = Math.max(sMax, data.session[i] as number);
    const present = [data.alliance_patient, data.alliance_therapist, data.outcome].filter(
      (_, j) => !data.absent.has((["alliance_patient", "alliance_therapist", "outcome"] as const)[j]!),
    );
    if (present.some((v) => Number.isNaN(v[i] as number))) {
      incomplete++;
    }
  }
  const countNaN = (v: Float64Array) => v.reduce((s, x) => s + (Number.isNaN(x) ? 1 : 0), 0);
  const missingCondition = arms.get("missing")?.p.size
    ? [...Array(data.nrow).keys()].filter((i) => {
        const c = data.condition[i];
        return c === null || c === undefined || (typeof c === "number" && Number.isNaN(c));
      }).length
    : 0;
  return {
    rows: data.nrow,
    therapists: byTherapist.size,
    patients: byPatient.size,
    sessions: { min: data.nrow ? sMin : 0, max: data.nrow ? sMax : 0 },
    patientsPerTherapist: stats([...byTherapist.values()].map((s) => s.size)),
    sessionsPerPatient: stats([...byPatient.values()]),
    arms: [...arms.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([arm, v]) => ({ arm, therapists: v.t.size, patients: v.p.size })),
    missing: [
      {
        role: "alliance_patient",
        column: data.roles.alliance_patient,
        rows: countNaN(data.alliance_patient),
      },
      {
        role: "alliance_therapist",
        column: data.roles.alliance_therapist,
        rows: countNaN(data.alliance_therapist),
      },
      { role: "outcome", column: data.roles.outcome, rows: countNaN(data.outcome) },
      { role: "condition", column: data.roles.condition, rows: missingCondition },
    ],
    incompleteRows: incomplete,
    outcome: data.absent.has("outcome")
      ? null
      : { column: data.roles.outcome, direction: data.outcomeDirection },
    absentRoles: [...data.absent],
  };
}
