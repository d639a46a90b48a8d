import type { Column, DataFrame } from "./engine.ts";
import type { PrnData } from "./prepare.ts";

/**
 * Builds a model frame from selected rows: the id columns under their canonical names (`therapist`,
 * `patient`, `condition`, `session`) plus the given numeric columns (derived variables). Input columns
 * with the same names as derived ones are never read.
 *
 * @example
 * const frame = buildFrame(data, rows, { time, truth_c, judge_c });
 * frame.names; // ["therapist", "patient", "condition", "session", "time", "truth_c", "judge_c"]
 */
export function buildFrame(
  data: PrnData,
  rows: readonly number[],
  numeric: Readonly<Record<string, Float64Array>>,
): DataFrame {
  const columns = new Map<string, Column>();
  const pick = <T>(arr: ArrayLike<T>): T[] => rows.map((i) => arr[i] as T);
  columns.set("therapist", { type: "categorical", values: pick(data.therapist) });
  columns.set("patient", { type: "categorical", values: pick(data.patient) });
  const c = data.condition;
  columns.set(
    "condition",
    c instanceof Float64Array
      ? { type: "numeric", values: Float64Array.from(rows, (i) => c[i] as number) }
      : { type: "categorical", values: pick(c) },
  );
  columns.set("session", {
    type: "numeric",
    values: Float64Array.from(rows, (i) => data.session[i] as number),
  });
  for (const [name, values] of Object.entries(numeric)) {
    columns.set(name, { type: "numeric", values: Float64Array.from(rows, (i) => values[i] as number) });
  }
  return { nrow: rows.length, names: [...columns.keys()], columns };
}
