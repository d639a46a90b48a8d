// Session-, patient- and therapist-level predictors for growth and lagged: each predictor split into its
// within-patient, between-patient and between-therapist parts, and therapist-level moderators of a
// recipe's focal slope (cross-level interactions). The split is what lme4 sees: plain numeric columns.
import { InputError } from "@attune/stats";
import { labelColumn, safeName } from "./extraColumns.ts";
import { rowRef, type PrnData } from "./prepare.ts";

/** A predictor as it enters a model: one numeric column (a category becomes one 0/1 column per level). */
export interface PredictorColumn {
  /** What the user named (`years`, or `orientation=CBT` for a level of a categorical column). */
  readonly label: string;
  /** Formula-safe stem of the derived columns (`years`, `orientation_CBT`). */
  readonly stem: string;
  readonly values: Float64Array;
}

/** The level at which a predictor varies over the model's rows. */
export type PredictorLevel = "session" | "patient" | "therapist";

/** One predictor split into parts; each part names its model column. */
export interface SplitPredictor {
  readonly label: string;
  readonly level: PredictorLevel;
  /** x − patient mean (session-level predictors only). */
  readonly withinPatient?: string;
  /** patient mean − therapist mean (session- and patient-level predictors). */
  readonly betweenPatients?: string;
  /** therapist mean − mean of the therapists' means (every predictor). */
  readonly betweenTherapists: string;
}

/** Derived columns and terms of the predictors and moderators of one model. */
export interface LevelTerms {
  /** Derived columns (length nrow, NaN off the model's rows). */
  readonly columns: Record<string, Float64Array>;
  /** Fixed terms to add (predictor parts and moderator main effects), in order. */
  readonly terms: readonly string[];
  readonly predictors: readonly SplitPredictor[];
  /** Therapist-level moderators: label and centred column name (`<stem>_tm`). */
  readonly moderators: ReadonlyArray<{ readonly label: string; readonly column: string }>;
  /** Every derived column at 0 (the average therapist/patient/session), for contrasts. */
  readonly zeros: Readonly<Record<string, number>>;
}

/**
 * Reads predictor columns: numeric as they are; a categorical column becomes one 0/1 indicator per level
 * but the first in sorted order (the reference).
 *
 * @example
 * predictorColumns(data, ["years", "orientation"], "--predictors"); // years, orientation=CBT, ...
 */
export function predictorColumns(
  data: PrnData,
  names: readonly string[],
  purpose: string,
): PredictorColumn[] {
  const out: PredictorColumn[] = [];
  for (const name of names) {
    const col = data.source.columns.get(name);
    if (!col) {
      throw new InputError(
        `${purpose}: column "${name}" not found; the data have columns: ${data.source.names.join(", ")}`,
      );
    }
    if (col.type === "numeric") {
      out.push({ label: name, stem: safeName(name), values: col.values });
      continue;
    }
    const labels = labelColumn(data, name, purpose);
    const levels = [...new Set(labels.filter((l): l is string => l !== null))].sort();
    if (levels.length < 2) {
      throw new InputError(
        `${purpose}: column "${name}" needs numbers or at least two categories, found ${levels.length} (${levels.join(", ")})`,
      );
    }
    for (const level of levels.slice(1)) {
      out.push({
        label: `${name}=${level}`,
        stem: safeName(`${name}_${level}`),
        values: Float64Array.from(labels, (v) => (v === null ? Number.NaN : v === level ? 1 : 0)),
      });
    }
  }
  return out;
}

interface Means {
  patient: Map<string, number>;
  therapist: Map<string, number>;
  grand: number;
  level: PredictorLevel;
}

function means(data: PrnData, values: Float64Array, rows: readonly number[]): Means {
  const acc = (m: Map<string, [number, number]>, k: string, v: number) => {
    const a = m.get(k) ?? [0, 0];
    a[0] += v;
    a[1] += 1;
    m.set(k, a);
  };
  const p = new Map<string, [number, number]>();
  const t = new Map<string, [number, number]>();
  const pMin = new Map<string, number>();
  const pMax = new Map<string, number>();
  const tMin = new Map<string, number>();
  const tMax = new Map<string, number>();
  for (const i of rows) {
    const v = values[i] as number;
    const pid = data.patient[i] as string;
    const tid = data.therapist[i] as string;
    acc(p, pid, v);
    acc(t, tid, v);
    pMin.set(pid, Math.min(pMin.get(pid) ?? v, v));
    pMax.set(pid, Math.max(pMax.get(pid) ?? v, v));
    tMin.set(tid, Math.min(tMin.get(tid) ?? v, v));
    tMax.set(tid, Math.max(tMax.get(tid) ?? v, v));
  }
  const mean = (m: Map<string, [number, number]>) => new Map([...m].map(([k, [s, n]]) => [k, s / n]));
  const therapist = mean(t);
  const grand = [...therapist.values()].reduce((s, v) => s + v, 0) / Math.max(1, therapist.size);
  const constant = (lo: Map<string, number>, hi: Map<string, number>) =>
    [...lo].every(([k, v]) => hi.get(k) === v);
  const level: PredictorLevel = constant(tMin, tMax)
    ? "therapist"
    : constant(pMin, pMax)
      ? "patient"
      : "session";
  return { patient: mean(p), therapist, grand, level };
}

