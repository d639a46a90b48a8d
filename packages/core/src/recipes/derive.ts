import type { PrnData } from "./prepare.ts";

/**
 * `time` = session − 1 for every row.
 *
 * @example
 * deriveTime(data)[0]; // 0 for a first session
 */
export function deriveTime(data: PrnData): Float64Array {
  return Float64Array.from(data.session, (s) => s - 1);
}

/**
 * `outcome_next`: the outcome of the same patient at session + 1 (NaN when that session is absent or its
 * outcome is missing). With `observed`, at the patient's next session present in the data instead
 * (sessions held at 3, 12, 20, 40: the outcome at 12 follows the alliance at 3).
 *
 * @example
 * deriveOutcomeNext(data); // Float64Array, NaN on each patient's last session
 */
export function deriveOutcomeNext(data: PrnData, observed = false): Float64Array {
  return nextOf(data, data.outcome, observed);
}

/**
 * A session-level variable at the same patient's next session (session + 1, or with `observed` the next
 * session present in the data); NaN where there is none.
 *
 * @example
 * nextOf(data, data.outcome, true);
 */
export function nextOf(data: PrnData, values: Float64Array, observed = false): Float64Array {
  const out = new Float64Array(data.nrow).fill(Number.NaN);
  if (observed) {
    const byPatient = new Map<string, number[]>();
    for (let i = 0; i < data.nrow; i++) {
      const list = byPatient.get(data.patient[i] as string) ?? [];
      list.push(i);
      byPatient.set(data.patient[i] as string, list);
    }
    for (const idx of byPatient.values()) {
      idx.sort((a, b) => (data.session[a] as number) - (data.session[b] as number));
      for (let k = 0; k + 1 < idx.length; k++) out[idx[k] as number] = values[idx[k + 1] as number] as number;
    }
    return out;
  }
  const index = new Map<string, number>();
  for (let i = 0; i < data.nrow; i++) index.set(`${data.patient[i]}\u0000${data.session[i]}`, i);
  for (let i = 0; i < data.nrow; i++) {
    const j = index.get(`${data.patient[i]}\u0000${(data.session[i] as number) + 1}`);
    if (j !== undefined) out[i] = values[j] as number;
  }
  return out;
}

/** True where the row's condition is present. */
export function conditionPresent(data: PrnData, i: number): boolean {
  const c = data.condition[i];
  return !(c === null || c === undefined || (typeof c === "number" && Number.isNaN(c)));
}

/**
 * Indices of the rows where every listed numeric column is present (listwise deletion).
 *
 * @example
 * completeRows(5, [a, b]); // rows where neither a nor b is NaN
 */
export function completeRows(
  nrow: number,
  columns: readonly Float64Array[],
  extra?: (i: number) => boolean,
): number[] {
  const rows: number[] = [];
  for (let i = 0; i < nrow; i++) {
    if (columns.every((c) => !Number.isNaN(c[i] as number)) && (!extra || extra(i))) rows.push(i);
  }
  return rows;
}

/**
 * Mean of `values` over `rows`.
 *
 * @example
 * meanOver(Float64Array.of(1, 2, 9), [0, 1]); // 1.5
 */
export function meanOver(values: Float64Array, rows: readonly number[]): number {
  let s = 0;
  for (const i of rows) s += values[i] as number;
  return s / rows.length;
}

/**
 * Per-patient mean of `values` over `rows`, returned per row (NaN for rows not listed).
 *
 * @example
 * patientMeans(data, data.alliance_patient, rows);
 */
export function patientMeans(data: PrnData, values: Float64Array, rows: readonly number[]): Float64Array {
  const sum = new Map<string, [number, number]>();
  for (const i of rows) {
    const p = data.patient[i] as string;
    const acc = sum.get(p) ?? [0, 0];
    acc[0] += values[i] as number;
    acc[1] += 1;
    sum.set(p, acc);
  }
  const out = new Float64Array(data.nrow).fill(Number.NaN);
  for (const i of rows) {
    const acc = sum.get(data.patient[i] as string) as [number, number];
    out[i] = acc[0] / acc[1];
  }
  return out;
}
