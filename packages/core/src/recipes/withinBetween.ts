import { deriveTime, patientMeans } from "./derive.ts";
import type { PrnData } from "./prepare.ts";

/** Within- and between-patient parts of an alliance rating. */
export interface WithinBetween {
  /** Patient's mean rating over the rows used. */
  readonly alliance_pm: Float64Array;
  /** Rating − patient mean, or (detrended) the residual from the patient's own linear trend. */
  readonly alliance_wp: Float64Array;
  /** Patients with fewer than 3 rows, left mean-centred when detrending. */
  readonly notDetrended: number;
}

/**
 * Splits the rater's alliance into the patient mean over `rows` and the deviation from it. With
 * `detrend`, the within part of each patient with ≥ 3 rows is the residual of an OLS line on time
 * (Wang & Maxwell 2015); patients with fewer rows stay mean-centred and are counted.
 *
 * @example
 * const { alliance_wp, alliance_pm } = withinBetween(data, data.alliance_patient, rows, false);
 */
export function withinBetween(
  data: PrnData,
  alliance: Float64Array,
  rows: readonly number[],
  detrend: boolean,
): WithinBetween {
  const alliance_pm = patientMeans(data, alliance, rows);
  const alliance_wp = alliance.map((v, i) => v - (alliance_pm[i] as number));
  let notDetrended = 0;
  if (detrend) {
    const time = deriveTime(data);
    const byPatient = new Map<string, number[]>();
    for (const i of rows) {
      const p = data.patient[i] as string;
      const list = byPatient.get(p) ?? [];
      list.push(i);
      byPatient.set(p, list);
    }
    for (const idx of byPatient.values()) {
      if (idx.length < 3) {
        notDetrended++;
        continue;
      }
      const tm = idx.reduce((s, i) => s + (time[i] as number), 0) / idx.length;
      let sxy = 0;
      let sxx = 0;
      for (const i of idx) {
        sxy += ((time[i] as number) - tm) * (alliance_wp[i] as number);
        sxx += ((time[i] as number) - tm) ** 2;
      }
      const slope = sxx > 0 ? sxy / sxx : 0;
      for (const i of idx) alliance_wp[i] = (alliance_wp[i] as number) - slope * ((time[i] as number) - tm);
    }
  }
  return { alliance_pm, alliance_wp, notDetrended };
}
