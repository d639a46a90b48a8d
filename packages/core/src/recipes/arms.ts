import type { PrnData } from "./prepare.ts";
import type { Arm } from "./types.ts";

/**
 * The arms present in the data, sorted as the engine sorts them (numeric order, or R's level order for
 * categories); the first is the reference arm.
 *
 * @example
 * armsOf(data); // [{ label: "0", value: 0 }, { label: "1", value: 1 }]
 */
export function armsOf(data: PrnData): Arm[] {
  const c = data.condition;
  if (c instanceof Float64Array) {
    const vals = [...new Set(Array.from(c).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
    return vals.map((v) => ({ label: String(v), value: v }));
  }
  const labels = [...new Set(c.filter((v): v is string => v !== null))].sort();
  return labels.map((label) => ({ label, value: Number.NaN }));
}

/**
 * The arm of each therapist (label), from the rows with a condition.
 *
 * @example
 * therapistArms(data).get("T001"); // "1"
 */
export function therapistArms(data: PrnData): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < data.nrow; i++) {
    const c = data.condition[i];
    if (c === null || c === undefined || (typeof c === "number" && Number.isNaN(c))) continue;
    out.set(data.therapist[i] as string, String(c));
  }
  return out;
}
