import { InputError } from "../errors.ts";
import { addScaled, divideBy, dot } from "../linalg/columns.ts";
import type { Term, TermList, ExpandedFormula } from "../formula/terms.ts";
import type { FrameVariable, ModelFrame } from "./frame.ts";

/** Columns of a model matrix with R's names (treatment contrasts, levels sorted). */
export interface ModelColumns {
  readonly names: string[];
  readonly columns: Float64Array[];
}

/** One random-effects term ready for fitting. */
export interface RandomTermDesign {
  /** Grouping factor label, e.g. `Subject` or `patient:therapist`. */
  readonly group: string;
  /** Names of the k columns of the term's model matrix, e.g. `(Intercept)`, `Days`. */
  readonly names: readonly string[];
  /** k columns, each of length n. */
  readonly columns: readonly Float64Array[];
  /** Level index of every row. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

/**
 * The columns of a model matrix for a term list, with R's contrast rule: a factor in a term gets
 * treatment contrasts when the term without that factor is in the model (the intercept counting as
 * the empty term), and indicator columns otherwise. The first variable of an interaction varies fastest.
 *
 * @example
 * modelColumns({ terms: [["Days"]], intercept: true }, frame).names; // ["(Intercept)", "Days"]
 */
export function modelColumns(list: TermList, frame: ModelFrame): ModelColumns {
  const n = frame.y.length;
  const names: string[] = [];
  const columns: Float64Array[] = [];
  if (list.intercept) {
    names.push("(Intercept)");
    columns.push(new Float64Array(n).fill(1));
  }
  const present = new Set(list.terms.map(termKey));
  for (const term of list.terms) {
    // null: the empty product (all ones), so a term's first variable is copied, not multiplied by 1.
    let cols: { name: string; values: Float64Array | null }[] = [{ name: "", values: null }];
    for (const label of term) {
      const v = frame.variables.get(label) as FrameVariable;
      const rest = term.filter((x) => x !== label);
      const contrasts = rest.length === 0 ? list.intercept : present.has(termKey(rest));
      const parts = variableColumns(label, v, contrasts, n);
      const next: { name: string; values: Float64Array }[] = [];
      for (const p of parts) {
        for (const c of cols) {
          const values = c.values ? multiply(c.values, p.values, n) : p.values.slice(0, n);
          next.push({ name: c.name === "" ? p.name : `${c.name}:${p.name}`, values });
        }
      }
      cols = next;
    }
    for (const c of cols) {
      names.push(c.name);
      columns.push(c.values ?? new Float64Array(n).fill(1));
    }
  }
  return { names, columns };
}

/** The elementwise product of two columns (an interaction's column). */
function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (a[i] as number) * (b[i] as number);
  return out;
}

function variableColumns(
  label: string,
  v: FrameVariable,
  contrasts: boolean,
  n: number,
): { name: string; values: Float64Array }[] {
  if (v.type === "numeric") return [{ name: label, values: v.values }];
  if (v.type === "matrix")
    return v.columns.map((values, j) => ({ name: `${label}${v.suffixes[j]}`, values }));
  const out: { name: string; values: Float64Array }[] = [];
  for (let l = contrasts ? 1 : 0; l < v.levels.length; l++) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = v.codes[i] === l ? 1 : 0;
    out.push({ name: `${label}${v.levels[l]}`, values });
  }
  return out;
}

function termKey(t: Term): string {
  return [...t].sort().join("\u0000");
}

/**
 * Drops columns that are linear combinations of earlier ones, as R's qr() with tol 1e-7 (lme4's
 * `check.rankX = "message+drop.cols"`): Gram–Schmidt in column order, a column is aliased when the
 * norm of its residual falls below 1e-7 of its own norm.
 *
 * @example
 * dropAliased({ names: ["a", "b"], columns: [x, x] }).dropped; // ["b"]
 */
export function dropAliased(m: ModelColumns): { kept: ModelColumns; dropped: string[] } {
  const n = m.columns[0]?.length ?? 0;
  const basis: Float64Array[] = [];
  const kept: ModelColumns = { names: [], columns: [] };
  const dropped: string[] = [];
  m.columns.forEach((col, j) => {
    const r = Float64Array.from(col);
    const norm0 = Math.sqrt(dot(r, r, n));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        addScaled(r, -dot(q, r, n), q, n);
      }
    }
    const norm = Math.sqrt(dot(r, r, n));
    if (norm0 === 0 || norm < 1e-7 * norm0) {
      dropped.push(m.names[j] as string);
      return;
    }
    divideBy(r, norm, n);
    basis.push(r);
    kept.names.push(m.names[j] as string);
    kept.columns.push(col);
  });
  return { kept, dropped };
}

/**
 * Random-effects terms with their model columns and grouping codes, sorted as lme4 sorts them (by
 * decreasing number of levels, ties in formula order). Checks lme4's identifiability rules.
 *
 * @example
 * randomTerms(expanded, frame).map((t) => t.group); // ["patient:therapist", "therapist"]
 */
export function randomTerms(
  f: ExpandedFormula,
  frame: ModelFrame,
  /** GLMMs (lme4's glmer, `allow.n = TRUE`) may have one level per row, e.g. observation-level effects. */
  options: { readonly allowOneLevelPerRow?: boolean } = {},
): RandomTermDesign[] {
  const n = frame.y.length;
  const out: RandomTermDesign[] = f.random.map((spec) => {
    const g = frame.groups.get(spec.group.label) as { codes: Int32Array; levels: readonly string[] };
    const cols = modelColumns(spec.lhs, frame);
    if (cols.names.length === 0) {
      throw new InputError(`formula: random-effects term for "${spec.group.label}" has no columns`);
    }
    return {
      group: spec.group.label,
      names: cols.names,
      columns: cols.columns,
      codes: g.codes,
      levels: g.levels,
    };
  });
  for (const t of out) {
    if (t.levels.length < 2) {
      throw new InputError(
        `grouping factor "${t.group}" has only ${t.levels.length} level${t.levels.length === 1 ? ` ("${t.levels[0]}")` : "s"} in the rows used; it needs at least 2`,
        { column: t.group },
      );
    }
    if (options.allowOneLevelPerRow) continue;
    if (t.levels.length >= n) {
      throw new InputError(
        `grouping factor "${t.group}" has ${t.levels.length} levels for ${n} rows: each level needs more than one observation on average (the variance of "${t.group}" and the residual variance cannot both be estimated)`,
        { column: t.group },
      );
    }
    const q = t.levels.length * t.names.length;
    if (q >= n) {
      throw new InputError(
        `the random-effects term for "${t.group}" has ${q} effects for ${n} rows; it needs fewer effects than rows`,
        { column: t.group },
      );
    }
  }
  return out
    .map((t, i) => ({ t, i }))
    .sort((a, b) => b.t.levels.length - a.t.levels.length || a.i - b.i)
    .map((x) => x.t);
}
