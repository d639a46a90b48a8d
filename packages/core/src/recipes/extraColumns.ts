import { InputError } from "@attune/stats";
import { rowRef, type PrnData } from "./prepare.ts";

/**
 * A numeric column of the input beyond the roles (a second process, rupture intensity, a predictor),
 * NaN where empty. Errors name the column, the first bad row and its value, and the columns present.
 *
 * @example
 * numericColumn(data, "confidence", "cross-lagged --process2"); // Float64Array
 */
export function numericColumn(data: PrnData, name: string, purpose: string): Float64Array {
  const col = data.source.columns.get(name);
  if (!col) {
    throw new InputError(
      `${purpose}: column "${name}" not found; the data have columns: ${data.source.names.join(", ")}`,
    );
  }
  if (col.type === "numeric") return col.values;
  const i = col.values.findIndex((v) => v !== null && !Number.isFinite(Number(v)));
  throw new InputError(
    `${purpose}: column "${name}" must be numeric, but ${rowRef(i)} has "${col.values[i] ?? ""}"`,
  );
}

/**
 * A categorical column (e.g. session modality) as labels, null where empty.
 *
 * @example
 * labelColumn(data, "modality", "modality"); // ["in person", "video", null, ...]
 */
export function labelColumn(data: PrnData, name: string, purpose: string): (string | null)[] {
  const col = data.source.columns.get(name);
  if (!col) {
    throw new InputError(
      `${purpose}: column "${name}" not found; the data have columns: ${data.source.names.join(", ")}`,
    );
  }
  return col.type === "numeric"
    ? Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)))
    : col.values.map((v) => (v === null || v === "" ? null : v));
}

/**
 * Splits a session-level variable into its per-unit mean over `rows` (`_pm` for patients, `_tm` for
 * therapists) and the deviation from it; with `detrend`, a patient's within part is the residual of
 * their own OLS line on time (patients with fewer than 3 rows stay mean-centred).
 *
 * @example
 * const { within, mean } = splitByUnit(data, x, rows, "patient", false);
 */
export function splitByUnit(
  data: PrnData,
  values: Float64Array,
  rows: readonly number[],
  unit: "patient" | "therapist",
  detrend: boolean,
): { within: Float64Array; mean: Float64Array } {
  const ids = unit === "patient" ? data.patient : data.therapist;
  const groups = new Map<string, number[]>();
  for (const i of rows) {
    const g = groups.get(ids[i] as string) ?? [];
    g.push(i);
    groups.set(ids[i] as string, g);
  }
  const within = new Float64Array(data.nrow).fill(Number.NaN);
  const mean = new Float64Array(data.nrow).fill(Number.NaN);
  for (const idx of groups.values()) {
    let m = 0;
    for (const i of idx) m += values[i] as number;
    m /= idx.length;
    let slope = 0;
    let tm = 0;
    if (detrend && idx.length >= 3) {
      for (const i of idx) tm += data.session[i] as number;
      tm /= idx.length;
      let sxy = 0;
      let sxx = 0;
      for (const i of idx) {
        const dt = (data.session[i] as number) - tm;
        sxy += dt * ((values[i] as number) - m);
        sxx += dt * dt;
      }
      slope = sxx > 0 ? sxy / sxx : 0;
    }
    for (const i of idx) {
      mean[i] = m;
      within[i] = (values[i] as number) - m - slope * ((data.session[i] as number) - tm);
    }
  }
  return { within, mean };
}

/**
 * A column name safe in a formula (letters, digits, _ and .), for derived names like `<col>_wp`.
 *
 * @example
 * safeName("rupture-withdrawal"); // "rupture_withdrawal"
 */
export function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_.]/g, "_");
  return /^[A-Za-z.]/.test(s) ? s : `v_${s}`;
}
