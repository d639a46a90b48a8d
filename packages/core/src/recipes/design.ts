import type { Arm } from "./types.ts";

/** Values of the model variables at which to evaluate a linear combination of the fixed effects. */
export type DesignPoint = Readonly<Record<string, number>>;

function componentValue(component: string, point: DesignPoint, arm: Arm | null, variable: string): number {
  if (component === "(Intercept)") return 1;
  const v = point[component];
  if (v !== undefined) return v;
  if (arm && component === variable && !Number.isNaN(arm.value)) return arm.value;
  if (arm && component.startsWith(variable) && Number.isNaN(arm.value)) {
    return component === `${variable}${arm.label}` ? 1 : 0;
  }
  throw new Error(`no value for model term component "${component}" (point: ${JSON.stringify(point)})`);
}

/**
 * The fixed-effect design row (contrast vector L) at a point: each coefficient's term is the product of
 * its components (`a:b`), `(Intercept)` is 1, and the arm variable (default `condition`) is coded like
 * the engine codes it — its value when numeric, a treatment indicator `condition<level>` when
 * categorical.
 *
 * @example
 * designRow(["(Intercept)", "truth_c", "condition", "truth_c:condition"], { truth_c: 1 }, { label: "1", value: 1 });
 * // [1, 1, 1, 1]
 */
export function designRow(
  names: readonly string[],
  point: DesignPoint,
  arm: Arm | null = null,
  variable = "condition",
): Float64Array {
  return Float64Array.from(names, (name) =>
    name.split(":").reduce((acc, c) => acc * componentValue(c, point, arm, variable), 1),
  );
}

/**
 * The contrast for the slope of `variable` at a point (row at variable = 1 minus row at variable = 0).
 *
 * @example
 * slopeRow(["(Intercept)", "time", "condition", "time:condition"], "time", {}, { label: "1", value: 1 });
 * // [0, 1, 0, 1]
 */
export function slopeRow(
  names: readonly string[],
  variable: string,
  point: DesignPoint,
  arm: Arm | null = null,
): Float64Array {
  const one = designRow(names, { ...point, [variable]: 1 }, arm);
  const zero = designRow(names, { ...point, [variable]: 0 }, arm);
  return one.map((v, i) => v - (zero[i] as number));
}

/**
 * L' V L for a p × p row-major covariance V.
 *
 * @example
 * quadraticForm(Float64Array.of(1, 1), Float64Array.of(1, 0.5, 0.5, 2)); // 4
 */
export function quadraticForm(L: ArrayLike<number>, V: ArrayLike<number>): number {
  const p = L.length;
  let s = 0;
  for (let i = 0; i < p; i++) {
    const li = L[i] as number;
    if (li === 0) continue;
    for (let j = 0; j < p; j++) s += li * (V[i * p + j] as number) * (L[j] as number);
  }
  return s;
}
