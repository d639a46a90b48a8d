import type { PrnData } from "./prepare.ts";
import type { Arm } from "./types.ts";

/**
 * The arms present in the data, sorted as the engine sorts them (numeric order, or R's level order for
 * categories); the first is the reference arm.
 *
 * @example
 * armsOf(data); // [{ label: "0", value: 0 }, { label: "1", value: 1 }]
 */
export function armsOf(data: Pick<PrnData, "condition">): Arm[] {
  const c = data.condition;
  if (c instanceof Float64Array) {
    const vals = [...new Set(Array.from(c).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
    return vals.map((v) => ({ label: String(v), value: v }));
  }
  const labels = [...new Set(c.filter((v): v is string => v !== null))].sort();
  return labels.map((label) => ({ label, value: Number.NaN }));
}

/**
 * The arms among the given rows, or [null] when there is only one (condition then stays out of the model).
 *
 * @example
 * armsAmong(data, rows); // [{ label: "0", value: 0 }, { label: "1", value: 1 }] or [null]
 */
export function armsAmong(data: PrnData, rows: readonly number[]): (Arm | null)[] {
  const c = data.condition;
  const sub =
    c instanceof Float64Array
      ? Float64Array.from(rows, (i) => c[i] as number)
      : rows.map((i) => c[i] ?? null);
  const arms = armsOf({ condition: sub });
  return arms.length > 1 ? arms : [null];
}

/**
 * The arm of each therapist (label), from the rows with a condition; a therapist whose patients are in
 * different arms (patient-level randomisation) is "mixed".
 *
 * @example
 * therapistArms(data).get("T001"); // "1"
 */
export function therapistArms(data: PrnData): Map<string, string> {
  const out = new Map<string, string>();
  for (const [t, mix] of therapistArmMix(data)) out.set(t, mix.size === 1 ? [...mix.keys()][0]! : "mixed");
  return out;
}

/**
 * For each therapist, the share of their rows in each arm (one arm with share 1 when arms are
 * therapist-level). Per-therapist quantities average the arms' fixed parts with these weights.
 *
 * @example
 * therapistArmMix(data).get("T001"); // Map { "0" => 0.5, "1" => 0.5 }
 */
export function therapistArmMix(data: PrnData): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (let i = 0; i < data.nrow; i++) {
    const c = data.condition[i];
    if (c === null || c === undefined || (typeof c === "number" && Number.isNaN(c))) continue;
    const t = data.therapist[i] as string;
    const m = counts.get(t) ?? new Map<string, number>();
    m.set(String(c), (m.get(String(c)) ?? 0) + 1);
    counts.set(t, m);
  }
  for (const m of counts.values()) {
    let n = 0;
    for (const v of m.values()) n += v;
    for (const [k, v] of m) m.set(k, v / n);
  }
  return counts;
}

/**
 * A contrast averaged over a therapist's arms: Σ share(arm) · rowAt(arm); the reference arm (or the
 * one-arm row) when the therapist has no arm.
 *
 * @example
 * mixedRow(arms, mix.get("T001"), (arm) => designRow(names, {}, arm));
 */
export function mixedRow(
  arms: readonly (Arm | null)[],
  shares: ReadonlyMap<string, number> | undefined,
  rowAt: (arm: Arm | null) => Float64Array,
): Float64Array {
  if (arms.length === 1 || !shares || shares.size === 0) return rowAt(arms[0] ?? null);
  let out: Float64Array | null = null;
  for (const arm of arms) {
    const w = shares.get(arm?.label ?? "") ?? 0;
    if (w === 0) continue;
    const r = rowAt(arm);
    if (!out) out = new Float64Array(r.length);
    for (let j = 0; j < r.length; j++) out[j] = (out[j] as number) + w * (r[j] as number);
  }
  return out ?? rowAt(arms[0] ?? null);
}
