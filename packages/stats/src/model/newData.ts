import { InputError } from "../errors.ts";
import type { Expr } from "../formula/ast.ts";
import { deparse, exprVariables } from "../formula/deparse.ts";
import { formatRNumber, levelLabel } from "../formula/rformat.ts";
import type { ExpandedFormula } from "../formula/terms.ts";
import type { Column, DataFrame } from "../frame/dataFrame.ts";
import { modelColumns, type RandomTermDesign } from "./design.ts";
import { evaluateNumeric, evaluateVariable } from "./evaluate.ts";
import type { FrameVariable, ModelFrame } from "./frame.ts";

/** Model matrices of new data, coded with the levels seen when fitting. */
export interface NewDataDesign {
  readonly n: number;
  /** Fixed-effect columns, in the fitted model's order. */
  readonly x: Float64Array[];
  /** Per random-effects term: the term's columns and each row's level index (−1 for a level not seen). */
  readonly terms: { readonly columns: Float64Array[]; readonly codes: Int32Array }[];
  /** False for rows with a missing predictor (their predictions are NaN). */
  readonly complete: Uint8Array;
  /** The formula's offsets on the new rows (null without offsets). */
  readonly offset: Float64Array | null;
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
  const needed = new Set<string>();
  for (const label of f.variables.keys())
    if (fitted.variables.has(label)) exprVariables(f.variables.get(label) as Expr, needed);
  for (const e of f.offsets) exprVariables(e, needed);
  for (const name of needed) {
    if (!data.columns.has(name)) {
      throw new InputError(`new data has no column "${name}" (needed by the model)`, { column: name });
    }
  }
  // poly() and scale() reuse what they learned from the fitted data (R's makepredictcall).
  const ctx = { learn: false, params: new Map(fitted.params) };
  const variables = new Map<string, FrameVariable>();
  const missing = (v: number) => Number.isNaN(v);
  for (const [label, e] of f.variables) {
    const before = fitted.variables.get(label);
    if (!before) continue;
    const now = evaluateVariable(e, data, ctx);
    if (before.type === "factor") {
      if (now.type !== "factor") throw new Error(`internal: ${label} is no longer a factor`);
      // Numbers are matched by value, so "1e+05" and 100000 are the same level.
      const index = new Map<string | number, number>(before.levels.map((l, i) => [l, i]));
      before.levels.forEach((l, i) => {
        const x = Number(l);
        if (l.trim() !== "" && !Number.isNaN(x) && !index.has(x)) index.set(x, i);
      });
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = now.values[i];
        if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) {
          complete[i] = 0;
          continue;
        }
        const code = index.get(v);
        if (code === undefined) {
          throw new InputError(
            `new data row ${i + 1}: level "${v}" of "${label}" was not seen when fitting (levels: ${before.levels.join(", ")})`,
            { row: i + 1, column: label },
          );
        }
        codes[i] = code;
      }
      variables.set(label, { type: "factor", codes, levels: before.levels });
    } else if (now.type === "numeric") {
      const values = Float64Array.from(now.values);
      values.forEach((v, i) => {
        if (missing(v)) {
          complete[i] = 0;
          values[i] = 0;
        }
      });
      variables.set(label, { type: "numeric", values });
    } else if (now.type === "matrix") {
      const columns = now.columns.map((c) => Float64Array.from(c));
      for (const c of columns) {
        c.forEach((v, i) => {
          if (missing(v)) {
            complete[i] = 0;
            c[i] = 0;
          }
        });
      }
      variables.set(label, { type: "matrix", columns, suffixes: now.suffixes });
    } else {
      throw new InputError(`new data: "${label}" was numeric when fitting but is not numeric now`, {
        column: label,
      });
    }
  }
  let offset: Float64Array | null = null;
  for (const e of f.offsets) {
    const v = evaluateNumeric(e, data, ctx, "offset", deparse(e));
    offset = offset ? offset.map((o, i) => o + (v[i] as number)) : v;
  }
  // Written in place: `offset` is always a new array (an offset() call maps its argument into one), never
  // the new data's own column, which evaluateNumeric may hand back for a plain variable.
  if (offset) {
    offset.forEach((v, i) => {
      if (missing(v)) {
        complete[i] = 0;
        offset![i] = 0;
      }
    });
  }
  const frame: ModelFrame = {
    y: new Float64Array(n),
    variables,
    groups: new Map(),
    rows: new Int32Array(n),
    nDropped: 0,
    offset: null,
    weights: null,
    params: ctx.params,
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
      const cols = group.variables.map((v) => data.columns.get(v) as Column);
      // Numbers labelled as when fitting: a double column's whole numbers as R writes doubles.
      const labels = cols.map((c) =>
        c.type === "numeric" && c.integer === false ? formatRNumber : levelLabel,
      );
      for (let i = 0; i < n; i++) {
        const parts = cols.map((c) => c.values[i]);
        if (parts.some((p) => p === null || (typeof p === "number" && Number.isNaN(p)))) continue;
        const key = parts.map((p, j) =>
          typeof p === "number" ? (labels[j] as (v: number) => string)(p) : String(p),
        );
        codes[i] = index.get(key.join(":")) ?? -1;
      }
    }
    return { columns, codes };
  });
  return { n, x, terms: outTerms, complete, offset };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