function firstDisagreement(data: PrnData, values: Float64Array, rows: readonly number[]): string {
  const seen = new Map<string, { v: number; row: number }>();
  for (const i of rows) {
    const t = data.therapist[i] as string;
    const v = values[i] as number;
    const prev = seen.get(t);
    if (!prev) seen.set(t, { v, row: i });
    else if (prev.v !== v)
      return `therapist "${t}" has ${prev.v} (${rowRef(prev.row)}) and ${v} (${rowRef(i)})`;
  }
  return "";
}

/**
 * Splits predictors over a model's rows into within-patient (`<stem>_wp` = x − patient mean),
 * between-patient (`<stem>_pb` = patient mean − therapist mean) and between-therapist (`<stem>_tm` =
 * therapist mean − unweighted mean of the therapists' means) parts — only the parts that vary: a value
 * constant within each therapist (years of practice) gets `_tm` only, one constant within each patient
 * gets `_pb` and `_tm`. Moderators must be constant within each therapist; they enter as `<stem>_tm`
 * (centred over therapists), and the caller adds their interaction with its focal slope.
 *
 * @example
 * const lt = splitLevels(data, rows, predictorColumns(data, ["experience"], "--predictors"), []);
 * lt.terms; // ["experience_wp", "experience_pb", "experience_tm"]
 */
export function splitLevels(
  data: PrnData,
  rows: readonly number[],
  predictors: readonly PredictorColumn[],
  moderators: readonly PredictorColumn[],
): LevelTerms {
  const columns: Record<string, Float64Array> = {};
  const terms: string[] = [];
  const split: SplitPredictor[] = [];
  const column = (name: string, f: (i: number) => number) => {
    const c = new Float64Array(data.nrow).fill(Number.NaN);
    for (const i of rows) c[i] = f(i);
    columns[name] = c;
    if (!terms.includes(name)) terms.push(name);
    return name;
  };
  const modStems = new Set(moderators.map((m) => m.stem));
  const mods = moderators.map((m) => {
    const mm = means(data, m.values, rows);
    if (mm.level !== "therapist") {
      throw new InputError(
        `--moderator "${m.label}" must have one value per therapist (a therapist attribute), but ${firstDisagreement(data, m.values, rows)}`,
      );
    }
    const name = column(
      `${m.stem}_tm`,
      (i) => (mm.therapist.get(data.therapist[i] as string) as number) - mm.grand,
    );
    return { label: m.label, column: name };
  });
  for (const x of predictors) {
    if (modStems.has(x.stem)) continue; // a moderator's main effect is already in
    const mm = means(data, x.values, rows);
    const pm = (i: number) => mm.patient.get(data.patient[i] as string) as number;
    const tm = (i: number) => mm.therapist.get(data.therapist[i] as string) as number;
    const within =
      mm.level === "session" ? column(`${x.stem}_wp`, (i) => (x.values[i] as number) - pm(i)) : undefined;
    const between = mm.level !== "therapist" ? column(`${x.stem}_pb`, (i) => pm(i) - tm(i)) : undefined;
    const therapist = column(`${x.stem}_tm`, (i) => tm(i) - mm.grand);
    split.push({
      label: x.label,
      level: mm.level,
      ...(within && { withinPatient: within }),
      ...(between && { betweenPatients: between }),
      betweenTherapists: therapist,
    });
  }
  const zeros = Object.fromEntries(Object.keys(columns).map((k) => [k, 0]));
  return { columns, terms, predictors: split, moderators: mods, zeros };
}

/**
 * The fixed-effect name lme4 (and the engine) gives the interaction of two terms, whatever their order.
 *
 * @example
 * interactionName(["time", "years_tm", "time:years_tm"], "time", "years_tm"); // "time:years_tm"
 */
export function interactionName(names: readonly string[], a: string, b: string): string {
  const key = [a, b].sort().join(":");
  const found = names.find((n) => n.split(":").sort().join(":") === key);
  if (!found) throw new Error(`no interaction ${a}:${b} among the fixed effects (${names.join(", ")})`);
  return found;
}
