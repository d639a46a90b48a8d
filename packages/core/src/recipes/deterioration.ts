// Reliable deterioration and dropout as binary outcomes by arm: binomial GLMMs (lme4's glmer, logit
// link, Laplace) with therapist random intercepts, and patient intercepts nested in therapists where a
// patient contributes several binary measures (deterioration at each session after baseline).
import { InputError, pTwoSidedZ, qNormal } from "@attune/stats";
import { jacobsonTruaxThreshold } from "../instruments/reliableChange.ts";
import { armsAmong } from "./arms.ts";
import { conditionPresent } from "./derive.ts";
import { buildFrame } from "./frame.ts";
import { runGlmm, type GlmmModelRun } from "./glmmRun.ts";
import type { RecipeOptions } from "./options.ts";
import { requireRole, type PrnData } from "./prepare.ts";
import type { ModelRun } from "./types.ts";

/** An arm's odds ratio against the reference arm (Wald z test and 95% Wald interval on the log-odds scale). */
export interface OddsRatio {
  readonly model: string;
  /** The fixed effect (R's name, e.g. `condition` or `conditiontrained`). */
  readonly term: string;
  readonly contrast: string;
  readonly logOdds: number;
  readonly se: number;
  readonly z: number;
  readonly p: number;
  readonly oddsRatio: number;
  readonly lower: number;
  readonly upper: number;
}

/** Observed events per arm of one model's rows. */
export interface ArmRate {
  readonly arm: string;
  readonly n: number;
  readonly events: number;
  readonly rate: number;
}

/** The reliable-change threshold used, and where it came from. */
export interface RciInfo {
  /** Raw-score points: a change beyond this in the bad direction is a reliable deterioration. */
  readonly threshold: number;
  /** SD of the patients' baseline scores (Jacobson–Truax s1). */
  readonly sdBaseline: number;
  /** Reliability used for the threshold, or null when the threshold was given (--rci). */
  readonly reliability: number | null;
  readonly direction: "higher-is-better" | "lower-is-better";
  readonly source: string;
}

export interface DeteriorationResult {
  readonly recipe: "deterioration";
  /** Linear models: none (this recipe's models are generalized, in `glmms`). */
  readonly models: readonly ModelRun[];
  readonly glmms: readonly GlmmModelRun[];
  readonly oddsRatios: readonly OddsRatio[];
  readonly rates: Readonly<Record<string, readonly ArmRate[]>>;
  readonly rci: RciInfo;
  readonly plannedSessions: number;
  readonly notes: readonly string[];
}

const DEFAULT_RELIABILITY = 0.8;
const Z975 = qNormal(0.975);

/**
 * The `deterioration` recipe. Baseline = a patient's first rated session; RCI threshold =
 * 1.96·SD(baseline)·√(2(1 − reliability)) (Jacobson & Truax) unless given; deterioration = a change
 * from baseline beyond it in the outcome's bad direction. Models (binomial, logit, glmer):
 * - `deterioration_last`: last rated session vs baseline, one row per patient with ≥ 2 ratings:
 *   `deteriorated ~ condition + (1 | therapist)`;
 * - `deterioration_sessions`: every rated session after baseline:
 *   `deteriorated ~ condition + time + (1 | therapist) + (1 | therapist:patient)`;
 * - `dropout`: the patient has no session at or after the planned last session (default: the largest
 *   session number in the data), one row per patient: `dropout ~ condition + (1 | therapist)`.
 * Odds ratios of each arm against the reference arm with Wald 95% intervals.
 *
 * @example
 * deterioration(data, { reliability: 0.85 }).oddsRatios; // [{ model: "dropout", contrast: "1 vs 0", oddsRatio, lower, upper, p }, ...]
 */
