import { InputError } from "../errors.ts";
import type { ExpandedFormula } from "../formula/terms.ts";
import type { Column, DataFrame } from "../frame/dataFrame.ts";
import { modelColumns, type RandomTermDesign } from "./design.ts";
import { evalNumeric, type FrameVariable, type ModelFrame } from "./frame.ts";

/** Model matrices of new data, coded with the levels seen when fitting. */
export interface NewDataDesign {
  readonly n: number;
  /** Fixed-effect columns, in the fitted model's order. */
  readonly x: Float64Array[];
  /** Per random-effects term: the term's columns and each row's level index (−1 for a level not seen). */
  readonly terms: { readonly columns: Float64Array[]; readonly codes: Int32Array }[];
  /** False for rows with a missing predictor (their predictions are NaN). */
  readonly complete: Uint8Array;
}

/**
 * Builds the fixed and random design of new data for prediction, with the factor levels of the fit.
 * A fixed-effect factor level not seen in fitting is an error; a new grouping level gets no random
 * effect (lme4's `allow.new.levels = TRUE`).
 *
 * @example
 * const d = newDataDesign(expanded, frame, fixefNames, terms, newdata);
 */
export function newDataDesign(
  f: ExpandedFormula,
  fitted: ModelFrame,
  fixefNames: readonly string[],
  terms: readonly RandomTermDesign[],
  data: DataFrame,
): NewDataDesign {
  const n = data.nrow;
  const complete = new Uint8Array(n).fill(1);
  const variables = new Map<string, FrameVariable>();
  for (const [label, e] of f.variables) {
    const before = fitted.variables.get(label);
    if (!before) continue;
    const name = e.kind === "var" ? e.name : null;
    if (name !== null && !data.columns.has(name)) {
      throw new InputError(`new data has no column "${name}" (needed by the model)`, { column: name });
    }
    if (before.type === "numeric") {
      const values = evalNumeric(e, data, "variable", label);
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(values[i] as number)) {
          complete[i] = 0;
          values[i] = 0;
        }
      }
      variables.set(label, { type: "numeric", values });
    } else {
      const col = data.columns.get(name as string) as Column;
      const index = new Map(before.levels.map((l, i) => [l, i]));
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = col.values[i];
        if (v === null || (typeof v === "number" && Number.isNaN(v))) {
          complete[i] = 0;
          continue;
        }
        const code = index.get(String(v));
        if (code === undefined) {
          throw new InputError(
            `new data row ${i + 1}: level "${v}" of "${label}" was not seen when fitting (levels: ${before.levels.join(", ")})`,
            { row: i + 1, column: label },
          );
        }
        codes[i] = code;
      }
      variables.set(label, { type: "factor", codes, levels: before.levels });
    }
  }
  const frame: ModelFrame = {
    y: new Float64Array(n),
    variables,
    groups: new Map(),
    rows: new Int32Array(n),
    nDropped: 0,
  };
  const all = modelColumns(f.fixed, frame);
  const x = fixefNames.map((name) => all.columns[all.names.indexOf(name)] as Float64Array);

  const outTerms = terms.map((term) => {
    const spec = f.random.find(
      (r) => r.group.label === term.group && sameNames(modelColumns(r.lhs, frame).names, term.names),
    );
    const columns = spec ? modelColumns(spec.lhs, frame).columns : [];
    const group = f.random.find((r) => r.group.label === term.group)?.group;
    const index = new Map(term.levels.map((l, i) => [l, i]));
    const codes = new Int32Array(n).fill(-1);
    if (group) {
      for (const v of group.variables) {
        if (!data.columns.has(v))
          throw new InputError(`new data has no column "${v}" (a grouping factor)`, { column: v });
      }
      for (let i = 0; i < n; i++) {
        const parts = group.variables.map((v) => (data.columns.get(v) as Column).values[i]);
        if (parts.some((p) => p === null || (typeof p === "number" && Number.isNaN(p)))) continue;
        codes[i] = index.get(parts.map(String).join(":")) ?? -1;
      }
    }
    return { columns, codes };
  });
  return { n, x, terms: outTerms, complete };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
