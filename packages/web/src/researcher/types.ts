// The runs API as the researcher pages read it (docs/study.md; results: docs/recipes.md's JSON contract
// plus `derived`, which the server adds for these pages).

export interface Study {
  id: string;
  name: string;
  arms: { id: string; code: string; name: string }[];
}

export interface Selection {
  study: string | null;
  studyName: string | null;
  from: string | null;
  to: string | null;
  arms: string[] | null;
  options: { byCondition: boolean; rater: "patient" | "therapist"; detrend: boolean };
}

/** An erasure removed a patient's rows from the run's CSV after it was recorded (docs/study.md). */
export interface Redaction {
  at: string;
  rowsRemoved: number;
  /** sha256 of the CSV before and after; the newest `after` is the sha256 of the data download now. */
  before: string;
  after: string;
}

export interface RunRecord {
  id: string;
  runAt: string;
  runBy: string;
  attuneVersion: string;
  recipe: string;
  selection: Selection;
  rows: number;
  /** sha256 of the CSV as recorded and analysed. */
  dataSha256: string;
  /** Oldest first; empty unless an erased patient was in the data. */
  redactions: Redaction[];
}

export interface FixedEffect {
  term: string;
  estimate: number;
  se: number;
  df: number | null;
  t: number;
  p: number;
}

export interface VarCorr {
  group: string;
  term?: string | null;
  terms?: string[];
  sd?: number;
  cor?: number;
}

export interface ModelSummary {
  formula: string;
  method: string;
  nobs: number;
  groups: Record<string, number>;
  fixef: FixedEffect[];
  varcorr: VarCorr[];
  sigma: number;
  deviance: number;
  logLik: number;
  AIC?: number;
  BIC?: number;
  nDropped?: number;
  singular?: boolean;
  warnings?: string[];
}

export interface SurfaceParameter {
  estimate: number;
  se: number;
  z: number;
  p: number;
}
export type Surface = Record<"a1" | "a2" | "a3" | "a4" | "a5", SurfaceParameter>;

export interface Quantity {
  label: string;
  estimate: number;
  se: number;
  df: number | null;
  p: number;
  lower: number;
  upper: number;
}

export interface Units {
  label: string;
  units: { unit: string; arm: string | null; estimate: number; lower: number; upper: number }[];
}

export interface Derived {
  ci: { term: string; lower: number; upper: number }[];
  quantities: Quantity[];
  units: Units[];
}

export interface Results {
  recipe: string;
  models: Record<string, ModelSummary>;
  surface?: Surface;
  surfaceBy?: Record<string, Surface>;
  center?: number;
  centers?: Record<string, number>;
  derived?: Record<string, Derived>;
}

export interface Run extends RunRecord {
  results: Results;
}