export function deterioration(data: PrnData, options: RecipeOptions): DeteriorationResult {
  requireRole(data, "outcome", "deterioration");
  const direction = data.outcomeDirection;
  if (direction === "unknown") {
    throw new InputError(
      `deterioration: which way is the outcome "${data.roles.outcome}" better? Give --outcome-higher-is-better or --outcome-lower-is-better`,
    );
  }
  const patients = byPatient(data);
  const baselines: number[] = [];
  for (const rows of patients.values()) {
    const first = rows.find((i) => Number.isFinite(data.outcome[i] as number));
    if (first !== undefined) baselines.push(data.outcome[first] as number);
  }
  if (baselines.length < 2)
    throw new InputError("deterioration: fewer than two patients have a rated session");
  const sdBaseline = sd(baselines);
  const rci = rciInfo(options, sdBaseline, direction);
  const worse = (change: number) =>
    direction === "higher-is-better" ? change < -rci.threshold : change > rci.threshold;

  const nrow = data.nrow;
  const lastFlag = new Float64Array(nrow).fill(Number.NaN);
  const sessionFlag = new Float64Array(nrow).fill(Number.NaN);
  const dropoutFlag = new Float64Array(nrow).fill(Number.NaN);
  const lastRows: number[] = [];
  const sessionRows: number[] = [];
  const patientRows: number[] = [];
  let planned = options.plannedSessions ?? 0;
  if (options.plannedSessions === undefined) for (const s of data.session) planned = Math.max(planned, s);
  for (const rows of patients.values()) {
    const rated = rows.filter((i) => Number.isFinite(data.outcome[i] as number) && conditionPresent(data, i));
    const first = rows[0] as number;
    if (conditionPresent(data, first)) {
      const lastSession = Math.max(...rows.map((i) => data.session[i] as number));
      dropoutFlag[first] = lastSession < planned ? 1 : 0;
      patientRows.push(first);
    }
    if (rated.length < 2) continue;
    const base = data.outcome[rated[0] as number] as number;
    for (const i of rated.slice(1)) {
      sessionFlag[i] = worse((data.outcome[i] as number) - base) ? 1 : 0;
      sessionRows.push(i);
    }
    const last = rated[rated.length - 1] as number;
    lastFlag[last] = sessionFlag[last] as number;
    lastRows.push(last);
  }
  const time = Float64Array.from(data.session, (s) => s - 1);
  const specs = [
    {
      name: "deterioration_last",
      y: "deteriorated",
      flag: lastFlag,
      rows: lastRows,
      unit: "patient",
      nested: false,
    },
    {
      name: "deterioration_sessions",
      y: "deteriorated",
      flag: sessionFlag,
      rows: sessionRows,
      unit: "session after baseline",
      nested: true,
    },
    { name: "dropout", y: "dropout", flag: dropoutFlag, rows: patientRows, unit: "patient", nested: false },
  ];
  const glmms: GlmmModelRun[] = [];
  const oddsRatios: OddsRatio[] = [];
  const rates: Record<string, ArmRate[]> = {};
  const notes: string[] = [
    `Reliable deterioration: a change from the patient's first rated session beyond ${round(rci.threshold)} points in the bad direction (${rci.source}).`,
    `Dropout: the patient has no session at or after session ${planned} (the planned length${options.plannedSessions === undefined ? ", taken as the largest session number in the data" : ""}); patients still in treatment count as dropouts, so analyse finished episodes.`,
  ];
  for (const s of specs) {
    const rows = [...s.rows].sort((a, b) => a - b);
    const arms = armsAmong(data, rows);
    rates[s.name] = armRates(data, rows, s.flag);
    const events = rows.reduce((n, i) => n + (s.flag[i] as number), 0);
    if (rows.length === 0 || events === 0 || events === rows.length) {
      notes.push(
        `${s.name}: not fitted — ${rows.length === 0 ? "no rows" : events === 0 ? "no events" : "every row is an event"}.`,
      );
      continue;
    }
    const withArm = arms[0] !== null;
    const separated = withArm
      ? (rates[s.name] ?? []).find((a) => a.events === 0 || a.events === a.n)
      : undefined;
    if (separated) {
      // Complete separation: the arm's log-odds run off to ±∞ (glmer too returns a huge estimate and SE).
      notes.push(
        `${s.name}: not fitted — arm ${separated.arm} has ${separated.events === 0 ? "no events" : "only events"} (${separated.events} of ${separated.n}), so its odds ratio cannot be estimated.`,
      );
      continue;
    }
    const fixed = [withArm ? "condition" : "1", ...(s.nested ? ["time"] : [])].join(" + ");
    const random = s.nested ? "(1 | therapist) + (1 | therapist:patient)" : "(1 | therapist)";
    const formula = `${s.y} ~ ${fixed} + ${random}`;
    const frame = buildFrame(data, rows, { [s.y]: s.flag, ...(s.nested ? { time } : {}) });
    const m = runGlmm(s.name, formula, frame, s.unit, nrow);
    glmms.push(m);
    if (withArm)
      oddsRatios.push(
        ...armOddsRatios(
          m,
          arms.filter((a) => a !== null).map((a) => a.label),
          data,
        ),
      );
  }
  return {
    recipe: "deterioration",
    models: [],
    glmms,
    oddsRatios,
    rates,
    rci,
    plannedSessions: planned,
    notes,
  };
}

