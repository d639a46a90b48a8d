import { InputError } from "@attune/stats";
import { completeRows } from "./derive.ts";
import { requireRole, type PrnData } from "./prepare.ts";

/**
 * Rows usable in lagged models: both alliance ratings (the patient's only, when the data have no therapist
 * rating), the outcome and the next consecutive session's outcome present. Throws a message explaining why when there are none (e.g. too few sessions).
 *
 * @example
 * lagRowsOrThrow(data, deriveOutcomeNext(data), "lagged"); // row indices
 */
export function lagRowsOrThrow(data: PrnData, outcomeNext: Float64Array, recipe: string): number[] {
  requireRole(data, "outcome", recipe);
  // Patient-only alliance data: the therapist's rating is required only where the data have it.
  const ratings = data.absent.has("alliance_therapist")
    ? [data.alliance_patient]
    : [data.alliance_patient, data.alliance_therapist];
  const rows = completeRows(data.nrow, [...ratings, data.outcome, outcomeNext]);
  if (rows.length > 0) return rows;
  const perPatient = new Map<string, number>();
  for (let i = 0; i < data.nrow; i++) {
    const p = data.patient[i] as string;
    perPatient.set(p, (perPatient.get(p) ?? 0) + 1);
  }
  const most = Math.max(0, ...perPatient.values());
  throw new InputError(
    `${recipe} needs the outcome ("${data.roles.outcome}") at the next session: no row has sessions s and s + 1 of the same patient with both alliance ratings and both outcomes present` +
      ` (${perPatient.size} patients, at most ${most} session${most === 1 ? "" : "s"} each)`,
  );
}
