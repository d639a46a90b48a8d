// A therapist's attunement profile: directional bias and truth force from the truth-and-bias
// (congruence) model, fixed part + their conditional mode, refitted on the data up to each time window.
import { dataFrameFromColumns } from "@attune/stats";
import { congruence } from "../recipes/congruence.ts";
import { preparePrnData } from "../recipes/prepare.ts";
import { resolveRoles } from "../recipes/roles.ts";
import type { UnitEstimate } from "../recipes/types.ts";

/** One session of the network as the profile needs it (alliance on the 0–100 metric). */
export interface AttunementRow {
  readonly therapist: string;
  readonly patient: string;
  readonly session: number;
  /** ISO date (required for windows by calendar quarter). */
  readonly date?: string;
  /** Therapist-level arm (e.g. trained 1 / control 0) [one arm]. */
  readonly condition?: number;
  readonly alliancePatient: number | null;
  readonly allianceTherapist: number | null;
}

/** How the data are cut into cumulative windows. */
export type AttunementWindows =
  | { readonly by: "quarter" }
  /** Sessions 1..block, 1..2·block, ... (for data without dates) */
  | { readonly by: "sessions"; readonly block: number };

/** A therapist's attunement in one window. */
export interface AttunementPoint {
  /** "2025-Q1" (data up to the end of that quarter) or "sessions 1–6". */
  readonly window: string;
  readonly sessions: number;
  /** Directional bias (0–100 points; negative = rates the alliance lower than patients do), 95% interval. */
  readonly directionalBias: UnitEstimate;
  /** Truth force (slope of the therapist's on the patient's rating, grand-mean centred), 95% interval. */
  readonly truthForce: UnitEstimate;
  /**
   * Temporal congruence: how far the therapist's rating follows the patient's from session to session
   * within the same dyad (within-dyad truth force of model `congruence_dyad`), 95% interval; null when
   * that model cannot be fitted on the window's data.
   */
  readonly temporalCongruence: UnitEstimate | null;
}

/** Each therapist's attunement over time, plus the network's centre (mean patient rating) per window. */
export interface AttunementProfiles {
  readonly windows: readonly { label: string; rows: number; center: number }[];
  readonly byTherapist: ReadonlyMap<string, readonly AttunementPoint[]>;
}

const quarterOf = (date: string): string => {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  if (!m) throw new Error(`attunement: date "${date}" is not an ISO date (YYYY-MM-DD)`);
  return `${m[1]}-Q${Math.floor((Number(m[2]) - 1) / 3) + 1}`;
};

/**
 * Attunement profiles of all therapists: the congruence recipe (docs/engine.md, "Truth and bias";
 * `judge_c ~ truth_c [* condition] + time [* condition] + (1 + truth_c | therapist) + (1 | therapist:patient)`)
 * refitted on all data up to the end of each window, giving each therapist's directional bias and truth
 * force (fixed + conditional mode, with conditional SD and 95% interval) per window, and their temporal
 * congruence from the dyad-centred model `congruence_dyad`. Windows whose fit fails (too little data)
 * are skipped.
 *
 * @example
 * const p = attunementProfiles(rows, { by: "quarter" });
 * p.byTherapist.get("T001"); // [{ window: "2025-Q1", directionalBias: {...}, truthForce: {...} }, ...]
 */
export function attunementProfiles(
  rows: readonly AttunementRow[],
  windows: AttunementWindows,
): AttunementProfiles {
  const labelOf = (r: AttunementRow): string => {
    if (windows.by === "quarter") {
      if (!r.date) throw new Error(`attunement: patient ${r.patient} session ${r.session} has no date`);
      return quarterOf(r.date);
    }
    return String(Math.ceil(r.session / windows.block));
  };
  const keys = [...new Set(rows.map(labelOf))].sort((a, b) =>
    windows.by === "quarter" ? a.localeCompare(b) : Number(a) - Number(b),
  );
  const out: { label: string; rows: number; center: number }[] = [];
  const byTherapist = new Map<string, AttunementPoint[]>();
  for (const key of keys) {
    const upTo = rows.filter((r) =>
      windows.by === "quarter" ? labelOf(r) <= key : Number(labelOf(r)) <= Number(key),
    );
    const label = windows.by === "quarter" ? key : `sessions 1–${Number(key) * windows.block}`;
    let result;
    try {
      result = congruence(toPrnData(upTo), {}, "if-estimable");
    } catch {
      continue;
    }
    const rowsUsed = result.models[0]?.summary.nobs ?? 0;
    out.push({ label, rows: rowsUsed, center: result.center });
    const sessionsOf = new Map<string, number>();
    for (const r of upTo) {
      if (r.alliancePatient !== null && r.allianceTherapist !== null) {
        sessionsOf.set(r.therapist, (sessionsOf.get(r.therapist) ?? 0) + 1);
      }
    }
    const temporal = new Map(result.therapistTemporal.map((u) => [u.unit, u]));
    result.therapistBias.forEach((bias, i) => {
      const force = result.therapistForce[i] as UnitEstimate;
      const within = temporal.get(bias.unit) ?? null;
      const list = byTherapist.get(bias.unit) ?? [];
      list.push({
        window: label,
        sessions: sessionsOf.get(bias.unit) ?? 0,
        directionalBias: bias,
        truthForce: force,
        temporalCongruence: within,
      });
      byTherapist.set(bias.unit, list);
    });
  }
  return { windows: out, byTherapist };
}

function toPrnData(rows: readonly AttunementRow[]) {
  const df = dataFrameFromColumns({
    therapist: rows.map((r) => r.therapist),
    patient: rows.map((r) => r.patient),
    condition: rows.map((r) => r.condition ?? 0),
    session: rows.map((r) => r.session),
    alliance_patient: rows.map((r) => r.alliancePatient),
    alliance_therapist: rows.map((r) => r.allianceTherapist),
    outcome: rows.map(() => null),
  });
  return preparePrnData(df, resolveRoles());
}