/**
 * The reliable-change threshold (STATS.md §6.1): `--rci` points as given, else Jacobson–Truax from the
 * baseline SD and the reliability (0.8 when not given, said in `source`).
 *
 * @example
 * rciInfo({ reliability: 0.85 }, 0.6, "higher-is-better").threshold; // 1.96 · 0.6 · √(2 · 0.15)
 */
export function rciInfo(
  options: Pick<RecipeOptions, "rci" | "reliability">,
  sdBaseline: number,
  direction: RciInfo["direction"],
): RciInfo {
  if (options.rci !== undefined) {
    if (!(options.rci > 0))
      throw new InputError(`--rci must be a positive number of points, got ${options.rci}`);
    return {
      threshold: options.rci,
      sdBaseline,
      reliability: null,
      direction,
      source: "threshold given with --rci",
    };
  }
  const reliability = options.reliability ?? DEFAULT_RELIABILITY;
  if (!(reliability >= 0 && reliability < 1)) {
    throw new InputError(`--reliability must be at least 0 and below 1, got ${reliability}`);
  }
  return {
    threshold: jacobsonTruaxThreshold(sdBaseline, reliability),
    sdBaseline,
    reliability,
    direction,
    source: `Jacobson–Truax: 1.96 × baseline SD ${round(sdBaseline)} × √(2(1 − ${reliability}))${options.reliability === undefined ? "; reliability 0.8 assumed, give the instrument's with --reliability" : ""}`,
  };
}

/**
 * Rows of each patient (therapist and patient id together), in session order.
 *
 * @example
 * byPatient(data).get("T1\u0000P1"); // [0, 1, 2]
 */
export function byPatient(data: PrnData): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < data.nrow; i++) {
    const key = `${data.therapist[i]}\u0000${data.patient[i]}`;
    const rows = out.get(key);
    if (rows) rows.push(i);
    else out.set(key, [i]);
  }
  for (const rows of out.values())
    rows.sort((a, b) => (data.session[a] as number) - (data.session[b] as number));
  return out;
}

function armRates(data: PrnData, rows: readonly number[], flag: Float64Array): ArmRate[] {
  const acc = new Map<string, { n: number; events: number }>();
  for (const i of rows) {
    const arm = String(data.condition[i]);
    const a = acc.get(arm) ?? { n: 0, events: 0 };
    a.n++;
    a.events += flag[i] as number;
    acc.set(arm, a);
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([arm, a]) => ({ arm, n: a.n, events: a.events, rate: a.events / a.n }));
}

/** Odds ratios of the non-reference arms (categorical condition), or per unit of a numeric condition. */
function armOddsRatios(m: GlmmModelRun, arms: readonly string[], data: PrnData): OddsRatio[] {
  const numeric = data.condition instanceof Float64Array;
  const ref = arms[0] as string;
  const terms = numeric
    ? [
        {
          term: "condition",
          contrast: arms.length === 2 && ref === "0" && arms[1] === "1" ? "1 vs 0" : "per unit of condition",
        },
      ]
    : arms.slice(1).map((a) => ({ term: `condition${a}`, contrast: `${a} vs ${ref}` }));
  return terms.flatMap(({ term, contrast }) => {
    const f = m.summary.fixef.find((x) => x.term === term);
    if (!f) return [];
    return [
      {
        model: m.name,
        term,
        contrast,
        logOdds: f.estimate,
        se: f.se,
        z: f.z,
        p: pTwoSidedZ(f.z),
        oddsRatio: Math.exp(f.estimate),
        lower: Math.exp(f.estimate - Z975 * f.se),
        upper: Math.exp(f.estimate + Z975 * f.se),
      },
    ];
  });
}

/**
 * Sample standard deviation (n − 1).
 *
 * @example
 * sd([1, 2, 3]); // 1
 */
export function sd(v: readonly number[]): number {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
}

const round = (v: number) => Number(v.toPrecision(4));
